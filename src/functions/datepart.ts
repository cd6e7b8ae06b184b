// DATEPART, DATENAME, DAY, MONTH and YEAR: one part of a datetime, as bigint (DATENAME: as text).
// Dates may be datetimes or strings; NULL gives NULL.
// https://learn.microsoft.com/stream-analytics-query/datepart-azure-stream-analytics
// https://learn.microsoft.com/stream-analytics-query/datename-azure-stream-analytics
// https://learn.microsoft.com/stream-analytics-query/day-azure-stream-analytics
import type { AsaValue } from '../types/index.ts';
import { dateTimeArg } from './arg-check.ts';
import { dateNameOf, datePartOf } from './date-math.ts';
import { boundDatePart, type DatePart } from './date-part.ts';
import { defineScalar, refPage, type BindContext } from './function-def.ts';

export const DATEPART = defineScalar({
  name: 'DATEPART',
  category: 'datetime',
  minArgs: 2,
  datePartArg: 0,
  doc: refPage('datepart-azure-stream-analytics'),
  returnType: 'bigint',
  specialise(ctx: BindContext) {
    const part = boundDatePart('DATEPART', ctx);
    return (args: readonly AsaValue[]): AsaValue => {
      const dt = dateTimeArg('DATEPART', 1, args[1] ?? null);
      return dt === null ? null : datePartOf(part, dt);
    };
  },
});

export const DATENAME = defineScalar({
  name: 'DATENAME',
  category: 'datetime',
  minArgs: 2,
  datePartArg: 0,
  doc: refPage('datename-azure-stream-analytics'),
  returnType: 'nvarchar(max)',
  specialise(ctx: BindContext) {
    const part = boundDatePart('DATENAME', ctx);
    return (args: readonly AsaValue[]): AsaValue => {
      const dt = dateTimeArg('DATENAME', 1, args[1] ?? null);
      return dt === null ? null : dateNameOf(part, dt);
    };
  },
});

function partFunction(name: string, page: string, part: DatePart) {
  return defineScalar({
    name,
    category: 'datetime',
    minArgs: 1,
    doc: refPage(page),
    returnType: 'bigint',
    invoke(args: readonly AsaValue[]): AsaValue {
      const dt = dateTimeArg(name, 0, args[0] ?? null);
      return dt === null ? null : datePartOf(part, dt);
    },
  });
}

export const DAY = partFunction('DAY', 'day-azure-stream-analytics', 'day');

export const MONTH = partFunction('MONTH', 'month-azure-stream-analytics', 'month');

export const YEAR = partFunction('YEAR', 'year-azure-stream-analytics', 'year');
