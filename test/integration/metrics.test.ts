// Observability of `sluice run` (live mode) on the real broker: /metrics and /health scraped while the job
// reads a SASL input (its password from the secret store) with one malformed message among good ones, and
// an mTLS input whose client certificate's expiry is a gauge (issue 6). Deserialization errors are counted
// (issue 5), input and output events add up, the consumer lag falls to 0, logs are JSON lines on stderr
// with the skipped message's position as fields, and no secret appears in metrics, health or logs.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { RdkafkaRecordWriter } from '../../src/connectors/kafka/index.ts';
import { writeSecret } from '../../src/secrets/index.ts';
import { connectionFor, createTopics, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';

const broker = requireBroker();
const CLI = fileURLToPath(new URL('../../src/cli/sluice.ts', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** One sample `name{labels} value` of a Prometheus exposition (labels exactly as printed), or undefined. */
function sample(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

describe('sluice run --metrics-port', { skip: skipWithoutBroker(broker) }, () => {
  let dir = '';
  let child: ChildProcess | undefined;
  after(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('serves metrics and health for a live job, counts a malformed message, and leaks no secret', async () => {
    const plain = connectionFor(broker!, 'None');
    const readingsTopic = uniqueName('metrics-in');
    const secureTopic = uniqueName('metrics-tls');
    const outTopic = uniqueName('metrics-out');
    await createTopics(plain, {
      [readingsTopic]: { partitions: 2, config: { 'message.timestamp.type': 'LogAppendTime' } },
      [secureTopic]: { partitions: 1, config: { 'message.timestamp.type': 'LogAppendTime' } },
      [outTopic]: { partitions: 1 },
    });

    dir = await mkdtemp(join(tmpdir(), 'sluice-metrics-'));
    const secrets = join(dir, 'secrets');
    await writeSecret(secrets, 'kv', 'kafka-password', broker!.user.password);
    await writeSecret(secrets, 'kv', 'kafka-ca', broker!.tls.caPem);
    await writeSecret(secrets, 'kv', 'client-cert', broker!.tls.clientCertPem);
    await writeSecret(secrets, 'kv', 'client-key', broker!.tls.clientKeyPem);
    await mkdir(join(dir, 'Inputs'));
    await mkdir(join(dir, 'Outputs'));
    await writeFile(join(dir, 'Inputs/readings.json'), JSON.stringify({
      Name: 'readings', Type: 'Data Stream', DataSourceType: 'Kafka', Serialization: { Type: 'Json', Encoding: 'UTF8' },
      KafkaProperties: {
        BootstrapServers: broker!.bootstrap.saslPlaintext, Topic: readingsTopic, SecurityProtocol: 'SASL_PLAINTEXT', SaslMechanism: 'SCRAM-SHA-256',
        Username: broker!.user.username, Password: { SecretName: 'kafka-password' }, KeyVaultName: 'kv',
        DeadLetterPath: '../dead-letters/readings.jsonl',
      },
    }));
    await writeFile(join(dir, 'Inputs/secure.json'), JSON.stringify({
      Name: 'secure', Type: 'Data Stream', DataSourceType: 'Kafka', Serialization: { Type: 'Json', Encoding: 'UTF8' },
      KafkaProperties: {
        BootstrapServers: broker!.bootstrap.ssl, Topic: secureTopic, SecurityProtocol: 'mTLS', KeyVaultName: 'kv',
        TruststoreCertificateSecretName: 'kafka-ca', KeystoreCertificateSecretName: 'client-cert', KeystoreKeySecretName: 'client-key',
      },
    }));
    await writeFile(join(dir, 'Outputs/hot.json'), JSON.stringify({
      Name: 'hot', DataSourceType: 'Kafka', Serialization: { Type: 'Json', Encoding: 'UTF8', Format: 'LineSeparated' },
      KafkaProperties: { BootstrapServers: broker!.bootstrap.plaintext, Topic: outTopic, SecurityProtocol: 'None' },
    }));
    await writeFile(join(dir, 'Outputs/archive.json'), JSON.stringify({
      Name: 'archive', DataSourceType: 'File', Serialization: { Type: 'Json', Encoding: 'UTF8', Format: 'LineSeparated' },
      FileProperties: { Path: 'archive' },
    }));
    await writeFile(join(dir, 'q.asaql'), [
      'SELECT deviceId, temp INTO hot FROM readings WHERE temp > 20',
      'SELECT deviceId INTO archive FROM secure',
    ].join('\n'));
    await writeFile(join(dir, 'JobConfig.json'), JSON.stringify({ OutputStartMode: 'JobStartTime' }));
    await writeFile(join(dir, 'asaproj.json'), JSON.stringify({ name: 'metrics-job', startFile: 'q.asaql', configurations: [
      { filePath: 'JobConfig.json', subType: 'JobConfig' }, { filePath: 'Inputs/readings.json', subType: 'Input' },
      { filePath: 'Inputs/secure.json', subType: 'Input' }, { filePath: 'Outputs/hot.json', subType: 'Output' },
      { filePath: 'Outputs/archive.json', subType: 'Output' },
    ] }));

    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env['SLUICE_SECRETS_PROVIDER'];
    delete env['SLUICE_SECRETS_DIR'];
    child = spawn(process.execPath, [CLI, 'run', dir, '--metrics-port', String(port), '--log-level', 'debug'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    await until('the job to run', async () => {
      if (child!.exitCode !== null) throw new Error(`sluice run exited ${child!.exitCode}:\n${stdout}${stderr}`);
      return stderr.includes('running:') ? true : undefined;
    });
    const base = `http://127.0.0.1:${port}`;

    const writer = await RdkafkaRecordWriter.connect(plain);
    try {
      await writer.write(readingsTopic, ['{"deviceId":"d1","temp":25}', '{"deviceId":"d2","temp":', '{"deviceId":"d3","temp":5}', '{"deviceId":"d4","temp":30.5}']
        .map((v, i) => ({ value: Buffer.from(v), partition: i % 2 })));
      await writer.write(secureTopic, [{ value: Buffer.from('{"deviceId":"s1"}') }, { value: Buffer.from('{"deviceId":"s2"}') }]);
    } finally {
      await writer.close();
    }

    const metrics = await until('the outputs and the lag to catch up', async () => {
      const text = await (await fetch(`${base}/metrics`)).text();
      const caughtUp = sample(text, 'sluice_output_events_total', 'output="hot"') === 2
        && sample(text, 'sluice_output_events_total', 'output="archive"') === 2
        && sample(text, 'sluice_input_consumer_lag_events', 'input="readings",partition="0"') === 0
        && sample(text, 'sluice_input_consumer_lag_events', 'input="readings",partition="1"') === 0
        && sample(text, 'sluice_input_consumer_lag_events', 'input="secure",partition="0"') === 0;
      return caughtUp ? text : undefined;
    });
    assert.equal(sample(metrics, 'sluice_input_deserialization_errors_total', 'input="readings"'), 1);
    assert.equal(sample(metrics, 'sluice_input_dead_lettered_events_total', 'input="readings"'), 1);
    assert.equal(sample(metrics, 'sluice_input_events_total', 'input="readings",partition="0"'), 2);
    assert.equal(sample(metrics, 'sluice_input_events_total', 'input="readings",partition="1"'), 1);
    assert.equal(sample(metrics, 'sluice_input_events_total', 'input="secure",partition="0"'), 2);
    assert.ok(sample(metrics, 'sluice_input_bytes_total', 'input="readings",partition="1"')! >= '{"deviceId":"d2","temp":'.length * 2);
    assert.equal(sample(metrics, 'sluice_output_errors_total', 'output="hot"'), undefined, 'no output error happened');
    const delay = sample(metrics, 'sluice_input_watermark_delay_seconds', 'input="readings"');
    assert.ok(delay !== undefined && delay >= 0 && delay < 120, `watermark delay ${delay}`);
    assert.equal(sample(metrics, 'sluice_input_late_events_total', 'input="readings"'), 0);
    assert.equal(sample(metrics, 'sluice_state_size_bytes', ''), 0, 'a stateless query holds no state');
    const expiry = sample(metrics, 'sluice_certificate_expiry_seconds', 'input="secure"');
    const expected = (new X509Certificate(broker!.tls.clientCertPem).validToDate.getTime() - Date.now()) / 1000;
    assert.ok(expiry !== undefined && Math.abs(expiry - expected) < 120, `certificate expiry ${expiry}, expected about ${expected}`);
    assert.equal(sample(metrics, 'sluice_certificate_expiry_seconds', 'input="readings"'), undefined, 'a SASL input has no client certificate');

    const healthRes = await fetch(`${base}/health`);
    const health = await healthRes.json() as { status: string; ready: boolean; inputs: Array<{ name: string; connected: boolean; lastBatchAt: string | null }>; outputs: Array<{ name: string; healthy: boolean }> };
    assert.equal(healthRes.status, 200, JSON.stringify(health));
    assert.equal(health.status, 'ok');
    assert.deepEqual(health.inputs.map((i) => [i.name, i.connected, i.lastBatchAt !== null]).sort(), [['readings', true, true], ['secure', true, true]]);
    assert.deepEqual(health.outputs.map((o) => [o.name, o.healthy]).sort(), [['archive', true], ['hot', true]]);

    child.kill('SIGTERM');
    assert.equal(await exited, 0, stderr);

    // Logs: JSON lines on stderr (not a terminal); the skipped message is a warning with its position as fields.
    const logs = stderr.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const skipped = logs.find((l) => String(l['msg']).includes('skipped the message'));
    assert.ok(skipped, stderr);
    assert.equal(skipped['level'], 'warn');
    assert.equal(skipped['input'], 'readings');
    assert.equal(skipped['topic'], readingsTopic);
    assert.equal(skipped['partition'], 1);
    assert.equal(skipped['code'], 'SLUICE_FORMAT_JSON_SYNTAX');
    assert.ok(logs.some((l) => l['level'] === 'info' && String(l['msg']).startsWith('metrics: http://127.0.0.1:')));
    assert.match(stdout, /input {2}'readings': 3 events, 1 messages skipped/);

    const keyLine = broker!.tls.clientKeyPem.split('\n')[1]!;
    for (const [where, text] of [['metrics', metrics], ['health', JSON.stringify(health)], ['logs', stderr + stdout]] as const) {
      assert.ok(!text.includes(broker!.user.password), `the password appeared in ${where}`);
      assert.ok(!text.includes(keyLine), `the client key appeared in ${where}`);
    }
  });
});
