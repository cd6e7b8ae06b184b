// The File output: sluice's self-hosted counterpart of ASA's Blob/ADLS Gen2 output (learn.microsoft.com
// "Blob storage and Azure Data Lake Gen2 output from Azure Stream Analytics"). Rows are batched as ASA's
// MinimumRows/MaximumTime describe — a batch is written once it holds MinimumRows rows, or when MaximumTime
// has passed since its first row, "even if the minimum rows requirement is not met" — and every batch
// becomes a new file per folder of the path pattern (dated by each row's event time when the engine gives
// it, else by the batch's start on the sink clock), named like ASA's blobs
// (`{prefix}/schemaHashcode_Guid_Number.extension`), serialized by src/formats, and made visible atomically.
import { randomUUID } from 'node:crypto';
import { resolve, sep } from 'node:path';
import { SluiceError } from '../../common/index.ts';
import { createSerializer, floatColumnsOf, formatJsonRow, type SerializationSpec, type Serializer, type SerializerOptions } from '../../formats/index.ts';
import { rowOriginsOf, rowRejected, type OutputColumn, type OutputSink } from '../../spi/index.ts';
import type { AsaRecord } from '../../types/index.ts';
import { writeFilesAtomically, type PlannedFile } from './atomic-files.ts';
import { PathPattern, type FileDateFormat, type FileTimeFormat } from './path-pattern.ts';
import { systemClock, type SinkClock } from './sink-clock.ts';


export interface FileSinkOptions {
  /** The folder the path pattern is relative to (a project's output folder). */
  rootDir: string;
  /** Folder pattern: {date}, {time}, {datetime:…} and one {column}; '' writes into rootDir. */
  path: string;
  dateFormat?: FileDateFormat;
  timeFormat?: FileTimeFormat;
  serialization: SerializationSpec;
  serializerOptions?: SerializerOptions;
  /** ASA MinimumRows; absent (with maximumTimeSeconds absent) means every write() is its own batch. */
  minimumRows?: number;
  /** ASA MaximumTime in seconds; absent or 0 means no time limit unless minimumRows is absent too. */
  maximumTimeSeconds?: number;
  clock?: SinkClock;
  /** The Guid part of file names; one per sink instance by default, so restarted writers never collide. */
  writerId?: string;
  /** Errors of batches written by the MaximumTime timer (the rows stay pending and are retried). */
  onBackgroundError?: (err: unknown) => void;
}

interface PendingRow {
  row: AsaRecord;
  /** The column token's value, checked when the row was accepted. */
  key: string;
  /** The row's event time (System.Timestamp) and input partition, when the engine gave them. */
  eventMs: number | undefined;
  partitionId: number;
}

const EXTENSIONS = { Json: 'json', Csv: 'csv', Avro: 'avro', Parquet: 'parquet', Protobuf: 'pb' } as const;
/** A timer-written batch that failed is retried this soon (or at MaximumTime, if sooner). */
const BACKGROUND_RETRY_MS = 1000;

export class FileSink implements OutputSink {
  readonly rootDir: string;
  /** Files written so far (absolute paths), in order. */
  readonly files: string[] = [];
  rowCount = 0;
  readonly #pattern: PathPattern;
  readonly #serializer: Serializer;
  readonly #json: 'LineSeparated' | 'Array' | undefined;
  #floatColumns = new Set<string>();
  readonly #extension: string;
  readonly #minimumRows: number;
  readonly #maximumTimeMs: number;
  readonly #clock: SinkClock;
  readonly #writerId: string;
  readonly #onBackgroundError: ((err: unknown) => void) | undefined;
  #pending: PendingRow[] = [];
  #batchStartMs = 0;
  #timer: unknown;
  #sequence = 0;
  /** Batches are written one at a time, whether by write(), the timer, flush() or close(). */
  #lock: Promise<void> = Promise.resolve();
  #closed = false;
  #closing: Promise<void> | undefined;

