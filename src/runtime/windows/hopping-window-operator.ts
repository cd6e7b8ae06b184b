// TumblingWindow, and HoppingWindow whose aggregates cannot take a pane back out (a tumbling window is
// a hopping window whose hop is its size; hopping windows of invertible aggregates use
// running-hopping-operator.ts). Windows are (end − size, end], end = offset + k·hop, aligned to time
// zero (Tumbling/Hopping window pages: "include the end, exclude the start"; the offset shifts the
// alignment). Events are accumulated once, into the pane of length gcd(size, hop) that holds them; a
// window's result combines its size/pane panes when it closes (sealed-panes.ts: two stacks), so the
// per-event cost does not grow with the number of overlapping windows, and state is groups × open
// panes. Empty windows emit nothing.
import type { EvalContext } from '../eval-context.ts';
import type { Accumulator, AggregationProgram, GroupState } from './aggregation.ts';
import { groupBytes, groupsState, loadGroups, type SavedGroup } from './accumulator-state.ts';
import { PaneQueue, type SavedPanes } from './sealed-panes.ts';
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

interface SavedSealed {
  readonly slots: GroupState['slots'];
  readonly panes: SavedPanes;
}

export class HoppingWindowOperator extends WindowOperator {
  private readonly size: number;
  private readonly hop: number;
  private readonly offset: number;
  private readonly pane: number;
  private panes = new Map<number, Map<string, GroupState>>();
  /** Pane indexes with data, ascending. */
  private order: number[] = [];
  private lastEnd = -Infinity;
  /** Hopping only: sealed panes per group, oldest first. */
  private sealed = new Map<string, PaneQueue>();
  /** Panes with index below this are sealed. */
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
    this.keepInputs = spec.sizeMs !== this.pane;
  }

  /** Open panes (for tests and state accounting). */
  get openPanes(): number {
    return this.panes.size;
  }

  override stateBytes(): number {
    const accs = this.aggregateCount;
    let n = 0;
    for (const groups of this.panes.values()) n += groups.size * groupBytes(accs);
    for (const q of this.sealed.values()) n += 120 + 72 * q.size;
    return n;
  }

  /** State by name (house style 7): open panes by index, sealed panes per group, the last window emitted. */
  override onCheckpoint(): Readonly<Record<string, unknown>> {
    const panes = new Map<number, Map<string, SavedGroup>>();
    for (const [k, groups] of this.panes) panes.set(k, groupsState(groups));
    const sealed = new Map<string, SavedSealed>();
    for (const [key, q] of this.sealed) sealed.set(key, { slots: q.slots, panes: q.save() });
    return { panes, sealed, lastEnd: this.lastEnd, sealedBelow: this.sealedBelow };
  }

  override onRestore(state: Readonly<Record<string, unknown>>): void {
    const create = (): Accumulator[] => this.program.create(this.keepInputs);
    this.panes = new Map();
    for (const [k, groups] of state['panes'] as Map<number, Map<string, SavedGroup>>) this.panes.set(k, loadGroups(create, groups));
    this.order = [...this.panes.keys()].sort((a, b) => a - b);
    this.sealed = new Map();
    for (const [key, s] of state['sealed'] as Map<string, SavedSealed>) {
      // Sealed panes no longer change, so their copies need not be the open panes' objects.
      const q = this.newSealed(s.slots.slice());
      q.load(s.panes);
      this.sealed.set(key, q);
    }
    this.lastEnd = state['lastEnd'] as number;
    this.sealedBelow = state['sealedBelow'] as number;
    this.curIndex = NaN;
    this.cur = undefined;
  }

  private newSealed(slots: GroupState['slots']): PaneQueue {
    const { program } = this;
    // The suffix aggregates are merged into others, so (UDAs) they keep their inputs.
    return new PaneQueue(slots, () => program.create(true));
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
    // No pane with data is left in any window to come: the sealed panes have all left too.
    if (order.length === 0) this.sealed.clear();
    this.curIndex = NaN;
    this.cur = undefined;
  }

  private emitWindow(end: number): void {
    const { pane, size, offset } = this;
    const last = Math.round((end - offset) / pane) - 1;
    const first = last - size / pane + 1;
    if (first === last) {
      const groups = this.panes.get(last);
      if (groups !== undefined) for (const g of groups.values()) this.finishWith(g.slots, g.accs, end);
      return;
    }
    // Seal the panes up to this window's last one into the per-group queues, in pane order.
    const order = this.order;
    let i = order.length;
    while (i > 0 && (order[i - 1] as number) >= this.sealedBelow) i--;
    for (; i < order.length; i++) {
      const k = order[i] as number;
      if (k > last) break;
      for (const [key, g] of this.panes.get(k) ?? []) {
        let q = this.sealed.get(key);
        if (q === undefined) {
          q = this.newSealed(g.slots);
          this.sealed.set(key, q);
        }
        q.push(k, g);
      }
    }
    if (last + 1 > this.sealedBelow) this.sealedBelow = last + 1;
    for (const [key, q] of this.sealed) {
      q.evictBefore(first);
      if (q.empty) {
        this.sealed.delete(key);
        continue;
      }
      this.finishWith(q.slots, q.result(), end);
    }
  }
}

function insertSorted(a: number[], k: number): void {
  let i = a.length;
  while (i > 0 && (a[i - 1] as number) > k) i--;
  a.splice(i, 0, k);
}
