// JOIN of two streams (learn.microsoft.com/stream-analytics-query/join-azure-stream-analytics): port 0
// is the left side (a source, or a three-way join's left join), port 1 the right. Each event probes the
// other side's buffer (by hash key) and is kept for as long as the DATEDIFF bound lets a partner come;
// the watermark (minimum of both inputs) evicts. A match is stamped with the later of the two event
// times; a LEFT OUTER row that found no match is emitted, right side NULL, once the watermark proves
// no partner can come, stamped with the latest time one could have (System.Timestamp page, "LEFT OUTER
// JOIN"). Results wait for the watermark and leave in event-time order.
import type { AsaRecord } from '../../types/index.ts';
import { EvalContext, type Predicate } from '../eval-context.ts';
import type { EventBatch } from '../event-batch.ts';
import { BaseOperator } from '../operator.ts';
import { JoinBuffer, type JoinEntry } from './join-buffer.ts';
import { JoinOutputQueue } from './join-output-queue.ts';
import { loadJoined, type JoinedRow } from './joined-row.ts';

/** Rough heap bytes of one buffered or queued event: entry object, its arrays, the key string and the row's share. */
const ENTRY_BYTES = 320;

/** Hash of a side's equality keys for the row in the context; null when a key is NULL. */
export type JoinKey = (ctx: EvalContext) => string | null;

export interface StreamJoinProgram {
  readonly outer: boolean;
  /** FROM slots on the left; the right side is slot leftWidth. */
  readonly leftWidth: number;
  readonly leftKey: JoinKey;
  readonly rightKey: JoinKey;
  /** The whole ON clause. */
  readonly on: Predicate;
  /** A right event at r can match a left row at T only if r − T ∈ [lowMs, highMs] (a safe superset). */
  readonly lowMs: number;
  readonly highMs: number;
  /** LEFT OUTER: the timestamp of an unmatched left row, from its slot times. */
  readonly unmatchedTime: (times: readonly number[]) => number;
  /** LEFT OUTER: how far below the input watermark an unmatched row's timestamp can be. */
  readonly holdBackMs: number;
}

interface SavedEntry { rows: (AsaRecord | null)[]; times: number[]; t: number; matched: boolean }

export class StreamJoinOperator extends BaseOperator {
  private readonly program: StreamJoinProgram;
  private readonly ctx = new EvalContext();
  private readonly left = new JoinBuffer();
  private readonly right = new JoinBuffer();
  private readonly out = new JoinOutputQueue();
  /** The watermark sent downstream (never above the input watermark). */
  private outWatermark = -Infinity;
  private readonly onLeftEvicted = (e: JoinEntry): void => {
    if (!e.matched) this.queue(e.rows.concat(null), e.times.concat(e.t), this.program.unmatchedTime(e.times));
  };

  constructor(name: string, program: StreamJoinProgram) {
    super(name);
    this.program = program;
  }

  /** Buffered events on both sides (state size grows with the time bound, not the stream). */
  get bufferedEvents(): number {
    return this.left.size + this.right.size;
  }

  /** Estimated state in bytes (JobGraph.stateSize): buffered events on both sides and results held for the watermark. */
  stateBytes(): number {
    return (this.left.size + this.right.size + this.out.length) * ENTRY_BYTES;
  }

  override onEvents(batch: EventBatch, port: number): void {
    for (let i = 0; i < batch.length; i++) {
      if (port === 0) this.onLeft(batch, i);
      else this.onRight(batch.rows[i] as AsaRecord, batch.times[i] as number);
    }
    // A late event (behind the watermark) may already be due; send what the watermark allows.
    if (this.watermark > -Infinity) this.evictAndFlush(this.watermark);
  }

  private onLeft(batch: EventBatch, i: number): void {
    const joined = batch.joined?.[i];
    const rows = joined === undefined ? [batch.rows[i] as AsaRecord] : joined.rows.slice();
    const t = batch.times[i] as number;
    const times = joined === undefined ? [t] : joined.times.slice();
    const entry = this.leftEntry(rows, times, t, false);
    const candidates = this.right.candidates(entry.key);
    if (candidates !== undefined) for (let c = 0; c < candidates.length; c++) this.tryMatch(entry, candidates[c] as JoinEntry);
    this.left.add(entry);
  }

