// Helpers for the file output's tests: a fake clock for batching, and reading back every visible output
// file under a folder with src/formats' deserializers.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createDeserializer, type SerializationSpec } from '../../formats/index.ts';
import type { AsaRecord } from '../../types/index.ts';
import { isTemporaryName } from './atomic-files.ts';
import type { SinkClock } from './sink-clock.ts';

export class FakeClock implements SinkClock {
  #now: number;
  #next = 1;
  readonly #timers = new Map<number, { at: number; callback: () => void }>();

  constructor(startMs: number) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  setTimer(callback: () => void, ms: number): unknown {
    const id = this.#next++;
    this.#timers.set(id, { at: this.#now + ms, callback });
    return id;
  }

  clearTimer(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Moves time forward, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const until = this.#now + ms;
    for (;;) {
      let due: [number, { at: number; callback: () => void }] | undefined;
      for (const entry of this.#timers) if (entry[1].at <= until && (due === undefined || entry[1].at < due[1].at)) due = entry;
      if (due === undefined) break;
      this.#timers.delete(due[0]);
      this.#now = due[1].at;
      due[1].callback();
    }
    this.#now = until;
  }
}

/** Every visible (non-temporary) file under dir, relative paths, ordered by the batch number in the name. */
export async function listOutputFiles(dir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir, { recursive: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const e of entries) {
    const name = e.split('/').pop()!;
    if (isTemporaryName(name) || !/_\d+\.[a-z]+$/.test(name)) continue;
    files.push(e);
  }
  return files.sort((a, b) => batchNumber(a) - batchNumber(b) || a.localeCompare(b));
}

function batchNumber(path: string): number {
  return Number(/_(\d+)\.[a-z]+$/.exec(path)?.[1] ?? 0);
}

export async function readOutputFile(path: string, serialization: SerializationSpec): Promise<AsaRecord[]> {
  const bytes = await readFile(path);
  const rows: AsaRecord[] = [];
  if (bytes.length === 0) return rows;
  await createDeserializer(serialization).decodeAsync(bytes, rows);
  return rows;
}

export async function readOutputDir(dir: string, serialization: SerializationSpec): Promise<AsaRecord[]> {
  const rows: AsaRecord[] = [];
  for (const f of await listOutputFiles(dir)) rows.push(...(await readOutputFile(join(dir, f), serialization)));
  return rows;
}
