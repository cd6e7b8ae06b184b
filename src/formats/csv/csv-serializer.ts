// ASA's CSV output: a header row, then one line per event. Values print as ASA's CSV writer does
// ("Data Types", CSV out): bigint and float as invariant text (.NET double.ToString, not the JSON
// `.0` form), datetime as ISO 8601 with 7 fractional digits, bit as "true"/"false", and a record or an
// array as the literal text "Record" / "Array". NULL is an empty field. Fields are quoted only when they
// hold the delimiter, a quote or a line break. Columns: the union of all rows' fields, in order of first
// appearance. Lines end with CRLF (RFC 4180).
import { AsaDateTime, formatBigint, formatDateTime, formatFloat, type AsaRecord, type AsaValue } from '../../types/index.ts';
import type { Serializer } from '../serializer.ts';

const utf8 = new TextEncoder();

export function formatCsvValue(value: AsaValue): string {
  switch (typeof value) {
    case 'string': return value;
    case 'number': return Number.isSafeInteger(value) ? String(value) : formatFloat(value);
    case 'bigint': return formatBigint(value);
    case 'boolean': return value ? 'true' : 'false';
    default: break;
  }
  if (value === null) return '';
  if (value instanceof AsaDateTime) return formatDateTime(value);
  return Array.isArray(value) ? 'Array' : 'Record';
}

export class CsvSerializer implements Serializer {
  readonly type = 'Csv' as const;
  readonly #delimiter: string;

  constructor(delimiter: string) {
    this.#delimiter = delimiter;
  }

  encode(rows: readonly AsaRecord[]): Uint8Array {
    const columns: string[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      for (const key in row) {
        if (!seen.has(key)) { seen.add(key); columns.push(key); }
      }
    }
    const lines = [columns.map((c) => this.#quote(c)).join(this.#delimiter)];
    for (const row of rows) lines.push(columns.map((c) => this.#quote(formatCsvValue(row[c] ?? null))).join(this.#delimiter));
    return utf8.encode(`${lines.join('\r\n')}\r\n`);
  }

  encodeRow(row: AsaRecord): Uint8Array {
    return this.encode([row]);
  }

  #quote(text: string): string {
    return text.includes(this.#delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }
}
