// The Kafka block of an input or output: ASA's portal fields (bootstrap server addresses, topic, security
// protocol, consumer group id, username/password, Key Vault name, truststore certificate; output: partition
// key, compression type) under the names proposed in /work/shared/reference/asa-kafka-config.md §1.4 and
// §2.2, since Microsoft publishes no schema for them. Sources: learn.microsoft.com "Stream data from Kafka
// into Azure Stream Analytics" and "Kafka output from Azure Stream Analytics".
import { z } from 'zod';
import { canonicalizeKeys, ciEnum, ciObject, describeType, EVEN_WITH_ISSUES, text } from './case-insensitive.ts';
import { secretName, secretValue, type SecretValue } from './secret-value.ts';

export type KafkaSecurityProtocol = 'None' | 'SASL_PLAINTEXT' | 'SASL_SSL' | 'mTLS';
export type KafkaSaslMechanism = 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';
export type KafkaCompressionType = 'None' | 'Gzip' | 'Snappy' | 'Lz4' | 'Zstd';
export type KafkaTimestampType = 'LogAppendTime' | 'CreateTime';

export interface KafkaConnectionSpec {
  /** host:port of each bootstrap broker. */
  bootstrapServers: string[];
  securityProtocol: KafkaSecurityProtocol;
  /** Only for SASL_PLAINTEXT and SASL_SSL; PLAIN when not given. */
  saslMechanism?: KafkaSaslMechanism;
  username?: string;
  password?: SecretValue;
  /** Vault holding the PEM secrets below (ASA: Azure Key Vault; sluice: whatever secrets/ maps it to). */
  keyVaultName?: string;
  /** Secret holding the CA certificate(s) (PEM) that signed the brokers' certificates. */
  truststoreCertificateSecretName?: string;
  /** mTLS: secrets holding the client certificate and its private key (PEM). */
  keystoreCertificateSecretName?: string;
  keystoreKeySecretName?: string;
}

export interface KafkaInputProperties extends KafkaConnectionSpec {
  topic: string;
  consumerGroupId: string;
  /** True when the group id was derived (job name + alias) rather than given. */
  consumerGroupIdDerived: boolean;
  /** LogAppendTime as ASA requires; CreateTime is a sluice extension. */
  timestampType: KafkaTimestampType;
  /**
   * sluice extension: where messages that cannot be deserialized are kept (they are skipped either way) —
   * a JSON-lines file (absolute once the project is loaded) or a topic on the same cluster.
   */
  deadLetter?: { kind: 'file'; path: string } | { kind: 'topic'; topic: string };
}

export interface KafkaOutputProperties extends KafkaConnectionSpec {
  topic: string;
  /** Column whose value keys the message; absent means round-robin partitioning, as in ASA. */
  partitionKey?: string;
  compressionType: KafkaCompressionType;
  /** sluice extension (ASA sets no headers): columns whose values are also sent as message headers. */
  headerColumns?: string[];
}

const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*):(\d{1,5})$/;

