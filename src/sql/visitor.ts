// One visitor and one transformer over every AST node. Both walk children generically (any field
// holding a node or an array of nodes), so a new node kind needs no change here.
import type { AstKind, AstNode, NodeOfKind } from './ast/index.ts';

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';
}

/** The direct children of a node, in source field order. */
export function childrenOf(node: AstNode): AstNode[] {
  const out: AstNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'span') continue;
    if (Array.isArray(value)) {
      for (const v of value) if (isNode(v)) out.push(v);
    } else if (isNode(value)) {
      out.push(value);
    }
  }
  return out;
}

export type Visitor = {
  /** Called before the children; return false to skip them. */
  readonly [K in AstKind]?: (node: NodeOfKind<K>, parent: AstNode | undefined) => void | boolean;
} & {
  /** Called for every node, before the kind-specific callback; return false to skip its children. */
  readonly enter?: (node: AstNode, parent: AstNode | undefined) => void | boolean;
  /** Called for every node after its children. */
  readonly leave?: (node: AstNode, parent: AstNode | undefined) => void;
};

/** Walks `root` depth-first, pre-order. Shared nodes (the unit of a short-form window) are visited each time. */
export function visit(root: AstNode, visitor: Visitor): void {
  const walk = (node: AstNode, parent: AstNode | undefined): void => {
    let descend = visitor.enter?.(node, parent) !== false;
    const specific = visitor[node.kind] as ((n: AstNode, p: AstNode | undefined) => void | boolean) | undefined;
    if (specific && specific(node, parent) === false) descend = false;
    if (descend) for (const child of childrenOf(node)) walk(child, node);
    visitor.leave?.(node, parent);
  };
  walk(root, undefined);
}

/**
 * Rebuilds `root` bottom-up: children first, then `fn` on the node (with its new children). `fn`
 * returns a replacement or undefined to keep the node. Unchanged subtrees come back as the same object,
 * so `transform(x, () => undefined) === x`. The caller keeps replacements type-correct for their slot.
 */
export function transform<T extends AstNode>(root: T, fn: (node: AstNode) => AstNode | undefined): T {
  const walk = (node: AstNode): AstNode => {
    let changed = false;
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'span' && Array.isArray(value)) {
        let arrayChanged = false;
        const next = value.map((v: unknown) => {
          if (!isNode(v)) return v;
          const r = walk(v);
          if (r !== v) arrayChanged = true;
          return r;
        });
        copy[key] = arrayChanged ? next : value;
        changed ||= arrayChanged;
      } else if (key !== 'span' && isNode(value)) {
        const r = walk(value);
        copy[key] = r;
        changed ||= r !== value;
      } else {
        copy[key] = value;
      }
    }
    const current = changed ? (copy as unknown as AstNode) : node;
    return fn(current) ?? current;
  };
  return walk(root) as T;
}
