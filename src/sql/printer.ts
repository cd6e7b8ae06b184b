// AST → canonical ASA text. Keywords upper-case, names quoted as written, parentheses only where
// precedence needs them; parsing the output gives back the same tree (modulo spans).
import { assertNever } from '../common/index.ts';
import type {
  AstNode, Expression, FromItem, GroupByItem, Identifier, InputSource, MatchRecognize, Over, Pattern, QueryExpr,
  Script, Select, SelectItem, Statement, TimeSpan, Window, Windows,
} from './ast/index.ts';
import { BP } from './parser/expression.ts';
import { RESERVED } from './parser/parser.ts';

const ATOM = 100;
const PLAIN_NAME = /^[\p{L}_@#][\p{L}\p{N}\p{M}_@#$]*$/u;

export function printScript(node: Script): string {
  return node.statements.map((s) => `${printStatement(s)};`).join('\n\n') + '\n';
}

/** Prints any node on its own (handy in error messages and explain output). */
export function printNode(node: AstNode): string {
  switch (node.kind) {
    case 'Script': return printScript(node);
    case 'QueryStatement': case 'CreateTable': return printStatement(node);
    case 'Select': case 'Union': return printQuery(node, '');
    case 'WithStep': return `${printIdentifier(node.name)} AS (\n${printQuery(node.query, '  ')}\n)`;
    case 'ColumnDef': return `${printIdentifier(node.name)} ${printNode(node.type)}`;
    case 'DataType': return node.param === undefined ? node.name : `${node.name}(${node.param})`;
    case 'Identifier': return printIdentifier(node);
    case 'SelectStar': case 'SelectExpr': return printSelectItem(node);
    case 'InputSource': case 'Join': case 'Apply': return printFrom(node, '');
    case 'TimestampBy': return `TIMESTAMP BY ${printExpression(node.expr)}${node.over.length ? ` OVER ${list(node.over)}` : ''}`;
    case 'CaseWhen': return `WHEN ${printExpression(node.when)} THEN ${printExpression(node.then)}`;
    case 'Over': return printOver(node);
    case 'OrderItem': return `${printExpression(node.expr)}${node.direction ? ` ${node.direction}` : ''}`;
    case 'TimeSpan': return printTimeSpan(node);
    case 'Window': case 'Windows': return printGroupByItem(node);
    case 'WindowsMember': return printGroupByItem({ kind: 'Windows', spelling: 'Windows', members: [node], span: node.span }).slice(8, -1);
    case 'MatchRecognize': return printMatchRecognize(node, '');
    case 'Measure': return `${printExpression(node.expr)} AS ${printIdentifier(node.alias)}`;
    case 'PatternDefinition': return `${printIdentifier(node.name)} AS ${printExpression(node.condition)}`;
    case 'PatternVariable': case 'PatternAny': case 'PatternSequence': case 'PatternAlternation': case 'PatternQuantified':
      return printPattern(node);
    default: return printExpression(node);
  }
}

function printStatement(s: Statement): string {
  if (s.kind === 'CreateTable') {
    return `CREATE TABLE ${printIdentifier(s.name)} (\n${s.columns.map((c) => `  ${printNode(c)}`).join(',\n')}\n)`;
  }
  const steps = s.with.map((w) => `${printIdentifier(w.name)} AS (\n${printQuery(w.query, '  ')}\n)`);
  return (steps.length ? `WITH ${steps.join(', ')}\n` : '') + printQuery(s.query, '');
}

function printQuery(q: QueryExpr, indent: string): string {
  if (q.kind === 'Union') {
    return `${printQuery(q.left, indent)}\n${indent}UNION${q.all ? ' ALL' : ''}\n${printSelect(q.right, indent)}`;
  }
  return printSelect(q, indent);
}

function printSelect(s: Select, indent: string): string {
  const lines = [`${indent}SELECT ${s.items.map(printSelectItem).join(', ')}`];
  if (s.into) lines.push(`${indent}INTO ${printIdentifier(s.into)}`);
  lines.push(`${indent}FROM ${printFrom(s.from, indent)}`);
  if (s.where) lines.push(`${indent}WHERE ${printExpression(s.where)}`);
  if (s.groupBy.length) lines.push(`${indent}GROUP BY ${s.groupBy.map(printGroupByItem).join(', ')}`);
  if (s.having) lines.push(`${indent}HAVING ${printExpression(s.having)}`);
  return lines.join('\n');
}

function printSelectItem(item: SelectItem): string {
  if (item.kind === 'SelectStar') return [...printPath(item.qualifier), '*'].join('.');
  return item.alias ? `${printExpression(item.expr)} AS ${printIdentifier(item.alias)}` : printExpression(item.expr);
}

function printFrom(f: FromItem, indent: string): string {
  switch (f.kind) {
    case 'InputSource': return printInputSource(f, indent);
    case 'Join':
      return `${printFrom(f.left, indent)}\n${indent}${f.joinType === 'left' ? 'LEFT OUTER JOIN' : 'JOIN'} ${printInputSource(f.right, indent)}\n${indent}  ON ${printExpression(f.on)}`;
    case 'Apply':
      return `${printFrom(f.left, indent)}\n${indent}${f.applyType === 'cross' ? 'CROSS' : 'OUTER'} APPLY ${printExpression(f.call)}${f.alias ? ` AS ${printIdentifier(f.alias)}` : ''}`;
    default: return assertNever(f, 'FROM item');
  }
}

function printInputSource(s: InputSource, indent: string): string {
  let out = printIdentifier(s.name);
  if (s.alias) out += ` AS ${printIdentifier(s.alias)}`;
  if (s.timestampBy) out += ` ${printNode(s.timestampBy)}`;
  if (s.partitionBy.length) out += ` PARTITION BY ${list(s.partitionBy)}`;
  if (s.partitionCount) out += ` INTO ${s.partitionCount.text}`;
  if (s.matchRecognize) out += ` ${printMatchRecognize(s.matchRecognize, indent)}`;
  return out;
}

function printGroupByItem(g: GroupByItem): string {
  if (g.kind === 'Window') return printWindow(g);
  if (g.kind === 'Windows') return printWindows(g);
  return printExpression(g);
}

const LONG_NAMES = { size: 'Duration', hop: 'Hop', offset: 'Offset', maxDuration: 'MaxDuration' } as const;

function printWindow(w: Window): string {
  const parts = ([['size', w.size], ['hop', w.hop], ['offset', w.offset], ['maxDuration', w.maxDuration]] as const)
    .filter((e): e is readonly [keyof typeof LONG_NAMES, TimeSpan] => e[1] !== undefined);
  const args = w.form === 'short'
    ? [printIdentifier(w.size.unit), ...parts.map(([, t]) => printExpression(t.amount))].join(', ')
    : parts.map(([k, t]) => `${k === 'size' && w.windowType === 'session' ? 'Timeout' : LONG_NAMES[k]}${printTimeSpan(t)}`).join(', ');
  const over = w.partitionBy.length ? ` OVER (PARTITION BY ${list(w.partitionBy)})` : '';
  return `${w.spelling}(${args})${over}`;
}

function printWindows(w: Windows): string {
  const members = w.members.map((m) => {
    const inner = m.window.kind === 'Window' ? printWindow(m.window) : printExpression(m.window);
    if (m.id === undefined) return inner;
    return m.idSyntax === 'as' ? `${inner} AS ${printExpression(m.id)}` : `Window(${printExpression(m.id)}, ${inner})`;
  });
  return `${w.spelling}(${members.join(', ')})`;
}

function printTimeSpan(t: TimeSpan): string {
  return `(${printIdentifier(t.unit)}, ${printExpression(t.amount)})`;
}

function printOver(o: Over): string {
  const parts: string[] = [];
  if (o.partitionBy.length) parts.push(`PARTITION BY ${list(o.partitionBy)}`);
  if (o.orderBy.length) parts.push(`ORDER BY ${o.orderBy.map(printNode).join(', ')}`);
  if (o.limitDuration) parts.push(`LIMIT DURATION${printTimeSpan(o.limitDuration)}`);
  if (o.when) parts.push(`WHEN ${printExpression(o.when)}`);
  return `OVER (${parts.join(' ')})`;
}

function printMatchRecognize(m: MatchRecognize, indent: string): string {
  const i = `${indent}  `;
  const lines = [`MATCH_RECOGNIZE (`, `${i}LIMIT DURATION${printTimeSpan(m.limitDuration)}`];
  if (m.partitionBy.length) lines.push(`${i}PARTITION BY ${list(m.partitionBy)}`);
  if (m.measures.length) lines.push(`${i}MEASURES ${m.measures.map(printNode).join(`,\n${i}  `)}`);
  if (m.skipToNextRow) lines.push(`${i}AFTER MATCH SKIP TO NEXT ROW`);
  lines.push(`${i}PATTERN (${printPattern(m.pattern)})`);
  lines.push(`${i}DEFINE ${m.define.map(printNode).join(`,\n${i}  `)}`);
  lines.push(`${indent}) AS ${printIdentifier(m.alias)}`);
  return lines.join('\n');
}

function printPattern(p: Pattern): string {
  const group = (child: Pattern, wrapSequences: boolean): string =>
    child.kind === 'PatternAlternation' || (wrapSequences && child.kind === 'PatternSequence') ? `(${printPattern(child)})` : printPattern(child);
  switch (p.kind) {
    case 'PatternVariable': return printIdentifier(p.name);
    case 'PatternAny': return '.';
    case 'PatternSequence': return p.items.map((c) => group(c, true)).join(' ');
    case 'PatternAlternation': return p.alternatives.map((c) => group(c, false)).join(' | ');
    case 'PatternQuantified': {
      const inner = p.pattern.kind === 'PatternQuantified' ? `(${printPattern(p.pattern)})` : group(p.pattern, true);
      if (p.quantifier !== 'range') return inner + p.quantifier;
      return p.min !== undefined && p.min === p.max ? `${inner}{${p.min}}` : `${inner}{${p.min ?? ''},${p.max ?? ''}}`;
    }
    default: return assertNever(p, 'pattern');
  }
}

export function printIdentifier(id: Identifier): string {
  switch (id.quote) {
    case 'bracket': return `[${id.name.replace(/]/g, ']]')}]`;
    case 'double': return `"${id.name.replace(/"/g, '""')}"`;
    case 'string': return quoteString(id.name);
    case 'none':
      return PLAIN_NAME.test(id.name) && !RESERVED.has(id.name.toUpperCase()) ? id.name : `[${id.name.replace(/]/g, ']]')}]`;
    default: return assertNever(id.quote, 'quote style');
  }
}

/** Names in a dotted path; after a dot a keyword needs no quotes (`System.Timestamp`, `e.from`). */
function printPath(ids: readonly Identifier[], firstAfterDot = 0): string[] {
  return ids.map((id, i) => (i + firstAfterDot > 0 && id.quote === 'none' && PLAIN_NAME.test(id.name) ? id.name : printIdentifier(id)));
}

function quoteString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function list(items: readonly Expression[]): string {
  return items.map((e) => printExpression(e)).join(', ');
}

/** How tightly an expression binds, for deciding where parentheses are needed. */
function power(e: Expression): number {
  switch (e.kind) {
    case 'Binary':
      if (e.op === 'OR') return BP.OR;
      if (e.op === 'AND') return BP.AND;
      if (['+', '-', '&', '|', '^'].includes(e.op)) return BP.ADD;
      if (['*', '/', '%'].includes(e.op)) return BP.MUL;
      return BP.COMPARE;
    case 'Like': case 'InList': case 'Between': case 'IsNull': return BP.COMPARE;
    case 'Unary': return e.op === 'NOT' ? BP.NOT : BP.UNARY;
    default: return ATOM;
  }
}

/** Prints `e`, parenthesised if it binds more loosely than `min` requires (left operands use min − 1). */
export function printExpression(e: Expression, min = 0): string {
  const s = printBare(e);
  return power(e) <= min ? `(${s})` : s;
}

function printBare(e: Expression): string {
  switch (e.kind) {
    case 'NumberLiteral': return e.text;
    case 'StringLiteral': return quoteString(e.value);
    case 'NullLiteral': return 'NULL';
    case 'ColumnRef': return printPath(e.path).join('.');
    case 'MemberAccess': {
      const obj = e.object.kind === 'ColumnRef' || power(e.object) < ATOM ? `(${printBare(e.object)})` : printBare(e.object);
      return `${obj}.${printPath([e.member], 1)[0]}`;
    }
    case 'Star': return '*';
    case 'FunctionCall': {
      const args = e.args.map((a) => printExpression(a)).join(', ');
      const q = e.quantifier ? `${e.quantifier} ` : '';
      return `${printPath(e.name).join('.')}(${q}${args})${e.over ? ` ${printOver(e.over)}` : ''}`;
    }
    case 'Cast': return `${e.tryCast ? 'TRY_CAST' : 'CAST'}(${printExpression(e.expr)} AS ${printNode(e.type)})`;
    case 'Case': {
      const parts = ['CASE'];
      if (e.operand) parts.push(printExpression(e.operand));
      for (const w of e.whens) parts.push(printNode(w));
      if (e.else) parts.push(`ELSE ${printExpression(e.else)}`);
      parts.push('END');
      return parts.join(' ');
    }
    case 'Unary':
      return e.op === 'NOT' ? `NOT ${printExpression(e.operand, BP.NOT)}` : `${e.op}${printExpression(e.operand, BP.UNARY)}`;
    case 'Binary': {
      const bp = power(e);
      return `${printExpression(e.left, bp - 1)} ${e.op} ${printExpression(e.right, bp)}`;
    }
    case 'Like':
      return `${printExpression(e.expr, BP.COMPARE - 1)} ${e.negated ? 'NOT ' : ''}LIKE ${printExpression(e.pattern, BP.COMPARE)}`;
    case 'InList':
      return `${printExpression(e.expr, BP.COMPARE - 1)} ${e.negated ? 'NOT ' : ''}IN (${list(e.list)})`;
    case 'Between':
      return `${printExpression(e.expr, BP.COMPARE - 1)} ${e.negated ? 'NOT ' : ''}BETWEEN ${printExpression(e.low, BP.COMPARE)} AND ${printExpression(e.high, BP.COMPARE)}`;
    case 'IsNull': return `${printExpression(e.expr, BP.COMPARE - 1)} IS ${e.negated ? 'NOT ' : ''}NULL`;
    default: return assertNever(e, 'expression');
  }
}
