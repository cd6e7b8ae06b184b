// `sluice run <project>` (live mode): reads the job's Kafka inputs until stopped, runs the query, writes its
// outputs. Offsets are committed only after the outputs acknowledged everything the read events produced,
// so a crash re-delivers rather than loses (at-least-once). On stop it drains: pending writes finish,
// offsets are committed, connections close. Windows still open at a stop are not flushed (ASA does not emit
// partial windows either); until checkpoints exist their events are re-read only if uncommitted.
// Outputs: Kafka, File, PostgreSQL and Console, each behind JobConfig's OutputErrorPolicy.
import { SluiceError } from '../common/index.ts';
import {
  KafkaOutputSink, RdkafkaRecordWriter, ReconnectingRecordReader, assertTimestampType, buildInputBatches,
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
import { compileJob, planProject, timePolicyOf } from './compile-job.ts';
import { openDeadLetters, type DeadLetterWriter } from './dead-letter.ts';
import { resolveKafkaConnection } from './kafka-connection-resolver.ts';
import { commitDelayMs } from './state-horizon.ts';
import { watchKafkaConnection, type KafkaConnectionWatch } from './kafka-connection-watcher.ts';

export interface LiveRunOptions {
  store: SecretStore;
  /** Aborting it stops the job (SIGINT/SIGTERM in the CLI). */
  signal: AbortSignal;
  log: (line: string) => void;
  /** Called once every input is subscribed. */
  onRunning?: () => void;
  now?: () => number;
  pollMs?: number;
  maxBatch?: number;
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
  /** Offsets read and processed, waiting for the outputs that depend on them (windowed queries). */
  pending: Array<{ offsets: Map<number, number>; arrivalMaxMs: number }>;
  events: number;
  undecodable: number;
}

const COMPRESSION: Record<string, KafkaCompression> = { None: 'none', Gzip: 'gzip', Snappy: 'snappy', Lz4: 'lz4', Zstd: 'zstd' };

function unsupported(message: string, hint?: string): SluiceError {
  return new SluiceError('SLUICE_LIVE_UNSUPPORTED', message, { domain: 'user', ...(hint ? { hint } : {}) });
}

async function openOutput(spec: OutputSpec, project: Project, store: SecretStore): Promise<OutputSink> {
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
  const writer = await RdkafkaRecordWriter.connect(connection, { compression: COMPRESSION[props.compressionType] ?? 'none' });
  return new KafkaOutputSink(writer, {
    topic: props.topic,
    serializer: createSerializer(spec.serialization ?? { type: 'Json', encoding: 'UTF8', format: 'LineSeparated' }),
    ...(props.partitionKey ? { partitionKey: props.partitionKey } : {}),
  });
}

function startAtMs(project: Project, runStart: number): number | undefined {
  const { outputStartMode, outputStartTime } = project.job.config;
  if (outputStartMode === 'LastOutputEventTime') return undefined;
  if (outputStartMode === 'CustomTime' && outputStartTime) return Date.parse(outputStartTime);
  return runStart;
}

async function openInput(spec: InputSpec, project: Project, options: LiveRunOptions, runStart: number): Promise<LiveInput> {
  if (spec.source.kind !== 'kafka' || spec.kind !== 'stream') {
    throw unsupported(`input '${spec.alias}' is not a Kafka data stream, which is what live mode reads`, 'use --local to read every input from its local file');
  }
  const props = spec.source.properties;
  const owner = `input '${spec.alias}'`;
  const resolved = await resolveKafkaConnection(props, options.store, { owner });
  for (const w of resolved.warnings) options.log(`warning: ${owner}: ${w.message}`);
  const actual = await readTopicTimestampType(resolved.connection, props.topic);
  assertTimestampType(props.topic, actual, props.timestampType, resolved.connection.bootstrapServers);
  const reader = await ReconnectingRecordReader.connect(resolved.connection, {
    groupId: props.consumerGroupId,
    onReconnected: () => options.log(`${owner}: reconnected with renewed credentials`),
    onReconnectError: (err) => options.log(`${owner}: renewed credentials could not be used, keeping the current connection: ${err instanceof Error ? err.message : String(err)}`),
  });
  const deadLetters = await openDeadLetters(props, resolved.connection, spec.alias);
  if (deadLetters) options.log(`${owner}: messages that cannot be deserialized are kept in ${deadLetters.describe()}`);
  const start = startAtMs(project, runStart);
  reader.subscribe([props.topic], {}, start === undefined ? {} : { startAtMs: start });
  const watch = watchKafkaConnection(props, options.store, resolved, {
    owner, onChange: (c) => reader.reconnectWith(c), onError: (err) => options.log(`${owner}: ${err instanceof Error ? err.message : String(err)}`),
  });
  return {
    alias: spec.alias, topic: props.topic, reader, watch, deadLetters, timestampType: actual, pending: [], events: 0, undecodable: 0,
    deserializer: createDeserializer(spec.serialization ?? { type: 'Json', encoding: 'UTF8', format: 'LineSeparated' }),
  };
}

export async function runLive(project: Project, options: LiveRunOptions): Promise<LiveRunSummary> {
  const now = options.now ?? Date.now;
  const runStart = now();
  const plan = planProject(project);
  const sinks = new Map<string, OutputSink>();
  const inputs: LiveInput[] = [];
  try {
    for (const alias of plan.outputs) {
      const spec = project.job.outputs.find((o) => o.alias.toLowerCase() === alias.toLowerCase());
      if (!spec) throw new SluiceError('SLUICE_LIVE_NO_OUTPUT', `the query writes to output '${alias}', which the project does not define`, { domain: 'user', hint: `add Outputs/${alias}.json` });
      // JobConfig's OutputErrorPolicy: Stop (the portal's "Retry") holds the output back and retries;
      // Drop drops only rows the output cannot take. Transient failures are retried either way.
      sinks.set(alias, new OutputErrorPolicySink(await openOutput(spec, project, options.store), {
        policy: project.job.config.outputErrorPolicy,
        onDropped: (_row, r) => options.log(`output '${alias}': dropped row ${r.rowIndex}: column "${r.column}": ${r.reason}`),
        onRetry: (err, attempt, delayMs) => options.log(`output '${alias}': write failed (attempt ${attempt}), retrying in ${delayMs} ms: ${err instanceof Error ? err.message : String(err)}`),
      }));
    }
    const { graph } = compileJob(project, { plan, now, sinkFor: (alias) => sinks.get(alias)! });
    const delayMs = commitDelayMs(plan, timePolicyOf(project));
    if (delayMs > 0) {
      options.log(Number.isFinite(delayMs)
        ? `windowed query: offsets are committed ${Math.round(delayMs / 1000)} s of arrival time after their events, once every window they reach has closed`
        : 'windowed query with EventsLateArrivalMaxDelayInSeconds -1: windows never close on arrival time, so offsets are not committed while the job runs');
    }
    /** Commits what is due: everything (stateless) or what has passed the state horizon (windowed). */
    const commitDue = async (input: LiveInput): Promise<void> => {
      // Without state everything processed is due; comparing broker timestamps with this host's clock would
      // only let clock skew hold commits back.
      const dueBefore = delayMs === 0 ? Infinity : now() - delayMs;
      const due = new Map<number, number>();
      while (input.pending.length > 0 && input.pending[0]!.arrivalMaxMs <= dueBefore) {
        for (const [p, o] of input.pending.shift()!.offsets) due.set(p, Math.max(due.get(p) ?? 0, o));
      }
      if (due.size === 0) return;
      try {
        await input.reader.commit([...due].map(([partition, offset]) => ({ topic: input.topic, partition, offset })));
      } catch (err) {
        // E.g. partitions taken away by a rebalance: their next owner starts from the last commit (at-least-once).
        options.log(`input '${input.alias}': could not commit offsets: ${err instanceof Error ? err.message : String(err)}`);
      }
    };
    for (const alias of plan.inputs) {
      const spec = project.job.inputs.find((i) => i.alias.toLowerCase() === alias.toLowerCase());
      if (!spec) throw new SluiceError('SLUICE_INTERNAL', `planned input '${alias}' is not in the project`, { domain: 'internal' });
      inputs.push(await openInput(spec, project, options, runStart));
    }
    options.log(`running: ${inputs.map((i) => `'${i.alias}' ← ${i.topic}`).join(', ')}; stop with Ctrl-C`);
    options.onRunning?.();
    const pollMs = options.pollMs ?? Math.max(50, Math.floor(200 / inputs.length));
    while (!options.signal.aborted) {
      for (const input of inputs) {
        const records = await input.reader.read(options.maxBatch ?? 2000, pollMs);
        if (records.length === 0) {
          // Nothing new: arrival time still moves on, so windows can close on a quiet input.
          graph.inputIdle(input.alias, now() - pollMs);
          await graph.settled();
          await commitDue(input);
          continue;
        }
        const undecodable: UndecodableMessage[] = [];
        const batches = await buildInputBatches(records, {
          deserializer: input.deserializer,
          timestampType: input.timestampType,
          onUndecodable: (m) => {
            input.undecodable++;
            undecodable.push(m);
            options.log(`input '${input.alias}': skipped the message at ${m.topic}/${m.partition}/${m.offset}: ${m.reason} [${m.code}]`);
          },
        });
        // Kept before the offsets below are committed past them.
        if (input.deadLetters) await input.deadLetters.write(undecodable);
        for (const batch of batches) {
          graph.push(input.alias, batch);
          input.events += batch.rows.length;
        }
        // Results of these records are durable once the sinks acknowledged them; only then commit (for a
        // windowed query, once the windows they reach have closed too).
        await graph.settled();
        const offsets = new Map<number, number>();
        let arrivalMaxMs = -Infinity;
        for (const r of records) {
          offsets.set(r.partition, Math.max(offsets.get(r.partition) ?? 0, r.offset + 1));
          if (r.timestamp > arrivalMaxMs) arrivalMaxMs = r.timestamp;
        }
        input.pending.push({ offsets, arrivalMaxMs });
        await commitDue(input);
      }
    }
    await graph.settled();
    for (const input of inputs) await commitDue(input);
    return { inputs: inputs.map((i) => ({ alias: i.alias, events: i.events, undecodable: i.undecodable })) };
  } finally {
    for (const input of inputs) {
      input.watch.stop();
      await input.reader.close().catch(() => {});
      await input.deadLetters?.close().catch(() => {});
    }
    for (const sink of sinks.values()) await sink.close().catch(() => {});
  }
}
