// One output row's JSON written as UTF-8 bytes straight into a caller's buffer: the same text formatJsonRow
// prints (each value's text comes from the same functions), without building the row as a string first. A
// query writing a row per event (HoppingWindow) spent more on assembling those strings and copying them into
// the Kafka batch than on printing the values: each `+` made a string that the write then had to flatten.
// Bytes go in as character codes while they are ASCII; a piece that is not goes through Buffer.write.
import { AsaDateTime, formatDateTime, type AsaRecord } from '../../types/index.ts';
import { columnText } from './format-json-row.ts';
import { quoteKey } from './format-json-value.ts';

/** The longest text a character loop copies; longer pieces go through one Buffer.write. */
const COPY_LIMIT = 64;

/**
 * Writes `row`'s JSON at `at` in `out`, up to `limit`. Returns where it ends, or −1 when it did not fit
 * (the caller grows the buffer and writes it again).
 */
export function writeJsonRow(row: AsaRecord, floatColumns: ReadonlySet<string>, out: Buffer, at: number, limit: number): number {
  let p = at;
  if (p >= limit) return -1;
  out[p++] = 0x7b; // {
  let first = true;
  // for…in: a row is a plain object, so only its own keys are enumerable.
  for (const key in row) {
    const v = row[key];
    if (v === undefined) continue; // as JSON.stringify: no such column
    if (!first) {
      if (p >= limit) return -1;
      out[p++] = 0x2c; // ,
    }
    first = false;
    p = put(quoteKey(key), out, p, limit);
    if (p < 0) return -1;
    // Strings and datetimes without the quoted copy formatJsonValue would make; the rest as formatJsonRow prints it.
    if (typeof v === 'string') p = putString(v, out, p, limit);
    else if (v instanceof AsaDateTime) p = putQuoted(formatDateTime(v), out, p, limit);
    else p = put(columnText(key, v, floatColumns), out, p, limit);
    if (p < 0) return -1;
  }
  if (p >= limit) return -1;
  out[p++] = 0x7d; // }
  return p;
}

/** Copies text (already JSON) at p; −1 when it does not fit. */
function put(text: string, out: Buffer, p: number, limit: number): number {
  const n = text.length;
  if (n > COPY_LIMIT) return putLong(text, out, p, limit);
  if (p + n > limit) return -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return putLong(text, out, p, limit);
    out[p + i] = c;
  }
  return p + n;
}

function putLong(text: string, out: Buffer, p: number, limit: number): number {
  // Worst case 3 bytes per UTF-16 unit: write only when that fits, so a short write never goes unnoticed.
  if (p + text.length * 3 > limit) return -1;
  return p + out.write(text, p, 'utf8');
}

/** A string value: quoted as it is when it needs no escaping and is ASCII, else as JSON.stringify prints it. */
function putString(s: string, out: Buffer, p: number, limit: number): number {
  const n = s.length;
  if (n > COPY_LIMIT || p + n + 2 > limit) return put(JSON.stringify(s), out, p, limit);
  out[p] = 0x22;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    // Control characters, the quote and the backslash are escaped; the rest of ASCII is printed as it is.
    if (c < 0x20 || c === 0x22 || c === 0x5c || c >= 0x80) return put(JSON.stringify(s), out, p, limit);
    out[p + 1 + i] = c;
  }
  out[p + 1 + n] = 0x22;
  return p + n + 2;
}

function putQuoted(text: string, out: Buffer, p: number, limit: number): number {
  if (p + text.length + 2 > limit) return -1;
  out[p] = 0x22;
  const end = put(text, out, p + 1, limit - 1);
  if (end < 0) return -1;
  out[end] = 0x22;
  return end + 1;
}
