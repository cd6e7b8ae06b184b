// CHARINDEX: 1-based position of a string inside another, 0 when absent.
// https://learn.microsoft.com/stream-analytics-query/charindex-azure-stream-analytics
import type { AsaValue } from '../types/index.ts';
import { integerArg, stringArg } from './arg-check.ts';
import { defineScalar, refPage } from './function-def.ts';

/** Ordinal (case-sensitive) search; a start that is missing, 0 or negative searches from the beginning. */
export const CHARINDEX = defineScalar({
  name: 'CHARINDEX',
  category: 'string',
  minArgs: 2,
  maxArgs: 3,
  doc: refPage('charindex-azure-stream-analytics'),
  returnType: 'bigint',
  invoke(args: readonly AsaValue[]): AsaValue {
    const find = stringArg('CHARINDEX', 0, args[0] ?? null);
    const search = stringArg('CHARINDEX', 1, args[1] ?? null);
    const start = args.length > 2 ? integerArg('CHARINDEX', 2, args[2] ?? null) : 1;
    if (find === null || search === null || start === null) return null;
    if (find.length === 0) return 0;
    return search.indexOf(find, start > 1 ? start - 1 : 0) + 1;
  },
});
