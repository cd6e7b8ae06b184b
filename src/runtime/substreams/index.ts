// Substreams (TIMESTAMP BY … OVER key): per-key out-of-order handling, watermarks and operators.
export { SubstreamOperator } from './substream-operator.ts';
export type { SubstreamPolicy } from './substream-operator.ts';
