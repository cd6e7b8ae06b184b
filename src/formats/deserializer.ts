// The decoding side: one payload (a Kafka message, a local input file) in, its events out.
import type { AsaRecord } from '../types/index.ts';
import type { SerializationType } from './serialization-spec.ts';

export interface Deserializer {
  readonly type: SerializationType;
  /** False only for Parquet, whose reader (hyparquet) is asynchronous: use decodeAsync there. */
  readonly isSync: boolean;
  /**
   * Appends the events of one payload to `into` and returns how many. Throws a SluiceError
   * (domain user, code SLUICE_FORMAT_…) for a malformed payload, having appended nothing.
   */
  decode(payload: Uint8Array, into: AsaRecord[]): number;
  /** Same as decode, for every format. */
  decodeAsync(payload: Uint8Array, into: AsaRecord[]): Promise<number>;
}

/** Base for the synchronous formats: decodeAsync just calls decode. */
export abstract class SyncDeserializer implements Deserializer {
  abstract readonly type: SerializationType;
  readonly isSync = true;
  abstract decode(payload: Uint8Array, into: AsaRecord[]): number;
  decodeAsync(payload: Uint8Array, into: AsaRecord[]): Promise<number> {
    try {
      return Promise.resolve(this.decode(payload, into));
    } catch (err) {
      return Promise.reject(err);
    }
  }
}
