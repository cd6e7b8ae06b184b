// Syntax errors for typical typos: code, position, message, hint and the printed code frame.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSluiceError, type SluiceError } from '../common/index.ts';
import { parseScript } from './index.ts';

function fails(text: string): SluiceError {
  try {
    parseScript(text, { file: 'job.asaql' });
  } catch (e) {
    if (!isSluiceError(e)) throw e;
    assert.equal(e.code, 'SLUICE_SQL_SYNTAX');
    assert.equal(e.domain, 'user');
    assert.equal(e.sourceText, text);
    return e;
  }
  assert.fail(`expected a syntax error for: ${text}`);
}

/** Asserts line:column, the message and (optionally) the hint. */
function expectError(text: string, at: string, message: string | RegExp, hint?: string | RegExp): SluiceError {
  const e = fails(text);
  assert.equal(`${e.span?.start.line}:${e.span?.start.column}`, at, `position of: ${e.message}`);
  if (typeof message === 'string') assert.equal(e.message, message);
  else assert.match(e.message, message);
  if (hint !== undefined) {
    if (typeof hint === 'string') assert.equal(e.hint, hint);
    else assert.match(e.hint ?? '', hint);
  }
  return e;
}

describe('syntax errors for typical typos', () => {
  it('FORM instead of FROM points at the misspelt word and suggests FROM', () => {
    const e = expectError('SELECT a, b FORM input', '1:13', "expected FROM after the select list, found 'FORM'", 'did you mean FROM?');
    assert.equal(e.format(), [
      "job.asaql:1:13: expected FROM after the select list, found 'FORM' [SLUICE_SQL_SYNTAX]",
      '> 1 | SELECT a, b FORM input',
      '    |             ^^^^',
      'hint: did you mean FROM?',
    ].join('\n'));
  });

  it('a missing comma between select items', () => {
    expectError('SELECT a b c FROM input', '1:12', "expected FROM after the select list, found 'c'", /comma missing/);
  });

  it('a missing closing parenthesis names the call and where it opened', () => {
    expectError('SELECT COUNT(* FROM input', '1:16', "expected ',' or ')' to close COUNT( opened at 1:13, found 'FROM'");
    expectError('SELECT a FROM i WHERE a IN (1, 2', '1:33', "expected ')' to close the IN list opened at 1:28, found end of query");
  });

  it('WHER after an input suggests WHERE', () => {
    expectError('SELECT * FROM input WHER x > 1', '1:21', /found 'WHER'$/, 'did you mean WHERE?');
  });

  it('GRUOP BY on a later line reports that line, with a frame of context', () => {
    const e = expectError('SELECT *\nFROM input\nWHERE x = 1\nGRUOP BY y', '4:1', /found 'GRUOP'$/, 'did you mean GROUP?');
    assert.equal(e.format().split('\n').slice(1, 4).join('\n'), ['  3 | WHERE x = 1', '> 4 | GRUOP BY y', '    | ^^^^^'].join('\n'));
  });

  it('a misspelt AND inside WHERE', () => {
    expectError('SELECT a FROM i WHERE a = 1 AN b = 2', '1:29', /found 'AN'$/, 'did you mean AND?');
  });

  it('SELEC at the start of the script', () => {
    expectError('SELEC a FROM i', '1:1', "expected SELECT, WITH or CREATE TABLE to start a statement, found 'SELEC'", 'did you mean SELECT?');
  });

  it('a comparison missing its right side', () => {
    expectError('SELECT * FROM i WHERE x >', '1:26', "expected an expression after '>', found end of query");
  });

  it('a trailing comma in the select list', () => {
    expectError('SELECT a, FROM i', '1:11', "expected a column, expression or * in the select list, found 'FROM'");
  });

  it('a JOIN without ON explains the time bound', () => {
    expectError('SELECT a.x FROM a JOIN b WHERE a.x = 1', '1:26', "expected ON after the input b of the JOIN, found 'WHERE'", /DATEDIFF/);
  });

  it('BETWEEN without AND', () => {
    expectError('SELECT a FROM i JOIN j ON DATEDIFF(minute, i, j) BETWEEN 0 10', '1:60',
      "expected AND between the bounds of BETWEEN, found '10'");
  });

  it('CASE without END and CAST without AS', () => {
    expectError('SELECT CASE WHEN a THEN 1 FROM i', '1:27', "expected END to close the CASE opened at 1:8, found 'FROM'");
    expectError('SELECT CAST(x bigint) FROM i', '1:15', "expected AS in CAST(expr AS type), found 'bigint'");
  });

  it('a misspelt window part and a too-short window', () => {
    expectError('SELECT a FROM i GROUP BY HoppingWindow(Duration(hour, 1), Hopp(minute, 5))', '1:59',
      "expected one of Duration(…), Hop(…), Offset(…) in HoppingWindow(…), found 'Hopp'");
    expectError('SELECT a FROM i GROUP BY TumblingWindow(minute)', '1:47',
      "expected ',' and more arguments in TumblingWindow(…), found ')'", 'write TumblingWindow(unit, size[, offset])');
  });

  it('a misspelt LIMIT DURATION', () => {
    expectError('SELECT LAG(a) OVER (LIMIT DURATON(minute, 1)) FROM i', '1:27', "expected DURATION after LIMIT, found 'DURATON'", 'did you mean DURATION?');
  });

  it('an unmatched closing parenthesis and a WITH with no query', () => {
    expectError('SELECT * FROM i)', '1:16', "unexpected ')' with no matching '('");
    expectError('WITH s AS (SELECT * FROM i)', '1:28', /or the SELECT that uses the WITH steps, found end of query/);
  });

  it('a missing comma between CREATE TABLE columns', () => {
    expectError('CREATE TABLE t (a bigint b float)', '1:26', "expected ')' to close the column list opened at 1:16, found 'b'");
  });

  it('an empty query', () => {
    expectError('  -- nothing\n', '2:1', 'the query is empty');
  });
});

