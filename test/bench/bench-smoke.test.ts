// `npm run bench`, tiny: every query and both reference limits run against the shared test broker, and the
// results file holds throughput, latency and peak RSS for each, with the chart beside it. The figures are
// not judged here (that is the benchmark's job on a quiet machine); that they are measured at all is. The
// latency phase lasts 12 s so that a 10-second window of Q2 and Q5 closes in it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { requireBroker, skipWithoutBroker } from '../helpers/test-broker.ts';

const broker = requireBroker();
const BENCH = fileURLToPath(new URL('../../bench/run.ts', import.meta.url));

describe('npm run bench (smoke)', { skip: skipWithoutBroker(broker) }, () => {
  let dir = '';
  after(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

  it('measures Q1–Q5 and the reference limits, and writes the results and the chart', { timeout: 600_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'sluice-bench-smoke-'));
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, [BENCH, '--events', '20000', '--latency-seconds', '12', '--rate', '400', '--query-timeout', '120',
        '--broker-state', process.env['SLUICE_TEST_KAFKA']!, '--results-dir', dir], { timeout: 580_000, maxBuffer: 16 << 20 }, (err, out, errText) => (err ? reject(new Error(`${err.message}\n${out}\n${errText}`)) : resolve(out)));
    });
    assert.match(stdout, /targets: Q2 ≥ 80% of the bare consume loop: \d+%/);
    assert.match(stdout, /window overlap: Q3 \(60 windows per event\) costs \d+\.\d+× its query on TumblingWindow\(second, 1\)/);
    const files = await readdir(dir);
    const json = files.find((f) => f.endsWith('.json'));
    assert.ok(json && files.includes(json.replace('.json', '.svg')), files.join(', '));
    const report = JSON.parse(await readFile(join(dir, json), 'utf8')) as {
      dataset: { events: number; partitions: number };
      reference: { bareConsume: { eventsPerSecond: number }; jsonParse: { eventsPerSecond: number }; q3OnTumblingWindow1s: { events: number; outputRows: number } };
      queries: Array<{ id: string; error?: string; throughput: { events: number; eventsPerSecond: number; peakRssMiB: number; partial: boolean }; latency?: { rows: number; p50Ms: number; p99Ms: number } }>;
    };
    assert.equal(report.dataset.events, 20000);
    assert.equal(report.dataset.partitions, 4);
    assert.ok(report.reference.bareConsume.eventsPerSecond > 0 && report.reference.jsonParse.eventsPerSecond > 0);
    assert.equal(report.reference.q3OnTumblingWindow1s.events, 20000);
    assert.deepEqual(report.queries.map((q) => q.id), ['Q1', 'Q2', 'Q3', 'Q4', 'Q5']);
    for (const q of report.queries) {
      assert.equal(q.error, undefined, `${q.id}: ${q.error}`);
      assert.equal(q.throughput.partial, false, `${q.id} read the whole backlog`);
      assert.equal(q.throughput.events, 20000);
      assert.ok(q.throughput.eventsPerSecond > 0 && q.throughput.peakRssMiB > 0, q.id);
      assert.ok(q.latency && q.latency.rows > 0 && q.latency.p99Ms >= q.latency.p50Ms, `${q.id} latency: ${JSON.stringify(q.latency)}`);
    }
    const svg = await readFile(join(dir, json.replace('.json', '.svg')), 'utf8');
    assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg, /bare consume loop/);
  });
});