  constructor(options: FileSinkOptions) {
    this.rootDir = resolve(options.rootDir);
    const patternOptions: { dateFormat?: FileDateFormat; timeFormat?: FileTimeFormat } = {};
    if (options.dateFormat !== undefined) patternOptions.dateFormat = options.dateFormat;
    if (options.timeFormat !== undefined) patternOptions.timeFormat = options.timeFormat;
    this.#pattern = new PathPattern(options.path, patternOptions);
    this.#serializer = createSerializer(options.serialization, options.serializerOptions);
    this.#json = options.serialization.type === 'Json' ? (options.serialization.format ?? 'LineSeparated') : undefined;
    this.#extension = EXTENSIONS[options.serialization.type];
    const unbatched = options.minimumRows === undefined && options.maximumTimeSeconds === undefined;
    this.#minimumRows = unbatched ? 0 : (options.minimumRows ?? 0);
    this.#maximumTimeMs = (options.maximumTimeSeconds ?? 0) * 1000;
    this.#clock = options.clock ?? systemClock;
    this.#writerId = options.writerId ?? randomUUID();
    this.#onBackgroundError = options.onBackgroundError;
  }

  /**
   * Float columns print as `3.0` in JSON files and are double in Avro and Parquet files even when whole
   * (CSV prints floats as .NET does, without `.0`).
   */
  describe(columns: readonly OutputColumn[]): void {
    this.#floatColumns = floatColumnsOf(columns);
    this.#serializer.describe?.(columns);
  }

  /** Rows accepted but not yet in a file. */
  get pendingRows(): number {
    return this.#pending.length;
  }

