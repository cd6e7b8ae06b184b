// Accumulators in checkpoints (operator contract, runtime/operator.ts): the state tree may hold only
// plain data, so an accumulator is saved as the plain copy of its data fields (the built-ins keep
// numbers, AsaValues, arrays and Maps) or, when it has one, through saveState (UDAs, whose state lives
// in a JavaScript realm). Restoring fills a fresh accumulator from the same factory.
import type { Accumulator, GroupState } from './aggregation.ts';

export function accumulatorState(acc: Accumulator): unknown {
  if (acc.saveState !== undefined) return acc.saveState();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(acc)) if (typeof v !== 'function') out[k] = v;
  return out;
}

export function loadAccumulator(acc: Accumulator, state: unknown): void {
  if (acc.loadState !== undefined) {
    acc.loadState(state);
    return;
  }
  Object.assign(acc, state as Record<string, unknown>);
}

export function accumulatorsState(accs: readonly Accumulator[]): unknown[] {
  return accs.map(accumulatorState);
}

export function loadAccumulators(create: () => Accumulator[], states: readonly unknown[]): Accumulator[] {
  const accs = create();
  for (let i = 0; i < accs.length; i++) loadAccumulator(accs[i] as Accumulator, states[i]);
  return accs;
}

export interface SavedGroup {
  readonly slots: GroupState['slots'];
  readonly accs: unknown[];
}

export function groupsState(groups: ReadonlyMap<string, GroupState>): Map<string, SavedGroup> {
  const out = new Map<string, SavedGroup>();
  for (const [k, g] of groups) out.set(k, { slots: g.slots, accs: accumulatorsState(g.accs) });
  return out;
}

export function loadGroups(create: () => Accumulator[], saved: ReadonlyMap<string, SavedGroup>): Map<string, GroupState> {
  const out = new Map<string, GroupState>();
  for (const [k, g] of saved) out.set(k, { slots: g.slots.slice(), accs: loadAccumulators(create, g.accs) });
  return out;
}

/** A rough heap size of one group with `accs` accumulators (Map entry, key, slots, accumulator objects). */
export function groupBytes(accs: number): number {
  return 160 + 72 * accs;
}
