// UNION: several streams into one, keeping duplicates (UNION page: "UNION keeps duplicates"). Events
// pass through in the order they arrive; the watermark is the minimum over the branches, which the
// base class already computes.
import type { EventBatch } from './event-batch.ts';
import { BaseOperator } from './operator.ts';

export class MergeOperator extends BaseOperator {
  override onEvents(batch: EventBatch): void {
    this.emit(batch);
  }
}
