// `npm run demo`: generated IoT telemetry flows into Kafka, examples/telemetry runs on it through the same
// live path as `sluice run` (runLive), and its results are read back from the output topics and shown as
// windows close. The cluster is the caller's: a real one (--bootstrap) or the development broker that
// scripts/demo.ts starts in-process (librdkafka's mock cluster).
import { SluiceError } from '../common/index.ts';
import { RdkafkaAdmin, RdkafkaRecordReader, RdkafkaRecordWriter, type KafkaConnection } from '../connectors/kafka/index.ts';
import { loadProject } from '../project/index.ts';
import { demoProject } from './demo-project.ts';
import { DemoResultsView } from './demo-results-view.ts';
import { TelemetryGenerator } from './demo-telemetry.ts';
import { projectSecretStore } from './project-secret-store.ts';
import { runLive } from './run-live.ts';

export interface DemoOptions {
  projectDir: string;
  bootstrapServers: string[];
  /** The in-process development broker: no topic creation, producer timestamps. */
  development: boolean;
  durationMs: number;
  /** Aborting it ends the demo early (Ctrl-C). */
  signal: AbortSignal;
  out: (line: string) => void;
  /** Replaces the status line in place (a TTY); without it, status goes to `out` every 5 s. */
  status?: (line: string) => void;
  devices?: number;
  ticksPerSecond?: number;
}

export interface DemoSummary {
  produced: number;
  consumed: number;
  windows: number;
  averages: number;
  alerts: number;
}

const JOIN_WAIT_MS = 3000;
const DRAIN_MS = 1500;
/** Partitions of a topic librdkafka's mock cluster creates on first use (rdkafka_mock.c defaults.partition_cnt). */
const MOCK_PARTITIONS = 4;

const sleep = (ms: number, signal: AbortSignal): Promise<void> => new Promise((resolve) => {
  const t = setTimeout(resolve, ms);
  signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
});

async function createTopics(connection: KafkaConnection, inputTopics: string[], outputTopics: string[]): Promise<void> {
  const admin = new RdkafkaAdmin(connection);
  try {
    // ASA's rule, kept by the example: the input topic stamps arrival time (LogAppendTime).
    for (const t of inputTopics) await admin.createTopic(t, { partitions: 4, config: { 'message.timestamp.type': 'LogAppendTime' } });
    for (const t of outputTopics) await admin.createTopic(t, { partitions: 1 });
  } finally {
    await admin.close();
  }
}

