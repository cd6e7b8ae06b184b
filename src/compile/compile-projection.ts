// The SELECT list → one function building the output record. Column names follow the compatibility
// level (1.0 lower-cases them, 1.1+ keeps the query's case: "Compatibility level" page). `*` follows
// the SELECT page: columns by source in FROM order, and a `*` column whose name was already projected
// to its left is dropped ("Columns on the left side … take precedence"). A `*` over an input adds
// EventProcessedUtcTime, PartitionId and EventEnqueuedUtcTime, which override payload fields of the
// same name; only such a projection pays for them.
import type { ProjectColumn, ProjectItem } from '../plan/index.ts';
import { AsaDateTime, type AsaRecord, type AsaValue, type CompatBehaviour } from '../types/index.ts';
import { lookupField, memberOf, setField, type EvalContext, type Evaluator } from '../runtime/index.ts';
import type { CompileContext } from './compile-context.ts';
import { compileExpression } from './compile-expression.ts';

const METADATA = ['EventProcessedUtcTime', 'PartitionId', 'EventEnqueuedUtcTime'];
const METADATA_LOWER = new Set(METADATA.map((m) => m.toLowerCase()));

/**
 * The output name of a column: lower-cased under compat 1.0; a GetMetadataPropertyValue column is
 * lower-cased below 1.2 too ("the alias keeps its case from 1.2", GetMetadataPropertyValue page).
 */
export function outputName(item: ProjectColumn, compat: CompatBehaviour): string {
  const lower = compat.lowerCaseFieldNames || (item.expr.kind === 'MetadataProperty' && !compat.metadataAliasKeepsCase);
  return lower ? item.name.toLowerCase() : item.name;
}

/** EventProcessedUtcTime (0), PartitionId (1), EventEnqueuedUtcTime (2) of the current event. */
function metadataValue(ctx: EvalContext, i: number): AsaValue {
  if (i === 0) return AsaDateTime.fromEpochMs(ctx.processedMs);
  if (i === 1) return ctx.partitionId();
  const arrival = ctx.arrivalMs();
  return arrival === null ? null : AsaDateTime.fromEpochMs(arrival);
}

export function compileProjection(items: readonly ProjectItem[], cx: CompileContext): (ctx: EvalContext) => AsaRecord {
  const lower = cx.compat.lowerCaseFieldNames;
  if (items.every((i) => i.kind === 'Column')) {
    // Static names: duplicates resolved now, left wins.
    const seen = new Set<string>();
    const names: string[] = [];
    const evals: Evaluator[] = [];
    for (const item of items) {
      if (item.kind !== 'Column') continue;
      const key = item.name.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      names.push(outputName(item, cx.compat));
      evals.push(compileExpression(item.expr, cx));
    }
    const unsafe = names.includes('__proto__');
    return (ctx) => {
      const out: AsaRecord = {};
      for (let i = 0; i < names.length; i++) {
        if (unsafe) setField(out, names[i] as string, (evals[i] as Evaluator)(ctx));
        else out[names[i] as string] = (evals[i] as Evaluator)(ctx);
      }
      return out;
    };
  }
  const only = items[0];
  if (items.length === 1 && only !== undefined && only.kind === 'Star') return compileSingleStar(only.slot, only.path, only.withInputMetadata, lower);
  if (items.filter((i) => i.kind === 'Star').length === 1) return compileOneStarWithColumns(items, cx);
  type Step = (ctx: EvalContext, out: AsaRecord, seen: Set<string>) => void;
  const steps: Step[] = items.map((item): Step => {
    if (item.kind === 'Column') {
      const name = outputName(item, cx.compat);
      const key = item.name.toLowerCase();
      const e = compileExpression(item.expr, cx);
      return (ctx, out, seen) => {
        if (seen.has(key)) return;
        seen.add(key);
        setField(out, name, e(ctx));
      };
    }
    const { slot, path, withInputMetadata } = item;
    return (ctx, out, seen) => {
      let v: AsaValue = ctx.slots[slot] ?? null;
      for (let i = 0; i < path.length; i++) v = memberOf(v, path[i] as string);
      if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof AsaDateTime)) {
        for (const k in v) {
          const key = lowerCased(k);
          if (seen.has(key) || (withInputMetadata && METADATA_LOWER.has(key))) continue;
          seen.add(key);
          setField(out, lower ? key : k, v[k] as AsaValue);
        }
      }
      if (withInputMetadata) {
        for (let i = 0; i < METADATA.length; i++) {
          const name = METADATA[i] as string;
          const key = name.toLowerCase();
          if (seen.has(key)) continue;
          seen.add(key);
          out[lower ? key : name] = metadataValue(ctx, i);
        }
      }
    };
  });
  const seen = new Set<string>();
  return (ctx) => {
    const out: AsaRecord = {};
    seen.clear();
    for (let i = 0; i < steps.length; i++) (steps[i] as Step)(ctx, out, seen);
    return out;
  };
}

