// The Console output (a sluice development aid, not an ASA sink): each row printed as one JSON line with
// ASA's JSON formatting — datetimes with 7 fractional digits, and whole floats as `3.0` where describe()
// says the column is float (the value model cannot tell 3.0 from 3 at run time; src/types/value.ts).
import type { Writable } from 'node:stream';
import { SluiceError } from '../../common/index.ts';
import { floatColumnsOf, formatJsonRow } from '../../formats/index.ts';
import type { OutputColumn, OutputSink } from '../../spi/index.ts';
import type { AsaRecord } from '../../types/index.ts';

export interface ConsoleSinkOptions {
  /** Where lines go; default process.stdout. */
  stream?: Writable;
  /** Printed before each line as `alias: `, to tell several console outputs apart. */
  prefix?: string;
  /** End the stream on close (only for a stream the sink owns; never stdout). Default false. */
  endOnClose?: boolean;
}

export class ConsoleSink implements OutputSink {
  rowCount = 0;
  readonly #stream: Writable;
  readonly #prefix: string;
  readonly #endOnClose: boolean;
  #floatColumns = new Set<string>();
  #closing: Promise<void> | undefined;

  constructor(options: ConsoleSinkOptions = {}) {
    this.#stream = options.stream ?? process.stdout;
    this.#prefix = options.prefix === undefined ? '' : `${options.prefix}: `;
    this.#endOnClose = options.endOnClose ?? false;
  }

  describe(columns: readonly OutputColumn[]): void {
    this.#floatColumns = floatColumnsOf(columns);
  }

  async write(rows: readonly AsaRecord[]): Promise<void> {
    if (this.#closing !== undefined) throw closedError();
    if (rows.length === 0) return;
    let chunk = '';
    for (const row of rows) chunk += this.#prefix + formatJsonRow(row, this.#floatColumns) + '\n';
    this.rowCount += rows.length;
    // Waiting for 'drain' keeps a fast job from buffering unbounded output behind a slow terminal.
    if (!this.#stream.write(chunk)) await new Promise<void>((resolve) => this.#stream.once('drain', resolve));
  }

  flush(): Promise<void> {
    if (this.#closing !== undefined) return Promise.reject(closedError());
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.#closing ??= this.#endOnClose
      ? new Promise<void>((resolve, reject) => this.#stream.end((err?: Error | null) => (err ? reject(err) : resolve())))
      : Promise.resolve();
    return this.#closing;
  }

}

function closedError(): SluiceError {
  return new SluiceError('SLUICE_OUTPUT_CLOSED', 'write after close: the console output is closed', { domain: 'internal' });
}
