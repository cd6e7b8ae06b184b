// TumblingWindow and HoppingWindow (a tumbling window is a hopping window whose hop is its size).
// Windows are (end − size, end], end = offset + k·hop, aligned to time zero (Tumbling/Hopping window
// pages: "include the end, exclude the start"; the offset shifts the alignment). Events are
// accumulated once, into the pane of length gcd(size, hop) that holds them; a window's result merges
// its size/pane panes when it closes, so the per-event cost does not grow with the number of
// overlapping windows, and state is groups × open panes. Empty windows emit nothing.
import type { EvalContext } from '../eval-context.ts';
import type { Accumulator, AggregationProgram, GroupState } from './aggregation.ts';
import { WindowOperator } from './window-operator.ts';

export interface HoppingSpec {
  readonly sizeMs: number;
  readonly hopMs: number;
  readonly offsetMs: number;
}

function gcd(a: number, b: number): number {
  while (b > 0) [a, b] = [b, a % b];
  return a;
}

export class HoppingWindowOperator extends WindowOperator {
  private readonly size: number;
  private readonly hop: number;
  private readonly offset: number;
  private readonly pane: number;
  private readonly panes = new Map<number, Map<string, GroupState>>();
  /** Pane indexes with data, ascending. */
  private readonly order: number[] = [];
  private lastEnd = -Infinity;
  /** Hopping only: sealed panes per group, oldest first (see PaneQueue). */
  private readonly queues = new Map<string, PaneQueue>();
  /** Panes with index below this are in the queues. */
  private sealedBelow = -Infinity;
  /** The pane the previous row went to (rows come in near time order). */
  private curIndex = NaN;
  private cur: Map<string, GroupState> | undefined = undefined;

  constructor(name: string, spec: HoppingSpec, program: AggregationProgram, now: () => number, applyCount: number) {
    super(name, program, now, applyCount);
    this.size = spec.sizeMs;
    this.hop = spec.hopMs;
    this.offset = spec.offsetMs;
    this.pane = gcd(spec.sizeMs, spec.hopMs);
  }

  /** Open panes (for tests and state accounting). */
  get openPanes(): number {
    return this.panes.size;
  }

  /** State by name (house style 7): open panes by index, sealed panes per group, the last window emitted. */
  override onCheckpoint(): Readonly<Record<string, unknown>> {
    return { panes: this.panes, queues: this.queues, lastEnd: this.lastEnd, sealedBelow: this.sealedBelow };
  }

  protected onRow(ctx: EvalContext): void {
    const k = Math.ceil((ctx.timeMs - this.offset) / this.pane) - 1;
    if (k !== this.curIndex || this.cur === undefined) {
      let groups = this.panes.get(k);
      if (groups === undefined) {
        groups = new Map();
        this.panes.set(k, groups);
        insertSorted(this.order, k);
      }
      this.curIndex = k;
      this.cur = groups;
    }
    this.addTo(this.cur, ctx);
  }

  protected closeBefore(ms: number): void {
    const { pane, hop, size, offset, order } = this;
    while (order.length > 0) {
      const kmin = order[0] as number;
      const paneEnd = offset + (kmin + 1) * pane;
      let end = offset + Math.ceil((paneEnd - offset) / hop) * hop;
      if (end <= this.lastEnd) end = this.lastEnd + hop;
      if (!(end < ms)) break;
      this.emitWindow(end);
      this.lastEnd = end;
      // Panes that no later window covers.
      while (order.length > 0 && offset + ((order[0] as number) + 1) * pane <= end + hop - size) {
        this.panes.delete(order.shift() as number);
      }
    }
    this.curIndex = NaN;
    this.cur = undefined;
  }

  private emitWindow(end: number): void {
    const { pane, size, offset } = this;
    const last = Math.round((end - offset) / pane) - 1;
    const first = last - size / pane + 1;
    if (first === last) {
      const groups = this.panes.get(last);
      if (groups !== undefined) for (const g of groups.values()) this.finish(g, end);
      return;
    }
    // Seal the panes up to this window's last one into the per-group queues, in pane order.
    for (const k of this.order) {
      if (k > last) break;
      if (k < this.sealedBelow) continue;
      for (const [key, g] of this.panes.get(k) ?? []) {
        let q = this.queues.get(key);
        if (q === undefined) {
          q = new PaneQueue(g.slots, this.program.create);
          this.queues.set(key, q);
        }
        q.push(k, g.accs);
      }
    }
    if (last + 1 > this.sealedBelow) this.sealedBelow = last + 1;
    for (const [key, q] of this.queues) {
      q.evictBefore(first);
      if (q.empty) {
        this.queues.delete(key);
        continue;
      }
      this.finish({ slots: q.slots, accs: q.result() }, end);
    }
  }
}

/**
 * The sealed panes of one group, oldest first, as two stacks: `back` takes new panes and keeps one
 * running aggregate of them; `front` holds, for each pane, the aggregate of it and every newer pane in
 * front (a suffix). Evicting pops the front (flipping the back over when the front is empty), and the
 * whole queue's aggregate is front-top ⊕ back — every pane is merged a constant number of times.
 */
class PaneQueue {
  readonly slots: GroupState['slots'];
  private readonly create: () => Accumulator[];
  private front: { k: number; accs: Accumulator[] }[] = [];
  private back: { k: number; accs: Accumulator[] }[] = [];
  private backAgg: Accumulator[] | undefined = undefined;

  constructor(slots: GroupState['slots'], create: () => Accumulator[]) {
    this.slots = slots;
    this.create = create;
  }

  get empty(): boolean {
    return this.front.length === 0 && this.back.length === 0;
  }

  push(k: number, accs: Accumulator[]): void {
    this.back.push({ k, accs });
    this.backAgg ??= this.create();
    mergeInto(this.backAgg, accs);
  }

  evictBefore(first: number): void {
    for (;;) {
      if (this.front.length === 0) {
        if (this.back.length === 0) return;
        this.flip();
      }
      const oldest = this.front[this.front.length - 1] as { k: number };
      if (oldest.k >= first) return;
      this.front.pop();
    }
  }

  private flip(): void {
    let suffix: Accumulator[] | undefined;
    for (let i = this.back.length - 1; i >= 0; i--) {
      const p = this.back[i] as { k: number; accs: Accumulator[] };
      // Sealed panes are only read from now on, so the newest can stand for its own suffix.
      let agg = p.accs;
      if (suffix !== undefined) {
        agg = this.create();
        mergeInto(agg, p.accs);
        mergeInto(agg, suffix);
      }
      this.front.push({ k: p.k, accs: agg });
      suffix = agg;
    }
    this.back = [];
    this.backAgg = undefined;
  }

  /** The aggregate of every pane in the queue (read only: the caller takes results from it). */
  result(): Accumulator[] {
    const top = this.front[this.front.length - 1];
    if (top === undefined) return this.backAgg ?? this.create();
    if (this.backAgg === undefined) return top.accs;
    const out = this.create();
    mergeInto(out, top.accs);
    mergeInto(out, this.backAgg);
    return out;
  }
}

function mergeInto(into: Accumulator[], from: readonly Accumulator[]): void {
  for (let i = 0; i < into.length; i++) (into[i] as Accumulator).merge(from[i] as Accumulator);
}

function insertSorted(a: number[], k: number): void {
  let i = a.length;
  while (i > 0 && (a[i - 1] as number) > k) i--;
  a.splice(i, 0, k);
}
