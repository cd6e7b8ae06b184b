// Errors for malformed payloads. They say what was wrong and where (byte offset, line, field) but never
// quote more than a few characters of the payload, which may hold secrets.
import { SluiceError } from '../common/index.ts';

type Detail = Readonly<Record<string, string | number | boolean>>;

/** A user-domain error for bad data: the caller skips the payload and counts it. */
export function formatError(code: `SLUICE_FORMAT_${string}`, message: string, details: Detail = {}, cause?: unknown): SluiceError {
  return new SluiceError(code, message, cause === undefined ? { domain: 'user', details } : { domain: 'user', details, cause });
}

/** At most `max` characters of a text, for naming a value in a message (escaped, with an ellipsis). */
export function excerpt(text: string, max = 12): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut);
}

/** Wraps an unknown error from a library without copying its message (which may quote the payload). */
export function libraryErrorName(err: unknown): string {
  return err instanceof Error ? err.name : typeof err;
}
