// REPLICATE and SPACE: a string repeated n times; a negative count gives NULL.
// https://learn.microsoft.com/stream-analytics-query/replicate-azure-stream-analytics
// https://learn.microsoft.com/stream-analytics-query/space-azure-stream-analytics
import { SluiceError } from '../common/index.ts';
import type { AsaValue } from '../types/index.ts';
import { integerArg, stringArg } from './arg-check.ts';
import { defineScalar, refPage } from './function-def.ts';

/** Results this long would exhaust memory long before a sink could take them. */
const MAX_BUILT_LENGTH = 100_000_000;

function checkLength(fn: string, length: number): void {
  if (length > MAX_BUILT_LENGTH) {
    throw new SluiceError('SLUICE_FUNC_RESULT_TOO_LONG', `${fn} would build a string of ${length} characters`, {
      domain: 'user',
      hint: `results are limited to ${MAX_BUILT_LENGTH} characters`,
    });
  }
}

/** A negative count gives NULL. */
export const REPLICATE = defineScalar({
  name: 'REPLICATE',
  category: 'string',
  minArgs: 2,
  doc: refPage('replicate-azure-stream-analytics'),
  returnType: 'nvarchar(max)',
  invoke(args: readonly AsaValue[]): AsaValue {
    const s = stringArg('REPLICATE', 0, args[0] ?? null);
    const n = integerArg('REPLICATE', 1, args[1] ?? null);
    if (s === null || n === null || n < 0) return null;
    checkLength('REPLICATE', s.length * n);
    return s.repeat(n);
  },
});

/** A negative count gives NULL ("a null string is returned"). */
export const SPACE = defineScalar({
  name: 'SPACE',
  category: 'string',
  minArgs: 1,
  doc: refPage('space-azure-stream-analytics'),
  returnType: 'nvarchar(max)',
  invoke(args: readonly AsaValue[]): AsaValue {
    const n = integerArg('SPACE', 0, args[0] ?? null);
    if (n === null || n < 0) return null;
    checkLength('SPACE', n);
    return ' '.repeat(n);
  },
});
