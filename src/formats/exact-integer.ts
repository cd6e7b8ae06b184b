// 64-bit integers from binary formats into the ASA value model: a number when safe, a JS bigint beyond
// ±2^53, and an error beyond bigint's range ("Data Types": reading a bigint outside -2^63…2^63-1 fails
// with InputDeserializationError).
import { bigintValue } from '../types/index.ts';
import { formatError } from './format-error.ts';

export function exactInteger(n: bigint, where: string): number | bigint {
  const v = bigintValue(n);
  if (v === undefined) {
    throw formatError('SLUICE_FORMAT_BIGINT_RANGE', `integer ${where} is outside bigint's range -2^63 to 2^63-1`, { where });
  }
  return v;
}

/** Bytes have no ASA type; they become base64 text (what .NET's JSON writer does with a byte[]). */
export function bytesToBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
