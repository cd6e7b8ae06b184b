// functions: built-in scalar and table-valued functions, their registry, the LIKE pattern helper and the JS UDF value mapping.
export { argTypeError, argValueError, ordinal } from './arg-check.ts';
export { dateAdd, dateDiff, dateNameOf, datePartOf, weekdayIndex } from './date-math.ts';
export { datePartNames, lookupDatePart, parseDatePart } from './date-part.ts';
export type { DatePart } from './date-part.ts';
export type {
  BindContext,
  BoundScalar,
  FunctionCategory,
  ScalarFunctionDef,
  ScalarImpl,
  TableFunctionDef,
  TableRow,
} from './function-def.ts';
export { geodesicDistance } from './geo-distance.ts';
export { compileLikePattern, like, likePatternSource, patternIndex } from './like-pattern.ts';
export type { LikeOptions } from './like-pattern.ts';
export {
  BUILTIN_SCALAR_FUNCTIONS,
  BUILTIN_TABLE_FUNCTIONS,
  bindScalarFunction,
  builtinFunctionNames,
  callScalar,
  lookupScalarFunction,
  lookupTableFunction,
} from './registry.ts';
export type { BindRequest } from './registry.ts';
export { fromUdfResult, toUdfArgument } from './udf-values.ts';
export { UdfHost, fromJs, toJs } from './udf/index.ts';
export type { UdfHostOptions } from './udf/index.ts';
export { distinctOf, lookupAggregate } from './aggregates/index.ts';
export type { AggregateAccumulator, AggregateDef, AggregateParams } from './aggregates/index.ts';
export { ROLLING_AGGREGATES, lookupAnalytic } from './analytic/index.ts';
export type { AnalyticDef, AnalyticFunctionName } from './analytic/index.ts';
