// LIKE and PATINDEX wildcard patterns, compiled once to a RegExp and cached by pattern text.
// Wildcards follow T-SQL, which ASA's LIKE and PATINDEX inherit: `%` any run of characters, `_` one
// character, `[abc]` / `[a-f]` a set or range, `[^…]` its complement; an optional ESCAPE character
// makes the next character literal. ASA documents only `%` (WHERE page, PATINDEX page); the rest is
// T-SQL's meaning, and a `[` without its `]` is taken literally rather than failing.
// Case: LIKE is case-sensitive by default here, because ASA compares strings ordinally; the
// `caseInsensitive` option exists for the day the docs say otherwise (README: open question).
import { convert, type AsaValue, type Bool3 } from '../types/index.ts';

export interface LikeOptions {
  readonly caseInsensitive?: boolean;
  /** The ESCAPE character, if the expression gave one. */
  readonly escape?: string;
}

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/-]/;

function escapeChar(ch: string): string {
  return REGEX_SPECIAL.test(ch) ? `\\${ch}` : ch;
}

/** The RegExp source (without anchors) that matches what `pattern` matches. */
export function likePatternSource(pattern: string, escape?: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (escape !== undefined && ch === escape && i + 1 < pattern.length) {
      out += escapeChar(pattern[++i] as string);
    } else if (ch === '%') {
      out += '[\\s\\S]*';
    } else if (ch === '_') {
      out += '[\\s\\S]';
    } else if (ch === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      let negate = false;
      if (body.startsWith('^') && body.length > 1) {
        negate = true;
        body = body.slice(1);
      }
      let cls = '';
      for (let k = 0; k < body.length; k++) {
        const c = body[k] as string;
        // A dash between two characters is a range; anywhere else it is literal.
        cls += c === '-' && k > 0 && k < body.length - 1 ? '-' : escapeChar(c);
      }
      out += `[${negate ? '^' : ''}${cls}]`;
      i = close;
    } else {
      out += escapeChar(ch);
    }
  }
  return out;
}

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 512;

function cached(key: string, build: () => RegExp): RegExp {
  let re = cache.get(key);
  if (re === undefined) {
    // Patterns are almost always constants; a pattern per event would otherwise grow this forever.
    if (cache.size >= CACHE_LIMIT) cache.clear();
    re = build();
    cache.set(key, re);
  }
  return re;
}

/** A RegExp that tests whether a whole string matches a LIKE pattern. */
export function compileLikePattern(pattern: string, options: LikeOptions = {}): RegExp {
  const flags = options.caseInsensitive ? 'i' : '';
  return cached(`L${flags}${options.escape ?? ''}\u0000${pattern}`, () => new RegExp(`^(?:${likePatternSource(pattern, options.escape)})$`, flags));
}

/** `value LIKE pattern`: UNKNOWN (null) when either side is NULL ("NULL LIKE … fails", WHERE page). */
export function like(value: AsaValue, pattern: AsaValue, options?: LikeOptions): Bool3 {
  if (value === null || pattern === null) return null;
  // Other scalars are matched on their text, as T-SQL converts them; records and arrays never match.
  const text = typeof value === 'string' ? value : convert(value, 'nvarchar(max)');
  const pat = typeof pattern === 'string' ? pattern : convert(pattern, 'nvarchar(max)');
  if (typeof text !== 'string' || typeof pat !== 'string') return null;
  return compileLikePattern(pat, options).test(text);
}

/**
 * PATINDEX's search: the 1-based position of the first place where the rest of the string matches
 * `pattern`, or 0. A leading `%` lets the match start anywhere; without it, only position 1 can
 * match; without a trailing `%` the match must reach the end of the string.
 */
export function patternIndex(pattern: string, value: string): number {
  const re = cached(`P\u0000${pattern}`, () => {
    const floating = pattern.startsWith('%');
    const rest = floating ? pattern.replace(/^%+/, '') : pattern;
    const open = rest.endsWith('%') && !rest.endsWith('[%]');
    const body = likePatternSource(open ? rest.replace(/%+$/, '') : rest);
    return new RegExp(`${floating ? '' : '^'}(?:${body})${open ? '' : '$'}`);
  });
  const m = re.exec(value);
  return m === null ? 0 : m.index + 1;
}
