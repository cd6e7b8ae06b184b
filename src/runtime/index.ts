// runtime: the executor — event batches, the operator interface, stateless operators and the job graph.
export { ASA_DEFAULT_ARRIVAL_POLICY, applyArrivalPolicy } from './arrival-policy.ts';
export type { ArrivalPolicy } from './arrival-policy.ts';
export { EvalContext } from './eval-context.ts';
export type { Evaluator, Predicate } from './eval-context.ts';
export type { EventBatch } from './event-batch.ts';
export { lookupField, memberOf, setField } from './field-access.ts';
export { JobGraph } from './job-graph.ts';
export type { JobGraphParts } from './job-graph.ts';
export { MergeOperator } from './merge-operator.ts';
export { BaseOperator } from './operator.ts';
export type { Operator } from './operator.ts';
export { SelectOperator } from './select-operator.ts';
export type { ApplyStep, ExecutionGuard, SelectProgram } from './select-operator.ts';
export { SinkOperator } from './sink-operator.ts';
export { SourceOperator, eventTimeOf } from './source-operator.ts';
export type { DataError, DataErrorHandler } from './source-operator.ts';
