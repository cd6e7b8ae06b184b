// Parser tests per construct, mostly with queries from the ASA reference (page named in each test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseExpression, parseScript,
  type Expression, type FromItem, type FunctionCall, type InputSource, type QueryStatement, type Select, type Window,
} from './index.ts';

function statements(text: string): QueryStatement[] {
  return parseScript(text).statements.filter((s): s is QueryStatement => s.kind === 'QueryStatement');
}
function select(text: string): Select {
  const q = statements(text)[0]?.query;
  assert.equal(q?.kind, 'Select');
  return q;
}
function source(f: FromItem): InputSource {
  assert.equal(f.kind, 'InputSource');
  return f;
}
function call(e: Expression | undefined): FunctionCall {
  assert.equal(e?.kind, 'FunctionCall');
  return e;
}
const names = (e: Expression | undefined): string => {
  assert.ok(e?.kind === 'ColumnRef');
  return e.path.map((p) => p.name).join('.');
};
function itemExpr(s: Select, i: number): Expression {
  const item = s.items[i];
  assert.equal(item?.kind, 'SelectExpr');
  return item.expr;
}
function alias(s: Select, i: number): string | undefined {
  const item = s.items[i];
  assert.equal(item?.kind, 'SelectExpr');
  return item.alias?.name;
}

describe('SELECT list (select-azure-stream-analytics)', () => {
  it('parses the doc example with AS aliases and TIMESTAMP BY', () => {
    const s = select('SELECT TollId, EntryTime AS VehicleEntryTime, LicensePlate, State, Make, Model, VehicleType, VehicleWeight, Toll, Tag FROM TollTagEntry TIMESTAMP BY EntryTime');
    assert.equal(s.items.length, 10);
    assert.equal(alias(s, 1), 'VehicleEntryTime');
    assert.equal(names(source(s.from).timestampBy?.expr), 'EntryTime');
  });

  it('parses *, input.* and record.field.*', () => {
    const s = select('SELECT *, i.*, input.SensorReadings.* FROM input i');
    assert.deepEqual(s.items.map((it) => it.kind === 'SelectStar' ? it.qualifier.map((q) => q.name).join('.') : '?'),
      ['', 'i', 'input.SensorReadings']);
  });

  it('parses bare aliases, alias = expr, string aliases and quoted names', () => {
    const s = select(`SELECT a b, total = x + 1, v AS 'smVersion', "[my][Field]" AS myField, [user] AS [Count] FROM input`);
    assert.deepEqual([0, 1, 2, 3, 4].map((i) => alias(s, i)), ['b', 'total', 'smVersion', 'myField', 'Count']);
    const first = itemExpr(s, 3);
    assert.ok(first.kind === 'ColumnRef');
    assert.deepEqual(first.path[0], { kind: 'Identifier', name: '[my][Field]', quote: 'double', span: first.path[0]?.span });
  });

  it('parses nested field access: a.b.c, rec.[0], input."my.field"', () => {
    const s = select('SELECT a.b.c, rec.[0], input."my.field", e.[from] FROM input');
    assert.equal(names(itemExpr(s, 0)), 'a.b.c');
    assert.equal(names(itemExpr(s, 1)), 'rec.0');
    assert.equal(names(itemExpr(s, 2)), 'input.my.field');
    assert.equal(names(itemExpr(s, 3)), 'e.from');
  });

  it('keeps words that ASA allows as names usable as fields (timestamp, left, count, partition)', () => {
    const s = select('SELECT timestamp, left, count, partition FROM input TIMESTAMP BY timestamp');
    assert.deepEqual([0, 1, 2, 3].map((i) => names(itemExpr(s, i))), ['timestamp', 'left', 'count', 'partition']);
  });
});

