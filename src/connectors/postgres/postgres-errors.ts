// Turns what pg throws into SluiceErrors that say whose problem it is and whether retrying can help.
// Transient: connection failures and resets (SQLSTATE class 08, node socket errors), server shutdown and
// start-up (57P01–57P03), resource shortage (class 53), serialization failures and deadlocks (40001,
// 40P01). Data errors (class 22, and constraint violations of class 23) belong to one row: the sink finds
// it and reports a row rejection. Everything else (no such table, no permission, bad password) is the
// job's configuration.
import { SluiceError } from '../../common/index.ts';
import { redactSecrets } from '../../secrets/index.ts';


const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

interface PgErrorFields {
  code?: unknown;
  message?: unknown;
  column?: unknown;
  detail?: unknown;
}

function sqlState(err: unknown): string | undefined {
  const code = (err as PgErrorFields | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Whether a data error of one row (class 22 data exception, class 23 integrity constraint). */
export function isRowDataError(err: unknown): boolean {
  const s = sqlState(err);
  return s !== undefined && (s.startsWith('22') || s.startsWith('23'));
}

export function isTransient(err: unknown): boolean {
  const s = sqlState(err);
  if (s !== undefined) return s.startsWith('08') || s.startsWith('53') || ['57P01', '57P02', '57P03', '40001', '40P01'].includes(s);
  const code = (err as PgErrorFields | null)?.code;
  if (typeof code === 'string' && TRANSIENT_NODE_CODES.has(code)) return true;
  const message = String((err as PgErrorFields | null)?.message ?? '');
  // pg reports a dropped socket and its own timeouts with plain Errors.
  return /Connection terminated|connection timeout|timeout expired|Client has encountered a connection error|not queryable|socket hang up/i.test(message);
}

function messageOf(err: unknown): string {
  return redactSecrets(String((err as PgErrorFields | null)?.message ?? err));
}

export function postgresError(err: unknown, what: string, target: string): SluiceError {
  if (err instanceof SluiceError) return err;
  const state = sqlState(err);
  const details: Record<string, string> = { target };
  if (state !== undefined) details['sqlState'] = state;
  if (isTransient(err)) {
    return new SluiceError('SLUICE_POSTGRES_UNAVAILABLE', `${what} on ${target} failed: ${messageOf(err)}`, {
      domain: 'external', retryable: true, cause: err, details, hint: 'the write is retried; check that the server is up and reachable',
    });
  }
  const auth = state === '28P01' || state === '28000';
  return new SluiceError(auth ? 'SLUICE_POSTGRES_AUTH' : 'SLUICE_POSTGRES_WRITE', `${what} on ${target} failed: ${messageOf(err)}`, {
    domain: 'user', retryable: false, cause: err, details,
    ...(auth ? { hint: 'check Username and the Password secret of this output' } : {}),
  });
}


/** The column a server-side data error names, when it names one. */
export function errorColumn(err: unknown): string | undefined {
  const c = (err as PgErrorFields | null)?.column;
  return typeof c === 'string' ? c : undefined;
}

export function errorReason(err: unknown): string {
  const e = err as PgErrorFields | null;
  const detail = typeof e?.detail === 'string' ? ` (${e.detail})` : '';
  return `${messageOf(err)}${detail}`;
}
