// The date parts DATEADD, DATEDIFF, DATEPART and DATENAME accept, with their abbreviations, exactly as
// the table on https://learn.microsoft.com/stream-analytics-query/datediff-azure-stream-analytics lists
// them (the same table is on the DATEADD, DATEPART and DATENAME pages). Case-insensitive.
import { SluiceError } from '../common/index.ts';

export type DatePart =
  | 'year' | 'quarter' | 'month' | 'dayofyear' | 'day' | 'week' | 'weekday'
  | 'hour' | 'minute' | 'second' | 'millisecond' | 'microsecond';

const ALIASES: ReadonlyMap<string, DatePart> = new Map<string, DatePart>([
  ['year', 'year'], ['yy', 'year'], ['yyyy', 'year'],
  ['quarter', 'quarter'], ['qq', 'quarter'], ['q', 'quarter'],
  ['month', 'month'], ['mm', 'month'], ['m', 'month'],
  ['dayofyear', 'dayofyear'], ['dy', 'dayofyear'], ['y', 'dayofyear'],
  ['day', 'day'], ['dd', 'day'], ['d', 'day'],
  ['week', 'week'], ['wk', 'week'], ['ww', 'week'],
  ['weekday', 'weekday'], ['dw', 'weekday'], ['w', 'weekday'],
  ['hour', 'hour'], ['hh', 'hour'],
  ['minute', 'minute'], ['mi', 'minute'], ['n', 'minute'],
  ['second', 'second'], ['ss', 'second'], ['s', 'second'],
  ['millisecond', 'millisecond'], ['ms', 'millisecond'],
  ['microsecond', 'microsecond'], ['mcs', 'microsecond'],
]);

/** The canonical part for a name or abbreviation, or undefined. */
export function lookupDatePart(name: string): DatePart | undefined {
  return ALIASES.get(name.toLowerCase());
}

/** Every accepted spelling, for "did you mean" suggestions. */
export function datePartNames(): readonly string[] {
  return [...ALIASES.keys()];
}

/** Like lookupDatePart, but a user error naming the accepted parts when the name is unknown. */
export function parseDatePart(name: string, fn = 'DATEADD'): DatePart {
  const part = lookupDatePart(name);
  if (part !== undefined) return part;
  throw new SluiceError('SLUICE_FUNC_DATEPART', `'${name}' is not a date part accepted by ${fn}`, {
    domain: 'user',
    hint: 'use year, quarter, month, dayofyear, day, week, weekday, hour, minute, second, millisecond or microsecond (or an abbreviation such as yy, mm, dd, hh, mi, ss, ms, mcs)',
  });
}

/** The date part a call site was bound with; its absence is a binder bug, not a user error. */
export function boundDatePart(fn: string, ctx: { readonly datePart?: DatePart }): DatePart {
  if (ctx.datePart === undefined) {
    throw new SluiceError('SLUICE_INTERNAL', `${fn} bound without its date part`, { domain: 'internal' });
  }
  return ctx.datePart;
}