  /**
   * Accepts the rows into the current batch (or rejects the call as a whole, naming the first row whose
   * column token cannot be a path), and writes the batch when it has reached MinimumRows. When that
   * write fails, the rows of this call are taken back out, so retrying the call writes them once.
   */
  async write(rows: readonly AsaRecord[]): Promise<void> {
    if (this.#closed) throw closedError();
    if (rows.length === 0) return;
    const origins = rowOriginsOf(rows);
    const accepted: PendingRow[] = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const v = this.#pattern.columnValue(row);
      if ('reason' in v) throw rowRejected({ rowIndex: i, column: this.#pattern.column ?? '', reason: v.reason }, 'file output');
      accepted.push({ row, key: v.value, eventMs: origins?.eventMs[i], partitionId: origins?.partitionIds[i] ?? 0 });
    }
    if (this.#pending.length === 0) this.#startBatch();
    for (const p of accepted) this.#pending.push(p);
    if (this.#pending.length >= this.#minimumRows) {
      await this.#writeBatch(accepted);
    }
  }

  /** Resolves when no batch is being written (tests use it after advancing a fake clock). */
  settled(): Promise<void> {
    return this.#lock;
  }

  flush(): Promise<void> {
    if (this.#closed) return Promise.reject(closedError());
    return this.#writeBatch([]);
  }

  /** Writes what is pending and stops accepting rows. If that last batch fails, close() may be called again. */
  close(): Promise<void> {
    this.#closed = true;
    this.#closing ??= this.#writeBatch([]).then(() => this.#stopTimer(), (err: unknown) => {
      this.#closing = undefined;
      throw err;
    });
    return this.#closing;
  }

  #startBatch(): void {
    this.#batchStartMs = this.#clock.now();
    if (this.#maximumTimeMs > 0) this.#armTimer(this.#maximumTimeMs);
  }

  #armTimer(ms: number): void {
    this.#stopTimer();
    this.#timer = this.#clock.setTimer(() => {
      this.#timer = undefined;
      this.#writeBatch([]).catch((err: unknown) => {
        this.#onBackgroundError?.(err);
        if (this.#pending.length > 0) this.#armTimer(Math.min(BACKGROUND_RETRY_MS, this.#maximumTimeMs));
      });
    }, ms);
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) this.#clock.clearTimer(this.#timer);
    this.#timer = undefined;
  }

  /** Writes everything pending as one batch; `own` are the caller's rows, returned to it on failure. */
  #writeBatch(own: readonly PendingRow[]): Promise<void> {
    const run = this.#lock.then(async () => {
      if (this.#pending.length === 0) return;
      const batch = this.#pending;
      const startMs = this.#batchStartMs;
      this.#pending = [];
      this.#stopTimer();
      try {
        await this.#writeFiles(batch, startMs);
      } catch (err) {
        const ownSet = new Set(own);
        const keep = batch.filter((p) => !ownSet.has(p));
        if (keep.length > 0) {
          const arrived = this.#pending;
          this.#pending = keep.concat(arrived);
          this.#batchStartMs = startMs;
          if (this.#maximumTimeMs > 0) this.#armTimer(Math.min(BACKGROUND_RETRY_MS, this.#maximumTimeMs));
        }
        throw writeError(err);
      }
    });
    // Later batches wait for this one, not for its success.
    this.#lock = run.catch(() => {});
    return run;
  }

  async #writeFiles(batch: readonly PendingRow[], startMs: number): Promise<void> {
    const groups = this.#pattern.perRow ? this.#groupPerRow(batch, startMs) : groupByKey(batch);
    const sequence = ++this.#sequence;
    const planned: PlannedFile[] = [];
    for (const [relative, rows] of groups) {
      const folder = resolve(this.rootDir, this.#pattern.perRow ? relative : this.#pattern.expand(startMs, relative));
      if (folder !== this.rootDir && !folder.startsWith(this.rootDir + sep)) {
        throw new SluiceError('SLUICE_FILE_PATH_PATTERN', `path pattern ${JSON.stringify(this.#pattern.pattern)} leads outside the output folder`, { domain: 'user' });
      }
      const bytes = this.#encode(rows);
      const name = `${schemaHash(rows)}_${this.#writerId}_${sequence}.${this.#extension}`;
      planned.push({ path: resolve(folder, name), bytes });
    }
    await writeFilesAtomically(planned);
    for (const f of planned) this.files.push(f.path);
    this.rowCount += batch.length;
  }

  /**
   * Rows by folder when the folder depends on each row's time or partition. Folders change at most once
   * a second, and each partition's rows arrive in time order, so the last folder per partition is reused
   * while second and column value stay the same: the pattern is expanded about once per folder.
   */
  #groupPerRow(batch: readonly PendingRow[], startMs: number): Map<string, AsaRecord[]> {
    const groups = new Map<string, AsaRecord[]>();
    const last = new Map<number, { second: number; key: string; rows: AsaRecord[] }>();
    for (const p of batch) {
      const ms = p.eventMs ?? startMs;
      const second = Math.floor(ms / 1000);
      let hit = last.get(p.partitionId);
      if (hit === undefined || hit.second !== second || hit.key !== p.key) {
        const folder = this.#pattern.expand(ms, p.key, p.partitionId);
        let g = groups.get(folder);
        if (g === undefined) groups.set(folder, (g = []));
        hit = { second, key: p.key, rows: g };
        last.set(p.partitionId, hit);
      }
      hit.rows.push(p.row);
    }
    return groups;
  }

  #encode(rows: readonly AsaRecord[]): Uint8Array {
    if (this.#json === undefined) return this.#serializer.encode(rows);
    const lines = rows.map((r) => formatJsonRow(r, this.#floatColumns));
    // Line-separated files end with a newline, so files concatenate into valid JSON lines.
    return utf8.encode(this.#json === 'Array' ? `[${lines.join(',')}]` : `${lines.join('\n')}\n`);
  }
}

const utf8 = new TextEncoder();

function groupByKey(batch: readonly PendingRow[]): Map<string, AsaRecord[]> {
  const groups = new Map<string, AsaRecord[]>();
  for (const p of batch) {
    let g = groups.get(p.key);
    if (g === undefined) groups.set(p.key, (g = []));
    g.push(p.row);
  }
  return groups;
}

/** ASA's "schemaHashcode": files of one batch and folder share their column set; FNV-1a of the names. */
function schemaHash(rows: readonly AsaRecord[]): number {
  const seen = new Set<string>();
  let h = 0x811c9dc5;
  for (const row of rows) {
    for (const key in row) {
      if (seen.has(key)) continue;
      seen.add(key);
      for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
      h = Math.imul(h ^ 0, 0x01000193) >>> 0;
    }
  }
  return h % 100000;
}


function writeError(err: unknown): SluiceError {
  if (err instanceof SluiceError) return err;
  const code = (err as { code?: unknown }).code;
  return new SluiceError('SLUICE_FILE_WRITE', `writing an output file failed: ${(err as Error).message}`, {
    domain: 'external',
    retryable: true,
    cause: err,
    details: typeof code === 'string' ? { errno: code } : {},
  });
}

function closedError(): SluiceError {
  return new SluiceError('SLUICE_OUTPUT_CLOSED', 'write after close: the file output is closed', { domain: 'internal' });
}
