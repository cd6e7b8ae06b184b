// CONCAT and CONCAT_WS. NULL arguments count as empty strings, and all-NULL gives '' (CONCAT page:
// "CONCAT implicitly converts null values to empty strings"); CONCAT_WS skips NULLs without adding a
// separator for them. Non-string scalars are converted as CAST to nvarchar(max) would.
// https://learn.microsoft.com/stream-analytics-query/concat-azure-stream-analytics
// https://learn.microsoft.com/stream-analytics-query/concat-ws-azure-stream-analytics
import type { AsaValue } from '../types/index.ts';
import { stringArg } from './arg-check.ts';
import { defineScalar, refPage } from './function-def.ts';

export const CONCAT = defineScalar({
  name: 'CONCAT',
  category: 'string',
  minArgs: 2,
  maxArgs: Infinity,
  doc: refPage('concat-azure-stream-analytics'),
  returnType: 'nvarchar(max)',
  invoke(args: readonly AsaValue[]): AsaValue {
    let out = '';
    for (let i = 0; i < args.length; i++) {
      const s = stringArg('CONCAT', i, args[i] ?? null);
      if (s !== null) out += s;
    }
    return out;
  },
});

export const CONCAT_WS = defineScalar({
  name: 'CONCAT_WS',
  category: 'string',
  minArgs: 3,
  maxArgs: Infinity,
  doc: refPage('concat-ws-azure-stream-analytics'),
  returnType: 'nvarchar(max)',
  invoke(args: readonly AsaValue[]): AsaValue {
    const sep = stringArg('CONCAT_WS', 0, args[0] ?? null) ?? '';
    let out = '';
    let first = true;
    for (let i = 1; i < args.length; i++) {
      const s = stringArg('CONCAT_WS', i, args[i] ?? null);
      if (s === null) continue;
      out += first ? s : sep + s;
      first = false;
    }
    return out;
  },
});
