// Picks the deserializer for a serialization. Build it once per input: creation parses the .proto
// (Protobuf) and validates the settings; decode is then called per payload.
import { assertNever } from '../common/index.ts';
import { AvroDeserializer } from './avro/avro-deserializer.ts';
import { CsvDeserializer } from './csv/csv-deserializer.ts';
import type { Deserializer } from './deserializer.ts';
import { JsonDeserializer } from './json/json-deserializer.ts';
import { ParquetDeserializer } from './parquet/parquet-deserializer.ts';
import { ProtobufDeserializer } from './protobuf/protobuf-deserializer.ts';
import { csvDelimiter, protobufSettings, specError, type SerializationSpec } from './serialization-spec.ts';

export function createDeserializer(spec: SerializationSpec): Deserializer {
  if (spec.encoding !== undefined && spec.encoding !== 'UTF8') throw specError(`encoding ${String(spec.encoding)} is not supported; ASA has only UTF8`);
  switch (spec.type) {
    case 'Json': return new JsonDeserializer();
    case 'Csv': return new CsvDeserializer(csvDelimiter(spec));
    case 'Avro': return new AvroDeserializer(spec.avroWireFormat);
    case 'Parquet': return new ParquetDeserializer();
    case 'Protobuf': return new ProtobufDeserializer(protobufSettings(spec));
    default: return assertNever(spec.type, 'serialization type');
  }
}
