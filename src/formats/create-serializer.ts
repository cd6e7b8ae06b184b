// Picks the serializer for an output's serialization. Protobuf is input-only in ASA.
import { assertNever } from '../common/index.ts';
import { AvroSerializer, type AvroSerializerOptions } from './avro/avro-serializer.ts';
import { CsvSerializer } from './csv/csv-serializer.ts';
import { JsonSerializer } from './json/json-serializer.ts';
import { ParquetSerializer, type ParquetCodec } from './parquet/parquet-serializer.ts';
import type { Serializer } from './serializer.ts';
import { csvDelimiter, specError, type SerializationSpec } from './serialization-spec.ts';

export interface SerializerOptions {
  avro?: AvroSerializerOptions;
  parquet?: { codec?: ParquetCodec };
}

export function createSerializer(spec: SerializationSpec, options: SerializerOptions = {}): Serializer {
  if (spec.encoding !== undefined && spec.encoding !== 'UTF8') throw specError(`encoding ${String(spec.encoding)} is not supported; ASA has only UTF8`);
  switch (spec.type) {
    case 'Json': return new JsonSerializer(spec.format ?? 'LineSeparated');
    case 'Csv': return new CsvSerializer(csvDelimiter(spec));
    case 'Avro': return new AvroSerializer(options.avro);
    case 'Parquet': return new ParquetSerializer(options.parquet?.codec);
    case 'Protobuf':
      throw specError('Protobuf is an input-only serialization in ASA', 'write Json, Csv or Avro');
    default: return assertNever(spec.type, 'serialization type');
  }
}
