// Throughput of the decoders on ~200-byte telemetry events. Prints figures only; asserts no timings
// (CI machines vary), just that every run decoded what it should.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import protobuf from 'protobufjs';
import type { AsaRecord } from '../types/index.ts';
import { createDeserializer, createSerializer } from './index.ts';

const N = 20_000;

function telemetry(i: number): AsaRecord {
  return {
    deviceId: `device-${i % 1000}`, ts: '2023-01-01T00:00:10.1234567Z', temperature: 21.5 + (i % 10) / 10, humidity: 40 + (i % 50),
    pressure: 1013.25, status: 'OK', location: { lat: 47.6062, lon: -122.3321 }, readings: [1, 2, 3], seq: i,
  };
}

/** Best of three timed runs after a warm-up: other test files run in parallel and add noise. */
function rate(label: string, n: number, run: () => void): number {
  run();
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const start = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  const perSec = n / best;
  console.log(`  ${label.padEnd(44)} ${Math.round(perSec).toLocaleString('en-US').padStart(12)} events/s`);
  return perSec;
}

async function rateAsync(label: string, n: number, run: () => Promise<void>): Promise<void> {
  await run();
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const start = process.hrtime.bigint();
    await run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  console.log(`  ${label.padEnd(44)} ${Math.round(n / best).toLocaleString('en-US').padStart(12)} events/s`);
}

describe('throughput (printed, never asserted)', () => {
  it('JSON: one event per message vs bare JSON.parse', () => {
    const enc = new TextEncoder();
    const texts = Array.from({ length: N }, (_, i) => JSON.stringify(telemetry(i)));
    const payloads = texts.map((t) => enc.encode(t));
    console.log(`  JSON message size ~${payloads[0]?.length} bytes`);
    const d = createDeserializer({ type: 'Json' });
    let count = 0;
    const bare = rate('bare JSON.parse(string)', N, () => { for (const t of texts) if (JSON.parse(t)) count++; });
    const bareBytes = rate('bare TextDecoder + JSON.parse(bytes)', N, () => {
      const td = new TextDecoder();
      for (const p of payloads) if (JSON.parse(td.decode(p))) count++;
    });
    const ours = rate('sluice JSON decode(bytes)', N, () => {
      const out: AsaRecord[] = [];
      for (const p of payloads) d.decode(p, out);
      count += out.length;
    });
    console.log(`  sluice / bare JSON.parse(string): ${(100 * ours / bare).toFixed(0)}%; / TextDecoder+JSON.parse: ${(100 * ours / bareBytes).toFixed(0)}%`);
    const big = payloads.map((_, i) => enc.encode(texts[i]?.replace('"seq":', '"big":9007199254740993,"seq":') ?? ''));
    rate('sluice JSON decode, with a >2^53 integer', N, () => { const out: AsaRecord[] = []; for (const p of big) d.decode(p, out); });
    const ids = payloads.map((_, i) => enc.encode(texts[i]?.replace('"seq":', '"id":"12345678901234567890","seq":') ?? ''));
    rate('sluice JSON decode, 20-digit id in a string', N, () => { const out: AsaRecord[] = []; for (const p of ids) d.decode(p, out); });
    assert.ok(count > 0);
  });

  it('CSV, Avro (one file of many rows) and JSON output', () => {
    const rows = Array.from({ length: N }, (_, i) => telemetry(i));
    const flat = rows.map((r) => ({ ...r, location: null, readings: null }));
    const csv = createSerializer({ type: 'Csv' }).encode(flat);
    const avro = createSerializer({ type: 'Avro' }).encode(rows);
    const csvIn = createDeserializer({ type: 'Csv' });
    const avroIn = createDeserializer({ type: 'Avro' });
    let n = 0;
    rate('CSV decode (one payload)', N, () => { const out: AsaRecord[] = []; n = csvIn.decode(csv, out); });
    assert.equal(n, N);
    rate('Avro decode (one container file)', N, () => { const out: AsaRecord[] = []; n = avroIn.decode(avro, out); });
    assert.equal(n, N);
    const json = createSerializer({ type: 'Json' });
    rate('JSON encode (line separated)', N, () => { json.encode(rows); });
    rate('Avro encode (inferred schema)', N, () => { createSerializer({ type: 'Avro' }).encode(rows); });
  });

  it('Parquet: write one file, read it back', async () => {
    const rows = Array.from({ length: N }, (_, i) => ({ ...telemetry(i), location: null, readings: null }));
    const ser = createSerializer({ type: 'Parquet' });
    let file: Uint8Array = new Uint8Array();
    await rateAsync('Parquet encode (own writer)', N, async () => { file = ser.encode(rows); });
    const d = createDeserializer({ type: 'Parquet' });
    let n = 0;
    await rateAsync('Parquet decode (hyparquet)', N, async () => { const out: AsaRecord[] = []; n = await d.decodeAsync(file, out); });
    assert.equal(n, N);
  });

  it('Protobuf: a Base128-delimited stream of small messages', () => {
    const protoText = 'syntax = "proto3"; package t; message R { string device = 1; double temp = 2; int64 seq = 3; int32 hum = 4; repeated int32 xs = 5; }';
    const type = protobuf.parse(protoText).root.lookupType('t.R');
    const writer = protobuf.Writer.create();
    for (let i = 0; i < N; i++) type.encodeDelimited({ device: `device-${i % 1000}`, temp: 21.5, seq: i, hum: 40, xs: [1, 2, 3] }, writer);
    const stream = writer.finish();
    const d = createDeserializer({ type: 'Protobuf', protobuf: { protoText, messageType: 't.R', prefixStyle: 'Base128' } });
    let n = 0;
    rate('Protobuf decode (Base128 stream)', N, () => { const out: AsaRecord[] = []; n = d.decode(stream, out); });
    assert.equal(n, N);
  });
});
