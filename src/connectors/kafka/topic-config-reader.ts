// Reads topic configuration (DescribeConfigs) — needed at start-up to enforce ASA's rule that an input
// topic's message.timestamp.type is LogAppendTime. librdkafka's Node binding exposes no DescribeConfigs,
// so this one admin call goes through @platformatic/kafka, a maintained pure-JS client, with the same
// connection settings and the same host-name verification (Node's TLS defaults).
import { Admin, type SASLMechanismValue } from '@platformatic/kafka';
import { SluiceError, redact } from '../../common/index.ts';
import { connectionSecrets, type KafkaConnection } from './kafka-connection.ts';

const TOPIC_RESOURCE = 2; // ConfigResourceTypes.TOPIC

export interface TopicConfigReadOptions {
  /** Per-connection and per-request deadline in ms. */
  timeoutMs?: number;
}

function adminOptions(connection: KafkaConnection, timeoutMs: number): ConstructorParameters<typeof Admin>[0] {
  const tls = connection.tls ?? {};
  const usesTls = connection.securityProtocol === 'SASL_SSL' || connection.securityProtocol === 'mTLS';
  const usesSasl = connection.securityProtocol === 'SASL_SSL' || connection.securityProtocol === 'SASL_PLAINTEXT';
  return {
    clientId: connection.clientId ?? 'sluice',
    bootstrapBrokers: [...connection.bootstrapServers],
    connectTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    retries: 2,
    retryDelay: 500,
    ...(usesTls ? {
      tls: {
        ...(tls.caPem ? { ca: tls.caPem } : {}),
        ...(tls.certificatePem ? { cert: tls.certificatePem } : {}),
        ...(tls.keyPem ? { key: tls.keyPem } : {}),
        ...(tls.keyPassword ? { passphrase: tls.keyPassword } : {}),
      },
    } : {}),
    ...(usesSasl && connection.sasl ? {
      sasl: {
        mechanism: connection.sasl.mechanism as SASLMechanismValue,
        username: connection.sasl.username,
        password: connection.sasl.password,
      },
    } : {}),
  };
}

interface ErrorNode {
  message?: string;
  code?: string;
  errors?: unknown[];
  cause?: unknown;
  response?: { errorCode?: number; errorMessage?: string | null; results?: Array<{ errorCode?: number; errorMessage?: string | null }> };
}

/** All errors in the tree the client builds (MultipleErrors → NetworkError → cause …), depth first. */
function flatten(err: unknown, out: ErrorNode[] = []): ErrorNode[] {
  if (!err || typeof err !== 'object') return out;
  const node = err as ErrorNode;
  out.push(node);
  for (const child of node.errors ?? []) flatten(child, out);
  if (node.cause) flatten(node.cause, out);
  return out;
}

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|UNABLE_TO_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|EPROTO|HOSTNAME_MISMATCH)/;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'PLT_KFK_TIMEOUT']);

function mapError(err: unknown, what: string, secrets: readonly string[]): SluiceError {
  const nodes = flatten(err);
  const root = nodes[nodes.length - 1];
  const reason = redact(root?.message ?? String(err), secrets);
  const brokerCodes = nodes.flatMap((n) => [n.response?.errorCode, ...(n.response?.results ?? []).map((r) => r.errorCode)])
    .filter((c): c is number => typeof c === 'number' && c !== 0);
  const has = (pred: (n: ErrorNode) => boolean) => nodes.some(pred);
  if (brokerCodes.includes(58) || has((n) => n.code === 'PLT_KFK_AUTHENTICATION')) {
    return new SluiceError('SLUICE_KAFKA_AUTHENTICATION', `${what}: authentication failed: ${reason}`, {
      domain: 'user', hint: 'check the username, password and SASL mechanism of the input or output',
    });
  }
  if (has((n) => typeof n.code === 'string' && TLS_CODES.test(n.code))) {
    return new SluiceError('SLUICE_KAFKA_TLS', `${what}: TLS handshake failed: ${reason}`, {
      domain: 'user',
      hint: 'check the CA certificate, the client certificate and key and their validity dates, and that the broker address matches its certificate',
    });
  }
  if (brokerCodes.includes(3)) {
    return new SluiceError('SLUICE_KAFKA_UNKNOWN_TOPIC', `${what}: the topic does not exist`, { domain: 'user' });
  }
  if (brokerCodes.includes(29)) {
    return new SluiceError('SLUICE_KAFKA_NOT_AUTHORIZED', `${what}: not authorized to describe the topic's configuration`, {
      domain: 'user', hint: 'grant the principal DescribeConfigs on the topic',
    });
  }
  if (has((n) => n.code === 'PLT_KFK_UNSUPPORTED_API' || n.code === 'PLT_KFK_UNSUPPORTED')) {
    return new SluiceError('SLUICE_KAFKA_UNSUPPORTED_BROKER', `${what}: the broker does not support DescribeConfigs (Kafka 0.11 or later is needed to read topic configuration): ${reason}`, { domain: 'user' });
  }
  if (has((n) => typeof n.code === 'string' && NETWORK_CODES.has(n.code))) {
    return new SluiceError('SLUICE_KAFKA_UNREACHABLE', `${what}: no broker reachable: ${reason}`, { domain: 'external' });
  }
  return new SluiceError('SLUICE_KAFKA_CLIENT', `${what}: ${reason}`, { domain: 'external' });
}

/** The named configuration values of a topic (keys the broker does not know are absent). */
export async function readTopicConfig(
  connection: KafkaConnection,
  topic: string,
  keys: readonly string[],
  options: TopicConfigReadOptions = {},
): Promise<Map<string, string>> {
  const secrets = connectionSecrets(connection);
  const what = `reading the configuration of topic "${topic}" on ${connection.bootstrapServers.join(',')}`;
  const admin = new Admin(adminOptions(connection, options.timeoutMs ?? 10_000));
  try {
    const [description] = await admin.describeConfigs({
      resources: [{ resourceType: TOPIC_RESOURCE, resourceName: topic, configurationKeys: [...keys] }],
    });
    const values = new Map<string, string>();
    for (const c of description?.configs ?? []) if (c.value !== null && c.value !== undefined) values.set(c.name, c.value);
    return values;
  } catch (err) {
    throw mapError(err, what, secrets);
  } finally {
    await admin.close().catch(() => {});
  }
}
