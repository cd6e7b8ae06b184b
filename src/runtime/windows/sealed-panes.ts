// The sealed panes of one group in a hopping window whose aggregates cannot take a pane back out
// (MIN, MAX, TopOne, Collect, …; invertible ones go to running-hopping-operator.ts), oldest first,
// and the aggregate over them — the window's result for that group. PaneQueue is two stacks. `back` takes new panes and keeps one running
//   aggregate of them; `front` holds, for each pane, the aggregate of it and every newer pane in front
//   (a suffix). Evicting pops the front (flipping the back over when the front is empty), and the
//   queue's aggregate is front-top ⊕ back — every pane is merged a constant number of times.
import type { Accumulator, GroupState } from './aggregation.ts';
import { accumulatorsState, loadAccumulators } from './accumulator-state.ts';

interface SealedPanes {
  readonly slots: GroupState['slots'];
  readonly empty: boolean;
  push(k: number, group: GroupState): void;
  evictBefore(first: number): void;
  /** The aggregate of every pane (read only: the caller takes results from it). */
  result(): Accumulator[];
  /** Checkpoint state, exact (the aggregates as they are, so float results do not change). */
  save(): SavedPanes;
  /** Puts back what save returned, into an empty queue. */
  load(state: SavedPanes): void;
  /** Accumulators held (state accounting). */
  readonly size: number;
}

export interface SavedPanes {
  readonly panes: { k: number; accs: unknown[]; agg?: unknown[] }[];
  /** The back stack's aggregate. */
  readonly agg: unknown[] | null;
  /** How many of `panes` (oldest first) are in the front stack. */
  readonly front: number;
}

function mergeInto(into: Accumulator[], from: readonly Accumulator[]): void {
  for (let i = 0; i < into.length; i++) (into[i] as Accumulator).merge(from[i] as Accumulator);
}

interface Entry {
  readonly k: number;
  /** The pane itself. */
  readonly accs: Accumulator[];
  /** Front stack only: this pane merged with every newer pane of the front. */
  readonly agg: Accumulator[];
}

export class PaneQueue implements SealedPanes {
  readonly slots: GroupState['slots'];
  private readonly create: () => Accumulator[];
  private front: Entry[] = [];
  private back: Entry[] = [];
  private backAgg: Accumulator[] | undefined = undefined;

  constructor(slots: GroupState['slots'], create: () => Accumulator[]) {
    this.slots = slots;
    this.create = create;
  }

  get empty(): boolean {
    return this.front.length === 0 && this.back.length === 0;
  }

  get size(): number {
    return (this.front.length * 2 + this.back.length + 1) * (this.front[0]?.accs.length ?? this.back[0]?.accs.length ?? 0);
  }

  push(k: number, group: GroupState): void {
    const accs = group.accs;
    this.back.push({ k, accs, agg: accs });
    this.backAgg ??= this.create();
    mergeInto(this.backAgg, accs);
  }

  evictBefore(first: number): void {
    for (;;) {
      if (this.front.length === 0) {
        if (this.back.length === 0) return;
        this.flip();
      }
      const oldest = this.front[this.front.length - 1] as Entry;
      if (oldest.k >= first) return;
      this.front.pop();
    }
  }

  private flip(): void {
    let suffix: Accumulator[] | undefined;
    for (let i = this.back.length - 1; i >= 0; i--) {
      const p = this.back[i] as Entry;
      // Sealed panes are only read from now on, so the newest can stand for its own suffix.
      let agg = p.accs;
      if (suffix !== undefined) {
        agg = this.create();
        mergeInto(agg, p.accs);
        mergeInto(agg, suffix);
      }
      this.front.push({ k: p.k, accs: p.accs, agg });
      suffix = agg;
    }
    this.back = [];
    this.backAgg = undefined;
  }

  result(): Accumulator[] {
    const top = this.front[this.front.length - 1];
    if (top === undefined) return this.backAgg ?? this.create();
    if (this.backAgg === undefined) return top.agg;
    const out = this.create();
    mergeInto(out, top.agg);
    mergeInto(out, this.backAgg);
    return out;
  }

  save(): SavedPanes {
    const panes: { k: number; accs: unknown[]; agg?: unknown[] }[] = [];
    for (let i = this.front.length - 1; i >= 0; i--) {
      const e = this.front[i] as Entry;
      panes.push({ k: e.k, accs: accumulatorsState(e.accs), agg: accumulatorsState(e.agg) });
    }
    for (const e of this.back) panes.push({ k: e.k, accs: accumulatorsState(e.accs) });
    return { panes, agg: this.backAgg === undefined ? null : accumulatorsState(this.backAgg), front: this.front.length };
  }

  load(state: SavedPanes): void {
    const { create } = this;
    for (let i = state.front - 1; i >= 0; i--) {
      const p = state.panes[i] as SavedPanes['panes'][number];
      this.front.push({ k: p.k, accs: loadAccumulators(create, p.accs), agg: loadAccumulators(create, p.agg ?? p.accs) });
    }
    for (let i = state.front; i < state.panes.length; i++) {
      const p = state.panes[i] as SavedPanes['panes'][number];
      const accs = loadAccumulators(create, p.accs);
      this.back.push({ k: p.k, accs, agg: accs });
    }
    this.backAgg = state.agg === null ? undefined : loadAccumulators(create, state.agg);
  }
}
