// NCHAR and UNICODE: code points to characters and back. NCHAR(33590) = '茶' = NCHAR(UNICODE('茶')).
// https://learn.microsoft.com/stream-analytics-query/nchar-azure-stream-analytics
// https://learn.microsoft.com/stream-analytics-query/unicode-azure-stream-analytics
import type { AsaValue } from '../types/index.ts';
import { integerArg, stringArg } from './arg-check.ts';
import { defineScalar, refPage } from './function-def.ts';

/** Outside 0 … 0x10FFFF the result is NULL, as the page says. */
export const NCHAR = defineScalar({
  name: 'NCHAR',
  category: 'string',
  minArgs: 1,
  doc: refPage('nchar-azure-stream-analytics'),
  returnType: 'nvarchar(max)',
  invoke(args: readonly AsaValue[]): AsaValue {
    const n = integerArg('NCHAR', 0, args[0] ?? null);
    if (n === null || n < 0 || n > 0x10ffff) return null;
    return String.fromCodePoint(n);
  },
});

/** The code point of the first character (a surrogate pair counts as one); NULL or '' gives NULL. */
export const UNICODE = defineScalar({
  name: 'UNICODE',
  category: 'string',
  minArgs: 1,
  doc: refPage('unicode-azure-stream-analytics'),
  returnType: 'bigint',
  invoke(args: readonly AsaValue[]): AsaValue {
    const s = stringArg('UNICODE', 0, args[0] ?? null);
    if (s === null || s.length === 0) return null;
    return s.codePointAt(0) ?? null;
  },
});
