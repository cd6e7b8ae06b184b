// Prints the lines around a span with a caret under the offending text, the way graphql-js'
// printLocation and Babel's code frames do, so a user sees what the error points at without an editor.
import type { SourceSpan } from './source-span.ts';

const CONTEXT_LINES = 1;
const MAX_LINE_WIDTH = 160;

export function printCodeFrame(text: string, span: SourceSpan): string {
  const lines = text.split(/\r\n|\r|\n/);
  const first = Math.max(1, span.start.line - CONTEXT_LINES);
  const last = Math.min(lines.length, span.start.line + CONTEXT_LINES);
  const gutterWidth = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const raw = (lines[n - 1] ?? '').replace(/\t/g, ' ');
    const marker = n === span.start.line ? '>' : ' ';
    out.push(`${marker} ${String(n).padStart(gutterWidth)} | ${raw.slice(0, MAX_LINE_WIDTH)}`);
    if (n === span.start.line) {
      const startCol = Math.max(1, span.start.column);
      // A span over several lines is underlined to the end of its first line.
      const endCol = span.end.line === span.start.line ? Math.max(span.end.column, startCol + 1) : raw.length + 1;
      const width = Math.max(1, Math.min(endCol, MAX_LINE_WIDTH + 1) - startCol);
      out.push(`  ${' '.repeat(gutterWidth)} | ${' '.repeat(startCol - 1)}${'^'.repeat(width)}`);
    }
  }
  return out.join('\n');
}
