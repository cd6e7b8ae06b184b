// TRANSLATE: replaces characters one for one, in a single pass.
// https://learn.microsoft.com/stream-analytics-query/translate-azure-stream-analytics
import type { AsaValue } from '../types/index.ts';
import { argValueError, stringArg } from './arg-check.ts';
import { defineScalar, refPage } from './function-def.ts';

let lastFrom = '';

let lastTo = '';

let lastMap = new Map<string, string>();

/**
 * One pass, each character replaced at most once; the two lists must have the same length (an
 * error otherwise); any NULL gives NULL. TRANSLATE('2*[3+4]/{7-2}', '[]{}', '()()') = '2*(3+4)/(7-2)'.
 */
export const TRANSLATE = defineScalar({
  name: 'TRANSLATE',
  category: 'string',
  minArgs: 3,
  doc: refPage('translate-azure-stream-analytics'),
  returnType: 'nvarchar(max)',
  invoke(args: readonly AsaValue[]): AsaValue {
    const s = stringArg('TRANSLATE', 0, args[0] ?? null);
    const from = stringArg('TRANSLATE', 1, args[1] ?? null);
    const to = stringArg('TRANSLATE', 2, args[2] ?? null);
    if (s === null || from === null || to === null) return null;
    if (from.length !== to.length) {
      throw argValueError('TRANSLATE', 2, `(translations) must be as long as the characters to replace (${to.length} vs ${from.length})`);
    }
    if (from !== lastFrom || to !== lastTo) {
      // The lists are nearly always constants: build the map once and keep it.
      const map = new Map<string, string>();
      for (let i = 0; i < from.length; i++) {
        const f = from[i] as string;
        if (!map.has(f)) map.set(f, to[i] as string);
      }
      lastFrom = from;
      lastTo = to;
      lastMap = map;
    }
    let out = '';
    for (let i = 0; i < s.length; i++) {
      const c = s[i] as string;
      out += lastMap.get(c) ?? c;
    }
    return out;
  },
});
