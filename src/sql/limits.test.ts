import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSluiceError } from '../common/index.ts';
import { MAX_NESTING_DEPTH, MAX_QUERY_LENGTH, parseExpression, parseScript } from './index.ts';

function limitError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (!isSluiceError(e)) throw e;
    assert.equal(e.code, 'SLUICE_SQL_LIMIT');
    assert.equal(e.domain, 'user');
    return e.message;
  }
  assert.fail('expected a limit error');
}

describe('limits', () => {
  it('accepts nesting below the limit', () => {
    const depth = MAX_NESTING_DEPTH - 10;
    assert.equal(parseExpression(`${'('.repeat(depth)}1${')'.repeat(depth)}`).kind, 'NumberLiteral');
  });

  it('rejects deeper nesting with a clear message instead of overflowing the stack', () => {
    const depth = MAX_NESTING_DEPTH + 1;
    assert.match(limitError(() => parseExpression(`${'('.repeat(depth)}1${')'.repeat(depth)}`)), /nests expressions more than 200 levels/);
    assert.match(limitError(() => parseExpression(`${'f('.repeat(depth)}1${')'.repeat(depth)}`)), /more than 200 levels/);
    assert.match(limitError(() => parseExpression(`${'-'.repeat(depth * 2).split('').join(' ')}1`)), /more than 200 levels/);
  });

  it('rejects a query over the length limit before tokenizing it', () => {
    const text = `SELECT a FROM i --${'x'.repeat(MAX_QUERY_LENGTH)}`;
    assert.match(limitError(() => parseScript(text)), /at most 1048576/);
  });

  it('parses a large but legal query quickly', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `SELECT a${i}, b + ${i} AS c INTO o${i} FROM i WHERE x = ${i};`).join('\n');
    const started = performance.now();
    assert.equal(parseScript(text).statements.length, 2000);
    assert.ok(performance.now() - started < 2000);
  });
});

describe('expression depth', () => {
  it('bounds long operator chains so recursive walks stay safe', () => {
    const ok = Array.from({ length: 900 }, (_, i) => `a = ${i}`).join(' OR ');
    assert.equal(parseExpression(ok).kind, 'Binary');
    const tooLong = Array.from({ length: 1100 }, (_, i) => `a = ${i}`).join(' OR ');
    assert.match(limitError(() => parseExpression(tooLong)), /more than 1000 operators deep/);
  });
});
