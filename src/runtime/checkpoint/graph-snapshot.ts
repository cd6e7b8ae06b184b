// A JobGraph's state as one value: every operator's onCheckpoint tree keyed by a stable id (its index in
// the graph's operator list and its name — compile/ builds the same list for the same query), its
// watermark bookkeeping, and a fingerprint of the query and the graph's shape. A snapshot is restored
// only into a graph with the same fingerprint: state from another query would be misread silently.
import { SluiceError } from '../../common/index.ts';
import { BaseOperator, type Operator } from '../operator.ts';

export interface OperatorSnapshot {
  readonly id: string;
  readonly state: Readonly<Record<string, unknown>>;
  /** BaseOperator's watermark and per-input watermarks (absent for other Operator implementations). */
  readonly watermarks?: { readonly watermark: number; readonly inputs: readonly number[] };
}

export interface GraphSnapshot {
  readonly fingerprint: string;
  readonly operators: readonly OperatorSnapshot[];
}

/** FNV-1a, 2 × 32 bits: a fingerprint to compare, not a security boundary. */
function fnv(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

export function operatorIds(operators: readonly Operator[]): string[] {
  return operators.map((op, i) => `${i}:${op.name}`);
}

/** The graph's fingerprint: the caller's query fingerprint (the plan, its inputs and time policy) and its shape. */
export function graphFingerprint(queryFingerprint: string, operators: readonly Operator[]): string {
  return fnv(`${queryFingerprint}\u0000${operatorIds(operators).join('\u0000')}`);
}

export function snapshotOperators(operators: readonly Operator[], queryFingerprint: string): GraphSnapshot {
  const ids = operatorIds(operators);
  return {
    fingerprint: graphFingerprint(queryFingerprint, operators),
    operators: operators.map((op, i) => {
      const state = op.onCheckpoint();
      return op instanceof BaseOperator
        ? { id: ids[i] as string, state, watermarks: op.watermarkState() }
        : { id: ids[i] as string, state };
    }),
  };
}

function mismatch(message: string): SluiceError {
  return new SluiceError('SLUICE_CHECKPOINT_MISMATCH', message, {
    domain: 'user',
    hint: 'the query or the job changed since the checkpoint was taken: start without it (another --checkpoint-dir, or remove the old checkpoints); state is rebuilt by replaying input',
  });
}

/** Checks the snapshot against the graph; throws SLUICE_CHECKPOINT_MISMATCH without touching any operator. */
export function checkSnapshot(operators: readonly Operator[], queryFingerprint: string, snapshot: GraphSnapshot): void {
  const expected = graphFingerprint(queryFingerprint, operators);
  if (snapshot.fingerprint !== expected) {
    throw mismatch(`the checkpoint was taken by a different query or job (fingerprint ${snapshot.fingerprint}, this job ${expected})`);
  }
  const ids = operatorIds(operators);
  if (snapshot.operators.length !== ids.length || snapshot.operators.some((o, i) => o.id !== ids[i])) {
    throw mismatch(`the checkpoint's operators (${snapshot.operators.map((o) => o.id).join(', ')}) are not this job's (${ids.join(', ')})`);
  }
}

/**
 * Puts a checked snapshot back. An operator that fails to restore makes the whole graph unusable (some
 * operators already hold restored state), so the caller must discard the graph on error.
 */
export function restoreOperators(operators: readonly Operator[], queryFingerprint: string, snapshot: GraphSnapshot): void {
  checkSnapshot(operators, queryFingerprint, snapshot);
  operators.forEach((op, i) => {
    const saved = snapshot.operators[i] as OperatorSnapshot;
    try {
      op.onRestore(saved.state);
      if (saved.watermarks && op instanceof BaseOperator) op.restoreWatermarkState(saved.watermarks);
    } catch (err) {
      throw new SluiceError('SLUICE_CHECKPOINT_RESTORE', `operator ${saved.id} could not restore its state: ${err instanceof Error ? err.message : String(err)}`, {
        domain: 'internal',
        cause: err,
      });
    }
  });
}