describe('constructs ASA does not have are rejected with the ASA way to write them', () => {
  it('SELECT TOP and SELECT DISTINCT', () => {
    expectError('SELECT TOP 10 * FROM i', '1:8', 'SELECT TOP is not part of the Stream Analytics query language', /TopOne\(\)/);
    expectError('SELECT DISTINCT a FROM i', '1:8', 'SELECT DISTINCT is not part of the Stream Analytics query language', /COUNT\(DISTINCT/);
  });

  it('WITHIN GROUP on percentiles (percentile-cont-azure-stream-analytics uses OVER)', () => {
    expectError('SELECT Percentile_Cont(0.5) WITHIN GROUP (ORDER BY x) FROM i', '1:29',
      'WITHIN GROUP is not Stream Analytics syntax', 'write Percentile_Cont(p) OVER (ORDER BY expr [ASC|DESC])');
  });

  it('RIGHT JOIN, comma joins, subqueries in FROM and a top-level ORDER BY', () => {
    expectError('SELECT * FROM a RIGHT JOIN b ON a.x = b.x', '1:17', 'RIGHT JOIN is not supported by Stream Analytics');
    expectError('SELECT a FROM i, j', '1:16', 'Stream Analytics has no comma joins in FROM');
    expectError('SELECT a FROM (SELECT a FROM i)', '1:15', 'Stream Analytics has no subqueries in FROM');
    expectError('SELECT a FROM i ORDER BY a', '1:17', /ORDER BY is not part of the Stream Analytics query language/);
  });
});

describe('what is not a syntax error', () => {
  it('an unknown window unit, data type or function is left to the binder', () => {
    assert.doesNotThrow(() => parseScript('SELECT CAST(x AS money), frobnicate(1) FROM i GROUP BY TumblingWindow(fortnight, 3)'));
  });
});
