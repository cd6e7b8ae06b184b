// HoppingWindow (hop < size) when every aggregate can take a pane back out (COUNT, SUM, AVG, UDAs —
// Accumulator.unmerge): one record per group holds its open panes (gcd(size, hop) long, in index
// order) and one running aggregate over the panes sealed into the current window. A closing window
// merges the group's newly sealed panes into the running aggregate, takes the panes that left back out
// (subtract-on-evict), and reads the result: O(1) per group and window whatever size/hop is, and an
// event costs one group lookup, as in a tumbling window (no per-pane map). Evicted panes' accumulators
// are reset and reused (no allocation per pane). When a take-back is not exact (floats), the running
// aggregate is rebuilt from the panes still in the window. When every aggregate has a PaneKernel (COUNT,
// SUM, AVG), a group's panes are numbers in one Float64Array instead of accumulator objects (no object per
// pane and aggregate to reach through, allocate or reset: a third less time per event for COUNT and AVG
// over HoppingWindow(second, 60, 1), and less memory); the first value those numbers cannot hold (a whole
// SUM past 2^53) turns every group back into accumulators holding the same state (toGeneric). Windows are (end − size, end], end =
// offset + k·hop; empty windows emit nothing (Hopping window page,
// https://learn.microsoft.com/stream-analytics-query/hopping-window-azure-stream-analytics).
import type { AsaRecord } from '../../types/index.ts';
import type { EvalContext } from '../eval-context.ts';
import type { Accumulator, AggregationProgram, PaneKernel, PanePrograms } from './aggregation.ts';
import { accumulatorsState, loadAccumulators } from './accumulator-state.ts';
import type { HoppingSpec } from './hopping-window-operator.ts';
import { WindowOperator } from './window-operator.ts';

interface Run {
  readonly key: string;
  readonly slots: (AsaRecord | null)[];
  /** Pane indexes, ascending; panes[i] holds pane ks[i]. ks[head..sealed) are in `running`. */
  ks: number[];
  panes: Accumulator[][];
  head: number;
  sealed: number;
  running: Accumulator[];
  /** Reset accumulators of evicted panes, for reuse (only when every aggregate can reset). */
  readonly free: Accumulator[][];
  /** The pane the group's last row went to. */
  curK: number;
  cur: Accumulator[] | undefined;
  /**
   * Panes as numbers (the operator's `numeric` mode): pane ks[i] at i × width; `panes` and `free` are
   * unused then, and `curAt` is where pane curK is.
   */
  numbers: Float64Array | undefined;
  curAt: number;
}

interface SavedRun {
  readonly slots: (AsaRecord | null)[];
  readonly ks: number[];
  readonly panes: unknown[][];
  readonly sealed: number;
  readonly running: unknown[];
}

function gcd(a: number, b: number): number {
  while (b > 0) [a, b] = [b, a % b];
  return a;
}

function mergeInto(into: Accumulator[], from: readonly Accumulator[]): void {
  for (let i = 0; i < into.length; i++) (into[i] as Accumulator).merge(from[i] as Accumulator);
}

/** Whether this operator fits: a hopping window proper whose aggregates all unmerge. */
export function runningHoppingFits(spec: HoppingSpec, program: AggregationProgram): boolean {
  return spec.hopMs < spec.sizeMs && program.create().every((a) => a.unmerge !== undefined);
}

export class RunningHoppingOperator extends WindowOperator {
  private readonly size: number;
  private readonly hop: number;
  private readonly offset: number;
  private readonly pane: number;
  private readonly reusable: boolean;
  private runs = new Map<string, Run>();
  /** Pane indexes holding data in some group, ascending (what the next window to close is). */
  private order: number[] = [];
  private readonly orderSet = new Set<number>();
  private lastEnd = -Infinity;
  private lastOrderK = NaN;
  /** Set while the groups keep their panes as numbers (see the top of this file). */
  private numeric: PanePrograms | undefined;