describe('INTO, WITH and UNION (into-, with-, union-azure-stream-analytics)', () => {
  it('parses the WITH example of the INTO page, with two output statements', () => {
    const st = statements(`WITH WAVehicle AS (
      SELECT TollId, EntryTime AS VehicleEntryTime, LicensePlate, State, Make, Model, VehicleType, VehicleWeight, Toll, Tag
      FROM TollTagEntry TIMESTAMP BY EntryTime
      WHERE State = "WA"
    )
    SELECT * INTO WAVehicleArchive FROM WAVehicle;
    SELECT DateAdd(minute,-3,System.Timestamp()) AS WinStartTime, System.Timestamp() AS WinEndTime, COUNT(*) INTO WAVehicleCount FROM WAVehicle GROUP BY TumblingWindow(minute, 3)`);
    assert.equal(st.length, 2);
    assert.equal(st[0]?.with[0]?.name.name, 'WAVehicle');
    assert.equal((st[0]?.query as Select).into?.name, 'WAVehicleArchive');
    const second = st[1]?.query as Select;
    const dateAdd = call(itemExpr(second, 0));
    assert.equal(dateAdd.args[1]?.kind, 'Unary');
    assert.deepEqual(call(dateAdd.args[2]).name.map((n) => n.name), ['System', 'Timestamp']);
  });

  it('parses the partition-count hint PARTITION BY k INTO n', () => {
    const st = statements('WITH Step1 AS (SELECT * FROM input PARTITION BY DeviceId INTO 10) SELECT * INTO [output] FROM Step1 PARTITION BY DeviceId');
    const inner = source((st[0]?.with[0]?.query as Select).from);
    assert.equal(names(inner.partitionBy[0]), 'DeviceId');
    assert.equal(inner.partitionCount?.text, '10');
    assert.equal((st[0]?.query as Select).into?.quote, 'bracket');
  });

  it('parses statements that follow each other without semicolons', () => {
    assert.equal(statements('SELECT a INTO o1 FROM i SELECT b INTO o2 FROM i').length, 2);
  });

  it('parses UNION and UNION ALL left-deep', () => {
    const q = statements('SELECT a FROM i1 UNION SELECT a FROM i2 UNION ALL SELECT a FROM i3')[0]?.query;
    assert.ok(q?.kind === 'Union' && q.all);
    assert.ok(q.left.kind === 'Union' && !q.left.all);
  });
});

describe('FROM, JOIN and APPLY (from-, join-, apply-azure-stream-analytics)', () => {
  it('parses a stream join with DATEDIFF … BETWEEN in ON', () => {
    const s = select(`SELECT I1.TollId, I1.EntryTime, I2.ExitTime
      FROM Input1 I1 TIMESTAMP BY EntryTime
      JOIN Input2 I2 TIMESTAMP BY ExitTime
      ON I1.TollId = I2.TollId AND DATEDIFF(minute, I1, I2) BETWEEN 0 AND 15`);
    assert.ok(s.from.kind === 'Join');
    assert.equal(s.from.joinType, 'inner');
    assert.equal(source(s.from.left).alias?.name, 'I1');
    assert.equal(s.from.right.alias?.name, 'I2');
    assert.ok(s.from.on.kind === 'Binary' && s.from.on.op === 'AND');
    assert.equal(s.from.on.right.kind, 'Between');
  });

  it('parses LEFT OUTER JOIN, INNER JOIN and several joins', () => {
    const s = select('SELECT a.x FROM a LEFT OUTER JOIN b ON a.k = b.k INNER JOIN c ON a.k = c.k LEFT JOIN d ON 1 = 1');
    const kinds: string[] = [];
    let f: FromItem = s.from;
    while (f.kind === 'Join') {
      kinds.push(f.joinType);
      f = f.left;
    }
    assert.deepEqual(kinds, ['left', 'inner', 'left']);
  });

  it('parses CROSS APPLY GetArrayElements and OUTER APPLY with a udf', () => {
    const s = select(`SELECT event.DeviceId, arrayElement.ArrayIndex, arrayElement.ArrayValue
      FROM input as event
      CROSS APPLY GetArrayElements(event.SensorReadings) AS arrayElement
      OUTER APPLY udf.explode(event.x) p`);
    assert.ok(s.from.kind === 'Apply' && s.from.applyType === 'outer');
    assert.deepEqual(s.from.call.name.map((n) => n.name), ['udf', 'explode']);
    assert.equal(s.from.alias?.name, 'p');
    assert.ok(s.from.left.kind === 'Apply' && s.from.left.applyType === 'cross');
    assert.equal(s.from.left.alias?.name, 'arrayElement');
    assert.equal(source(s.from.left.left).alias?.name, 'event');
  });

  it('parses TIMESTAMP BY … OVER substream keys and PARTITION BY (timestamp-by-azure-stream-analytics)', () => {
    const s = select('SELECT * FROM input PARTITION BY PartitionId TIMESTAMP BY CAST(ts AS datetime) OVER TollId, PartitionId');
    const src = source(s.from);
    assert.equal(src.timestampBy?.expr.kind, 'Cast');
    assert.deepEqual(src.timestampBy?.over.map(names), ['TollId', 'PartitionId']);
    assert.deepEqual(src.partitionBy.map(names), ['PartitionId']);
  });

  it('parses WHERE with LIKE, IN, BETWEEN, IS NULL (where-azure-stream-analytics)', () => {
    const s = select("SELECT * FROM i WHERE a NOT LIKE 'A%9' AND b IN (1, 2) OR NOT c BETWEEN 1 AND 5 AND d IS NOT NULL");
    assert.ok(s.where?.kind === 'Binary' && s.where.op === 'OR');
    const left = s.where.left;
    assert.ok(left.kind === 'Binary' && left.op === 'AND');
    assert.ok(left.left.kind === 'Like' && left.left.negated);
    const right = s.where.right;
    assert.ok(right.kind === 'Binary' && right.op === 'AND');
    assert.ok(right.left.kind === 'Unary' && right.left.op === 'NOT' && right.left.operand.kind === 'Between');
    assert.ok(right.right.kind === 'IsNull' && right.right.negated);
  });
});

