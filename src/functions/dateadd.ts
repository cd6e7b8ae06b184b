// DATEADD(part, n, date): date moved by n parts. The date may be a datetime or a string ("date can be
// an expression, column expression, or string literal"); NULL gives NULL. Returns datetime although the
// page says "bigint" (a doc error: its own example projects the result as AdjustedTime).
// https://learn.microsoft.com/stream-analytics-query/dateadd-azure-stream-analytics
import type { AsaValue } from '../types/index.ts';
import { dateTimeArg, integerArg } from './arg-check.ts';
import { dateAdd } from './date-math.ts';
import { boundDatePart } from './date-part.ts';
import { defineScalar, refPage, type BindContext } from './function-def.ts';

/** "If you specify a value with a decimal fraction, the fraction is truncated and not rounded." */
export const DATEADD = defineScalar({
  name: 'DATEADD',
  category: 'datetime',
  minArgs: 3,
  datePartArg: 0,
  doc: refPage('dateadd-azure-stream-analytics'),
  returnType: 'datetime',
  specialise(ctx: BindContext) {
    const part = boundDatePart('DATEADD', ctx);
    return (args: readonly AsaValue[]): AsaValue => {
      const n = integerArg('DATEADD', 1, args[1] ?? null);
      const dt = dateTimeArg('DATEADD', 2, args[2] ?? null);
      return n === null || dt === null ? null : dateAdd(part, n, dt);
    };
  },
});
