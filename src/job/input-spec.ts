// An input of a job, read from an input definition: ASA's VS Code file (Name, Type, DataSourceType, a
// <X>Properties bag, Serialization, CompressionType, PartitionKey) or the ARM shape ({ name, properties:
// { type, datasource: { type, properties }, serialization, compression } }). Kafka, local files and
// PostgreSQL (reference data) are read fully; every other ASA source is kept as opaque settings and marked
// not live, so that local runs and tests still work through its InputMock.
import { z } from 'zod';
import { ciEnum, ciObject, flattenArmProperties, pickCi, text } from './case-insensitive.ts';
import { lookupInputSourceType, propertiesKeyOf, withoutSecrets, type InputSourceType } from './data-source-type.ts';
import { FILE_REFERENCE_KEYS, fileReferenceSchema, type FileReferenceProperties } from './file-properties.ts';
import { inputKindSchema, type InputKind } from './input-kind.ts';
import type { InputMockSpec } from './input-mock.ts';
import { fromZodIssues, hasErrors, jobError, jobWarning, unknownKeyIssues, type JobIssue, type KeyPath, type Parsed } from './job-issue.ts';
import {
  deriveConsumerGroupId, KAFKA_INPUT_KEYS, kafkaInputSchema, unusedKafkaSettings, type KafkaInputProperties,
} from './kafka-properties.ts';
import { POSTGRES_REFERENCE_KEYS, postgresReferenceSchema, type PostgresReferenceProperties } from './postgres-properties.ts';
import { inlineSecretWarning } from './secret-value.ts';
import { serializationSchema, type Serialization } from './serialization.ts';

export type InputSource =
  | { kind: 'kafka'; properties: KafkaInputProperties }
  | { kind: 'file'; properties: FileReferenceProperties }
  | { kind: 'postgres'; properties: PostgresReferenceProperties }
  /** An ASA source sluice cannot read live (Event Hub, IoT Hub, Blob …); its settings without credentials. */
  | { kind: 'external'; dataSourceType: string; settings: Record<string, unknown> }
  /** Defined only by an InputMock: there is no live definition at all. */
  | { kind: 'local' };

export type InputCompression = 'None' | 'GZip' | 'Deflate';

export interface InputSpec {
  alias: string;
  kind: InputKind;
  source: InputSource;
  /** How events are encoded; absent for PostgreSQL (rows) and mock-only inputs (the mock's format rules). */
  serialization?: Serialization;
  /** Whole-payload compression (ASA's input CompressionType), independent of Kafka's own codecs. */
  compression: InputCompression;
  partitionKey?: string;
  /** The local data that stands in for this input in local runs. */
  mock?: InputMockSpec;
  /** Whether sluice can read this input from its live source (otherwise only from the mock). */
  live: boolean;
}

export interface InputParseContext {
  jobName: string;
  /** Alias implied by the file name; used when the definition has no Name. */
  fileAlias?: string;
}

const topSchema = ciObject({
  Name: text('an input alias').optional(),
  Type: inputKindSchema().optional(),
  DataSourceType: text('a data source type').optional(),
  DataSource: ciObject({ Type: text('a data source type') }).optional(),
  CompressionType: z.preprocess(
    (v) => (typeof v === 'object' && v !== null ? pickCi(v, 'type') : v),
    ciEnum(['None', 'GZip', 'Deflate']),
  ).optional(),
  PartitionKey: z.string().optional(),
});

export const INPUT_KEYS: readonly string[] = [
  'Name', 'Type', 'DataSourceType', 'DataSource', 'Serialization', 'CompressionType', 'PartitionKey', 'ScriptType',
];

const LIVE: ReadonlySet<InputSourceType> = new Set(['Kafka', 'File', 'PostgreSQL']);

