// Tokens of the Stream Analytics query language. Words are not split into keywords here: most ASA
// keywords are contextual (a field may be called `timestamp` or `left`), so the parser decides.
import type { SourceSpan } from '../common/index.ts';

export type TokenKind =
  /** An unquoted word: a keyword or a name, decided by the parser. */
  | 'word'
  /** `[name]`, with `]]` standing for `]`. */
  | 'bracketName'
  /** `"name"`, with `""` standing for `"`. */
  | 'quotedName'
  /** `'text'`, with `''` standing for `'`. */
  | 'string'
  /** `12`, `1.5`, `1e3`. */
  | 'number'
  /** Operators and punctuation. */
  | 'punct'
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** The decoded value: the name without quotes, the string's content, the number or operator text. */
  readonly value: string;
  /** For words, the upper-cased value (keywords compare against it); otherwise ''. */
  readonly upper: string;
  readonly span: SourceSpan;
}

export const PUNCTUATION = [
  '<>', '!=', '>=', '<=', '!>', '!<',
  '=', '>', '<', '+', '-', '*', '/', '%', '&', '|', '^', '~',
  '.', ',', '(', ')', ';',
  // Only MATCH_RECOGNIZE patterns use these: `A?`, `A{2,}`.
  '?', '{', '}',
] as const;

export type Punctuation = (typeof PUNCTUATION)[number];

/** How a token reads in an error message: `'FORM'`, `','`, `end of query`. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'eof': return 'end of query';
    case 'string': return `string '${token.value.replace(/'/g, "''")}'`;
    case 'bracketName': return `[${token.value.replace(/]/g, ']]')}]`;
    case 'quotedName': return `"${token.value.replace(/"/g, '""')}"`;
    default: return `'${token.value}'`;
  }
}
