// The benchmark's Apache Flink SQL peer: resolves Flink's jars from Maven Central (./pom.xml, once per
// machine, cached), compiles java/FlinkSqlBench.java against them (cached by source hash), and runs Q2 or Q3
// in a local mini-cluster over a Kafka topic of the benchmark's JSON telemetry, read as a bounded backlog.
//
//   node bench/flink/run-flink.ts --bootstrap 127.0.0.1:9092 --topic t --query q2 --events 1000000 [--parallelism 2]
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const HERE = dirname(fileURLToPath(import.meta.url));
const POM = join(HERE, 'pom.xml');
const SOURCE = join(HERE, 'java', 'FlinkSqlBench.java');
const LOG_CONFIG = join(HERE, 'log4j2.properties');

export type FlinkQuery = 'q2' | 'q3';

export interface FlinkRunOptions {
  /** host:port of a PLAINTEXT listener. */
  bootstrap: string;
  topic: string;
  query: FlinkQuery;
  /** Events in the topic: the divisor of events/s (Flink's job does not count its input). */
  events: number;
  /** Mini-cluster parallelism (source, window aggregation, sink); default 2, this machine's cores. */
  parallelism?: number;
  /** Bounded out-of-orderness of the watermark; default 1000 ms. */
  watermarkDelayMs?: number;
  /** JVM heap limit, e.g. '2g' (default). */
  maxHeap?: string;
}

export interface FlinkRunResult {
  query: FlinkQuery;
  events: number;
  /** The job's run time in the mini-cluster, from submission to completion. */
  seconds: number;
  eventsPerSecond: number;
  /** Rows the windowed aggregation emitted (one per device and window). */
  resultRows: number;
  /** The sum of the rows' COUNT(*): Q2's equals the events read, Q3's sixty times that. */
  countedEvents: number;
  /** Submission to the first and to the last result row: their span is the job's steady state, without
   *  start-up (what the sluice probe measures) but also without the events before the first window closes. */
  firstResultSeconds: number;
  lastResultSeconds: number;
  parallelism: number;
  /** env.execute() as a whole: the mini-cluster's start-up and shutdown plus the job. */
  executeSeconds: number;
  /** main() to submission: table environment, DDL, SQL planning. */
  planSeconds: number;
  /** JVM start to main(). */
  jvmStartSeconds: number;
  /** The whole java process, spawn to exit, as the caller saw it. */
  processSeconds: number;
  flinkVersion: string;
}

/** Same cache root as test/kafka-broker and scripts/bootstrap.sh, so CI can cache one folder. */
function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env['SLUICE_CACHE']) return env['SLUICE_CACHE'];
  return join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'sluice');
}

function shortHash(...parts: Array<string | Buffer>): string {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p);
  return hash.digest('hex').slice(0, 12);
}

