// `sluice run <project>` (live mode): reads the job's Kafka inputs until stopped, runs the query, writes its
// outputs. Offsets are committed only after the outputs acknowledged everything the read events produced,
// so a crash re-delivers rather than loses (at-least-once). On stop it drains: pending writes finish,
// a last checkpoint is written, offsets are committed, connections close. Windows still open at a stop are
// not flushed (ASA does not emit partial windows either): they are in the checkpoint, which a restart with
// LastOutputEventTime restores along with each partition's offset (checkpoint-coordinator.ts).
// Outputs: Kafka, File, PostgreSQL and Console, each behind JobConfig's OutputErrorPolicy.
import { SluiceError } from '../common/index.ts';
import {
  KafkaOutputSink, ProcessRecordWriter, RdkafkaRecordWriter, ReconnectingRecordReader, assertTimestampType, buildInputBatches,
  readTopicTimestampType, type KafkaCompression, type KafkaTimestampType, type UndecodableMessage,
} from '../connectors/kafka/index.ts';
import { ConsoleSink } from '../connectors/console/index.ts';
import { FileSink } from '../connectors/file/index.ts';
import { PostgresSink } from '../connectors/postgres/index.ts';
import { createDeserializer, createSerializer, type Deserializer } from '../formats/index.ts';
import type { InputSpec, OutputSpec } from '../job/index.ts';
import type { Project } from '../project/index.ts';
import type { SecretStore } from '../secrets/index.ts';
import { OutputErrorPolicySink, type OutputSink } from '../spi/index.ts';
import { LiveCheckpoints, jobFingerprint, type CheckpointSettings } from './checkpoint-coordinator.ts';
import { advancePositions } from './checkpoint-positions.ts';
import { compileJob, planProject, timePolicyOf } from './compile-job.ts';
import { openDeadLetters, type DeadLetterWriter } from './dead-letter.ts';
import { resolveKafkaConnection } from './kafka-connection-resolver.ts';
import { commitDelayMs } from './state-horizon.ts';
import { isReferenceInput, referenceSources, startReferenceData } from './reference-data.ts';
import { watchKafkaConnection, type KafkaConnectionWatch } from './kafka-connection-watcher.ts';
import { LiveObserver, type LiveLog, type LiveObserveOptions } from './live-observer.ts';

export interface LiveRunOptions {
  store: SecretStore;
  /** Aborting it stops the job (SIGINT/SIGTERM in the CLI). */
  signal: AbortSignal;
  /** Diagnostics; the CLI sends them to its structured logger at the level given (default info). */
  log: LiveLog;
  /** Metrics server, status line (see live-observer.ts); nothing of it by default. */
  observe?: LiveObserveOptions;
  /** Checkpoints (docs/checkpoints.md): periodic and at a graceful stop, restored at start; absent: none. */
  checkpoints?: CheckpointSettings;
  /** Called once every input is subscribed. */
  onRunning?: () => void;
  now?: () => number;
  pollMs?: number;
  maxBatch?: number;
  /**
   * Each Kafka input's consumer and each Kafka output's producer in a child process of its own (default true):
   * librdkafka's Node client spends as much of the JavaScript thread per event as the query does, and there
   * it runs on another core.
   */
  kafkaProcesses?: boolean;
}

export interface LiveRunSummary {
  inputs: Array<{ alias: string; events: number; undecodable: number }>;
}

interface LiveInput {
  alias: string;
  topic: string;
  reader: ReconnectingRecordReader;
  deserializer: Deserializer;
  deadLetters: DeadLetterWriter | undefined;
  timestampType: KafkaTimestampType;
  watch: KafkaConnectionWatch;
  /**
   * Offsets read and processed, waiting for the outputs that depend on them: due once the rows they produced
   * are acknowledged (`durable`), and (windowed queries) once the windows they reach have closed.
   */
  pending: PendingOffsets[];
  /** Per partition, the next offset whose event is not yet in the state (what a checkpoint records). */
  position: Map<number, number>;
  /** When an empty read may count as a quiet input (see IDLE_GRACE_MS). */
  idle: { after: number };
  /**
   * Until when the assigned partitions that have delivered nothing hold the watermark back (the same grace):
   * the first partition's backlog must not make the others' events late (SourceOperator.expectPartitions).
   */
  expecting: { until: number };
  events: number;
  undecodable: number;
}

