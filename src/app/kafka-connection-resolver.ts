// Turns a Kafka input's or output's connection settings (job/) into a live KafkaConnection: passwords,
// CA certificates and mTLS client certificates/keys are read from the secret store by the names the
// definition gives (ASA's KeyVaultName + secret names) and checked as PEM before any connection is tried,
// so an expired or malformed certificate is reported as such rather than as a failed TLS handshake.
import { SluiceError, isSluiceError } from '../common/index.ts';
import type { KafkaConnection } from '../connectors/kafka/index.ts';
import type { KafkaConnectionSpec, SecretValue as SpecSecret } from '../job/index.ts';
import {
  assertKeyMatchesCertificate, loadCaBundle, loadCertificate, loadPrivateKey, type SecretRef, type SecretStore,
  type SecretWarning,
} from '../secrets/index.ts';

export interface ResolvedKafkaConnection {
  connection: KafkaConnection;
  /** The secrets the connection was built from: watch these to rotate it. */
  secrets: SecretRef[];
  /** Certificates that expire soon, and the like. */
  warnings: SecretWarning[];
}

export interface ResolveOptions {
  /** Who the connection is for, for messages: "input 'telemetry'". */
  owner: string;
  clientId?: string;
  now?: () => Date;
}

function withOwner(err: unknown, owner: string): unknown {
  if (!isSluiceError(err)) return err;
  return new SluiceError(err.code, `${owner}: ${err.message}`, {
    domain: err.domain, retryable: err.retryable, hint: err.hint, details: err.details, cause: err,
  });
}

export async function resolveKafkaConnection(spec: KafkaConnectionSpec, store: SecretStore, options: ResolveOptions): Promise<ResolvedKafkaConnection> {
  const { owner } = options;
  const secrets: SecretRef[] = [];
  const warnings: SecretWarning[] = [];
  const ref = (name: string, what: string): SecretRef => {
    if (!spec.keyVaultName) {
      throw new SluiceError('SLUICE_KAFKA_CONFIG', `the ${what} is a secret ("${name}") but KeyVaultName is not set`, {
        domain: 'user', hint: 'set KeyVaultName to the vault (a folder of the local secret store, or an Azure Key Vault) that holds it',
      });
    }
    const r = { vault: spec.keyVaultName, name };
    secrets.push(r);
    return r;
  };
  const read = (r: SecretRef) => store.get(r.vault, r.name);
  const secretText = async (value: SpecSecret | undefined, what: string): Promise<string | undefined> => {
    if (!value) return undefined;
    if (value.kind === 'inline') return value.value;
    return (await read(ref(value.name, what))).value;
  };
  const checkOptions = { ...(options.now ? { now: options.now() } : {}), onWarning: (w: SecretWarning) => warnings.push(w) };

  try {
    const connection: KafkaConnection = {
      bootstrapServers: spec.bootstrapServers,
      securityProtocol: spec.securityProtocol,
      ...(options.clientId ? { clientId: options.clientId } : {}),
    };
    if (spec.securityProtocol === 'SASL_PLAINTEXT' || spec.securityProtocol === 'SASL_SSL') {
      connection.sasl = {
        mechanism: spec.saslMechanism ?? 'PLAIN',
        username: spec.username ?? '',
        password: (await secretText(spec.password, 'password')) ?? '',
      };
    }
    if (spec.securityProtocol === 'SASL_SSL' || spec.securityProtocol === 'mTLS') {
      connection.tls = {};
      if (spec.truststoreCertificateSecretName) {
        const r = ref(spec.truststoreCertificateSecretName, 'truststore (CA) certificate');
        connection.tls.caPem = loadCaBundle(await read(r), r, checkOptions).pem;
      }
      if (spec.keystoreCertificateSecretName && spec.keystoreKeySecretName) {
        const certRef = ref(spec.keystoreCertificateSecretName, 'client certificate');
        const keyRef = ref(spec.keystoreKeySecretName, 'client key');
        const certificate = loadCertificate(await read(certRef), certRef, checkOptions);
        const key = loadPrivateKey(await read(keyRef), keyRef);
        assertKeyMatchesCertificate(certificate, key);
        connection.tls.certificatePem = certificate.pem;
        connection.tls.keyPem = key.pem;
      }
    }
    return { connection, secrets, warnings };
  } catch (err) {
    // Secret and PEM errors name the vault and secret; add whose connection it was.
    throw withOwner(err, owner);
  }
}
