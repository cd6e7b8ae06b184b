// Reads what ByteWriter wrote; every read is bounds-checked, so truncated or corrupt bytes give a
// SLUICE_CHECKPOINT_CORRUPT error rather than garbage or a RangeError.
import { SluiceError } from '../../common/index.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function corrupt(what: string, at: number): SluiceError {
  return new SluiceError('SLUICE_CHECKPOINT_CORRUPT', `checkpoint data is corrupt: ${what} at byte ${at}`, {
    domain: 'external',
    retryable: false,
  });
}

export class ByteReader {
  private readonly buf: Uint8Array;
  private readonly view: DataView;
  pos = 0;

  constructor(buf: Uint8Array) {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw corrupt(`${n} more bytes expected, the data ends`, this.pos);
  }

  u8(): number {
    this.need(1);
    return this.buf[this.pos++] as number;
  }

  varuint(): number {
    let v = 0;
    let mul = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.u8();
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 0x80;
    }
    throw corrupt('a length is too long', this.pos);
  }

  i32(): number {
    this.need(4);
    const v = this.view.getInt32(this.pos, true);
    this.pos += 4;
    return v;
  }

  f64(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  bytes(): Uint8Array {
    const n = this.varuint();
    this.need(n);
    const out = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  string(): string {
    const n = this.varuint();
    this.need(n);
    const at = this.pos;
    this.pos += n;
    try {
      return utf8.decode(this.buf.subarray(at, at + n));
    } catch {
      throw corrupt('a string is not valid UTF-8', at);
    }
  }
}