  private onRight(row: AsaRecord, t: number): void {
    const entry = this.rightEntry(row, t);
    const candidates = this.left.candidates(entry.key);
    if (candidates !== undefined) for (let c = 0; c < candidates.length; c++) this.tryMatch(candidates[c] as JoinEntry, entry);
    this.right.add(entry);
  }

  private leftEntry(rows: (AsaRecord | null)[], times: number[], t: number, matched: boolean): JoinEntry {
    const ctx = this.ctx;
    loadJoined(ctx, { rows, times });
    ctx.timeMs = t;
    return { rows, times, t, key: this.program.leftKey(ctx), expiry: t + this.program.highMs, matched };
  }

  private rightEntry(row: AsaRecord, t: number): JoinEntry {
    const ctx = this.ctx;
    const w = this.program.leftWidth;
    ctx.slots[w] = row;
    ctx.slotTimes[w] = t;
    ctx.timeMs = t;
    return { rows: [row], times: [t], t, key: this.program.rightKey(ctx), expiry: t - this.program.lowMs, matched: false };
  }

  private tryMatch(l: JoinEntry, r: JoinEntry): void {
    const d = r.t - l.t;
    if (d < this.program.lowMs || d > this.program.highMs) return;
    const ctx = this.ctx;
    loadJoined(ctx, l);
    const w = this.program.leftWidth;
    ctx.slots[w] = r.rows[0] ?? null;
    ctx.slotTimes[w] = r.t;
    const ts = l.t > r.t ? l.t : r.t;
    ctx.timeMs = ts;
    if (!this.program.on(ctx)) return;
    l.matched = true;
    this.queue(l.rows.concat(r.rows), l.times.concat(r.t), ts);
  }

  private queue(rows: (AsaRecord | null)[], times: number[], ts: number): void {
    // Never behind what was already promised downstream (a late event's result moves up to it).
    const row: JoinedRow = { rows, times };
    this.out.push(row, ts < this.outWatermark ? this.outWatermark : ts);
  }

  protected override onWatermarkAdvanced(ms: number): void {
    this.evictAndFlush(ms);
  }

  private evictAndFlush(ms: number): void {
    this.left.evict(ms, this.program.outer ? this.onLeftEvicted : undefined);
    this.right.evict(ms, undefined);
    const target = this.program.outer && ms !== Infinity ? ms - this.program.holdBackMs : ms;
    const next = target > this.outWatermark ? target : this.outWatermark;
    const batch = this.out.take(next);
    if (batch !== undefined) this.emit(batch);
    if (next > this.outWatermark) {
      this.outWatermark = next;
      this.emitWatermark(next);
    }
  }

  override onCheckpoint(): Readonly<Record<string, unknown>> {
    const save = (e: JoinEntry): SavedEntry => ({ rows: e.rows.slice(), times: e.times.slice(), t: e.t, matched: e.matched });
    const out = this.out.snapshot();
    return {
      left: this.left.entries().map(save),
      right: this.right.entries().map(save),
      outRows: out.rows.map((r) => ({ rows: r.rows.slice(), times: r.times.slice() })),
      outTimes: out.ts,
      outWatermark: this.outWatermark,
    };
  }

  override onRestore(state: Readonly<Record<string, unknown>>): void {
    const s = state as { left: SavedEntry[]; right: SavedEntry[]; outRows: JoinedRow[]; outTimes: number[]; outWatermark: number };
    for (const e of s.left) this.left.add(this.leftEntry(e.rows, e.times, e.t, e.matched));
    for (const e of s.right) this.right.add(this.rightEntry(e.rows[0] as AsaRecord, e.t));
    this.out.restore(s.outRows, s.outTimes);
    this.outWatermark = s.outWatermark;
  }
}
