// A Kafka connection authenticates with material read from each secret store — a local secret folder,
// environment variables, and Azure Key Vault through the real Azure SDK with a managed identity (against
// loopback fakes of the Key Vault and managed-identity endpoints: no emulator exists). ASA reads
// certificates as PEM secrets from Key Vault with the job's managed identity
// (learn.microsoft.com/azure/stream-analytics/stream-analytics-define-kafka-input, "Key vault integration").
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resolveKafkaConnection } from '../../src/app/index.ts';
import { RdkafkaAdmin, RdkafkaRecordWriter } from '../../src/connectors/kafka/index.ts';
import type { KafkaConnectionSpec } from '../../src/job/index.ts';
import { AzureKeyVaultSecretStore, DirectorySecretStore, EnvSecretStore, envVariableName, writeSecret, type SecretStore } from '../../src/secrets/index.ts';
import { FakeKeyVault } from '../../src/secrets/test-support/fake-key-vault.ts';
import { FakeManagedIdentityEndpoint } from '../../src/secrets/test-support/fake-managed-identity-endpoint.ts';
import { testCertificates } from '../../src/secrets/test-support/test-certificates.ts';
import { connectionFor, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';

const broker = requireBroker();
const VAULT = 'kv-kafka';
const TOKEN = 'fake-managed-identity-token';

function secretsOf(b: NonNullable<typeof broker>): Record<string, string> {
  return {
    'kafka-password': b.user.password,
    'kafka-ca': b.tls.caPem,
    'kafka-client-cert': b.tls.clientCertPem,
    'kafka-client-key': b.tls.clientKeyPem,
  };
}

function saslSslSpec(): KafkaConnectionSpec {
  return {
    bootstrapServers: [broker!.bootstrap.saslSsl], securityProtocol: 'SASL_SSL', saslMechanism: 'SCRAM-SHA-512',
    username: broker!.user.username, password: { kind: 'secret', name: 'kafka-password' },
    keyVaultName: VAULT, truststoreCertificateSecretName: 'kafka-ca',
  };
}

function mtlsSpec(): KafkaConnectionSpec {
  return {
    bootstrapServers: [broker!.bootstrap.ssl], securityProtocol: 'mTLS', keyVaultName: VAULT,
    truststoreCertificateSecretName: 'kafka-ca', keystoreCertificateSecretName: 'kafka-client-cert', keystoreKeySecretName: 'kafka-client-key',
  };
}

describe('Kafka connections from secret stores', { skip: skipWithoutBroker(broker) }, () => {
  let topic = '';
  let dir = '';
  let vault: FakeKeyVault;
  let identity: FakeManagedIdentityEndpoint;
  const stores: Record<string, SecretStore> = {};

  before(async () => {
    const admin = new RdkafkaAdmin(connectionFor(broker!, 'None'));
    topic = uniqueName('secrets');
    try {
      await admin.createTopic(topic, { partitions: 1, config: { 'message.timestamp.type': 'LogAppendTime' } });
    } finally {
      await admin.close();
    }
    const material = secretsOf(broker!);
    dir = await mkdtemp(join(tmpdir(), 'sluice-kafka-secrets-'));
    for (const [name, value] of Object.entries(material)) await writeSecret(dir, VAULT, name, value);
    stores['a local secret folder'] = new DirectorySecretStore(dir);
    const env: NodeJS.ProcessEnv = {};
    for (const [name, value] of Object.entries(material)) env[envVariableName(VAULT, name)] = value;
    stores['environment variables'] = new EnvSecretStore({ env });
    // The managed identity endpoint must be known before the first credential is created.
    identity = await FakeManagedIdentityEndpoint.start(TOKEN, 'identity-header');
    process.env['IDENTITY_ENDPOINT'] = identity.url;
    process.env['IDENTITY_HEADER'] = 'identity-header';
    const certs = testCertificates();
    vault = await FakeKeyVault.start({ cert: certs.serverPem, key: certs.serverKeyPem, acceptToken: TOKEN });
    Object.entries(material).forEach(([name, value], i) => vault.setSecret(name, value, `${i}`.padStart(32, '0'), 'application/x-pem-file'));
    stores['Azure Key Vault with a managed identity'] = new AzureKeyVaultSecretStore({
      vaultUrl: vault.url, caCertificates: certs.caPem, disableChallengeResourceVerification: true,
      managedIdentity: { type: 'system-assigned' },
    });
  });

  after(async () => {
    await vault?.close();
    await identity?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  for (const storeName of ['a local secret folder', 'environment variables', 'Azure Key Vault with a managed identity']) {
    for (const [protocol, spec] of [['SASL_SSL SCRAM-SHA-512', saslSslSpec], ['mTLS', mtlsSpec]] as const) {
      it(`${protocol} with material from ${storeName}`, async () => {
        const resolved = await resolveKafkaConnection(spec(), stores[storeName]!, { owner: "input 'telemetry'" });
        assert.ok(resolved.secrets.length >= 2);
        const writer = await RdkafkaRecordWriter.connect(resolved.connection);
        try {
          await writer.write(topic, [{ value: Buffer.from(`${storeName}/${protocol}`) }]);
        } finally {
          await writer.close();
        }
      });
    }
  }

  it('the Key Vault requests went through the managed identity', () => {
    assert.ok(identity.requests.some((r) => r.query['resource'] === 'https://vault.azure.net' && r.identityHeader === 'identity-header'), JSON.stringify(identity.requests));
    assert.ok(vault.requests.some((r) => /^\/secrets\/kafka-client-key\/?$/.test(r.path) && r.authorization === `Bearer ${TOKEN}`), JSON.stringify(vault.requests.map((r) => [r.path, r.authorization])));
  });

  it('a wrong password in the store fails authentication, naming the input, without the password', async () => {
    const wrong = uniqueName('wrong-password');
    const store = new EnvSecretStore({ env: { ...Object.fromEntries(Object.entries(secretsOf(broker!)).map(([n, v]) => [envVariableName(VAULT, n), v])), [envVariableName(VAULT, 'kafka-password')]: wrong } });
    const resolved = await resolveKafkaConnection(saslSslSpec(), store, { owner: "input 'telemetry'" });
    await assert.rejects(RdkafkaRecordWriter.connect(resolved.connection), (err: Error & { code?: string }) => {
      assert.equal(err.code, 'SLUICE_KAFKA_AUTHENTICATION');
      assert.ok(!err.message.includes(wrong));
      return true;
    });
  });

  it('an expired client certificate is refused before connecting, naming the input, vault and secret', async () => {
    const store = new EnvSecretStore({ env: {
      [envVariableName(VAULT, 'kafka-ca')]: broker!.tls.caPem,
      [envVariableName(VAULT, 'kafka-client-cert')]: testCertificates().expiredPem,
      [envVariableName(VAULT, 'kafka-client-key')]: testCertificates().leafKeyPem,
    } });
    await assert.rejects(resolveKafkaConnection(mtlsSpec(), store, { owner: "input 'telemetry'" }), (err: Error & { code?: string }) => {
      assert.match(err.message, /^input 'telemetry': /);
      assert.match(err.message, /kafka-client-cert/);
      assert.match(err.message, /expired/i);
      return true;
    });
  });

  it('a missing secret is reported with the input and the secret name', async () => {
    await assert.rejects(resolveKafkaConnection(mtlsSpec(), new EnvSecretStore({ env: {} }), { owner: "input 'telemetry'" }), (err: Error & { code?: string }) => {
      assert.match(err.message, /^input 'telemetry': .*kafka-ca/);
      return true;
    });
  });

  it('a secret reference without KeyVaultName is a configuration error', async () => {
    const { keyVaultName: _unused, ...spec } = saslSslSpec();
    await assert.rejects(resolveKafkaConnection(spec, new EnvSecretStore({ env: {} }), { owner: "input 'telemetry'" }), /KeyVaultName is not set/);
  });
});
