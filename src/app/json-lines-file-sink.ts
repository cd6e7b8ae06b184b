// Writes an output as JSON lines to a file — LocalRunOutputs/<alias>.json, the format of ASA's local
// run — with ASA's JSON formatting of each value (datetimes with 7 fractional digits, whole floats as 3.0
// where the planner knows the column is float).
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { formatJsonValue } from '../formats/index.ts';
import type { OutputColumn, OutputSink } from '../spi/index.ts';
import { formatFloatJson, type AsaRecord } from '../types/index.ts';

export class JsonLinesFileSink implements OutputSink {
  readonly file: string;
  rowCount = 0;
  #floatColumns = new Set<string>();
  #stream: WriteStream | undefined;
  #opening: Promise<void> | undefined;

  constructor(file: string) {
    this.file = file;
  }

  describe(columns: readonly OutputColumn[]): void {
    this.#floatColumns = new Set(columns.filter((c) => c.type === 'float').map((c) => c.name));
  }

  #open(): Promise<void> {
    this.#opening ??= mkdir(dirname(this.file), { recursive: true }).then(() => {
      this.#stream = createWriteStream(this.file);
    });
    return this.#opening;
  }

  #line(row: AsaRecord): string {
    if (this.#floatColumns.size === 0) return formatJsonValue(row);
    const parts: string[] = [];
    for (const key of Object.keys(row)) {
      const v = row[key]!;
      const text = typeof v === 'number' && this.#floatColumns.has(key) ? formatFloatJson(v) : formatJsonValue(v);
      parts.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${parts.join(',')}}`;
  }

  async write(rows: readonly AsaRecord[]): Promise<void> {
    await this.#open();
    if (rows.length === 0) return;
    let chunk = '';
    for (const row of rows) chunk += this.#line(row) + '\n';
    this.rowCount += rows.length;
    if (!this.#stream!.write(chunk)) await new Promise<void>((r) => this.#stream!.once('drain', () => r()));
  }

  async flush(): Promise<void> {
    // An output that received no rows still gets its (empty) file, as ASA's local run writes one per output.
    await this.#open();
  }

  async close(): Promise<void> {
    await this.#open();
    const stream = this.#stream!;
    await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}
