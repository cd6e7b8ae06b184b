// The path pattern of a file output, as ASA's Blob/ADLS Gen2 output defines it (learn.microsoft.com "Blob
// storage and Azure Data Lake Gen2 output from Azure Stream Analytics", Path pattern; "Azure Stream
// Analytics custom blob output partitioning"): {date} and {time} in the chosen DateFormat/TimeFormat,
// {datetime:<specifier>} with one of yyyy MM M dd d HH H mm m ss s (one specifier per token), and ONE
// custom {field} naming an output column, matched case-insensitively. Times are UTC and are each row's
// event time (System.Timestamp) when the engine supplies it, so a replay writes the same folders.
// {partition} is the input partition the row's events came from: ASA writes "a new file … for each output
// partition" of a fully partitioned query (Blob output, "Blob output files"); a row with no single input
// partition (a window over several) goes to partition 0, the one writer of a query that is not parallel.
import { SluiceError } from '../../common/index.ts';
import { AsaDateTime, formatBigint, formatFloat, type AsaRecord, type AsaValue } from '../../types/index.ts';

export type FileDateFormat = 'yyyy/MM/dd' | 'yyyy-MM-dd' | 'MM/dd/yyyy' | 'dd/MM/yyyy' | 'MM-dd-yyyy' | 'dd-MM-yyyy';
export type FileTimeFormat = 'HH' | 'HH/mm' | 'HH-mm';

const DATETIME_SPECIFIERS = ['yyyy', 'MM', 'M', 'dd', 'd', 'HH', 'H', 'mm', 'm', 'ss', 's'] as const;
type DateTimeSpecifier = (typeof DATETIME_SPECIFIERS)[number];

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'date' }
  | { kind: 'time' }
  | { kind: 'datetime'; specifier: DateTimeSpecifier }
  | { kind: 'column' }
  | { kind: 'partition' };

/** ASA: "The field name is alphanumeric and can include spaces, hyphens, and underscores." */
const FIELD_NAME = /^[A-Za-z0-9 _-]+$/;

export interface PathPatternOptions {
  dateFormat?: FileDateFormat;
  timeFormat?: FileTimeFormat;
}

export class PathPattern {
  readonly pattern: string;
  /** The custom field of the pattern (as written), or undefined when it has none. */
  readonly column: string | undefined;
  /** True when the folders depend on the row: a date/time token or {partition}. */
  readonly perRow: boolean;
  readonly #parts: readonly Part[];
  readonly #dateFormat: FileDateFormat;
  readonly #timeFormat: FileTimeFormat;

  constructor(pattern: string, options: PathPatternOptions = {}) {
    this.pattern = pattern;
    this.#dateFormat = options.dateFormat ?? 'yyyy/MM/dd';
    this.#timeFormat = options.timeFormat ?? 'HH';
    const parts: Part[] = [];
    let column: string | undefined;
    let last = 0;
    for (const m of pattern.matchAll(/\{([^{}]*)\}/g)) {
      if (m.index > last) parts.push({ kind: 'text', text: pattern.slice(last, m.index) });
      last = m.index + m[0].length;
      const token = m[1]!;
      const lower = token.toLowerCase();
      if (lower === 'date') parts.push({ kind: 'date' });
      else if (lower === 'partition') parts.push({ kind: 'partition' });
      else if (lower === 'time') parts.push({ kind: 'time' });
      else if (lower.startsWith('datetime:')) {
        const spec = token.slice('datetime:'.length);
        if (!(DATETIME_SPECIFIERS as readonly string[]).includes(spec)) {
          throw patternError(pattern, `{${token}} is not a datetime token ASA knows`, 'use one specifier per token: yyyy, MM, M, dd, d, HH, H, mm, m, ss or s (e.g. {datetime:yyyy}/{datetime:MM})');
        }
        parts.push({ kind: 'datetime', specifier: spec as DateTimeSpecifier });
      } else {
        if (!FIELD_NAME.test(token)) {
          throw patternError(pattern, `{${token}} is not a column name ASA allows in a path`, 'a field name is letters, digits, spaces, hyphens and underscores; alias a nested field in the query');
        }
        if (column !== undefined && column.toLowerCase() !== lower) {
          throw patternError(pattern, `names two columns, {${column}} and {${token}}`, 'ASA partitions by a single custom field; combine columns in the query, e.g. CONCAT(a, \'/\', b) AS ab');
        }
        column = token;
        parts.push({ kind: 'column' });
      }
    }
    if (last < pattern.length) parts.push({ kind: 'text', text: pattern.slice(last) });
    if (pattern.split(/[/\\]/).includes('..')) throw patternError(pattern, 'climbs out of the output folder with ".."');
    this.#parts = parts;
    this.column = column;
    this.perRow = parts.some((p) => p.kind !== 'text' && p.kind !== 'column');
  }

