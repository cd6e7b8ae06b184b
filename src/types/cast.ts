// CAST and TRY_CAST: ASA's explicit conversions between its seven types.
// CAST "fails and causes the job to stop" when a value cannot be converted; TRY_CAST returns NULL
// (https://learn.microsoft.com/stream-analytics-query/cast-azure-stream-analytics,
// https://learn.microsoft.com/stream-analytics-query/try-cast-azure-stream-analytics). NULL casts to NULL.
//
// Conversion table (from → to; "–" means the cast fails):
//   bigint  → float exact below 2^53 · bit: 0 → 0, else 1 · nvarchar digits · others –
//   float   → bigint truncates toward zero (as T-SQL does; fails outside 64 bits or for NaN/±Inf)
//             · bit: 0.0 → 0, any other → 1 (Data Types page, "Conversion to bit") · nvarchar .NET text
//   bit     → bigint/float 1 / 0 · nvarchar 'true' / 'false' (the CSV form on the Data Types page)
//   nvarchar → bigint: optional sign and digits only · float: decimal or exponent form; 'NaN' and
//             'Infinity' fail (TRY_CAST('NaN' AS float) is NULL in the input-validation article)
//             · bit: 'true'/'false'/'1'/'0', any case · datetime: see datetime-parse.ts
//   datetime → nvarchar `yyyy-MM-ddTHH:mm:ss.fffffffZ`
//   record → record only · array → array only: "Cannot cast value of type 'record' to type 'array'"
//   is ASA's own message (input-validation article); `{}` AS array → NULL with TRY_CAST.
import { SluiceError, type SourceSpan } from '../common/index.ts';
import type { AsaTypeName } from './asa-type.ts';
import { AsaDateTime } from './datetime.ts';
import { formatDateTime } from './datetime-format.ts';
import { parseDateTime } from './datetime-parse.ts';
import { formatBigint, formatFloat } from './number-format.ts';
import { BIGINT_MAX, BIGINT_MIN, bigintValue, typeOf, type AsaValue } from './value.ts';

/**
 * The converted value, or undefined when ASA would fail the cast. Never throws and never allocates for
 * the common scalar paths: the shared core of CAST, TRY_CAST and implicit conversions.
 */
export function convert(value: AsaValue, target: AsaTypeName): AsaValue | undefined {
  if (value === null) return null;
  switch (target) {
    case 'bigint':
      return toBigint(value);
    case 'float':
      return toFloat(value);
    case 'nvarchar(max)':
      return toNvarchar(value);
    case 'datetime':
      if (value instanceof AsaDateTime) return value;
      return typeof value === 'string' ? parseDateTime(value) : undefined;
    case 'bit':
      return toBit(value);
    case 'record':
      return typeOf(value) === 'record' ? value : undefined;
    case 'array':
      return Array.isArray(value) ? value : undefined;
  }
}

/** Where a cast happened, for the error message. */
export interface CastSite {
  /** The expression's text as written, e.g. `r . readingArray`. */
  expression?: string;
  span?: SourceSpan;
  sourceText?: string;
}

/** CAST(value AS target): throws SLUICE_TYPES_CAST (a user error that stops the job) on failure. */
export function cast(value: AsaValue, target: AsaTypeName, site?: CastSite): AsaValue {
  const out = convert(value, target);
  if (out === undefined) throw castError(value, target, site, true);
  return out;
}

/** TRY_CAST(value AS target): NULL on failure. */
export function tryCast(value: AsaValue, target: AsaTypeName): AsaValue {
  const out = convert(value, target);
  return out === undefined ? null : out;
}

/**
 * The error ASA raises for a failed conversion, worded after the engine's own message
 * ("Cannot cast value of type 'record' to type 'array' in expression 'r . readingArray'. … TRY_CAST
 * function can be used to handle values with unexpected type."). `explicit` is false for the implicit
 * conversions functions perform (a string passed to DATEADD).
 */
export function castError(value: AsaValue, target: AsaTypeName, site?: CastSite, explicit = true): SluiceError {
  const from = typeOf(value) ?? 'null';
  const shown = typeof value === 'string' ? ` '${value.length > 40 ? `${value.slice(0, 40)}…` : value}'` : '';
  const where = site?.expression ? ` in expression '${site.expression}'` : '';
  const options = {
    domain: 'user' as const,
    hint: explicit ? 'TRY_CAST can be used to handle values with unexpected type' : `CAST or TRY_CAST the value to ${target} first`,
    details: { from, to: target },
    ...(site?.span ? { span: site.span } : {}),
    ...(site?.sourceText !== undefined ? { sourceText: site.sourceText } : {}),
  };
  return new SluiceError('SLUICE_TYPES_CAST', `Cannot cast value${shown} of type '${from}' to type '${target}'${where}`, options);
}

function toBigint(value: Exclude<AsaValue, null>): AsaValue | undefined {
  switch (typeof value) {
    case 'number': {
      if (Number.isSafeInteger(value)) return value;
      if (!Number.isFinite(value)) return undefined;
      const t = Math.trunc(value);
      if (Number.isSafeInteger(t)) return t;
      return bigintValue(BigInt(t));
    }
    case 'bigint':
      return value;
    case 'boolean':
      return value ? 1 : 0;
    case 'string':
      return parseBigint(value);
    default:
      return undefined;
  }
}

/** Parses `[+-]digits` with surrounding whitespace into a bigint value; undefined otherwise. */
export function parseBigint(text: string): number | bigint | undefined {
  const s = text.trim();
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  if (s.length <= 16) return Number(s);
  const n = BigInt(s);
  return n < BIGINT_MIN || n > BIGINT_MAX ? undefined : bigintValue(n);
}

const FLOAT_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses a decimal or exponent-form number; NaN, Infinity, hex and out-of-range values fail. */
export function parseFloatText(text: string): number | undefined {
  const s = text.trim();
  if (!FLOAT_TEXT.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

function toFloat(value: Exclude<AsaValue, null>): AsaValue | undefined {
  switch (typeof value) {
    case 'number':
      return value;
    case 'bigint':
      return Number(value);
    case 'boolean':
      return value ? 1 : 0;
    case 'string':
      return parseFloatText(value);
    default:
      return undefined;
  }
}

function toBit(value: Exclude<AsaValue, null>): AsaValue | undefined {
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'number':
      return Number.isNaN(value) ? undefined : value !== 0;
    case 'bigint':
      return value !== 0n;
    case 'string': {
      const s = value.trim().toLowerCase();
      if (s === 'true' || s === '1') return true;
      if (s === 'false' || s === '0') return false;
      return undefined;
    }
    default:
      return undefined;
  }
}

function toNvarchar(value: Exclude<AsaValue, null>): AsaValue | undefined {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isSafeInteger(value) ? String(value) : formatFloat(value);
    case 'bigint':
      return formatBigint(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return value instanceof AsaDateTime ? formatDateTime(value) : undefined;
  }
}

/**
 * The text of a value where a function needs a string (CONCAT's arguments): like CAST to
 * nvarchar(max), but a record or an array fails with a cast error rather than silently.
 */
export function toText(value: Exclude<AsaValue, null>): string {
  const out = toNvarchar(value);
  if (out === undefined) throw castError(value, 'nvarchar(max)', undefined, false);
  return out as string;
}
