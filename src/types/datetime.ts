// The ASA datetime: UTC, 100-nanosecond precision, years 0001–9999 (ASA runs on .NET's DateTime).
// Held as epoch milliseconds plus the 100-ns ticks inside that millisecond, because 100-ns ticks over the
// whole range (~3.2e18) do not fit a double exactly, while milliseconds (±2.6e14) do and make the common
// cases (Kafka timestamps, Date interop, window arithmetic) plain number operations.
// Source: "Data Types (Azure Stream Analytics)": "fractional seconds (7 digits, 100 nanoseconds
// precision) … relative to UTC".
import { SluiceError } from '../common/index.ts';
import { civilFromDays, daysFromCivil, daysInMonth, isLeapYear } from './calendar.ts';
import { formatDateTime } from './datetime-format.ts';

export { civilFromDays, daysFromCivil, daysInMonth, isLeapYear };

export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;
/** 100-ns ticks in one millisecond. */
export const TICKS_PER_MS = 10_000;

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.9999999Z in epoch milliseconds. */
export const MIN_EPOCH_MS = -62_135_596_800_000;
export const MAX_EPOCH_MS = 253_402_300_799_999;

/** Broken-down UTC fields of a datetime (month and day from 1, weekday 0 = Sunday). */
export interface DateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 100-ns ticks within the millisecond, 0–9999. */
  subMsTicks: number;
}

export class AsaDateTime {
  /** Milliseconds since 1970-01-01T00:00:00Z (may be negative), an integer. */
  readonly epochMs: number;
  /** 100-ns ticks inside that millisecond, 0–9999. */
  readonly subMsTicks: number;

  /** Prefer the factories; the constructor trusts its (integer, in-range) arguments. */
  constructor(epochMs: number, subMsTicks = 0) {
    this.epochMs = epochMs;
    this.subMsTicks = subMsTicks;
  }

  /** From epoch milliseconds (a Kafka timestamp, Date.getTime()); fractions of a ms become ticks. */
  static fromEpochMs(ms: number): AsaDateTime {
    const whole = Math.floor(ms);
    const ticks = Math.round((ms - whole) * TICKS_PER_MS);
    return checked(ticks === TICKS_PER_MS ? whole + 1 : whole, ticks === TICKS_PER_MS ? 0 : ticks);
  }

  static fromDate(date: Date): AsaDateTime {
    return AsaDateTime.fromEpochMs(date.getTime());
  }

  /**
   * From broken-down UTC parts. Throws a user error when a part is out of range (month 13, Feb 30 …),
   * as .NET's DateTime constructor (and so DATETIMEFROMPARTS) does.
   */
  static fromParts(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millisecond = 0, subMsTicks = 0): AsaDateTime {
    const dt = tryFromParts(year, month, day, hour, minute, second, millisecond, subMsTicks);
    if (dt === undefined) {
      throw new SluiceError('SLUICE_TYPES_DATETIME_RANGE', `invalid datetime parts: year ${year}, month ${month}, day ${day}, hour ${hour}, minute ${minute}, second ${second}, millisecond ${millisecond}`, {
        domain: 'user',
        hint: 'year 1–9999, month 1–12, a day that exists in that month, hour 0–23, minute and second 0–59, millisecond 0–999',
      });
    }
    return dt;
  }

  /** Total 100-ns ticks since the epoch as a JS bigint: exact, for hashing and checkpoints. */
  toEpochTicks(): bigint {
    return BigInt(this.epochMs) * 10_000n + BigInt(this.subMsTicks);
  }

  static fromEpochTicks(ticks: bigint): AsaDateTime {
    let ms = ticks / 10_000n;
    let rem = ticks % 10_000n;
    if (rem < 0n) {
      rem += 10_000n;
      ms -= 1n;
    }
    return checked(Number(ms), Number(rem));
  }

  /** A JS Date (millisecond precision: sub-millisecond ticks are dropped, as ASA does for JS UDFs). */
  toDate(): Date {
    return new Date(this.epochMs);
  }

  parts(): DateTimeParts {
    const days = Math.floor(this.epochMs / MS_PER_DAY);
    const msOfDay = this.epochMs - days * MS_PER_DAY;
    const civil = civilFromDays(days);
    return {
      year: civil.year,
      month: civil.month,
      day: civil.day,
      hour: Math.floor(msOfDay / MS_PER_HOUR),
      minute: Math.floor((msOfDay % MS_PER_HOUR) / MS_PER_MINUTE),
      second: Math.floor((msOfDay % MS_PER_MINUTE) / MS_PER_SECOND),
      millisecond: msOfDay % MS_PER_SECOND,
      subMsTicks: this.subMsTicks,
    };
  }

  /** Negative, zero or positive, like a sort comparator. */
  compareTo(other: AsaDateTime): number {
    return this.epochMs !== other.epochMs ? (this.epochMs < other.epochMs ? -1 : 1) : this.subMsTicks - other.subMsTicks;
  }

  equals(other: AsaDateTime): boolean {
    return this.epochMs === other.epochMs && this.subMsTicks === other.subMsTicks;
  }

  /** ASA's output form: `2023-01-01T00:00:10.0000000Z`. */
  toString(): string {
    return formatDateTime(this);
  }

  toJSON(): string {
    return formatDateTime(this);
  }
}

/** Builds a datetime or returns undefined when a part is out of range; never throws. */
export function tryFromParts(year: number, month: number, day: number, hour: number, minute: number, second: number, millisecond: number, subMsTicks: number): AsaDateTime | undefined {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return undefined;
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) return undefined;
  if (!Number.isInteger(minute) || minute < 0 || minute > 59) return undefined;
  if (!Number.isInteger(second) || second < 0 || second > 59) return undefined;
  if (!Number.isInteger(millisecond) || millisecond < 0 || millisecond > 999) return undefined;
  if (!Number.isInteger(subMsTicks) || subMsTicks < 0 || subMsTicks > 9999) return undefined;
  const ms = daysFromCivil(year, month, day) * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * MS_PER_SECOND + millisecond;
  return new AsaDateTime(ms, subMsTicks);
}

/** Builds from epoch ms + ticks, throwing when the result leaves 0001–9999. */
export function checked(epochMs: number, subMsTicks: number): AsaDateTime {
  if (!(epochMs >= MIN_EPOCH_MS && epochMs <= MAX_EPOCH_MS)) {
    throw new SluiceError('SLUICE_TYPES_DATETIME_RANGE', 'datetime result is outside 0001-01-01 to 9999-12-31', {
      domain: 'user',
      hint: 'check the DATEADD amount or the input timestamp',
    });
  }
  return new AsaDateTime(epochMs, subMsTicks);
}
