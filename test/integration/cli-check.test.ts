// `sluice check` against the real broker, on a project whose Kafka inputs take their credentials from the
// project's secret folder (filled with `sluice secrets set`, the counterpart of `az keyvault secret set`):
// every step passes for a good mTLS input and a good SASL_SSL input; a CreateTime topic fails the timestamp
// step with the fix; and nothing secret is ever printed.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { RdkafkaAdmin, RdkafkaRecordWriter } from '../../src/connectors/kafka/index.ts';
import { connectionFor, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';

const broker = requireBroker();
const CLI = fileURLToPath(new URL('../../src/cli/sluice.ts', import.meta.url));

function sluice(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { env: { ...process.env, SLUICE_SECRETS_PROVIDER: 'directory', SLUICE_SECRETS_DIR: '' } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
    if (input !== undefined) child.stdin!.end(input);
  });
}

describe('sluice check', { skip: skipWithoutBroker(broker) }, () => {
  let dir = '';
  let good = '';
  let createTime = '';
  before(async () => {
    const admin = new RdkafkaAdmin(connectionFor(broker!, 'None'));
    good = uniqueName('check-good');
    createTime = uniqueName('check-createtime');
    try {
      await admin.createTopic(good, { partitions: 3, config: { 'message.timestamp.type': 'LogAppendTime' } });
      await admin.createTopic(createTime, { partitions: 1, config: { 'message.timestamp.type': 'CreateTime' } });
    } finally {
      await admin.close();
    }
    const writer = await RdkafkaRecordWriter.connect(connectionFor(broker!, 'None'));
    try {
      await writer.write(good, [{ value: Buffer.from('{"deviceId":"d1","temp":21.5}'), partition: 1 }]);
    } finally {
      await writer.close();
    }
    dir = await mkdtemp(join(tmpdir(), 'sluice-check-'));
    for (const [name, file] of [['kafka-ca', broker!.tls.caPath], ['client-cert', broker!.tls.clientCertPath], ['client-key', broker!.tls.clientKeyPath]]) {
      const r = await sluice(['secrets', 'set', 'kv', name!, '--file', file!, '--dir', join(dir, 'secrets')]);
      assert.equal(r.code, 0, r.stderr);
    }
    const r = await sluice(['secrets', 'set', 'kv', 'kafka-password', '--value-from-stdin', '--dir', join(dir, 'secrets')], broker!.user.password);
    assert.equal(r.code, 0, r.stderr);
    await mkdir(join(dir, 'Inputs'));
    const inputs = {
      mtlsIn: { BootstrapServers: broker!.bootstrap.ssl, Topic: good, SecurityProtocol: 'mTLS', KeyVaultName: 'kv', TruststoreCertificateSecretName: 'kafka-ca', KeystoreCertificateSecretName: 'client-cert', KeystoreKeySecretName: 'client-key' },
      saslIn: { BootstrapServers: broker!.bootstrap.saslSsl, Topic: good, SecurityProtocol: 'SASL_SSL', SaslMechanism: 'SCRAM-SHA-512', Username: broker!.user.username, Password: { SecretName: 'kafka-password' }, KeyVaultName: 'kv', TruststoreCertificateSecretName: 'kafka-ca' },
      oldIn: { BootstrapServers: broker!.bootstrap.plaintext, Topic: createTime, SecurityProtocol: 'None' },
    };
    const configurations = [];
    for (const [alias, props] of Object.entries(inputs)) {
      await writeFile(join(dir, 'Inputs', `${alias}.json`), JSON.stringify({ Name: alias, Type: 'Data Stream', DataSourceType: 'Kafka', KafkaProperties: props, Serialization: { Type: 'Json', Encoding: 'UTF8' } }));
      configurations.push({ filePath: `Inputs/${alias}.json`, subType: 'Input' });
    }
    await writeFile(join(dir, 'q.asaql'), 'SELECT * INTO output FROM mtlsIn');
    await writeFile(join(dir, 'asaproj.json'), JSON.stringify({ name: 'check-job', startFile: 'q.asaql', configurations }));
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('passes every step for good inputs, fails the CreateTime topic with the fix, and prints no secret', async () => {
    const { code, stdout, stderr } = await sluice(['check', dir]);
    assert.equal(code, 1, 'the CreateTime input must fail the check');
    assert.match(stderr, /check failed for input 'oldIn'/);
    for (const alias of ['mtlsIn', 'saslIn']) {
      const section = stdout.split(/^input '/m).find((s) => s.startsWith(`${alias}'`)) ?? '';
      for (const step of ['credentials', 'topic', 'timestamp type', 'connect', 'read one event']) assert.match(section, new RegExp(`✔ ${step}:`), `${alias}: ${step}\n${stdout}`);
      assert.match(section, /with 3 partition\(s\)/);
      assert.match(section, /partition 1, offset 0: \{"deviceId":"d1","temp":21\.5\}/);
    }
    const old = stdout.split(/^input '/m).find((s) => s.startsWith("oldIn'")) ?? '';
    assert.match(old, /✖ timestamp type: topic "check-createtime-[^"]+" uses message\.timestamp\.type=CreateTime/);
    assert.match(old, /kafka-configs\.sh --bootstrap-server .* --add-config message\.timestamp\.type=LogAppendTime/);
    for (const secret of [broker!.user.password, broker!.tls.clientKeyPem.split('\n')[1]!]) {
      assert.ok(!stdout.includes(secret) && !stderr.includes(secret), 'a secret was printed');
    }
  });
});
