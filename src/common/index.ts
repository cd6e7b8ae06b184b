// common: the error class and codes, source spans and code frames, redaction. Imports nothing.
export { printCodeFrame } from './code-frame.ts';
export { redact, REDACTED } from './redact.ts';
export { SluiceError, isSluiceError, assertNever } from './sluice-error.ts';
export type { ErrorCode, ErrorDomain, SluiceErrorOptions } from './sluice-error.ts';
export { formatLocation, joinSpans, positionAt } from './source-span.ts';
export type { SourcePosition, SourceSpan } from './source-span.ts';
