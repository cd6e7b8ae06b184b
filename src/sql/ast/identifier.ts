// Names as written: how a name was quoted matters for printing it back and for the open question of
// whether "double quotes" name a field or hold a string (see README).
import type { SourceSpan } from '../../common/index.ts';

/**
 * none: `name`; bracket: `[name]`; double: `"name"`; string: `'name'` (only as a select alias,
 * `AS 'smVersion'`).
 */
export type QuoteStyle = 'none' | 'bracket' | 'double' | 'string';

export interface Identifier {
  readonly kind: 'Identifier';
  /** The name without quotes or escapes. Compare names without case, as ASA does. */
  readonly name: string;
  readonly quote: QuoteStyle;
  readonly span: SourceSpan;
}

export const identifier = (name: string, quote: QuoteStyle, span: SourceSpan): Identifier =>
  ({ kind: 'Identifier', name, quote, span });
