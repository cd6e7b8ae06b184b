// functions/analytic: the signatures of LAG, LAST, ISFIRST and the rolling aggregates (… OVER (LIMIT DURATION …)).
export { ROLLING_AGGREGATES, lookupAnalytic } from './analytic-def.ts';
export type { AnalyticDef, AnalyticFunctionName } from './analytic-def.ts';