/**
 * After a (re)assignment, empty reads do not yet mean a quiet input: the consumer may not have fetched the
 * backlog (a restart after a crash, a rebalance). Moving the watermark with the clock then would make that
 * backlog late. So an input counts as idle only once it has returned records since its last assignment,
 * or this long after it (a topic that is really quiet still closes its windows).
 */
const IDLE_GRACE_MS = 3000;

/** Batches whose output writes may be unacknowledged while the next batch is processed. */
const WRITES_IN_FLIGHT = 16;

/** One batch's offsets and what they wait for. */
interface PendingOffsets {
  offsets: Map<number, number>;
  arrivalMaxMs: number;
  durable: Promise<void>;
  /** Whether `durable` has settled (then `failure` tells how), known without waiting for it. */
  settled: boolean;
  failure: unknown;
}

function pendingOffsets(offsets: Map<number, number>, arrivalMaxMs: number, durable: Promise<void>): PendingOffsets {
  const entry: PendingOffsets = { offsets, arrivalMaxMs, durable, settled: false, failure: undefined };
  durable.then(() => { entry.settled = true; }, (err: unknown) => { entry.settled = true; entry.failure = err; });
  return entry;
}

/**
 * Whether the broker confirms the input has nothing beyond what was read: an empty read alone may be a
 * consumer that cannot fetch (broker down or just back, group rejoining) while events wait — moving the
 * watermark with the clock then would make them late. Partitions not read yet do not hold it back.
 */
async function caughtUp(input: LiveInput): Promise<boolean> {
  const highs = await input.reader.highWatermarks();
  if (highs === undefined) return false;
  for (const [partition, next] of input.position) {
    if ((highs.get(`${input.topic}/${partition}`) ?? 0) > next) return false;
  }
  return true;
}

const COMPRESSION: Record<string, KafkaCompression> = { None: 'none', Gzip: 'gzip', Snappy: 'snappy', Lz4: 'lz4', Zstd: 'zstd' };

function unsupported(message: string, hint?: string): SluiceError {
  return new SluiceError('SLUICE_LIVE_UNSUPPORTED', message, { domain: 'user', ...(hint ? { hint } : {}) });
}

async function openOutput(spec: OutputSpec, project: Project, store: SecretStore, log: (line: string) => void, separateProcess: boolean, obs?: LiveObserver): Promise<OutputSink> {
  const sink = spec.sink;
  switch (sink.kind) {
    case 'file':
      return new FileSink({
        rootDir: project.rootDir, ...sink.properties,
        serialization: spec.serialization ?? { type: 'Json', encoding: 'UTF8', format: 'LineSeparated' },
        ...(spec.minimumRows === undefined ? {} : { minimumRows: spec.minimumRows }),
        ...(spec.maximumTimeSeconds === undefined ? {} : { maximumTimeSeconds: spec.maximumTimeSeconds }),
      });
    case 'postgres':
      return new PostgresSink({ ...sink.properties, secretStore: store });
    case 'console':
      return new ConsoleSink({ prefix: spec.alias });
    case 'external':
      throw unsupported(`output '${spec.alias}' is a ${sink.dataSourceType} output, which sluice cannot write`,
        'write to Kafka, File, PostgreSQL or Console outputs; use --local to write every output to LocalRunOutputs/');
    case 'kafka':
      break;
  }
  const props = sink.properties;
  const { connection } = await resolveKafkaConnection(props, store, { owner: `output '${spec.alias}'` });
  obs?.certificate('output', spec.alias, connection);
  const writer = await (separateProcess ? ProcessRecordWriter.connect : RdkafkaRecordWriter.connect)(connection, {
    compression: COMPRESSION[props.compressionType] ?? 'none',
    onWarning: (message) => log(`warning: output '${spec.alias}': ${message}`),
  });
  return new KafkaOutputSink(writer, {
    topic: props.topic,
    serializer: createSerializer(spec.serialization ?? { type: 'Json', encoding: 'UTF8', format: 'LineSeparated' }),
    ...(props.partitionKey ? { partitionKey: props.partitionKey } : {}),
    ...(props.headerColumns ? { headerColumns: props.headerColumns } : {}),
  });
}

function startAtMs(project: Project, runStart: number): number | undefined {
  const { outputStartMode, outputStartTime } = project.job.config;
  if (outputStartMode === 'LastOutputEventTime') return undefined;
  if (outputStartMode === 'CustomTime' && outputStartTime) return Date.parse(outputStartTime);
  return runStart;
}

