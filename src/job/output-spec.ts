// An output of a job, read from an output definition: ASA's VS Code file (Name, DataSourceType, a
// <X>Properties bag, Serialization, MinimumRows, MaximumTime) or the ARM shape ({ name, properties:
// { datasource: { type, properties }, serialization, sizeWindow, timeWindow } }). Kafka, files, PostgreSQL
// and the console are written by sluice; other ASA sinks are kept as opaque settings and marked not live.
import type { z } from 'zod';
import { ciObject, flattenArmProperties, intLike, pickCi, text } from './case-insensitive.ts';
import { lookupOutputSinkType, propertiesKeyOf, withoutSecrets, type OutputSinkType } from './data-source-type.ts';
import { FILE_OUTPUT_KEYS, fileOutputSchema, type FileOutputProperties } from './file-properties.ts';
import { fromZodIssues, hasErrors, jobError, jobWarning, unknownKeyIssues, type JobIssue, type KeyPath, type Parsed } from './job-issue.ts';
import { KAFKA_OUTPUT_KEYS, kafkaOutputSchema, unusedKafkaSettings, type KafkaOutputProperties } from './kafka-properties.ts';
import { POSTGRES_OUTPUT_KEYS, postgresOutputSchema, type PostgresOutputProperties } from './postgres-properties.ts';
import { inlineSecretWarning } from './secret-value.ts';
import { serializationSchema, type Serialization } from './serialization.ts';
import { durationSeconds } from './time-span.ts';

export type OutputSink =
  | { kind: 'kafka'; properties: KafkaOutputProperties }
  | { kind: 'file'; properties: FileOutputProperties }
  | { kind: 'postgres'; properties: PostgresOutputProperties }
  | { kind: 'console' }
  /** An ASA sink sluice cannot write (Blob, Event Hub, SQL …); its settings without credentials. */
  | { kind: 'external'; dataSourceType: string; settings: Record<string, unknown> };

export interface OutputSpec {
  alias: string;
  sink: OutputSink;
  /** Absent for PostgreSQL (rows are written by column). */
  serialization?: Serialization;
  /** Batching of file outputs (ASA: MinimumRows/sizeWindow, default 2000 for Parquet; at most 10000). */
  minimumRows?: number;
  /** Longest wait before a batch is written (ASA: MaximumTime/timeWindow, default 1 minute for Parquet; at most 2 hours). */
  maximumTimeSeconds?: number;
  /** Whether sluice can write this output to its live sink (local runs write every output to files). */
  live: boolean;
}

export interface OutputParseContext {
  fileAlias?: string;
}

const topSchema = ciObject({
  Name: text('an output alias').optional(),
  DataSourceType: text('a data sink type').optional(),
  DataSource: ciObject({ Type: text('a data sink type') }).optional(),
  MinimumRows: intLike().refine((n) => n >= 0 && n <= 10000, { error: 'must be between 0 and 10000 (ASA\'s limit)' }).optional(),
  MaximumTime: durationSeconds().refine((s) => s <= 7200, { error: 'must be at most 2 hours (ASA\'s limit)' }).optional(),
  SizeWindow: intLike().refine((n) => n >= 0 && n <= 10000, { error: 'must be between 0 and 10000 (ASA\'s limit)' }).optional(),
  TimeWindow: durationSeconds().refine((s) => s <= 7200, { error: 'must be at most 2 hours (ASA\'s limit)' }).optional(),
});

export const OUTPUT_KEYS: readonly string[] = ['Name', 'DataSourceType', 'DataSource', 'Serialization', 'MinimumRows', 'MaximumTime', 'ScriptType'];

const LIVE: ReadonlySet<OutputSinkType> = new Set(['Kafka', 'File', 'PostgreSQL', 'Console']);

