// `npm test`: starts a real Kafka broker, runs every suite with node's test runner against it, and stops the
// broker again — also on Ctrl-C or SIGTERM (and the broker's own watchdog covers kill -9).
//
//   node scripts/run-tests.ts                 all suites (unit + integration) against Kafka 3.9.x
//   node scripts/run-tests.ts --unit          only suites that need no broker
//   KAFKA_VERSIONS=3,4 node scripts/run-tests.ts
//                                             all suites on the first version, integration suites again on the others
//   SLUICE_TEST_KAFKA=.sluice-test/kafka.json an already running broker (npm run kafka:start) instead of a new one
//
// A broker that cannot start fails the run: the integration suites never skip silently.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBrokerState, startKafkaBroker, stopKafkaBroker, writeBrokerState, selectedKafkaVersion, type KafkaTestBroker } from '../test/kafka-broker/index.ts';

// Suites that need no broker (run once) and suites run against each Kafka version.
// test/legacy and test/postgres start their own servers (a ZooKeeper-mode Kafka 3.9, PostgreSQL), so they run once.
const UNIT_GLOBS = ['src/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/kafka-broker/**/*.test.ts', 'test/conformance/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/legacy/**/*.test.ts', 'test/postgres/**/*.test.ts'];
const INTEGRATION_GLOBS = ['test/integration/**/*.test.ts'];
// Fault tests (kill -9, outages, rebalance) start real `sluice run` processes, one broker and PostgreSQL of
// their own; a few minutes, so they run once, against the first Kafka version. So does the benchmark's
// smoke run (test/bench: every query measured once on a tiny dataset — a broker-version matrix adds nothing).
const FAULT_GLOBS = ['test/fault/**/*.test.ts', 'test/bench/**/*.test.ts'];

interface Totals { pass: number; fail: number; skipped: number; todo: number; cancelled: number }
const totals: Totals = { pass: 0, fail: 0, skipped: 0, todo: 0, cancelled: 0 };

let running: ReturnType<typeof spawn> | undefined;
let broker: KafkaTestBroker | undefined;
let stopping = false;

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  running?.kill(signal);
  if (broker) await stopKafkaBroker(broker);
  process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
}
process.on('SIGINT', (s) => void shutdown(s));
process.on('SIGTERM', (s) => void shutdown(s));

/** Runs node's test runner on the globs, echoing its output and adding its closing counts to the totals. */
function runNodeTests(globs: string[], env: NodeJS.ProcessEnv, label: string): Promise<number> {
  console.log(`\n=== ${label}`);
  const args = ['--test', '--test-reporter=spec', `--test-concurrency=${process.env['TEST_CONCURRENCY'] ?? '2'}`, ...globs];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    running = child;
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^ℹ (pass|fail|skipped|todo|cancelled) (\d+)$/.exec(line.trim());
        if (m) totals[m[1] as keyof Totals] += Number(m[2]);
      }
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function versionsToRun(): string[] {
  const list = process.env['KAFKA_VERSIONS']?.split(',').map((v) => v.trim()).filter(Boolean);
  if (!list || list.length === 0) return [selectedKafkaVersion()];
  return list.map((v) => selectedKafkaVersion({ KAFKA_VERSION: v }));
}

async function withBroker(version: string, body: (env: NodeJS.ProcessEnv) => Promise<number>): Promise<number> {
  const stateDir = await mkdtemp(join(tmpdir(), 'sluice-test-state-'));
  const statePath = join(stateDir, 'kafka.json');
  try {
    console.log(`starting Apache Kafka ${version} (KRaft; PLAINTEXT, SASL_PLAINTEXT, SSL with client auth, SASL_SSL) …`);
    broker = await startKafkaBroker({ version, log: (line) => console.log(`  ${line}`) });
    await writeBrokerState(statePath, broker);
    return await body({ ...process.env, SLUICE_TEST_KAFKA: statePath, REQUIRE_KAFKA: '1' });
  } finally {
    if (broker) await stopKafkaBroker(broker);
    broker = undefined;
    await rm(stateDir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--unit')) return runNodeTests(UNIT_GLOBS, process.env, 'unit suites');

  const existing = process.env['SLUICE_TEST_KAFKA'];
  if (existing) {
    const state = readBrokerState(existing);
    if (!state) throw new Error(`SLUICE_TEST_KAFKA=${existing} names no broker state file`);
    return runNodeTests([...UNIT_GLOBS, ...INTEGRATION_GLOBS, ...FAULT_GLOBS], { ...process.env, REQUIRE_KAFKA: '1' }, `all suites against the running Kafka ${state.version}`);
  }

  const [first, ...others] = versionsToRun();
  const codes = [await withBroker(first!, (env) => runNodeTests([...UNIT_GLOBS, ...INTEGRATION_GLOBS, ...FAULT_GLOBS], env, `all suites, Kafka ${first}`))];
  // Every version runs even after a failure: which versions fail is the information.
  for (const version of others) {
    codes.push(await withBroker(version, (env) => runNodeTests(INTEGRATION_GLOBS, env, `integration suites, Kafka ${version}`)));
  }
  return codes.find((c) => c !== 0) ?? 0;
}

let exitCode: number;
try {
  exitCode = await main();
} catch (err) {
  console.error(`\nthe test run could not start: ${err instanceof Error ? err.message : String(err)}`);
  exitCode = 1;
}
// A test cancelled (its suite's setup failed, or it ran past its timeout) did not pass: it counts as failed.
const failed = totals.fail + totals.cancelled;
if (exitCode === 0 && failed > 0) exitCode = 1;
if (totals.cancelled > 0) console.log(`\n${totals.cancelled} of the failed tests were cancelled (their suite's setup failed, or they timed out)`);
console.log(`\n${totals.pass} passed, ${failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
