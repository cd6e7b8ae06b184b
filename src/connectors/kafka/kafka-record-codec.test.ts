import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSerializer } from '../../formats/index.ts';
import type { AsaRecord } from '../../types/index.ts';
import type { KafkaRecord } from './kafka-client.ts';
import { OutgoingPacker, packOutgoing, packRecords, unpackOutgoing, unpackRecords, type RowWriter } from './kafka-record-codec.ts';

const plain = (value: Buffer | null) => ({ value: value && Buffer.from(value), key: null });

test('a batch survives packing: topics, partitions, 64-bit-safe offsets, timestamps, null and empty keys and values, headers', () => {
  const records: KafkaRecord[] = [
    { topic: 'a', partition: 0, offset: 0, timestamp: 1_700_000_000_123, headers: [], ...plain(Buffer.from('{"x":1}')) },
    { topic: 'a', partition: 3, offset: 2 ** 40 + 7, timestamp: 0, headers: [], key: Buffer.from('k'), value: null },
    { topic: 'b', partition: 1, offset: 5, timestamp: -1, key: Buffer.alloc(0), value: Buffer.alloc(0), headers: [
      { key: 'trace-id', value: Buffer.from('abc') }, { key: 'héader', value: Buffer.alloc(0) },
    ] },
    { topic: 'a', partition: 0, offset: 1, timestamp: 2, headers: [], ...plain(Buffer.from('€ ✓')) },
  ];
  const packed = packRecords(records);
  assert.deepEqual(packed.topics, ['a', 'b']);
  // Crossing a process boundary turns the Buffer into a plain Uint8Array.
  const back = unpackRecords({ ...packed, bytes: new Uint8Array(packed.bytes) });
  assert.deepEqual(back.map((r) => ({ ...r, headers: r.headers.map((h) => ({ ...h })) })), records);
  assert.ok(Buffer.isBuffer(back[0]!.value));
});

test('an empty batch packs to nothing', () => {
  const packed = packRecords([]);
  assert.equal(packed.bytes.length, 0);
  assert.deepEqual(unpackRecords(packed), []);
});

test('records to produce survive packing: partition and timestamp only when given, a string key as its bytes', () => {
  const back = unpackOutgoing({ ...packOutgoing([
    { value: Buffer.from('a') },
    { value: null, key: 'ключ', partition: 2, timestamp: 1_700_000_000_000, headers: [{ key: 'h', value: Buffer.from('v') }] },
    { value: Buffer.alloc(0), key: Buffer.from([0, 255]), partition: 0, timestamp: 0 },
  ]) });
  assert.deepEqual(back.map((r) => ({ ...r, headers: r.headers?.map((h) => ({ ...h })) })), [
    { value: Buffer.from('a'), key: null, headers: undefined },
    { value: null, key: Buffer.from('ключ'), partition: 2, timestamp: 1_700_000_000_000, headers: [{ key: 'h', value: Buffer.from('v') }] },
    { value: Buffer.alloc(0), key: Buffer.from([0, 255]), partition: 0, timestamp: 0, headers: undefined },
  ]);
});

test('rows packed as text read back as the records they stand for, past the first buffer and after a reset', () => {
  const packer = new OutgoingPacker();
  packer.add('{"a":"first"}', null, undefined);
  packer.reset();
  const big = `{"v":"${'é'.repeat(40_000)}"}`;
  packer.add('{"x":1}', null, undefined);
  packer.add(big, 'ключ', [{ key: 'h', value: Buffer.from('v') }, { key: 'ü', value: Buffer.alloc(0) }]);
  packer.add('', '', undefined);
  const packed = packer.finish();
  assert.equal(packed.count, 3);
  const back = unpackOutgoing({ ...packed, bytes: new Uint8Array(packed.bytes) });
  assert.deepEqual(back.map((r) => ({ value: r.value?.toString(), key: r.key?.toString(), headers: r.headers?.map((h) => [h.key, h.value.toString()]) })), [
    { value: '{"x":1}', key: undefined, headers: undefined },
    { value: big, key: 'ключ', headers: [['h', 'v'], ['ü', '']] },
    { value: '', key: '', headers: undefined },
  ]);
  assert.ok(back.every((r) => r.partition === undefined && r.timestamp === undefined));
});

test('rows written straight into the batch (addRow) read back as their serializer\'s text, keys and headers included, past the first buffer', () => {
  const json = createSerializer({ type: 'Json' });
  const rows: AsaRecord[] = [
    { a: 1, s: 'plain' },
    { big: 'é'.repeat(60_000), n: null },
    { x: 2.5 },
    ...Array.from({ length: 3000 }, (_, i) => ({ i, s: `row ${i}` })),
  ];
  const packer = new OutgoingPacker();
  packer.add('{"before":true}', null, undefined);
  packer.reset();
  rows.forEach((row, i) => {
    if (i === 2) packer.add(json.encodeRowText!(row), 'text', undefined);
    else packer.addRow(json as RowWriter, row, i === 1 ? 'ключ' : null, i === 1 ? [{ key: 'h', value: Buffer.from('v') }] : undefined);
  });
  const packed = packer.finish();
  assert.equal(packed.count, rows.length);
  const back = unpackOutgoing({ ...packed, bytes: new Uint8Array(packed.bytes) });
  assert.deepEqual(back.map((r) => r.value?.toString()), rows.map((row) => json.encodeRowText!(row)));
  assert.deepEqual(back.slice(0, 3).map((r) => [r.key?.toString(), r.headers?.map((h) => [h.key, h.value.toString()])]), [
    [undefined, undefined], ['ключ', [['h', 'v']]], ['text', undefined],
  ]);
});
