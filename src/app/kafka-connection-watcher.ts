// Keeps a Kafka connection's secrets fresh: re-reads them periodically and shortly before a certificate
// expires (secrets/ SecretWatcher), and when one changes, resolves the connection again — including the PEM
// checks — and hands it to whoever reconnects (the Kafka input or output). A change that fails the checks
// is reported and the current connection is kept — e.g. the moment between writing a new certificate
// and its new key, when the two do not match yet.
import type { KafkaConnection } from '../connectors/kafka/index.ts';
import type { KafkaConnectionSpec } from '../job/index.ts';
import { SecretWatcher, type SecretStore } from '../secrets/index.ts';
import { resolveKafkaConnection, type ResolveOptions, type ResolvedKafkaConnection } from './kafka-connection-resolver.ts';

export interface KafkaConnectionWatch {
  stop(): void;
  /** Re-reads the secrets now (tests, or an operator's signal). */
  checkNow(): Promise<void>;
}

export interface WatchOptions extends ResolveOptions {
  intervalMs?: number;
  onChange: (connection: KafkaConnection) => void;
  onError: (err: unknown) => void;
}

export function watchKafkaConnection(
  spec: KafkaConnectionSpec,
  store: SecretStore,
  resolved: ResolvedKafkaConnection,
  options: WatchOptions,
): KafkaConnectionWatch {
  const certificates = new Set([spec.truststoreCertificateSecretName, spec.keystoreCertificateSecretName].filter(Boolean));
  const watcher = new SecretWatcher(
    store,
    resolved.secrets.map((s) => (certificates.has(s.name) ? { ...s, kind: 'certificate' as const } : s)),
    options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs },
  );
  watcher.on('change', () => {
    resolveKafkaConnection(spec, store, options).then((next) => options.onChange(next.connection), options.onError);
  });
  watcher.on('error', options.onError);
  const started = watcher.start();
  started.catch(options.onError);
  return {
    stop: () => watcher.stop(),
    checkNow: async () => {
      await started;
      await watcher.checkNow();
    },
  };
}
