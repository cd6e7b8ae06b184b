// Snapshot windows: GROUP BY System.Timestamp() groups the events that have exactly the same
// timestamp; the result keeps that timestamp (Snapshot window page). A snapshot closes when the
// watermark passes its time.
import type { EvalContext } from '../eval-context.ts';
import type { GroupState } from './aggregation.ts';
import { groupBytes, groupsState, loadGroups, type SavedGroup } from './accumulator-state.ts';
import { WindowOperator } from './window-operator.ts';

export class SnapshotWindowOperator extends WindowOperator {
  private readonly snapshots = new Map<number, Map<string, GroupState>>();

  /** State by name: the open snapshots by timestamp. */
  override onCheckpoint(): Readonly<Record<string, unknown>> {
    const snapshots = new Map<number, Map<string, SavedGroup>>();
    for (const [t, groups] of this.snapshots) snapshots.set(t, groupsState(groups));
    return { snapshots };
  }

  override onRestore(state: Readonly<Record<string, unknown>>): void {
    this.snapshots.clear();
    for (const [t, groups] of state['snapshots'] as Map<number, Map<string, SavedGroup>>) this.snapshots.set(t, loadGroups(this.program.create, groups));
  }

  override stateBytes(): number {
    const per = groupBytes(this.aggregateCount);
    let n = 0;
    for (const groups of this.snapshots.values()) n += groups.size * per;
    return n;
  }

  protected onRow(ctx: EvalContext): void {
    let groups = this.snapshots.get(ctx.timeMs);
    if (groups === undefined) {
      groups = new Map();
      this.snapshots.set(ctx.timeMs, groups);
    }
    this.addTo(groups, ctx);
  }

  protected closeBefore(ms: number): void {
    const due = [...this.snapshots.keys()].filter((t) => t < ms).sort((a, b) => a - b);
    for (const t of due) {
      for (const g of (this.snapshots.get(t) as Map<string, GroupState>).values()) this.finish(g, t);
      this.snapshots.delete(t);
    }
  }
}
