// types: the ASA value model — values, type names, CAST/TRY_CAST, NULL-aware comparison, operators, datetime, compatibility levels.
export { arithmetic, negate } from './arithmetic.ts';
export type { ArithmeticOperator } from './arithmetic.ts';
export { ASA_TYPE_NAMES, parseTypeName, requireTypeName, typePrecedence, unifyStaticTypes } from './asa-type.ts';
export type { AsaTypeName, StaticType } from './asa-type.ts';
export { bitwise, bitwiseNot } from './bitwise.ts';
export type { BitwiseOperator } from './bitwise.ts';
export { castError, cast, convert, parseBigint, parseFloatText, toText, tryCast } from './cast.ts';
export type { CastSite } from './cast.ts';
export { compatBehaviour, DEFAULT_COMPAT_LEVEL, parseCompatLevel } from './compat-level.ts';
export type { CompatBehaviour, CompatLevel } from './compat-level.ts';
export { and3, compareNonNull, compareValues, isTrue, not3, or3, sortCompare, sqlEquals, valuesEqual } from './compare.ts';
export type { Bool3 } from './compare.ts';
export {
  AsaDateTime,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  isLeapYear,
  MAX_EPOCH_MS,
  MIN_EPOCH_MS,
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  MS_PER_SECOND,
  TICKS_PER_MS,
  tryFromParts,
} from './datetime.ts';
export type { DateTimeParts } from './datetime.ts';
export { formatDateTime } from './datetime-format.ts';
export { parseDateTime } from './datetime-parse.ts';
export { formatBigint, formatFloat, formatFloatJson } from './number-format.ts';
export {
  BIGINT_MAX,
  BIGINT_MIN,
  bigintValue,
  isArray,
  isAsaValue,
  isNumeric,
  isRecord,
  toDouble,
  toJsBigint,
  typeOf,
  typeOfStatic,
} from './value.ts';
export type { AsaArray, AsaRecord, AsaValue } from './value.ts';