  constructor(name: string, spec: HoppingSpec, program: AggregationProgram, now: () => number, applyCount: number) {
    super(name, program, now, applyCount);
    this.size = spec.sizeMs;
    this.hop = spec.hopMs;
    this.offset = spec.offsetMs;
    this.pane = gcd(spec.sizeMs, spec.hopMs);
    this.reusable = program.create().every((a) => a.reset !== undefined);
    this.numeric = program.panes;
  }

  /** Whether the groups keep their panes as numbers (diagnostics and tests). */
  get panesAsNumbers(): boolean {
    return this.numeric !== undefined;
  }

  /** Turns the panes into accumulators for good, as a value the numbers cannot hold does (tests compare both). */
  keepPanesAsAccumulators(): void {
    if (this.numeric !== undefined) this.toGeneric();
  }

  override stateBytes(): number {
    const accs = this.aggregateCount;
    let n = 0;
    for (const r of this.runs.values()) {
      n += r.numbers === undefined ? 200 + (r.ks.length - r.head + 1 + r.free.length) * (40 + 72 * accs) : 300 + 72 * accs + r.ks.length * 8 + r.numbers.byteLength;
    }
    return n;
  }

  override onCheckpoint(): Readonly<Record<string, unknown>> {
    const runs = new Map<string, SavedRun>();
    for (const [key, r] of this.runs) {
      runs.set(key, {
        slots: r.slots,
        ks: r.ks.slice(r.head),
        panes: this.paneAccumulators(r).slice(r.head).map(accumulatorsState),
        sealed: r.sealed - r.head,
        running: accumulatorsState(r.running),
      });
    }
    return { runs, order: this.order, lastEnd: this.lastEnd };
  }

  override onRestore(state: Readonly<Record<string, unknown>>): void {
    const { program } = this;
    this.runs = new Map();
    for (const [key, s] of state['runs'] as Map<string, SavedRun>) {
      this.runs.set(key, {
        key,
        slots: s.slots.slice(),
        ks: s.ks.slice(),
        panes: s.panes.map((p) => loadAccumulators(() => program.create(true), p)),
        head: 0,
        sealed: s.sealed,
        running: loadAccumulators(() => program.create(false), s.running),
        free: [],
        curK: NaN,
        cur: undefined,
        numbers: undefined,
        curAt: -1,
      });
    }
    // The saved state has accumulators: back into numbers when this operator keeps them so and they fit.
    this.numeric = this.program.panes;
    if (this.numeric !== undefined && !this.toNumeric(this.numeric)) this.numeric = undefined;
    this.order = (state['order'] as number[]).slice();
    this.orderSet.clear();
    for (const k of this.order) this.orderSet.add(k);
    this.lastEnd = state['lastEnd'] as number;
    this.lastOrderK = NaN;
  }

  protected onRow(ctx: EvalContext): void {
    const k = Math.ceil((ctx.timeMs - this.offset) / this.pane) - 1;
    if (k !== this.lastOrderK) {
      if (!this.orderSet.has(k)) {
        this.orderSet.add(k);
        insertSorted(this.order, k);
      }
      this.lastOrderK = k;
    }
    const key = this.program.key(ctx);
    let r = this.runs.get(key);
    const numeric = this.numeric;
    if (r === undefined) {
      r = {
        key, slots: ctx.slots.slice(), ks: [], panes: [], head: 0, sealed: 0, running: this.program.create(false), free: [], curK: NaN, cur: undefined,
        numbers: numeric === undefined ? undefined : new Float64Array(8 * numeric.width), curAt: -1,
      };
      this.origins?.keep(r.slots, ctx);
      this.runs.set(key, r);
    }
    if (numeric !== undefined) {
      let at = r.curAt;
      if (r.curK !== k) {
        at = this.numericPaneOf(r, k, numeric.width);
        r.curK = k;
        r.curAt = at;
      }
      if (numeric.accumulate(ctx, r.numbers as Float64Array, at)) return;
      // A value the numbers cannot hold: every group goes back to accumulators, and this row is added there.
      this.toGeneric();
      r.curK = NaN;
    }
    let accs = r.cur;
    if (r.curK !== k || accs === undefined) {
      accs = this.paneOf(r, k);
      r.curK = k;
      r.cur = accs;
    }
    this.program.accumulate(ctx, accs);
  }

