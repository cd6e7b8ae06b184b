// Live mode's checkpoints: when to take one, what goes in it, and restoring the newest usable one.
// A checkpoint is taken between batches, so the operators' state holds exactly the events before each
// partition's recorded position; the outputs are flushed first, so everything those events produced is
// durable before the checkpoint exists (at-least-once: a crash after it replays only later events, and
// what they had already written is written again). See docs/checkpoints.md.
import { createHash } from 'node:crypto';
import { SluiceError } from '../common/index.ts';
import type { Project } from '../project/index.ts';
import type { JobGraph } from '../runtime/index.ts';
import { CheckpointStore, type InputPosition } from './checkpoint-store.ts';
import { timePolicyOf } from './compile-job.ts';

export interface CheckpointSettings {
  /** Directory of the local checkpoint store. */
  dir: string;
  /** Time between periodic checkpoints; 0: only at a graceful stop. */
  intervalMs: number;
  /** How many checkpoints to keep (default 3). */
  keep?: number;
}

export type RestoreOutcome =
  | { kind: 'restored'; file: string; positions: ReadonlyMap<string, ReadonlyMap<number, number>> }
  | { kind: 'none' }
  /** An operator failed halfway through its restore: the graph holds partial state and must be rebuilt. */
  | { kind: 'damaged' };

/**
 * What a checkpoint's state depends on: the query text, the compatibility level, the inputs (alias,
 * topic, serialization), the time policies and the functions. Any change makes old checkpoints unusable.
 */
export function jobFingerprint(project: Project): string {
  const job = project.job;
  const inputs = job.inputs.map((i) => ({
    alias: i.alias.toLowerCase(), kind: i.kind, serialization: i.serialization ?? null,
    topic: i.source.kind === 'kafka' ? i.source.properties.topic : null,
  }));
  const functions = job.functions.map((f) => ({ name: f.name, kind: f.kind, source: 'source' in f ? f.source : null }));
  const policy = timePolicyOf(project);
  return createHash('sha256').update(JSON.stringify({
    query: project.queryText, compat: job.config.compatibilityLevel, inputs, functions,
    policy: { ...policy, lateArrivalMs: String(policy.lateArrivalMs) },
  })).digest('hex');
}

export class LiveCheckpoints {
  readonly store: CheckpointStore;
  private readonly fingerprint: string;
  private readonly intervalMs: number;
  private readonly log: (line: string) => void;
  private readonly now: () => number;
  private readonly observe: ((ms: number, bytes: number) => void) | undefined;
  private last: number;
  /** Set when the state cannot be checkpointed (an operator returned a value the codec refuses). */
  private disabled = false;

  constructor(settings: CheckpointSettings, fingerprint: string, log: (line: string) => void, now: () => number, observe?: (ms: number, bytes: number) => void) {
    this.store = new CheckpointStore(settings.dir, settings.keep ?? 3);
    this.fingerprint = fingerprint;
    this.intervalMs = settings.intervalMs;
    this.log = log;
    this.now = now;
    this.observe = observe;
    this.last = now();
  }

  /** Whether a periodic checkpoint is due. */
  get due(): boolean {
    return !this.disabled && this.intervalMs > 0 && this.now() - this.last >= this.intervalMs;
  }

  /**
   * Restores the newest checkpoint this job can use into `graph` (fresh, before any push). Unreadable
   * checkpoints and those of another query are logged with their code and skipped for the next older one.
   */
  async restore(graph: JobGraph): Promise<RestoreOutcome> {
    for (const file of await this.store.list()) {
      let checkpoint;
      try {
        checkpoint = await this.store.read(file);
        graph.restore(checkpoint.graph, this.fingerprint);
      } catch (err) {
        const e = err instanceof SluiceError ? err : new SluiceError('SLUICE_CHECKPOINT_CORRUPT', String(err), { domain: 'external', cause: err });
        this.log(`checkpoint: skipped ${file}: ${e.message} [${e.code}]`);
        if (e.code === 'SLUICE_CHECKPOINT_RESTORE') return { kind: 'damaged' };
        continue;
      }
      const positions = new Map(checkpoint.inputs.map((i) => [i.alias.toLowerCase(), i.offsets] as const));
      const at = checkpoint.inputs.map((i) => `'${i.alias}' ${[...i.offsets].sort((a, b) => a[0] - b[0]).map(([p, o]) => `${p}@${o}`).join(' ') || '(no partition read yet)'}`).join(', ');
      this.log(`checkpoint: restored ${file} (taken ${new Date(checkpoint.createdAtMs).toISOString()}); resuming ${at}`);
      return { kind: 'restored', file, positions };
    }
    return { kind: 'none' };
  }

  /**
   * Flushes the outputs, then writes the state and `positions` (the next offset of every partition whose
   * events are in the state). Returns whether a checkpoint was written.
   */
  async take(graph: JobGraph, positions: readonly InputPosition[], why: string): Promise<boolean> {
    this.last = this.now();
    if (this.disabled) return false;
    const t0 = performance.now();
    // Outputs first: a checkpoint must never claim results that a crash could still lose.
    await graph.flush();
    let written;
    try {
      written = await this.store.write({
        createdAtMs: Date.now(),
        graph: graph.checkpoint(this.fingerprint),
        inputs: positions.map((p) => ({ alias: p.alias, topic: p.topic, offsets: new Map(p.offsets) })),
      });
    } catch (err) {
      const code = err instanceof SluiceError ? err.code : 'SLUICE_CHECKPOINT_WRITE';
      if (code === 'SLUICE_CHECKPOINT_UNSUPPORTED_VALUE') {
        this.disabled = true;
        this.log(`checkpoint: disabled, the job's state cannot be checkpointed: ${(err as Error).message} [${code}]; a restart rebuilds state by replaying input`);
      } else {
        this.log(`checkpoint: could not write to ${this.store.dir}: ${err instanceof Error ? err.message : String(err)} [${code}]; the previous checkpoint stays`);
      }
      return false;
    }
    const ms = performance.now() - t0;
    this.observe?.(ms, written.bytes);
    this.log(`checkpoint: ${why}: wrote ${written.file} (${written.bytes} bytes, ${Math.round(ms)} ms)`);
    return true;
  }
}