/** Parses one input definition into an InputSpec, reporting every problem found. */
export function parseInputDefinition(raw: unknown, ctx: InputParseContext): Parsed<InputSpec> {
  const doc = flattenArmProperties(raw);
  const issues: JobIssue[] = [];
  const top = topSchema.safeParse(doc);
  if (!top.success) return { ok: false, issues: fromZodIssues(top.error.issues) };
  const t = top.data;

  const alias = t.Name ?? ctx.fileAlias;
  if (alias === undefined) issues.push(jobError(['Name'], 'is required: the input alias used in FROM'));
  else if (t.Name !== undefined && ctx.fileAlias !== undefined && t.Name.toLowerCase() !== ctx.fileAlias.toLowerCase()) {
    issues.push(jobWarning(['Name'], `is "${t.Name}" but the file is named after "${ctx.fileAlias}"; the query must use "${t.Name}"`));
  }

  const typeName = t.DataSourceType ?? t.DataSource?.Type;
  const typePath: KeyPath = t.DataSourceType !== undefined ? ['DataSourceType'] : ['DataSource', 'Type'];
  if (typeName === undefined) {
    issues.push(jobError(['DataSourceType'], 'is required (e.g. "Kafka")'));
    return { ok: false, issues };
  }
  const found = lookupInputSourceType(typeName);
  if ('unknown' in found) {
    const msg = `is ${JSON.stringify(typeName)}, which is not an ASA input type; sluice reads Kafka, File and PostgreSQL live`;
    issues.push(found.suggestion !== undefined
      ? jobError(typePath, `${msg} (did you mean ${found.suggestion}?)`, 'SLUICE_JOB_INVALID_VALUE')
      : jobError(typePath, msg, 'SLUICE_JOB_INVALID_VALUE'));
    return { ok: false, issues };
  }
  const type = found.found;
  const kind: InputKind = t.Type ?? 'stream';

  // The settings bag: ARM's datasource.properties, or the VS Code <Type>Properties key.
  const bagPath: KeyPath = t.DataSource !== undefined && t.DataSourceType === undefined
    ? ['DataSource', 'Properties']
    : [LIVE.has(type) ? propertiesKeyOf(type as 'Kafka' | 'File' | 'PostgreSQL') : `${type.replace(/\s/g, '')}Properties`];
  const bag = bagPath.length === 2 ? pickCi(pickCi(doc, 'DataSource'), 'Properties') : pickCi(doc, bagPath[0] as string);

  let source: InputSource | undefined;
  const needBag = (): boolean => {
    if (bag === undefined || bag === null) {
      issues.push(jobError(bagPath, `is required: the ${type} settings of this input`));
      return false;
    }
    return true;
  };
  if (type === 'Kafka') {
    if (kind !== 'stream') issues.push(jobError(['Type'], 'is "Reference data", but ASA reads Kafka only as a data stream'));
    if (needBag()) {
      issues.push(...unknownKeyIssues(bag, KAFKA_INPUT_KEYS, bagPath));
      const r = kafkaInputSchema(deriveConsumerGroupId(ctx.jobName, alias ?? 'input')).safeParse(bag);
      if (r.success) {
        source = { kind: 'kafka', properties: r.data };
        issues.push(...inlineSecretWarning(r.data.password, [...bagPath, 'Password']));
        for (const key of unusedKafkaSettings(bag, r.data.securityProtocol)) {
          issues.push(jobWarning([...bagPath, key], `is ignored: SecurityProtocol ${r.data.securityProtocol} does not use it`));
        }
      } else issues.push(...fromZodIssues(r.error.issues, bagPath));
    }
  } else if (type === 'File' || type === 'PostgreSQL') {
    if (kind !== 'reference') {
      issues.push(jobError(['Type'], `is "Data Stream", but sluice reads ${type} inputs as reference data only; for stream data in local runs use an InputMock`));
    }
    if (needBag()) {
      if (type === 'File') {
        issues.push(...unknownKeyIssues(bag, FILE_REFERENCE_KEYS, bagPath));
        const r = fileReferenceSchema().safeParse(bag);
        if (r.success) source = { kind: 'file', properties: r.data };
        else issues.push(...fromZodIssues(r.error.issues, bagPath));
      } else {
        issues.push(...unknownKeyIssues(bag, POSTGRES_REFERENCE_KEYS, bagPath));
        const r = postgresReferenceSchema().safeParse(bag);
        if (r.success) {
          source = { kind: 'postgres', properties: r.data };
          issues.push(...inlineSecretWarning(r.data.password, [...bagPath, 'Password']));
        }
        else issues.push(...fromZodIssues(r.error.issues, bagPath));
      }
    }
  } else {
    source = { kind: 'external', dataSourceType: type, settings: withoutSecrets(bag ?? externalBag(doc)) };
  }

  // Serialization: required for sources that carry encoded events.
  const rawSerialization = pickCi(doc, 'Serialization');
  let serialization: Serialization | undefined;
  if (rawSerialization === undefined || rawSerialization === null) {
    if (type === 'Kafka' || type === 'File') issues.push(jobError(['Serialization'], 'is required: the event format ({"Type": "Json"})'));
  } else if (type === 'PostgreSQL') {
    issues.push(jobWarning(['Serialization'], 'is ignored: PostgreSQL reference data arrives as rows'));
  } else {
    const r = serializationSchema('input').safeParse(rawSerialization);
    if (r.success) serialization = r.data;
    else if (type === 'Kafka' || type === 'File') issues.push(...fromZodIssues(r.error.issues, ['Serialization']));
    else issues.push(...fromZodIssues(r.error.issues, ['Serialization']).map((i) => ({ ...i, severity: 'warning' as const })));
  }

  if (hasErrors(issues) || source === undefined || alias === undefined) return { ok: false, issues };
  const spec: InputSpec = { alias, kind, source, compression: t.CompressionType ?? 'None', live: LIVE.has(type) };
  if (serialization !== undefined) spec.serialization = serialization;
  if (t.PartitionKey) spec.partitionKey = t.PartitionKey;
  return { ok: true, value: spec, issues };
}

/** For external sources in VS Code files: the first non-null *Properties / *Info bag (ASA writes all of them). */
function externalBag(doc: unknown): unknown {
  if (typeof doc !== 'object' || doc === null) return undefined;
  for (const [k, v] of Object.entries(doc)) {
    if (/(properties|info)$/i.test(k) && typeof v === 'object' && v !== null) return v;
  }
  return undefined;
}
