// DATETIMEFROMPARTS(year, month, day, hour, minute, seconds, milliseconds) builds a datetime.
// https://learn.microsoft.com/stream-analytics-query/datetimefromparts-azure-stream-analytics
import { AsaDateTime, type AsaValue } from '../types/index.ts';
import { integerArg } from './arg-check.ts';
import { defineScalar, refPage } from './function-def.ts';

/**
 * DATETIMEFROMPARTS(year, month, day, hour, minute, seconds, milliseconds). A part out of range
 * (month 13, minute 60) is an error, as .NET's DateTime constructor and T-SQL both make it.
 */
export const DATETIMEFROMPARTS = defineScalar({
  name: 'DATETIMEFROMPARTS',
  category: 'datetime',
  minArgs: 7,
  doc: refPage('datetimefromparts-azure-stream-analytics'),
  returnType: 'datetime',
  invoke(args: readonly AsaValue[]): AsaValue {
    const p: number[] = [];
    for (let i = 0; i < 7; i++) {
      const v = integerArg('DATETIMEFROMPARTS', i, args[i] ?? null);
      if (v === null) return null;
      p.push(v);
    }
    const [y, mo, d, h, mi, s, ms] = p as [number, number, number, number, number, number, number];
    return AsaDateTime.fromParts(y, mo, d, h, mi, s, ms);
  },
});
