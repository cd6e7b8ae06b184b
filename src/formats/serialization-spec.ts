// The serialization a deserializer or serializer is built from. Mirrors src/job's Serialization (which
// formats/ may not import) structurally, so a job's value can be passed as is; protobuf settings may
// come either flat (as job/ produces them) or nested under `protobuf`.
import { SluiceError } from '../common/index.ts';

export type SerializationType = 'Json' | 'Csv' | 'Avro' | 'Parquet' | 'Protobuf';

export type PrefixStyle = 'None' | 'Base128';

export interface ProtobufSpec {
  /** The .proto text itself; wins over protoFile. */
  protoText?: string;
  /** A path to the .proto file, read once when the deserializer is created. */
  protoFile?: string;
  /** Fully qualified message type, including the package. */
  messageType: string;
  /** None: one message per payload. Base128: varint length-prefixed messages, several per payload. */
  prefixStyle?: PrefixStyle;
}

/**
 * sluice extension, not in ASA (whose Kafka input supports no schema registry): Avro messages in the
 * Confluent wire format (magic byte 0, 4-byte big-endian schema id, one binary datum). The connector
 * resolves ids to writer schemas (e.g. from a registry it has fetched) and hands them in here.
 */
export interface AvroWireFormat {
  /** The writer schema (JSON text) for a schema id, or undefined when unknown. */
  schemaForId(id: number): string | undefined;
}

export interface SerializationSpec {
  type: SerializationType;
  /** Only UTF8 exists in ASA. */
  encoding?: 'UTF8';
  /** CSV only: one of , ; space tab | (ASA's allowed delimiters). Default ",". */
  fieldDelimiter?: string;
  /** JSON output only: LineSeparated (default) or Array. Inputs read both shapes. */
  format?: 'LineSeparated' | 'Array';
  protobuf?: ProtobufSpec;
  /** Avro only: also accept Confluent wire-format messages (an extension; see AvroWireFormat). */
  avroWireFormat?: AvroWireFormat;
  /** Flat protobuf fields, as src/job's Serialization carries them. */
  protoFile?: string;
  protoText?: string;
  messageType?: string;
  prefixStyle?: PrefixStyle;
}

/** ASA's CSV delimiters (ARM spec and portal: comma, semicolon, space, tab, vertical bar). */
export const CSV_DELIMITERS: readonly string[] = [',', ';', ' ', '\t', '|'];

export function specError(message: string, hint?: string): SluiceError {
  return new SluiceError('SLUICE_FORMAT_SPEC', message, hint === undefined ? { domain: 'user' } : { domain: 'user', hint });
}

/** The protobuf settings of a spec, whichever shape they came in. */
export function protobufSettings(spec: SerializationSpec): ProtobufSpec {
  const nested = spec.protobuf;
  const messageType = nested?.messageType ?? spec.messageType;
  if (!messageType) throw specError('Protobuf serialization needs a message type', 'set the fully qualified message type, including the package');
  const out: ProtobufSpec = { messageType, prefixStyle: nested?.prefixStyle ?? spec.prefixStyle ?? 'None' };
  const protoText = nested?.protoText ?? spec.protoText;
  const protoFile = nested?.protoFile ?? spec.protoFile;
  if (protoText !== undefined) out.protoText = protoText;
  if (protoFile !== undefined) out.protoFile = protoFile;
  if (out.protoText === undefined && out.protoFile === undefined) {
    throw specError('Protobuf serialization needs a .proto definition', 'give protoText or protoFile');
  }
  return out;
}

export function csvDelimiter(spec: SerializationSpec): string {
  const d = spec.fieldDelimiter ?? ',';
  if (!CSV_DELIMITERS.includes(d)) {
    throw specError(`CSV field delimiter ${JSON.stringify(d)} is not one ASA allows`, 'use one of "," ";" " " (space) "\\t" (tab) "|"');
  }
  return d;
}
