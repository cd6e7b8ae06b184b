// What the demo prints of the example's results: one summary line per closed window (device count, mean
// temperature, hottest device) rather than a row per device, and the threshold alerts as they come.

interface AverageRow {
  deviceId?: unknown;
  readings?: unknown;
  avgTemperature?: unknown;
  windowEnd?: unknown;
}

interface AlertRow {
  deviceId?: unknown;
  temperature?: unknown;
  readingTime?: unknown;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
const clock = (v: unknown): string => (typeof v === 'string' ? v.slice(11, 19) : String(v));

export class DemoResultsView {
  readonly #out: (line: string) => void;
  /** Rows of windows not printed yet, by window end; a window is printed once a poll brings none of its rows. */
  readonly #open = new Map<string, AverageRow[]>();
  windows = 0;
  averages = 0;
  alerts = 0;

  constructor(out: (line: string) => void) {
    this.#out = out;
  }

  /** One poll's worth of rows from the output topics, by output alias. */
  add(alias: string, rows: readonly unknown[]): void {
    if (alias === 'alerts') {
      this.alerts += rows.length;
      const shown = (rows as AlertRow[]).slice(0, 4).map((r) => `${String(r.deviceId)} ${num(r.temperature).toFixed(1)} °C at ${clock(r.readingTime)}`);
      if (shown.length > 0) this.#out(`  ⚠ alert: ${shown.join(', ')}${rows.length > shown.length ? ` (+${rows.length - shown.length} more)` : ''}`);
      return;
    }
    this.averages += rows.length;
    for (const r of rows as AverageRow[]) {
      const key = String(r.windowEnd);
      const list = this.#open.get(key);
      if (list) list.push(r); else this.#open.set(key, [r]);
    }
  }

  /** Prints the windows that received no rows since the last call (or all of them at the end). */
  flush(touched: ReadonlySet<string> = new Set(), all = false): void {
    for (const [end, rows] of [...this.#open].sort(([a], [b]) => a.localeCompare(b))) {
      if (!all && touched.has(end)) continue;
      this.#open.delete(end);
      this.windows++;
      let readings = 0;
      let sum = 0;
      let hottest = rows[0]!;
      for (const r of rows) {
        readings += num(r.readings);
        sum += num(r.avgTemperature) * num(r.readings);
        if (num(r.avgTemperature) > num(hottest.avgTemperature)) hottest = r;
      }
      this.#out(`  ▣ window ending ${clock(end)}: ${rows.length} devices, ${readings} readings, mean ${(sum / readings).toFixed(1)} °C; ` +
        `hottest ${String(hottest.deviceId)} at ${num(hottest.avgTemperature).toFixed(1)} °C`);
    }
  }

  windowEndsOf(rows: readonly unknown[]): string[] {
    return (rows as AverageRow[]).map((r) => String(r.windowEnd));
  }
}
