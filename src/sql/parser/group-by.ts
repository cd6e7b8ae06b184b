// GROUP BY items: key expressions, window definitions (Tumbling, Hopping, Sliding, Session) and Windows(…).
import {
  stringLiteral, timeSpan, windowDef, windows, windowsMember,
  type Expression, type GroupByItem, type Identifier, type StringLiteral, type TimeSpan, type Window, type WindowType,
  type Windows, type WindowsMember,
} from '../ast/index.ts';
import type { Token } from '../token.ts';
import { parseExpression } from './expression.ts';
import { parseTimeSpan } from './over.ts';
import type { Parser } from './parser.ts';

const WINDOW_NAMES: Readonly<Record<string, WindowType>> = {
  TUMBLINGWINDOW: 'tumbling', TUMBLING: 'tumbling',
  HOPPINGWINDOW: 'hopping', HOPPING: 'hopping',
  SLIDINGWINDOW: 'sliding', SLIDING: 'sliding',
  SESSIONWINDOW: 'session', SESSION: 'session',
};

/** Parts of the long form, and which windows take them (learn.microsoft.com/stream-analytics-query/*-window-…). */
type Part = 'size' | 'hop' | 'offset' | 'maxDuration';
const LONG_PARTS: Readonly<Record<string, Part>> = { DURATION: 'size', TIMEOUT: 'size', HOP: 'hop', OFFSET: 'offset', MAXDURATION: 'maxDuration' };
const SHORT_FORMS: Readonly<Record<WindowType, { parts: readonly Part[]; required: number; usage: string }>> = {
  tumbling: { parts: ['size', 'offset'], required: 1, usage: 'TumblingWindow(unit, size[, offset])' },
  hopping: { parts: ['size', 'hop', 'offset'], required: 2, usage: 'HoppingWindow(unit, size, hop[, offset])' },
  sliding: { parts: ['size'], required: 1, usage: 'SlidingWindow(unit, size)' },
  session: { parts: ['size', 'maxDuration'], required: 2, usage: 'SessionWindow(unit, timeout, maxDuration)' },
};
const LONG_NAMES: Readonly<Record<WindowType, Readonly<Partial<Record<Part, string>>>>> = {
  tumbling: { size: 'DURATION', offset: 'OFFSET' },
  hopping: { size: 'DURATION', hop: 'HOP', offset: 'OFFSET' },
  sliding: { size: 'DURATION' },
  session: { size: 'TIMEOUT', maxDuration: 'MAXDURATION' },
};

/**
 * group_by ::= GROUP BY group_by_item [, group_by_item]*
 * group_by_item ::= window | windows | expr      (window and keys in any order;
 * learn.microsoft.com/stream-analytics-query/group-by-azure-stream-analytics)
 */
export function parseGroupByItems(p: Parser): GroupByItem[] {
  return p.list(() => parseGroupByItem(p));
}

function parseGroupByItem(p: Parser): GroupByItem {
  if (p.isWord('WINDOWS') && p.isPunct('(', 1)) return parseWindows(p);
  if (isWindowStart(p)) return parseWindow(p);
  return parseExpression(p);
}

function isWindowStart(p: Parser): boolean {
  const t = p.peek();
  return t.kind === 'word' && WINDOW_NAMES[t.upper] !== undefined && p.isPunct('(', 1);
}

/**
 * window ::= window_name '(' time_unit ',' size [',' more]* ')'                      -- short form
 *          | window_name '(' (Duration|Hop|Offset|Timeout|MaxDuration) time_span [, …] ')'   -- long form
 *          [OVER '(' PARTITION BY expr [, …] ')']                                    -- session only
 */
export function parseWindow(p: Parser): Window {
  const nameTok = p.next();
  const windowType = WINDOW_NAMES[nameTok.upper] as WindowType;
  const open = p.expectPunct('(', `after ${nameTok.value}`);
  const isLong = p.peek().kind === 'word' && LONG_PARTS[p.peek().upper] !== undefined && p.isPunct('(', 1);
  const parts: Partial<Record<Part, TimeSpan>> = isLong ? parseLongParts(p, nameTok, windowType) : parseShortParts(p, nameTok, windowType);
  p.expectPunct(')', `to close ${nameTok.value}( opened at ${open.span.start.line}:${open.span.start.column}`,
    `write ${SHORT_FORMS[windowType].usage}`);
  let partitionBy: Expression[] = [];
  if (windowType === 'session' && p.isWord('OVER')) {
    p.next();
    p.expectPunct('(', 'after OVER');
    p.expectWord('PARTITION', 'in the OVER clause of a session window', 'write SessionWindow(…) OVER (PARTITION BY key)');
    p.expectWord('BY', 'after PARTITION');
    partitionBy = p.list(() => parseExpression(p));
    p.expectPunct(')', 'to close OVER (PARTITION BY …)');
  }
  const size = parts.size;
  if (size === undefined) {
    throw p.error(p.spanFrom(nameTok), `${nameTok.value} needs a ${windowType === 'session' ? 'timeout' : 'size'}`,
      `write ${SHORT_FORMS[windowType].usage}`);
  }
  return windowDef({
    windowType, spelling: nameTok.value, form: isLong ? 'long' : 'short', size,
    hop: parts.hop, offset: parts.offset, maxDuration: parts.maxDuration, partitionBy, span: p.spanFrom(nameTok),
  });
}

