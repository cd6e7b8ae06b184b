// The unit a connector hands to the engine: the decoded events of ONE input partition, with their
// arrival times side by side in a typed array so the hot path reads numbers, not objects. Broker
// metadata (topic, offset, headers…) stays behind a lazy accessor: nothing is allocated for it unless
// the query calls GetMetadataPropertyValue.
import type { AsaRecord, AsaValue } from '../types/index.ts';

export interface InputBatch {
  /** Decoded payloads, one per event. */
  readonly rows: readonly AsaRecord[];
  /** EventEnqueuedUtcTime of each row (Kafka: the record timestamp), epoch milliseconds. */
  readonly arrivalMs: Float64Array;
  /** The input partition these events came from (ASA's PartitionId, counted from 0). */
  readonly partitionId: number;
  /**
   * GetMetadataPropertyValue(input, property) for the row at `index`, e.g. `[Kafka].[Topic]`,
   * `[User].[header]`, `EventId`. Returns NULL for an unknown property. Optional: sources without
   * metadata leave it out and every property reads NULL.
   */
  readonly metadata?: (index: number, property: string) => AsaValue;
}

/** Builds a batch; `arrivalMs` may be a plain array (tests) and is copied into a Float64Array. */
export function inputBatch(
  rows: readonly AsaRecord[],
  arrivalMs: Float64Array | readonly number[],
  partitionId = 0,
  metadata?: (index: number, property: string) => AsaValue,
): InputBatch {
  const times = arrivalMs instanceof Float64Array ? arrivalMs : Float64Array.from(arrivalMs);
  return metadata === undefined ? { rows, arrivalMs: times, partitionId } : { rows, arrivalMs: times, partitionId, metadata };
}