const lowerCache = new Map<string, string>();

/** k.toLowerCase(), cached: field names repeat from event to event, and lower-casing allocates. */
function lowerCased(k: string): string {
  let l = lowerCache.get(k);
  if (l === undefined) {
    if (lowerCache.size > 4096) lowerCache.clear();
    l = k.toLowerCase();
    lowerCache.set(k, l);
  }
  return l;
}

function isMetadataName(k: string): boolean {
  // Cheap length test first: the three names are 11 and 21 characters long.
  return (k.length === 11 || k.length === 21) && METADATA_LOWER.has(lowerCased(k));
}

/** `SELECT *` alone (the common pass-through): one source, so only metadata names can conflict. */
function compileSingleStar(slot: number, path: readonly string[], withInputMetadata: boolean, lower: boolean): (ctx: EvalContext) => AsaRecord {
  return (ctx) => {
    const out: AsaRecord = {};
    let v: AsaValue = ctx.slots[slot] ?? null;
    for (let i = 0; i < path.length; i++) v = memberOf(v, path[i] as string);
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof AsaDateTime)) {
      for (const k in v) {
        if (withInputMetadata && isMetadataName(k)) continue;
        const name = lower ? lowerCased(k) : k;
        if (name === '__proto__') setField(out, name, v[k] as AsaValue);
        else out[name] = v[k] as AsaValue;
      }
    }
    if (withInputMetadata) {
      out[lower ? 'eventprocessedutctime' : 'EventProcessedUtcTime'] = metadataValue(ctx, 0);
      out[lower ? 'partitionid' : 'PartitionId'] = metadataValue(ctx, 1);
      out[lower ? 'eventenqueuedutctime' : 'EventEnqueuedUtcTime'] = metadataValue(ctx, 2);
    }
    return out;
  };
}

/**
 * One `*` among explicit columns (`SELECT *, System.Timestamp() AS t`): the names left of the star are
 * known statically, so the star skips them with a set lookup, and a column right of the star is
 * dropped only when the star produced its name. No per-event set.
 */
function compileOneStarWithColumns(items: readonly ProjectItem[], cx: CompileContext): (ctx: EvalContext) => AsaRecord {
  const lower = cx.compat.lowerCaseFieldNames;
  const at = items.findIndex((i) => i.kind === 'Star');
  const star = items[at] as Extract<ProjectItem, { kind: 'Star' }>;
  const column = (i: ProjectItem): { key: string; name: string; e: Evaluator } => {
    const c = i as ProjectColumn;
    return { key: c.name.toLowerCase(), name: outputName(c, cx.compat), e: compileExpression(c.expr, cx) };
  };
  const dedupe = (cols: { key: string; name: string; e: Evaluator }[], taken: Set<string>) =>
    cols.filter((c) => (taken.has(c.key) ? false : (taken.add(c.key), true)));
  const leftKeys = new Set<string>();
  const before = dedupe(items.slice(0, at).map(column), leftKeys);
  const after = dedupe(items.slice(at + 1).map(column), new Set(leftKeys));
  const { slot, path, withInputMetadata } = star;
  return (ctx) => {
    const out: AsaRecord = {};
    for (let i = 0; i < before.length; i++) {
      const c = before[i] as { name: string; e: Evaluator };
      setField(out, c.name, c.e(ctx));
    }
    let v: AsaValue = ctx.slots[slot] ?? null;
    for (let i = 0; i < path.length; i++) v = memberOf(v, path[i] as string);
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof AsaDateTime)) {
      for (const k in v) {
        const key = lowerCased(k);
        if (leftKeys.has(key) || (withInputMetadata && isMetadataName(k))) continue;
        setField(out, lower ? key : k, v[k] as AsaValue);
      }
    }
    if (withInputMetadata) {
      for (let i = 0; i < METADATA.length; i++) {
        const name = METADATA[i] as string;
        if (!leftKeys.has(name.toLowerCase())) out[lower ? name.toLowerCase() : name] = metadataValue(ctx, i);
      }
    }
    for (let i = 0; i < after.length; i++) {
      const c = after[i] as { name: string; e: Evaluator };
      // Left wins: skip a name the star already produced (in any case).
      if (lookupField(out, c.name) === undefined) setField(out, c.name, c.e(ctx));
    }
    return out;
  };
}
