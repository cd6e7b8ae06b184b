// Input metadata of a group's first event, for GROUP BY keys that read it (PartitionId,
// EventEnqueuedUtcTime, GetMetadataPropertyValue(input, 'p')): a window result is made after its
// events' batches are gone (batches are valid only during onEvents), so without a copy the SELECT
// list would read NULL where ASA writes the key's value (e.g. GROUP BY PartitionId, TumblingWindow(…)
// in the parallelization page's queries). When a group (or a kept row) is created, its slots copy is
// tied to a one-row snapshot of the event's origin holding exactly the properties the keys read;
// outputs put it back as the context's origin. Only queries whose keys read metadata pay for it.
// Not in checkpoints: after a restore, groups opened before the checkpoint read NULL for them.
import type { InputBatch } from '../../spi/index.ts';
import type { AsaValue } from '../../types/index.ts';
import type { EvalContext } from '../eval-context.ts';

export class OriginSnapshots {
  private readonly properties: readonly string[];
  private readonly snapshots = new WeakMap<object, InputBatch>();

  constructor(properties: readonly string[]) {
    this.properties = properties;
  }

  /** Ties `slots` (a fresh copy of ctx.slots) to a snapshot of ctx's current origin row. */
  keep(slots: object, ctx: EvalContext): void {
    const o = ctx.origin;
    if (o === undefined) return;
    const i = ctx.originRow;
    const values = new Map<string, AsaValue>();
    const read = o.metadata;
    if (read !== undefined) for (const p of this.properties) values.set(p, read(i, p) ?? null);
    const row = o.rows[i];
    this.snapshots.set(slots, {
      rows: row === undefined ? [] : [row],
      arrivalMs: Float64Array.of(o.arrivalMs[i] ?? NaN),
      partitionId: o.partitionId,
      metadata: (_index, property) => values.get(property) ?? null,
    });
  }

  /** Makes `slots`' snapshot the context's origin (row 0), or clears it. */
  restore(slots: object, ctx: EvalContext): void {
    ctx.origin = this.snapshots.get(slots);
    ctx.originRow = 0;
  }
}
