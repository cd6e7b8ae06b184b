// Durations as ASA writes them: .NET TimeSpan strings ("00:05:00", "1.00:00:00") in output files
// (MaximumTime) and refresh rates; a plain number means seconds.
import { z } from 'zod';
import { describeType } from './case-insensitive.ts';

const TIME_SPAN = /^\s*(?:(\d+)[.:])?(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?\s*$/;

/** Seconds in a TimeSpan string, or undefined when it is not one. */
export function parseTimeSpanSeconds(value: string): number | undefined {
  const m = TIME_SPAN.exec(value);
  if (!m) return undefined;
  const [days, hours, minutes, seconds] = [m[1], m[2], m[3], m[4]].map((p) => Number(p ?? 0)) as [number, number, number, number];
  if (minutes > 59 || seconds > 59) return undefined;
  return ((days * 24 + hours) * 60 + minutes) * 60 + seconds;
}

/** A duration in seconds, written as "hh:mm:ss", "d.hh:mm:ss" or a number of seconds. */
export function durationSeconds(): z.ZodType<number> {
  return z.preprocess(
    (v) => (typeof v === 'string' ? (parseTimeSpanSeconds(v) ?? (/^\s*\d+\s*$/.test(v) ? Number(v) : v)) : v),
    z.number({
      error: (i) => (i.input === undefined ? 'is required'
        : typeof i.input === 'string' ? `is ${JSON.stringify(i.input)}, which is not a duration; write "hh:mm:ss" (e.g. "00:05:00") or seconds`
        : `must be a duration ("hh:mm:ss") or seconds; found ${describeType(i.input)}`),
    }).nonnegative({ error: 'must not be negative' }),
  );
}
