// REPLACE: every occurrence of a string replaced by another.
// https://learn.microsoft.com/stream-analytics-query/replace-azure-stream-analytics
import type { AsaValue } from '../types/index.ts';
import { stringArg } from './arg-check.ts';
import { defineScalar, refPage } from './function-def.ts';

/** Every occurrence, ordinal; an empty pattern returns the input unchanged; any NULL gives NULL. */
export const REPLACE = defineScalar({
  name: 'REPLACE',
  category: 'string',
  minArgs: 3,
  doc: refPage('replace-azure-stream-analytics'),
  returnType: 'nvarchar(max)',
  invoke(args: readonly AsaValue[]): AsaValue {
    const s = stringArg('REPLACE', 0, args[0] ?? null);
    const pattern = stringArg('REPLACE', 1, args[1] ?? null);
    const replacement = stringArg('REPLACE', 2, args[2] ?? null);
    if (s === null || pattern === null || replacement === null) return null;
    if (pattern.length === 0) return s;
    // split/join, not replaceAll(string, string), which would interpret `$&` in the replacement.
    return s.split(pattern).join(replacement);
  },
});
