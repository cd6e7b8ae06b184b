// "Did you mean …?" for misspelt keywords: the closest candidate by edit distance, if close enough.

/** Optimal-string-alignment distance: Levenshtein plus adjacent transpositions (FORM → FROM is 1). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur: number[] = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[n] ?? 0;
}

/** The closest candidate (compared without case), or undefined when nothing is plausibly meant. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toUpperCase();
  // Short words tolerate one edit, longer ones two: "AS" must not suggest "ON".
  const budget = w.length <= 3 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === w) return undefined;
    // On a tie, a candidate with the same first letter is the likelier meaning (AN → AND, not ON).
    const d = editDistance(w, c) + (c[0] === w[0] ? 0 : 0.5);
    if (Math.floor(d) <= budget && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
