import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AsaDateTime } from '../types/index.ts';
import { callScalar as call } from './index.ts';

describe('CONCAT / CONCAT_WS (concat-azure-stream-analytics, concat-ws-azure-stream-analytics)', () => {
  it('treats NULL as empty and returns "" when all are NULL', () => {
    assert.equal(call('CONCAT', ['Make:', 'Audi', ' And Model:', 'A4']), 'Make:Audi And Model:A4');
    assert.equal(call('CONCAT', ['a', null, 'b']), 'ab');
    assert.equal(call('concat', [null, null]), '');
  });

  it('converts numbers and datetimes as CAST to nvarchar(max) would', () => {
    assert.equal(call('CONCAT', ['n=', 42, ' f=', 1.5]), 'n=42 f=1.5');
    assert.equal(call('CONCAT', [AsaDateTime.fromParts(2020, 1, 2), '']), '2020-01-02T00:00:00.0000000Z');
    assert.throws(() => call('CONCAT', ['a', { x: 1 }]), { code: 'SLUICE_FUNC_ARG_TYPE' });
  });

  it('CONCAT_WS skips NULLs without doubling the separator (documented address example)', () => {
    assert.equal(call('CONCAT_WS', [', ', '1 Microsoft Way', null, 'Redmond', 'WA', '98052', null]), '1 Microsoft Way, Redmond, WA, 98052');
    assert.equal(call('CONCAT_WS', [', ', null, null]), '');
  });
});

describe('SUBSTRING / LEFT / RIGHT', () => {
  it('counts from 1 (substring-azure-stream-analytics)', () => {
    assert.equal(call('SUBSTRING', ['ABC123', 1, 3]), 'ABC');
    assert.equal(call('SUBSTRING', ['abcdef', 3, 2]), 'cd');
    assert.equal(call('SUBSTRING', ['abcdef', 5, 10]), 'ef');
  });

  it('shortens the result when start < 1 and returns "" past the end', () => {
    assert.equal(call('SUBSTRING', ['abcdef', 0, 3]), 'ab');
    assert.equal(call('SUBSTRING', ['abcdef', -3, 3]), '');
    assert.equal(call('SUBSTRING', ['abcdef', 7, 2]), '');
  });

  it('fails on a negative length and passes NULL through', () => {
    assert.throws(() => call('SUBSTRING', ['abc', 1, -1]), { code: 'SLUICE_FUNC_ARG_VALUE' });
    assert.equal(call('SUBSTRING', [null, 1, 1]), null);
    assert.equal(call('SUBSTRING', ['abc', null, 1]), null);
  });

  it("LEFT('abcdefg', 2) = 'ab' (left-azure-stream-analytics); RIGHT mirrors it", () => {
    assert.equal(call('LEFT', ['abcdefg', 2]), 'ab');
    assert.equal(call('RIGHT', ['abcdefg', 2]), 'fg');
    assert.equal(call('LEFT', ['ab', 5]), 'ab');
    assert.throws(() => call('RIGHT', ['ab', -1]), { code: 'SLUICE_FUNC_ARG_VALUE' });
  });
});

describe('LEN, LOWER, UPPER, REVERSE', () => {
  it('LEN excludes trailing blanks only', () => {
    assert.equal(call('LEN', ['abc  ']), 3);
    assert.equal(call('LEN', ['  abc']), 5);
    assert.equal(call('LEN', ['']), 0);
    assert.equal(call('LEN', [null]), null);
  });

  it('changes case and reverses', () => {
    assert.equal(call('LOWER', ['AbC']), 'abc');
    assert.equal(call('UPPER', ['AbC']), 'ABC');
    assert.equal(call('REVERSE', ['abc']), 'cba');
    assert.equal(call('REVERSE', ['a😀b']), 'b😀a');
  });
});

describe('LTRIM / RTRIM / TRIM (trim-azure-stream-analytics)', () => {
  it("TRIM('      a test    ') = 'a test'", () => {
    assert.equal(call('TRIM', ['      a test    ']), 'a test');
  });

  it('removes every documented white-space character, not only spaces', () => {
    const ws = '\u0009\u000A\u000B\u000C\u000D\u0085\u00A0\u1680\u2000\u200A\u2028\u2029\u202F\u205F\u3000 ';
    assert.equal(call('TRIM', [`${ws}x${ws}`]), 'x');
    assert.equal(call('LTRIM', [`${ws}x `]), 'x ');
    assert.equal(call('RTRIM', [` x${ws}`]), ' x');
    assert.equal(call('TRIM', ['\u200Bx']), '\u200Bx', 'zero-width space is not white space');
  });

  it("SPACE page: RTRIM('LastName  ') + ',' + SPACE(1) + LTRIM('    FirstName')", () => {
    const s = `${call('RTRIM', ['LastName  ']) as string},${call('SPACE', [1]) as string}${call('LTRIM', ['    FirstName']) as string}`;
    assert.equal(s, 'LastName, FirstName');
  });
});

