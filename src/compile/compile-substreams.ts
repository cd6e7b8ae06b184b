// TIMESTAMP BY … OVER key (substreams, learn.microsoft.com/stream-analytics-query/timestamp-by-azure-stream-analytics):
// the input's SourceOperator keeps the global rules (late arrival against arrival time, early events) and
// a SubstreamOperator above it applies the out-of-order tolerance per key; a GROUP BY reading it runs its
// window operators once per key (SubstreamOperator.perKey), each on that key's own watermark.
import type { ScanNode } from '../plan/index.ts';
import { SubstreamOperator, type ArrivalPolicy, type DataErrorHandler, type SourceOperator } from '../runtime/index.ts';
import type { CompileContext } from './compile-context.ts';
import { compileExpression } from './compile-expression.ts';

/** The policy the SourceOperator applies under OVER: no out-of-order rule (it moves to the key). */
export function globalPartOf(policy: ArrivalPolicy | undefined): ArrivalPolicy | undefined {
  if (policy === undefined) return undefined;
  const { outOfOrderMs: _perKey, ...global } = policy;
  return global;
}

export function substreamOperator(scan: ScanNode, source: SourceOperator, policy: ArrivalPolicy | undefined, cx: CompileContext, onDataError: DataErrorHandler): SubstreamOperator {
  const keys = (scan.substreamKeys ?? []).map((k) => compileExpression(k, cx));
  const op = new SubstreamOperator(`substreams of ${scan.source.name}`, scan.source.name, keys, { outOfOrderMs: policy?.outOfOrderMs, action: policy?.action ?? 'adjust' }, onDataError, source.counters);
  source.connect(op);
  return op;
}
