// LEN: the number of characters "excluding trailing blanks" (U+0020, as in T-SQL), counted in UTF-16
// code units as .NET does. NULL gives NULL.
// https://learn.microsoft.com/stream-analytics-query/len-azure-stream-analytics
import type { AsaValue } from '../types/index.ts';
import { stringArg } from './arg-check.ts';
import { defineScalar, refPage } from './function-def.ts';

export const LEN = defineScalar({
  name: 'LEN',
  category: 'string',
  minArgs: 1,
  doc: refPage('len-azure-stream-analytics'),
  returnType: 'bigint',
  invoke(args: readonly AsaValue[]): AsaValue {
    const s = stringArg('LEN', 0, args[0] ?? null);
    if (s === null) return null;
    let end = s.length;
    while (end > 0 && s.charCodeAt(end - 1) === 0x20) end--;
    return end;
  },
});
