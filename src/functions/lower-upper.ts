// LOWER and UPPER: case conversion (locale-independent, like .NET's invariant culture). NULL gives NULL.
// https://learn.microsoft.com/stream-analytics-query/lower-azure-stream-analytics
// https://learn.microsoft.com/stream-analytics-query/upper-azure-stream-analytics
import type { AsaValue } from '../types/index.ts';
import { stringArg } from './arg-check.ts';
import { defineScalar, refPage } from './function-def.ts';

export const LOWER = defineScalar({
  name: 'LOWER',
  category: 'string',
  minArgs: 1,
  doc: refPage('lower-azure-stream-analytics'),
  returnType: 'nvarchar(max)',
  invoke(args: readonly AsaValue[]): AsaValue {
    const s = stringArg('LOWER', 0, args[0] ?? null);
    return s === null ? null : s.toLowerCase();
  },
});

export const UPPER = defineScalar({
  name: 'UPPER',
  category: 'string',
  minArgs: 1,
  doc: refPage('upper-azure-stream-analytics'),
  returnType: 'nvarchar(max)',
  invoke(args: readonly AsaValue[]): AsaValue {
    const s = stringArg('UPPER', 0, args[0] ?? null);
    return s === null ? null : s.toUpperCase();
  },
});
