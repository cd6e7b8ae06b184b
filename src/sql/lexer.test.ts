import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSluiceError } from '../common/index.ts';
import { tokenize } from './lexer.ts';
import type { Token } from './token.ts';

const lex = (text: string): Token[] => tokenize({ text, file: undefined });
const kinds = (text: string): string[] => lex(text).map((t) => `${t.kind}:${t.value}`);

function lexError(text: string): { message: string; line: number; column: number } {
  try {
    lex(text);
  } catch (e) {
    if (!isSluiceError(e) || !e.span) throw e;
    assert.equal(e.code, 'SLUICE_SQL_SYNTAX');
    return { message: e.message, line: e.span.start.line, column: e.span.start.column };
  }
  assert.fail(`expected a lexer error for ${text}`);
}

describe('lexer', () => {
  it('reads words with their upper-cased form, keeping the original spelling', () => {
    const [t] = lex('Select');
    assert.equal(t?.kind, 'word');
    assert.equal(t?.value, 'Select');
    assert.equal(t?.upper, 'SELECT');
  });

  it('reads every operator, longest first', () => {
    assert.deepEqual(kinds('= <> != > >= !> < <= !< + - * / % & | ^ ~ . , ( ) ;').slice(0, -1),
      ['=', '<>', '!=', '>', '>=', '!>', '<', '<=', '!<', '+', '-', '*', '/', '%', '&', '|', '^', '~', '.', ',', '(', ')', ';']
        .map((p) => `punct:${p}`));
  });

  it('reads integers, decimals and exponents as numbers', () => {
    assert.deepEqual(kinds('12 1.5 1e3 2.5E-2'), ['number:12', 'number:1.5', 'number:1e3', 'number:2.5E-2', 'eof:']);
  });

  it('reads .5 as a number where a value starts, but a.b as a path', () => {
    assert.deepEqual(kinds('(.5) a.b f(x).c'), ['punct:(', 'number:.5', 'punct:)', 'word:a', 'punct:.', 'word:b',
      'word:f', 'punct:(', 'word:x', 'punct:)', 'punct:.', 'word:c', 'eof:']);
  });

  it('decodes strings with doubled quotes', () => {
    assert.deepEqual(kinds("'it''s' ''"), ["string:it's", 'string:', 'eof:']);
  });

  it('decodes [bracketed] names with ]] and "double-quoted" names with ""', () => {
    assert.deepEqual(kinds('[a]]b] [my field] "x.y" "a""b"'),
      ['bracketName:a]b', 'bracketName:my field', 'quotedName:x.y', 'quotedName:a"b', 'eof:']);
  });

  it('skips -- and /* */ comments, also between tokens on several lines', () => {
    assert.deepEqual(kinds('a -- one\n/* two\nlines */ b--end'), ['word:a', 'word:b', 'eof:']);
  });

  it('gives every token a span with offset, line and column', () => {
    const tokens = lex('SELECT a\n  FROM [in put]');
    const from = tokens[2];
    assert.deepEqual(from?.span, { start: { offset: 11, line: 2, column: 3 }, end: { offset: 15, line: 2, column: 7 } });
    const name = tokens[3];
    assert.deepEqual([name?.span.start.column, name?.span.end.column], [8, 16]);
  });

  it('keeps line numbers right after a string or comment spanning lines', () => {
    const tokens = lex("'a\nb' /* c\nd */ x");
    assert.deepEqual(tokens[1]?.span.start, { offset: 16, line: 3, column: 6 });
  });

  it('records the file name in spans', () => {
    assert.equal(tokenize({ text: 'a', file: 'job.asaql' })[0]?.span.file, 'job.asaql');
  });

  it('reports an unterminated string where it starts', () => {
    const e = lexError("SELECT a\nFROM i WHERE s = 'abc");
    assert.deepEqual([e.line, e.column], [2, 18]);
    assert.match(e.message, /unterminated string starting at 2:18/);
  });

  it('reports unterminated names and comments', () => {
    assert.match(lexError('SELECT [abc FROM x').message, /unterminated bracketed name starting at 1:8/);
    assert.match(lexError('SELECT "abc').message, /unterminated quoted name/);
    assert.match(lexError('SELECT 1 /* no end').message, /unterminated comment starting at 1:10/);
  });

  it('rejects stray characters and malformed numbers', () => {
    const e = lexError('SELECT a ! b');
    assert.equal(e.message, "unexpected character '!'");
    assert.deepEqual([e.line, e.column], [1, 10]);
    assert.match(lexError('SELECT 12abc FROM i').message, /malformed number '12abc'/);
  });
});
