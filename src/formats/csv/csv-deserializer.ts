// ASA's CSV input: the first row of each payload is a header of unique column names; each further row
// is one event. Every value stays a string — CSV carries no types, and ASA converts only when the query
// asks (CAST, TRY_CAST, CREATE TABLE). Sources: "Input validation in Azure Stream Analytics queries"
// ("data serialized in CSV, since all values are then transmitted as string"); "Data Types" (CSV in:
// "string converted to …" only on conversion). An empty field is the empty string "" (CSV cannot
// tell an empty value from a missing one; ASA's own choice here is not documented).
import { parse } from 'csv-parse/sync';
import type { AsaRecord } from '../../types/index.ts';
import { SyncDeserializer } from '../deserializer.ts';
import { formatError } from '../format-error.ts';
import { decodeUtf8 } from '../utf8.ts';

interface CsvParseError {
  code?: string;
  lines?: number;
  record?: unknown;
}

const WHY: Record<string, string> = {
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'has a different number of fields than the header',
  CSV_RECORD_INCONSISTENT_COLUMNS: 'has a different number of fields than the header',
  CSV_QUOTE_NOT_CLOSED: 'has a quoted field that is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'has characters after the closing quote of a field',
  CSV_INVALID_OPENING_QUOTE: 'has a quote inside an unquoted field',
  INVALID_OPENING_QUOTE: 'has a quote inside an unquoted field',
};

export class CsvDeserializer extends SyncDeserializer {
  readonly type = 'Csv' as const;
  readonly #delimiter: string;

  constructor(delimiter: string) {
    super();
    this.#delimiter = delimiter;
  }

  decode(payload: Uint8Array, into: AsaRecord[]): number {
    const text = decodeUtf8(payload, 'CSV');
    let rows: string[][];
    try {
      rows = parse(text, { delimiter: this.#delimiter, skip_empty_lines: true, relax_column_count: false }) as string[][];
    } catch (err) {
      const e = err as CsvParseError;
      const line = typeof e.lines === 'number' ? e.lines : 0;
      const why = (e.code !== undefined ? WHY[e.code] : undefined) ?? `is malformed (${e.code ?? 'unknown error'})`;
      throw formatError('SLUICE_FORMAT_CSV_SYNTAX', `CSV line ${line} ${why}`, { line, code: e.code ?? '' });
    }
    const header = rows[0];
    if (header === undefined) return 0;
    checkHeader(header);
    const width = header.length;
    for (let r = 1; r < rows.length; r++) {
      const row = rows[r] as string[];
      const event: AsaRecord = {};
      for (let c = 0; c < width; c++) event[header[c] as string] = row[c] ?? '';
      into.push(event);
    }
    return rows.length - 1;
  }
}

/** ASA: "CSV input requires a header row with unique names". */
function checkHeader(header: readonly string[]): void {
  const seen = new Set<string>();
  for (let i = 0; i < header.length; i++) {
    const name = header[i] as string;
    if (seen.has(name)) {
      throw formatError('SLUICE_FORMAT_CSV_HEADER', `CSV header repeats the column name at position ${i + 1}; ASA needs unique column names`, { column: i + 1 });
    }
    seen.add(name);
  }
}
