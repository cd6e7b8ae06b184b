// MATCH_RECOGNIZE over one input (learn.microsoft.com/stream-analytics-query/match-recognize-stream-analytics):
// events are kept until the watermark passes them, then fed per PARTITION BY key in event-time order
// ("The events are ordered by time", LIMIT DURATION section; ties keep their arrival order) to that key's
// PartitionMatcher. Each finished match becomes one row — the partition keys and the MEASURES — stamped
// with the time of its last event (the docs leave a match's System.Timestamp() open; sluice's choice).
// State is bounded by LIMIT DURATION: attempts end when the watermark passes their first event plus the
// duration, and a key with no live attempt is forgotten. The watermark sent on is held back to the
// oldest event a live attempt holds, so no match comes out behind it.
import type { AsaRecord, AsaValue } from '../../types/index.ts';
import { EvalContext, type Evaluator } from '../eval-context.ts';
import type { EventBatch } from '../event-batch.ts';
import { BaseOperator } from '../operator.ts';
import { valueKey } from '../windows/aggregation.ts';
import { fillClassifier, PartitionMatcher, type Attempt, type MatcherProgram, type Thread } from './partition-matcher.ts';

export interface MatchRecognizeProgram extends MatcherProgram {
  readonly partitionBy: readonly Evaluator[];
  /** Output column of each partition key. */
  readonly partitionNames: readonly string[];
  /** MEASURES: read ctx.aggregates (the match's aggregates) and slot 0 (its last event). */
  readonly measures: readonly { readonly name: string; readonly expr: Evaluator }[];
}

interface Pending {
  row: AsaRecord;
  time: number;
  seq: number;
}

/** A key's matcher state in a checkpoint. */
interface Saved {
  keys: AsaValue[];
  attempts: Attempt[];
  count: number;
  lastEnd: number;
}

interface Partition {
  keys: AsaValue[];
  matcher: PartitionMatcher;
}

export class MatchRecognizeOperator extends BaseOperator {
  private readonly program: MatchRecognizeProgram;
  private readonly ctx = new EvalContext();
  private readonly now: () => number;
  private pending: Pending[] = [];
  private seq = 0;
  private readonly partitions = new Map<string, Partition>();
  private sentWatermark = -Infinity;

  constructor(name: string, program: MatchRecognizeProgram, now: () => number) {
    super(name);
    this.program = program;
    this.now = now;
  }

  /** Live match attempts over every key (a state-size gauge). */
  get liveAttempts(): number {
    let n = 0;
    for (const p of this.partitions.values()) n += p.matcher.attempts.length;
    return n;
  }

  override onEvents(batch: EventBatch): void {
    // Rows are kept past this call, so they are referenced, not the batch's reusable arrays.
    for (let i = 0; i < batch.length; i++) this.pending.push({ row: batch.rows[i] as AsaRecord, time: batch.times[i] as number, seq: this.seq++ });
  }

  protected override onWatermarkAdvanced(ms: number): void {
    const ready: Pending[] = [];
    const later: Pending[] = [];
    for (const e of this.pending) (e.time < ms ? ready : later).push(e);
    this.pending = later;
    ready.sort((a, b) => a.time - b.time || a.seq - b.seq);
    const found: { match: Thread; keys: AsaValue[] }[] = [];
    const out: Thread[] = [];
    const ctx = this.ctx;
    ctx.processedMs = this.now();
    for (const e of ready) {
      ctx.slots[0] = e.row;
      ctx.timeMs = e.time;
      const keys = this.program.partitionBy.map((k) => k(ctx));
      const key = keys.length === 1 ? valueKey(keys[0]) : keys.map(valueKey).join('\u0001');
      const part = this.partition(key, keys);
      part.matcher.step(e.row, e.time, out);
      for (const m of out) found.push({ match: m, keys: part.keys });
      out.length = 0;
    }
    for (const [key, part] of this.partitions) {
      part.matcher.expire(ms, out);
      for (const m of out) found.push({ match: m, keys: part.keys });
      out.length = 0;
      if (part.matcher.attempts.length === 0) this.partitions.delete(key);
    }
    this.emitMatches(found);
    let hold = ms;
    for (const e of this.pending) if (e.time < hold) hold = e.time;
    for (const p of this.partitions.values()) for (const a of p.matcher.attempts) if (a.startTime < hold) hold = a.startTime;
    if (hold > this.sentWatermark) {
      this.sentWatermark = hold;
      this.emitWatermark(hold);
    }
  }

  private partition(key: string, keys: AsaValue[]): Partition {
    let p = this.partitions.get(key);
    if (p === undefined) {
      p = { keys, matcher: new PartitionMatcher(this.program, this.ctx) };
      this.partitions.set(key, p);
    }
    return p;
  }

  private emitMatches(found: { match: Thread; keys: AsaValue[] }[]): void {
    if (found.length === 0) return;
    found.sort((a, b) => a.match.time - b.match.time);
    const ctx = this.ctx;
    const p = this.program;
    const rows: AsaRecord[] = [];
    const times = new Float64Array(found.length);
    found.forEach(({ match, keys }, i) => {
      ctx.slots[0] = match.row;
      ctx.timeMs = match.time;
      ctx.origin = undefined;
      ctx.aggregates = match.aggs.slice();
      fillClassifier(ctx.aggregates, p, match.sig);
      const row: AsaRecord = {};
      p.partitionNames.forEach((n, k) => { row[n] = keys[k] ?? null; });
      for (const m of p.measures) row[m.name] = m.expr(ctx);
      rows.push(row);
      times[i] = match.time;
    });
    this.emit({ length: rows.length, rows, times, origin: undefined, originIndex: undefined });
  }

  override onCheckpoint(): Readonly<Record<string, unknown>> {
    const partitions = new Map<string, Saved>();
    for (const [k, p] of this.partitions) partitions.set(k, { keys: p.keys, attempts: p.matcher.attempts, count: p.matcher.count, lastEnd: p.matcher.lastEnd });
    return { pending: this.pending, seq: this.seq, partitions, sentWatermark: this.sentWatermark };
  }

  override onRestore(state: Readonly<Record<string, unknown>>): void {
    this.pending = ((state['pending'] as Pending[] | undefined) ?? []).map((e) => ({ ...e }));
    this.seq = (state['seq'] as number | undefined) ?? 0;
    this.sentWatermark = (state['sentWatermark'] as number | undefined) ?? -Infinity;
    this.partitions.clear();
    const saved = (state['partitions'] as Map<string, Saved> | undefined) ?? new Map<string, Saved>();
    for (const [k, s] of saved) {
      const matcher = new PartitionMatcher(this.program, this.ctx);
      matcher.attempts = s.attempts.map((a) => ({ startTime: a.startTime, best: a.best, threads: [...a.threads], done: a.done }));
      matcher.count = s.count;
      matcher.lastEnd = s.lastEnd;
      this.partitions.set(k, { keys: s.keys, matcher });
    }
  }
}
