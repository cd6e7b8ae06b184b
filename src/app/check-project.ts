// `sluice check`: the "test connection" of ASA's portal, for every Kafka input of a project — resolve its
// credentials, connect, find the topic and its partitions, check its timestamp type (LogAppendTime), read
// one event and show it deserialized. Each step reports its own, specific failure; no secret is printed.
import { SluiceError, isSluiceError } from '../common/index.ts';
import {
  RdkafkaAdmin, RdkafkaRecordReader, assertTimestampType, buildInputBatches, readTopicTimestampType,
  type KafkaConnection, type UndecodableMessage,
} from '../connectors/kafka/index.ts';
import { createDeserializer, formatJsonValue } from '../formats/index.ts';
import type { InputSpec } from '../job/index.ts';
import type { Project } from '../project/index.ts';
import { redactSecrets, type SecretStore } from '../secrets/index.ts';
import { resolveKafkaConnection } from './kafka-connection-resolver.ts';

export interface CheckStep {
  step: string;
  ok: boolean;
  detail: string;
}

export interface InputCheck {
  alias: string;
  ok: boolean;
  steps: CheckStep[];
}

export interface CheckOptions {
  /** How long to wait for an event before reporting the topic empty. */
  readTimeoutMs?: number;
  connectTimeoutMs?: number;
}

function failure(err: unknown): string {
  return redactSecrets(isSluiceError(err) ? `${err.message}${err.hint ? ` (${err.hint})` : ''} [${err.code}]` : String(err));
}

async function checkKafkaInput(input: InputSpec, project: Project, store: SecretStore, options: CheckOptions): Promise<InputCheck> {
  const steps: CheckStep[] = [];
  const result: InputCheck = { alias: input.alias, ok: false, steps };
  if (input.source.kind !== 'kafka') return result;
  const props = input.source.properties;
  const timeoutMs = options.connectTimeoutMs ?? 15_000;
  const attempt = async <T>(step: string, run: () => Promise<T>, describe: (value: T) => string): Promise<T | undefined> => {
    try {
      const value = await run();
      steps.push({ step, ok: true, detail: redactSecrets(describe(value)) });
      return value;
    } catch (err) {
      steps.push({ step, ok: false, detail: failure(err) });
      return undefined;
    }
  };

  const resolved = await attempt('credentials', () => resolveKafkaConnection(props, store, { owner: `input '${input.alias}'` }),
    (r) => `${props.securityProtocol}${props.saslMechanism && props.securityProtocol.startsWith('SASL') ? ` ${props.saslMechanism}` : ''}; ${r.secrets.length} secret(s) read${r.warnings.length ? `; warnings: ${r.warnings.map((w) => w.message).join('; ')}` : ''}`);
  if (!resolved) return result;
  const connection: KafkaConnection = resolved.connection;
  const admin = new RdkafkaAdmin(connection, { timeoutMs });
  let partitions: number[];
  try {
    const topic = await attempt('topic', () => admin.describeTopic(props.topic), (t) => `"${t.name}" with ${t.partitions.length} partition(s)`);
    if (!topic) return result;
    partitions = topic.partitions;
  } finally {
    await admin.close();
  }
  const type = await attempt('timestamp type', async () => {
    const actual = await readTopicTimestampType(connection, props.topic, { timeoutMs });
    assertTimestampType(props.topic, actual, props.timestampType, connection.bootstrapServers);
    return actual;
  }, (t) => `message.timestamp.type=${t}`);
  if (!type) return result;
  const reader = await attempt('connect', () => RdkafkaRecordReader.connect(connection, { groupId: `${props.consumerGroupId}-check`, connectTimeoutMs: timeoutMs }),
    () => `connected to ${connection.bootstrapServers.join(',')}`);
  if (!reader) return result;
  try {
    const sample = await attempt('read one event', async () => {
      reader.assign(partitions.map((partition) => ({ topic: props.topic, partition, offset: 'beginning' as const })));
      const deadline = Date.now() + (options.readTimeoutMs ?? 5_000);
      while (Date.now() < deadline) {
        const [record] = await reader.read(1, 250);
        if (!record) continue;
        const bad: UndecodableMessage[] = [];
        const deserializer = createDeserializer(input.serialization ?? { type: 'Json' });
        const [batch] = await buildInputBatches([record], { deserializer, timestampType: type, onUndecodable: (m) => bad.push(m) });
        if (bad[0]) throw new SluiceError(bad[0].code, `the event at partition ${bad[0].partition}, offset ${bad[0].offset} cannot be read as ${input.serialization?.type ?? 'Json'}: ${bad[0].reason}`, { domain: 'user' });
        return { record, row: batch?.rows[0] };
      }
      throw new SluiceError('SLUICE_CHECK_EMPTY_TOPIC', `no event arrived within ${options.readTimeoutMs ?? 5_000} ms: the topic is empty`, { domain: 'user' });
    }, ({ record, row }) => `partition ${record.partition}, offset ${record.offset}: ${row ? formatJsonValue(row) : '(no event in the message)'}`);
    result.ok = sample !== undefined;
  } finally {
    await reader.close();
  }
  return result;
}

/** Checks every Kafka input; inputs of other kinds are reported as not checked. */
export async function checkProject(project: Project, store: SecretStore, options: CheckOptions = {}): Promise<InputCheck[]> {
  const results: InputCheck[] = [];
  for (const input of project.job.inputs) {
    if (input.source.kind === 'kafka') results.push(await checkKafkaInput(input, project, store, options));
    else results.push({ alias: input.alias, ok: true, steps: [{ step: 'source', ok: true, detail: `a ${input.source.kind} input: not a live Kafka input, nothing to check` }] });
  }
  return results;
}
