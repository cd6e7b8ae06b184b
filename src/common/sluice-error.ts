// The one error class of sluice. Every error has a stable code (SLUICE_…), a domain that says whose
// problem it is, and a retry hint; wrapping keeps the cause. Internal errors say they are bugs.
import { printCodeFrame } from './code-frame.ts';
import { formatLocation, type SourceSpan } from './source-span.ts';

/**
 * user: the job, query or configuration is wrong — fix it, retrying won't help.
 * external: something outside sluice failed (broker, network, disk, credentials) — may pass.
 * internal: sluice itself is wrong — a bug to report.
 */
export type ErrorDomain = 'user' | 'external' | 'internal';

export type ErrorCode = `SLUICE_${string}`;

export interface SluiceErrorOptions {
  domain: ErrorDomain;
  /** Whether the same operation may succeed if tried again. Defaults: external true, others false. */
  retryable?: boolean;
  /** Where in user-written text the problem is. */
  span?: SourceSpan;
  /** The full text the span points into, for the code frame. */
  sourceText?: string;
  /** One actionable sentence: what to do about it (e.g. the command that fixes a topic). */
  hint?: string;
  cause?: unknown;
  /** Structured, non-secret facts for logs and metrics (topic, partition, file, key …). */
  details?: Readonly<Record<string, string | number | boolean>>;
}

export class SluiceError extends Error {
  readonly code: ErrorCode;
  readonly domain: ErrorDomain;
  readonly retryable: boolean;
  readonly span: SourceSpan | undefined;
  readonly sourceText: string | undefined;
  readonly hint: string | undefined;
  readonly details: Readonly<Record<string, string | number | boolean>>;

  constructor(code: ErrorCode, message: string, options: SluiceErrorOptions) {
    super(options.domain === 'internal' ? `${message} (this is a bug in sluice; please report it)` : message, {
      cause: options.cause,
    });
    this.name = 'SluiceError';
    this.code = code;
    this.domain = options.domain;
    this.retryable = options.retryable ?? options.domain === 'external';
    this.span = options.span;
    this.sourceText = options.sourceText;
    this.hint = options.hint;
    this.details = options.details ?? {};
  }

  /** The message a person reads: location, message, code frame, hint. */
  format(): string {
    const head = this.span ? `${formatLocation(this.span)}: ${this.message}` : this.message;
    const parts = [`${head} [${this.code}]`];
    if (this.span && this.sourceText !== undefined) parts.push(printCodeFrame(this.sourceText, this.span));
    if (this.hint) parts.push(`hint: ${this.hint}`);
    return parts.join('\n');
  }
}

export function isSluiceError(value: unknown): value is SluiceError {
  return value instanceof SluiceError;
}

/** For "can't happen" branches: fails loudly as an internal error. */
export function assertNever(value: never, what: string): never {
  throw new SluiceError('SLUICE_INTERNAL', `unexpected ${what}: ${String(value)}`, { domain: 'internal' });
}
