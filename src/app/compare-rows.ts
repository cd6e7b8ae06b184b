// Compares an output with its expected rows as ASA's test tool does: on JSON records, with IgnoreFields
// removed. Order is not compared — a stream's output order among events with the same timestamp is not
// defined — so rows are matched as a multiset.

export interface RowComparison {
  equal: boolean;
  /** Expected rows with no matching actual row (after IgnoreFields). */
  missing: unknown[];
  /** Actual rows with no matching expected row. */
  unexpected: unknown[];
  matched: number;
}

/** A stable text form of a JSON value: object keys sorted, ignored top-level fields dropped. */
export function canonicalRow(row: unknown, ignore: ReadonlySet<string>): string {
  const canonical = (value: unknown, top: boolean): unknown => {
    if (Array.isArray(value)) return value.map((v) => canonical(v, false));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value).sort()) {
        if (top && ignore.has(key.toLowerCase())) continue;
        out[key] = canonical((value as Record<string, unknown>)[key], false);
      }
      return out;
    }
    return value;
  };
  return JSON.stringify(canonical(row, true));
}

export function compareRows(expected: readonly unknown[], actual: readonly unknown[], ignoreFields: readonly string[] = []): RowComparison {
  const ignore = new Set(ignoreFields.map((f) => f.toLowerCase()));
  const pending = new Map<string, unknown[]>();
  for (const row of expected) {
    const key = canonicalRow(row, ignore);
    const list = pending.get(key);
    if (list) list.push(row);
    else pending.set(key, [row]);
  }
  const unexpected: unknown[] = [];
  let matched = 0;
  for (const row of actual) {
    const list = pending.get(canonicalRow(row, ignore));
    if (list && list.length > 0) {
      list.pop();
      matched++;
    } else {
      unexpected.push(row);
    }
  }
  const missing = [...pending.values()].flat();
  return { equal: missing.length === 0 && unexpected.length === 0, missing, unexpected, matched };
}

/** A short, readable account of a mismatch, for the terminal. */
export function describeMismatch(alias: string, comparison: RowComparison, maxRows = 10): string {
  const lines = [`output '${alias}': ${comparison.matched} rows matched, ${comparison.missing.length} missing, ${comparison.unexpected.length} unexpected`];
  const show = (label: string, rows: unknown[]) => {
    for (const row of rows.slice(0, maxRows)) lines.push(`  ${label} ${JSON.stringify(row)}`);
    if (rows.length > maxRows) lines.push(`  ${label} … ${rows.length - maxRows} more`);
  };
  show('- expected, missing:', comparison.missing);
  show('+ unexpected:       ', comparison.unexpected);
  return lines.join('\n');
}
