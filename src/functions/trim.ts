// LTRIM, RTRIM and TRIM remove Unicode white space — the SpaceSeparator, LineSeparator and
// ParagraphSeparator categories plus TAB, LF, VT, FF, CR and NEXT LINE — not just the space
// character as T-SQL does (TRIM page: "This behavior differs from the TRIM function of T-SQL").
// https://learn.microsoft.com/stream-analytics-query/trim-azure-stream-analytics
import type { AsaValue } from '../types/index.ts';
import { stringArg } from './arg-check.ts';
import { defineScalar, refPage } from './function-def.ts';

/** The exact set listed on the TRIM page (.NET Char.IsWhiteSpace). */
export function isAsaWhiteSpace(c: number): boolean {
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0) return true;
  if (c < 0x1680) return false;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

export function trimStart(s: string): string {
  let i = 0;
  while (i < s.length && isAsaWhiteSpace(s.charCodeAt(i))) i++;
  return i === 0 ? s : s.slice(i);
}

export function trimEnd(s: string): string {
  let end = s.length;
  while (end > 0 && isAsaWhiteSpace(s.charCodeAt(end - 1))) end--;
  return end === s.length ? s : s.slice(0, end);
}

function trimmer(name: string, page: string, fn: (s: string) => string) {
  return defineScalar({
    name,
    category: 'string',
    minArgs: 1,
    doc: refPage(page),
    returnType: 'nvarchar(max)',
    invoke(args: readonly AsaValue[]): AsaValue {
      const s = stringArg(name, 0, args[0] ?? null);
      return s === null ? null : fn(s);
    },
  });
}

export const LTRIM = trimmer('LTRIM', 'ltrim-azure-stream-analytics', trimStart);
export const RTRIM = trimmer('RTRIM', 'rtrim-azure-stream-analytics', trimEnd);
export const TRIM = trimmer('TRIM', 'trim-azure-stream-analytics', (s) => trimEnd(trimStart(s)));