/** The folder of Flink's runtime class path, keyed by the Flink version and the pom's hash. */
export async function resolveFlinkJars(): Promise<string> {
  const pom = readFileSync(POM);
  const version = /<flink\.version>([^<]+)</.exec(pom.toString())?.[1] ?? 'unknown';
  const libs = join(cacheRoot(), 'flink', `${version}-${shortHash(pom)}`, 'libs');
  if (existsSync(join(libs, '.complete'))) return libs;

  const partial = `${libs}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  try {
    await execFileAsync('mvn', [
      '-q', '-B', '-f', POM,
      'org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies',
      `-DoutputDirectory=${partial}`, '-DincludeScope=runtime',
    ], { maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`could not resolve Flink ${version} from Maven Central: ${(e.stdout || e.stderr || e.message).slice(-2000)}`, { cause: err });
  }
  const jars = (await readdir(partial)).filter((f) => f.endsWith('.jar'));
  if (!jars.some((j) => j.startsWith('flink-sql-connector-kafka-'))) throw new Error(`Maven resolved no flink-sql-connector-kafka jar into ${partial}`);
  await writeFile(join(partial, '.complete'), jars.join('\n'));
  // Another run may have finished first; either copy is complete, keep the one that is there.
  if (!existsSync(join(libs, '.complete'))) {
    await rm(libs, { recursive: true, force: true });
    await rename(partial, libs);
  } else {
    await rm(partial, { recursive: true, force: true });
  }
  return libs;
}

/** Compiles FlinkSqlBench.java once per source and jar set; returns the java class path. */
export async function flinkClassPath(): Promise<string> {
  const libs = await resolveFlinkJars();
  const classDir = join(dirname(libs), `classes-${shortHash(await readFile(SOURCE))}`);
  if (!existsSync(join(classDir, 'FlinkSqlBench.class'))) {
    const partial = `${classDir}.partial-${process.pid}`;
    await rm(partial, { recursive: true, force: true });
    await mkdir(partial, { recursive: true });
    await execFileAsync('javac', ['-cp', join(libs, '*'), '-d', partial, SOURCE]);
    if (!existsSync(join(classDir, 'FlinkSqlBench.class'))) {
      await rm(classDir, { recursive: true, force: true });
      await rename(partial, classDir);
    } else {
      await rm(partial, { recursive: true, force: true });
    }
  }
  return `${classDir}:${join(libs, '*')}`;
}

// Flink 2.x on JDK 17 needs these opened to its serializers (the distribution's config.yaml passes the same).
const JVM_OPENS = ['java.base/java.util', 'java.base/java.lang', 'java.base/java.net', 'java.base/java.io', 'java.base/java.nio', 'java.base/java.time', 'java.base/java.lang.reflect', 'java.base/java.text', 'java.base/java.util.concurrent', 'java.base/sun.nio.ch']
  .map((m) => `--add-opens=${m}=ALL-UNNAMED`);

/** Runs Q2 or Q3 with Flink SQL over the topic's whole backlog; resolves with the job's one-line result. */
export async function runFlinkQuery(options: FlinkRunOptions): Promise<FlinkRunResult> {
  const classPath = await flinkClassPath();
  const args = [
    `-Xmx${options.maxHeap ?? '2g'}`, ...JVM_OPENS, `-Dlog4j2.configurationFile=${LOG_CONFIG}`,
    '-cp', classPath, 'FlinkSqlBench',
    '--bootstrap', options.bootstrap, '--topic', options.topic, '--query', options.query,
    '--events', String(options.events), '--parallelism', String(options.parallelism ?? 2),
    '--watermark-delay-ms', String(options.watermarkDelayMs ?? 1000),
  ];
  const started = performance.now();
  const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve, reject) => {
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    // Keep only the tail: a failing job can log a lot.
    child.stderr.on('data', (c: Buffer) => { err = (err + c.toString()).slice(-20_000); });
    child.on('error', reject);
    child.on('close', (exit) => resolve({ stdout: out, stderr: err, code: exit }));
  });
  const processSeconds = (performance.now() - started) / 1000;
  const line = stdout.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !line.startsWith('{')) throw new Error(`Flink ${options.query} exited with ${code}: ${stderr.slice(-4000) || stdout.slice(-2000)}`);
  return { ...(JSON.parse(line) as Omit<FlinkRunResult, 'processSeconds'>), processSeconds };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: {
    bootstrap: { type: 'string' }, topic: { type: 'string' }, query: { type: 'string', default: 'q2' },
    events: { type: 'string' }, parallelism: { type: 'string', default: '2' },
  } });
  const query = values.query?.toLowerCase();
  if (!values.bootstrap || !values.topic || !values.events || (query !== 'q2' && query !== 'q3')) {
    console.error('usage: node bench/flink/run-flink.ts --bootstrap host:port --topic t --query q2|q3 --events N [--parallelism 2]');
    process.exit(2);
  }
  const result = await runFlinkQuery({ bootstrap: values.bootstrap, topic: values.topic, query, events: Number(values.events), parallelism: Number(values.parallelism) });
  console.log(JSON.stringify(result));
}
