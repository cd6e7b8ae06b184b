// Carries packed batches between the engine and a Kafka client process through a few files in memory
// (/dev/shm where there is one), leaving the IPC channel only the small messages that say which slot holds
// what. Why not the channel itself: a batch (hundreds of KB) is larger than the socket's buffer, so each
// crossing needs several turns of both processes' event loops, and each stalls while the other side runs a
// batch of synchronous work — measured on the benchmark, a consumed batch took ~40 ms to cross while both
// processes idled, and a write ~200 ms. A file write and a file read are each one synchronous call,
// whatever the other side is doing.
//
// The engine makes the files and opens them, the child opens them by name, then the engine removes the names:
// both keep their descriptors, and nothing is left behind however either process ends. Which side writes a
// slot, and when it may be reused, is the protocol's business (ProcessRecordReader, ProcessRecordWriter).
import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PackedRecords } from './kafka-client.ts';

/** A batch that a slot holds: its first `length` bytes. */
export interface SlotRef {
  slot: number;
  length: number;
}

/** A packed batch as it crosses: the batch itself, or which slot holds its bytes. */
export type PackedTransfer = PackedRecords | { topics: string[]; count: number; slot: SlotRef };

/** Memory-backed storage when the machine has it; the temporary folder (page cache) otherwise. */
function slotDir(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

function makeDir(): string {
  try {
    return mkdtempSync(join(slotDir(), 'sluice-batches-'));
  } catch {
    return mkdtempSync(join(tmpdir(), 'sluice-batches-'));
  }
}

export class BatchSlots {
  readonly paths: readonly string[];
  readonly #fds: number[];
  /** The folder holding the files while they still have names (the side that made them). */
  #dir: string | undefined;

  private constructor(paths: readonly string[], fds: number[], dir: string | undefined) {
    this.paths = paths;
    this.#fds = fds;
    this.#dir = dir;
  }

  /** The engine's side: makes `count` slot files. */
  static create(count: number): BatchSlots {
    const dir = makeDir();
    const paths = Array.from({ length: count }, (_, i) => join(dir, `slot-${i}`));
    return new BatchSlots(paths, paths.map((p) => openSync(p, 'w+', 0o600)), dir);
  }

  /** The client process's side: opens the engine's slot files. */
  static open(paths: readonly string[]): BatchSlots {
    return new BatchSlots(paths, paths.map((p) => openSync(p, 'r+')), undefined);
  }

  get count(): number {
    return this.#fds.length;
  }

  /** Removes the files' names once the other side has opened them (or will not): the descriptors live on. */
  unlink(): void {
    if (this.#dir === undefined) return;
    rmSync(this.#dir, { recursive: true, force: true });
    this.#dir = undefined;
  }

  /** A copy of the batch in a slot (records of it may outlive the slot's next use). */
  read(ref: SlotRef): Buffer {
    const bytes = Buffer.allocUnsafeSlow(ref.length);
    let at = 0;
    while (at < ref.length) {
      const n = readSync(this.#fds[ref.slot]!, bytes, at, ref.length - at, at);
      if (n === 0) throw new Error(`batch slot ${ref.slot} holds ${at} of ${ref.length} bytes`);
      at += n;
    }
    return bytes;
  }

  /** Writes a batch into a slot; false when it could not (storage full): send it on the channel instead. */
  write(slot: number, bytes: Uint8Array): boolean {
    try {
      let at = 0;
      while (at < bytes.length) at += writeSync(this.#fds[slot]!, bytes, at, bytes.length - at, at);
      return true;
    } catch {
      return false;
    }
  }

  close(): void {
    this.unlink();
    for (const fd of this.#fds.splice(0)) closeSync(fd);
  }
}

/** The batch as it goes out: in `slot` when it fits there, itself (for the channel) when not or when empty. */
export function intoSlot(slots: BatchSlots, slot: number, packed: PackedRecords): PackedTransfer {
  if (packed.count === 0 || !slots.write(slot, packed.bytes)) return packed;
  return { topics: packed.topics, count: packed.count, slot: { slot, length: packed.bytes.length } };
}

/** The batch as it came in: read out of its slot (a copy, so the slot may be reused at once), or as sent. */
export function outOfSlot(slots: BatchSlots, transfer: PackedTransfer): PackedRecords {
  return 'slot' in transfer ? { topics: transfer.topics, count: transfer.count, bytes: slots.read(transfer.slot) } : transfer;
}
