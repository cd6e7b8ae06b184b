// The AST: immutable plain data tagged with `kind`, each node with a span, built by small factories.
export * from './expression.ts';
export * from './from.ts';
export * from './identifier.ts';
export * from './match-recognize.ts';
export * from './node.ts';
export * from './over.ts';
export * from './select.ts';
export * from './statement.ts';
export * from './window.ts';
