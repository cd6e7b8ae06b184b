import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { columnRef, identifier, parseScript, printScript, transform, visit, type AstNode } from './index.ts';

const QUERY = `WITH s AS (SELECT a, LAG(b) OVER (PARTITION BY k LIMIT DURATION(minute, 1)) AS p FROM i)
SELECT a, COUNT(*) INTO o FROM s GROUP BY TumblingWindow(second, 10), a`;

describe('visit', () => {
  it('reaches every column reference, with its parent', () => {
    const seen: string[] = [];
    visit(parseScript(QUERY), {
      ColumnRef: (n, parent) => {
        seen.push(`${n.path.map((p) => p.name).join('.')}<${parent?.kind}`);
      },
    });
    assert.deepEqual(seen, ['a<SelectExpr', 'b<FunctionCall', 'k<Over', 'a<SelectExpr', 'a<Select']);
  });

  it('skips children when a callback returns false, and calls leave after children', () => {
    const order: string[] = [];
    visit(parseScript('SELECT f(x) FROM i'), {
      FunctionCall: () => false,
      leave: (n) => {
        if (n.kind === 'FunctionCall' || n.kind === 'Select') order.push(n.kind);
      },
      ColumnRef: () => {
        order.push('ColumnRef');
      },
    });
    assert.deepEqual(order, ['FunctionCall', 'Select']);
  });
});

describe('transform', () => {
  it('returns the very same object when nothing changes', () => {
    const ast = parseScript(QUERY);
    assert.equal(transform(ast, () => undefined), ast);
  });

  it('rebuilds only the path to a change and keeps untouched siblings', () => {
    const ast = parseScript('SELECT a, b FROM i WHERE c > 1');
    const renamed = transform(ast, (n: AstNode) =>
      n.kind === 'ColumnRef' && n.path[0]?.name === 'a' ? columnRef({ path: [identifier('z', 'none', n.span)], span: n.span }) : undefined);
    assert.notEqual(renamed, ast);
    assert.equal(printScript(renamed), 'SELECT z, b\nFROM i\nWHERE c > 1;\n');
    const before = ast.statements[0];
    const after = renamed.statements[0];
    assert.ok(before?.kind === 'QueryStatement' && after?.kind === 'QueryStatement');
    assert.ok(before.query.kind === 'Select' && after.query.kind === 'Select');
    assert.equal(after.query.where, before.query.where);
    assert.equal(after.query.from, before.query.from);
    assert.equal(after.query.items[1], before.query.items[1]);
  });
});
