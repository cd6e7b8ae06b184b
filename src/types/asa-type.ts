// ASA's type names, the static types the planner tracks per expression, and the precedence order that
// decides the result type of mixed-type expressions.
// Source: "Data Types (Azure Stream Analytics)" https://learn.microsoft.com/stream-analytics-query/data-types-azure-stream-analytics
import { SluiceError } from '../common/index.ts';

/** The seven ASA data types, spelled exactly as GetType() returns them. */
export type AsaTypeName = 'bigint' | 'float' | 'nvarchar(max)' | 'datetime' | 'bit' | 'record' | 'array';

/**
 * What the planner knows about an expression before it runs. ASA types values, not columns ("it is
 * records that have a type and not columns"), so an input field is `any` until a CAST, a literal or a
 * function's return rule pins it down. `null` is the type of the NULL literal.
 */
export type StaticType = AsaTypeName | 'null' | 'any';

export const ASA_TYPE_NAMES: readonly AsaTypeName[] = [
  'bigint',
  'float',
  'nvarchar(max)',
  'datetime',
  'bit',
  'record',
  'array',
];

/**
 * Parses a type name as written after `AS` in CAST/TRY_CAST or in CREATE TABLE. Case-insensitive;
 * whitespace inside `nvarchar ( max )` is allowed. Returns undefined for an unknown name so the binder
 * can report it with a span and a suggestion.
 */
export function parseTypeName(text: string): AsaTypeName | undefined {
  const t = text.trim().toLowerCase().replace(/\s+/g, '');
  switch (t) {
    case 'bigint':
    case 'float':
    case 'datetime':
    case 'bit':
    case 'record':
    case 'array':
      return t;
    case 'nvarchar(max)':
      return 'nvarchar(max)';
    default:
      return undefined;
  }
}

/**
 * Like parseTypeName but throws a user error that names the accepted types; `nvarchar(50)` gets its own
 * message because "A value other than max is not supported" (Data Types page).
 */
export function requireTypeName(text: string): AsaTypeName {
  const parsed = parseTypeName(text);
  if (parsed !== undefined) return parsed;
  if (/^\s*nvarchar\s*\(/i.test(text)) {
    throw new SluiceError('SLUICE_TYPES_UNKNOWN_TYPE', `type '${text}' is not supported: only nvarchar(max) exists in ASA`, {
      domain: 'user',
      hint: 'write nvarchar(max)',
    });
  }
  throw new SluiceError('SLUICE_TYPES_UNKNOWN_TYPE', `unknown data type '${text}'`, {
    domain: 'user',
    hint: `use one of: ${ASA_TYPE_NAMES.join(', ')}`,
  });
}

/**
 * Precedence used when branches of different types meet (CASE result, bitwise operators, arithmetic):
 * higher wins. Follows T-SQL's order, which ASA's CASE page implies ("highest precedence type"):
 * datetime > float > bigint > bit > nvarchar(max). record and array never convert to anything else.
 */
const PRECEDENCE: Readonly<Record<AsaTypeName, number>> = {
  'datetime': 6,
  'float': 5,
  'bigint': 4,
  'bit': 3,
  'nvarchar(max)': 2,
  'record': 1,
  'array': 1,
};

export function typePrecedence(type: AsaTypeName): number {
  return PRECEDENCE[type];
}

/**
 * The static type of an expression whose value may come from any of `types` (CASE branches,
 * COALESCE arguments). NULL branches do not count. Mixed numeric branches widen to float; any other
 * mix is `any`, because ASA keeps each value's own type at run time.
 */
export function unifyStaticTypes(types: readonly StaticType[]): StaticType {
  let result: StaticType = 'null';
  for (const t of types) {
    if (t === 'null') continue;
    if (t === 'any') return 'any';
    if (result === 'null' || result === t) {
      result = t;
    } else if (isNumericType(result) && isNumericType(t)) {
      result = 'float';
    } else {
      return 'any';
    }
  }
  return result;
}

function isNumericType(t: StaticType): boolean {
  return t === 'bigint' || t === 'float';
}
