// Turns query text into tokens with spans. Handles [bracketed] and "double-quoted" names, 'strings',
// numbers, operators and both comment styles; reports unterminated literals where they start.
import type { SourcePosition, SourceSpan } from '../common/index.ts';
import { limitError, syntaxError, type SourceText } from './syntax-error.ts';
import { MAX_QUERY_LENGTH } from './limits.ts';
import { PUNCTUATION, type Token, type TokenKind } from './token.ts';

const WORD_START = /[\p{L}_@#]/u;
const WORD_PART = /[\p{L}\p{N}\p{M}_@#$]/u;
const DIGIT = /[0-9]/;

/** Splits `source.text` into tokens; the last token is always `eof`. */
export function tokenize(source: SourceText): Token[] {
  const text = source.text;
  const file = source.file;
  if (text.length > MAX_QUERY_LENGTH) {
    const at = { offset: 0, line: 1, column: 1 };
    throw limitError(source, mkSpan(file, at, at),
      `the query is ${text.length} characters long; sluice accepts at most ${MAX_QUERY_LENGTH}`,
      'split the job into smaller queries or remove generated text');
  }
  const tokens: Token[] = [];
  let offset = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (): SourcePosition => ({ offset, line, column: offset - lineStart + 1 });
  // Advances over text[offset .. to), keeping line and column right across newlines.
  const advanceTo = (to: number): void => {
    for (; offset < to; offset++) {
      const c = text.charCodeAt(offset);
      if (c === 10 || (c === 13 && text.charCodeAt(offset + 1) !== 10)) {
        line++;
        lineStart = offset + 1;
      }
    }
  };
  const push = (kind: TokenKind, value: string, start: SourcePosition): void => {
    tokens.push({ kind, value, upper: kind === 'word' ? value.toUpperCase() : '', span: mkSpan(file, start, pos()) });
  };
  // Reads a literal closed by `quote`, where a doubled quote stands for one; returns the decoded text.
  const readQuoted = (quote: string, what: string): string => {
    const start = pos();
    let i = offset + 1;
    let value = '';
    for (;;) {
      const at = text.indexOf(quote, i);
      if (at < 0) {
        throw syntaxError(source, mkSpan(file, start, { ...start, offset: start.offset + 1, column: start.column + 1 }),
          `unterminated ${what} starting at ${start.line}:${start.column}`,
          `close it with ${quote}${quote === "'" ? " (write '' for a quote inside a string)" : ''}`);
      }
      value += text.slice(i, at);
      if (text[at + 1] === quote) {
        value += quote;
        i = at + 2;
        continue;
      }
      advanceTo(at + 1);
      return value;
    }
  };

  while (offset < text.length) {
    const ch = text[offset] ?? '';
    const next = text[offset + 1] ?? '';
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v' || ch === '\u00a0' || ch === '\ufeff') {
      advanceTo(offset + 1);
      continue;
    }
    if (ch === '-' && next === '-') {
      let end = offset;
      while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
      advanceTo(end);
      continue;
    }
    if (ch === '/' && next === '*') {
      const start = pos();
      const end = text.indexOf('*/', offset + 2);
      if (end < 0) {
        throw syntaxError(source, mkSpan(file, start, { ...start, offset: start.offset + 2, column: start.column + 2 }),
          `unterminated comment starting at ${start.line}:${start.column}`, 'close it with */');
      }
      advanceTo(end + 2);
      continue;
    }
    const start = pos();
    if (WORD_START.test(ch)) {
      let end = offset + 1;
      while (end < text.length && WORD_PART.test(text[end] ?? '')) end++;
      const value = text.slice(offset, end);
      advanceTo(end);
      push('word', value, start);
      continue;
    }
    // `.5` is a number only where a value may start; after a name, `)` or `]` the dot walks into a record.
    const prev = tokens[tokens.length - 1];
    const leadingDot = ch === '.' && DIGIT.test(next)
      && (prev === undefined || (prev.kind === 'punct' && prev.value !== ')'));
    if (DIGIT.test(ch) || leadingDot) {
      const m = /^([0-9]+(\.[0-9]+)?|\.[0-9]+)([eE][+-]?[0-9]+)?/.exec(text.slice(offset, offset + 400));
      const value = m?.[0] ?? ch;
      const after = text[offset + value.length] ?? '';
      if (WORD_PART.test(after) || (after === '.' && DIGIT.test(text[offset + value.length + 1] ?? ''))) {
        let end = offset + value.length;
        while (end < text.length && (WORD_PART.test(text[end] ?? '') || text[end] === '.')) end++;
        throw syntaxError(source, mkSpan(file, start, { ...start, offset: end, column: start.column + end - offset }),
          `malformed number '${text.slice(offset, end)}'`,
          'numbers look like 12, 1.5 or 1e3; quote names that start with a digit as [name]');
      }
      advanceTo(offset + value.length);
      push('number', value, start);
      continue;
    }
    if (ch === "'") {
      push('string', readQuoted("'", 'string'), start);
      continue;
    }
    if (ch === '"') {
      push('quotedName', readQuoted('"', 'quoted name'), start);
      continue;
    }
    if (ch === '[') {
      // Brackets close at the first `]` that is not doubled; `[a]]b]` names `a]b`.
      const value = readQuoted(']', 'bracketed name');
      push('bracketName', value, start);
      continue;
    }
    const two = ch + next;
    const punct = PUNCTUATION.find((p) => p === two) ?? PUNCTUATION.find((p) => p === ch);
    if (punct !== undefined) {
      advanceTo(offset + punct.length);
      push('punct', punct, start);
      continue;
    }
    throw syntaxError(source, mkSpan(file, start, { ...start, offset: offset + 1, column: start.column + 1 }),
      `unexpected character '${ch}'`,
      ch === '`' ? 'quote names with [brackets] or "double quotes", not backticks' : undefined);
  }
  const end = pos();
  tokens.push({ kind: 'eof', value: '', upper: '', span: mkSpan(file, end, end) });
  return tokens;
}

function mkSpan(file: string | undefined, start: SourcePosition, end: SourcePosition): SourceSpan {
  return file === undefined ? { start, end } : { file, start, end };
}
