// sql: the Stream Analytics query language front end — lexer, parser, AST, printer, visitor.
import { Parser } from './parser/parser.ts';
import { parseExpression as parseExpr } from './parser/expression.ts';
import { parseScriptBody } from './parser/script.ts';
import { tokenize } from './lexer.ts';
import type { Expression, Script } from './ast/index.ts';

export * from './ast/index.ts';
export { tokenize } from './lexer.ts';
export type { Token, TokenKind } from './token.ts';
export { printScript, printNode, printExpression, printIdentifier } from './printer.ts';
export { visit, transform, childrenOf } from './visitor.ts';
export type { Visitor } from './visitor.ts';
export { stripSpans } from './strip-spans.ts';
export { MAX_EXPRESSION_DEPTH, MAX_NESTING_DEPTH, MAX_QUERY_LENGTH } from './limits.ts';
export { closest as closestName } from './suggest.ts';

export interface ParseOptions {
  /** The file name shown in error locations (`job.asaql:3:7`). */
  readonly file?: string;
}

/**
 * Parses a whole job query. Throws SluiceError SLUICE_SQL_SYNTAX (domain user) with a span and the
 * source text on a syntax error, or SLUICE_SQL_LIMIT when the text is too long or nested too deeply.
 */
export function parseScript(text: string, options: ParseOptions = {}): Script {
  const source = { text, file: options.file };
  const parser = new Parser(source, tokenize(source));
  return parseScriptBody(parser);
}

/** Parses one expression (for tests, tools and expressions kept outside queries). */
export function parseExpression(text: string, options: ParseOptions = {}): Expression {
  const source = { text, file: options.file };
  const parser = new Parser(source, tokenize(source));
  const expr = parseExpr(parser);
  if (!parser.atEnd()) throw parser.unexpected('expected the end of the expression', undefined, []);
  return expr;
}
