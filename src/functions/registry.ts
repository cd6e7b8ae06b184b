// The catalogue of built-in scalar and table-valued functions, looked up case-insensitively
// ("Keywords and built-in names ignore case"). The binder asks for a definition (arity, date-part
// argument), then binds it once per call site with the argument types; compile/ keeps the bound
// closure and calls it per event.
import { SluiceError } from '../common/index.ts';
import { compatBehaviour, type AsaValue, type CompatBehaviour, type StaticType } from '../types/index.ts';
import { ABS, SIGN } from './abs.ts';
import { arityError } from './arg-check.ts';
import { CEILING, FLOOR } from './ceiling-floor.ts';
import { CHARINDEX } from './charindex.ts';
import { COALESCE, NULLIF } from './coalesce.ts';
import { CONCAT, CONCAT_WS } from './concat.ts';
import { CREATE_LINE_STRING, CREATE_POINT, CREATE_POLYGON } from './create-geo.ts';
import { parseDatePart } from './date-part.ts';
import { DATEADD } from './dateadd.ts';
import { DATEDIFF } from './datediff.ts';
import { DATENAME, DATEPART, DAY, MONTH, YEAR } from './datepart.ts';
import { DATETIMEFROMPARTS } from './datetimefromparts.ts';
import { EXP, SQRT, SQUARE } from './float-math.ts';
import type { BoundScalar, ScalarFunctionDef, TableFunctionDef } from './function-def.ts';
import { ST_DISTANCE } from './geo-distance.ts';
import { ST_INTERSECTS, ST_OVERLAPS, ST_WITHIN } from './geo-predicates.ts';
import { GET_ARRAY_ELEMENT, GET_ARRAY_LENGTH } from './get-array-element.ts';
import { GET_RECORD_PROPERTY_VALUE } from './get-record-property-value.ts';
import { GETTYPE } from './gettype.ts';
import { JSON_PARSE } from './json-parse.ts';
import { LEN } from './len.ts';
import { LOWER, UPPER } from './lower-upper.ts';
import { PATINDEX } from './patindex.ts';
import { POWER } from './power.ts';
import { REGEXMATCH } from './regexmatch.ts';
import { REPLACE } from './replace.ts';
import { REPLICATE, SPACE } from './replicate.ts';
import { REVERSE } from './reverse.ts';
import { ROUND } from './round.ts';
import { STUFF } from './stuff.ts';
import { LEFT, RIGHT, SUBSTRING } from './substring.ts';
import { GET_ARRAY_ELEMENTS, GET_RECORD_PROPERTIES } from './table-functions.ts';
import { TRANSLATE } from './translate.ts';
import { LTRIM, RTRIM, TRIM } from './trim.ts';
import { NCHAR, UNICODE } from './unicode.ts';

/** Every built-in scalar function, grouped as the reference's category pages list them. */
export const BUILTIN_SCALAR_FUNCTIONS: readonly ScalarFunctionDef[] = [
  // String functions
  CHARINDEX, CONCAT, CONCAT_WS, LEFT, LEN, LOWER, LTRIM, NCHAR, PATINDEX, REGEXMATCH, REPLACE, REPLICATE,
  REVERSE, RIGHT, RTRIM, SPACE, STUFF, SUBSTRING, TRANSLATE, TRIM, UNICODE, UPPER,
  // Mathematical functions
  ABS, CEILING, EXP, FLOOR, POWER, ROUND, SIGN, SQRT, SQUARE,
  // Date and time functions
  DATEADD, DATEDIFF, DATENAME, DATEPART, DATETIMEFROMPARTS, DAY, MONTH, YEAR,
  // Conversion and NULL handling (CAST and TRY_CAST are syntax: see types/cast.ts)
  COALESCE, NULLIF, GETTYPE,
  // Array and record functions
  GET_ARRAY_ELEMENT, GET_ARRAY_LENGTH, GET_RECORD_PROPERTY_VALUE, JSON_PARSE,
  // Geospatial functions
  CREATE_POINT, CREATE_LINE_STRING, CREATE_POLYGON, ST_DISTANCE, ST_INTERSECTS, ST_OVERLAPS, ST_WITHIN,
];

export const BUILTIN_TABLE_FUNCTIONS: readonly TableFunctionDef[] = [GET_ARRAY_ELEMENTS, GET_RECORD_PROPERTIES];

const scalarByName = new Map(BUILTIN_SCALAR_FUNCTIONS.map((f) => [f.name.toLowerCase(), f] as const));
const tableByName = new Map(BUILTIN_TABLE_FUNCTIONS.map((f) => [f.name.toLowerCase(), f] as const));

export function lookupScalarFunction(name: string): ScalarFunctionDef | undefined {
  return scalarByName.get(name.toLowerCase());
}

export function lookupTableFunction(name: string): TableFunctionDef | undefined {
  return tableByName.get(name.toLowerCase());
}

/** Canonical names of all built-ins, scalar and table-valued, for "did you mean" suggestions. */
export function builtinFunctionNames(): readonly string[] {
  return [...BUILTIN_SCALAR_FUNCTIONS.map((f) => f.name), ...BUILTIN_TABLE_FUNCTIONS.map((f) => f.name)];
}

export interface BindRequest {
  /** Static types of the arguments, one per argument (the date-part position included). */
  readonly argTypes: readonly StaticType[];
  /** The identifier written at the date-part position (`minute`, `mi` …), for DATEADD & co. */
  readonly datePart?: string;
  readonly compat?: CompatBehaviour;
}

/**
 * Checks arity and the date part, then specialises the function for this call site. Throws user
 * errors SLUICE_FUNC_UNKNOWN, SLUICE_FUNC_ARITY and SLUICE_FUNC_DATEPART; the binder adds the span.
 */
export function bindScalarFunction(name: string, request: BindRequest): BoundScalar {
  const def = lookupScalarFunction(name);
  if (def === undefined) {
    throw new SluiceError('SLUICE_FUNC_UNKNOWN', `'${name}' is not a built-in function`, {
      domain: 'user',
      hint: lookupTableFunction(name) ? `${name} is table-valued: use it with CROSS APPLY or OUTER APPLY` : 'user-defined functions are called with the udf. prefix',
    });
  }
  const count = request.argTypes.length;
  if (count < def.minArgs || count > def.maxArgs) throw arityError(def.name, count, def.minArgs, def.maxArgs);
  const compat = request.compat ?? compatBehaviour();
  if (def.datePartArg !== undefined) {
    if (request.datePart === undefined) {
      throw new SluiceError('SLUICE_FUNC_DATEPART', `${def.name} needs a date part such as minute or day as argument ${def.datePartArg + 1}`, { domain: 'user' });
    }
    return def.bind({ argTypes: request.argTypes, datePart: parseDatePart(request.datePart, def.name), compat });
  }
  return def.bind({ argTypes: request.argTypes, compat });
}

/**
 * Binds and calls in one go: for constant folding and tests, not the per-event path. The date part,
 * if the function has one, is given as a string at its argument position.
 */
export function callScalar(name: string, args: readonly AsaValue[], argTypes?: readonly StaticType[]): AsaValue {
  const def = lookupScalarFunction(name);
  const partIndex = def?.datePartArg;
  const part = partIndex !== undefined ? args[partIndex] : undefined;
  const bound = bindScalarFunction(name, {
    argTypes: argTypes ?? args.map(() => 'any' as const),
    ...(typeof part === 'string' ? { datePart: part } : {}),
  });
  return bound.invoke(args);
}
