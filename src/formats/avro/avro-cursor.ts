// Reads Avro's binary primitives (zig-zag varints, little-endian floats, length-prefixed bytes) from a
// buffer, with bounds checks that name the byte offset when the data ends early.
import { formatError } from '../format-error.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class AvroCursor {
  readonly buf: Uint8Array;
  readonly view: DataView;
  pos: number;
  readonly end: number;
  /** Added to positions in messages, so they count from the start of the payload. */
  readonly base: number;

  constructor(buf: Uint8Array, pos = 0, end = buf.length, base = 0) {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.pos = pos;
    this.end = end;
    this.base = base;
  }

  truncated(what: string): Error {
    return formatError('SLUICE_FORMAT_AVRO_TRUNCATED', `Avro data ends early while reading ${what} at byte ${this.base + this.pos}`, { offset: this.base + this.pos });
  }

  need(n: number, what: string): void {
    if (this.pos + n > this.end) throw this.truncated(what);
  }

  /** A zig-zag long; exact: a number up to 2^53, a JS bigint beyond. */
  long(): number | bigint {
    let n = 0;
    let scale = 1;
    for (let i = 0; i < 7; i++) {
      if (this.pos >= this.end) throw this.truncated('a varint');
      const b = this.buf[this.pos++] as number;
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
      scale *= 128;
    }
    // More than 49 bits: finish in BigInt.
    let big = BigInt(n);
    let shift = 49n;
    for (;;) {
      if (this.pos >= this.end) throw this.truncated('a varint');
      const b = this.buf[this.pos++] as number;
      big |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) break;
      shift += 7n;
      if (shift > 63n) throw formatError('SLUICE_FORMAT_AVRO_VARINT', `Avro varint longer than 10 bytes at byte ${this.base + this.pos}`, { offset: this.base + this.pos });
    }
    big = BigInt.asUintN(64, big);
    const v = BigInt.asIntN(64, (big >> 1n) ^ -(big & 1n));
    return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
  }

  /** A long that must be a small non-negative-or-negative count (block counts, lengths, indexes). */
  int(what: string): number {
    const v = this.long();
    if (typeof v === 'bigint') throw formatError('SLUICE_FORMAT_AVRO_LENGTH', `Avro ${what} is out of range at byte ${this.base + this.pos}`, { offset: this.base + this.pos });
    return v;
  }

  bytes(what = 'bytes'): Uint8Array {
    const len = this.int(`${what} length`);
    if (len < 0) throw formatError('SLUICE_FORMAT_AVRO_LENGTH', `Avro ${what} has a negative length at byte ${this.base + this.pos}`, { offset: this.base + this.pos });
    this.need(len, what);
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  string(): string {
    const at = this.base + this.pos;
    const b = this.bytes('string');
    try {
      return utf8.decode(b);
    } catch {
      throw formatError('SLUICE_FORMAT_UTF8', `Avro string at byte ${at} is not valid UTF-8`, { offset: at });
    }
  }

  fixed(size: number): Uint8Array {
    this.need(size, 'a fixed');
    const out = this.buf.subarray(this.pos, this.pos + size);
    this.pos += size;
    return out;
  }

  float(): number {
    this.need(4, 'a float');
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  double(): number {
    this.need(8, 'a double');
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  boolean(): boolean {
    this.need(1, 'a boolean');
    return this.buf[this.pos++] !== 0;
  }
}
