import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { test } from 'node:test';
import { BatchSlots } from './batch-slots.ts';

test('a batch written into a slot reads back whole, and a shorter one after it reads back without the rest', () => {
  const slots = BatchSlots.create(3);
  const writer = BatchSlots.open(slots.paths);
  try {
    const big = Buffer.alloc(700_000);
    for (let i = 0; i < big.length; i++) big[i] = i % 251;
    assert.equal(writer.write(2, big), true);
    assert.deepEqual(slots.read({ slot: 2, length: big.length }), big);
    const small = Buffer.from('second batch');
    assert.equal(writer.write(2, small), true);
    assert.equal(slots.read({ slot: 2, length: small.length }).toString(), 'second batch');
  } finally {
    writer.close();
    slots.close();
  }
});

test('the files lose their names once both sides have opened them, and the slots still work', () => {
  const slots = BatchSlots.create(2);
  const dir = dirname(slots.paths[0]!);
  const writer = BatchSlots.open(slots.paths);
  try {
    slots.unlink();
    assert.equal(existsSync(dir), false, 'the slot folder is still there');
    assert.equal(writer.write(0, Buffer.from('after unlink')), true);
    assert.equal(slots.read({ slot: 0, length: 12 }).toString(), 'after unlink');
  } finally {
    writer.close();
    slots.close();
  }
});

test('a read past what the slot holds is an error, not a batch of stale bytes', () => {
  const slots = BatchSlots.create(1);
  try {
    assert.throws(() => slots.read({ slot: 0, length: 10 }), /holds 0 of 10 bytes/);
  } finally {
    slots.close();
  }
});

test('a slot that cannot be written says so (the batch then goes on the channel)', () => {
  const slots = BatchSlots.create(1);
  const writer = BatchSlots.open(slots.paths);
  writer.close();
  try {
    assert.equal(writer.write(0, Buffer.from('x')), false);
  } finally {
    slots.close();
  }
});
