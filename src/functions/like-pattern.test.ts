import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileLikePattern, like } from './index.ts';

describe('LIKE patterns', () => {
  it("matches the WHERE page's 'A%9' example and whole strings only", () => {
    assert.equal(like('A129', 'A%9'), true);
    assert.equal(like('A129x', 'A%9'), false);
    assert.equal(like('xA129', 'A%9'), false);
    assert.equal(like('A9', 'A%9'), true);
  });

  it('supports _ and [sets] with ranges and negation (T-SQL wildcards)', () => {
    assert.equal(like('abc', 'a_c'), true);
    assert.equal(like('ac', 'a_c'), false);
    assert.equal(like('b1', '[a-c][0-9]'), true);
    assert.equal(like('d1', '[a-c][0-9]'), false);
    assert.equal(like('d1', '[^a-c]1'), true);
    assert.equal(like('-', '[a-]'), true);
    assert.equal(like('50%', '50[%]'), true);
    assert.equal(like('50x', '50[%]'), false);
  });

  it('escapes RegExp metacharacters and honours an ESCAPE character', () => {
    assert.equal(like('a.c', 'a.c'), true);
    assert.equal(like('abc', 'a.c'), false);
    assert.equal(like('(x)+?', '(x)+?'), true);
    assert.equal(like('10%', '10!%', { escape: '!' }), true);
    assert.equal(like('100', '10!%', { escape: '!' }), false);
    assert.equal(like('[', '['), true, 'an unterminated [ is literal');
  });

  it('matches across newlines and is case-sensitive unless asked', () => {
    assert.equal(like('a\nb', 'a%b'), true);
    assert.equal(like('ABC', 'abc'), false);
    assert.equal(like('ABC', 'abc', { caseInsensitive: true }), true);
  });

  it('gives UNKNOWN for NULL on either side (NULL LIKE fails both ways)', () => {
    assert.equal(like(null, '%'), null);
    assert.equal(like('a', null), null);
  });

  it('matches other scalars on their text', () => {
    assert.equal(like(1234, '12%'), true);
    assert.equal(like({ a: 1 }, '%'), null);
  });

  it('compiles each pattern once', () => {
    assert.equal(compileLikePattern('x%'), compileLikePattern('x%'));
  });
});
