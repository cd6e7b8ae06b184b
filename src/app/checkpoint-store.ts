// The local checkpoint store: one file per checkpoint in a directory. A checkpoint is written to a temp
// file, fsynced, atomically renamed into place and the directory fsynced, so a crash at any moment leaves
// either the previous checkpoints or the new one complete — never a half-written file under a checkpoint
// name. Each file carries a SHA-256 of its payload in a fixed header; on load a file whose checksum,
// length or encoding is wrong is reported (SLUICE_CHECKPOINT_CORRUPT) and skipped for the next older one.
// Only the newest `keep` checkpoints stay (older ones are pruned after a successful write).
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SluiceError } from '../common/index.ts';
import { decodeCheckpoint, encodeCheckpoint, type GraphSnapshot } from '../runtime/index.ts';

/** Where each input's partitions resume: the next offset to read (everything before it is in the state). */
export interface InputPosition {
  readonly alias: string;
  readonly topic: string;
  readonly offsets: ReadonlyMap<number, number>;
}

export interface Checkpoint {
  readonly createdAtMs: number;
  readonly graph: GraphSnapshot;
  readonly inputs: readonly InputPosition[];
}

export interface LoadedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly file: string;
}

const MAGIC = Buffer.from('SLCKPT01');
const HEADER = MAGIC.length + 32 + 8;
const NAME = /^checkpoint-(\d{12})\.ckpt$/;

function corrupt(file: string, why: string, cause?: unknown): SluiceError {
  return new SluiceError('SLUICE_CHECKPOINT_CORRUPT', `checkpoint ${file} is unusable: ${why}`, {
    domain: 'external', retryable: false, details: { file }, ...(cause === undefined ? {} : { cause }),
  });
}

/** Checks the decoded payload's shape, so a wrong tree is refused here rather than half-applied later. */
function asCheckpoint(value: unknown, file: string): Checkpoint {
  const v = value as Partial<Checkpoint> | null;
  const graph = v?.graph as Partial<GraphSnapshot> | undefined;
  const ok = v !== null && typeof v === 'object' && typeof v.createdAtMs === 'number' && Array.isArray(v.inputs)
    && v.inputs.every((i) => typeof i?.alias === 'string' && typeof i.topic === 'string' && i.offsets instanceof Map
      && [...i.offsets].every(([p, o]) => Number.isInteger(p) && Number.isInteger(o) && o >= 0))
    && typeof graph?.fingerprint === 'string' && Array.isArray(graph.operators)
    && graph.operators.every((o) => typeof o?.id === 'string' && typeof o.state === 'object' && o.state !== null);
  if (!ok) throw corrupt(file, 'its content is not a sluice checkpoint');
  return v as Checkpoint;
}

export class CheckpointStore {
  readonly dir: string;
  readonly keep: number;
  private seq = -1;

  constructor(dir: string, keep = 3) {
    if (!Number.isInteger(keep) || keep < 1) throw new SluiceError('SLUICE_CHECKPOINT_CONFIG', `keep must be a whole number ≥ 1, not ${keep}`, { domain: 'user' });
    this.dir = dir;
    this.keep = keep;
  }

  /** Checkpoint files, newest first. */
  async list(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    return names.filter((n) => NAME.test(n)).sort().reverse().map((n) => join(this.dir, n));
  }

  /** Writes a checkpoint durably; returns its file and size. Older ones beyond `keep` are removed. */
  async write(checkpoint: Checkpoint): Promise<{ file: string; bytes: number }> {
    // Encoding is synchronous: operators' live state is read now, before any further push.
    const payload = encodeCheckpoint(checkpoint);
    await mkdir(this.dir, { recursive: true });
    if (this.seq < 0) {
      const newest = (await this.list())[0];
      this.seq = newest === undefined ? 0 : Number(NAME.exec(newest.slice(this.dir.length + 1))?.[1] ?? 0);
    }
    const seq = ++this.seq;
    const name = `checkpoint-${String(seq).padStart(12, '0')}.ckpt`;
    const file = join(this.dir, name);
    const tmp = join(this.dir, `.${name}.${process.pid}.tmp`);
    const header = Buffer.alloc(HEADER);
    MAGIC.copy(header, 0);
    createHash('sha256').update(payload).digest().copy(header, MAGIC.length);
    header.writeBigUInt64LE(BigInt(payload.length), MAGIC.length + 32);
    const fh = await open(tmp, 'w', 0o600);
    try {
      await fh.writev([header, payload]);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
    // The rename itself must survive a power cut: sync the directory entry too.
    const dh = await open(this.dir, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
    await this.prune();
    return { file, bytes: HEADER + payload.length };
  }

  private async prune(): Promise<void> {
    const files = await this.list();
    for (const f of files.slice(this.keep)) await rm(f, { force: true });
    // Temp files of a writer that died before its rename.
    for (const n of await readdir(this.dir)) {
      if (n.startsWith('.checkpoint-') && n.endsWith('.tmp') && !n.endsWith(`.${process.pid}.tmp`)) await rm(join(this.dir, n), { force: true });
    }
  }

  /** Reads and verifies one file; throws SLUICE_CHECKPOINT_CORRUPT for anything short of a whole, valid checkpoint. */
  async read(file: string): Promise<Checkpoint> {
    const data = await readFile(file);
    if (data.length < HEADER || !data.subarray(0, MAGIC.length).equals(MAGIC)) throw corrupt(file, 'it has no sluice checkpoint header');
    const length = data.readBigUInt64LE(MAGIC.length + 32);
    if (BigInt(data.length - HEADER) !== length) throw corrupt(file, `it is truncated or padded (${data.length - HEADER} payload bytes, the header says ${length})`);
    const payload = data.subarray(HEADER);
    const sum = createHash('sha256').update(payload).digest();
    if (!sum.equals(data.subarray(MAGIC.length, MAGIC.length + 32))) throw corrupt(file, 'its SHA-256 checksum does not match its content');
    let value: unknown;
    try {
      value = decodeCheckpoint(payload);
    } catch (err) {
      throw corrupt(file, err instanceof Error ? err.message : String(err), err);
    }
    return asCheckpoint(value, file);
  }

  /**
   * The newest checkpoint that reads back whole, or undefined. Each unusable newer one is passed to
   * `onSkipped` (the caller logs it) and skipped; `accept` may refuse one (e.g. another query's) likewise.
   */
  async loadNewest(onSkipped: (err: SluiceError) => void, accept: (c: Checkpoint, file: string) => void = () => {}): Promise<LoadedCheckpoint | undefined> {
    for (const file of await this.list()) {
      try {
        const checkpoint = await this.read(file);
        accept(checkpoint, file);
        return { checkpoint, file };
      } catch (err) {
        if (err instanceof SluiceError) onSkipped(err);
        else onSkipped(corrupt(file, err instanceof Error ? err.message : String(err), err));
      }
    }
    return undefined;
  }
}
