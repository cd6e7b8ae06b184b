// connectors/kafka: the Kafka connector — connection settings in ASA's terms, and the client behind them.
export type {
  KafkaAdmin, KafkaHeader, KafkaRecord, KafkaRecordReader, KafkaRecordWriter, MeasurableRecordReader, NewTopicSpec,
  OutgoingRecord, PartitionLag, PartitionListener, PartitionWatermarks, StartOffset, SubscribeOptions, TopicDescription, TopicPartition, TopicPartitionOffset,
} from './kafka-client.ts';
export { connectionSecrets, librdkafkaConnectionConfig } from './kafka-connection.ts';
export type { KafkaConnection, KafkaSaslCredentials, KafkaSaslMechanism, KafkaSecurityProtocol, KafkaTlsMaterial } from './kafka-connection.ts';
export { kafkaError } from './kafka-errors.ts';
export { RdkafkaAdmin } from './rdkafka-admin.ts';
export { RdkafkaRecordReader } from './rdkafka-record-reader.ts';
export { ProcessRecordReader } from './process-record-reader.ts';
export { RdkafkaRecordWriter } from './rdkafka-record-writer.ts';
export { ProcessRecordWriter } from './process-record-writer.ts';
export type { KafkaCompression } from './rdkafka-record-writer.ts';
export { assertTimestampType, fixTimestampTypeCommand, readTopicTimestampType } from './timestamp-type-check.ts';
export type { KafkaTimestampType } from './timestamp-type-check.ts';
export { readTopicConfig } from './topic-config-reader.ts';
export type { TopicConfigReadOptions } from './topic-config-reader.ts';
export { ReconnectingRecordReader } from './reconnecting-record-reader.ts';
export type { ReconnectingReaderOptions } from './reconnecting-record-reader.ts';
export { buildInputBatches } from './kafka-batch-builder.ts';
export type { BatchBuilderOptions, UndecodableMessage } from './kafka-batch-builder.ts';
export { kafkaEventId, kafkaMetadata, metadataPath } from './kafka-metadata.ts';
export { KafkaOutputSink } from './kafka-output-sink.ts';
export type { KafkaOutputSinkOptions } from './kafka-output-sink.ts';