async function openInput(spec: InputSpec, project: Project, options: LiveRunOptions, runStart: number, onAssigned: (partitions: number[]) => void, obs?: LiveObserver, resume?: ReadonlyMap<number, number>): Promise<LiveInput> {
  if (spec.source.kind !== 'kafka' || spec.kind !== 'stream') {
    throw unsupported(`input '${spec.alias}' is not a Kafka data stream, which is what live mode reads`, 'use --local to read every input from its local file');
  }
  const props = spec.source.properties;
  const owner = `input '${spec.alias}'`;
  const resolved = await resolveKafkaConnection(props, options.store, { owner });
  for (const w of resolved.warnings) options.log(`warning: ${owner}: ${w.message}`, 'warn');
  // A broker without DescribeConfigs (librdkafka's mock cluster behind `npm run demo`, some proxies) can still
  // be read when the input knowingly takes producer timestamps (TimestampType CreateTime).
  const actual = await readTopicTimestampType(resolved.connection, props.topic).catch((err: unknown) => {
    if (props.timestampType === 'CreateTime' && err instanceof SluiceError && err.code === 'SLUICE_KAFKA_UNSUPPORTED_BROKER') return 'CreateTime' as const;
    throw err;
  });
  assertTimestampType(props.topic, actual, props.timestampType, resolved.connection.bootstrapServers);
  const reader = await ReconnectingRecordReader.connect(resolved.connection, {
    groupId: props.consumerGroupId,
    separateProcess: options.kafkaProcesses ?? true,
    onReconnected: () => options.log(`${owner}: reconnected with renewed credentials`),
    onReconnectError: (err) => options.log(`${owner}: renewed credentials could not be used, keeping the current connection: ${err instanceof Error ? err.message : String(err)}`),
  });
  obs?.input(spec.alias, reader, resolved.connection);
  const deadLetters = await openDeadLetters(props, resolved.connection, spec.alias);
  if (deadLetters) options.log(`${owner}: messages that cannot be deserialized are kept in ${deadLetters.describe()}`);
  const start = startAtMs(project, runStart);
  // Every assignment (the first, and any after a rebalance) resumes a partition where the state is.
  const position = new Map(resume ?? []);
  const positionOf = (topic: string, partition: number) => (topic === props.topic ? position.get(partition) : undefined);
  const now = options.now ?? Date.now;
  const idle = { after: Infinity };
  const expecting = { until: -Infinity };
  const listener = {
    assigned: (partitions: ReadonlyArray<{ topic: string; partition: number }>) => {
      idle.after = now() + IDLE_GRACE_MS;
      expecting.until = now() + IDLE_GRACE_MS;
      onAssigned(partitions.filter((p) => p.topic === props.topic).map((p) => p.partition));
    },
  };
  reader.subscribe([props.topic], listener, start === undefined ? { positionOf } : { startAtMs: start, positionOf });
  const watch = watchKafkaConnection(props, options.store, resolved, {
    owner, onChange: (c) => { reader.reconnectWith(c); obs?.certificate('input', spec.alias, c); }, onError: (err) => options.log(`${owner}: ${err instanceof Error ? err.message : String(err)}`),
  });
  return {
    alias: spec.alias, topic: props.topic, reader, watch, deadLetters, timestampType: actual, pending: [], position, idle, expecting, events: 0, undecodable: 0,
    deserializer: createDeserializer(spec.serialization ?? { type: 'Json', encoding: 'UTF8', format: 'LineSeparated' }),
  };
}

