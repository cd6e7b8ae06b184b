// JSON text → ASA values. JSON.parse already yields the value model (objects → records, arrays →
// arrays, integers → safe-integer numbers, fractions → floats), so the fast path walks nothing. Only
// when the text holds a run of 16+ digits — the shortest integer that can exceed 2^53 — do we re-parse
// with a reviver that reads each number's source text (context.source, Node ≥ 22), so 2^53+1 and
// beyond stay exact JS bigints.
// ASA: "Data Types" — JSON in: "number: integer converted to 64 bit signed integer"; a bigint outside
// -2^63…2^63-1 fails the event with InputDeserializationError.
import type { AsaValue } from '../../types/index.ts';
import { exactInteger } from '../exact-integer.ts';

/**
 * Whether the text has 16 consecutive digits. Any such run covers exactly one index ≡ 15 (mod 16),
 * so only every 16th character is probed and a run is measured only around a probed digit: about
 * 1/16 of the work of a regex scan, which measured ~35% of JSON.parse's time on small events.
 */
export function hasLongDigitRun(text: string): boolean {
  const n = text.length;
  for (let i = 15; i < n; i += 16) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    let lo = i;
    while (lo > 0 && isDigit(text.charCodeAt(lo - 1))) lo--;
    let hi = i;
    while (hi + 1 < n && isDigit(text.charCodeAt(hi + 1))) hi++;
    if (hi - lo + 1 >= 16) return true;
    i = hi - 15 > i ? hi - 15 : i;
  }
  return false;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
const INTEGER_SOURCE = /^-?\d+$/;

interface ReviverContext {
  source?: string;
}

function preciseReviver(this: unknown, _key: string, value: unknown, context?: ReviverContext): unknown {
  if (typeof value === 'number' && !Number.isSafeInteger(value) && context?.source !== undefined && INTEGER_SOURCE.test(context.source)) {
    return exactInteger(BigInt(context.source), 'in the JSON payload');
  }
  return value;
}

type Reviver = (this: unknown, key: string, value: unknown) => unknown;

/** Parses one JSON text (throws JSON.parse's SyntaxError, or a SluiceError for an out-of-range bigint). */
export function parseJsonText(text: string): AsaValue {
  const fast = JSON.parse(text) as AsaValue;
  // A long digit run is usually an id inside a string or a long fraction: a walk over the parsed value
  // (much cheaper than a reviver call per value) tells whether any integer actually lost precision.
  if (!hasLongDigitRun(text) || !hasUnsafeInteger(fast)) return fast;
  return JSON.parse(text, preciseReviver as Reviver) as AsaValue;
}

function hasUnsafeInteger(v: AsaValue): boolean {
  if (typeof v === 'number') return Number.isInteger(v) && !Number.isSafeInteger(v);
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) {
    for (const item of v) if (hasUnsafeInteger(item)) return true;
    return false;
  }
  const rec = v as Record<string, AsaValue>;
  for (const k in rec) if (hasUnsafeInteger(rec[k] ?? null)) return true;
  return false;
}
