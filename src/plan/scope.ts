// What names an expression can see: the FROM source (slot 0) and one slot per APPLY, each with its
// columns when they are known (a step without `*`, an APPLY's fixed columns) and open otherwise.
import type { AsaTypeName, CompatBehaviour } from '../types/index.ts';
import type { Catalog } from './catalog.ts';
import type { BoundExpr } from './bound-expr.ts';
import type { AggregateCall, AnalyticCall } from './logical-plan.ts';
import type { Diagnostics } from './diagnostics.ts';

export interface ScopeSlot {
  /** The name the query uses (alias, else the source name). */
  readonly alias: string;
  readonly kind: 'input' | 'step' | 'apply';
  /** Known columns, or undefined when any field may exist. */
  readonly columns: readonly string[] | undefined;
  /** Declared types of an input's fields (CREATE TABLE), by lower-cased name. */
  readonly types?: ReadonlyMap<string, AsaTypeName>;
}

export interface Scope {
  readonly slots: readonly ScopeSlot[];
  /** Whether the SELECT has GROUP BY. */
  readonly hasGroupBy: boolean;
  /** SELECT list and HAVING of a GROUP BY: where aggregate calls are collected (AggregateRef indexes). */
  readonly aggregates?: AggregateCall[];
  /**
   * Where analytic calls (LAG, LAST, ISFIRST, … OVER (LIMIT DURATION …)) are collected (AnalyticRef
   * indexes); undefined where they are not allowed (inside another analytic call, TIMESTAMP BY, APPLY).
   */
  readonly analytics?: AnalyticCall[];
  /** HAVING of a GROUP BY: computed SELECT-list columns by lower-cased alias. */
  readonly selectAliases?: ReadonlyMap<string, BoundExpr>;
}

/** Shared state of one planScript run. */
export interface BindEnv {
  readonly diag: Diagnostics;
  readonly catalog: Catalog;
  readonly compat: CompatBehaviour;
  readonly sourceText: string;
  /** UDFs called so far, by lower-cased name. */
  readonly udfsUsed: Map<string, { name: string; source: string | undefined }>;
}

export function findSlot(scope: Scope, name: string): number {
  const lower = name.toLowerCase();
  return scope.slots.findIndex((s) => s.alias.toLowerCase() === lower);
}