  /** The column token's value of a row as a path piece, or a reason it cannot be one. */
  columnValue(row: AsaRecord): { value: string } | { reason: string } {
    if (this.column === undefined) return { value: '' };
    const v = fieldCi(row, this.column);
    const text = partitionText(v);
    if (text === undefined) {
      return { reason: `a ${v instanceof AsaDateTime ? 'datetime' : Array.isArray(v) ? 'array' : 'record'} cannot partition a path; ASA takes nvarchar(max), bigint, float or bit (CAST it to nvarchar(max))` };
    }
    // A value may build a hierarchy with "/" (ASA's CONCAT(name, "/", id) example) but never leave the root.
    if (text.includes('\0') || text.split(/[/\\]/).some((s) => s === '..' || s === '.') || text.startsWith('/')) {
      return { reason: `${JSON.stringify(text)} is not a safe path: no ".", ".." or leading "/" segments` };
    }
    return { value: text };
  }

  /** The folder (relative, "/"-separated) for a time (epoch ms, UTC), a column value and an input partition. */
  expand(epochMs: number, columnValue: string, partitionId = 0): string {
    const d = new Date(epochMs);
    const yyyy = String(d.getUTCFullYear()).padStart(4, '0');
    const M = String(d.getUTCMonth() + 1);
    const dd = String(d.getUTCDate());
    const H = String(d.getUTCHours());
    const m = String(d.getUTCMinutes());
    const s = String(d.getUTCSeconds());
    const two = (x: string): string => x.padStart(2, '0');
    const fields: Record<DateTimeSpecifier, string> = {
      yyyy, MM: two(M), M, dd: two(dd), d: dd, HH: two(H), H, mm: two(m), m, ss: two(s), s,
    };
    let out = '';
    for (const p of this.#parts) {
      switch (p.kind) {
        case 'text': out += p.text; break;
        case 'date': out += this.#dateFormat.replace(/yyyy|MM|dd/g, (t) => fields[t as DateTimeSpecifier]); break;
        case 'time': out += this.#timeFormat.replace(/HH|mm/g, (t) => fields[t as DateTimeSpecifier]); break;
        case 'datetime': out += fields[p.specifier]; break;
        case 'column': out += columnValue; break;
        case 'partition': out += String(partitionId < 0 ? 0 : partitionId); break;
      }
    }
    return out;
  }
}

function fieldCi(row: AsaRecord, name: string): AsaValue {
  if (name in row) return row[name]!;
  const lower = name.toLowerCase();
  for (const key of Object.keys(row)) if (key.toLowerCase() === lower) return row[key]!;
  return null;
}

function partitionText(v: AsaValue): string | undefined {
  switch (typeof v) {
    case 'string': return v;
    case 'number': return Number.isSafeInteger(v) ? String(v) : formatFloat(v);
    case 'bigint': return formatBigint(v);
    case 'boolean': return v ? 'true' : 'false';
    default: break;
  }
  // ASA documents no folder for a NULL key; sluice writes the literal "null" rather than merging the rows
  // into the parent folder.
  if (v === null) return 'null';
  return undefined;
}

function patternError(pattern: string, message: string, hint?: string): SluiceError {
  return new SluiceError('SLUICE_FILE_PATH_PATTERN', `path pattern ${JSON.stringify(pattern)} ${message}`, hint === undefined ? { domain: 'user' } : { domain: 'user', hint });
}
