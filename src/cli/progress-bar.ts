// The backlog progress bar of `sluice run` on a terminal. When a job starts behind (a restart after a pause,
// OutputStartMode CustomTime in the past, a new consumer group on a full topic) it first replays a backlog;
// while it does, the status line gets a bar: how much of the largest backlog seen is read, and when it
// will be caught up at the current pace. It wraps the terminal the status line is drawn on and reads the
// line's `lag N`, so the status line (app's observability) needs to know nothing about it.

export interface TerminalStream {
  write(text: string): unknown;
  columns?: number;
}

export interface BacklogProgressOptions {
  /** Below this many events behind there is no backlog worth a bar. */
  minBacklog?: number;
  width?: number;
  now?: () => number;
}

const REDRAW = '\r\x1b[2K';
const LAG = /· lag (\d+)\s*$/;

/** `[██████░░░░] 62% · 1.2M behind · caught up in ~40 s` — or undefined when there is nothing to show. */
export function formatBacklogProgress(done: number, left: number, secondsLeft: number | undefined, width = 20): string {
  const fraction = Math.min(1, Math.max(0, done / Math.max(1, done + left)));
  const full = Math.floor(fraction * width);
  const eta = secondsLeft === undefined || !Number.isFinite(secondsLeft) ? '' : ` · caught up in ~${secondsLeft < 90 ? `${Math.ceil(secondsLeft)} s` : `${Math.ceil(secondsLeft / 60)} min`}`;
  return `[${'█'.repeat(full)}${'░'.repeat(width - full)}] ${Math.floor(fraction * 100)}% of backlog · ${compact(left)} behind${eta}`;
}

function compact(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e4 ? `${(n / 1e3).toFixed(0)}k` : String(n);
}

/** Tracks the backlog from successive lag readings. */
export class BacklogProgress {
  readonly #min: number;
  readonly #now: () => number;
  #peak = 0;
  /** Recent (time, lag) readings for the pace; a few seconds smooth out uneven reads. */
  #history: Array<{ atMs: number; lag: number }> = [];

  constructor(options: BacklogProgressOptions = {}) {
    this.#min = options.minBacklog ?? 1000;
    this.#now = options.now ?? Date.now;
  }

  /** The bar for this lag reading, or undefined when the job is not replaying a backlog. */
  update(lag: number, width?: number): string | undefined {
    const now = this.#now();
    if (lag < this.#min) {
      // Caught up: the next backlog (after a broker outage, say) starts its own bar.
      this.#peak = 0;
      this.#history = [];
      return undefined;
    }
    if (lag > this.#peak) this.#peak = lag;
    this.#history.push({ atMs: now, lag });
    while (this.#history.length > 10) this.#history.shift();
    const first = this.#history[0]!;
    const drained = first.lag - lag;
    const seconds = (now - first.atMs) / 1000;
    const secondsLeft = drained > 0 && seconds > 0 ? lag / (drained / seconds) : undefined;
    return formatBacklogProgress(this.#peak - lag, lag, secondsLeft, width);
  }
}

/** The terminal stream with the bar put in front of each status line drawn while a backlog is replayed. */
export function withBacklogProgress(stream: TerminalStream, options: BacklogProgressOptions = {}): TerminalStream {
  const progress = new BacklogProgress(options);
  // No `columns` of its own: the status line must not cut off its `lag N` before the bar reads it; the
  // combined line is cut to the terminal's width here instead.
  return {
    write(text: string): unknown {
      const m = text.startsWith(REDRAW) ? LAG.exec(text) : null;
      if (!m) return stream.write(text);
      const bar = progress.update(Number(m[1]), options.width);
      if (!bar) return stream.write(text);
      let line = `${bar} │ ${text.slice(REDRAW.length)}`;
      if (stream.columns && line.length >= stream.columns) line = line.slice(0, stream.columns - 1);
      return stream.write(`${REDRAW}${line}`);
    },
  };
}
