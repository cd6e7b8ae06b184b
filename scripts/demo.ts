// `npm run demo` (after scripts/demo.sh has made the machine ready): runs examples/telemetry live on
// generated telemetry. Without --bootstrap it starts a development broker in this process — librdkafka's
// built-in mock cluster (`test.mock.num.brokers`), which speaks the Kafka protocol but keeps everything in
// memory and is meant for development only. Ends by itself after --duration (default 30 s) or on Ctrl-C.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import kafka from '@confluentinc/kafka-javascript';
import type { Producer, ProducerGlobalConfig } from '@confluentinc/kafka-javascript';
import { runDemo } from '../src/app/demo.ts';

const USAGE = `usage: npm run demo -- [--bootstrap host:port] [--duration 30s] [--devices 100]

  --bootstrap host:port   use this Kafka cluster (PLAINTEXT) instead of the in-process development broker
  --duration  30s|2m|8000 how long to run (default 30s)
  --devices   N           simulated devices, two readings per second each (default 100)`;

function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) throw new Error(`--duration: expected e.g. 30s, 2m or 8000 (ms), got "${text}"`);
  const n = Number(m[1]);
  return m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n;
}

/** Starts librdkafka's mock cluster, owned by an idle producer, and returns its bootstrap address. */
function startDevelopmentBroker(): Promise<{ bootstrap: string; stop: () => Promise<void> }> {
  // test.mock.num.brokers is a librdkafka property the client's typings do not list (it is for testing).
  const config = { 'bootstrap.servers': 'unused:9092', 'test.mock.num.brokers': 3, 'log_level': 0 } as ProducerGlobalConfig;
  const owner: Producer = new kafka.Producer(config);
  return new Promise((resolve, reject) => {
    owner.connect({ timeout: 10_000 }, (err, metadata) => {
      if (err) return reject(new Error(`could not start the development broker: ${err.message}`));
      const bootstrap = metadata.brokers.map((b) => `${b.host}:${b.port}`).join(',');
      resolve({ bootstrap, stop: () => new Promise((done) => owner.disconnect(() => done())) });
    });
  });
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { bootstrap: { type: 'string' }, duration: { type: 'string', default: '30s' }, devices: { type: 'string', default: '100' }, help: { type: 'boolean', short: 'h' } } }).values;
    if (args.help) { console.log(USAGE); return 0; }
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const durationMs = parseDuration(args.duration);
  const devices = Number(args.devices);
  const broker = args.bootstrap ? undefined : await startDevelopmentBroker();
  const bootstrap = args.bootstrap ?? broker!.bootstrap;
  console.log(broker
    ? `development broker: librdkafka's in-process mock cluster at ${bootstrap} (3 brokers, in memory — for development only; use --bootstrap host:port for a real cluster)`
    : `Kafka cluster: ${bootstrap}`);
  const ctrlC = new AbortController();
  process.once('SIGINT', () => { console.log('\nCtrl-C: stopping — sluice drains its outputs and commits offsets'); ctrlC.abort(); });
  process.once('SIGTERM', () => ctrlC.abort());
  const tty = process.stdout.isTTY === true;
  let statusShown = false;
  const out = (line: string): void => {
    if (statusShown) process.stdout.write('\r\x1b[K');
    statusShown = false;
    console.log(line);
  };
  try {
    const summary = await runDemo({
      projectDir: fileURLToPath(new URL('../examples/telemetry', import.meta.url)),
      bootstrapServers: bootstrap.split(','),
      development: broker !== undefined,
      durationMs,
      devices,
      signal: ctrlC.signal,
      out,
      ...(tty ? { status: (line: string) => { process.stdout.write(`\r\x1b[K${line}`); statusShown = true; } } : {}),
    });
    out(`done: produced ${summary.produced} readings; sluice read ${summary.consumed} and wrote ${summary.averages} device averages in ${summary.windows} windows and ${summary.alerts} alerts`);
    out('next: the project is examples/telemetry — `npx sluice test examples/telemetry`, or run it on your cluster with `npx sluice run examples/telemetry`');
    return 0;
  } finally {
    await broker?.stop();
  }
}

main().then((code) => process.exit(code), (err: unknown) => {
  const e = err as { format?: () => string; message?: string };
  console.error(typeof e.format === 'function' ? e.format() : `demo failed: ${e.message ?? String(err)}`);
  process.exit(1);
});