describe('GROUP BY and windows (group-by-, tumbling-/hopping-/sliding-/session-window-, windows-azure-stream-analytics)', () => {
  const windowOf = (text: string, i = 0): Window => {
    const g = select(text).groupBy[i];
    assert.equal(g?.kind, 'Window');
    return g;
  };

  it('parses the GROUP BY example with the window before the key', () => {
    const s = select('SELECT TollId, System.Timestamp() AS WinEndTime, COUNT(*) FROM TollTagEntry TIMESTAMP BY EntryTime GROUP BY TumblingWindow( minute , 3 ) , TollId');
    assert.equal(s.groupBy[0]?.kind, 'Window');
    assert.equal(names(s.groupBy[1] as Expression), 'TollId');
    assert.equal(call(itemExpr(s, 2)).args[0]?.kind, 'Star');
  });

  it('parses the short forms with offsets', () => {
    const t = windowOf('SELECT COUNT(*) FROM i GROUP BY TumblingWindow(second, 10, 2)');
    assert.deepEqual([t.windowType, t.form, t.size.unit.name, t.offset?.amount.kind], ['tumbling', 'short', 'second', 'NumberLiteral']);
    const h = windowOf('SELECT COUNT(*) FROM i GROUP BY Hopping(minute, 10, 5)');
    assert.deepEqual([h.windowType, h.spelling, h.hop?.unit.name], ['hopping', 'Hopping', 'minute']);
    const sl = windowOf('SELECT COUNT(*) FROM i GROUP BY SlidingWindow(second, 10)');
    assert.equal(sl.windowType, 'sliding');
  });

  it('parses the long form with Duration, Hop and a negative Offset', () => {
    const h = windowOf('SELECT COUNT(*) FROM i GROUP BY HoppingWindow(Duration(hour, 1), Hop(minute, 5), Offset(millisecond, -1))');
    assert.deepEqual([h.form, h.size.unit.name, h.hop?.unit.name, h.offset?.amount.kind], ['long', 'hour', 'minute', 'Unary']);
  });

  it('parses session windows with max duration and OVER (PARTITION BY k)', () => {
    const w = windowOf('SELECT COUNT(*) FROM i GROUP BY SessionWindow(minute, 5, 10) OVER (PARTITION BY DeviceId), DeviceId');
    assert.equal(w.maxDuration?.amount.kind, 'NumberLiteral');
    assert.deepEqual(w.partitionBy.map(names), ['DeviceId']);
    const l = windowOf('SELECT COUNT(*) FROM i GROUP BY SessionWindow(Timeout(minute, 5), MaxDuration(minute, 10))');
    assert.equal(l.form, 'long');
  });

  it('leaves an unknown time unit to the binder', () => {
    assert.equal(windowOf('SELECT COUNT(*) FROM i GROUP BY TumblingWindow(fortnight, 3)').size.unit.name, 'fortnight');
  });

  it('parses a snapshot window System.Timestamp() as a plain key expression', () => {
    const s = select('SELECT Topic, COUNT(*) FROM TwitterStream GROUP BY System.Timestamp(), Topic');
    assert.equal(call(s.groupBy[0] as Expression).name[1]?.name, 'Timestamp');
  });

  it("parses Windows() with Window('id', …), AS 'id' and System.Timestamp() members", () => {
    const s = select(`SELECT System.Window().Id, COUNT(*) FROM i
      GROUP BY Windows(Window('ten', TumblingWindow(minute, 10)), HoppingWindow(minute, 10, 5) AS 'hop', System.Timestamp())`);
    const w = s.groupBy[0];
    assert.ok(w?.kind === 'Windows');
    assert.deepEqual(w.members.map((m) => [m.id?.value, m.idSyntax, m.window.kind]),
      [['ten', 'window', 'Window'], ['hop', 'as', 'Window'], [undefined, undefined, 'FunctionCall']]);
    const id = itemExpr(s, 0);
    assert.ok(id.kind === 'MemberAccess' && id.member.name === 'Id');
  });

  it('parses HAVING (having-azure-stream-analytics)', () => {
    const s = select('SELECT TollId, COUNT(*) AS [Count] FROM Input GROUP BY TollId, TumblingWindow(minute, 3) HAVING COUNT(*) > 3');
    assert.ok(s.having?.kind === 'Binary' && s.having.op === '>');
  });
});

