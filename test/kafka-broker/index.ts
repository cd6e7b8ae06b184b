// The real-Kafka test harness: jars from Maven Central, a test PKI, one KRaft broker with four listeners.
export { startKafkaBroker, stopKafkaBroker } from './broker.ts';
export { startBrokerProcess, stopBrokerProcess } from './broker-outage.ts';
export type { KafkaTestBroker, StartOptions } from './broker.ts';
export { DEFAULT_KAFKA_VERSION, KAFKA4_VERSION, selectedKafkaVersion } from './jars.ts';
export { brokerStatePath, readBrokerState, writeBrokerState } from './state.ts';
export { runKafkaTool } from './kafka-tool.ts';
export { runJavaConsumer, runJavaProducer } from './java-producer.ts';
export { issueClientCertificate } from './certs.ts';
export type { IssuedClientCertificate } from './certs.ts';
export { startLegacyKafkaBroker, stopLegacyKafkaBroker } from './legacy-broker.ts';
export type { LegacyKafkaBroker } from './legacy-broker.ts';
