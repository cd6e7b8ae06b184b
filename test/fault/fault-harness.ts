// Shared parts of the fault tests: a project folder for one windowed job (Kafka in, Kafka/File/PostgreSQL
// out), real `sluice run` child processes, a producer of numbered events, and the reference: per key and
// tumbling window, COUNT and SUM computed by brute force from the input topic as the broker stored it
// (LogAppendTime is the event time), which is what one uninterrupted run must produce.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RdkafkaRecordReader, type KafkaConnection, type KafkaRecord, type KafkaRecordWriter } from '../../src/connectors/kafka/index.ts';

const CLI = fileURLToPath(new URL('../../src/cli/sluice.ts', import.meta.url));

export const WINDOW_MS = 2000;
/** EventsLateArrivalMaxDelayInSeconds: how long a quiet input holds windows open; generous, for a loaded CI machine. */
export const LATE_S = 4;

export interface Engine {
  child: ChildProcess;
  log: () => string;
  exited: Promise<number | null>;
}

export const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const running = new Set<ChildProcess>();

/** Kills every engine a test left running (a failed assertion must not leave a child holding the runner). */
export function killEngines(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  running.clear();
}

/** Resolves once the engine's log matches `pattern` (e.g. a periodic checkpoint was written). */
export async function waitForLog(engine: Engine, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(engine.log())) {
    if (Date.now() > deadline) assert.fail(`the engine never logged ${pattern}:\n${engine.log()}`);
    if (engine.child.exitCode !== null) assert.fail(`the engine exited ${engine.child.exitCode} before logging ${pattern}:\n${engine.log()}`);
    await delay(100);
  }
}

/** `sluice run <dir>` with checkpoints every second; resolves once it reads its inputs. */
export function startEngine(dir: string, extraArgs: readonly string[] = [], env: Readonly<Record<string, string>> = {}): Promise<Engine> {
  const child = spawn(process.execPath, [CLI, 'run', dir, '--checkpoint-interval', '1s', ...extraArgs], {
    env: { ...process.env, SLUICE_SECRETS_PROVIDER: 'env', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`sluice run did not start:\n${out}`)), 45_000);
    const check = setInterval(() => {
      if (out.includes('running:')) {
        clearInterval(check);
        clearTimeout(deadline);
        resolve({ child, log: () => out, exited });
      } else if (child.exitCode !== null) {
        clearInterval(check);
        clearTimeout(deadline);
        reject(new Error(`sluice run exited ${child.exitCode}:\n${out}`));
      }
    }, 50);
  });
}

export type OutputDef =
  | { kind: 'kafka'; bootstrap: string; topic: string }
  | { kind: 'file' }
  | { kind: 'postgres'; host: string; port: number; database: string; user: string; table: string };

/** A project folder: Kafka input `readings` (PLAINTEXT) → per-key tumbling COUNT/SUM → output `out`. */
export async function writeProject(options: { name: string; bootstrap: string; topic: string; output: OutputDef; consumerGroup?: string }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sluice-fault-'));
  await mkdir(join(dir, 'Inputs'));
  await mkdir(join(dir, 'Outputs'));
  await writeFile(join(dir, 'Inputs/readings.json'), JSON.stringify({
    Name: 'readings', Type: 'Data Stream', DataSourceType: 'Kafka', Serialization: { Type: 'Json', Encoding: 'UTF8' },
    KafkaProperties: {
      BootstrapServers: options.bootstrap, Topic: options.topic, SecurityProtocol: 'None',
      ...(options.consumerGroup ? { ConsumerGroupId: options.consumerGroup } : {}),
    },
  }));
  const o = options.output;
  const output = o.kind === 'kafka'
    ? { Name: 'out', DataSourceType: 'Kafka', Serialization: { Type: 'Json', Encoding: 'UTF8', Format: 'LineSeparated' }, KafkaProperties: { BootstrapServers: o.bootstrap, Topic: o.topic, SecurityProtocol: 'None' } }
    : o.kind === 'file'
      ? { Name: 'out', DataSourceType: 'File', Serialization: { Type: 'Json', Encoding: 'UTF8', Format: 'LineSeparated' }, FileProperties: { Path: 'results' } }
      : {
        Name: 'out', DataSourceType: 'PostgreSQL',
        PostgreSQLProperties: { Server: o.host, Port: o.port, Database: o.database, Username: o.user, Password: { SecretName: 'pg-password' }, KeyVaultName: 'kv', SslMode: 'disable', Table: o.table, UpsertKey: ['k', 'we'] },
      };
  await writeFile(join(dir, 'Outputs/out.json'), JSON.stringify(output));
  await writeFile(join(dir, 'q.asaql'), `SELECT k, COUNT(*) AS c, SUM(v) AS s, System.Timestamp() AS we INTO out FROM readings GROUP BY k, TumblingWindow(millisecond, ${WINDOW_MS})`);
  await writeFile(join(dir, 'JobConfig.json'), JSON.stringify({ OutputStartMode: 'LastOutputEventTime', EventsLateArrivalMaxDelayInSeconds: LATE_S, OutputErrorPolicy: 'Stop' }));
  await writeFile(join(dir, 'asaproj.json'), JSON.stringify({ name: options.name, startFile: 'q.asaql', configurations: [
    { filePath: 'JobConfig.json', subType: 'JobConfig' }, { filePath: 'Inputs/readings.json', subType: 'Input' }, { filePath: 'Outputs/out.json', subType: 'Output' },
  ] }));
  return dir;
}