describe('analytic functions (lag-, last-, isfirst-, topone-, collecttop-, percentile-cont-azure-stream-analytics)', () => {
  it('parses LAG with offset, default and an OVER with PARTITION BY, LIMIT DURATION and WHEN', () => {
    const lag = call(parseExpression('LAG(reading, 2, 0) OVER (PARTITION BY deviceId LIMIT DURATION(minute, 5) WHEN reading > 0)'));
    assert.equal(lag.args.length, 3);
    assert.deepEqual(lag.over?.partitionBy.map(names), ['deviceId']);
    assert.equal(lag.over?.limitDuration?.unit.name, 'minute');
    assert.equal(lag.over?.when?.kind, 'Binary');
  });

  it('parses the LAG doc example inside WHERE', () => {
    const s = select('SELECT LicensePlate, Make, Time FROM Input TIMESTAMP BY Time WHERE LAG(Make, 1) OVER (LIMIT DURATION(minute, 1)) <> Make');
    assert.ok(s.where?.kind === 'Binary' && s.where.op === '<>' && s.where.left.kind === 'FunctionCall');
  });

  it('parses LAST(*) and ISFIRST with OVER without LIMIT DURATION', () => {
    assert.equal(call(parseExpression('LAST(*) OVER (LIMIT DURATION(hour, 1))')).args[0]?.kind, 'Star');
    const f = call(parseExpression('IsFirst(minute, 10) OVER (PARTITION BY Make WHEN Make <> \'x\')'));
    assert.equal(f.over?.limitDuration, undefined);
    assert.equal(names(f.args[0]), 'minute');
  });

  it('parses TopOne and CollectTop with ORDER BY directions', () => {
    const t = call(parseExpression('TopOne() OVER (ORDER BY total DESC, time ASC, x)'));
    assert.deepEqual(t.over?.orderBy.map((o) => o.direction), ['DESC', 'ASC', undefined]);
    assert.equal(call(parseExpression('CollectTop(2) OVER (ORDER BY value ASC)')).args.length, 1);
  });

  it('parses PERCENTILE_CONT(p) OVER (ORDER BY x) as documented', () => {
    const s = select('SELECT PERCENTILE_CONT(0.95) OVER (ORDER BY serviceAvailability) FROM testInput GROUP BY SlidingWindow(hours, 1)');
    const p = call(itemExpr(s, 0));
    assert.equal(p.over?.orderBy.length, 1);
    assert.equal((p.args[0] as Expression).kind, 'NumberLiteral');
  });

  it('parses rolling aggregates and COUNT(DISTINCT …)', () => {
    assert.equal(call(parseExpression('AVG(t) OVER (PARTITION BY k LIMIT DURATION(second, 30))')).over?.partitionBy.length, 1);
    assert.equal(call(parseExpression('COUNT(DISTINCT x)')).quantifier, 'DISTINCT');
    assert.equal(call(parseExpression('COUNT(ALL x)')).quantifier, 'ALL');
  });
});