  /** The accumulators of pane k of a group, added in index order when new. */
  private paneOf(r: Run, k: number): Accumulator[] {
    const { ks } = r;
    const i = paneIndex(r, k);
    if (i > r.sealed && ks[i - 1] === k) return r.panes[i - 1] as Accumulator[];
    const accs = r.free.pop() ?? this.program.create(true);
    if (i === ks.length) {
      ks.push(k);
      r.panes.push(accs);
    } else {
      ks.splice(i, 0, k);
      r.panes.splice(i, 0, accs);
    }
    return accs;
  }

  /** Where pane k of a group is in its numbers, added (all zeros: empty) in index order when new. */
  private numericPaneOf(r: Run, k: number, width: number): number {
    const { ks } = r;
    const i = paneIndex(r, k);
    if (i > r.sealed && ks[i - 1] === k) return (i - 1) * width;
    let numbers = r.numbers as Float64Array;
    const used = ks.length * width;
    if (used + width > numbers.length) {
      const grown = new Float64Array(numbers.length * 2);
      grown.set(numbers.subarray(0, used));
      numbers = grown;
      r.numbers = grown;
    }
    const at = i * width;
    if (i === ks.length) ks.push(k);
    else {
      // (The caller makes this pane the current one, so curAt needs no shifting.)
      numbers.copyWithin(at + width, at, used);
      ks.splice(i, 0, k);
    }
    numbers.fill(0, at, at + width);
    return at;
  }

  /** A group's panes as accumulators (the numbers turned into accumulators when kept as numbers). */
  private paneAccumulators(r: Run): Accumulator[][] {
    const numbers = r.numbers;
    const numeric = this.numeric;
    if (numbers === undefined || numeric === undefined) return r.panes;
    return r.ks.map((_, i) => numeric.kernels.map((kernel, a) => kernel.toAccumulator(numbers, i * numeric.width + (numeric.offsets[a] as number))));
  }

  /** Every group's panes from numbers to accumulators, for good (see the top of this file). */
  private toGeneric(): void {
    for (const r of this.runs.values()) {
      r.panes = this.paneAccumulators(r);
      r.numbers = undefined;
      r.curK = NaN;
      r.cur = undefined;
      r.curAt = -1;
    }
    this.numeric = undefined;
  }