function parseShortParts(p: Parser, nameTok: Token, windowType: WindowType): Partial<Record<Part, TimeSpan>> {
  const form = SHORT_FORMS[windowType];
  const unit: Identifier = p.name(`a time unit (second, minute, hour, …) as the first argument of ${nameTok.value}`);
  const out: Partial<Record<Part, TimeSpan>> = {};
  let count = 0;
  while (p.optionalPunct(',')) {
    const part = form.parts[count];
    if (part === undefined) {
      throw p.error(p.previous().span, `too many arguments for ${nameTok.value}`, `write ${form.usage}`);
    }
    const amount = parseExpression(p);
    out[part] = timeSpan({ unit, amount, span: amount.span });
    count++;
  }
  if (count < form.required) {
    throw p.unexpected(`expected ',' and more arguments in ${nameTok.value}(…)`, `write ${form.usage}`, []);
  }
  return out;
}

function parseLongParts(p: Parser, nameTok: Token, windowType: WindowType): Partial<Record<Part, TimeSpan>> {
  const allowed = LONG_NAMES[windowType];
  const out: Partial<Record<Part, TimeSpan>> = {};
  do {
    const t = p.peek();
    const part = t.kind === 'word' ? LONG_PARTS[t.upper] : undefined;
    if (part === undefined || allowed[part] !== t.upper) {
      const names = Object.values(allowed).map((n) => `${n[0]}${n.slice(1).toLowerCase()}(…)`).join(', ');
      throw p.unexpected(`expected one of ${names} in ${nameTok.value}(…)`, undefined, Object.values(allowed));
    }
    if (out[part] !== undefined) throw p.error(t.span, `${t.value}(…) appears twice in ${nameTok.value}`);
    p.next();
    out[part] = parseTimeSpan(p, parseExpression, t.value);
  } while (p.optionalPunct(','));
  return out;
}

/**
 * windows ::= WINDOWS '(' windows_member [, windows_member]* ')'
 * windows_member ::= WINDOW '(' 'id' ',' window ')' | window [AS 'id'] | expr   (e.g. System.Timestamp())
 * (learn.microsoft.com/stream-analytics-query/windows-azure-stream-analytics documents the Window('id', …) form)
 */
function parseWindows(p: Parser): Windows {
  const start = p.next();
  p.expectPunct('(', 'after Windows');
  const members = p.list((): WindowsMember => {
    const m = p.peek();
    if (p.isWord('WINDOW') && p.isPunct('(', 1)) {
      p.next();
      p.next();
      const id = parseWindowId(p);
      p.expectPunct(',', "after the window id in Window('id', window)");
      if (!isWindowStart(p)) throw p.unexpected("expected a window (TumblingWindow(…), HoppingWindow(…), …) in Window('id', …)");
      const window = parseWindow(p);
      p.expectPunct(')', "to close Window('id', …)");
      return windowsMember({ id, idSyntax: 'window', window, span: p.spanFrom(m) });
    }
    if (isWindowStart(p)) {
      const window = parseWindow(p);
      const id = p.optionalWord('AS') ? parseWindowId(p) : undefined;
      return windowsMember({ id, idSyntax: id === undefined ? undefined : 'as', window, span: p.spanFrom(m) });
    }
    const window = parseExpression(p);
    return windowsMember({ id: undefined, idSyntax: undefined, window, span: p.spanFrom(m) });
  });
  p.expectPunct(')', 'to close Windows(');
  return windows({ spelling: start.value, members, span: p.spanFrom(start) });
}

function parseWindowId(p: Parser): StringLiteral {
  const t = p.peek();
  if (t.kind !== 'string') throw p.unexpected("expected a window id in single quotes, e.g. 'hourly'");
  p.next();
  return stringLiteral({ value: t.value, span: t.span });
}
