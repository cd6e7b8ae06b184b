// Runs the real @azure/keyvault-secrets and @azure/identity against a fake Key Vault (HTTPS on
// loopback, trusted through the SDK's tlsOptions) and a fake App Service managed-identity endpoint
// (selected by IDENTITY_ENDPOINT/IDENTITY_HEADER), and asserts what the SDK sent to both.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SluiceError } from '../common/index.ts';
import { AzureKeyVaultSecretStore, redactSecrets } from './index.ts';
import { FakeKeyVault } from './test-support/fake-key-vault.ts';
import { FakeManagedIdentityEndpoint } from './test-support/fake-managed-identity-endpoint.ts';
import { testCertificates } from './test-support/test-certificates.ts';

// Anything that could steer the SDK elsewhere (other identity sources, a real service principal,
// proxies) is removed, so the only identity source left is the loopback fake set below.
for (const name of [
  'MSI_ENDPOINT', 'MSI_SECRET', 'IDENTITY_SERVER_THUMBPRINT', 'IMDS_ENDPOINT', 'AZURE_POD_IDENTITY_AUTHORITY_HOST',
  'AZURE_FEDERATED_TOKEN_FILE', 'AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH',
  'AZURE_USERNAME', 'AZURE_TOKEN_CREDENTIALS', 'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy',
]) delete process.env[name];

const TOKEN = 'fake-access-token-for-tests';
const IDENTITY_HEADER = 'fake-identity-header';
// Pinned by @azure/keyvault-secrets 4.12.0 (LATEST_API_VERSION); an SDK upgrade changes it on purpose.
const API_VERSION = '2026-04-01';
const SECRET_VALUE = 'kafka-password-Zx81!q';

let vault: FakeKeyVault;
let identity: FakeManagedIdentityEndpoint;

function storeFor(extra: ConstructorParameters<typeof AzureKeyVaultSecretStore>[0] = {}): AzureKeyVaultSecretStore {
  return new AzureKeyVaultSecretStore({
    vaultUrl: vault.url,
    caCertificates: testCertificates().caPem,
    disableChallengeResourceVerification: true,
    ...extra,
  });
}

before(async () => {
  const certs = testCertificates();
  identity = await FakeManagedIdentityEndpoint.start(TOKEN, IDENTITY_HEADER);
  // Must be set before the first credential exists: MSAL picks the identity source once per process.
  process.env['IDENTITY_ENDPOINT'] = identity.url;
  process.env['IDENTITY_HEADER'] = IDENTITY_HEADER;
  vault = await FakeKeyVault.start({ cert: certs.serverPem, key: certs.serverKeyPem, acceptToken: TOKEN });
  vault.setSecret('kafka-password', SECRET_VALUE, '0123456789abcdef0123456789abcdef');
  vault.setSecret('kafka-ca', certs.caPem, 'aaaabbbbccccddddeeeeffff00001111', 'application/x-pem-file');
  vault.forbid('locked');
});

after(async () => {
  await vault.close();
  await identity.close();
});

