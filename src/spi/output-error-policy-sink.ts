// ASA's output error handling policy as a wrapper around any sink (learn.microsoft.com "Azure Stream
// Analytics output error policy"): with Retry (JobConfig `Stop`, shown as "Retry" in the portal) a failed
// write is retried indefinitely until it succeeds, so the output is held back and nothing is lost; with
// Drop, events that cause a data conversion error are dropped (reported and counted) and the rest are
// written. "All transient errors (for example, network errors) are retried regardless of the output error
// handling policy configuration" — so every error other than a row rejection is retried under both.
import { SluiceError } from '../common/index.ts';
import { attachRowOrigins, rowOriginsOf, type OutputColumn, type OutputSink, type RowOrigins } from './output-sink.ts';
import type { AsaRecord } from '../types/index.ts';
import { rowRejectionOf, type RowRejection } from './row-rejection.ts';

/** JobConfig's OutputErrorPolicy: `Stop` is ASA's ARM name for the portal's "Retry". */
export type OutputErrorPolicy = 'Stop' | 'Drop';

export interface OutputErrorPolicyOptions {
  policy: OutputErrorPolicy;
  /** Called for each dropped row (Drop only), with its index in the rows of that write() call. */
  onDropped?: (row: AsaRecord, rejection: RowRejection) => void;
  /** Called before each retry: log it, because an output that stays down holds the job back forever. */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
  /** First retry delay (default 100 ms); doubles per attempt up to maxDelayMs (default 10 s). */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

export class OutputErrorPolicySink implements OutputSink {
  readonly inner: OutputSink;
  /** Rows dropped under Drop since the sink was made. */
  droppedRows = 0;
  /** Retries made (all causes) since the sink was made. */
  retries = 0;
  readonly #options: OutputErrorPolicyOptions;
  readonly #abort = new AbortController();
  #closing: Promise<void> | undefined;

  constructor(inner: OutputSink, options: OutputErrorPolicyOptions) {
    this.inner = inner;
    this.#options = options;
  }

  /**
   * As the inner sink's: the first attempt of each write is made during the call. A retry comes later, so
   * across a failure rows of later writes may land before the retried ones (at-least-once, as ever).
   */
  get pipelined(): boolean {
    return this.inner.pipelined === true;
  }

  describe(columns: readonly OutputColumn[]): void {
    this.inner.describe?.(columns);
  }

  async write(rows: readonly AsaRecord[]): Promise<void> {
    this.#assertOpen();
    let pending = rows;
    const origins = rowOriginsOf(rows);
    // Original index of each pending row, so a rejection is reported against the caller's rows.
    let origin: number[] | undefined;
    let attempt = 0;
    for (;;) {
      try {
        await this.inner.write(pending);
        return;
      } catch (err) {
        const rejection = rowRejectionOf(err);
        if (rejection !== undefined && this.#options.policy === 'Drop' && rejection.rowIndex < pending.length) {
          origin ??= pending.map((_, i) => i);
          const rowIndex = origin[rejection.rowIndex]!;
          const row = pending[rejection.rowIndex]!;
          pending = pending.filter((_, i) => i !== rejection.rowIndex);
          origin = origin.filter((_, i) => i !== rejection.rowIndex);
          if (origins !== undefined) attachRowOrigins(pending, pickOrigins(origins, origin));
          this.droppedRows++;
          this.#options.onDropped?.(row, { ...rejection, rowIndex });
          attempt = 0;
          if (pending.length === 0) return;
          continue;
        }
        await this.#backoff(err, ++attempt);
      }
    }
  }

  async flush(): Promise<void> {
    this.#assertOpen();
    for (let attempt = 1; ; attempt++) {
      try {
        await this.inner.flush();
        return;
      } catch (err) {
        await this.#backoff(err, attempt);
      }
    }
  }

  /** Stops any retry in progress (its write rejects: those rows were not written), then closes the sink. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#abort.abort();
      await this.inner.close();
    })();
    return this.#closing;
  }

  #assertOpen(): void {
    if (this.#closing !== undefined) {
      throw new SluiceError('SLUICE_OUTPUT_CLOSED', 'write after close: the output is closed', { domain: 'internal' });
    }
  }

  async #backoff(err: unknown, attempt: number): Promise<void> {
    if (this.#abort.signal.aborted) throw closedWhileRetrying(err);
    const initial = this.#options.initialDelayMs ?? 100;
    const delayMs = Math.min(this.#options.maxDelayMs ?? 10_000, initial * 2 ** Math.min(attempt - 1, 30));
    this.retries++;
    this.#options.onRetry?.(err, attempt, delayMs);
    await sleep(delayMs, this.#abort.signal);
    if (this.#abort.signal.aborted) throw closedWhileRetrying(err);
  }
}

/** The origins of the rows still pending, by their indexes in the caller's rows. */
function pickOrigins(origins: RowOrigins, indexes: readonly number[]): RowOrigins {
  return { eventMs: indexes.map((i) => origins.eventMs[i]!), partitionIds: indexes.map((i) => origins.partitionIds[i]!) };
}

function closedWhileRetrying(cause: unknown): SluiceError {
  return new SluiceError('SLUICE_OUTPUT_CLOSED', 'the output was closed while a write was being retried; those rows were not written', {
    domain: 'external',
    retryable: false,
    cause,
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
