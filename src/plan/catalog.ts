// What the planner knows about the job besides the query: its inputs, outputs and functions. Small on
// purpose, so plan/ does not depend on how a project is read. Aliases compare without case.
import type { CompatLevel } from '../types/index.ts';

export interface CatalogInput {
  readonly alias: string;
  /** Reference data can only be joined (not supported yet); a stream is read by FROM. */
  readonly kind: 'stream' | 'reference';
}

export interface CatalogFunction {
  readonly name: string;
  readonly kind: 'udf' | 'uda';
  /** JavaScript source, carried into the plan for the UDF host. */
  readonly source?: string;
}

export interface Catalog {
  readonly inputs: readonly CatalogInput[];
  /** Output aliases; empty means "not known": any INTO is accepted and the default is `output`. */
  readonly outputs: readonly string[];
  readonly functions: readonly CatalogFunction[];
}

export interface PlanOptions {
  readonly compatLevel: CompatLevel;
  /** The query text, for code frames in errors. */
  readonly sourceText: string;
}
