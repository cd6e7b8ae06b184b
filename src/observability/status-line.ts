// The live status line of `sluice run` on a terminal: events per second in and out, the watermark and its
// delay, and the consumer lag, redrawn in place at most once a second (more often would only flicker).
// Only for a TTY: piped or logged output gets no carriage returns.

export interface StatusSample {
  /** Totals since start; the line shows their rate. */
  inEvents: number;
  outEvents: number;
  /** The slowest input's watermark, epoch ms (-Infinity before the first event). */
  watermarkMs: number;
  /** Backlogged input events over all inputs, or undefined before the first measurement. */
  lag: number | undefined;
}

export interface StatusLineOptions {
  stream: { write(text: string): unknown; columns?: number };
  sample: () => StatusSample;
  intervalMs?: number;
  now?: () => number;
}

function rate(n: number): string {
  return n >= 10_000 ? `${(n / 1000).toFixed(1)}k` : n >= 100 ? n.toFixed(0) : n.toFixed(1);
}

function duration(ms: number): string {
  const s = ms / 1000;
  return s < 120 ? `${s.toFixed(1)} s` : s < 7200 ? `${(s / 60).toFixed(1)} min` : `${(s / 3600).toFixed(1)} h`;
}

export function formatStatus(inPerSec: number, outPerSec: number, watermarkMs: number, nowMs: number, lag: number | undefined): string {
  const watermark = Number.isFinite(watermarkMs)
    ? `${new Date(watermarkMs).toISOString().slice(0, 19)}Z (${duration(nowMs - watermarkMs)} behind)`
    : 'none yet';
  return `in ${rate(inPerSec)}/s · out ${rate(outPerSec)}/s · watermark ${watermark} · lag ${lag === undefined ? '?' : lag}`;
}

export class StatusLine {
  readonly #options: StatusLineOptions;
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;
  #last: { atMs: number; inEvents: number; outEvents: number } | undefined;
  #shown = false;

  constructor(options: StatusLineOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  start(): void {
    if (this.#timer) return;
    this.#last = { atMs: this.#now(), ...this.#counts() };
    this.#timer = setInterval(() => this.draw(), Math.max(1000, this.#options.intervalMs ?? 1000));
    this.#timer.unref();
  }

  #counts(): { inEvents: number; outEvents: number } {
    const s = this.#options.sample();
    return { inEvents: s.inEvents, outEvents: s.outEvents };
  }

  /** Redraws the line now (the timer calls it once a second). */
  draw(): void {
    const now = this.#now();
    const s = this.#options.sample();
    const last = this.#last ?? { atMs: now, inEvents: s.inEvents, outEvents: s.outEvents };
    const secs = Math.max(0.001, (now - last.atMs) / 1000);
    let text = formatStatus((s.inEvents - last.inEvents) / secs, (s.outEvents - last.outEvents) / secs, s.watermarkMs, now, s.lag);
    const width = this.#options.stream.columns;
    if (width && text.length >= width) text = text.slice(0, width - 1);
    this.#options.stream.write(`\r\x1b[2K${text}`);
    this.#shown = true;
    this.#last = { atMs: now, inEvents: s.inEvents, outEvents: s.outEvents };
  }

  /** Erases the line (before a log line is written over it, and at the end). */
  clear(): void {
    if (!this.#shown) return;
    this.#options.stream.write('\r\x1b[2K');
    this.#shown = false;
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.clear();
  }
}
