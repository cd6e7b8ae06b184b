// The arithmetic operators + - * / % and unary minus on ASA values. NULL in, NULL out. bigint with
// bigint stays bigint, exact to 64 bits (overflow is an error, as in T-SQL); anything with a float is
// float; `+` on two strings concatenates (the SPACE page writes RTRIM(…) + ',' + SPACE(1) + …).
// ASA does not document integer division; sluice follows T-SQL: bigint / bigint truncates toward zero,
// % takes the dividend's sign, and division by zero is an error. Callers that know statically that an
// operand is a float (a whole-valued float such as 6.0 is a safe integer at run time) pass
// `floatOperands` so that 6.0 / 4 gives 1.5 and not 1.
import { SluiceError } from '../common/index.ts';
import { castError, parseFloatText } from './cast.ts';
import { bigintValue, typeOf, type AsaValue } from './value.ts';

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';

function operandError(op: string, a: AsaValue, b: AsaValue): SluiceError {
  return new SluiceError('SLUICE_TYPES_OPERATOR', `operator '${op}' cannot be applied to values of type '${typeOf(a)}' and '${typeOf(b)}'`, {
    domain: 'user',
    hint: 'CAST the operands to bigint, float or nvarchar(max) first',
  });
}

function overflow(op: string): SluiceError {
  return new SluiceError('SLUICE_TYPES_OVERFLOW', `arithmetic overflow: the result of '${op}' does not fit in a 64-bit bigint`, {
    domain: 'user',
    hint: 'CAST an operand to float to compute in floating point',
  });
}

function divideByZero(): SluiceError {
  return new SluiceError('SLUICE_TYPES_DIVIDE_BY_ZERO', 'divide by zero', {
    domain: 'user',
    hint: 'guard the divisor, e.g. CASE WHEN d = 0 THEN NULL ELSE n / d END',
  });
}

function isInt(v: number | bigint): boolean {
  return typeof v === 'bigint' || Number.isSafeInteger(v);
}

function numeric(op: string, a: AsaValue, b: AsaValue, v: AsaValue): number | bigint {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  // bit takes part in arithmetic as its integer 1/0 ("An integer that can take a value of 1, 0").
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    // A string meeting a number converts to float, failing the job if it is not one (input-validation
    // article: "ASA will implicitly cast it to float").
    const f = parseFloatText(v);
    if (f === undefined) throw castError(v, 'float', undefined, false);
    return f;
  }
  throw operandError(op, a, b);
}

function bigintOp(op: ArithmeticOperator, x: bigint, y: bigint): number | bigint {
  let r: bigint;
  switch (op) {
    case '+':
      r = x + y;
      break;
    case '-':
      r = x - y;
      break;
    case '*':
      r = x * y;
      break;
    case '/':
      if (y === 0n) throw divideByZero();
      r = x / y;
      break;
    case '%':
      if (y === 0n) throw divideByZero();
      r = x % y;
      break;
  }
  const v = bigintValue(r);
  if (v === undefined) throw overflow(op);
  return v;
}

/** `a op b`. */
export function arithmetic(op: ArithmeticOperator, a: AsaValue, b: AsaValue, floatOperands = false): AsaValue {
  if (a === null || b === null) return null;
  if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
  const x = numeric(op, a, b, a);
  const y = numeric(op, a, b, b);
  if (floatOperands || !isInt(x) || !isInt(y)) {
    const fx = Number(x);
    const fy = Number(y);
    let r: number;
    switch (op) {
      case '+':
        r = fx + fy;
        break;
      case '-':
        r = fx - fy;
        break;
      case '*':
        r = fx * fy;
        break;
      case '/':
        if (fy === 0) throw divideByZero();
        r = fx / fy;
        break;
      case '%':
        if (fy === 0) throw divideByZero();
        r = fx % fy;
        break;
    }
    if (!Number.isFinite(r)) throw new SluiceError('SLUICE_TYPES_OVERFLOW', `arithmetic overflow: the result of '${op}' is outside the float range`, { domain: 'user' });
    return r;
  }
  if (typeof x === 'number' && typeof y === 'number') {
    // Fast path: small integers stay numbers while the result is exact.
    let r: number;
    switch (op) {
      case '+':
        r = x + y;
        break;
      case '-':
        r = x - y;
        break;
      case '*':
        r = x * y;
        break;
      case '/':
        if (y === 0) throw divideByZero();
        r = Math.trunc(x / y);
        return r === 0 ? 0 : r;
      case '%':
        if (y === 0) throw divideByZero();
        r = x % y;
        return r === 0 ? 0 : r;
    }
    if (Number.isSafeInteger(r)) return r;
  }
  return bigintOp(op, BigInt(x), BigInt(y));
}

/** Unary minus. */
export function negate(a: AsaValue, floatOperand = false): AsaValue {
  if (a === null) return null;
  if (typeof a === 'number') return floatOperand || !Number.isSafeInteger(a) ? -a : a === 0 ? 0 : -a;
  if (typeof a === 'bigint') {
    const v = bigintValue(-a);
    if (v === undefined) throw overflow('-');
    return v;
  }
  if (typeof a === 'boolean') return a ? -1 : 0;
  throw operandError('-', a, a);
}