export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const loaded = await loadProject(options.projectDir);
  const suffix = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const { project, topics } = demoProject(loaded, { bootstrapServers: options.bootstrapServers, suffix, development: options.development });
  const inputTopic = topics.inputs.get('telemetry');
  if (!inputTopic) throw new SluiceError('SLUICE_DEMO_PROJECT', `${loaded.projectFile}: the demo needs a Kafka input named 'telemetry'`, { domain: 'user' });
  const connection: KafkaConnection = { bootstrapServers: options.bootstrapServers, securityProtocol: 'None', clientId: 'sluice-demo' };
  if (!options.development) await createTopics(connection, [...topics.inputs.values()], [...topics.outputs.values()]);

  // Ending: the readings stop first, then sluice, once it has had a moment to read the last of them.
  const stopProducing = new AbortController();
  const stop = new AbortController();
  const end = (): void => {
    if (stopProducing.signal.aborted) return;
    stopProducing.abort();
    setTimeout(() => stop.abort(), DRAIN_MS);
  };
  const onAbort = end;
  options.signal.addEventListener('abort', onAbort, { once: true });
  const writer = await RdkafkaRecordWriter.connect(connection, { compression: 'lz4' });
  const viewer = await RdkafkaRecordReader.connect(connection, {
    groupId: `sluice-demo-viewer-${suffix}`,
  });
  const aliasOfTopic = new Map([...topics.outputs].map(([alias, topic]) => [topic, alias] as const));
  // The output topics exist only once sluice first writes to them. The viewer reads them without a consumer
  // group (assigned partitions, from the beginning), adding each topic once it exists: a group that must
  // rebalance for a new topic can take longer than the whole demo on the development broker.
  const admin = new RdkafkaAdmin(connection, { timeoutMs: 2000 });
  /** Next offset to read, per topic and partition of the topics found so far. */
  const next = new Map<string, Map<number, number>>();
  let lookedAt = 0;
  const followNewTopics = async (): Promise<boolean> => {
    if (next.size === topics.outputs.size || Date.now() - lookedAt < 1000) return next.size > 0;
    lookedAt = Date.now();
    const existing = new Set(await admin.listTopics().catch(() => [] as string[]));
    let added = false;
    for (const topic of topics.outputs.values()) {
      if (next.has(topic) || !existing.has(topic)) continue;
      // The development broker cannot describe topics; it creates every topic with its default partition count.
      const partitions = options.development
        ? Array.from({ length: MOCK_PARTITIONS }, (_, i) => i)
        : (await admin.describeTopic(topic)).partitions;
      next.set(topic, new Map(partitions.map((p) => [p, 0] as const)));
      added = true;
    }
    if (added) {
      viewer.assign([...next].flatMap(([topic, parts]) => [...parts].map(([partition, offset]) => ({ topic, partition, offset }))));
    }
    return next.size > 0;
  };
  const view = new DemoResultsView(options.out);
  const generator = new TelemetryGenerator(options.devices ?? 100);
  const started = Date.now();
  let produced = 0;

  const produceTick = async (): Promise<void> => {
    const readings = generator.tick(Date.now());
    await writer.write(inputTopic, readings.map((r) => ({ key: Buffer.from(r.deviceId), value: Buffer.from(JSON.stringify(r)), timestamp: Date.now() })));
    produced += readings.length;
  };
  const produce = async (): Promise<void> => {
    const every = 1000 / (options.ticksPerSecond ?? 2);
    for (let next = Date.now(); !stopProducing.signal.aborted; next += every) {
      await produceTick();
      await sleep(Math.max(0, next + every - Date.now()), stopProducing.signal);
    }
  };
  const watch = async (untilDone: () => boolean): Promise<void> => {
    // After sluice stops, results it wrote last may still be on their way: read on until a quiet second.
    let quietPolls = 0;
    while (!untilDone() || quietPolls < 4) {
      if (!(await followNewTopics())) {
        await sleep(250, new AbortController().signal);
        if (untilDone()) quietPolls++;
        continue;
      }
      const records = await viewer.read(2000, 250);
      for (const r of records) next.get(r.topic)?.set(r.partition, r.offset + 1);
      quietPolls = records.length === 0 ? quietPolls + 1 : 0;
      const touched = new Set<string>();
      const byAlias = new Map<string, unknown[]>();
      for (const r of records) {
        if (!r.value) continue;
        const alias = aliasOfTopic.get(r.topic) ?? r.topic;
        for (const line of r.value.toString('utf8').split('\n')) {
          if (line.trim() === '') continue;
          const list = byAlias.get(alias) ?? [];
          list.push(JSON.parse(line) as unknown);
          byAlias.set(alias, list);
        }
      }
      for (const [alias, rows] of byAlias) {
        view.add(alias, rows);
        if (alias !== 'alerts') for (const end of view.windowEndsOf(rows)) touched.add(end);
      }
      view.flush(touched);
    }
  };
  const status = (): string => {
    const seconds = Math.round((Date.now() - started) / 1000);
    return `${seconds} s · produced ${produced} readings · results: ${view.windows} window${view.windows === 1 ? '' : 's'} closed, ${view.averages} device averages, ${view.alerts} alert${view.alerts === 1 ? '' : 's'}`;
  };

  options.out(`demo: ${generator.devices} devices, ${(options.ticksPerSecond ?? 2) * generator.devices} readings/s → topic ${inputTopic}; ` +
    `results ← ${[...topics.outputs.values()].join(', ')}; ends after ${Math.round(options.durationMs / 1000)} s or Ctrl-C`);
  // The first readings create the input topic on the development broker (which has no CreateTopics) before
  // sluice subscribes; sluice reads its new topic from the beginning, so they count too.
  await produceTick();
  let running = false;
  let liveDone = false;
  const timer = setTimeout(end, options.durationMs);
  const ticker = setInterval(() => {
    if (options.status) options.status(status());
    else if (Math.round((Date.now() - started) / 1000) % 5 === 0) options.out(`status: ${status()}`);
  }, 1000);
  try {
    const live = runLive(project, {
      store: projectSecretStore(project.job, project.rootDir),
      signal: stop.signal,
      log: (line) => options.out(`sluice: ${line}`),
      onRunning: () => { running = true; },
    }).finally(() => { liveDone = true; });
    // Produce only once sluice is subscribed, so the first windows are complete.
    while (!running && !liveDone && !stop.signal.aborted) await sleep(50, stop.signal);
    // Subscribed is not yet assigned: joining the consumer group takes a few seconds. Readings produced
    // meanwhile would be read as a backlog, one partition after another, and partitions read later would
    // look out of order by more than the job's 2 s tolerance (ASA then adjusts their time into a later window).
    await sleep(JOIN_WAIT_MS, stopProducing.signal);
    const producing = produce();
    const watching = watch(() => liveDone);
    const summary = await live.catch(async (err: unknown) => {
      stopProducing.abort();
      stop.abort();
      await Promise.allSettled([producing, watching]);
      throw err;
    });
    const consumed = summary.inputs.reduce((n, i) => n + i.events, 0);
    await producing;
    await watching;
    view.flush(new Set(), true);
    return { produced, consumed, windows: view.windows, averages: view.averages, alerts: view.alerts };
  } finally {
    clearTimeout(timer);
    clearInterval(ticker);
    stop.abort();
    options.signal.removeEventListener('abort', onAbort);
    await viewer.close().catch(() => {});
    await admin.close().catch(() => {});
    await writer.close().catch(() => {});
  }
}
