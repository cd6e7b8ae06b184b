// Limits that keep a hostile or generated query from exhausting the stack or memory of the parser.
/** Deepest nesting of expressions, calls and parentheses the parser accepts. */
export const MAX_NESTING_DEPTH = 200;
/**
 * Deepest expression tree, counting operator chains (`a OR b OR …` nests one level per operator), so
 * that recursive walks over the AST (printer, binder, compiler) stay far from the stack limit.
 */
export const MAX_EXPRESSION_DEPTH = 1000;
/** Longest query text accepted, in UTF-16 code units (1 MiB). */
export const MAX_QUERY_LENGTH = 1024 * 1024;
