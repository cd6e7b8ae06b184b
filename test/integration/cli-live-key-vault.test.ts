// `sluice run` (a child process) whose Kafka password and CA certificate come from Azure Key Vault, read
// with the real Azure SDK as the job's user-assigned managed identity (JobConfig.json) — against loopback
// FAKES of Key Vault (HTTPS, src/secrets/test-support) and of the managed-identity endpoint (the SDK's
// IDENTITY_ENDPOINT/IDENTITY_HEADER), since no Key Vault emulator exists. The fake answers the challenge
// with resource https://vault.azure.net like the real service, so the SDK's challenge check refuses it
// unless the explicit opt-in SLUICE_KEYVAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION=1 is given: the run
// without it must fail with a specific error. Nothing here can reach a non-loopback address.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { RdkafkaRecordReader, RdkafkaRecordWriter } from '../../src/connectors/kafka/index.ts';
import { FakeKeyVault } from '../../src/secrets/test-support/fake-key-vault.ts';
import { FakeManagedIdentityEndpoint } from '../../src/secrets/test-support/fake-managed-identity-endpoint.ts';
import { testCertificates } from '../../src/secrets/test-support/test-certificates.ts';
import { connectionFor, createTopics, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';

const broker = requireBroker();
const CLI = fileURLToPath(new URL('../../src/cli/sluice.ts', import.meta.url));
const TOKEN = 'fake-managed-identity-token-cli';
const IDENTITY_HEADER = 'fake-identity-header-cli';
const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
// Anything that could steer the SDK to another identity source, a real tenant or a proxy.
const STEERING = [
  'MSI_ENDPOINT', 'MSI_SECRET', 'IDENTITY_SERVER_THUMBPRINT', 'IMDS_ENDPOINT', 'AZURE_POD_IDENTITY_AUTHORITY_HOST',
  'AZURE_FEDERATED_TOKEN_FILE', 'AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH',
  'AZURE_USERNAME', 'AZURE_TOKEN_CREDENTIALS', 'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy',
];

interface Run { output: () => string; stop: () => Promise<number | null>; exited: Promise<number | null> }

function run(dir: string, env: Record<string, string>): Run {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of STEERING) delete base[name];
  const child = spawn(process.execPath, [CLI, 'run', dir], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { output: () => out, exited, stop: () => { child.kill('SIGTERM'); return exited; } };
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('sluice run with secrets from Azure Key Vault (fakes on loopback)', { skip: skipWithoutBroker(broker) }, () => {
  let dir = '';
  let vault: FakeKeyVault;
  let identity: FakeManagedIdentityEndpoint;
  let env: Record<string, string>;
  let input = '';
  let output = '';

  before(async () => {
    const certs = testCertificates();
    identity = await FakeManagedIdentityEndpoint.start(TOKEN, IDENTITY_HEADER);
    vault = await FakeKeyVault.start({ cert: certs.serverPem, key: certs.serverKeyPem, acceptToken: TOKEN });
    vault.setSecret('kafka-password', broker!.user.password, 'a'.repeat(32));
    vault.setSecret('kafka-ca', broker!.tls.caPem, 'b'.repeat(32), 'application/x-pem-file');
    dir = await mkdtemp(join(tmpdir(), 'sluice-live-kv-'));
    // The fake vault's TLS certificate is trusted the way a private CA would be: Node's NODE_EXTRA_CA_CERTS.
    await writeFile(join(dir, 'vault-ca.pem'), certs.caPem);
    env = {
      SLUICE_SECRETS_PROVIDER: 'azure-keyvault', SLUICE_KEYVAULT_URL: vault.url,
      IDENTITY_ENDPOINT: identity.url, IDENTITY_HEADER, NODE_EXTRA_CA_CERTS: join(dir, 'vault-ca.pem'),
    };
    input = uniqueName('kv-live-in');
    output = uniqueName('kv-live-out');
    await createTopics(connectionFor(broker!, 'None'), { [input]: { partitions: 1, config: { 'message.timestamp.type': 'LogAppendTime' } }, [output]: { partitions: 1 } });
    await mkdir(join(dir, 'Inputs'));
    await mkdir(join(dir, 'Outputs'));
    await writeFile(join(dir, 'Inputs/readings.json'), JSON.stringify({
      Name: 'readings', Type: 'Data Stream', DataSourceType: 'Kafka', Serialization: { Type: 'Json', Encoding: 'UTF8' },
      KafkaProperties: {
        BootstrapServers: broker!.bootstrap.saslSsl, Topic: input, SecurityProtocol: 'SASL_SSL', SaslMechanism: 'SCRAM-SHA-512',
        Username: broker!.user.username, Password: { SecretName: 'kafka-password' }, KeyVaultName: 'kv-live', TruststoreCertificateSecretName: 'kafka-ca',
      },
    }));
    await writeFile(join(dir, 'Outputs/out.json'), JSON.stringify({
      Name: 'out', DataSourceType: 'Kafka', Serialization: { Type: 'Json', Encoding: 'UTF8' },
      KafkaProperties: { BootstrapServers: broker!.bootstrap.plaintext, Topic: output, SecurityProtocol: 'None' },
    }));
    await writeFile(join(dir, 'q.asaql'), 'SELECT deviceId, temp INTO out FROM readings');
    await writeFile(join(dir, 'JobConfig.json'), JSON.stringify({ OutputStartMode: 'JobStartTime', Identity: { Type: 'UserAssigned', ClientId: CLIENT_ID } }));
    await writeFile(join(dir, 'asaproj.json'), JSON.stringify({ name: 'kv-live', startFile: 'q.asaql', configurations: [
      { filePath: 'JobConfig.json', subType: 'JobConfig' }, { filePath: 'Inputs/readings.json', subType: 'Input' }, { filePath: 'Outputs/out.json', subType: 'Output' },
    ] }));
  });
  after(async () => {
    await vault?.close();
    await identity?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('without the opt-in, refuses the fake vault\'s challenge with a specific error', async () => {
    const r = run(dir, env);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([r.exited, new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), 60_000); })]);
    clearTimeout(timer);
    if (code === 'timeout') await r.stop();
    assert.notEqual(code, 0, r.output());
    assert.notEqual(code, 'timeout', r.output());
    assert.match(r.output(), /SLUICE_SECRET_CHALLENGE_MISMATCH/);
    assert.match(r.output(), /SLUICE_KEYVAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION=1/);
    assert.ok(vault.requests.every((q) => q.authorization === undefined), 'no token was sent to an endpoint that failed the check');
  });

  it('with the opt-in, authenticates to Kafka with the vault\'s password and CA as the job\'s identity', async () => {
    vault.requests.length = 0;
    identity.requests.length = 0;
    const r = run(dir, { ...env, SLUICE_KEYVAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION: '1' });
    let exitedEarly = false;
    void r.exited.then(() => { exitedEarly = true; });
    const writer = await RdkafkaRecordWriter.connect(connectionFor(broker!, 'None'));
    try {
      await waitFor('sluice run to start', () => {
        if (exitedEarly) throw new Error(`sluice run exited:\n${r.output()}`);
        return r.output().includes('running:');
      });
      await writer.write(input, [{ value: Buffer.from('{"deviceId":"d1","temp":21}') }, { value: Buffer.from('{"deviceId":"d2","temp":22.5}') }]);
      const reader = await RdkafkaRecordReader.connect(connectionFor(broker!, 'None'), { groupId: uniqueName('verify') });
      const values: string[] = [];
      try {
        reader.assign([{ topic: output, partition: 0, offset: 'beginning' }]);
        const deadline = Date.now() + 20_000;
        while (values.length < 2 && Date.now() < deadline) values.push(...(await reader.read(10, 200)).map((m) => m.value!.toString()));
      } finally {
        await reader.close();
      }
      assert.deepEqual(values, ['{"deviceId":"d1","temp":21}', '{"deviceId":"d2","temp":22.5}']);
    } finally {
      await writer.close();
      assert.equal(await r.stop(), 0, r.output());
    }
    const out = r.output();
    assert.ok(!out.includes(broker!.user.password), 'the Kafka password was printed');
    assert.ok(!out.includes(TOKEN), 'the access token was printed');
    const authed = vault.requests.filter((q) => q.authorization === `Bearer ${TOKEN}`).map((q) => q.path.replace(/\/$/, ''));
    assert.ok(authed.includes('/secrets/kafka-password') && authed.includes('/secrets/kafka-ca'), JSON.stringify(vault.requests));
    assert.ok(identity.requests.length > 0, 'the managed-identity endpoint was asked for a token');
    for (const t of identity.requests) {
      assert.equal(t.query['client_id'], CLIENT_ID, 'the user-assigned identity from JobConfig.json');
      assert.equal(t.query['resource'], 'https://vault.azure.net');
      assert.equal(t.identityHeader, IDENTITY_HEADER);
    }
  });
});
