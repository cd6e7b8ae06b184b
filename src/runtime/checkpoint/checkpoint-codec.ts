// The checkpoint codec: the state trees operators return from onCheckpoint (operator.ts) ⇄ bytes.
// Exactly the contract's value set is accepted — plain objects, arrays, Maps, Sets, numbers (NaN, ±Infinity
// and −0 kept bit for bit), bigints, strings, booleans, null, undefined, typed arrays and AsaValues
// (AsaDateTime with its sub-millisecond ticks) — so a class instance that would silently lose its
// prototype is refused with its path instead. Shared references and cycles survive (a value seen twice
// is written once and referenced), as with structuredClone: an operator that keeps one group state in
// two indexes gets one object back, not two copies.
//
// Layout: magic "SLCK", a format version byte, then one tagged value. The version is checked on
// decode; a new layout gets a new version and a decoder for each version still readable.
import { SluiceError } from '../../common/index.ts';
import { AsaDateTime } from '../../types/index.ts';
import { ByteReader, corrupt } from './byte-reader.ts';
import { ByteWriter } from './byte-writer.ts';

export const CHECKPOINT_CODEC_VERSION = 1;
const MAGIC = [0x53, 0x4c, 0x43, 0x4b]; // "SLCK"
const MAX_DEPTH = 10_000;

const Tag = {
  Null: 0, Undefined: 1, False: 2, True: 3, Int32: 4, Float64: 5, BigInt: 6, String: 7,
  Array: 8, Object: 9, Map: 10, Set: 11, Typed: 12, DateTime: 13, Ref: 14,
} as const;

type TypedArray =
  | Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array
  | Float32Array | Float64Array | BigInt64Array | BigUint64Array;

const TYPED: ReadonlyArray<{ new (buffer: ArrayBuffer): TypedArray; BYTES_PER_ELEMENT: number }> = [
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
];

function unsupported(path: string, what: string): SluiceError {
  return new SluiceError('SLUICE_CHECKPOINT_UNSUPPORTED_VALUE', `cannot checkpoint ${what} at ${path || '(root)'}: operator state may hold only plain objects, arrays, Maps, Sets, numbers, bigints, strings, booleans, null, typed arrays and ASA values`, {
    domain: 'internal',
  });
}

function typedKind(v: ArrayBufferView): number {
  for (let i = 0; i < TYPED.length; i++) if (Object.getPrototypeOf(v) === (TYPED[i] as { prototype: object }).prototype) return i;
  // Node's Buffer is a Uint8Array subclass: kept as its bytes.
  if (v instanceof Uint8Array) return 1;
  return -1;
}

class Encoder {
  readonly out = new ByteWriter();
  private readonly seen = new Map<object, number>();
  /** Where the encoder is, as segments; turned into text only for an error message (paths cost per value otherwise). */
  private readonly path: Array<string | number> = [];

  private where(): string {
    let text = '';
    for (const seg of this.path) text += typeof seg === 'number' ? `[${seg}]` : seg;
    return text;
  }

  value(v: unknown, depth: number): void {
    const out = this.out;
    switch (typeof v) {
      case 'number':
        if ((v | 0) === v && !Object.is(v, -0)) {
          out.u8(Tag.Int32);
          out.i32(v);
        } else {
          out.u8(Tag.Float64);
          out.f64(v);
        }
        return;
      case 'string':
        out.u8(Tag.String);
        out.string(v);
        return;
      case 'boolean':
        out.u8(v ? Tag.True : Tag.False);
        return;
      case 'bigint':
        out.u8(Tag.BigInt);
        out.string(v.toString(16));
        return;
      case 'undefined':
        out.u8(Tag.Undefined);
        return;
      case 'object':
        if (v === null) {
          out.u8(Tag.Null);
          return;
        }
        this.object(v, depth);
        return;
      default:
        throw unsupported(this.where(), `a ${typeof v}`);
    }
  }

  private object(v: object, depth: number): void {
    const out = this.out;
    if (depth > MAX_DEPTH) throw unsupported(this.where(), `a tree deeper than ${MAX_DEPTH} levels`);
    const ref = this.seen.get(v);
    if (ref !== undefined) {
      out.u8(Tag.Ref);
      out.varuint(ref);
      return;
    }
    if (v instanceof AsaDateTime) {
      // Immutable: written by value, never referenced.
      out.u8(Tag.DateTime);
      out.f64(v.epochMs);
      out.varuint(v.subMsTicks);
      return;
    }
    const path = this.path;
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto === Object.prototype || proto === null) {
      this.seen.set(v, this.seen.size);
      const keys = Object.keys(v);
      out.u8(Tag.Object);
      out.varuint(keys.length);
      for (const k of keys) {
        out.string(k);
        path.push(`.${k}`);
        this.value((v as Record<string, unknown>)[k], depth + 1);
        path.pop();
      }
      return;
    }
    if (Array.isArray(v)) {
      this.seen.set(v, this.seen.size);
      out.u8(Tag.Array);
      out.varuint(v.length);
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        this.value(v[i], depth + 1);
        path.pop();
      }
      return;
    }
    if (v instanceof Map) {
      this.seen.set(v, this.seen.size);
      out.u8(Tag.Map);
      out.varuint(v.size);
      for (const [k, x] of v) {
        path.push('.<key>');
        this.value(k, depth + 1);
        path.pop();
        path.push(typeof k === 'string' || typeof k === 'number' ? `.get(${JSON.stringify(k)})` : '.get(…)');
        this.value(x, depth + 1);
        path.pop();
      }
      return;
    }
    if (v instanceof Set) {
      this.seen.set(v, this.seen.size);
      out.u8(Tag.Set);
      out.varuint(v.size);
      path.push('.<item>');
      for (const x of v) this.value(x, depth + 1);
      path.pop();
      return;
    }
    if (ArrayBuffer.isView(v)) {
      const kind = typedKind(v);
      if (kind < 0) throw unsupported(this.where(), `a ${v.constructor.name}`);
      this.seen.set(v, this.seen.size);
      out.u8(Tag.Typed);
      out.u8(kind);
      out.bytes(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      return;
    }
    throw unsupported(this.where(), `an instance of ${(v as { constructor?: { name?: string } }).constructor?.name ?? 'a class'}`);
  }
}

