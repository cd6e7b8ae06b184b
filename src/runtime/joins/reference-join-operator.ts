// JOIN of a stream with reference data (learn.microsoft.com/azure/stream-analytics/
// stream-analytics-use-reference-data; JOIN page, "Reference data JOIN"): the reference input is a table,
// loaded (and reloaded on refresh) by the app through JobGraph.loadReference, looked up by the hash of
// the ON clause's equality keys (a scan when there are none) and filtered by the whole ON clause. No
// time bound: each stream event joins the table as it is when the event is processed, and the result
// keeps the event's timestamp. LEFT OUTER keeps events without a match, reference columns NULL.
import type { AsaRecord } from '../../types/index.ts';
import { EvalContext, type Predicate } from '../eval-context.ts';
import type { EventBatch } from '../event-batch.ts';
import { BaseOperator } from '../operator.ts';
import { loadJoined, type JoinedRow } from './joined-row.ts';
import type { JoinKey } from './stream-join-operator.ts';

export interface ReferenceJoinProgram {
  /** The reference input's alias. */
  readonly input: string;
  readonly outer: boolean;
  readonly leftWidth: number;
  readonly leftKey: JoinKey;
  readonly rightKey: JoinKey;
  readonly on: Predicate;
}

export class ReferenceJoinOperator extends BaseOperator {
  readonly program: ReferenceJoinProgram;
  private readonly ctx = new EvalContext();
  private index = new Map<string, AsaRecord[]>();
  private rowCount = 0;

  constructor(name: string, program: ReferenceJoinProgram) {
    super(name);
    this.program = program;
  }

  get input(): string {
    return this.program.input;
  }

  /** Rows of the current reference snapshot. */
  /** Estimated state in bytes (JobGraph.stateSize): the reference table's rows and index. */
  stateBytes(): number {
    return this.rowCount * 240;
  }

  get tableSize(): number {
    return this.rowCount;
  }

  /** Replaces the table (a new snapshot of the reference data); rows with a NULL key can never match. */
  load(rows: readonly AsaRecord[]): void {
    const index = new Map<string, AsaRecord[]>();
    const ctx = this.ctx;
    const w = this.program.leftWidth;
    for (const row of rows) {
      ctx.slots[w] = row;
      const key = this.program.rightKey(ctx);
      if (key === null) continue;
      const bucket = index.get(key);
      if (bucket === undefined) index.set(key, [row]);
      else bucket.push(row);
    }
    this.index = index;
    this.rowCount = rows.length;
  }

  override onEvents(batch: EventBatch): void {
    const { leftWidth: w, on, outer, leftKey } = this.program;
    const ctx = this.ctx;
    const joinedOut: JoinedRow[] = [];
    const rowsOut: AsaRecord[] = [];
    const timesOut: number[] = [];
    for (let i = 0; i < batch.length; i++) {
      const t = batch.times[i] as number;
      const joined = batch.joined?.[i];
      const left: JoinedRow = joined ?? { rows: [batch.rows[i] as AsaRecord], times: [t] };
      loadJoined(ctx, left);
      ctx.timeMs = t;
      ctx.slotTimes[w] = t;
      const key = leftKey(ctx);
      const candidates = key === null ? undefined : this.index.get(key);
      let matched = false;
      if (candidates !== undefined) {
        for (let c = 0; c < candidates.length; c++) {
          const ref = candidates[c] as AsaRecord;
          ctx.slots[w] = ref;
          if (!on(ctx)) continue;
          matched = true;
          joinedOut.push({ rows: left.rows.concat(ref), times: left.times.concat(t) });
          rowsOut.push(left.rows[0] ?? {});
          timesOut.push(t);
        }
      }
      if (!matched && outer) {
        joinedOut.push({ rows: left.rows.concat(null), times: left.times.concat(t) });
        rowsOut.push(left.rows[0] ?? {});
        timesOut.push(t);
      }
    }
    if (joinedOut.length > 0) this.emit({ length: joinedOut.length, rows: rowsOut, times: Float64Array.from(timesOut), origin: undefined, originIndex: undefined, joined: joinedOut });
  }
}
