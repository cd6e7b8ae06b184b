import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  AzureKeyVaultSecretStore, ChainedSecretStore, DirectorySecretStore, EnvSecretStore, createSecretStore,
  parseSecretStoreConfig, secretStoreConfigFromEnv, writeSecret,
} from './index.ts';
import { tempDir } from './test-support/temp-dir.ts';

describe('createSecretStore', () => {
  it('defaults to the directory store at <project>/secrets', () => {
    const store = createSecretStore(undefined, { projectDir: '/srv/job', env: {} });
    assert.ok(store instanceof DirectorySecretStore);
    assert.equal(store.root, path.resolve('/srv/job/secrets'));
  });

  it('builds each provider', () => {
    assert.ok(createSecretStore({ provider: 'env' }) instanceof EnvSecretStore);
    const azure = createSecretStore({ provider: 'azure-keyvault', vaultUrl: 'https://{vault}.vault.azure.cn', managedIdentity: { type: 'system-assigned' } });
    assert.ok(azure instanceof AzureKeyVaultSecretStore);
    assert.match(azure.describe(), /vault\.azure\.cn, system-assigned managed identity/);
  });

  it('chains stores: env overrides the folder, and falls through only on not found', async () => {
    const projectDir = await tempDir('sluice-chain-');
    await writeSecret(path.join(projectDir, 'secrets'), 'kv1', 'pw', 'from-folder');
    await writeSecret(path.join(projectDir, 'secrets'), 'kv1', 'user', 'folder-user');
    const store = createSecretStore({ provider: 'chain', stores: [{ provider: 'env' }, { provider: 'directory' }] }, {
      projectDir, env: { SLUICE_SECRET_KV1_PW: 'from-env' },
    });
    assert.ok(store instanceof ChainedSecretStore);
    assert.equal((await store.get('kv1', 'pw')).value, 'from-env');
    assert.equal((await store.get('kv1', 'user')).value, 'folder-user');
    await assert.rejects(store.get('kv1', 'missing'), { code: 'SLUICE_SECRET_NOT_FOUND' });
  });
});

describe('parseSecretStoreConfig', () => {
  it('accepts each documented shape', () => {
    assert.deepEqual(parseSecretStoreConfig({ provider: 'directory', dir: '/run/secrets' }), { provider: 'directory', dir: '/run/secrets' });
    assert.deepEqual(parseSecretStoreConfig({ provider: 'azure-keyvault', managedIdentity: { type: 'user-assigned', clientId: 'abc' } }), {
      provider: 'azure-keyvault', managedIdentity: { type: 'user-assigned', clientId: 'abc' },
    });
  });

  it('rejects bad configs with a specific message', () => {
    assert.throws(() => parseSecretStoreConfig({ provider: 'vault' }), { code: 'SLUICE_SECRET_CONFIG_INVALID', message: /unknown provider "vault"/ });
    assert.throws(() => parseSecretStoreConfig({ provider: 'azure-keyvault', managedIdentity: { type: 'user-assigned' } }), /clientId/);
    assert.throws(() => parseSecretStoreConfig({ provider: 'azure-keyvault', vaultUrl: 'http://x' }), /https/);
    assert.throws(() => parseSecretStoreConfig({ provider: 'chain', stores: [] }), /non-empty/);
  });

  it('reads the environment variables', () => {
    assert.deepEqual(secretStoreConfigFromEnv({}), { provider: 'directory' });
    assert.deepEqual(secretStoreConfigFromEnv({ SLUICE_SECRETS_PROVIDER: 'azure-keyvault', SLUICE_MANAGED_IDENTITY: 'system' }), {
      provider: 'azure-keyvault', managedIdentity: { type: 'system-assigned' },
    });
    assert.deepEqual(secretStoreConfigFromEnv({ SLUICE_SECRETS_PROVIDER: 'azure-keyvault', SLUICE_MANAGED_IDENTITY: 'cid-1' }), {
      provider: 'azure-keyvault', managedIdentity: { type: 'user-assigned', clientId: 'cid-1' },
    });
  });

  it('turns challenge resource verification off only when asked, and only for an explicit vault URL', () => {
    const base = { SLUICE_SECRETS_PROVIDER: 'azure-keyvault', SLUICE_KEYVAULT_URL: 'https://127.0.0.1:8443' };
    assert.deepEqual(secretStoreConfigFromEnv(base), { provider: 'azure-keyvault', vaultUrl: 'https://127.0.0.1:8443' }, 'off by default');
    assert.deepEqual(secretStoreConfigFromEnv({ ...base, SLUICE_KEYVAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION: '1' }), {
      provider: 'azure-keyvault', vaultUrl: 'https://127.0.0.1:8443', disableChallengeResourceVerification: true,
    });
    assert.deepEqual(secretStoreConfigFromEnv({ ...base, SLUICE_KEYVAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION: 'false' }), { provider: 'azure-keyvault', vaultUrl: 'https://127.0.0.1:8443' });
    assert.throws(() => secretStoreConfigFromEnv({ SLUICE_SECRETS_PROVIDER: 'azure-keyvault', SLUICE_KEYVAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION: 'true' }),
      (err: unknown) => err instanceof Error && (err as { code?: string }).code === 'SLUICE_SECRET_CONFIG_INVALID' && /needs an explicit 'vaultUrl'/.test(err.message));
    assert.throws(() => secretStoreConfigFromEnv({ ...base, SLUICE_KEYVAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION: 'yes' }), /must be 1\/true or 0\/false/);
    assert.throws(() => parseSecretStoreConfig({ provider: 'azure-keyvault', vaultUrl: 'https://x', disableChallengeResourceVerification: 'yes' }), /true or false/);
    const store = createSecretStore(secretStoreConfigFromEnv({ ...base, SLUICE_KEYVAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION: '1' }));
    assert.match(store.describe(), /challenge resource verification OFF/);
  });
});
