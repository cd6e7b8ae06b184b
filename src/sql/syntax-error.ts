// Builds the user-facing errors of the SQL front end: a SluiceError that points into the query text.
import { SluiceError, type SourceSpan } from '../common/index.ts';

/** The text being parsed and the file it came from, carried so every error can print a code frame. */
export interface SourceText {
  readonly text: string;
  readonly file: string | undefined;
}

export function syntaxError(source: SourceText, span: SourceSpan, message: string, hint?: string): SluiceError {
  return new SluiceError('SLUICE_SQL_SYNTAX', message, {
    domain: 'user',
    span,
    sourceText: source.text,
    ...(hint === undefined ? {} : { hint }),
  });
}

export function limitError(source: SourceText, span: SourceSpan, message: string, hint: string): SluiceError {
  return new SluiceError('SLUICE_SQL_LIMIT', message, { domain: 'user', span, sourceText: source.text, hint });
}
