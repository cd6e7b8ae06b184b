// The job's metric registry: per-batch recording, scrape-time values read from the job (time-policy counters,
// watermark delay, state size), lag, certificate expiry and the checkpoint histogram, in Prometheus text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newTimeCounters } from '../runtime/index.ts';
import { METRIC } from './metric-names.ts';
import { SluiceMetrics } from './sluice-metrics.ts';

/** The value of one sample line `name{labels} value` in an exposition, or undefined. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('SluiceMetrics', () => {
  it('counts input events and bytes per partition, errors per input and rows per output', async () => {
    const m = new SluiceMetrics({ processMetrics: false });
    m.inputEvents('readings', 0, 3);
    m.inputEvents('readings', 0, 2);
    m.inputEvents('readings', 1, 4);
    m.inputBytes('readings', 1, 120);
    m.deserializationErrors('readings');
    m.deadLettered('readings', 1);
    m.outputEvents('hot', 7);
    m.outputError('hot');
    m.outputDroppedRows('hot');
    m.udfError('toCelsius');
    const text = await m.exposition();
    assert.equal(sample(text, METRIC.inputEvents, 'input="readings",partition="0"'), 5);
    assert.equal(sample(text, METRIC.inputEvents, 'input="readings",partition="1"'), 4);
    assert.equal(sample(text, METRIC.inputBytes, 'input="readings",partition="1"'), 120);
    assert.equal(sample(text, METRIC.deserializationErrors, 'input="readings"'), 1);
    assert.equal(sample(text, METRIC.deadLettered, 'input="readings"'), 1);
    assert.equal(sample(text, METRIC.outputEvents, 'output="hot"'), 7);
    assert.equal(sample(text, METRIC.outputErrors, 'output="hot"'), 1);
    assert.equal(sample(text, METRIC.outputDroppedRows, 'output="hot"'), 1);
    assert.equal(sample(text, METRIC.udfErrors, 'function="toCelsius"'), 1);
    assert.equal(await m.total(METRIC.inputEvents, { input: 'readings' }), 9);
    assert.ok(text.split('\n').filter((l) => l && !l.startsWith('#')).every((l) => l.startsWith('sluice_')), 'every metric is prefixed sluice_');
  });

  it('reads time-policy counters, watermark delay and state size from the job when scraped', async () => {
    let now = 1_000_000;
    const m = new SluiceMetrics({ processMetrics: false, now: () => now });
    const counters = { ...newTimeCounters(), late: 2, adjusted: 2, outOfOrder: 1 };
    let state = 10;
    m.watch({
      inputs: () => ['a', 'b'],
      timeCounters: (input) => (input === 'a' ? counters : newTimeCounters()),
      watermarkMs: (input) => (input === 'a' ? now - 2500 : -Infinity),
      stateSize: () => state,
    });
    let text = await m.exposition();
    assert.equal(sample(text, METRIC.lateEvents, 'input="a"'), 2);
    assert.equal(sample(text, METRIC.adjustedEvents, 'input="a"'), 2);
    assert.equal(sample(text, METRIC.outOfOrderEvents, 'input="a"'), 1);
    assert.equal(sample(text, METRIC.droppedEvents, 'input="b"'), 0);
    assert.equal(sample(text, METRIC.watermarkDelay, 'input="a"'), 2.5);
    assert.equal(sample(text, METRIC.watermarkDelay, 'input="b"'), undefined, 'no watermark yet: no sample rather than a huge delay');
    assert.equal(sample(text, METRIC.stateSize), 10);
    // Scraped again: values are the job's current ones, not added up.
    counters.late = 5;
    state = 4;
    now += 1000;
    text = await m.exposition();
    assert.equal(sample(text, METRIC.lateEvents, 'input="a"'), 5);
    assert.equal(sample(text, METRIC.stateSize), 4);
  });

  it('keeps the last lag per partition, certificate expiry in seconds, and a checkpoint histogram', async () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const m = new SluiceMetrics({ processMetrics: false, now: () => now });
    assert.equal(m.lagOf('a'), undefined);
    m.setLag('a', [{ partition: 0, lag: 5 }, { partition: 1, lag: 2 }]);
    m.setLag('a', [{ partition: 0, lag: 0 }, { partition: 1, lag: 1 }]);
    assert.equal(m.lagOf('a'), 1);
    m.setCertificateExpiry('input', 'secure', new Date(now + 86_400_000));
    m.setCertificateExpiry('output', 'out', new Date(now - 1000));
    m.observeCheckpoint(40);
    m.observeCheckpoint(300);
    const text = await m.exposition();
    assert.equal(sample(text, METRIC.consumerLag, 'input="a",partition="0"'), 0);
    assert.equal(sample(text, METRIC.consumerLag, 'input="a",partition="1"'), 1);
    assert.equal(sample(text, METRIC.certificateExpiry, 'input="secure"'), 86_400);
    assert.equal(sample(text, METRIC.certificateExpiry, 'output="out"'), -1);
    assert.equal(sample(text, `${METRIC.checkpointDuration}_count`), 2);
    assert.equal(sample(text, `${METRIC.checkpointDuration}_bucket`, 'le="0.05"'), 1);
    assert.ok(Math.abs(sample(text, `${METRIC.checkpointDuration}_sum`)! - 0.34) < 1e-9);
  });

  it('two jobs in one process keep separate registries; process metrics are prefixed', async () => {
    const a = new SluiceMetrics();
    const b = new SluiceMetrics();
    a.inputEvents('x', 0, 1);
    assert.equal(await b.total(METRIC.inputEvents), 0);
    assert.match(await a.exposition(), /^sluice_process_cpu_seconds_total /m);
  });
});
