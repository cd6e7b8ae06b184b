// PATINDEX: 1-based position of the first match of a wildcard pattern (`%100%`), 0 when none.
// https://learn.microsoft.com/stream-analytics-query/patindex-azure-stream-analytics
import type { AsaValue } from '../types/index.ts';
import { stringArg } from './arg-check.ts';
import { defineScalar, refPage } from './function-def.ts';
import { patternIndex } from './like-pattern.ts';

export const PATINDEX = defineScalar({
  name: 'PATINDEX',
  category: 'string',
  minArgs: 2,
  doc: refPage('patindex-azure-stream-analytics'),
  returnType: 'bigint',
  invoke(args: readonly AsaValue[]): AsaValue {
    const pattern = stringArg('PATINDEX', 0, args[0] ?? null);
    const s = stringArg('PATINDEX', 1, args[1] ?? null);
    if (pattern === null || s === null) return null;
    return patternIndex(pattern, s);
  },
});
