// Carries packed batches between the engine and a Kafka client process through a ring of files in memory
// (/dev/shm where there is one), leaving the IPC channel only the small messages that say which slot holds
// what. Why not the channel itself: a batch (hundreds of KB) is larger than the socket's buffer, so each
// crossing needs several turns of both processes' event loops, and each stalls while the other side runs a
// batch of synchronous work — measured on the benchmark, a batch took ~40 ms to cross while both processes
// idled. A file write and a file read are each one synchronous call, whatever the other side is doing.
//
// The engine makes the files and opens them, the child opens them by name, then the engine removes the names:
// both keep their descriptors, and nothing is left behind however either process ends. A slot is reused only
// after its batch was read (the caller guarantees it: see ProcessRecordReader's read-ahead).
import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A batch that a slot holds: its first `length` bytes. */
export interface SlotRef {
  slot: number;
  length: number;
}

/** Memory-backed storage when the machine has it; the temporary folder (page cache) otherwise. */
function slotDir(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

/** The engine's side: makes the slots, reads batches out of them. */
export class BatchSlots {
  readonly paths: readonly string[];
  readonly #dir: string;
  readonly #fds: number[];
  #named = true;

  constructor(count: number) {
    let dir: string;
    try {
      dir = mkdtempSync(join(slotDir(), 'sluice-batches-'));
    } catch {
      dir = mkdtempSync(join(tmpdir(), 'sluice-batches-'));
    }
    this.#dir = dir;
    this.paths = Array.from({ length: count }, (_, i) => join(dir, `slot-${i}`));
    this.#fds = this.paths.map((p) => openSync(p, 'w+', 0o600));
  }

  get count(): number {
    return this.#fds.length;
  }

  /** Removes the files' names once the child has opened them (or will not): the descriptors live on. */
  unlink(): void {
    if (!this.#named) return;
    this.#named = false;
    rmSync(this.#dir, { recursive: true, force: true });
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

  close(): void {
    this.unlink();
    for (const fd of this.#fds.splice(0)) closeSync(fd);
  }
}

/** The client process's side: writes batches into the engine's slots. */
export class SlotWriter {
  readonly #fds: number[];

  constructor(paths: readonly string[]) {
    this.#fds = paths.map((p) => openSync(p, 'r+'));
  }

  /** Writes the batch into a slot; false when it could not (storage full): send it on the channel instead. */
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
    for (const fd of this.#fds.splice(0)) closeSync(fd);
  }
}
