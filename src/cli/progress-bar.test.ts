// The backlog progress bar, driven by the real status line of `sluice run` (so a change to that line's
// format that the bar can no longer read fails here), with a fake clock.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatusLine } from '../observability/index.ts';
import { BacklogProgress, formatBacklogProgress, withBacklogProgress } from './progress-bar.ts';

const REDRAW = '\r\x1b[2K';
/** A status-line write without its leading carriage return and erase-line sequence. */
function line(write: string | undefined): string {
  assert.ok(write !== undefined && write.startsWith(REDRAW), `a redraw: ${JSON.stringify(write)}`);
  return write.slice(REDRAW.length);
}

function terminal(columns?: number): { stream: { write(t: string): boolean; columns?: number }; writes: string[] } {
  const writes: string[] = [];
  return { stream: { write: (t: string) => { writes.push(t); return true; }, ...(columns ? { columns } : {}) }, writes };
}

describe('backlog progress bar', () => {
  it('formats the share read, what is left and the time to catch up', () => {
    assert.equal(formatBacklogProgress(750, 250, 12.2, 8), '[██████░░] 75% of backlog · 250 behind · caught up in ~13 s');
    assert.equal(formatBacklogProgress(0, 2_500_000, undefined, 4), '[░░░░] 0% of backlog · 2.5M behind');
    assert.equal(formatBacklogProgress(90_000, 30_000, 600, 4), '[███░] 75% of backlog · 30k behind · caught up in ~10 min');
  });

  it('measures from the largest backlog seen, and the pace from recent readings', () => {
    let now = 0;
    const p = new BacklogProgress({ now: () => now, minBacklog: 100 });
    assert.match(p.update(10_000, 10)!, /^\[░{10}\] 0% of backlog · 10k behind$/);
    now = 1000;
    assert.match(p.update(12_000, 10)!, /0% of backlog · 12k behind/); // still growing: the peak moves
    now = 2000;
    assert.equal(p.update(9_000, 10), '[██░░░░░░░░] 25% of backlog · 9000 behind · caught up in ~18 s');
    now = 3000;
    assert.equal(p.update(50, 10), undefined); // caught up: no bar
    now = 4000;
    assert.match(p.update(5_000, 10)!, /^\[░{10}\] 0% of backlog/); // a new backlog starts its own bar
  });

  it('puts the bar in front of the real status line while lag falls, and leaves other writes alone', () => {
    let now = 0;
    let lag: number | undefined = 40_000;
    let inEvents = 0;
    const t = terminal(200);
    const status = new StatusLine({
      stream: withBacklogProgress(t.stream, { now: () => now, width: 10 }),
      now: () => now,
      sample: () => ({ inEvents, outEvents: 0, watermarkMs: -Infinity, lag }),
    });
    status.draw();
    for (const next of [30_000, 20_000, 10_000]) {
      now += 1000;
      inEvents += 10_000;
      lag = next;
      status.draw();
    }
    assert.match(line(t.writes[0]), /^\[░{10}\] 0% of backlog · 40k behind │ in 0\.0\/s/);
    assert.match(line(t.writes[3]), /^\[███████░░░\] 75% of backlog · 10k behind · caught up in ~1 s │ in 10\.0k\/s .* lag 10000$/);
    now += 1000;
    lag = 0;
    status.draw();
    assert.match(line(t.writes[4]), /^in 0\.0\/s · out 0\.0\/s · watermark none yet · lag 0$/); // caught up: the plain status line
    status.clear();
    assert.equal(t.writes[5], REDRAW);
  });

  it('keeps the combined line within the terminal width', () => {
    const t = terminal(60);
    const w = withBacklogProgress(t.stream, { now: () => 0 });
    w.write(`${REDRAW}in 1.0/s · out 1.0/s · watermark none yet · lag 5000`);
    assert.ok(line(t.writes[0]).length < 60);
    assert.match(line(t.writes[0]), /of backlog/);
  });
});
