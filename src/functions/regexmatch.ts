// REGEXMATCH: 1-based position of the first match of a regular expression, 0 when none.
// https://learn.microsoft.com/stream-analytics-query/regexmatch-azure-stream-analytics
import type { AsaValue } from '../types/index.ts';
import { stringArg } from './arg-check.ts';
import { defineScalar, refPage } from './function-def.ts';

const regexCache = new Map<string, RegExp | null>();

/**
 * "Pattern is interpreted as single-line, case-insensitive, ECMAScript compatible regular
 * expression"; NULL if either argument is NULL; 0 for an invalid pattern. Single-line is .NET's
 * RegexOptions.Singleline, where `.` also matches a newline: JavaScript's `s` flag.
 */
export const REGEXMATCH = defineScalar({
  name: 'REGEXMATCH',
  category: 'string',
  minArgs: 2,
  doc: refPage('regexmatch-azure-stream-analytics'),
  returnType: 'bigint',
  invoke(args: readonly AsaValue[]): AsaValue {
    const s = stringArg('REGEXMATCH', 0, args[0] ?? null);
    const pattern = stringArg('REGEXMATCH', 1, args[1] ?? null);
    if (s === null || pattern === null) return null;
    let re = regexCache.get(pattern);
    if (re === undefined) {
      try {
        re = new RegExp(pattern, 'is');
      } catch {
        re = null;
      }
      if (regexCache.size >= 512) regexCache.clear();
      regexCache.set(pattern, re);
    }
    if (re === null) return 0;
    const m = re.exec(s);
    return m === null ? 0 : m.index + 1;
  },
});
