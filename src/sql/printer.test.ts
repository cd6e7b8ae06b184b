// Round trips: print(parse(x)) parses back to the same tree (spans aside) for every construct.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  binary, columnRef, identifier, numberLiteral, parseExpression, parseScript, printExpression, printScript, stripSpans, unary,
} from './index.ts';

const CASES: Readonly<Record<string, string>> = {
  'select list forms': `SELECT *, i.*, rec.inner.*, a b, total = x + 1, v AS 'sm''Version', "[my][Field]" AS myField,
    [user] AS [Count], rec.[0], input."my.field", e.[from] FROM input i`,
  'into and partition count': 'WITH Step1 AS (SELECT * FROM input PARTITION BY DeviceId INTO 10) SELECT * INTO [output] FROM Step1 PARTITION BY DeviceId',
  'several statements and create table': `CREATE TABLE Entry (TollId bigint, LicensePlate nvarchar(max), Toll float);
    SELECT a INTO o1 FROM Entry SELECT b INTO o2 FROM Entry;`,
  'with steps and union': `WITH a AS (SELECT x FROM i1), b AS (SELECT x FROM i2 UNION ALL SELECT x FROM i3)
    SELECT x FROM a UNION SELECT x FROM b`,
  'joins': `SELECT I1.TollId FROM Input1 I1 TIMESTAMP BY EntryTime
    JOIN Input2 AS I2 TIMESTAMP BY ExitTime ON I1.TollId = I2.TollId AND DATEDIFF(minute, I1, I2) BETWEEN 0 AND 15
    LEFT OUTER JOIN ref r ON r.k = I1.k INNER JOIN c ON c.k = r.k`,
  'apply': `SELECT e.DeviceId, a.ArrayValue FROM input AS e CROSS APPLY GetArrayElements(e.readings) AS a
    OUTER APPLY GetRecordProperties(e.rec) p CROSS APPLY udf.explode(e.x, 2)`,
  'timestamp by over': 'SELECT * FROM input TIMESTAMP BY DATEADD(millisecond, epoch, \'1970-01-01T00:00:00Z\') OVER TollId, PartitionId PARTITION BY PartitionId',
  'where operators': `SELECT * FROM i WHERE a NOT LIKE 'A%9' AND b IN (1, 2) OR NOT c NOT BETWEEN -1 AND 5 AND d IS NOT NULL
    AND e IS NULL AND f <> 1 AND g != 2 AND h !< 3 AND k !> 4 AND l >= 5 AND m <= 6`,
  'arithmetic and bitwise': "SELECT -a - -1, (a + b) * c, a - (b - c), a / b % c, ~a & b | c ^ d, 'x' + CAST(n AS nvarchar(max)), +a, -(-a), NOT (NOT a) FROM i",
  'case and cast': `SELECT CASE Make WHEN 'Honda' THEN 1 WHEN 'Toyota' THEN 2 ELSE 0 END,
    CASE WHEN a > 1 THEN 'big' END, TRY_CAST(x AS bigint), CAST(y AS record) FROM i`,
  'calls': `SELECT COUNT(*), COUNT(DISTINCT x), COUNT(ALL x), udf.f(1, 'a'), uda.g(x), System.Timestamp(), System.Window().Id,
    GetMetadataPropertyValue(input, '[Kafka].[Topic]'), Collect(), GetArrayElement(arr, 0).field, NULL FROM input`,
  'analytic functions': `SELECT LAG(a, 2, 0) OVER (PARTITION BY k, j LIMIT DURATION(minute, 5) WHEN a > 1),
    LAST(*) OVER (LIMIT DURATION(hour, 1)), ISFIRST(minute, 10) OVER (PARTITION BY k WHEN c = 1),
    TopOne() OVER (ORDER BY x DESC, y ASC, z), CollectTop(3, v) OVER (ORDER BY t),
    PERCENTILE_CONT(0.95) OVER (ORDER BY s), SUM(x) OVER (PARTITION BY k LIMIT DURATION(second, 30)) FROM i`,
  'windows': `SELECT COUNT(*) FROM i GROUP BY TumblingWindow(second, 10, 2), k;
    SELECT COUNT(*) FROM i GROUP BY Hopping(minute, 10, 5);
    SELECT COUNT(*) FROM i GROUP BY HoppingWindow(Duration(hour, 1), Hop(minute, 5), Offset(millisecond, -1));
    SELECT COUNT(*) FROM i GROUP BY SlidingWindow(Duration(second, 10));
    SELECT COUNT(*) FROM i GROUP BY SessionWindow(minute, 5, 10) OVER (PARTITION BY k), k;
    SELECT COUNT(*) FROM i GROUP BY SessionWindow(Timeout(minute, 5), MaxDuration(minute, 10));
    SELECT COUNT(*) FROM i GROUP BY System.Timestamp(), Topic;
    SELECT System.Window().Id, COUNT(*) FROM i GROUP BY Windows(Window('a', TumblingWindow(minute, 10)),
      SlidingWindow(minute, 5) AS 'b', System.Timestamp()) HAVING COUNT(*) > 3`,
  'match recognize': `SELECT * INTO output FROM input TIMESTAMP BY time MATCH_RECOGNIZE (
      LIMIT DURATION (minute, 1) PARTITION BY tollBoothId
      MEASURES Last(Toyota.LicensePlate) AS toyotaLicensePlate, Classifier() AS c
      AFTER MATCH SKIP TO NEXT ROW
      PATTERN (Toyota+ Ford* (A | B C)? . W{2,} X{1,3} Y{2} Z{,4} (A B)+ (A | (B | C)))
      DEFINE Toyota AS Toyota.make = 'Toyota', Ford AS Ford.make = 'Ford') AS T`,
};

function roundTrip(text: string): void {
  const first = parseScript(text);
  const printed = printScript(first);
  const second = parseScript(printed);
  assert.deepEqual(stripSpans(second), stripSpans(first), `printed text:\n${printed}`);
  assert.equal(printScript(second), printed, 'printing is stable');
}

describe('printScript round trips', () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(name, () => roundTrip(text));
  }

  it('prints canonical text', () => {
    assert.equal(printScript(parseScript('select a as b into o from i timestamp by t where x=1 group by tumbling(second,5)')),
      'SELECT a AS b\nINTO o\nFROM i TIMESTAMP BY t\nWHERE x = 1\nGROUP BY tumbling(second, 5);\n');
  });
});

describe('printExpression', () => {
  it('adds parentheses only where precedence needs them', () => {
    assert.equal(printExpression(parseExpression('(a + b) * (c - (d - e)) + (f * g)')), '(a + b) * (c - (d - e)) + f * g');
    assert.equal(printExpression(parseExpression('(a OR b) AND NOT (c AND d)')), '(a OR b) AND NOT (c AND d)');
  });

  it('quotes names built by hand that are keywords or have odd characters', () => {
    const span = parseExpression('x').span;
    const e = binary({
      op: '-', span,
      left: columnRef({ path: [identifier('select', 'none', span), identifier('a b', 'none', span)], span }),
      right: unary({ op: '-', operand: numberLiteral({ text: '1', numberType: 'bigint', span }), span }),
    });
    assert.equal(printExpression(e), '[select].[a b] - -1');
  });
});
