// Just enough of Thrift's compact protocol to write Parquet's footer and page headers: structs of
// i32/i64/bool/binary fields and lists. Fields must be written in increasing id order.

const T_BOOL_TRUE = 1;
const T_BOOL_FALSE = 2;
const T_I32 = 5;
const T_I64 = 6;
const T_BINARY = 8;
const T_LIST = 9;
export const T_STRUCT = 12;

export class ThriftWriter {
  readonly #out: number[] = [];
  readonly #lastIds: number[] = [0];

  #fieldHeader(id: number, type: number): void {
    const last = this.#lastIds[this.#lastIds.length - 1] ?? 0;
    const delta = id - last;
    if (delta > 0 && delta <= 15) this.#out.push((delta << 4) | type);
    else {
      this.#out.push(type);
      this.#varint(BigInt((id << 1) ^ (id >> 31)));
    }
    this.#lastIds[this.#lastIds.length - 1] = id;
  }

  #varint(v: bigint): void {
    let n = BigInt.asUintN(64, v);
    while (n >= 0x80n) {
      this.#out.push(Number(n & 0x7fn) | 0x80);
      n >>= 7n;
    }
    this.#out.push(Number(n));
  }

  #zigzag(v: number | bigint): void {
    const b = BigInt(v);
    this.#varint((b << 1n) ^ (b >> 63n));
  }

  i32(id: number, v: number): this {
    this.#fieldHeader(id, T_I32);
    this.#zigzag(v);
    return this;
  }

  i64(id: number, v: number | bigint): this {
    this.#fieldHeader(id, T_I64);
    this.#zigzag(v);
    return this;
  }

  bool(id: number, v: boolean): this {
    this.#fieldHeader(id, v ? T_BOOL_TRUE : T_BOOL_FALSE);
    return this;
  }

  binary(id: number, v: string): this {
    this.#fieldHeader(id, T_BINARY);
    const bytes = Buffer.from(v, 'utf8');
    this.#varint(BigInt(bytes.length));
    for (const b of bytes) this.#out.push(b);
    return this;
  }

  struct(id: number, body: (w: this) => void): this {
    this.#fieldHeader(id, T_STRUCT);
    this.#lastIds.push(0);
    body(this);
    this.#out.push(0);
    this.#lastIds.pop();
    return this;
  }

  #listHeader(id: number, size: number, elemType: number): void {
    this.#fieldHeader(id, T_LIST);
    if (size < 15) this.#out.push((size << 4) | elemType);
    else {
      this.#out.push(0xf0 | elemType);
      this.#varint(BigInt(size));
    }
  }

  listI32(id: number, values: readonly number[]): this {
    this.#listHeader(id, values.length, T_I32);
    for (const v of values) this.#zigzag(v);
    return this;
  }

  listBinary(id: number, values: readonly string[]): this {
    this.#listHeader(id, values.length, T_BINARY);
    for (const v of values) {
      const bytes = Buffer.from(v, 'utf8');
      this.#varint(BigInt(bytes.length));
      for (const b of bytes) this.#out.push(b);
    }
    return this;
  }

  listStruct<T>(id: number, items: readonly T[], body: (w: this, item: T) => void): this {
    this.#listHeader(id, items.length, T_STRUCT);
    for (const item of items) {
      this.#lastIds.push(0);
      body(this, item);
      this.#out.push(0);
      this.#lastIds.pop();
    }
    return this;
  }

  /** The bytes of a top-level struct (adds its stop byte). */
  finish(): Uint8Array {
    return Uint8Array.from([...this.#out, 0]);
  }
}
