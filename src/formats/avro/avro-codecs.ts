// Block codecs of Avro object container files: null, deflate (raw RFC 1951), snappy (raw snappy +
// 4-byte big-endian CRC-32 of the uncompressed data) and zstandard (Node ≥ 22.15 has zstd in zlib).
import { crc32, inflateRawSync, zstdDecompressSync } from 'node:zlib';
import { snappyUncompress } from 'hyparquet';
import { formatError } from '../format-error.ts';

export type AvroCodec = (block: Uint8Array, offset: number) => Uint8Array;

export const AVRO_CODECS: Readonly<Record<string, AvroCodec>> = {
  null: (block) => block,
  deflate: (block, offset) => guard('deflate', offset, () => inflateRawSync(block)),
  zstandard: (block, offset) => guard('zstandard', offset, () => zstdDecompressSync(block)),
  snappy: (block, offset) => guard('snappy', offset, () => {
    const data = block.subarray(0, block.length - 4);
    const out = new Uint8Array(snappyLength(data));
    snappyUncompress(data, out);
    const expected = new DataView(block.buffer, block.byteOffset + block.length - 4, 4).getUint32(0, false);
    if (crc32(out) !== expected) throw new Error('crc');
    return out;
  }),
};

/** The uncompressed length that starts a raw snappy block (a little-endian base-128 varint). */
function snappyLength(data: Uint8Array): number {
  let n = 0;
  let scale = 1;
  for (let i = 0; i < 5 && i < data.length; i++) {
    const b = data[i] as number;
    n += (b & 0x7f) * scale;
    if (b < 0x80) return n;
    scale *= 128;
  }
  throw new Error('bad snappy length');
}

function guard(codec: string, offset: number, run: () => Uint8Array): Uint8Array {
  try {
    return run();
  } catch (err) {
    throw formatError('SLUICE_FORMAT_AVRO_CODEC', `Avro block at byte ${offset} does not decompress with codec ${codec} (corrupt or truncated)`, { offset, codec }, err);
  }
}
