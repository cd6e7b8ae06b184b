// functions/aggregates: the built-in aggregates (COUNT, SUM, AVG, MIN, MAX, STDEV/STDEVP/VAR/VARP,
// TopOne, Collect, CollectTop, PERCENTILE_CONT/DISC) as mergeable accumulators, and DISTINCT.
export type { AggregateAccumulator, AggregateDef, AggregateParams } from './aggregate-def.ts';
export { lookupAggregate } from './aggregate-registry.ts';
export { distinctOf } from './distinct.ts';
