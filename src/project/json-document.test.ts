import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseJsonDocument } from './index.ts';

describe('parseJsonDocument', () => {
  it('parses like JSON.parse and knows where every key and value is', () => {
    const text = '{\n  "a": [1, {"b": "x"}],\n  "c": null\n}';
    const doc = parseJsonDocument(text);
    assert.deepEqual(doc.value, JSON.parse(text));
    assert.deepEqual(doc.locate(['a', 1, 'b']), { key: { offset: 14, line: 2, column: 13 }, value: { offset: 19, line: 2, column: 18 } });
    assert.deepEqual(doc.locate(['c'])?.value, { offset: 33, line: 3, column: 8 });
    // A missing path falls back to its deepest existing prefix.
    assert.deepEqual(doc.locate(['a', 1, 'zzz'])?.value.line, 2);
  });

  it('is as lenient as Json.NET: byte-order mark, comments, trailing commas', () => {
    const doc = parseJsonDocument('\uFEFF{ // comment\n "a": 1, /* block */ "b": [2,], }');
    assert.equal(doc.syntaxError, undefined);
    assert.deepEqual(doc.value, { a: 1, b: [2] });
  });

  it('reports syntax errors with a position', () => {
    const doc = parseJsonDocument('{\n  "a": 1\n  "b": 2\n}');
    assert.equal(doc.value, undefined);
    assert.equal(doc.syntaxError?.message, 'is not valid JSON (expected , or } but found "\\"")');
    assert.deepEqual([doc.syntaxError?.position.line, doc.syntaxError?.position.column], [3, 3]);
  });

  it('reports keys repeated ignoring case and keeps the first', () => {
    const doc = parseJsonDocument('{"Topic": "a", "topic": "b"}');
    assert.deepEqual(doc.value, { Topic: 'a' });
    assert.equal(doc.duplicateKeys[0]?.message, 'repeats the key "Topic" as "topic" (keys are compared ignoring case)');
  });
});