  /** Every group's panes from accumulators to numbers; false (nothing changed) when some pane does not fit. */
  private toNumeric(numeric: PanePrograms): boolean {
    const converted = new Map<Run, Float64Array>();
    for (const r of this.runs.values()) {
      const numbers = new Float64Array(Math.max(8, r.ks.length * 2) * numeric.width);
      for (let i = 0; i < r.panes.length; i++) {
        const accs = r.panes[i] as Accumulator[];
        for (let a = 0; a < accs.length; a++) {
          if (!(numeric.kernels[a] as PaneKernel).fromAccumulator(accs[a] as Accumulator, numbers, i * numeric.width + (numeric.offsets[a] as number))) return false;
        }
      }
      converted.set(r, numbers);
    }
    for (const [r, numbers] of converted) {
      r.numbers = numbers;
      r.panes = [];
      r.free.length = 0;
      r.curK = NaN;
      r.cur = undefined;
      r.curAt = -1;
    }
    return true;
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
      while (order.length > 0 && offset + ((order[0] as number) + 1) * pane <= end + hop - size) this.orderSet.delete(order.shift() as number);
    }
    // No pane with data is left in any window to come: what the groups still hold has left too.
    if (order.length === 0) this.runs.clear();
    this.lastOrderK = NaN;
  }

  private emitWindow(end: number): void {
    const { pane, size, offset } = this;
    const last = Math.round((end - offset) / pane) - 1;
    const first = last - size / pane + 1;
    for (const r of this.runs.values()) {
      const { ks } = r;
      let sealed = r.sealed;
      let head = r.head;
      while (sealed < ks.length && (ks[sealed] as number) <= last) this.mergePane(r, sealed++, r.running);
      let exact = true;
      while (head < sealed && (ks[head] as number) < first) {
        if (exact && !this.unmergePane(r, head)) exact = false;
        this.releasePane(r, head++);
      }
      r.sealed = sealed;
      r.head = head;
      if (!exact) {
        r.running = this.program.create(false);
        for (let p = head; p < sealed; p++) this.mergePane(r, p, r.running);
      }
      if (head > 16 && head * 2 > ks.length) this.dropLeftPanes(r);
      if (r.head === r.sealed) {
        // Nothing of this group in the window: forget it unless it has panes still to come.
        // (The running aggregate is empty again: every pane in it was taken back out.)
        if (r.sealed === r.ks.length) this.runs.delete(r.key);
        continue;
      }
      this.finishWith(r.slots, r.running, end);
    }
  }

  /** Merges a group's pane p (an index into ks) into `into`. */
  private mergePane(r: Run, p: number, into: Accumulator[]): void {
    const numbers = r.numbers;
    const numeric = this.numeric;
    if (numbers === undefined || numeric === undefined) {
      mergeInto(into, r.panes[p] as Accumulator[]);
      return;
    }
    const { kernels, offsets } = numeric;
    const at = p * numeric.width;
    for (let i = 0; i < kernels.length; i++) (kernels[i] as PaneKernel).merge(into[i] as Accumulator, numbers, at + (offsets[i] as number));
  }

  /** Takes a group's pane p back out of its running aggregate; false when some aggregate cannot do it exactly. */
  private unmergePane(r: Run, p: number): boolean {
    const { running, numbers } = r;
    const numeric = this.numeric;
    let exact = true;
    if (numbers === undefined || numeric === undefined) {
      const accs = r.panes[p] as Accumulator[];
      for (let i = 0; i < running.length; i++) if (!(running[i] as Required<Accumulator>).unmerge(accs[i] as Accumulator)) exact = false;
      return exact;
    }
    const { kernels, offsets } = numeric;
    const at = p * numeric.width;
    for (let i = 0; i < kernels.length; i++) if (!(kernels[i] as PaneKernel).unmerge(running[i] as Accumulator, numbers, at + (offsets[i] as number))) exact = false;
    return exact;
  }

  /** A pane that left the window: its accumulators are reset for reuse; it stops being the current pane. */
  private releasePane(r: Run, p: number): void {
    if (r.numbers !== undefined) {
      if (r.curAt === p * (this.numeric as PanePrograms).width) r.curK = NaN;
      return;
    }
    const accs = r.panes[p] as Accumulator[];
    if (this.reusable) {
      for (let i = 0; i < accs.length; i++) (accs[i] as Required<Accumulator>).reset();
      r.free.push(accs);
    }
    if (r.cur === accs) r.cur = undefined;
  }

  /** Forgets the panes before head (they left every window), so the group's arrays do not grow for ever. */
  private dropLeftPanes(r: Run): void {
    const { head } = r;
    if (r.numbers === undefined) r.panes = r.panes.slice(head);
    else {
      const width = (this.numeric as PanePrograms).width;
      r.numbers.copyWithin(0, head * width, r.ks.length * width);
      // The current pane moved.
      r.curK = NaN;
    }
    r.ks = r.ks.slice(head);
    r.sealed -= head;
    r.head = 0;
  }
}

/**
 * Where pane k of a group is or goes among its unsealed panes: pane k is at i − 1 when that holds k, else it
 * is inserted at i.
 */
function paneIndex(r: Run, k: number): number {
  const { ks } = r;
  let i = ks.length;
  while (i > r.sealed && (ks[i - 1] as number) > k) i--;
  return i;
}

function insertSorted(a: number[], k: number): void {
  let i = a.length;
  while (i > 0 && (a[i - 1] as number) > k) i--;
  a.splice(i, 0, k);
}
