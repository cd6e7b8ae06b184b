// REVERSE: the characters of a string in reverse order. NULL gives NULL.
// https://learn.microsoft.com/stream-analytics-query/reverse-azure-stream-analytics
import type { AsaValue } from '../types/index.ts';
import { stringArg } from './arg-check.ts';
import { defineScalar, refPage } from './function-def.ts';

/** Reverses by code point so a surrogate pair (an emoji) stays valid. */
export const REVERSE = defineScalar({
  name: 'REVERSE',
  category: 'string',
  minArgs: 1,
  doc: refPage('reverse-azure-stream-analytics'),
  returnType: 'nvarchar(max)',
  invoke(args: readonly AsaValue[]): AsaValue {
    const s = stringArg('REVERSE', 0, args[0] ?? null);
    if (s === null) return null;
    return Array.from(s).reverse().join('');
  },
});
