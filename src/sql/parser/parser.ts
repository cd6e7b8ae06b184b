// The parser's cursor over the token list and its small helper set (peek, expect, optional, list),
// shared by the construct parsers in this folder. Also tracks nesting depth and builds errors.
import { joinSpans, type SluiceError, type SourceSpan } from '../../common/index.ts';
import { identifier, type Identifier } from '../ast/index.ts';
import { MAX_EXPRESSION_DEPTH, MAX_NESTING_DEPTH } from '../limits.ts';
import { closest } from '../suggest.ts';
import { limitError, syntaxError, type SourceText } from '../syntax-error.ts';
import { describeToken, type Punctuation, type Token } from '../token.ts';

/**
 * Words that never name a field, input or alias unless quoted, because they start or glue clauses.
 * Everything else (LEFT, TIMESTAMP, PARTITION, COUNT, …) is contextual and may be a name.
 */
export const RESERVED = new Set([
  'SELECT', 'FROM', 'WHERE', 'GROUP', 'HAVING', 'INTO', 'UNION', 'JOIN', 'ON', 'AS', 'AND', 'OR', 'NOT',
  'IN', 'LIKE', 'BETWEEN', 'IS', 'NULL', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'WITH', 'CROSS', 'OUTER',
  'INNER', 'APPLY', 'BY', 'OVER', 'CREATE', 'DISTINCT', 'ORDER', 'MATCH_RECOGNIZE',
]);

/** Keywords offered in "did you mean …?" when a word is close to one. */
export const CLAUSE_KEYWORDS = [
  'SELECT', 'FROM', 'WHERE', 'GROUP', 'HAVING', 'INTO', 'UNION', 'JOIN', 'WITH', 'TIMESTAMP', 'PARTITION',
  'CROSS', 'OUTER', 'APPLY', 'INNER', 'LEFT', 'CREATE', 'TABLE', 'MATCH_RECOGNIZE', 'ON', 'AND', 'BETWEEN',
];

export class Parser {
  readonly source: SourceText;
  private readonly tokens: readonly Token[];
  private pos = 0;
  private depth = 0;
  private treeDepth = 0;
  /** The last alias taken without AS: if the next token fails, the "alias" was likely a misspelt keyword. */
  private bareAlias: Token | undefined;

  constructor(source: SourceText, tokens: readonly Token[]) {
    this.source = source;
    this.tokens = tokens;
  }

  peek(ahead = 0): Token {
    const i = Math.min(this.pos + ahead, this.tokens.length - 1);
    return this.tokens[i] as Token;
  }

  previous(): Token {
    return this.tokens[Math.max(0, this.pos - 1)] as Token;
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  isWord(upper: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'word' && t.upper === upper;
  }

  isPunct(p: Punctuation, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'punct' && t.value === p;
  }

  atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  optionalWord(upper: string): Token | undefined {
    return this.isWord(upper) ? this.next() : undefined;
  }

  optionalPunct(p: Punctuation): Token | undefined {
    return this.isPunct(p) ? this.next() : undefined;
  }

  /** Consumes keyword `upper` or fails with "expected UPPER <where>, found …". */
  expectWord(upper: string, where: string, hint?: string, keywords: readonly string[] = [upper]): Token {
    if (this.isWord(upper)) return this.next();
    throw this.unexpected(`expected ${upper} ${where}`, hint, keywords);
  }

  expectPunct(p: Punctuation, where: string, hint?: string): Token {
    if (this.isPunct(p)) return this.next();
    throw this.unexpected(`expected '${p}' ${where}`, hint);
  }

  /** `item {, item}`. */
  list<T>(item: () => T): T[] {
    const out = [item()];
    while (this.optionalPunct(',')) out.push(item());
    return out;
  }

  /** Whether the next token can be an unquoted or quoted name. */
  isName(ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'bracketName' || t.kind === 'quotedName' || (t.kind === 'word' && !RESERVED.has(t.upper));
  }

  /** A name: `word`, `[bracketed]` or `"quoted"`. `what` names the thing for the error message. */
  name(what: string, allowReserved = false): Identifier {
    const t = this.peek();
    if (t.kind === 'word' && (allowReserved || !RESERVED.has(t.upper))) return this.toIdentifier(this.next());
    if (t.kind === 'bracketName' || t.kind === 'quotedName') return this.toIdentifier(this.next());
    const hint = t.kind === 'word' ? `${t.value.toUpperCase()} is a keyword; write [${t.value}] to use it as a name` : undefined;
    throw this.unexpected(`expected ${what}`, hint);
  }

  toIdentifier(t: Token): Identifier {
    const quote = t.kind === 'bracketName' ? 'bracket' : t.kind === 'quotedName' ? 'double' : t.kind === 'string' ? 'string' : 'none';
    return identifier(t.value, quote, t.span);
  }

  /** Remembers an alias written without AS, for better errors right after it. */
  noteBareAlias(t: Token): void {
    this.bareAlias = t;
  }

  /** The span from `start` to the end of the last consumed token. */
  spanFrom(start: SourceSpan | Token): SourceSpan {
    const s = 'kind' in start ? start.span : start;
    return joinSpans(s, this.previous().span);
  }

  /** Runs `f` one nesting level deeper, failing clearly past MAX_NESTING_DEPTH. */
  nested<T>(f: () => T): T {
    if (++this.depth > MAX_NESTING_DEPTH) {
      throw limitError(this.source, this.peek().span,
        `the query nests expressions more than ${MAX_NESTING_DEPTH} levels deep`,
        'simplify the expression or split it across WITH steps');
    }
    const treeDepth = this.treeDepth;
    this.deepen();
    try {
      return f();
    } finally {
      this.depth--;
      this.treeDepth = treeDepth;
    }
  }

  /**
   * Counts one more level of the tree being built. Operator chains (`a OR b OR …`) nest without
   * parentheses, and everything that later walks the tree recursively needs a bound on its depth.
   */
  deepen(): void {
    if (++this.treeDepth > MAX_EXPRESSION_DEPTH) {
      throw limitError(this.source, this.peek().span,
        `an expression in the query is more than ${MAX_EXPRESSION_DEPTH} operators deep`,
        'split long AND/OR chains into IN (…) lists or across WITH steps');
    }
  }

  error(span: SourceSpan, message: string, hint?: string): SluiceError {
    return syntaxError(this.source, span, message, hint);
  }

  /**
   * "expected X, found Y". If Y directly follows an alias written without AS that looks like a
   * keyword (`FROM input WHER x > 1`), the alias is what went wrong, so the error points there.
   */
  unexpected(expected: string, hint?: string, keywords: readonly string[] = CLAUSE_KEYWORDS): SluiceError {
    const found = this.peek();
    const alias = this.bareAlias;
    if (alias !== undefined && this.previous() === alias) {
      const meant = closest(alias.value, keywords);
      if (meant !== undefined) {
        return this.error(alias.span, `${expected}, found '${alias.value}'`, `did you mean ${meant}?`);
      }
    }
    const meant = found.kind === 'word' ? closest(found.value, keywords) : undefined;
    return this.error(found.span, `${expected}, found ${describeToken(found)}`,
      meant !== undefined ? `did you mean ${meant}?` : hint);
  }
}
