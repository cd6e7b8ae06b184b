// SessionWindow(unit, timeout, maxDuration) [OVER (PARTITION BY k)] (Session window page): a session
// opens at its first event and grows while the next event comes within `timeout` of the last one. It
// closes at last event + timeout, or at a max-duration check point: checks fall on multiples of
// maxDuration (t % maxDuration == 0) once the session has lasted maxDuration, so a session can last
// nearly 2 × maxDuration; after a check-point close a new session opens at that point. The result is
// stamped with the session end. PARTITION BY gives each key its own sessions; without it sessions span
// the stream and the GROUP BY keys only split the rows (reference §4).
import type { EvalContext } from '../eval-context.ts';
import type { AggregationProgram, GroupState } from './aggregation.ts';
import { groupBytes, groupsState, loadGroups, type SavedGroup } from './accumulator-state.ts';
import { ROW_BYTES, RowBuffer, restoreRow, type BufferedRow } from './buffered-rows.ts';
import { WindowOperator } from './window-operator.ts';

export interface SessionSpec {
  readonly timeoutMs: number;
  readonly maxDurationMs: number;
}

interface Session {
  start: number;
  last: number;
  groups: Map<string, GroupState>;
}

export class SessionWindowOperator extends WindowOperator {
  private readonly timeout: number;
  private readonly maxDuration: number;
  private readonly partitionKey: ((ctx: EvalContext) => string) | undefined;
  private readonly pending = new RowBuffer(this.origins);
  private readonly sessions = new Map<string, Session>();

  constructor(name: string, spec: SessionSpec, partitionKey: ((ctx: EvalContext) => string) | undefined, program: AggregationProgram, now: () => number, applyCount: number) {
    super(name, program, now, applyCount);
    this.timeout = spec.timeoutMs;
    this.maxDuration = spec.maxDurationMs;
    this.partitionKey = partitionKey;
  }

  /** State by name: rows waiting for the watermark and the open session of each partition key. */
  override onCheckpoint(): Readonly<Record<string, unknown>> {
    const sessions = new Map<string, { start: number; last: number; groups: Map<string, SavedGroup> }>();
    for (const [k, s] of this.sessions) sessions.set(k, { start: s.start, last: s.last, groups: groupsState(s.groups) });
    return { pending: this.pending.save(), sessions };
  }

  override onRestore(state: Readonly<Record<string, unknown>>): void {
    this.pending.load(state['pending'] as { rows: BufferedRow[]; seq: number });
    this.sessions.clear();
    for (const [k, s] of state['sessions'] as Map<string, { start: number; last: number; groups: Map<string, SavedGroup> }>) {
      this.sessions.set(k, { start: s.start, last: s.last, groups: loadGroups(this.program.create, s.groups) });
    }
  }

  override stateBytes(): number {
    const per = groupBytes(this.aggregateCount);
    let n = this.pending.size * ROW_BYTES;
    for (const s of this.sessions.values()) n += 64 + s.groups.size * per;
    return n;
  }

  protected onRow(ctx: EvalContext): void {
    this.pending.add(ctx);
  }

  /** The first max-duration check point at which the session has lasted maxDuration. */
  private checkPoint(s: Session): number {
    return Math.ceil((s.start + this.maxDuration) / this.maxDuration) * this.maxDuration;
  }

  private endOf(s: Session): number {
    return Math.min(s.last + this.timeout, this.checkPoint(s));
  }

  /** Closes `s` while it ends before `t`; returns the session still open (or undefined). */
  private closeUntil(key: string, s: Session, t: number, results: { end: number; group: GroupState }[]): Session | undefined {
    let cur: Session | undefined = s;
    while (cur !== undefined) {
      const end = this.endOf(cur);
      if (!(end < t)) break;
      for (const g of cur.groups.values()) results.push({ end, group: g });
      const timedOut: boolean = cur.last + this.timeout <= end;
      cur = timedOut ? undefined : { start: end, last: cur.last, groups: new Map() };
    }
    if (cur === undefined) this.sessions.delete(key);
    else this.sessions.set(key, cur);
    return cur;
  }

  protected closeBefore(ms: number): void {
    const ctx = this.ctx;
    const results: { end: number; group: GroupState }[] = [];
    for (const row of this.pending.takeBefore(ms)) {
      restoreRow(ctx, row, this.origins);
      const pkey = this.partitionKey === undefined ? '' : this.partitionKey(ctx);
      const open = this.sessions.get(pkey);
      let s = open === undefined ? undefined : this.closeUntil(pkey, open, row.t, results);
      if (s === undefined) {
        s = { start: row.t, last: row.t, groups: new Map() };
        this.sessions.set(pkey, s);
      }
      if (row.t > s.last) s.last = row.t;
      this.addTo(s.groups, ctx);
    }
    for (const [key, s] of [...this.sessions]) this.closeUntil(key, s, ms, results);
    results.sort((a, b) => a.end - b.end);
    for (const r of results) this.finish(r.group, r.end);
  }
}
