// Test helper (no tests of its own): plan, compile and run a query over in-memory batches; returns
// each output's rows. Named *.test.ts so the import rules treat it as test code.
import { UdfHost } from '../functions/udf/index.ts';
import { planScript, type Catalog } from '../plan/index.ts';
import { MemorySink, inputBatch } from '../spi/index.ts';
import { parseScript } from '../sql/index.ts';
import type { AsaRecord, CompatLevel } from '../types/index.ts';
import { compilePlan } from './index.ts';

export interface RunOptions {
  readonly inputs: Readonly<Record<string, readonly AsaRecord[]>>;
  /** Arrival times per input (epoch ms); default 1000 * (i + 1). */
  readonly arrival?: Readonly<Record<string, readonly number[]>>;
  readonly outputs?: readonly string[];
  readonly compatLevel?: CompatLevel;
  readonly udfs?: Readonly<Record<string, string>>;
  readonly metadata?: (index: number, property: string) => AsaRecord[string];
}

export async function runQuery(query: string, options: RunOptions): Promise<Record<string, AsaRecord[]>> {
  const catalog: Catalog = {
    inputs: Object.keys(options.inputs).map((alias) => ({ alias, kind: 'stream' as const })),
    outputs: options.outputs ?? [],
    functions: Object.entries(options.udfs ?? {}).map(([name, source]) => ({ name, kind: 'udf' as const, source })),
  };
  const plan = planScript(parseScript(query), catalog, { compatLevel: options.compatLevel ?? '1.2', sourceText: query });
  const host = new UdfHost({ timeLimitMs: 500 });
  for (const u of plan.udfs) host.define(u.name, u.source ?? '');
  const sinks = new Map(plan.outputs.map((o) => [o, new MemorySink()] as const));
  const graph = compilePlan(plan, { sinks, udfHost: host, now: () => Date.UTC(2024, 0, 1) });
  for (const [alias, rows] of Object.entries(options.inputs)) {
    const arrival = options.arrival?.[alias] ?? rows.map((_, i) => 1000 * (i + 1));
    graph.push(alias, inputBatch(rows, arrival, 0, options.metadata));
  }
  await graph.end();
  return Object.fromEntries([...sinks].map(([k, s]) => [k, s.rows]));
}

/** Rows as plain JSON (datetimes as ASA's text), for deepEqual. */
export function json(rows: readonly AsaRecord[] | undefined): unknown {
  return JSON.parse(JSON.stringify(rows ?? null, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
}
