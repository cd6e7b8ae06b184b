import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SluiceError } from '../../common/index.ts';
import { AsaDateTime } from '../../types/index.ts';
import { CHECKPOINT_CODEC_VERSION, decodeCheckpoint, encodeCheckpoint } from './checkpoint-codec.ts';

const roundTrip = (v: unknown): unknown => decodeCheckpoint(encodeCheckpoint(v));

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof SluiceError, `not a SluiceError: ${String(err)}`);
    return err.code;
  }
  assert.fail('did not throw');
}

describe('checkpoint codec', () => {
  it('round-trips every value the operator state contract allows', () => {
    const state = {
      nums: [0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 53 + 2, 0.1, -1e-300, 1.7976931348623157e308, 5e-324],
      special: [NaN, Infinity, -Infinity, -0],
      big: [0n, 1n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 123456789012345678901234567890n, -(2n ** 200n)],
      text: ['', 'plain', 'ünïcödé ✓ 🚀', 'a\u0000b', 'x'.repeat(70_000)],
      flags: [true, false, null, undefined],
      nested: { a: { b: { c: [1, [2, [3, { d: 'deep' }]]] } } },
      map: new Map<unknown, unknown>([['k', 1], [3, 'three'], [-0.5, null], [7n, new Set(['s'])]]),
      set: new Set<unknown>([1, 'two', 3n, null]),
      typed: [new Float64Array([1.5, NaN, -Infinity]), new Int32Array([-1, 2]), new Uint8Array([0, 255]), new BigInt64Array([-5n, 9n]), new Uint16Array(0)],
      dt: [new AsaDateTime(Date.UTC(2024, 1, 29, 12, 0, 0, 123), 4567), new AsaDateTime(-62135596800000, 0)],
      record: { deviceId: 'd1', temp: 21.5, when: new AsaDateTime(0, 1), tags: ['a', { x: null }] },
      empty: [{}, [], new Map(), new Set()],
    };
    const back = roundTrip(state) as typeof state;
    assert.deepEqual(back, state);
    assert.ok(Object.is(back.special[3], -0), '-0 kept');
    assert.ok(Number.isNaN(back.special[0]));
    assert.ok(back.dt[0] instanceof AsaDateTime);
    assert.equal(back.dt[0]!.subMsTicks, 4567);
    assert.ok(back.typed[0] instanceof Float64Array);
    assert.ok(back.typed[3] instanceof BigInt64Array);
  });

  it('keeps shared references and cycles, as structuredClone does', () => {
    const group = { count: 3 };
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic['self'] = cyclic;
    const back = roundTrip({ byPane: new Map([[1, group]]), byKey: new Map([['k', group]]), cyclic }) as {
      byPane: Map<number, object>; byKey: Map<string, object>; cyclic: Record<string, unknown>;
    };
    assert.equal(back.byPane.get(1), back.byKey.get('k'));
    assert.equal(back.cyclic['self'], back.cyclic);
  });

  it('treats a "__proto__" key as data', () => {
    const o = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}') as Record<string, unknown>;
    const back = roundTrip(o) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(back), Object.prototype);
    assert.deepEqual(Object.keys(back), ['__proto__', 'x']);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('keeps a Buffer as its bytes', () => {
    const back = roundTrip({ key: Buffer.from('abc') }) as { key: Uint8Array };
    assert.deepEqual([...back.key], [97, 98, 99]);
  });

  it('refuses class instances, functions and symbols, naming the path', () => {
    class PaneQueue {
      readonly k = 1;
    }
    const err = (() => {
      try {
        encodeCheckpoint({ panes: new Map([[4, { q: new PaneQueue() }]]) });
      } catch (e) {
        return e as SluiceError;
      }
      return undefined;
    })();
    assert.equal(err?.code, 'SLUICE_CHECKPOINT_UNSUPPORTED_VALUE');
    assert.match(err!.message, /an instance of PaneQueue at \.panes\.get\(4\)\.q/);
    assert.equal(codeOf(() => encodeCheckpoint({ f: () => 1 })), 'SLUICE_CHECKPOINT_UNSUPPORTED_VALUE');
    assert.equal(codeOf(() => encodeCheckpoint([Symbol('s')])), 'SLUICE_CHECKPOINT_UNSUPPORTED_VALUE');
    assert.equal(codeOf(() => encodeCheckpoint(new Date())), 'SLUICE_CHECKPOINT_UNSUPPORTED_VALUE');
  });

  it('reports every truncation as SLUICE_CHECKPOINT_CORRUPT, never a partial value', () => {
    const bytes = encodeCheckpoint({ a: [1, 'two', 3n, new Map([['k', new Float64Array([1, 2])]])], dt: new AsaDateTime(5, 6) });
    for (let n = 0; n < bytes.length; n++) {
      assert.equal(codeOf(() => decodeCheckpoint(bytes.subarray(0, n))), 'SLUICE_CHECKPOINT_CORRUPT', `cut at ${n}`);
    }
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    assert.equal(codeOf(() => decodeCheckpoint(longer)), 'SLUICE_CHECKPOINT_CORRUPT');
  });

  it('rejects foreign bytes and other format versions with specific codes', () => {
    assert.equal(codeOf(() => decodeCheckpoint(new TextEncoder().encode('{"json": true}'))), 'SLUICE_CHECKPOINT_CORRUPT');
    const bytes = encodeCheckpoint({ a: 1 });
    assert.equal(bytes[4], CHECKPOINT_CODEC_VERSION);
    bytes[4] = CHECKPOINT_CODEC_VERSION + 1;
    assert.equal(codeOf(() => decodeCheckpoint(bytes)), 'SLUICE_CHECKPOINT_VERSION');
    const badTag = encodeCheckpoint(null);
    badTag[5] = 99;
    assert.equal(codeOf(() => decodeCheckpoint(badTag)), 'SLUICE_CHECKPOINT_CORRUPT');
  });

  it('encodes a large state quickly', () => {
    const groups = new Map<string, { c: number; s: number; last: AsaDateTime }>();
    for (let i = 0; i < 200_000; i++) groups.set(`key-${i}`, { c: i, s: i * 1.5, last: new AsaDateTime(i, 0) });
    const t0 = performance.now();
    const bytes = encodeCheckpoint({ groups });
    const t1 = performance.now();
    const back = decodeCheckpoint(bytes) as { groups: Map<string, { c: number }> };
    const t2 = performance.now();
    assert.equal(back.groups.size, 200_000);
    assert.equal(back.groups.get('key-199999')?.c, 199_999);
    // Generous bounds for a shared 2-core machine; typical is ~10× faster.
    assert.ok(t1 - t0 < 5000 && t2 - t1 < 5000, `encode ${Math.round(t1 - t0)} ms, decode ${Math.round(t2 - t1)} ms for ${bytes.length} bytes`);
  });
});
