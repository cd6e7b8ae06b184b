// Writes an output as JSON lines to a file — LocalRunOutputs/<alias>.json, the format of ASA's local
// run — with ASA's JSON formatting of each value (datetimes with 7 fractional digits, whole floats as 3.0
// where the planner knows the column is float).
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { floatColumnsOf, formatJsonRow } from '../formats/index.ts';
import type { OutputColumn, OutputSink } from '../spi/index.ts';
import type { AsaRecord } from '../types/index.ts';

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
    this.#floatColumns = floatColumnsOf(columns);
  }

  #open(): Promise<void> {
    this.#opening ??= mkdir(dirname(this.file), { recursive: true }).then(() => {
      this.#stream = createWriteStream(this.file);
    });
    return this.#opening;
  }


  async write(rows: readonly AsaRecord[]): Promise<void> {
    await this.#open();
    if (rows.length === 0) return;
    let chunk = '';
    for (const row of rows) chunk += formatJsonRow(row, this.#floatColumns) + '\n';
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
