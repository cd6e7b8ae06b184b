// functions/udf: the JavaScript UDF host (node:vm contexts, ASA ↔ JS value mapping, time limit).
export { fromJs, toJs } from './js-values.ts';
export type { RealmFactories } from './js-values.ts';
export { UdfHost } from './udf-host.ts';
export type { UdfHostOptions } from './udf-host.ts';
