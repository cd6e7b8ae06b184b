// DATEDIFF(part, start, end): the number of `part` boundaries crossed from start to end (bigint).
// Dates may be datetimes or strings; NULL gives NULL. The JOIN form with source aliases is the
// planner's (it compares the two events' System.Timestamp with dateDiff from date-math.ts).
// https://learn.microsoft.com/stream-analytics-query/datediff-azure-stream-analytics
import type { AsaValue } from '../types/index.ts';
import { dateTimeArg } from './arg-check.ts';
import { dateDiff } from './date-math.ts';
import { boundDatePart } from './date-part.ts';
import { defineScalar, refPage, type BindContext } from './function-def.ts';

export const DATEDIFF = defineScalar({
  name: 'DATEDIFF',
  category: 'datetime',
  minArgs: 3,
  datePartArg: 0,
  doc: refPage('datediff-azure-stream-analytics'),
  returnType: 'bigint',
  specialise(ctx: BindContext) {
    const part = boundDatePart('DATEDIFF', ctx);
    return (args: readonly AsaValue[]): AsaValue => {
      const start = dateTimeArg('DATEDIFF', 1, args[1] ?? null);
      const end = dateTimeArg('DATEDIFF', 2, args[2] ?? null);
      return start === null || end === null ? null : dateDiff(part, start, end);
    };
  },
});
