// ASA's JSON output: LineSeparated or Array — the `format` of the Json serialization. ARM reference,
// JsonSerialization.Format: "'lineSeparated' indicating the output will be formatted by having each
// JSON object separated by a new line and 'array' indicating … an array of JSON objects".
import type { AsaRecord } from '../../types/index.ts';
import type { Serializer } from '../serializer.ts';
import { floatColumnsOf, formatJsonRow } from './format-json-row.ts';
import { writeJsonRow } from './write-json-row.ts';

const utf8 = new TextEncoder();

export class JsonSerializer implements Serializer {
  readonly type = 'Json' as const;
  readonly #array: boolean;
  #floatColumns: ReadonlySet<string> = new Set();

  constructor(format: 'LineSeparated' | 'Array' = 'LineSeparated') {
    this.#array = format === 'Array';
  }

  describe(columns: ReadonlyArray<{ readonly name: string; readonly type: string }>): void {
    this.#floatColumns = floatColumnsOf(columns);
  }

  encode(rows: readonly AsaRecord[]): Uint8Array {
    const lines = rows.map((r) => formatJsonRow(r, this.#floatColumns));
    return utf8.encode(this.#array ? `[${lines.join(',')}]` : lines.join('\n'));
  }

  encodeRow(row: AsaRecord): Uint8Array {
    // Buffer.from takes a small text's bytes from Node's shared pool; TextEncoder allocates a new
    // ArrayBuffer per row, which showed up in the profile of a query writing a row per event.
    return Buffer.from(formatJsonRow(row, this.#floatColumns), 'utf8');
  }

  encodeRowText(row: AsaRecord): string {
    return formatJsonRow(row, this.#floatColumns);
  }

  writeRow(row: AsaRecord, out: Buffer, at: number, limit: number): number {
    return writeJsonRow(row, this.#floatColumns, out, at, limit);
  }
}
