// The live job's observer without a broker: client-certificate expiry (gauge and the < 30 days warning,
// issue 6), output counting and health through the wrapped sink, bytes per partition, and the metrics server
// it starts for --metrics-port.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import type { KafkaRecord } from '../connectors/kafka/index.ts';
import { testCertificates } from '../secrets/test-support/test-certificates.ts';
import { MemorySink, type OutputSink } from '../spi/index.ts';
import { LiveObserver, type LiveLogLevel } from './live-observer.ts';

function logs(): { lines: Array<{ line: string; level: LiveLogLevel | undefined; fields: Record<string, unknown> | undefined }>; log: (line: string, level?: LiveLogLevel, fields?: Record<string, unknown>) => void } {
  const lines: Array<{ line: string; level: LiveLogLevel | undefined; fields: Record<string, unknown> | undefined }> = [];
  return { lines, log: (line, level, fields) => lines.push({ line, level, fields }) };
}

const connection = (certificatePem: string) => ({ bootstrapServers: ['b:9093'], securityProtocol: 'mTLS' as const, tls: { certificatePem, keyPem: 'k' } });

describe('LiveObserver', () => {
  it('exposes each client certificate expiry and warns once when it expires within the warning period', async () => {
    const certs = testCertificates();
    const { lines, log } = logs();
    const now = Date.now();
    // The test leaf is valid for 20 days, the 'expiring' one for 3; the default warning period is 30 days.
    const obs = await LiveObserver.start({ certificateWarningDays: 10 }, log, () => now);
    obs.certificate('input', 'secure', connection(certs.leafPem));
    obs.certificate('output', 'alerts', connection(certs.expiringSoonPem));
    obs.certificate('output', 'alerts', connection(certs.expiringSoonPem));
    obs.certificate('input', 'plain', { bootstrapServers: ['b:9092'], securityProtocol: 'None' });
    const text = await obs.metrics.exposition();
    const soon = new X509Certificate(certs.expiringSoonPem).validToDate.getTime();
    const leaf = new X509Certificate(certs.leafPem).validToDate.getTime();
    assert.match(text, new RegExp(`^sluice_certificate_expiry_seconds\\{output="alerts"\\} ${(soon - now) / 1000}$`, 'm'));
    assert.match(text, new RegExp(`^sluice_certificate_expiry_seconds\\{input="secure"\\} ${(leaf - now) / 1000}$`, 'm'));
    assert.doesNotMatch(text, /input="plain"/);
    const warnings = lines.filter((l) => l.level === 'warn');
    assert.equal(warnings.length, 1, JSON.stringify(lines));
    assert.match(warnings[0]!.line, /^warning: output 'alerts': the client certificate \(.*\) expires on .*, in 3\.0 days; renew it/);
    assert.deepEqual(warnings[0]!.fields, { output: 'alerts', expiresAt: new Date(soon).toISOString() });
    // Rotated to a certificate with a later date: no warning for it.
    obs.certificate('output', 'alerts', connection(certs.leafPem));
    assert.equal(lines.filter((l) => l.level === 'warn').length, 1);
    await obs.close();
  });

  it('counts acknowledged rows and failed writes per output, and reports the output unhealthy until a write succeeds', async () => {
    const obs = await LiveObserver.start({}, () => {});
    let fail = true;
    const flaky: OutputSink = {
      write: () => (fail ? Promise.reject(new Error('broker down')) : Promise.resolve()),
      flush: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
    const good = obs.sink('good', new MemorySink());
    const bad = obs.sink('bad', flaky);
    await good.write([{ a: 1 }, { a: 2 }]);
    await assert.rejects(bad.write([{ a: 1 }]), /broker down/);
    obs.health.running();
    assert.deepEqual(obs.health.report().outputs, [{ name: 'good', healthy: true }, { name: 'bad', healthy: false, lastError: 'broker down' }]);
    assert.equal(obs.health.report().status, 'degraded');
    fail = false;
    await bad.write([{ a: 1 }]);
    assert.equal(obs.health.report().status, 'ok');
    assert.equal(await obs.metrics.total('sluice_output_events_total', { output: 'good' }), 2);
    assert.equal(await obs.metrics.total('sluice_output_events_total', { output: 'bad' }), 1);
    assert.equal(await obs.metrics.total('sluice_output_errors_total', { output: 'bad' }), 1);
    await obs.close();
  });

  it('polls consumer lag into the metrics, and marks an input not ready while its broker does not answer', async () => {
    let reachable = false;
    const source = { lag: () => (reachable ? Promise.resolve([{ topic: 't', partition: 0, highWatermark: 9, position: 4, lag: 5 }]) : Promise.reject(new Error('broker down'))) };
    const drawn: string[] = [];
    const obs = await LiveObserver.start({ lagIntervalMs: 20, statusStream: { write: (t: string) => drawn.push(t) } }, () => {});
    try {
      obs.input('in', source, { bootstrapServers: ['b:9092'], securityProtocol: 'None' });
      obs.running();
      const settle = () => new Promise((r) => setTimeout(r, 80));
      await settle();
      assert.deepEqual(obs.health.report().inputs.map((i) => [i.name, i.connected]), [['in', false]]);
      assert.equal(obs.health.report().ready, false);
      reachable = true;
      await settle();
      assert.equal(obs.health.report().ready, true);
      assert.equal(obs.metrics.lagOf('in'), 5);
      assert.match(await obs.metrics.exposition(), /^sluice_input_consumer_lag_events\{input="in",partition="0"\} 5$/m);
    } finally {
      await obs.close();
    }
  });

  it('adds bytes per partition from a mixed read, and serves the metrics on --metrics-port', async () => {
    const { lines, log } = logs();
    const off = await LiveObserver.start({ metricsPort: 0 }, log);
    assert.equal(lines.length, 0, 'port 0: no server');
    await off.close();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as { port: number }).port;
    await new Promise((resolve) => server.close(resolve));
    const obs = await LiveObserver.start({ metricsPort: port }, log);
    try {
      assert.equal(lines[0]!.line, `metrics: http://127.0.0.1:${port}/metrics, health: http://127.0.0.1:${port}/health`);
      const record = (partition: number, value: string, key: string | null = null): KafkaRecord => ({
        topic: 't', partition, offset: 0, key: key === null ? null : Buffer.from(key), value: Buffer.from(value), timestamp: 0, headers: [],
      });
      obs.records('in', [record(0, 'aaaa'), record(1, 'bb', 'k'), record(0, 'c')]);
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      assert.match(text, /^sluice_input_bytes_total\{input="in",partition="0"\} 5$/m);
      assert.match(text, /^sluice_input_bytes_total\{input="in",partition="1"\} 3$/m);
    } finally {
      await obs.close();
    }
  });
});
