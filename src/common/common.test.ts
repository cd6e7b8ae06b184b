import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SluiceError, positionAt, printCodeFrame, redact, type SourceSpan } from './index.ts';

describe('positionAt', () => {
  it('counts lines and columns from 1', () => {
    assert.deepEqual(positionAt('ab\ncd', 4), { offset: 4, line: 2, column: 2 });
    assert.deepEqual(positionAt('ab', 0), { offset: 0, line: 1, column: 1 });
  });
});

describe('printCodeFrame', () => {
  it('underlines the span and shows a line of context', () => {
    const text = 'SELECT *\nFROM input\nWHER x > 1';
    const span: SourceSpan = { start: positionAt(text, 20), end: positionAt(text, 24) };
    assert.equal(printCodeFrame(text, span), ['  2 | FROM input', '> 3 | WHER x > 1', '    | ^^^^'].join('\n'));
  });
});

describe('SluiceError', () => {
  it('formats location, code, frame and hint', () => {
    const text = 'SELECT * FROM';
    const span: SourceSpan = { file: 'q.asaql', start: positionAt(text, 13), end: positionAt(text, 13) };
    const err = new SluiceError('SLUICE_SQL_SYNTAX', 'expected an input name after FROM', {
      domain: 'user', span, sourceText: text, hint: 'name an input or a WITH step',
    });
    assert.equal(err.retryable, false);
    assert.equal(err.format(), [
      'q.asaql:1:14: expected an input name after FROM [SLUICE_SQL_SYNTAX]',
      '> 1 | SELECT * FROM',
      '    |              ^',
      'hint: name an input or a WITH step',
    ].join('\n'));
  });

  it('marks internal errors as bugs and external ones as retryable', () => {
    assert.match(new SluiceError('SLUICE_INTERNAL', 'boom', { domain: 'internal' }).message, /bug in sluice/);
    assert.equal(new SluiceError('SLUICE_KAFKA_UNREACHABLE', 'down', { domain: 'external' }).retryable, true);
  });
});

describe('redact', () => {
  it('replaces every occurrence literally', () => {
    assert.equal(redact('pw=a.b*c and a.b*c', ['a.b*c']), 'pw=*** and ***');
  });
});
