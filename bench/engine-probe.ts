// Runs one query with the real `sluice run` (a child process, so its peak RSS is its own) and watches it
// through its Prometheus endpoint: input events counted, outputs written. Throughput is measured from the
// first event read to the last, so start-up (consumer group join) is not counted.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../src/cli/sluice.ts', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Peak resident set size of a process (VmHWM), in MiB. */
export async function peakRssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

function metric(text: string, name: string): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(name) && (line[name.length] === '{' || line[name.length] === ' ')) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

export interface RunningJob {
  child: ChildProcess;
  port: number;
  sample(): Promise<{ inEvents: number; outEvents: number } | undefined>;
  /** How the job ended ("exited with 1", "was killed by SIGABRT" — a V8 heap overflow aborts), or undefined while it runs. */
  exited(): string | undefined;
  stop(): Promise<number>;
  log: string[];
}

export async function startJob(projectDir: string, extraArgs: string[] = []): Promise<RunningJob> {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'run', projectDir, '--metrics-port', String(port), '--no-status', '--no-checkpoint', ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  child.stdout!.on('data', (c: Buffer) => log.push(c.toString()));
  child.stderr!.on('data', (c: Buffer) => log.push(c.toString()));
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  return {
    child, port, log,
    exited() {
      if (child.exitCode !== null) return `exited with ${child.exitCode}`;
      return child.signalCode !== null ? `was killed by ${child.signalCode}` : undefined;
    },
    async sample() {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/metrics`);
        const text = await res.text();
        return { inEvents: metric(text, 'sluice_input_events_total'), outEvents: metric(text, 'sluice_output_events_total') };
      } catch {
        return undefined; // not serving yet
      }
    },
    async stop() {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

export interface CatchUpResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  peakRssMiB: number;
  outputRows: number;
  /** True when the time ran out before the whole backlog was read: the figures are over what was read. */
  partial: boolean;
}

function pollDelayMs(first: { atMs: number; n: number } | undefined, last: { atMs: number; n: number }, events: number): number {
  if (first === undefined || last.n <= first.n) return 20;
  const perMs = (last.n - first.n) / Math.max(1, last.atMs - first.atMs);
  const toEndMs = (events - last.n) / perMs;
  return Math.max(20, Math.min(250, toEndMs / 3));
}

/** Runs the job over a backlog of `events` events and measures how fast it reads through it. */
export async function catchUp(projectDir: string, events: number, timeoutMs: number): Promise<CatchUpResult> {
  const job = await startJob(projectDir);
  const deadline = Date.now() + timeoutMs;
  let first: { atMs: number; n: number } | undefined;
  /** The last moment the job served metrics with nothing read yet. */
  let zeroAt: number | undefined;
  let last = { atMs: 0, n: 0, out: 0 };
  try {
    while (Date.now() < deadline) {
      if (job.exited()) throw new Error(`sluice ${job.exited()}:\n${job.log.join('').slice(-2000)}`);
      const s = await job.sample();
      const now = Date.now();
      if (s && s.inEvents === 0) zeroAt = now;
      if (s && s.inEvents > 0) {
        first ??= { atMs: now, n: s.inEvents };
        last = { atMs: now, n: s.inEvents, out: s.outEvents };
        if (s.inEvents >= events) break;
      }
      // Every sample costs the job a rendering of its /metrics (a few % of a CPU-bound query at 20 per second),
      // so the probe looks rarely while the end is far and every 20 ms before the first event and near the
      // end: the two moments that are timed.
      await new Promise((r) => setTimeout(r, pollDelayMs(first, last, events)));
    }
    if (!first) throw new Error(`sluice read nothing in ${timeoutMs / 1000} s:\n${job.log.join('').slice(-2000)}`);
    const rss = await peakRssMiB(job.child.pid!);
    // The first sample already counts a batch or more; measure the rest from there.
    // A backlog read within one sampling interval has only the time since the last empty sample to go by.
    const from = last.n > first.n || zeroAt === undefined ? first : { atMs: zeroAt, n: 0 };
    const seconds = (last.atMs - from.atMs) / 1000;
    return { events: last.n, seconds, eventsPerSecond: (last.n - from.n) / Math.max(seconds, 0.001), peakRssMiB: rss, outputRows: last.out, partial: last.n < events };
  } finally {
    await job.stop();
  }
}
