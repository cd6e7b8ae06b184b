// Small walkers over bound expressions, for rules that look inside a condition (the JOIN binder): the
// AND-ed parts of a predicate, a bottom-up rewrite that returns the same object when nothing changed,
// and the FROM slots an expression reads.
import type { BoundExpr } from './bound-expr.ts';

/** `a AND b AND c` → [a, b, c]. */
export function conjuncts(e: BoundExpr): BoundExpr[] {
  if (e.kind === 'Binary' && e.op === 'AND') return [...conjuncts(e.left), ...conjuncts(e.right)];
  return [e];
}

/** Rewrites children first, then the node itself with `f`. */
export function mapBound(e: BoundExpr, f: (e: BoundExpr) => BoundExpr): BoundExpr {
  const m = (x: BoundExpr): BoundExpr => mapBound(x, f);
  const list = (xs: readonly BoundExpr[]): readonly BoundExpr[] => {
    const ys = xs.map(m);
    return ys.every((y, i) => y === xs[i]) ? xs : ys;
  };
  let out: BoundExpr = e;
  switch (e.kind) {
    case 'Call':
    case 'Udf': {
      const args = list(e.args);
      if (args !== e.args) out = { ...e, args };
      break;
    }
    case 'MetadataProperty': {
      const property = m(e.property);
      if (property !== e.property) out = { ...e, property };
      break;
    }
    case 'Cast': {
      const expr = m(e.expr);
      if (expr !== e.expr) out = { ...e, expr };
      break;
    }
    case 'Case': {
      const operand = e.operand === undefined ? undefined : m(e.operand);
      const whens = e.whens.map((w) => ({ when: m(w.when), then: m(w.then) }));
      const elseExpr = e.else === undefined ? undefined : m(e.else);
      if (operand !== e.operand || elseExpr !== e.else || whens.some((w, i) => w.when !== e.whens[i]?.when || w.then !== e.whens[i]?.then)) {
        out = { ...e, operand, whens, else: elseExpr };
      }
      break;
    }
    case 'Unary': {
      const operand = m(e.operand);
      if (operand !== e.operand) out = { ...e, operand };
      break;
    }
    case 'Binary': {
      const left = m(e.left);
      const right = m(e.right);
      if (left !== e.left || right !== e.right) out = { ...e, left, right };
      break;
    }
    case 'Like': {
      const expr = m(e.expr);
      const pattern = m(e.pattern);
      if (expr !== e.expr || pattern !== e.pattern) out = { ...e, expr, pattern };
      break;
    }
    case 'In': {
      const expr = m(e.expr);
      const items = list(e.list);
      if (expr !== e.expr || items !== e.list) out = { ...e, expr, list: items };
      break;
    }
    case 'Between': {
      const expr = m(e.expr);
      const low = m(e.low);
      const high = m(e.high);
      if (expr !== e.expr || low !== e.low || high !== e.high) out = { ...e, expr, low, high };
      break;
    }
    case 'IsNull': {
      const expr = m(e.expr);
      if (expr !== e.expr) out = { ...e, expr };
      break;
    }
    case 'Member': {
      const object = m(e.object);
      if (object !== e.object) out = { ...e, object };
      break;
    }
    default:
      break;
  }
  return f(out);
}

/**
 * The FROM slots `e` reads (fields and per-side timestamps); undefined when it also depends on the
 * event as a whole (metadata, System.Timestamp(), aggregates), which no single slot determines.
 */
export function slotsOf(e: BoundExpr): Set<number> | undefined {
  const slots = new Set<number>();
  let whole = false;
  mapBound(e, (x) => {
    if (x.kind === 'Field') slots.add(x.slot);
    else if (x.kind === 'Timestamp') {
      if (x.slot === undefined) whole = true;
      else slots.add(x.slot);
    } else if (x.kind === 'InputMetadata' || x.kind === 'MetadataProperty' || x.kind === 'AggregateRef' || x.kind === 'WindowRecord' || x.kind === 'Udf') whole = true;
    else if ((x.kind as string) === 'AnalyticRef') whole = true;
    return x;
  });
  return whole ? undefined : slots;
}
