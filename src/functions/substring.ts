// SUBSTRING, LEFT and RIGHT: parts of a string by 1-based position, counted in UTF-16 code units like
// .NET strings. A negative length is an error ("an error is generated and the statement is
// terminated"); a start below 1 shortens the result to start + length - 1 characters; a start past
// the end gives ''. Any NULL argument gives NULL.
// https://learn.microsoft.com/stream-analytics-query/substring-azure-stream-analytics
// https://learn.microsoft.com/stream-analytics-query/left-azure-stream-analytics
// https://learn.microsoft.com/stream-analytics-query/right-azure-stream-analytics
import type { AsaValue } from '../types/index.ts';
import { argValueError, integerArg, stringArg } from './arg-check.ts';
import { defineScalar, refPage } from './function-def.ts';

/** The SUBSTRING rule on plain values, shared with STUFF. */
export function substring(s: string, start: number, length: number): string {
  const end = start + length; // exclusive, 1-based
  const from = Math.max(start, 1);
  if (from > s.length || end <= from) return '';
  return s.slice(from - 1, end - 1);
}

export const SUBSTRING = defineScalar({
  name: 'SUBSTRING',
  category: 'string',
  minArgs: 3,
  doc: refPage('substring-azure-stream-analytics'),
  returnType: 'nvarchar(max)',
  invoke(args: readonly AsaValue[]): AsaValue {
    const s = stringArg('SUBSTRING', 0, args[0] ?? null);
    const start = integerArg('SUBSTRING', 1, args[1] ?? null);
    const length = integerArg('SUBSTRING', 2, args[2] ?? null);
    if (s === null || start === null || length === null) return null;
    if (length < 0) throw argValueError('SUBSTRING', 2, `(length) must not be negative, got ${length}`);
    return substring(s, start, length);
  },
});

export const LEFT = defineScalar({
  name: 'LEFT',
  category: 'string',
  minArgs: 2,
  doc: refPage('left-azure-stream-analytics'),
  returnType: 'nvarchar(max)',
  invoke(args: readonly AsaValue[]): AsaValue {
    const s = stringArg('LEFT', 0, args[0] ?? null);
    const n = integerArg('LEFT', 1, args[1] ?? null);
    if (s === null || n === null) return null;
    if (n < 0) throw argValueError('LEFT', 1, `(length) must not be negative, got ${n}`);
    return n >= s.length ? s : s.slice(0, n);
  },
});

export const RIGHT = defineScalar({
  name: 'RIGHT',
  category: 'string',
  minArgs: 2,
  doc: refPage('right-azure-stream-analytics'),
  returnType: 'nvarchar(max)',
  invoke(args: readonly AsaValue[]): AsaValue {
    const s = stringArg('RIGHT', 0, args[0] ?? null);
    const n = integerArg('RIGHT', 1, args[1] ?? null);
    if (s === null || n === null) return null;
    if (n < 0) throw argValueError('RIGHT', 1, `(length) must not be negative, got ${n}`);
    return n >= s.length ? s : s.slice(s.length - n);
  },
});
