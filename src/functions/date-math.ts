// Date-part arithmetic behind DATEADD, DATEDIFF and DATEPART, exported so the runtime can reuse it
// (the JOIN form of DATEDIFF, window alignment). T-SQL semantics, which ASA follows:
// - DATEADD month/quarter/year keeps the day, clamped to the month's last day (Jan 31 + 1 month =
//   Feb 28/29); dayofyear, day and weekday all add days.
// - DATEDIFF counts boundaries crossed, not elapsed time: DATEDIFF(year, Dec 31, Jan 1) = 1; weeks
//   start on Sunday.
// - DATEPART(weekday) is 1 for Sunday … 7 for Saturday (T-SQL's default DATEFIRST 7); week 1 is the
//   week holding 1 January; microsecond is the fraction of the second in microseconds.
// https://learn.microsoft.com/stream-analytics-query/dateadd-azure-stream-analytics
// https://learn.microsoft.com/stream-analytics-query/datediff-azure-stream-analytics
// https://learn.microsoft.com/stream-analytics-query/datepart-azure-stream-analytics
import {
  AsaDateTime,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  MS_PER_SECOND,
  TICKS_PER_MS,
} from '../types/index.ts';
import { SluiceError, assertNever } from '../common/index.ts';
import type { DatePart } from './date-part.ts';

function rangeError(): SluiceError {
  return new SluiceError('SLUICE_TYPES_DATETIME_RANGE', 'DATEADD result is outside 0001-01-01 to 9999-12-31', {
    domain: 'user',
    hint: 'check the amount added and the date',
  });
}

const MIN_MS = -62_135_596_800_000;
const MAX_MS = 253_402_300_799_999;

function make(ms: number, ticks: number): AsaDateTime {
  if (!(ms >= MIN_MS && ms <= MAX_MS)) throw rangeError();
  return new AsaDateTime(ms, ticks);
}

function addMonths(dt: AsaDateTime, months: number): AsaDateTime {
  const days = Math.floor(dt.epochMs / MS_PER_DAY);
  const msOfDay = dt.epochMs - days * MS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  if (y < 1 || y > 9999) throw rangeError();
  const d = Math.min(day, daysInMonth(y, m));
  return make(daysFromCivil(y, m, d) * MS_PER_DAY + msOfDay, dt.subMsTicks);
}

function addMs(dt: AsaDateTime, ms: number): AsaDateTime {
  return make(dt.epochMs + ms, dt.subMsTicks);
}

/** DATEADD(part, n, dt); `n` is already a whole number. */
export function dateAdd(part: DatePart, n: number, dt: AsaDateTime): AsaDateTime {
  switch (part) {
    case 'year':
      return addMonths(dt, n * 12);
    case 'quarter':
      return addMonths(dt, n * 3);
    case 'month':
      return addMonths(dt, n);
    case 'dayofyear':
    case 'day':
    case 'weekday':
      return addMs(dt, n * MS_PER_DAY);
    case 'week':
      return addMs(dt, n * 7 * MS_PER_DAY);
    case 'hour':
      return addMs(dt, n * MS_PER_HOUR);
    case 'minute':
      return addMs(dt, n * MS_PER_MINUTE);
    case 'second':
      return addMs(dt, n * MS_PER_SECOND);
    case 'millisecond':
      return addMs(dt, n);
    case 'microsecond': {
      const total = dt.subMsTicks + n * 10;
      const carry = Math.floor(total / TICKS_PER_MS);
      return make(dt.epochMs + carry, total - carry * TICKS_PER_MS);
    }
    default:
      return assertNever(part, 'date part');
  }
}

function dayNumber(dt: AsaDateTime): number {
  return Math.floor(dt.epochMs / MS_PER_DAY);
}

/** Index of the Sunday-started week a day falls in (1970-01-04 was a Sunday). */
function sundayWeek(days: number): number {
  return Math.floor((days - 3) / 7);
}

/** DATEDIFF(part, start, end): boundaries of `part` crossed going from start to end (signed). */
export function dateDiff(part: DatePart, start: AsaDateTime, end: AsaDateTime): number {
  switch (part) {
    case 'year':
    case 'quarter':
    case 'month': {
      const a = civilFromDays(dayNumber(start));
      const b = civilFromDays(dayNumber(end));
      if (part === 'year') return b.year - a.year;
      if (part === 'month') return b.year * 12 + b.month - (a.year * 12 + a.month);
      return b.year * 4 + Math.floor((b.month - 1) / 3) - (a.year * 4 + Math.floor((a.month - 1) / 3));
    }
    case 'dayofyear':
    case 'day':
    case 'weekday':
      return dayNumber(end) - dayNumber(start);
    case 'week':
      return sundayWeek(dayNumber(end)) - sundayWeek(dayNumber(start));
    case 'hour':
      return Math.floor(end.epochMs / MS_PER_HOUR) - Math.floor(start.epochMs / MS_PER_HOUR);
    case 'minute':
      return Math.floor(end.epochMs / MS_PER_MINUTE) - Math.floor(start.epochMs / MS_PER_MINUTE);
    case 'second':
      return Math.floor(end.epochMs / MS_PER_SECOND) - Math.floor(start.epochMs / MS_PER_SECOND);
    case 'millisecond':
      return end.epochMs - start.epochMs;
    case 'microsecond':
      return (end.epochMs - start.epochMs) * 1000 + (Math.floor(end.subMsTicks / 10) - Math.floor(start.subMsTicks / 10));
    default:
      return assertNever(part, 'date part');
  }
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayIndex(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

/** DATEPART(part, dt) as a number. */
export function datePartOf(part: DatePart, dt: AsaDateTime): number {
  const days = dayNumber(dt);
  const msOfDay = dt.epochMs - days * MS_PER_DAY;
  switch (part) {
    case 'year':
      return civilFromDays(days).year;
    case 'quarter':
      return Math.floor((civilFromDays(days).month - 1) / 3) + 1;
    case 'month':
      return civilFromDays(days).month;
    case 'day':
      return civilFromDays(days).day;
    case 'dayofyear':
      return days - daysFromCivil(civilFromDays(days).year, 1, 1) + 1;
    case 'week': {
      const jan1 = daysFromCivil(civilFromDays(days).year, 1, 1);
      return Math.floor((days - jan1 + weekdayIndex(jan1)) / 7) + 1;
    }
    case 'weekday':
      return weekdayIndex(days) + 1;
    case 'hour':
      return Math.floor(msOfDay / MS_PER_HOUR);
    case 'minute':
      return Math.floor((msOfDay % MS_PER_HOUR) / MS_PER_MINUTE);
    case 'second':
      return Math.floor((msOfDay % MS_PER_MINUTE) / MS_PER_SECOND);
    case 'millisecond':
      return msOfDay % MS_PER_SECOND;
    case 'microsecond':
      return (msOfDay % MS_PER_SECOND) * 1000 + Math.floor(dt.subMsTicks / 10);
    default:
      return assertNever(part, 'date part');
  }
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** DATENAME(part, dt): English month and weekday names (invariant culture), digits otherwise. */
export function dateNameOf(part: DatePart, dt: AsaDateTime): string {
  if (part === 'month') return MONTH_NAMES[civilFromDays(dayNumber(dt)).month - 1] as string;
  if (part === 'weekday') return DAY_NAMES[weekdayIndex(dayNumber(dt))] as string;
  return String(datePartOf(part, dt));
}
