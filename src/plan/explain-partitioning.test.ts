import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseScript } from '../sql/index.ts';
import { explainPartitioning } from './explain-partitioning.ts';
import { planScript } from './index.ts';

function partitioning(query: string, inputs: Array<{ alias: string; kind: 'stream' | 'reference' }>): string {
  const plan = planScript(parseScript(query), { inputs, outputs: ['out', 'alerts'], functions: [] }, { compatLevel: '1.2', sourceText: query });
  return explainPartitioning(plan, (alias) => (inputs.find((i) => i.alias === alias)?.kind === 'reference' ? 'reference data' : 'Kafka topic t'));
}

describe('explain: partitioning', () => {
  it('names each input and the keys of every stateful operator', () => {
    const text = partitioning(`
      SELECT deviceId, COUNT(*) AS n INTO out FROM telemetry TIMESTAMP BY ts GROUP BY deviceId, TumblingWindow(second, 10)
      SELECT a.deviceId INTO alerts FROM telemetry a TIMESTAMP BY ts
        JOIN telemetry b TIMESTAMP BY ts ON a.deviceId = b.deviceId AND DATEDIFF(second, a, b) BETWEEN 0 AND 5`,
    [{ alias: 'telemetry', kind: 'stream' }]);
    assert.equal(text, [
      'partitioning:',
      '  input telemetry: Kafka topic t',
      '  output out:',
      '    Aggregate: state keyed by deviceId, per window of TumblingWindow(second, 10)',
      '  output alerts:',
      '    Join: both sides buffered, hashed by deviceId = deviceId, each event kept while a partner can come (b − a in [0, 5] second)',
    ].join('\n'));
  });

  it('a statement without state says so', () => {
    const text = partitioning(`SELECT k INTO out FROM s WHERE x > 1
      SELECT k INTO alerts FROM s`, [{ alias: 's', kind: 'stream' }]);
    assert.match(text, /output out: stateless \(each event on its own\)\n {2}output alerts: stateless/);
  });

  it('analytic PARTITION BY, TIMESTAMP BY OVER substreams and reference data', () => {
    const text = partitioning(`
      SELECT LAG(x) OVER (PARTITION BY k LIMIT DURATION(minute, 1)) AS prev INTO out FROM s TIMESTAMP BY ts OVER k
      SELECT s.k INTO alerts FROM s JOIN r ON s.k = r.k`,
    [{ alias: 's', kind: 'stream' }, { alias: 'r', kind: 'reference' }]);
    assert.match(text, /Analytic LAG\(x\) OVER \(PARTITION BY k LIMIT DURATION\(minute, 1\)\): history per k, 60000 ms/);
    assert.match(text, /Scan s: substreams \(TIMESTAMP BY … OVER k\): one timeline and watermark per key/);
    assert.match(text, /input r: reference data/);
    assert.match(text, /Join with reference data: the reference rows held whole, hashed by k; events stateless/);
  });
});