describe('AzureKeyVaultSecretStore against a fake Key Vault', () => {
  it('reads a secret as the system-assigned identity, answering the 401 challenge', async () => {
    const store = storeFor({ managedIdentity: { type: 'system-assigned' } });
    const secret = await store.get('kv-test', 'kafka-password');
    assert.equal(secret.value, SECRET_VALUE);
    assert.equal(secret.version, '0123456789abcdef0123456789abcdef');
    assert.equal(secret.vault, 'kv-test');
    assert.ok(secret.readAt instanceof Date);

    const calls = vault.requests.filter((r) => r.path.startsWith('/secrets/kafka-password'));
    assert.equal(calls[0]?.authorization, undefined, 'the first request is anonymous, to get the challenge');
    const authed = calls.find((r) => r.authorization !== undefined);
    assert.equal(authed?.authorization, `Bearer ${TOKEN}`);
    assert.equal(authed?.method, 'GET');
    assert.match(authed?.path ?? '', /^\/secrets\/kafka-password\/?$/);
    assert.equal(authed?.query['api-version'], API_VERSION);

    const tokenCall = identity.requests.at(-1);
    assert.ok(tokenCall, 'the loopback identity endpoint was used');
    assert.equal(tokenCall.query['api-version'], '2019-08-01');
    assert.equal(tokenCall.query['resource'], 'https://vault.azure.net');
    assert.equal(tokenCall.query['client_id'], undefined);
    assert.equal(tokenCall.identityHeader, IDENTITY_HEADER);
  });

  it('passes the client id of a user-assigned identity to the token endpoint', async () => {
    const clientId = '11111111-2222-3333-4444-555555555555';
    const store = storeFor({ managedIdentity: { type: 'user-assigned', clientId } });
    const secret = await store.get('kv-test', 'kafka-ca');
    assert.equal(secret.contentType, 'application/x-pem-file');
    assert.ok(identity.requests.some((r) => r.query['client_id'] === clientId), JSON.stringify(identity.requests.map((r) => r.query)));
  });

  it('uses DefaultAzureCredential when no identity is configured (reaching the same loopback endpoint)', async () => {
    const seen = vault.requests.length;
    const secret = await storeFor().get('kv-test', 'kafka-password');
    assert.equal(secret.value, SECRET_VALUE);
    // Only the fake identity endpoint issues TOKEN (MSAL may serve it from its process-wide cache).
    assert.ok(vault.requests.slice(seen).some((r) => r.authorization === `Bearer ${TOKEN}`));
  });

  it('maps 404 to SLUICE_SECRET_NOT_FOUND naming vault and secret', async () => {
    await assert.rejects(storeFor({ managedIdentity: { type: 'system-assigned' } }).get('kv-test', 'nope'), (err: unknown) => {
      assert.ok(err instanceof SluiceError);
      assert.equal(err.code, 'SLUICE_SECRET_NOT_FOUND');
      assert.equal(err.domain, 'user');
      assert.match(err.message, /secret 'nope' in vault 'kv-test'/);
      assert.match(err.hint ?? '', /az keyvault secret set --vault-name kv-test --name nope/);
      return true;
    });
  });

  it("maps 403 to the missing 'Key Vault Secrets User' role", async () => {
    await assert.rejects(storeFor({ managedIdentity: { type: 'system-assigned' } }).get('kv-test', 'locked'), (err: unknown) => {
      assert.ok(err instanceof SluiceError);
      assert.equal(err.code, 'SLUICE_SECRET_ACCESS_DENIED');
      assert.equal(err.retryable, false);
      assert.match(err.message, /lacks the 'Key Vault Secrets User' role on vault 'kv-test'/);
      return true;
    });
  });

  it('maps an unreachable vault to a retryable external error', async () => {
    const closed = await FakeKeyVault.start({ cert: testCertificates().serverPem, key: testCertificates().serverKeyPem, acceptToken: TOKEN });
    const url = closed.url;
    await closed.close();
    const store = new AzureKeyVaultSecretStore({
      vaultUrl: url, caCertificates: testCertificates().caPem, disableChallengeResourceVerification: true,
      managedIdentity: { type: 'system-assigned' }, maxRetries: 0,
    });
    await assert.rejects(store.get('kv-test', 'kafka-password'), (err: unknown) => {
      assert.ok(err instanceof SluiceError);
      assert.equal(err.code, 'SLUICE_SECRET_UNAVAILABLE');
      assert.equal(err.domain, 'external');
      assert.equal(err.retryable, true);
      return true;
    });
  });

  it('registers what it read for redaction and keeps values out of describe()', async () => {
    await storeFor({ managedIdentity: { type: 'system-assigned' } }).get('kv-test', 'kafka-password');
    assert.equal(redactSecrets(`sasl password=${SECRET_VALUE}`), 'sasl password=***');
    assert.doesNotMatch(storeFor().describe(), new RegExp(SECRET_VALUE));
  });
});

describe('AzureKeyVaultSecretStore vault URLs', () => {
  it('maps KeyVaultName to https://<name>.vault.azure.net and validates it', () => {
    const store = new AzureKeyVaultSecretStore();
    assert.equal(store.vaultUrlOf('MyVault-01'), 'https://myvault-01.vault.azure.net');
    assert.throws(() => store.vaultUrlOf('a/b'), { code: 'SLUICE_SECRET_NAME_INVALID' });
    assert.throws(() => store.vaultUrlOf('x'), { code: 'SLUICE_SECRET_NAME_INVALID' });
  });

  it('supports other clouds through a {vault} template', () => {
    const store = new AzureKeyVaultSecretStore({ vaultUrl: 'https://{vault}.vault.azure.cn' });
    assert.equal(store.vaultUrlOf('kv1-cn'), 'https://kv1-cn.vault.azure.cn');
  });

  it('rejects secret names Key Vault would not accept, before any request', async () => {
    await assert.rejects(new AzureKeyVaultSecretStore().get('kv-test', '../etc'), { code: 'SLUICE_SECRET_NAME_INVALID' });
  });
});
