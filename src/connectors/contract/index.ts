// connectors/contract: the shared sink contract suite, ASA's output error policy wrapper and the row-rejection shape sinks throw.
export { runSinkContract, contractRows, CONTRACT_COLUMNS } from './run-sink-contract.ts';
export type { SinkFactory, SinkUnderTest } from './run-sink-contract.ts';
export { OutputErrorPolicySink } from './output-error-policy-sink.ts';
export type { OutputErrorPolicy, OutputErrorPolicyOptions } from './output-error-policy-sink.ts';
export { ROW_REJECTED_CODE, rowRejected, rowRejectionOf } from './row-rejection.ts';
export type { RowRejection } from './row-rejection.ts';
