// Shared connect logic for librdkafka clients. librdkafka retries forever on its own and reports a wrong
// password or an untrusted certificate only as a log line, so without this a bad credential looks like a
// hang followed by "broker transport failure". We connect with a deadline, fail fast on authentication and
// TLS failures (retrying cannot fix them), and otherwise report the last concrete reason at the deadline.
import type { LibrdKafkaError } from '@confluentinc/kafka-javascript';
import { SluiceError, redact } from '../../common/index.ts';
import { kafkaError } from './kafka-errors.ts';

interface LogEvent {
  severity: number;
  fac: string;
  message: string;
}

interface Connectable {
  connect(options: { timeout?: number }, cb: (err: LibrdKafkaError | null) => void): unknown;
  on(event: 'event.log', listener: (log: LogEvent) => void): unknown;
  removeListener(event: 'event.log', listener: (log: LogEvent) => void): unknown;
  disconnect(cb?: () => void): unknown;
}

/** librdkafka properties that make connection failures visible to classifyConnectionLog. */
export const CONNECTION_LOG_CONFIG = { 'log_level': 3 } as const;

const ATTEMPT_MS = 2000;

export type ConnectionFailure = 'authentication' | 'tls' | 'transport';

/** Classifies one librdkafka log line; undefined when it is not a connection failure. */
export function classifyConnectionLog(log: LogEvent): ConnectionFailure | undefined {
  if (log.fac !== 'FAIL' && log.severity > 3) return undefined;
  if (/SASL authentication (error|failed)|Authentication failed/i.test(log.message)) return 'authentication';
  if (/SSL handshake failed|certificate verify failed|SSL routines|ssl\.(key|certificate)/i.test(log.message)) return 'tls';
  if (log.fac === 'FAIL') return 'transport';
  return undefined;
}

/** Strips librdkafka's "[thrd:…]: broker/bootstrap: " prefix and retry bookkeeping from a log line. */
function reasonOf(message: string): string {
  return message
    .replace(/^\[thrd:[^\]]*\]:\s*/, '')
    .replace(/^\S+\/(bootstrap|\d+):\s*/, '')
    .replace(/\s*\(after \d+ms in state [A-Z_]+(, \d+ identical error\(s\) suppressed)?\)\s*$/, '');
}

export function connectWithDeadline(client: Connectable, what: string, secrets: readonly string[], timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let lastTransportFailure: string | undefined;
    const finish = (err?: SluiceError): void => {
      if (settled) return;
      settled = true;
      client.removeListener('event.log', onLog);
      if (err) {
        // librdkafka keeps retrying in the background until disconnected.
        try { client.disconnect(); } catch { /* not connected yet */ }
        reject(err);
      } else {
        resolve();
      }
    };
    const onLog = (log: LogEvent): void => {
      const kind = classifyConnectionLog(log);
      if (!kind) return;
      const reason = redact(reasonOf(log.message), secrets);
      if (kind === 'authentication') {
        finish(new SluiceError('SLUICE_KAFKA_AUTHENTICATION', `${what}: authentication failed: ${reason}`, {
          domain: 'user', hint: 'check the username, password and SASL mechanism of the input or output',
        }));
      } else if (kind === 'tls') {
        finish(new SluiceError('SLUICE_KAFKA_TLS', `${what}: TLS handshake failed: ${reason}`, {
          domain: 'user',
          hint: 'check the CA certificate, the client certificate and key and their validity dates, and that the broker address matches its certificate',
        }));
      } else {
        lastTransportFailure = reason;
      }
    };
    client.on('event.log', onLog);
    // Short attempts rather than one long one: after a fail-fast error, the attempt still in flight
    // inside librdkafka holds the process open until it times out, so keep it brief.
    const deadline = Date.now() + timeoutMs;
    const attempt = (): void => {
      const slice = Math.max(100, Math.min(ATTEMPT_MS, deadline - Date.now()));
      client.connect({ timeout: slice }, (err) => {
        if (settled) return;
        if (!err) return finish();
        const base = kafkaError(err, what, secrets);
        if (base.code === 'SLUICE_KAFKA_UNREACHABLE' && Date.now() < deadline - 50) return attempt();
        finish(lastTransportFailure && base.code === 'SLUICE_KAFKA_UNREACHABLE'
          ? new SluiceError(base.code, `${what}: no broker reachable within ${timeoutMs} ms; last error: ${lastTransportFailure}`, {
            domain: 'external', details: base.details,
          })
          : base);
      });
    };
    attempt();
  });
}
