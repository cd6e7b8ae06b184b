// How sluice reaches a Kafka cluster, in ASA's terms (security protocols None, SASL_PLAINTEXT, SASL_SSL and
// mTLS), and its translation to librdkafka settings. Certificates and keys arrive as PEM strings already
// read from a secret store: nothing here touches files, and nothing here may print a secret.
import { SluiceError } from '../../common/index.ts';

export type KafkaSecurityProtocol = 'None' | 'SASL_PLAINTEXT' | 'SASL_SSL' | 'mTLS';
export type KafkaSaslMechanism = 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

export interface KafkaSaslCredentials {
  mechanism: KafkaSaslMechanism;
  username: string;
  password: string;
}

export interface KafkaTlsMaterial {
  /** CA certificate(s) that signed the brokers' certificates; absent means the system trust store. */
  caPem?: string;
  /** Client certificate (chain) and PKCS#8 key, for mTLS. */
  certificatePem?: string;
  keyPem?: string;
  keyPassword?: string;
}

export interface KafkaConnection {
  bootstrapServers: readonly string[];
  securityProtocol: KafkaSecurityProtocol;
  sasl?: KafkaSaslCredentials;
  tls?: KafkaTlsMaterial;
  clientId?: string;
}

const LIBRDKAFKA_PROTOCOL: Record<KafkaSecurityProtocol, string> = {
  None: 'plaintext',
  SASL_PLAINTEXT: 'sasl_plaintext',
  SASL_SSL: 'sasl_ssl',
  mTLS: 'ssl',
};

function invalid(message: string): SluiceError {
  return new SluiceError('SLUICE_KAFKA_CONFIG', message, { domain: 'user' });
}

/** librdkafka client properties for this connection (the part shared by consumers, producers and admins). */
export function librdkafkaConnectionConfig(connection: KafkaConnection): Record<string, string> {
  if (connection.bootstrapServers.length === 0) throw invalid('no bootstrap server addresses were given');
  const config: Record<string, string> = {
    'bootstrap.servers': connection.bootstrapServers.join(','),
    'client.id': connection.clientId ?? 'sluice',
    'security.protocol': LIBRDKAFKA_PROTOCOL[connection.securityProtocol],
  };
  const usesSasl = connection.securityProtocol === 'SASL_PLAINTEXT' || connection.securityProtocol === 'SASL_SSL';
  const usesTls = connection.securityProtocol === 'SASL_SSL' || connection.securityProtocol === 'mTLS';

  if (usesSasl) {
    const sasl = connection.sasl;
    if (!sasl?.username || !sasl.password) {
      throw invalid(`security protocol ${connection.securityProtocol} needs a SASL username and password`);
    }
    config['sasl.mechanisms'] = sasl.mechanism;
    config['sasl.username'] = sasl.username;
    config['sasl.password'] = sasl.password;
  } else if (connection.sasl) {
    throw invalid(`SASL credentials were given but security protocol ${connection.securityProtocol} does not use SASL`);
  }

  if (usesTls) {
    const tls = connection.tls ?? {};
    // Host names are always verified against the broker certificate; ASA does the same.
    config['ssl.endpoint.identification.algorithm'] = 'https';
    if (tls.caPem) config['ssl.ca.pem'] = tls.caPem;
    if (connection.securityProtocol === 'mTLS') {
      if (!tls.certificatePem || !tls.keyPem) throw invalid('security protocol mTLS needs a client certificate and private key');
    }
    if (tls.certificatePem) config['ssl.certificate.pem'] = tls.certificatePem;
    if (tls.keyPem) config['ssl.key.pem'] = tls.keyPem;
    if (tls.keyPassword) config['ssl.key.password'] = tls.keyPassword;
  } else if (connection.tls?.certificatePem || connection.tls?.keyPem) {
    throw invalid(`a client certificate was given but security protocol ${connection.securityProtocol} does not use TLS`);
  }
  return config;
}

/** The secret values a connection holds, so that any text leaving sluice can be scrubbed of them. */
export function connectionSecrets(connection: KafkaConnection): string[] {
  return [connection.sasl?.password, connection.tls?.keyPem, connection.tls?.keyPassword].filter(
    (s): s is string => typeof s === 'string' && s.length > 0,
  );
}
