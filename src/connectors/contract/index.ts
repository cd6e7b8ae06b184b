// connectors/contract: the shared sink contract suite every sink's tests run (test support: it uses node:test).
export { runSinkContract, contractRows, CONTRACT_COLUMNS } from './run-sink-contract.ts';
export type { SinkFactory, SinkUnderTest } from './run-sink-contract.ts';
