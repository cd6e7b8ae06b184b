// runtime/analytic: LAG, LAST, ISFIRST and rolling aggregates, evaluated per input event before WHERE.
export { readAnalytics } from './analytic-batch.ts';
export type { AnalyticBatch } from './analytic-batch.ts';
export type { AnalyticCallProgram, AnalyticFn, AnalyticKernel } from './analytic-kernel.ts';
export { AnalyticOperator, createAnalyticKernel } from './analytic-operator.ts';
