// The structured logger every command uses: pino, JSON lines with an ISO time, a `--log-level` threshold,
// human-readable on a terminal, and two layers of secret protection — pino's path redaction for fields that
// are secrets by name, and the caller's redactor (every secret value sluice loaded) over each whole line.
import { pino, type Logger } from 'pino';
import { SluiceError } from '../common/index.ts';
import { logDestination } from './log-destination.ts';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const DEFAULT_LOG_LEVEL: LogLevel = 'info';

export interface CreateLoggerOptions {
  level?: string;
  /** Receives each finished line (with its newline). */
  write: (text: string) => void;
  /** Human-readable lines (a terminal) instead of JSON. */
  pretty?: boolean;
  redact?: (text: string) => string;
  beforeWrite?: () => void;
}

// Field names that hold secrets wherever they appear in a logged object.
const SECRET_PATHS = ['password', '*.password', '*.*.password', 'sasl.password', 'tls.keyPem', '*.keyPem', '*.tls.keyPem', 'keyPem', 'token', '*.token'];

export function isLogLevel(level: string): level is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(level);
}

export function createLogger(options: CreateLoggerOptions): Logger {
  const level = options.level ?? DEFAULT_LOG_LEVEL;
  if (!isLogLevel(level)) {
    throw new SluiceError('SLUICE_LOG_LEVEL', `unknown log level '${level}'`, { domain: 'user', hint: `use one of ${LOG_LEVELS.join(', ')}` });
  }
  return pino({
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: SECRET_PATHS, censor: '***' },
    // The level's name, not pino's number: log shippers and people both read `"level":"warn"` directly.
    formatters: { level: (label) => ({ level: label }) },
  }, logDestination({
    write: options.write,
    ...(options.pretty === undefined ? {} : { pretty: options.pretty }),
    ...(options.redact ? { redact: options.redact } : {}),
    ...(options.beforeWrite ? { beforeWrite: options.beforeWrite } : {}),
  }));
}
