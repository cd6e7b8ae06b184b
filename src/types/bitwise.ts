// The bitwise operators & | ^ ~ on bit and bigint. "bit if both input values are bit, bigint if one
// or both input values are bigint"; NULL gives NULL; 170 & 75 = 10 and ~170 = -171.
// https://learn.microsoft.com/stream-analytics-query/bitwise-and-azure-stream-analytics
// https://learn.microsoft.com/stream-analytics-query/bitwise-not-azure-stream-analytics
import { SluiceError } from '../common/index.ts';
import { bigintValue, typeOf, type AsaValue } from './value.ts';

export type BitwiseOperator = '&' | '|' | '^';

function bitwiseError(op: string, v: AsaValue): SluiceError {
  return new SluiceError('SLUICE_TYPES_OPERATOR', `operator '${op}' needs bit or bigint operands, got '${typeOf(v)}'`, {
    domain: 'user',
    hint: 'CAST the operand to bigint or bit',
  });
}

function asInteger(op: string, v: AsaValue): number | bigint {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  throw bitwiseError(op, v);
}

function isInt32(v: number | bigint): v is number {
  return typeof v === 'number' && (v | 0) === v;
}

export function bitwise(op: BitwiseOperator, a: AsaValue, b: AsaValue): AsaValue {
  if (a === null || b === null) return null;
  if (typeof a === 'boolean' && typeof b === 'boolean') {
    return op === '&' ? a && b : op === '|' ? a || b : a !== b;
  }
  const x = asInteger(op, a);
  const y = asInteger(op, b);
  if (isInt32(x) && isInt32(y)) return op === '&' ? x & y : op === '|' ? x | y : x ^ y;
  // 64-bit two's complement, as .NET's long operators.
  const bx = BigInt(x);
  const by = BigInt(y);
  const r = BigInt.asIntN(64, op === '&' ? bx & by : op === '|' ? bx | by : bx ^ by);
  return bigintValue(r) ?? null;
}

export function bitwiseNot(a: AsaValue): AsaValue {
  if (a === null) return null;
  if (typeof a === 'boolean') return !a;
  const x = asInteger('~', a);
  if (isInt32(x)) return ~x;
  return bigintValue(BigInt.asIntN(64, ~BigInt(x))) ?? null;
}
