// Prints a datetime the way ASA writes it to JSON and CSV outputs: `yyyy-MM-ddTHH:mm:ss.fffffffZ`,
// always seven fractional digits and a `Z` (e.g. `2021-12-10T10:00:00.0000000Z` in the "Input
// validation" article, https://learn.microsoft.com/azure/stream-analytics/input-validation).
import { civilFromDays } from './calendar.ts';
import type { AsaDateTime } from './datetime.ts';

const MS_PER_DAY = 86_400_000;

// Results of one window share its end time (System.Timestamp()), printed once per row: the last text is kept.
let lastMs = NaN;
let lastTicks = NaN;
let lastText = '';

export function formatDateTime(dt: AsaDateTime): string {
  if (dt.epochMs === lastMs && dt.subMsTicks === lastTicks) return lastText;
  lastText = formatFresh(dt);
  lastMs = dt.epochMs;
  lastTicks = dt.subMsTicks;
  return lastText;
}

function formatFresh(dt: AsaDateTime): string {
  const days = Math.floor(dt.epochMs / MS_PER_DAY);
  let msOfDay = dt.epochMs - days * MS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  const hour = Math.floor(msOfDay / 3_600_000);
  msOfDay -= hour * 3_600_000;
  const minute = Math.floor(msOfDay / 60_000);
  msOfDay -= minute * 60_000;
  const second = Math.floor(msOfDay / 1000);
  const fraction = (msOfDay - second * 1000) * 10_000 + dt.subMsTicks;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${pad(fraction, 7)}Z`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
