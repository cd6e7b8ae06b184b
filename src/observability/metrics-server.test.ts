// The /metrics and /health endpoint over real HTTP: content, status codes, redaction of anything that
// slipped into a label, and a specific error for a port already taken.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { JobHealth } from './job-health.ts';
import { METRIC } from './metric-names.ts';
import { startMetricsServer } from './metrics-server.ts';
import { SluiceMetrics } from './sluice-metrics.ts';

const SECRET = 'hunter2-very-secret-password';
const redact = (t: string) => t.split(SECRET).join('***');

describe('metrics server', () => {
  it('serves /metrics in Prometheus text format and /health as JSON; 404 elsewhere', async () => {
    const metrics = new SluiceMetrics({ processMetrics: false });
    const health = new JobHealth(redact);
    metrics.inputEvents('readings', 0, 3);
    // A label that should never hold a secret; the server's redaction is the last line of defence.
    metrics.outputError(`out-${SECRET}`);
    health.input('readings', true);
    health.output('hot', true);
    const server = await startMetricsServer({ port: 0, metrics, health: () => health.report(), redact });
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${server.url}/metrics`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      assert.match(text, new RegExp(`^${METRIC.inputEvents}\\{input="readings",partition="0"\\} 3$`, 'm'));
      assert.ok(!text.includes(SECRET), 'secret served');
      assert.match(text, /output="out-\*\*\*"/);

      let h = await fetch(`${server.url}/health`);
      assert.equal(h.status, 503, 'not ready before the job runs');
      assert.equal(((await h.json()) as { status: string }).status, 'starting');
      health.running();
      h = await fetch(`${server.url}/health`);
      assert.equal(h.status, 200);
      health.batchRead('readings', Date.parse('2026-01-01T00:00:00Z'));
      health.output('hot', false, new Error(`connection refused (password ${SECRET})`));
      h = await fetch(`${server.url}/health`);
      assert.equal(h.status, 503);
      assert.deepEqual(await h.json(), {
        status: 'degraded', live: true, ready: false,
        inputs: [{ name: 'readings', connected: true, lastBatchAt: '2026-01-01T00:00:00.000Z' }],
        outputs: [{ name: 'hot', healthy: false, lastError: 'connection refused (password ***)' }],
      });
      assert.equal((await fetch(`${server.url}/nope`)).status, 404);
      assert.equal((await fetch(`${server.url}/metrics`, { method: 'POST' })).status, 405);
    } finally {
      await server.close();
    }
  });

  it('fails with SLUICE_METRICS_LISTEN when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as { port: number }).port;
    try {
      await assert.rejects(
        startMetricsServer({ port, metrics: new SluiceMetrics({ processMetrics: false }), health: () => new JobHealth().report() }),
        (err: Error & { code?: string; hint?: string }) => err.code === 'SLUICE_METRICS_LISTEN' && /EADDRINUSE/.test(err.message) && /--metrics-port/.test(err.hint ?? ''),
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