/** Writes events numbered from..to-1 (value v = number, key k0…k4); every `malformedEvery`-th is broken JSON. */
export async function produce(writer: KafkaRecordWriter, topic: string, from: number, to: number, options: { partitions?: number; malformedEvery?: number; chunk?: number; pauseMs?: number } = {}): Promise<number> {
  let malformed = 0;
  const chunk = options.chunk ?? 50;
  for (let i = from; i < to; i += chunk) {
    const records = [];
    for (let j = i; j < Math.min(to, i + chunk); j++) {
      const bad = options.malformedEvery !== undefined && j % options.malformedEvery === options.malformedEvery - 1;
      if (bad) malformed++;
      records.push({ value: Buffer.from(bad ? `{"k":"k${j % 5}","v":` : JSON.stringify({ k: `k${j % 5}`, v: j })), partition: j % (options.partitions ?? 1) });
    }
    await writer.write(topic, records);
    if (options.pauseMs) await delay(options.pauseMs);
  }
  return malformed;
}

/** Every record of `topic` from the beginning (partitions 0..n-1), until nothing new comes for a while. */
export async function readTopic(connection: KafkaConnection, topic: string, partitions = 1): Promise<KafkaRecord[]> {
  const reader = await RdkafkaRecordReader.connect(connection, { groupId: `verify-${Date.now()}-${Math.random()}` });
  const out: KafkaRecord[] = [];
  try {
    reader.assign(Array.from({ length: partitions }, (_, p) => ({ topic, partition: p, offset: 'beginning' as const })));
    let quiet = 0;
    while (quiet < 6) {
      const got = await reader.read(5000, 250);
      out.push(...got);
      quiet = got.length === 0 ? quiet + 1 : 0;
    }
  } finally {
    await reader.close();
  }
  return out;
}

export interface WindowResult {
  c: number;
  s: number;
}

/** The reference: key|windowEndMs → COUNT and SUM, from the input records' broker timestamps. */
export function expectedWindows(input: readonly KafkaRecord[]): Map<string, WindowResult> {
  const out = new Map<string, WindowResult>();
  for (const r of input) {
    let e: { k: string; v: number };
    try {
      e = JSON.parse(r.value!.toString()) as { k: string; v: number };
    } catch {
      continue;
    }
    const end = Math.ceil(r.timestamp / WINDOW_MS) * WINDOW_MS;
    const key = `${e.k}|${end}`;
    const w = out.get(key) ?? { c: 0, s: 0 };
    w.c++;
    w.s += e.v;
    out.set(key, w);
  }
  return out;
}

/** Output rows by key|windowEndMs; a window written twice (allowed after a crash) must say the same. */
export function collect(rows: ReadonlyArray<{ k: unknown; c: unknown; s: unknown; we: unknown }>): { windows: Map<string, WindowResult>; duplicates: number } {
  const windows = new Map<string, WindowResult>();
  let duplicates = 0;
  for (const r of rows) {
    const key = `${String(r.k)}|${r.we instanceof Date ? r.we.getTime() : Date.parse(String(r.we))}`;
    const w = { c: Number(r.c), s: Number(r.s) };
    const seen = windows.get(key);
    if (seen) {
      duplicates++;
      assert.deepEqual(w, seen, `window ${key} was written twice with different results`);
    }
    windows.set(key, w);
  }
  return { windows, duplicates };
}

/** Polls `read` until every expected window is there (or the deadline), then compares exactly. */
export async function assertWindows(expected: Map<string, WindowResult>, read: () => Promise<Map<string, WindowResult>>, timeoutMs = 40_000): Promise<Map<string, WindowResult>> {
  const deadline = Date.now() + timeoutMs;
  let got = await read();
  while ([...expected.keys()].some((k) => !got.has(k)) && Date.now() < deadline) {
    await delay(1000);
    got = await read();
  }
  const sort = (m: Map<string, WindowResult>) => [...m].sort((a, b) => a[0].localeCompare(b[0]));
  assert.deepEqual(sort(got), sort(expected));
  return got;
}

export const kafkaRows = (records: readonly KafkaRecord[]) => records.map((r) => JSON.parse(r.value!.toString()) as { k: string; c: number; s: number; we: string });