describe('expressions', () => {
  it('applies T-SQL precedence: * over +, comparisons over NOT over AND over OR', () => {
    const e = parseExpression('a + b * c = d OR NOT e AND f');
    assert.ok(e.kind === 'Binary' && e.op === 'OR');
    assert.ok(e.left.kind === 'Binary' && e.left.op === '=');
    assert.ok(e.left.left.kind === 'Binary' && e.left.left.op === '+' && e.left.left.right.kind === 'Binary');
    assert.ok(e.right.kind === 'Binary' && e.right.op === 'AND' && e.right.left.kind === 'Unary');
  });

  it('parses bitwise operators, unary ~ and string concatenation with +', () => {
    const e = parseExpression("~a & b | c ^ 1 + 'x'");
    assert.ok(e.kind === 'Binary' && e.op === '+');
    assert.ok(e.left.kind === 'Binary' && e.left.op === '^');
  });

  it('types numbers: digits are bigint, a point or exponent makes float', () => {
    const e = parseExpression('f(12, 1.5, 1e3)');
    assert.deepEqual(call(e).args.map((a) => (a.kind === 'NumberLiteral' ? a.numberType : '?')), ['bigint', 'float', 'float']);
  });

  it('parses CAST and TRY_CAST with every ASA type (cast-azure-stream-analytics)', () => {
    for (const t of ['bigint', 'float', 'nvarchar(max)', 'datetime', 'bit', 'record', 'array']) {
      const e = parseExpression(`TRY_CAST(x AS ${t})`);
      assert.ok(e.kind === 'Cast' && e.tryCast);
      assert.equal(e.type.name + (e.type.param ? `(${e.type.param})` : ''), t);
    }
  });

  it('parses simple and searched CASE (case-azure-stream-analytics)', () => {
    const simple = parseExpression("CASE Make WHEN 'Honda' THEN 1 WHEN 'Toyota' THEN 2 ELSE 0 END");
    assert.ok(simple.kind === 'Case' && simple.operand !== undefined && simple.whens.length === 2);
    const searched = parseExpression('CASE WHEN a > 1 THEN 1 END');
    assert.ok(searched.kind === 'Case' && searched.operand === undefined && searched.else === undefined);
  });

  it('parses udf/uda calls, GetMetadataPropertyValue and NULL', () => {
    assert.deepEqual(call(parseExpression('udf.toUpper(x)')).name.map((n) => n.name), ['udf', 'toUpper']);
    assert.deepEqual(call(parseExpression('uda.Avg(x)')).name.map((n) => n.name), ['uda', 'Avg']);
    const m = call(parseExpression("GetMetadataPropertyValue(input, '[Kafka].[Topic]')"));
    assert.equal(m.args[1]?.kind, 'StringLiteral');
    assert.equal(parseExpression('NULL').kind, 'NullLiteral');
  });

  it('keeps the legacy System.Timestamp without parentheses as a column reference for the binder', () => {
    assert.equal(names(parseExpression('System.Timestamp')), 'System.Timestamp');
  });

  it('gives nodes spans that cover their text', () => {
    const text = 'SELECT a + b AS s\nFROM input';
    const s = select(text);
    const e = itemExpr(s, 0);
    assert.equal(text.slice(e.span.start.offset, e.span.end.offset), 'a + b');
    assert.equal(text.slice(s.span.start.offset, s.span.end.offset), text);
  });
});