/** Splits "a:9092, b:9092" (or a list of such strings) into host:port entries, dropping a scheme prefix. */
function splitServers(value: unknown): unknown {
  const parts = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (parts === undefined) return value;
  if (!parts.every((p) => typeof p === 'string')) return value;
  return (parts as string[])
    .flatMap((p) => p.split(/[,;\s]+/))
    .map((p) => p.trim().replace(/^[A-Za-z_]+:\/\//, ''))
    .filter((p) => p !== '');
}

const bootstrapServers = z.preprocess(
  splitServers,
  z.array(z.string(), {
    error: (i) => (i.input === undefined ? 'is required' : `must be "host:port" entries as a list or comma-separated string; found ${describeType(i.input)}`),
  }).superRefine((servers, ctx) => {
    if (servers.length === 0) ctx.addIssue({ code: 'custom', message: 'must name at least one host:port' });
    servers.forEach((s, i) => {
      const m = HOST_PORT.exec(s);
      const port = m ? Number(m[5]) : NaN;
      if (!m) {
        ctx.addIssue({ code: 'custom', message: `has ${JSON.stringify(s)} (entry ${i + 1}), which is not host:port (e.g. broker-1.example.com:9092)` });
      } else if (port < 1 || port > 65535) {
        ctx.addIssue({ code: 'custom', message: `has ${JSON.stringify(s)} (entry ${i + 1}), whose port is not between 1 and 65535` });
      }
    });
  }),
);

const securityProtocol = ciEnum(['None', 'SASL_PLAINTEXT', 'SASL_SSL', 'mTLS'], {
  SSL: 'mTLS', PLAINTEXT: 'None', 'SASL-SSL': 'SASL_SSL', 'SASL-PLAINTEXT': 'SASL_PLAINTEXT',
});

const connectionShape = {
  BootstrapServers: bootstrapServers,
  SecurityProtocol: securityProtocol.optional(),
  SaslMechanism: ciEnum(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'], { SCRAM_SHA_256: 'SCRAM-SHA-256', SCRAM_SHA_512: 'SCRAM-SHA-512' }).optional(),
  Username: text().optional(),
  Password: secretValue(),
  KeyVaultName: text('a Key Vault name').optional(),
  TruststoreCertificateSecretName: secretName().optional(),
  KeystoreCertificateSecretName: secretName().optional(),
  KeystoreKeySecretName: secretName().optional(),
  Topic: text('a topic name').refine((t) => /^[A-Za-z0-9._-]{1,249}$/.test(t), {
    error: 'must be a Kafka topic name: 1–249 letters, digits, ".", "_" or "-"',
  }),
};

const inputShape = {
  ...connectionShape,
  ConsumerGroupId: text('a consumer group id').optional(),
  TimestampType: ciEnum(['LogAppendTime', 'CreateTime']).optional(),
  DeadLetterPath: text('a file path').optional(),
  DeadLetterTopic: text('a topic name').refine((t) => /^[A-Za-z0-9._-]{1,249}$/.test(t), {
    error: 'must be a Kafka topic name: 1–249 letters, digits, ".", "_" or "-"',
  }).optional(),
};

const outputShape = {
  ...connectionShape,
  PartitionKey: z.string().trim().optional(),
  CompressionType: ciEnum(['None', 'Gzip', 'Snappy', 'Lz4', 'Zstd']).optional(),
  HeaderColumns: z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
    z.array(text('a column name')).min(1, { error: 'must name at least one column' })).optional(),
};

export const KAFKA_INPUT_KEYS: readonly string[] = Object.keys(inputShape);
export const KAFKA_OUTPUT_KEYS: readonly string[] = Object.keys(outputShape);

type RawConnection = {
  SecurityProtocol?: KafkaSecurityProtocol | undefined;
  Username?: string | undefined;
  Password?: SecretValue | undefined;
  KeyVaultName?: string | undefined;
  TruststoreCertificateSecretName?: string | undefined;
  KeystoreCertificateSecretName?: string | undefined;
  KeystoreKeySecretName?: string | undefined;
};

/** Cross-field rules of ASA's security protocols (Kafka input doc, "Authentication and encryption"). */
function checkSecurity(c: RawConnection, ctx: z.RefinementCtx): void {
  const protocol = c.SecurityProtocol ?? 'None';
  if (protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL') {
    if (c.Username === undefined) {
      ctx.addIssue({ code: 'custom', path: ['Username'], message: `is required when SecurityProtocol is ${protocol}` });
    }
    if (c.Password === undefined) {
      ctx.addIssue({ code: 'custom', path: ['Password'], message: `is required when SecurityProtocol is ${protocol} (null and "********" are placeholders: give the password or {"SecretName": "…"})` });
    }
  }
  if (protocol === 'mTLS') {
    for (const key of ['KeystoreCertificateSecretName', 'KeystoreKeySecretName', 'KeyVaultName'] as const) {
      if (c[key] === undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'is required when SecurityProtocol is mTLS (the client certificate and key are PEM secrets in a key vault)' });
      }
    }
  }
  if (protocol === 'SASL_SSL' && c.TruststoreCertificateSecretName !== undefined && c.KeyVaultName === undefined) {
    ctx.addIssue({ code: 'custom', path: ['KeyVaultName'], message: 'is required when TruststoreCertificateSecretName is given: it names the vault holding that secret' });
  }
}

