// Parses the ISO 8601 text forms ASA turns into datetime (CAST, TRY_CAST, TIMESTAMP BY, implicit
// conversion in DATEADD & co). A hand-written scanner, not a RegExp, because TIMESTAMP BY runs it per
// event. Accepted (case-insensitive `T`/`Z`, surrounding whitespace ignored):
//   2023-01-01                         date only: midnight UTC
//   2023-01-01T10:00 / 2023-01-01 10:00    `T` or spaces between date and time
//   2023-01-01T10:00:00[.f…]           1 or more fractional digits; past 7 they round to 100 ns
//   …Z | …+02:00 | …+0200 | …+02       an offset is converted to UTC ("Time management" page:
//                                      all times are UTC); no offset means UTC
//   2023/01/01 …                       `/` as date separator, as .NET's invariant parser allows
// Documented examples: `2021-12-10T10:00:00` → `2021-12-10T10:00:00.0000000Z` (input-validation
// article), `'2014-09-10 12:00:00'` (DATEDIFF page), `'1970-01-01T00:00:00Z'` (TIMESTAMP BY page).
import { AsaDateTime, MAX_EPOCH_MS, MIN_EPOCH_MS, daysFromCivil, daysInMonth } from './datetime.ts';

/** Returns the datetime, or undefined when the text is not one of the accepted forms. Never throws. */
export function parseDateTime(text: string): AsaDateTime | undefined {
  let i = 0;
  let end = text.length;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  while (end > i && isSpace(text.charCodeAt(end - 1))) end--;

  const year = digits(text, i, 4, end);
  if (year < 1) return undefined;
  i += 4;
  const sep = text.charCodeAt(i);
  if (sep !== 45 /* - */ && sep !== 47 /* / */) return undefined;
  i++;
  const month = digits(text, i, 2, end);
  if (month < 1 || month > 12) return undefined;
  i += 2;
  if (text.charCodeAt(i) !== sep) return undefined;
  i++;
  const day = digits(text, i, 2, end);
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  i += 2;

  let hour = 0;
  let minute = 0;
  let second = 0;
  let fractionTicks = 0; // 100-ns ticks within the second
  if (i < end) {
    const c = text.charCodeAt(i);
    if (c === 84 /* T */ || c === 116 /* t */) {
      i++;
      if (i >= end) return undefined; // a `T` promises a time
    } else if (c === 32) {
      while (i < end && text.charCodeAt(i) === 32) i++;
    } else if (!isZoneStart(c)) {
      return undefined;
    }
    if (i < end && !isZoneStart(text.charCodeAt(i))) {
      hour = digits(text, i, 2, end);
      if (hour < 0 || hour > 23) return undefined;
      i += 2;
      if (text.charCodeAt(i) !== 58 /* : */) return undefined;
      i++;
      minute = digits(text, i, 2, end);
      if (minute < 0 || minute > 59) return undefined;
      i += 2;
      if (i < end && text.charCodeAt(i) === 58) {
        i++;
        second = digits(text, i, 2, end);
        if (second < 0 || second > 59) return undefined;
        i += 2;
        if (i < end && (text.charCodeAt(i) === 46 /* . */ || text.charCodeAt(i) === 44 /* , */)) {
          i++;
          const start = i;
          let value = 0;
          let scale = 1_000_000; // weight of the first digit in ticks
          let roundUp = false;
          while (i < end) {
            const d = text.charCodeAt(i) - 48;
            if (d < 0 || d > 9) break;
            if (scale >= 1) {
              value += d * scale;
              scale /= 10;
            } else if (scale !== -1) {
              roundUp = d >= 5; // the 8th digit decides rounding; later digits are ignored
              scale = -1;
            }
            i++;
          }
          if (i === start) return undefined;
          fractionTicks = value + (roundUp ? 1 : 0);
        }
      }
    }
  }

  let offsetMinutes = 0;
  if (i < end) {
    const c = text.charCodeAt(i);
    if (c === 90 /* Z */ || c === 122 /* z */) {
      i++;
    } else if (c === 43 /* + */ || c === 45 /* - */) {
      i++;
      const oh = digits(text, i, 2, end);
      if (oh < 0 || oh > 14) return undefined;
      i += 2;
      let om = 0;
      if (i < end) {
        if (text.charCodeAt(i) === 58) i++;
        om = digits(text, i, 2, end);
        if (om < 0 || om > 59) return undefined;
        i += 2;
      }
      offsetMinutes = (oh * 60 + om) * (c === 45 ? -1 : 1);
    } else {
      return undefined;
    }
  }
  if (i !== end) return undefined;

  let ms = daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 - offsetMinutes * 60_000;
  let ticks = fractionTicks;
  if (ticks >= 10_000_000) {
    // .9999999x rounded up into the next second
    ms += 1000;
    ticks -= 10_000_000;
  }
  ms += Math.floor(ticks / 10_000);
  ticks %= 10_000;
  if (ms < MIN_EPOCH_MS || ms > MAX_EPOCH_MS) return undefined;
  return new AsaDateTime(ms, ticks);
}

/** Reads exactly `count` ASCII digits at `at`; -1 when any is missing. */
function digits(text: string, at: number, count: number, end: number): number {
  if (at + count > end) return -1;
  let n = 0;
  for (let k = 0; k < count; k++) {
    const d = text.charCodeAt(at + k) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isZoneStart(c: number): boolean {
  return c === 90 || c === 122 || c === 43 || c === 45;
}
