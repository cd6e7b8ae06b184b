// One PARTITION BY key's pattern search. AFTER MATCH SKIP TO NEXT ROW (ASA's only mode) starts a new
// match attempt at every event, and attempts overlap ("Matches can overlap", MATCH_RECOGNIZE page).
// Each attempt runs the NFA Pike-VM style: its threads are kept in priority order; when one reaches
// ACCEPT it becomes the attempt's best match and every lower-priority thread is cut, while higher-priority
// ones go on (greedy: a longer match they find replaces it). An attempt ends when it has no thread left,
// when an event falls outside LIMIT DURATION of its first event, or when the watermark passes that
// bound; then its best match (if any) is reported — one row per match (ONE ROW PER MATCH). Matches are
// reported in the order of their first event, and a match that ends where (or before) the previously
// reported match of the key ended is not reported again: it lies inside that match. The page's prose
// lets matches overlap ("a pattern can contain the start of another pattern inside"), and the ATM example
// of "Common query patterns" (Success+ Warning{2,} over S S W W) documents one row where a second attempt
// from the second Success would end on the same Warning — overlapping matches that reach further are kept.
// (learn.microsoft.com/azure/stream-analytics/stream-analytics-stream-analytics-query-patterns#advanced-pattern-matching-with-match_recognize)
// DEFINE sees the aggregates (Min, Max, First, Last, "Aggregate Methods") of the thread's match so far
// with the current event tentatively added to the variable being tested, and the event itself as slot 0.
import { compareValues, type AsaRecord, type AsaValue } from '../../types/index.ts';
import type { EvalContext, Predicate } from '../eval-context.ts';
import { lookupField, memberOf } from '../field-access.ts';
import { ACCEPT, type Nfa } from './nfa.ts';

export interface MatchAggregate {
  readonly fn: 'min' | 'max' | 'first' | 'last' | 'classifier';
  /** Variable index; -1 aggregates over every event of the match. */
  readonly variable: number;
  /** The field read from each event (ASA allows a single field only). */
  readonly path: readonly string[];
}

export interface MatcherProgram {
  readonly nfa: Nfa;
  readonly variables: readonly string[];
  /** Per variable: its DEFINE condition; undefined (not defined) accepts every event. */
  readonly conditions: readonly (Predicate | undefined)[];
  /** Whether any condition reads aggregates (then threads at one state may differ by their history). */
  readonly historyDependent: boolean;
  readonly aggregates: readonly MatchAggregate[];
  /** LIMIT DURATION in ms: a match spans at most this long from its first event (inclusive). */
  readonly limitMs: number;
}

/** A partial (or, at ACCEPT, complete) match: plain data so it can be checkpointed as is. */
export interface Thread {
  state: number;
  /** Aggregate values in program order (classifier entries stay null; see classifierOf). */
  aggs: AsaValue[];
  /** One char per matched event: 0x100 + variable index (0xFF for `.`). */
  sig: string;
  /** The last matched event and its time (MEASURES read it; the match's System.Timestamp()). */
  row: AsaRecord;
  time: number;
  /** The key's event number of the last matched event. */
  end: number;
}

export interface Attempt {
  startTime: number;
  threads: Thread[];
  best: Thread | null;
  /** No thread left: the best match is final (reported once every earlier attempt is final too). */
  done: boolean;
}

/** A bound on live threads per attempt: ambiguous patterns over history-dependent DEFINEs can fork a lot. */
export const MAX_THREADS_PER_ATTEMPT = 4096;

const SIG_BASE = 0x100;

export class PartitionMatcher {
  /** Live and finished-but-unreported attempts, in the order of their first event. */
  attempts: Attempt[] = [];
  /** Events stepped so far (numbers Thread.end). */
  count = 0;
  /** End of the last reported match (-1: none). */
  lastEnd = -1;
  /** Threads dropped by MAX_THREADS_PER_ATTEMPT. */
  truncated = 0;
  private readonly p: MatcherProgram;
  private readonly ctx: EvalContext;
  /** Per event, per variable: 0 not evaluated, 1 true, 2 false (only when no DEFINE reads history). */
  private readonly cache: Int8Array;
  private readonly hasClassifier: boolean;
  /** Where every attempt starts (an empty match is never reported). */
  private readonly startStates: readonly number[];
  /** The aggregates of an empty match; shared, because aggregate arrays are never changed in place. */
  private readonly noAggs: AsaValue[];
  /** Per attempt and event: the states (with history, when it matters) already given a thread. */
  private readonly seen = new Set<string | number>();

  constructor(program: MatcherProgram, ctx: EvalContext) {
    this.p = program;
    this.ctx = ctx;
    this.cache = new Int8Array(program.variables.length);
    this.hasClassifier = program.aggregates.some((g) => g.fn === 'classifier');
    this.startStates = program.nfa.start.filter((x) => x !== ACCEPT);
    this.noAggs = program.aggregates.map(() => null);
  }

  /** Feeds one event (in event-time order); finished matches go to `out`. */
  step(row: AsaRecord, time: number, out: Thread[]): void {
    this.cache.fill(0);
    const end = this.count++;
    const threads: Thread[] = [];
    for (const s of this.startStates) threads.push({ state: s, aggs: this.noAggs, sig: '', row, time, end });
    const start: Attempt = { startTime: time, threads, best: null, done: false };
    this.attempts.push(start);
    for (const a of this.attempts) {
      if (a.done) continue;
      if (time - a.startTime > this.p.limitMs) a.threads = [];
      else this.advance(a, row, time, end);
      if (a.threads.length === 0) a.done = true;
    }
    this.report(out);
  }

