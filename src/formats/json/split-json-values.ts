// Finds the top-level JSON values in a payload that holds several (line-separated or simply
// concatenated objects, as ASA accepts). Tracks strings and nesting only; each piece is parsed by
// JSON.parse afterwards, so this scanner need not validate anything.

export interface JsonPiece {
  start: number;
  end: number;
}

export function splitJsonValues(text: string): JsonPiece[] {
  const pieces: JsonPiece[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) {
        inString = false;
        if (depth === 0) { pieces.push({ start, end: i + 1 }); start = -1; }
      }
      continue;
    }
    if (c === 32 || c === 10 || c === 13 || c === 9) {
      if (depth === 0 && start >= 0) { pieces.push({ start, end: i }); start = -1; }
      continue;
    }
    if (start < 0) start = i;
    if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) depth++;
    else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
      if (depth === 0) { pieces.push({ start, end: i + 1 }); start = -1; }
    }
  }
  if (start >= 0) pieces.push({ start, end: text.length });
  return pieces;
}
