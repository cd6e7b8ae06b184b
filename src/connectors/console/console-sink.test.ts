// The Console output: ASA-formatted JSON lines on a stream, and the shared sink contract.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { AsaDateTime, type AsaRecord } from '../../types/index.ts';
import { runSinkContract } from '../contract/index.ts';
import { ConsoleSink } from './console-sink.ts';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

function parseLines(text: string): AsaRecord[] {
  return text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as AsaRecord);
}

runSinkContract('console', async () => {
  const out = capture();
  return { sink: new ConsoleSink({ stream: out.stream }), readBack: () => Promise.resolve(parseLines(out.text())) };
});

describe('ConsoleSink', () => {
  it('prints ASA formatting: 7-digit datetimes, whole floats as 3.0 for float columns, records compact', async () => {
    const out = capture();
    const sink = new ConsoleSink({ stream: out.stream });
    sink.describe([{ name: 'avg', type: 'float' }, { name: 'n', type: 'bigint' }]);
    await sink.write([{ avg: 3, n: 3, t: AsaDateTime.fromParts(2024, 1, 2, 3, 4, 5, 6), r: { a: [1, 'x'] }, b: true, z: null }]);
    assert.equal(out.text(), '{"avg":3.0,"n":3,"t":"2024-01-02T03:04:05.0060000Z","r":{"a":[1,"x"]},"b":true,"z":null}\n');
  });

  it('prefixes lines with the alias when asked', async () => {
    const out = capture();
    const sink = new ConsoleSink({ stream: out.stream, prefix: 'alerts' });
    await sink.write([{ a: 1 }, { a: 2 }]);
    assert.equal(out.text(), 'alerts: {"a":1}\nalerts: {"a":2}\n');
  });

  it('ends an owned stream on close only when asked', async () => {
    const out = capture();
    let ended = false;
    out.stream.on('finish', () => { ended = true; });
    await new ConsoleSink({ stream: out.stream }).close();
    assert.equal(ended, false);
    await new ConsoleSink({ stream: out.stream, endOnClose: true }).close();
    assert.equal(ended, true);
  });
});
