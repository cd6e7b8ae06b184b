// STUFF: deletes part of a string and inserts another string in its place.
// https://learn.microsoft.com/stream-analytics-query/stuff-azure-stream-analytics
import type { AsaValue } from '../types/index.ts';
import { argValueError, integerArg, stringArg } from './arg-check.ts';
import { defineScalar, refPage } from './function-def.ts';

/**
 * Deletes `length` characters at 1-based `start` and inserts the last argument there. A start below 1
 * counts from the first character; a start past the end gives ''; a negative length is an error; a
 * length reaching past the end deletes to the end. STUFF('abcdef', 2, 3, 'ijklmn') = 'aijklmnef'.
 * A NULL insertion inserts nothing (T-SQL); any other NULL gives NULL.
 */
export const STUFF = defineScalar({
  name: 'STUFF',
  category: 'string',
  minArgs: 4,
  doc: refPage('stuff-azure-stream-analytics'),
  returnType: 'nvarchar(max)',
  invoke(args: readonly AsaValue[]): AsaValue {
    const s = stringArg('STUFF', 0, args[0] ?? null);
    const start = integerArg('STUFF', 1, args[1] ?? null);
    const length = integerArg('STUFF', 2, args[2] ?? null);
    const inserted = stringArg('STUFF', 3, args[3] ?? null) ?? '';
    if (s === null || start === null || length === null) return null;
    if (length < 0) throw argValueError('STUFF', 2, `(length) must not be negative, got ${length}`);
    if (start > s.length) return '';
    const at = Math.max(start, 1) - 1;
    return s.slice(0, at) + inserted + s.slice(Math.min(at + length, s.length));
  },
});
