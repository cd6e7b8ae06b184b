// What flows between operators: a batch of events with their event times (System.Timestamp) side by
// side. A batch is only valid during the onEvents call that receives it: operators that keep rows (part
// 2's windows, sinks) copy what they keep, so producers may reuse their arrays for the next batch.
import type { AsaRecord } from '../types/index.ts';
import type { InputBatch } from '../spi/index.ts';
import type { JoinedRow } from './joins/joined-row.ts';

export interface EventBatch {
  /** Number of events; `rows` and `times` may be longer (reused scratch buffers). */
  readonly length: number;
  readonly rows: readonly AsaRecord[];
  /** Event time of each row, epoch milliseconds (a fraction carries sub-millisecond ticks). */
  readonly times: Float64Array;
  /** Set on batches straight from an input: metadata columns and GetMetadataPropertyValue read it. */
  readonly origin: InputBatch | undefined;
  /** Row i came from origin row originIndex[i]; undefined means the identity. */
  readonly originIndex: Int32Array | undefined;
  /** The input partition every row came from, where `origin` is gone (after a projection); for sinks. */
  readonly partitionId?: number;
  /** Set on batches from a JOIN: row i's FROM slots and their times (rows[i] is its first slot). */
  readonly joined?: readonly JoinedRow[] | undefined;
}
