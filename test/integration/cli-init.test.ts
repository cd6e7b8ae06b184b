// `sluice init` against the real broker: the scaffolded project, pointed at the broker with --bootstrap and
// --topic, passes every step of `sluice check` (credentials, topic, LogAppendTime, connect, one event read
// and deserialized) once its topic exists as the input file's comment says to create it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { RdkafkaAdmin, RdkafkaRecordWriter } from '../../src/connectors/kafka/index.ts';
import { connectionFor, requireBroker, skipWithoutBroker, uniqueName } from '../helpers/test-broker.ts';

const broker = requireBroker();
const CLI = fileURLToPath(new URL('../../src/cli/sluice.ts', import.meta.url));

function sluice(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('sluice init, then sluice check on the real broker', { skip: skipWithoutBroker(broker) }, () => {
  let root = '';
  let topic = '';
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'sluice-init-check-'));
    topic = uniqueName('init-input');
    const admin = new RdkafkaAdmin(connectionFor(broker!, 'None'));
    try {
      await admin.createTopic(topic, { partitions: 4, config: { 'message.timestamp.type': 'LogAppendTime' } });
    } finally {
      await admin.close();
    }
    const writer = await RdkafkaRecordWriter.connect(connectionFor(broker!, 'None'));
    try {
      await writer.write(topic, [{ value: Buffer.from('{"deviceId":"sensor-1","temperature":21.5,"EventTime":"2024-01-01T08:00:10Z"}'), partition: 0 }]);
    } finally {
      await writer.close();
    }
  });
  after(async () => { await rm(root, { recursive: true, force: true }); });

  it('passes every check step', async () => {
    const dir = join(root, 'job');
    const made = await sluice(['init', dir, '--bootstrap', broker!.bootstrap.plaintext, '--topic', topic]);
    assert.equal(made.code, 0, made.stderr);
    const checked = await sluice(['check', dir]);
    assert.equal(checked.code, 0, `${checked.stdout}\n${checked.stderr}`);
    assert.doesNotMatch(checked.stdout, /✖/);
    assert.match(checked.stdout, /✔ timestamp type/);
    assert.match(checked.stdout, /"deviceId":"sensor-1"/);
  });

  it('fails check with the fix when the topic does not exist yet', async () => {
    const dir = join(root, 'job-missing');
    assert.equal((await sluice(['init', dir, '--bootstrap', broker!.bootstrap.plaintext, '--topic', uniqueName('init-missing')])).code, 0);
    const checked = await sluice(['check', dir]);
    assert.equal(checked.code, 1);
    assert.match(checked.stdout, /✖ topic/);
  });
});
