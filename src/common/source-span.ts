// Positions in user-written text (queries, project files). Every token and AST node carries a span so
// that errors can point at file:line:col with a code frame.

export interface SourcePosition {
  /** 0-based offset into the text, in UTF-16 code units. */
  offset: number;
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units. */
  column: number;
}

export interface SourceSpan {
  /** File the text came from, as the user named it (for messages); absent for text typed inline. */
  file?: string;
  start: SourcePosition;
  /** Exclusive end. */
  end: SourcePosition;
}

/** A span covering both inputs (which must come from the same text). */
export function joinSpans(a: SourceSpan, b: SourceSpan): SourceSpan {
  const start = a.start.offset <= b.start.offset ? a.start : b.start;
  const end = a.end.offset >= b.end.offset ? a.end : b.end;
  return a.file === undefined ? { start, end } : { file: a.file, start, end };
}

/** Computes line and column for an offset; for building spans outside the lexer (e.g. JSON files). */
export function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  const limit = Math.min(offset, text.length);
  for (let i = 0; i < limit; i++) {
    if (text.charCodeAt(i) === 10 /* \n */) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset: limit, line, column: limit - lineStart + 1 };
}

export function formatLocation(span: SourceSpan): string {
  return `${span.file ?? '<query>'}:${span.start.line}:${span.start.column}`;
}