describe('CHARINDEX / PATINDEX / REGEXMATCH', () => {
  it('CHARINDEX is 1-based, 0 when absent, start ≤ 0 means the beginning', () => {
    assert.equal(call('CHARINDEX', ['us', 'Prius']), 4);
    assert.equal(call('CHARINDEX', ['x', 'Prius']), 0);
    assert.equal(call('CHARINDEX', ['a', 'banana', 3]), 4);
    assert.equal(call('CHARINDEX', ['a', 'banana', -5]), 2);
    assert.equal(call('CHARINDEX', ['a', null]), null);
  });

  it("PATINDEX('%100%', plate) finds the first match", () => {
    assert.equal(call('PATINDEX', ['%100%', 'XYZ1001']), 4);
    assert.equal(call('PATINDEX', ['%100%', 'XYZ']), 0);
    assert.equal(call('PATINDEX', ['XY%', 'XYZ']), 1);
    assert.equal(call('PATINDEX', ['%Z', 'XYZ']), 3);
    assert.equal(call('PATINDEX', ['%Y', 'XYZ']), 0);
    assert.equal(call('PATINDEX', ['%[0-9][0-9]%', 'ab12']), 3);
  });

  it('REGEXMATCH ignores case, returns the position, 0 for a bad pattern, NULL for NULL', () => {
    assert.equal(call('REGEXMATCH', ['ABC123', '[0-9][0-9][0-9]']), 4);
    assert.equal(call('REGEXMATCH', ['abc', 'B']), 2);
    assert.equal(call('REGEXMATCH', ['a\nb', 'a.b']), 1, 'single-line: . matches a newline');
    assert.equal(call('REGEXMATCH', ['abc', '(']), 0);
    assert.equal(call('REGEXMATCH', [null, 'a']), null);
  });
});

describe('REPLACE (replace-azure-stream-analytics, documented table)', () => {
  const cases: Array<[string | null, string | null, string | null, string | null]> = [
    ['abcde', 'cd', 'xx', 'abxxe'],
    ['cdabcd', 'cd', 'x', 'xabx'],
    ['cd', 'cd', 'xxx', 'xxx'],
    ['abcde', 'gh', 'xx', 'abcde'],
    ['abcde', 'cde', '', 'ab'],
    ['abcde', '', 'xxx', 'abcde'],
    ['', 'cde', 'xxx', ''],
    [null, 'cde', 'xxx', null],
    ['abcde', null, 'xxx', null],
    ['abcde', 'cde', null, null],
  ];
  for (const [s, p, r, expected] of cases) {
    it(`REPLACE(${String(s)}, ${String(p)}, ${String(r)}) = ${String(expected)}`, () => {
      assert.equal(call('REPLACE', [s, p, r]), expected);
    });
  }
  it('takes $ in the replacement literally', () => {
    assert.equal(call('REPLACE', ['a-b', '-', '$&']), 'a$&b');
  });
});

describe('REPLICATE / SPACE / STUFF / TRANSLATE', () => {
  it('REPLICATE page: zero-padding with CONCAT; negative count gives NULL', () => {
    const cases: Array<[string, string]> = [['T', '0000T'], ['99A', '0099A'], ['1222X', '1222X'], ['123456789', '123456789']];
    for (const [line, code] of cases) {
      const pad = call('REPLICATE', ['0', 5 - (call('LEN', [line]) as number)]);
      assert.equal(call('CONCAT', [pad, line]), code);
    }
    assert.equal(call('REPLICATE', ['ab', 3]), 'ababab');
    assert.equal(call('SPACE', [-1]), null);
    assert.equal(call('SPACE', [3]), '   ');
  });

  it("STUFF('abcdef', 2, 3, 'ijklmn') = 'aijklmnef' (stuff-azure-stream-analytics)", () => {
    assert.equal(call('STUFF', ['abcdef', 2, 3, 'ijklmn']), 'aijklmnef');
    assert.equal(call('STUFF', ['abcdef', 2, 0, 'X']), 'aXbcdef');
    assert.equal(call('STUFF', ['abcdef', 5, 10, 'X']), 'abcdX');
    assert.equal(call('STUFF', ['abcdef', 9, 1, 'X']), '');
    assert.throws(() => call('STUFF', ['abcdef', 1, -1, 'X']), { code: 'SLUICE_FUNC_ARG_VALUE' });
  });

  it('TRANSLATE page examples, one pass, same-length lists', () => {
    assert.equal(call('TRANSLATE', ['2*[3+4]/{7-2}', '[]{}', '()()']), '2*(3+4)/(7-2)');
    assert.equal(call('TRANSLATE', ['[137.4,72.3]', '[,]', '( )']), '(137.4 72.3)');
    assert.equal(call('TRANSLATE', ['ab', 'ab', 'ba']), 'ba');
    assert.throws(() => call('TRANSLATE', ['a', 'ab', 'c']), { code: 'SLUICE_FUNC_ARG_VALUE' });
    assert.equal(call('TRANSLATE', ['a', null, 'c']), null);
  });
});

describe('NCHAR / UNICODE (nchar-azure-stream-analytics, unicode-azure-stream-analytics)', () => {
  it("UNICODE('茶') = 33590 and NCHAR(33590) = '茶'", () => {
    assert.equal(call('UNICODE', ['茶']), 33590);
    assert.equal(call('NCHAR', [33590]), '茶');
    assert.equal(call('NCHAR', [call('UNICODE', ['茶'])]), '茶');
  });

  it('NCHAR outside 0…0x10FFFF is NULL', () => {
    assert.equal(call('NCHAR', [0x110000]), null);
    assert.equal(call('NCHAR', [-1]), null);
    assert.equal(call('NCHAR', [0x1f600]), '😀');
  });
});

describe('JSON_PARSE (json-parse-azure-stream-analytics)', () => {
  it('parses objects and gives NULL for anything else', () => {
    assert.deepEqual(call('JSON_PARSE', ['{"a":{"b":[1,2]}}']), { a: { b: [1, 2] } });
    assert.equal(call('JSON_PARSE', ['[1]']), null);
    assert.equal(call('JSON_PARSE', ['{bad']), null);
    assert.equal(call('JSON_PARSE', [5]), null);
  });
});
