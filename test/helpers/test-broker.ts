// Gives integration tests the real broker started by scripts/run-tests.ts (or `npm run kafka:start`),
// and KafkaConnections for each security protocol it offers. With REQUIRE_KAFKA=1 (CI) a missing broker
// fails the suite instead of skipping it.
import { randomBytes } from 'node:crypto';
import { RdkafkaAdmin, type KafkaConnection, type KafkaSaslMechanism, type KafkaSecurityProtocol, type NewTopicSpec } from '../../src/connectors/kafka/index.ts';
import { readBrokerState, type KafkaTestBroker } from '../kafka-broker/index.ts';

export function requireBroker(): KafkaTestBroker | undefined {
  const path = process.env['SLUICE_TEST_KAFKA'];
  const broker = path ? readBrokerState(path) : undefined;
  if (!broker && process.env['REQUIRE_KAFKA'] === '1') {
    throw new Error(`REQUIRE_KAFKA=1 but no test broker is available (SLUICE_TEST_KAFKA=${path ?? 'unset'}); run the suite with npm test`);
  }
  return broker;
}

/** Why a suite is skipped when there is no broker (false when there is one), for describe's `skip` option. */
export function skipWithoutBroker(broker: KafkaTestBroker | undefined): string | false {
  return broker ? false : 'no test broker: run `npm test`, or `npm run kafka:start` and set SLUICE_TEST_KAFKA';
}

export function connectionFor(
  broker: KafkaTestBroker,
  protocol: KafkaSecurityProtocol,
  mechanism: KafkaSaslMechanism = 'PLAIN',
): KafkaConnection {
  const sasl = { mechanism, username: broker.user.username, password: broker.user.password };
  switch (protocol) {
    case 'None':
      return { bootstrapServers: [broker.bootstrap.plaintext], securityProtocol: 'None' };
    case 'SASL_PLAINTEXT':
      return { bootstrapServers: [broker.bootstrap.saslPlaintext], securityProtocol: 'SASL_PLAINTEXT', sasl };
    case 'SASL_SSL':
      return { bootstrapServers: [broker.bootstrap.saslSsl], securityProtocol: 'SASL_SSL', sasl, tls: { caPem: broker.tls.caPem } };
    case 'mTLS':
      return {
        bootstrapServers: [broker.bootstrap.ssl],
        securityProtocol: 'mTLS',
        tls: { caPem: broker.tls.caPem, certificatePem: broker.tls.clientCertPem, keyPem: broker.tls.clientKeyPem },
      };
  }
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** Creates topics through one admin client (closed afterwards). */
export async function createTopics(connection: KafkaConnection, topics: Readonly<Record<string, NewTopicSpec>>): Promise<void> {
  const admin = new RdkafkaAdmin(connection);
  try {
    for (const [name, spec] of Object.entries(topics)) await admin.createTopic(name, spec);
  } finally {
    await admin.close();
  }
}
