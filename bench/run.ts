// `npm run bench`: loads a reproducible telemetry dataset into a real Kafka broker (started by the test
// harness, or an existing one with --broker-state), runs Q1–Q5 with `sluice run` over the backlog and at a
// steady rate, and in the same run measures the reference limits (a bare consume loop of the same client,
// JSON.parse alone). Prints the ratios; writes bench/results/<date>.json and <date>.svg.
//
//   npm run bench -- [--events 5000000] [--queries Q1,Q2] [--rate 2000] [--latency-seconds 20]
//                    [--broker-state .sluice-test/kafka.json] [--query-timeout 900 (s per query's catch-up)]
//                    [--results-dir bench/results] [--flink]
// --flink adds the peer: Apache Flink SQL (bench/flink/, a local mini-cluster with its Kafka connector) runs Q2
// and Q3 on the same topic in the same run, and the sluice/Flink throughput ratios are printed and saved.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { KafkaConnection } from '../src/connectors/kafka/index.ts';
import { readBrokerState, startKafkaBroker, stopKafkaBroker, type KafkaTestBroker } from '../test/kafka-broker/index.ts';
import { renderChart, type ChartBar } from './chart.ts';
import { createTopic, loadDataset } from './dataset.ts';
import { catchUp, startJob, type CatchUpResult } from './engine-probe.ts';
import { measureLatency, type LatencyResult } from './latency.ts';
import { HOPPING_REFERENCE, QUERIES, writeProject, type BenchQuery } from './queries.ts';
import { runFlinkQuery, type FlinkRunResult } from './flink/run-flink.ts';

const { values: args } = parseArgs({ options: {
  events: { type: 'string', default: '5000000' },
  queries: { type: 'string', default: 'Q1,Q2,Q3,Q4,Q5' },
  rate: { type: 'string', default: '2000' },
  'latency-seconds': { type: 'string', default: '20' },
  'broker-state': { type: 'string' },
  'query-timeout': { type: 'string', default: '900' },
  'results-dir': { type: 'string' },
  flink: { type: 'boolean', default: false },
} });
const queryTimeoutMs = Number(args['query-timeout']) * 1000;
const events = Number(args.events);
const selected = QUERIES.filter((q) => args.queries.split(',').includes(q.id));
const rate = Number(args.rate);
const latencySeconds = Number(args['latency-seconds']);
const REFERENCE = fileURLToPath(new URL('./reference-limits.ts', import.meta.url));
const stamp = new Date().toISOString().replace(/[:]/g, '-').slice(0, 19);
const log = (line: string): void => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

