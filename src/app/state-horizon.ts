// How long (in arrival time) an event can still affect results that are not written yet: the span of the
// windows it can fall into, plus how far TIMESTAMP BY may place it after its arrival, plus the late-arrival
// tolerance before its windows close. Live mode commits an input's offsets only once this much arrival time
// has passed them, so that the outputs depending on those events are written first (at-least-once) even
// without checkpoints. Stateless queries have no horizon: their offsets are committed after every batch.
import type { LogicalPlan, RelNode } from '../plan/index.ts';
import { ASA_DEFAULT_ARRIVAL_POLICY, type ArrivalPolicy } from '../runtime/index.ts';

interface Span {
  spanMs: number;
  stateful: boolean;
  timestampBy: boolean;
}

function windowSpanMs(node: RelNode, steps: ReadonlyMap<string, RelNode>): Span {
  switch (node.kind) {
    case 'Scan': {
      const own = { spanMs: 0, stateful: false, timestampBy: node.timestampBy !== undefined };
      const step = node.source.kind === 'step' ? steps.get(node.source.name.toLowerCase()) : undefined;
      if (!step) return own;
      // Reading a step: its windows come first.
      const below = windowSpanMs(step, steps);
      return { spanMs: below.spanMs, stateful: below.stateful, timestampBy: own.timestampBy || below.timestampBy };
    }
    case 'Aggregate': {
      const below = windowSpanMs(node.input, steps);
      let own = 0;
      for (const { spec } of node.windows) {
        const span = spec.kind === 'session' ? spec.maxDurationMs : spec.kind === 'snapshot' ? 0 : spec.sizeMs;
        own = Math.max(own, span);
      }
      // Windows over windows: an event reaches the outer result only after the inner one closes.
      return { spanMs: below.spanMs + own, stateful: true, timestampBy: below.timestampBy };
    }
    case 'Union': {
      const parts = node.inputs.map((n) => windowSpanMs(n, steps));
      return {
        spanMs: Math.max(0, ...parts.map((p) => p.spanMs)),
        stateful: parts.some((p) => p.stateful),
        timestampBy: parts.some((p) => p.timestampBy),
      };
    }
    case 'Join': {
      // A stream JOIN keeps each event for its DATEDIFF bound; reference data adds no time.
      const parts = [windowSpanMs(node.left, steps), windowSpanMs(node.right, steps)];
      const bound = Math.max(0, ...node.bounds.map((b) => Math.max(Math.abs(Number.isFinite(b.low) ? b.low : 0), Math.abs(Number.isFinite(b.high) ? b.high : 0)) * b.unitMs + b.unitMs));
      return {
        spanMs: Math.max(...parts.map((p) => p.spanMs)) + bound,
        stateful: !node.reference || parts.some((p) => p.stateful),
        timestampBy: parts.some((p) => p.timestampBy),
      };
    }
    case 'Analytic': {
      // LAG/LAST/ISFIRST/rolling aggregates: a replayed event needs the history of LIMIT DURATION before it.
      const below = windowSpanMs(node.input, steps);
      const own = Math.max(0, ...node.calls.map((c) => c.durationMs));
      return { spanMs: below.spanMs + own, stateful: true, timestampBy: below.timestampBy };
    }
    default:
      return windowSpanMs(node.input, steps);
  }
}

/** Arrival-time delay before an input's offsets may be committed; 0 for a stateless query, Infinity never. */
export function commitDelayMs(plan: LogicalPlan, policy: ArrivalPolicy): number {
  const steps = new Map(plan.steps.map((s) => [s.name.toLowerCase(), s.query] as const));
  let spanMs = 0;
  let stateful = false;
  let timestampBy = false;
  for (const { query } of plan.statements) {
    const w = windowSpanMs(query, steps);
    spanMs = Math.max(spanMs, w.spanMs);
    stateful ||= w.stateful;
    timestampBy ||= w.timestampBy;
  }
  if (!stateful) return 0;
  // "Wait indefinitely" for late events: windows never close on arrival time, so neither may commits.
  if (!Number.isFinite(policy.lateArrivalMs)) return Infinity;
  const late = policy.lateArrivalMs;
  const early = timestampBy ? (policy.earlyArrivalMs ?? ASA_DEFAULT_ARRIVAL_POLICY.earlyArrivalMs) : 0;
  return spanMs + early + late;
}