export async function runLive(project: Project, options: LiveRunOptions): Promise<LiveRunSummary> {
  const now = options.now ?? Date.now;
  const runStart = now();
  const plan = planProject(project);
  const obs = await LiveObserver.start(options.observe ?? {}, options.log, now);
  const sinks = new Map<string, OutputSink>();
  const inputs: LiveInput[] = [];
  let references: { stop(): void } | undefined;
  try {
    for (const alias of plan.outputs) {
      const spec = project.job.outputs.find((o) => o.alias.toLowerCase() === alias.toLowerCase());
      if (!spec) throw new SluiceError('SLUICE_LIVE_NO_OUTPUT', `the query writes to output '${alias}', which the project does not define`, { domain: 'user', hint: `add Outputs/${alias}.json` });
      // JobConfig's OutputErrorPolicy: Stop (the portal's "Retry") holds the output back and retries;
      // Drop drops only rows the output cannot take. Transient failures are retried either way.
      sinks.set(alias, new OutputErrorPolicySink(obs.sink(alias, await openOutput(spec, project, options.store, options.log, options.kafkaProcesses ?? true, obs)), {
        policy: project.job.config.outputErrorPolicy,
        onDropped: (_row, r) => { obs.outputDropped(alias); options.log(`output '${alias}': dropped row ${r.rowIndex}: column "${r.column}": ${r.reason}`, 'warn'); },
        onRetry: (err, attempt, delayMs) => options.log(`output '${alias}': write failed (attempt ${attempt}), retrying in ${delayMs} ms: ${err instanceof Error ? err.message : String(err)}`, 'warn'),
      }));
    }
    const compile = () => compileJob(project, { plan, now, sinkFor: (alias) => sinks.get(alias)!, onUdfError: (name) => obs.udfError(name) }).graph;
    let graph = compile();
    const checkpoints = options.checkpoints
      ? new LiveCheckpoints(options.checkpoints, jobFingerprint(project), options.log, now, (ms) => obs.observeCheckpoint(ms))
      : undefined;
    let resume: ReadonlyMap<string, ReadonlyMap<number, number>> | undefined;
    if (checkpoints && project.job.config.outputStartMode !== 'LastOutputEventTime') {
      if ((await checkpoints.store.list()).length > 0) options.log(`checkpoint: OutputStartMode ${project.job.config.outputStartMode} starts fresh; the checkpoints in ${checkpoints.store.dir} are used only with LastOutputEventTime`);
    } else if (checkpoints) {
      const outcome = await checkpoints.restore(graph);
      if (outcome.kind === 'restored') resume = outcome.positions;
      else {
        // Half-restored operators cannot be trusted: start from a fresh graph.
        if (outcome.kind === 'damaged') graph = compile();
        options.log('checkpoint: none usable; state is rebuilt by replaying input from the committed offsets');
      }
    }
    obs.watchGraph(graph);
    const delayMs = commitDelayMs(plan, timePolicyOf(project));
    if (delayMs > 0) {
      options.log(Number.isFinite(delayMs)
        ? `windowed query: offsets are committed ${Math.round(delayMs / 1000)} s of arrival time after their events, once every window they reach has closed`
        : 'windowed query with EventsLateArrivalMaxDelayInSeconds -1: windows never close on arrival time, so offsets are not committed while the job runs');
    }
    /**
     * Commits what is due: everything (stateless) or what has passed the state horizon (windowed), as far as
     * its output writes are acknowledged. It never waits for a write in flight (that would hold the engine
     * for a broker round trip per batch) unless `drain`, when the job stops.
     */
    const commitDue = async (input: LiveInput, drain = false): Promise<void> => {
      // Without state everything processed is due; comparing broker timestamps with this host's clock would
      // only let clock skew hold commits back.
      const dueBefore = delayMs === 0 ? Infinity : now() - delayMs;
      const due = new Map<number, number>();
      while (input.pending.length > 0 && input.pending[0]!.arrivalMaxMs <= dueBefore) {
        const entry = input.pending[0]!;
        // Writes settle in order; a failed one throws here (and at the next push) and stops the job.
        if (drain) await entry.durable;
        else if (!entry.settled) break;
        else if (entry.failure !== undefined) throw entry.failure;
        input.pending.shift();
        for (const [p, o] of entry.offsets) due.set(p, Math.max(due.get(p) ?? 0, o));
      }
      if (due.size === 0) return;
      try {
        await input.reader.commit([...due].map(([partition, offset]) => ({ topic: input.topic, partition, offset })));
      } catch (err) {
        // E.g. partitions taken away by a rebalance: their next owner starts from the last commit (at-least-once).
        options.log(`input '${input.alias}': could not commit offsets: ${err instanceof Error ? err.message : String(err)}`);
      }
    };
    // Reference data (JOIN … reference input) is loaded whole before any event, and refreshed.
    references = await startReferenceData(referenceSources(project, plan.inputs, options.store), (alias, rows) => graph.loadReference(alias, rows), options.log);
    for (const alias of plan.inputs) {
      if (isReferenceInput(project, alias)) continue;
      const spec = project.job.inputs.find((i) => i.alias.toLowerCase() === alias.toLowerCase());
      if (!spec) throw new SluiceError('SLUICE_INTERNAL', `planned input '${alias}' is not in the project`, { domain: 'internal' });
      inputs.push(await openInput(spec, project, options, runStart, (partitions) => graph.expectPartitions(spec.alias, partitions), obs, resume?.get(alias.toLowerCase())));
    }
    options.log(`running: ${inputs.map((i) => `'${i.alias}' ← ${i.topic}`).join(', ')}; stop with Ctrl-C`);
    options.onRunning?.();
    obs.running();
    const pollMs = options.pollMs ?? Math.max(50, Math.floor(200 / inputs.length));
    /** Writes started for recent batches, not yet known to be acknowledged. */
    const inFlight: Array<Promise<void>> = [];
    while (!options.signal.aborted) {
      for (const input of inputs) {
        // Positions move as soon as records are handed over, so that a rebalance during the awaits below
        // resumes after them; records a racing rebalance delivers twice are dropped here.
        const records = advancePositions(await input.reader.read(options.maxBatch ?? 2000, pollMs), input.position);
        // Partitions still silent after the grace have nothing to read (a backlog's first fetch brings every
        // partition's first batch well within it): stop waiting for them.
        if (input.expecting.until !== -Infinity && now() >= input.expecting.until) {
          input.expecting.until = -Infinity;
          graph.releaseExpected(input.alias);
        }
        if (records.length === 0) {
          // Nothing new: arrival time still moves on, so windows can close on a quiet input.
          if (now() >= input.idle.after && await caughtUp(input)) graph.inputIdle(input.alias, now() - pollMs);
          await graph.settled();
          await commitDue(input, true);
          continue;
        }
        const undecodable: UndecodableMessage[] = [];
        const batches = await buildInputBatches(records, {
          deserializer: input.deserializer,
          timestampType: input.timestampType,
          onUndecodable: (m) => {
            input.undecodable++;
            undecodable.push(m);
            obs.undecodable(input.alias);
            options.log(`input '${input.alias}': skipped the message at ${m.topic}/${m.partition}/${m.offset}: ${m.reason} [${m.code}]`, 'warn', {
              input: input.alias, topic: m.topic, partition: m.partition, offset: m.offset, code: m.code,
            });
          },
        });
        // Kept before the offsets below are committed past them.
        if (input.deadLetters) {
          await input.deadLetters.write(undecodable);
          obs.deadLettered(input.alias, undecodable.length);
        }
        obs.records(input.alias, records);
        for (const batch of batches) {
          graph.push(input.alias, batch);
          input.events += batch.rows.length;
          obs.batch(input.alias, batch.partitionId, batch.rows.length);
        }
        // Results of these records are durable once the sinks acknowledged them; only then are their offsets
        // committed (for a windowed query, once the windows they reach have closed too). The next batch is
        // processed meanwhile: waiting for each batch's acknowledgements left the engine idle for a broker
        // round trip per batch. Up to WRITES_IN_FLIGHT batches' writes are in flight.
        const durable = graph.settled();
        durable.catch(() => {}); // awaited below or by commitDue, which report the failure
        inFlight.push(durable);
        if (inFlight.length > WRITES_IN_FLIGHT) await inFlight.shift();
        const offsets = new Map<number, number>();
        let arrivalMaxMs = -Infinity;
        for (const r of records) {
          offsets.set(r.partition, Math.max(offsets.get(r.partition) ?? 0, r.offset + 1));
          if (r.timestamp > arrivalMaxMs) arrivalMaxMs = r.timestamp;
        }
        input.pending.push(pendingOffsets(offsets, arrivalMaxMs, durable));
        input.idle.after = -Infinity;
        await commitDue(input);
      }
      if (checkpoints?.due) await checkpoints.take(graph, inputs.map((i) => ({ alias: i.alias, topic: i.topic, offsets: i.position })), 'periodic');
    }
    await graph.settled();
    // Stopping: the open windows' state and the positions go into a last checkpoint, so a restart resumes
    // without a gap and without re-reading.
    if (checkpoints) await checkpoints.take(graph, inputs.map((i) => ({ alias: i.alias, topic: i.topic, offsets: i.position })), 'stopping');
    for (const input of inputs) await commitDue(input, true);
    return { inputs: inputs.map((i) => ({ alias: i.alias, events: i.events, undecodable: i.undecodable })) };
  } finally {
    references?.stop();
    for (const input of inputs) {
      input.watch.stop();
      await input.reader.close().catch(() => {});
      await input.deadLetters?.close().catch(() => {});
    }
    for (const sink of sinks.values()) await sink.close().catch(() => {});
    await obs.close();
  }
}
