// spi: the shapes connectors implement — input batches (one partition at a time), output sinks, row rejections — and ASA's output error policy around any sink.
export { inputBatch } from './input-batch.ts';
export type { InputBatch } from './input-batch.ts';
export { MemorySink, attachRowOrigins, rowOriginsOf } from './output-sink.ts';
export type { OutputColumn, OutputSink, RowOrigins } from './output-sink.ts';
export { OutputErrorPolicySink } from './output-error-policy-sink.ts';
export type { OutputErrorPolicy, OutputErrorPolicyOptions } from './output-error-policy-sink.ts';
export { ROW_REJECTED_CODE, rowRejected, rowRejectionOf } from './row-rejection.ts';
export type { RowRejection } from './row-rejection.ts';