/** Parses one output definition into an OutputSpec, reporting every problem found. */
export function parseOutputDefinition(raw: unknown, ctx: OutputParseContext = {}): Parsed<OutputSpec> {
  const doc = flattenArmProperties(raw);
  const issues: JobIssue[] = [];
  const top = topSchema.safeParse(doc);
  if (!top.success) return { ok: false, issues: fromZodIssues(top.error.issues) };
  const t = top.data;

  const alias = t.Name ?? ctx.fileAlias;
  if (alias === undefined) issues.push(jobError(['Name'], 'is required: the output alias used in INTO'));
  else if (t.Name !== undefined && ctx.fileAlias !== undefined && t.Name.toLowerCase() !== ctx.fileAlias.toLowerCase()) {
    issues.push(jobWarning(['Name'], `is "${t.Name}" but the file is named after "${ctx.fileAlias}"; the query must use "${t.Name}"`));
  }

  const typeName = t.DataSourceType ?? t.DataSource?.Type;
  const typePath: KeyPath = t.DataSourceType !== undefined ? ['DataSourceType'] : ['DataSource', 'Type'];
  if (typeName === undefined) {
    issues.push(jobError(['DataSourceType'], 'is required (e.g. "Kafka", "File", "PostgreSQL" or "Console")'));
    return { ok: false, issues };
  }
  const found = lookupOutputSinkType(typeName);
  if ('unknown' in found) {
    if (found.suggestion !== undefined) {
      issues.push(jobError(typePath, `is ${JSON.stringify(typeName)}, which is not a known output type (did you mean ${found.suggestion}?)`, 'SLUICE_JOB_INVALID_VALUE'));
      return { ok: false, issues };
    }
    // Kept, like ASA types sluice does not write: local runs still capture what the query sends to it.
    issues.push(jobWarning(typePath, `is ${JSON.stringify(typeName)}, which sluice does not know; the output is kept for local runs only`));
  }
  const type = 'found' in found ? found.found : undefined;

  const bagPath: KeyPath = t.DataSource !== undefined && t.DataSourceType === undefined
    ? ['DataSource', 'Properties']
    : [type === 'Kafka' || type === 'File' || type === 'PostgreSQL' ? propertiesKeyOf(type) : `${(type ?? typeName).replace(/\s/g, '')}Properties`];
  const bag = bagPath.length === 2 ? pickCi(pickCi(doc, 'DataSource'), 'Properties') : pickCi(doc, bagPath[0] as string);
  const needBag = (): boolean => {
    if (bag === undefined || bag === null) {
      issues.push(jobError(bagPath, `is required: the ${type ?? typeName} settings of this output`));
      return false;
    }
    return true;
  };

  let sink: OutputSink | undefined;
  const parseBag = <T>(keys: readonly string[], schema: z.ZodType<T>, make: (v: T) => OutputSink): void => {
    if (!needBag()) return;
    issues.push(...unknownKeyIssues(bag, keys, bagPath));
    const r = schema.safeParse(bag);
    if (r.success) sink = make(r.data);
    else issues.push(...fromZodIssues(r.error.issues, bagPath));
  };
  if (type === 'Kafka') {
    parseBag(KAFKA_OUTPUT_KEYS, kafkaOutputSchema(), (p) => ({ kind: 'kafka', properties: p }));
    if (sink?.kind === 'kafka') {
      for (const key of unusedKafkaSettings(bag, sink.properties.securityProtocol)) {
        issues.push(jobWarning([...bagPath, key], `is ignored: SecurityProtocol ${sink.properties.securityProtocol} does not use it`));
      }
    }
  } else if (type === 'File') {
    parseBag(FILE_OUTPUT_KEYS, fileOutputSchema(), (p) => ({ kind: 'file', properties: p }));
  } else if (type === 'PostgreSQL') {
    parseBag(POSTGRES_OUTPUT_KEYS, postgresOutputSchema(), (p) => ({ kind: 'postgres', properties: p }));
  } else if (type === 'Console') {
    sink = { kind: 'console' };
  } else {
    sink = { kind: 'external', dataSourceType: type ?? typeName, settings: withoutSecrets(bag ?? externalBag(doc)) };
  }

  if (sink?.kind === 'kafka' || sink?.kind === 'postgres') issues.push(...inlineSecretWarning(sink.properties.password, [...bagPath, 'Password']));

  const rawSerialization = pickCi(doc, 'Serialization');
  let serialization: Serialization | undefined;
  if (rawSerialization === undefined || rawSerialization === null) {
    if (type === 'Kafka' || type === 'File') issues.push(jobError(['Serialization'], 'is required: the event format ({"Type": "Json"})'));
    if (type === 'Console') serialization = { type: 'Json', encoding: 'UTF8', format: 'LineSeparated' };
  } else if (type === 'PostgreSQL') {
    issues.push(jobWarning(['Serialization'], 'is ignored: PostgreSQL outputs are written as rows'));
  } else {
    const r = serializationSchema('output').safeParse(rawSerialization);
    if (r.success) {
      serialization = r.data;
      if (type === 'Kafka' && !['Json', 'Csv', 'Avro'].includes(r.data.type)) {
        issues.push(jobError(['Serialization', 'Type'], `is ${r.data.type}; ASA's Kafka output writes Json, Csv or Avro`));
      }
      if (type === 'Console' && !['Json', 'Csv'].includes(r.data.type)) {
        issues.push(jobError(['Serialization', 'Type'], `is ${r.data.type}; the console shows Json or Csv`));
      }
    } else if (sink?.kind === 'external') {
      issues.push(...fromZodIssues(r.error.issues, ['Serialization']).map((i) => ({ ...i, severity: 'warning' as const })));
    } else issues.push(...fromZodIssues(r.error.issues, ['Serialization']));
  }

  if (hasErrors(issues) || sink === undefined || alias === undefined) return { ok: false, issues };
  const spec: OutputSpec = { alias, sink, live: type !== undefined && LIVE.has(type) };
  if (serialization !== undefined) spec.serialization = serialization;
  const minimumRows = t.MinimumRows ?? t.SizeWindow;
  const maximumTime = t.MaximumTime ?? t.TimeWindow;
  const parquet = serialization?.type === 'Parquet';
  if (minimumRows !== undefined || parquet) spec.minimumRows = minimumRows ?? 2000;
  if (maximumTime !== undefined || parquet) spec.maximumTimeSeconds = maximumTime ?? 60;
  return { ok: true, value: spec, issues };
}

function externalBag(doc: unknown): unknown {
  if (typeof doc !== 'object' || doc === null) return undefined;
  for (const [k, v] of Object.entries(doc)) {
    if (/(properties|info)$/i.test(k) && typeof v === 'object' && v !== null) return v;
  }
  return undefined;
}
