// Writes Avro's binary primitives into a growing buffer.

export class AvroWriter {
  #buf: Uint8Array;
  #view: DataView;
  #pos = 0;

  constructor(size = 1024) {
    this.#buf = new Uint8Array(size);
    this.#view = new DataView(this.#buf.buffer);
  }

  #ensure(n: number): void {
    if (this.#pos + n <= this.#buf.length) return;
    const next = new Uint8Array(Math.max(this.#buf.length * 2, this.#pos + n));
    next.set(this.#buf.subarray(0, this.#pos));
    this.#buf = next;
    this.#view = new DataView(next.buffer);
  }

  byte(b: number): void {
    this.#ensure(1);
    this.#buf[this.#pos++] = b;
  }

  /** Zig-zag varint of a 64-bit integer (number or JS bigint). */
  long(v: number | bigint): void {
    this.#ensure(10);
    if (typeof v === 'number' && Number.isSafeInteger(v) && Math.abs(v) < 2 ** 49) {
      let n = v >= 0 ? v * 2 : -v * 2 - 1;
      while (n >= 0x80) {
        this.#buf[this.#pos++] = (n % 128) | 0x80;
        n = Math.floor(n / 128);
      }
      this.#buf[this.#pos++] = n;
      return;
    }
    const b = BigInt(v);
    let n = BigInt.asUintN(64, (b << 1n) ^ (b >> 63n));
    while (n >= 0x80n) {
      this.#buf[this.#pos++] = Number(n & 0x7fn) | 0x80;
      n >>= 7n;
    }
    this.#buf[this.#pos++] = Number(n);
  }

  double(v: number): void {
    this.#ensure(8);
    this.#view.setFloat64(this.#pos, v, true);
    this.#pos += 8;
  }

  boolean(v: boolean): void {
    this.byte(v ? 1 : 0);
  }

  bytes(b: Uint8Array): void {
    this.long(b.length);
    this.raw(b);
  }

  string(s: string): void {
    this.bytes(Buffer.from(s, 'utf8'));
  }

  raw(b: Uint8Array): void {
    this.#ensure(b.length);
    this.#buf.set(b, this.#pos);
    this.#pos += b.length;
  }

  finish(): Uint8Array {
    return this.#buf.slice(0, this.#pos);
  }
}