function reference(mode: 'consume' | 'parse', bootstrap: string, topic: string): Promise<{ eventsPerSecond: number; seconds: number; peakRssMiB: number }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [REFERENCE, mode, bootstrap, topic, String(events)], { maxBuffer: 1 << 20, timeout: 3_600_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${mode}: ${stderr || err.message}`));
      resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as { eventsPerSecond: number; seconds: number; peakRssMiB: number });
    });
  });
}

let started: KafkaTestBroker | undefined;
const broker = args['broker-state'] ? readBrokerState(args['broker-state']) : (started = await startKafkaBroker({ log }));
if (!broker) throw new Error(`no broker state in ${args['broker-state']}`);
const bootstrap = broker.bootstrap.plaintext;
const connection: KafkaConnection = { bootstrapServers: [bootstrap], securityProtocol: 'None' };
const work = await mkdtemp(join(tmpdir(), 'sluice-bench-'));
const run = `bench-${Date.now().toString(36)}`;

/** Writes a query's project (its own consumer group and output topic) and measures it catching up the backlog. */
async function catchUpOnce(q: BenchQuery, inputTopic: string): Promise<CatchUpResult> {
  const dir = join(work, q.id);
  const outputTopic = `${run}-${q.id}-out`;
  await createTopic(connection, outputTopic, 1);
  await writeProject(dir, q, { bootstrap, inputTopic, outputTopic, groupId: `${run}-${q.id}`, avro: q.avro === true, start: 'LastOutputEventTime' });
  return catchUp(dir, events, queryTimeoutMs);
}

try {
  log(`Kafka ${broker.version} at ${bootstrap}; ${events} events; ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB`);
  const jsonTopic = `${run}-json`;
  const avroTopic = selected.some((q) => q.avro) ? `${run}-avro` : undefined;
  await createTopic(connection, jsonTopic);
  if (avroTopic) await createTopic(connection, avroTopic);
  const loaded = await loadDataset(connection, events, jsonTopic, avroTopic);
  log(`loaded ${loaded.events} events, ${(loaded.bytes / loaded.events).toFixed(0)} bytes each on average, in ${loaded.seconds.toFixed(1)} s`);

  const consumeBefore = await reference('consume', bootstrap, jsonTopic);
  // The limit is the best of two runs, before and after the queries: on a shared machine one run can be unlucky.
  let consume = consumeBefore;
  log(`bare consume loop: ${consumeBefore.eventsPerSecond.toFixed(0)} events/s, peak RSS ${consumeBefore.peakRssMiB.toFixed(0)} MiB`);
  const parse = await reference('parse', bootstrap, jsonTopic);
  log(`JSON.parse alone: ${parse.eventsPerSecond.toFixed(0)} events/s`);

  const results: Array<{ id: string; title: string; throughput: CatchUpResult; latency?: LatencyResult; error?: string }> = [];
  for (const q of selected) {
    const inputTopic = q.avro ? avroTopic! : jsonTopic;
    try {
      const throughput = await catchUpOnce(q, inputTopic);
      if (throughput.partial) log(`${q.id}: stopped after ${queryTimeoutMs / 1000} s with ${throughput.events} of ${events} events read; throughput is over those`);
      log(`${q.id} ${q.title}: ${throughput.eventsPerSecond.toFixed(0)} events/s catching up (${(throughput.eventsPerSecond / consume.eventsPerSecond * 100).toFixed(0)}% of the bare consume loop), peak RSS ${throughput.peakRssMiB.toFixed(0)} MiB, ${throughput.outputRows} rows out`);
      let latency: LatencyResult | undefined;
      let latencyError: string | undefined;
      if (latencySeconds > 0) {
        const liveDir = join(work, `${q.id}-live`);
        const liveIn = `${run}-${q.id}-live`;
        const liveOut = `${run}-${q.id}-live-out`;
        await createTopic(connection, liveIn);
        await createTopic(connection, liveOut, 1);
        await writeProject(liveDir, q, { bootstrap, inputTopic: liveIn, outputTopic: liveOut, groupId: `${run}-${q.id}-live`, avro: q.avro === true, start: 'JobStartTime' });
        const job = await startJob(liveDir);
        try {
          // (a failed latency measurement is reported with the throughput, not instead of it)
          // Measure once the job has joined its group and reads (its metrics endpoint answers).
          while (!(await job.sample())) {
            if (job.exited()) throw new Error(`sluice ${job.exited()}:\n${job.log.join('').slice(-2000)}`);
            await new Promise((r) => setTimeout(r, 100));
          }
          await new Promise((r) => setTimeout(r, 3000));
          latency = await measureLatency(connection, q, liveIn, liveOut, rate, latencySeconds);
          log(`${q.id} latency at ${rate} events/s: p50 ${latency.p50Ms} ms, p99 ${latency.p99Ms} ms over ${latency.rows} result rows`);
        } catch (err) {
          latencyError = err instanceof Error ? err.message : String(err);
          log(`${q.id} latency could not be measured: ${latencyError}`);
        } finally {
          await job.stop();
        }
      }
      results.push({ id: q.id, title: q.title, throughput, ...(latency ? { latency } : {}), ...(latencyError ? { error: latencyError } : {}) });
    } catch (err) {
      log(`${q.id} failed: ${err instanceof Error ? err.message : String(err)}`);
      results.push({ id: q.id, title: q.title, throughput: { events: 0, seconds: NaN, eventsPerSecond: NaN, peakRssMiB: NaN, outputRows: 0, partial: true }, error: err instanceof Error ? err.message : String(err) });
    }
  }

  // The reference for Q3's window-overlap cost: its query on a tumbling window of its hop (queries.ts).
  let hoppingReference: CatchUpResult | undefined;
  if (selected.some((q) => q.id === 'Q3')) {
    try {
      hoppingReference = await catchUpOnce(HOPPING_REFERENCE, jsonTopic);
      log(`${HOPPING_REFERENCE.title}: ${hoppingReference.eventsPerSecond.toFixed(0)} events/s catching up, ${hoppingReference.outputRows} rows out`);
    } catch (err) {
      log(`${HOPPING_REFERENCE.title} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  const flink: FlinkRunResult[] = [];
  if (args.flink) {
    for (const query of ['q2', 'q3'] as const) {
      try {
        const r = await runFlinkQuery({ bootstrap, topic: jsonTopic, query, events });
        flink.push(r);
        log(`Flink ${r.flinkVersion} ${query.toUpperCase()}: ${r.eventsPerSecond.toFixed(0)} events/s (job run time ${r.seconds.toFixed(1)} s; ${r.resultRows} rows; whole process ${r.processSeconds.toFixed(1)} s)`);
      } catch (err) {
        log(`Flink ${query.toUpperCase()} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  const consumeAfter = await reference('consume', bootstrap, jsonTopic);
  log(`bare consume loop, again: ${consumeAfter.eventsPerSecond.toFixed(0)} events/s`);
  if (consumeAfter.eventsPerSecond > consume.eventsPerSecond) consume = consumeAfter;
  const q2 = results.find((r) => r.id === 'Q2');
  const q3 = results.find((r) => r.id === 'Q3');
  const ratios = {
    q2VsBareConsume: q2 ? q2.throughput.eventsPerSecond / consume.eventsPerSecond : null,
    q3CostVsQ2: q2 && q3 ? q2.throughput.eventsPerSecond / q3.throughput.eventsPerSecond : null,
    q3CostVsTumbling1s: q3 && hoppingReference ? hoppingReference.eventsPerSecond / q3.throughput.eventsPerSecond : null,
    q2VsFlink: q2 && flink.find((f) => f.query === 'q2') ? q2.throughput.eventsPerSecond / flink.find((f) => f.query === 'q2')!.eventsPerSecond : null,
    q3VsFlink: q3 && flink.find((f) => f.query === 'q3') ? q3.throughput.eventsPerSecond / flink.find((f) => f.query === 'q3')!.eventsPerSecond : null,
  };
  console.log('\nquery  events/s   vs consume  vs JSON.parse  p50 ms  p99 ms  peak RSS');
  for (const r of results) {
    const t = r.throughput;
    console.log(`${r.id.padEnd(6)} ${t.eventsPerSecond.toFixed(0).padStart(9)}  ${(t.eventsPerSecond / consume.eventsPerSecond * 100).toFixed(0).padStart(9)}%  ${(t.eventsPerSecond / parse.eventsPerSecond * 100).toFixed(0).padStart(11)}%  ${String(r.latency?.p50Ms ?? '-').padStart(6)}  ${String(r.latency?.p99Ms ?? '-').padStart(6)}  ${t.peakRssMiB.toFixed(0).padStart(5)} MiB`);
  }
  console.log(`consume ${consume.eventsPerSecond.toFixed(0).padStart(8)}   (reference)   JSON.parse ${parse.eventsPerSecond.toFixed(0)}/s`);
  if (hoppingReference) console.log(`Q3 on TumblingWindow(second, 1) ${hoppingReference.eventsPerSecond.toFixed(0)} (reference: Q3's events, one window each; ${hoppingReference.outputRows} rows out)`);
  for (const f of flink) console.log(`Flink ${f.query.toUpperCase()} ${f.eventsPerSecond.toFixed(0).padStart(8)}   (peer, Flink ${f.flinkVersion}, parallelism ${f.parallelism})`);
  if (flink.length > 0) console.log(`sluice/Flink: Q2 ${ratios.q2VsFlink?.toFixed(2) ?? 'n/a'}×, Q3 ${ratios.q3VsFlink?.toFixed(2) ?? 'n/a'}×`);
  console.log(`targets: Q2 ≥ 80% of the bare consume loop: ${ratios.q2VsBareConsume === null ? 'n/a' : `${(ratios.q2VsBareConsume * 100).toFixed(0)}%`}; Q3 ≤ 1.5× Q2's cost: ${ratios.q3CostVsQ2 === null ? 'n/a' : `${ratios.q3CostVsQ2.toFixed(2)}×`}`);
  console.log(`window overlap: Q3 (60 windows per event) costs ${ratios.q3CostVsTumbling1s === null ? 'n/a' : `${ratios.q3CostVsTumbling1s.toFixed(2)}×`} its query on TumblingWindow(second, 1) (1 window per event); claim ≤ 1.5×`);

  const out = args['results-dir'] ?? fileURLToPath(new URL('./results/', import.meta.url));
  await mkdir(out, { recursive: true });
  const report = {
    date: new Date().toISOString(), kafka: broker.version, node: process.version, cores: cpus().length, cpu: cpus()[0]?.model,
    dataset: { events, bytes: loaded.bytes, devices: 1000, partitions: 4, timestampType: 'LogAppendTime', loadSeconds: loaded.seconds },
    reference: { bareConsume: consume, bareConsumeRuns: [consumeBefore, consumeAfter], jsonParse: parse, ...(hoppingReference ? { q3OnTumblingWindow1s: hoppingReference } : {}) },
    latencyRate: rate, latencySeconds, queries: results, flink, ratios,
  };
  await writeFile(join(out, `${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
  const bars: ChartBar[] = [
    { label: 'bare consume loop', eventsPerSecond: consume.eventsPerSecond, reference: true },
    { label: 'JSON.parse alone', eventsPerSecond: parse.eventsPerSecond, reference: true },
    ...results.map((r) => ({
      label: `${r.id} ${r.title.length > 42 ? `${r.title.slice(0, 41)}…` : r.title}`,
      eventsPerSecond: Number.isFinite(r.throughput.eventsPerSecond) ? r.throughput.eventsPerSecond : 0,
      note: r.latency ? `latency p50 ${r.latency.p50Ms} ms, p99 ${r.latency.p99Ms} ms at ${rate}/s · peak RSS ${r.throughput.peakRssMiB.toFixed(0)} MiB` : (r.error ? 'failed' : ''),
    })),
    ...(hoppingReference ? [{ label: "Q3's query on TumblingWindow(second, 1)", eventsPerSecond: hoppingReference.eventsPerSecond, reference: true }] : []),
    ...flink.map((f) => ({ label: `Flink SQL ${f.query.toUpperCase()} (peer)`, eventsPerSecond: f.eventsPerSecond, reference: true })),
  ];
  await writeFile(join(out, `${stamp}.svg`), renderChart('sluice: throughput catching up a backlog (events/s)',
    `${events} JSON events (~${(loaded.bytes / loaded.events).toFixed(0)} B), 1000 devices, 4 partitions, Kafka ${broker.version}, ${cpus().length} cores, ${report.date.slice(0, 10)}`, bars));
  log(`wrote ${join(out, `${stamp}.json`)} and ${stamp}.svg`);
} finally {
  await rm(work, { recursive: true, force: true });
  if (started) await stopKafkaBroker(started);
}