describe('MATCH_RECOGNIZE (match-recognize-stream-analytics)', () => {
  it('parses the doc example', () => {
    const s = select(`SELECT *
      INTO output FROM input TIMESTAMP BY time
        MATCH_RECOGNIZE (
          LIMIT DURATION (minute, 1)
          PARTITION BY tollBoothId
          MEASURES
            Last(Toyota.LicensePlate) AS toyotaLicensePlate,
            Last(Lexus.LicensePlate) AS lexusLicensePlate
          AFTER MATCH SKIP TO NEXT ROW
          PATTERN (Toyota+ Ford* Lexus+)
          DEFINE
            Toyota AS Toyota.make = 'Toyota',
            Ford AS Ford.make = 'Ford',
            Lexus AS Lexus.make = 'Lexus'
        ) AS T`);
    const mr = source(s.from).matchRecognize;
    assert.ok(mr);
    assert.equal(mr.alias.name, 'T');
    assert.equal(mr.measures.length, 2);
    assert.ok(mr.skipToNextRow);
    assert.ok(mr.pattern.kind === 'PatternSequence');
    assert.deepEqual(mr.pattern.items.map((i) => (i.kind === 'PatternQuantified' ? i.quantifier : '?')), ['+', '*', '+']);
    assert.deepEqual(mr.define.map((d) => d.name.name), ['Toyota', 'Ford', 'Lexus']);
  });

  it('parses alternation, groups, `.` and {n,} quantifiers', () => {
    const s = select(`SELECT * FROM input MATCH_RECOGNIZE (LIMIT DURATION(second, 10)
      MEASURES Classifier() AS p PATTERN (A? (B | C)* . Warning{2,}) DEFINE A AS A.x > 1) AS M`);
    const pattern = source(s.from).matchRecognize?.pattern;
    assert.ok(pattern?.kind === 'PatternSequence');
    const [a, bc, any, warn] = pattern.items;
    assert.ok(a?.kind === 'PatternQuantified' && a.quantifier === '?');
    assert.ok(bc?.kind === 'PatternQuantified' && bc.pattern.kind === 'PatternAlternation');
    assert.equal(any?.kind, 'PatternAny');
    assert.ok(warn?.kind === 'PatternQuantified' && warn.quantifier === 'range' && warn.min === 2 && warn.max === undefined);
  });
});

describe('CREATE TABLE (create-table-stream-analytics)', () => {
  it('parses the doc example followed by a query', () => {
    const script = parseScript(`CREATE TABLE Entry (
      TollId bigint,
      EntryTime datetime,
      LicensePlate nvarchar(max),
      State nvarchar(max),
      Make nvarchar(max),
      Model nvarchar(max),
      VehicleType bigint,
      VehicleWeight float,
      Toll float,
      Tag bigint
    );
    SELECT * FROM Entry`);
    const ct = script.statements[0];
    assert.ok(ct?.kind === 'CreateTable');
    assert.equal(ct.columns.length, 10);
    assert.deepEqual([ct.columns[2]?.name.name, ct.columns[2]?.type.name, ct.columns[2]?.type.param], ['LicensePlate', 'nvarchar', 'max']);
    assert.equal(script.statements[1]?.kind, 'QueryStatement');
  });
});

describe('parseExpression and parseScript options', () => {
  it('rejects text after the expression', () => {
    assert.throws(() => parseExpression('a + b c'), /expected the end of the expression, found 'c'/);
  });

  it('puts the file name in every span', () => {
    const s = parseScript('SELECT a FROM i', { file: 'job.asaql' });
    assert.equal(s.span.file, 'job.asaql');
    const q = s.statements[0];
    assert.ok(q?.kind === 'QueryStatement' && q.query.kind === 'Select');
    assert.equal(q.query.items[0]?.span.file, 'job.asaql');
  });

  it('accepts keywords as names when bracketed, and comments anywhere', () => {
    const s = select('SELECT [select] -- a field\n, /* x */ [from].[where] FROM /* in */ [group] -- end');
    assert.equal(names(itemExpr(s, 1)), 'from.where');
    assert.equal(source(s.from).name.name, 'group');
  });
});
