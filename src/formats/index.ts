// formats: bytes ⇄ events for JSON, CSV, Avro, Parquet and Protobuf (createDeserializer / createSerializer).
export { createDeserializer } from './create-deserializer.ts';
export { createSerializer } from './create-serializer.ts';
export type { SerializerOptions } from './create-serializer.ts';
export type { Deserializer } from './deserializer.ts';
export type { Serializer } from './serializer.ts';
export type { AvroSerializerOptions } from './avro/avro-serializer.ts';
export type { ParquetCodec } from './parquet/parquet-serializer.ts';
export { CSV_DELIMITERS } from './serialization-spec.ts';
export type { AvroWireFormat, PrefixStyle, ProtobufSpec, SerializationSpec, SerializationType } from './serialization-spec.ts';
export { formatJsonValue } from './json/format-json-value.ts';
export { formatCsvValue } from './csv/csv-serializer.ts';
export { floatColumnsOf, formatJsonRow } from './json/format-json-row.ts';