  /** Ends the attempts that no event before `beforeMs` can extend any more (watermark passed their bound). */
  expire(beforeMs: number, out: Thread[]): void {
    for (const a of this.attempts) {
      if (!a.done && a.startTime + this.p.limitMs < beforeMs) {
        a.done = true;
        a.threads = [];
      }
    }
    this.report(out);
  }

  /** Reports the finished attempts at the head, skipping a match that ends inside the last one reported. */
  private report(out: Thread[]): void {
    let k = 0;
    while (k < this.attempts.length && (this.attempts[k] as Attempt).done) {
      const best = (this.attempts[k] as Attempt).best;
      if (best !== null && best.end > this.lastEnd) {
        out.push(best);
        this.lastEnd = best.end;
      }
      k++;
    }
    if (k > 0) this.attempts.splice(0, k);
  }

  private advance(a: Attempt, row: AsaRecord, time: number, end: number): void {
    const { nfa } = this.p;
    const next: Thread[] = [];
    const seen = this.seen;
    seen.clear();
    for (const t of a.threads) {
      const v = nfa.vars[t.state] as number;
      const aggs = this.accepts(t, v, row, time);
      if (aggs === undefined) continue;
      const moved: Thread = { state: ACCEPT, aggs, sig: t.sig + String.fromCharCode(SIG_BASE + v), row, time, end };
      let cut = false;
      for (const s of nfa.after[t.state] as readonly number[]) {
        if (s === ACCEPT) {
          a.best = moved;
          cut = true;
          break;
        }
        const key = this.p.historyDependent ? `${s}:${moved.sig}` : s;
        if (seen.has(key)) continue;
        seen.add(key);
        if (next.length >= MAX_THREADS_PER_ATTEMPT) {
          this.truncated++;
          continue;
        }
        next.push({ ...moved, state: s });
      }
      if (cut) break;
    }
    a.threads = next;
  }

  /** The thread's aggregates with the event added as variable v, when v's DEFINE accepts it. */
  private accepts(t: Thread, v: number, row: AsaRecord, time: number): AsaValue[] | undefined {
    const cond = v < 0 ? undefined : this.p.conditions[v];
    if (cond !== undefined && !this.p.historyDependent) {
      const c = this.cache[v] as number;
      if (c === 2) return undefined;
      if (c === 0) {
        const ok = this.test(cond, t, v, row, time);
        this.cache[v] = ok ? 1 : 2;
        if (!ok) return undefined;
      }
      return this.updated(t, v, row);
    }
    if (cond !== undefined && !this.test(cond, t, v, row, time)) return undefined;
    return this.updated(t, v, row);
  }

  private test(cond: Predicate, t: Thread, v: number, row: AsaRecord, time: number): boolean {
    const ctx = this.ctx;
    ctx.slots[0] = row;
    ctx.timeMs = time;
    ctx.aggregates = this.updated(t, v, row);
    if (this.hasClassifier) fillClassifier(ctx.aggregates, this.p, t.sig + String.fromCharCode(SIG_BASE + v));
    return cond(ctx);
  }

  private updated(t: Thread, v: number, row: AsaRecord): AsaValue[] {
    const aggs = t.aggs.slice();
    const specs = this.p.aggregates;
    for (let i = 0; i < specs.length; i++) {
      const g = specs[i] as MatchAggregate;
      if (g.fn === 'classifier' || (g.variable !== -1 && g.variable !== v)) continue;
      const x = readPath(row, g.path);
      const cur = aggs[i] as AsaValue;
      switch (g.fn) {
        case 'last':
          aggs[i] = x;
          break;
        case 'first':
          if (g.variable === -1 ? t.sig === '' : !t.sig.includes(String.fromCharCode(SIG_BASE + v))) aggs[i] = x;
          break;
        case 'min':
        case 'max': {
          if (x === null) break;
          const c = cur === null ? null : compareValues(x, cur);
          if (cur === null || (c !== null && (g.fn === 'min' ? c < 0 : c > 0))) aggs[i] = x;
          break;
        }
      }
    }
    return aggs;
  }
}

function readPath(row: AsaRecord, path: readonly string[]): AsaValue {
  let v: AsaValue = lookupField(row, path[0] as string) ?? null;
  for (let i = 1; i < path.length; i++) v = memberOf(v, path[i] as string);
  return v;
}

/** Classifier(): the variable name each matched event was assigned to, in order (MEASURES page section). */
export function fillClassifier(aggs: AsaValue[], p: MatcherProgram, sig: string): void {
  for (let i = 0; i < p.aggregates.length; i++) {
    if ((p.aggregates[i] as MatchAggregate).fn !== 'classifier') continue;
    const names: AsaValue[] = [];
    for (let k = 0; k < sig.length; k++) {
      const v = sig.charCodeAt(k) - SIG_BASE;
      names.push(v < 0 ? '.' : (p.variables[v] ?? null));
    }
    aggs[i] = names;
  }
}