/** Encodes a state tree (see the module comment for what it may hold). */
export function encodeCheckpoint(value: unknown): Uint8Array {
  const e = new Encoder();
  for (const b of MAGIC) e.out.u8(b);
  e.out.u8(CHECKPOINT_CODEC_VERSION);
  e.value(value, 0);
  return e.out.finish();
}

class Decoder {
  private readonly refs: object[] = [];
  private readonly r: ByteReader;

  constructor(r: ByteReader) {
    this.r = r;
  }

  value(depth: number): unknown {
    const r = this.r;
    if (depth > MAX_DEPTH) throw corrupt('nesting too deep', r.pos);
    const at = r.pos;
    const tag = r.u8();
    switch (tag) {
      case Tag.Null: return null;
      case Tag.Undefined: return undefined;
      case Tag.False: return false;
      case Tag.True: return true;
      case Tag.Int32: return r.i32();
      case Tag.Float64: return r.f64();
      case Tag.BigInt: {
        const s = r.string();
        if (!/^-?[0-9a-f]+$/.test(s)) throw corrupt('a bigint is malformed', at);
        return s.startsWith('-') ? -BigInt(`0x${s.slice(1)}`) : BigInt(`0x${s}`);
      }
      case Tag.String: return r.string();
      case Tag.DateTime: return new AsaDateTime(r.f64(), r.varuint());
      case Tag.Ref: {
        const id = r.varuint();
        const v = this.refs[id];
        if (v === undefined) throw corrupt(`reference ${id} to a value not yet read`, at);
        return v;
      }
      case Tag.Array: {
        const n = this.count();
        const a: unknown[] = [];
        this.refs.push(a);
        for (let i = 0; i < n; i++) a.push(this.value(depth + 1));
        return a;
      }
      case Tag.Object: {
        const n = this.count();
        const o: Record<string, unknown> = {};
        this.refs.push(o);
        for (let i = 0; i < n; i++) {
          const k = r.string();
          const v = this.value(depth + 1);
          // "__proto__" is data here, never the prototype.
          if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
          else o[k] = v;
        }
        return o;
      }
      case Tag.Map: {
        const n = this.count();
        const m = new Map<unknown, unknown>();
        this.refs.push(m);
        for (let i = 0; i < n; i++) {
          const k = this.value(depth + 1);
          m.set(k, this.value(depth + 1));
        }
        return m;
      }
      case Tag.Set: {
        const n = this.count();
        const s = new Set<unknown>();
        this.refs.push(s);
        for (let i = 0; i < n; i++) s.add(this.value(depth + 1));
        return s;
      }
      case Tag.Typed: {
        const kind = TYPED[r.u8()];
        if (kind === undefined) throw corrupt('unknown typed array kind', at);
        const bytes = r.bytes();
        if (bytes.length % kind.BYTES_PER_ELEMENT !== 0) throw corrupt('a typed array has a partial element', at);
        const t = new kind(bytes.buffer as ArrayBuffer);
        this.refs.push(t);
        return t;
      }
      default:
        throw corrupt(`unknown value tag ${tag}`, at);
    }
  }

  /** A count can never exceed the bytes left (every element takes at least one). */
  private count(): number {
    const at = this.r.pos;
    const n = this.r.varuint();
    if (n > this.r.remaining) throw corrupt(`a count of ${n} exceeds the data`, at);
    return n;
  }
}

/** Decodes what encodeCheckpoint wrote; throws SLUICE_CHECKPOINT_CORRUPT or SLUICE_CHECKPOINT_VERSION. */
export function decodeCheckpoint(bytes: Uint8Array): unknown {
  const r = new ByteReader(bytes);
  for (const b of MAGIC) if (r.remaining === 0 || r.u8() !== b) throw corrupt('not a sluice checkpoint (bad magic)', 0);
  const version = r.u8();
  if (version !== CHECKPOINT_CODEC_VERSION) {
    throw new SluiceError('SLUICE_CHECKPOINT_VERSION', `checkpoint format version ${version} is not readable by this sluice (it reads version ${CHECKPOINT_CODEC_VERSION})`, {
      domain: 'user',
      hint: 'start the job without this checkpoint (move the checkpoint directory away); state is rebuilt by replaying input',
    });
  }
  const value = new Decoder(r).value(0);
  if (r.remaining !== 0) throw corrupt(`${r.remaining} bytes after the end of the value`, r.pos);
  return value;
}
