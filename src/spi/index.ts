// spi: the shapes connectors implement — input batches (one partition at a time) and output sinks.
export { inputBatch } from './input-batch.ts';
export type { InputBatch } from './input-batch.ts';
export { MemorySink } from './output-sink.ts';
export type { OutputColumn, OutputSink } from './output-sink.ts';
