// The TTY status line: rates from the totals between two draws, the watermark and its delay, the lag, and
// erasing itself in place.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatusLine, formatStatus } from './status-line.ts';

describe('status line', () => {
  it('formats rates, watermark delay and lag', () => {
    const wm = Date.parse('2026-01-01T12:00:00Z');
    assert.equal(formatStatus(12.34, 15_000, wm, wm + 2500, 0), 'in 12.3/s · out 15.0k/s · watermark 2026-01-01T12:00:00Z (2.5 s behind) · lag 0');
    assert.equal(formatStatus(0, 0, -Infinity, wm, undefined), 'in 0.0/s · out 0.0/s · watermark none yet · lag ?');
  });

  it('draws events per second since the last draw and clears itself', () => {
    let now = 0;
    const sample = { inEvents: 0, outEvents: 0, watermarkMs: -Infinity, lag: 3 as number | undefined };
    const written: string[] = [];
    const line = new StatusLine({ stream: { write: (t: string) => written.push(t), columns: 200 }, sample: () => sample, now: () => now });
    line.start();
    now = 2000;
    sample.inEvents = 400;
    sample.outEvents = 100;
    line.draw();
    assert.equal(written.at(-1), '\r\x1b[2Kin 200/s · out 50.0/s · watermark none yet · lag 3');
    now = 3000;
    sample.inEvents = 410;
    line.draw();
    assert.match(written.at(-1)!, /in 10\.0\/s · out 0\.0\/s/);
    line.stop();
    assert.equal(written.at(-1), '\r\x1b[2K');
  });

  it('is cut to the terminal width', () => {
    const written: string[] = [];
    const line = new StatusLine({ stream: { write: (t: string) => written.push(t), columns: 20 }, sample: () => ({ inEvents: 0, outEvents: 0, watermarkMs: -Infinity, lag: 0 }) });
    line.draw();
    assert.equal(written[0], '\r\x1b[2Kin 0.0/s · out 0.0/', 'one column is left free so the terminal never wraps');
  });
});
