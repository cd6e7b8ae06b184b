// Turns librdkafka's errors into SluiceErrors that say what went wrong in the user's terms, without the
// secrets the failing client held. Codes from librdkafka's rdkafka.h (negative: client-side errors).
import { SluiceError, redact } from '../../common/index.ts';

interface LibrdkafkaErrorLike {
  message?: string;
  code?: number;
  errno?: number;
}

const AUTHENTICATION = -169; // RD_KAFKA_RESP_ERR__AUTHENTICATION
const SSL = -181; // RD_KAFKA_RESP_ERR__SSL
const ALL_BROKERS_DOWN = -187; // RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN
const TRANSPORT = -195; // RD_KAFKA_RESP_ERR__TRANSPORT
const TIMED_OUT = -185; // RD_KAFKA_RESP_ERR__TIMED_OUT
const UNKNOWN_TOPIC = 3; // UNKNOWN_TOPIC_OR_PART
const TOPIC_AUTHORIZATION_FAILED = 29;
const SASL_AUTHENTICATION_FAILED = 58;

/** Wraps a client error; `what` says what sluice was doing ("connecting to …", "creating topic x"). */
export function kafkaError(err: unknown, what: string, secrets: readonly string[] = []): SluiceError {
  if (err instanceof SluiceError) return err;
  const e = (err ?? {}) as LibrdkafkaErrorLike;
  const code = e.code ?? e.errno;
  const text = redact(e.message ?? String(err), secrets);
  const details: Record<string, number> = code === undefined ? {} : { librdkafkaCode: code };
  switch (code) {
    case AUTHENTICATION:
    case SASL_AUTHENTICATION_FAILED:
      return new SluiceError('SLUICE_KAFKA_AUTHENTICATION', `${what}: authentication failed (${text})`, {
        domain: 'user', details, hint: 'check the username, password and SASL mechanism, or the client certificate',
      });
    case SSL:
      return new SluiceError('SLUICE_KAFKA_TLS', `${what}: TLS handshake failed (${text})`, {
        domain: 'user', details, hint: 'check the CA certificate, the client certificate and its validity dates, and that the broker host name matches its certificate',
      });
    case UNKNOWN_TOPIC:
      return new SluiceError('SLUICE_KAFKA_UNKNOWN_TOPIC', `${what}: the topic does not exist (${text})`, { domain: 'user', details });
    case TOPIC_AUTHORIZATION_FAILED:
      return new SluiceError('SLUICE_KAFKA_NOT_AUTHORIZED', `${what}: not authorized (${text})`, { domain: 'user', details });
    case ALL_BROKERS_DOWN:
    case TRANSPORT:
    case TIMED_OUT:
      return new SluiceError('SLUICE_KAFKA_UNREACHABLE', `${what}: brokers unreachable (${text})`, { domain: 'external', details });
    default:
      return new SluiceError('SLUICE_KAFKA_CLIENT', `${what}: ${text}`, { domain: 'external', details, cause: err });
  }
}