function connectionOf(c: z.output<ReturnType<typeof ciObject<typeof connectionShape>>>): KafkaConnectionSpec {
  const protocol = c.SecurityProtocol ?? 'None';
  const sasl = protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL';
  const tls = protocol === 'SASL_SSL' || protocol === 'mTLS';
  const spec: KafkaConnectionSpec = { bootstrapServers: c.BootstrapServers, securityProtocol: protocol };
  // Settings the protocol does not use are dropped (the reader warns about them), so that a connector never
  // sends credentials a user meant for another setup.
  if (sasl) {
    spec.saslMechanism = c.SaslMechanism ?? 'PLAIN';
    if (c.Username !== undefined) spec.username = c.Username;
    if (c.Password !== undefined) spec.password = c.Password;
  }
  if (c.KeyVaultName !== undefined) spec.keyVaultName = c.KeyVaultName;
  if (tls && c.TruststoreCertificateSecretName !== undefined) spec.truststoreCertificateSecretName = c.TruststoreCertificateSecretName;
  if (protocol === 'mTLS') {
    if (c.KeystoreCertificateSecretName !== undefined) spec.keystoreCertificateSecretName = c.KeystoreCertificateSecretName;
    if (c.KeystoreKeySecretName !== undefined) spec.keystoreKeySecretName = c.KeystoreKeySecretName;
  }
  return spec;
}

/** Names of settings present in a raw Kafka block but unused by the chosen protocol, for warnings. */
export function unusedKafkaSettings(rawBag: unknown, protocol: KafkaSecurityProtocol): string[] {
  const c = canonicalizeKeys(rawBag, [...new Set([...KAFKA_INPUT_KEYS, ...KAFKA_OUTPUT_KEYS])]);
  if (typeof c !== 'object' || c === null) return [];
  const present = (k: string) => (c as Record<string, unknown>)[k] !== undefined;
  const sasl = protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL';
  const tls = protocol === 'SASL_SSL' || protocol === 'mTLS';
  const unused: string[] = [];
  if (!sasl) unused.push(...['SaslMechanism', 'Username', 'Password'].filter(present));
  if (!tls) unused.push(...['TruststoreCertificateSecretName'].filter(present));
  if (protocol !== 'mTLS') unused.push(...['KeystoreCertificateSecretName', 'KeystoreKeySecretName'].filter(present));
  return unused;
}

/** Kafka input properties; the consumer group id is derived by the caller when absent (it knows job and alias). */
export function kafkaInputSchema(defaultConsumerGroupId: string) {
  return ciObject(inputShape).superRefine(checkSecurity, EVEN_WITH_ISSUES).superRefine((c, ctx) => {
    if (c.DeadLetterPath !== undefined && c.DeadLetterTopic !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['DeadLetterTopic'], message: 'cannot be given together with DeadLetterPath; choose one dead-letter destination' });
    }
  }).transform((c): KafkaInputProperties => ({
    ...connectionOf(c),
    topic: c.Topic,
    consumerGroupId: c.ConsumerGroupId ?? defaultConsumerGroupId,
    consumerGroupIdDerived: c.ConsumerGroupId === undefined,
    timestampType: c.TimestampType ?? 'LogAppendTime',
    ...(c.DeadLetterPath !== undefined ? { deadLetter: { kind: 'file' as const, path: c.DeadLetterPath } }
      : c.DeadLetterTopic !== undefined ? { deadLetter: { kind: 'topic' as const, topic: c.DeadLetterTopic } } : {}),
  }));
}

export function kafkaOutputSchema() {
  return ciObject(outputShape).superRefine(checkSecurity, EVEN_WITH_ISSUES).transform((c): KafkaOutputProperties => {
    const spec: KafkaOutputProperties = { ...connectionOf(c), topic: c.Topic, compressionType: c.CompressionType ?? 'None' };
    if (c.PartitionKey) spec.partitionKey = c.PartitionKey;
    if (c.HeaderColumns !== undefined) spec.headerColumns = c.HeaderColumns;
    return spec;
  });
}

/** A Kafka consumer group id from job name and input alias, limited to characters every broker accepts. */
export function deriveConsumerGroupId(jobName: string, alias: string): string {
  return `${jobName}-${alias}`.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 249);
}
