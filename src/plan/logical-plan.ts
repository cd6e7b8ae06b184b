// The logical plan: WITH steps and output statements, each a small tree of relational nodes over bound
// expressions. Immutable, kind-tagged data; `explain` prints it and compile/ turns it into operators.
// Part 2 adds nodes (Window, Aggregate, Join, …) beside these without changing them.
import type { SourceSpan } from '../common/index.ts';
import type { AsaTypeName, AsaValue, CompatLevel, StaticType } from '../types/index.ts';
import type { BoundExpr } from './bound-expr.ts';

/** Reads an input (with its event time) or a WITH step (whose events keep their time). */
export interface ScanNode {
  readonly kind: 'Scan';
  readonly source: { readonly kind: 'input' | 'step'; readonly name: string };
  /** The name the query uses for it (alias, else the source name). */
  readonly alias: string;
  /** TIMESTAMP BY: the event time; absent means arrival time (inputs) or the step's time. */
  readonly timestampBy: BoundExpr | undefined;
  /** TIMESTAMP BY as written, for explain. */
  readonly timestampText: string | undefined;
  /** TIMESTAMP BY … OVER keys: each key value gets its own timeline (substreams); absent without OVER. */
  readonly substreamKeys?: readonly BoundExpr[];
  readonly span: SourceSpan;
}

/** CROSS/OUTER APPLY of a table-valued function; its rows go to FROM slot `slot`. */
export interface ApplyNode {
  readonly kind: 'Apply';
  readonly input: RelNode;
  readonly applyType: 'cross' | 'outer';
  readonly fn: string;
  readonly arg: BoundExpr;
  readonly alias: string;
  readonly slot: number;
  readonly columns: readonly string[];
  readonly span: SourceSpan;
}

export interface FilterNode {
  readonly kind: 'Filter';
  readonly input: RelNode;
  readonly clause: 'WHERE' | 'HAVING';
  readonly predicate: BoundExpr;
  readonly text: string;
}

export interface ProjectColumn {
  readonly kind: 'Column';
  /** The output name as the query writes it (compile lower-cases it under compat 1.0). */
  readonly name: string;
  readonly expr: BoundExpr;
  readonly text: string;
}

/** `*`, `alias.*` or `record.*`: every field of slot `slot`'s row (walked along `path`). */
export interface ProjectStar {
  readonly kind: 'Star';
  readonly slot: number;
  readonly path: readonly string[];
  /** Add EventProcessedUtcTime, PartitionId, EventEnqueuedUtcTime (a `*` over an input). */
  readonly withInputMetadata: boolean;
  readonly text: string;
}

export type ProjectItem = ProjectColumn | ProjectStar;

export interface ProjectNode {
  readonly kind: 'Project';
  readonly input: RelNode;
  readonly items: readonly ProjectItem[];
  /** The output columns when they are all known (no `*`); undefined when open. */
  readonly columns: readonly { readonly name: string; readonly type: StaticType }[] | undefined;
}

export interface UnionNode {
  readonly kind: 'Union';
  readonly inputs: readonly RelNode[];
  readonly span: SourceSpan;
}

/**
 * A window of GROUP BY, sizes in ms (Windowing page; reference §4). Windows are (end − size, end];
 * tumbling/hopping ends fall on offset + k·hop from time zero.
 */
export type WindowSpec =
  | { readonly kind: 'hopping'; readonly sizeMs: number; readonly hopMs: number; readonly offsetMs: number; readonly text: string }
  | { readonly kind: 'sliding'; readonly sizeMs: number; readonly text: string }
  | { readonly kind: 'session'; readonly timeoutMs: number; readonly maxDurationMs: number; readonly partitionBy: readonly BoundExpr[]; readonly text: string }
  | { readonly kind: 'snapshot'; readonly text: string };

/** One aggregate call of the statement (SELECT list and HAVING); AggregateRef expressions point here. */
export interface AggregateCall {
  /** Canonical name (functions/aggregates). */
  readonly name: string;
  readonly distinct: boolean;
  /** The value argument; undefined for COUNT(*), TopOne(), Collect() (the whole event). */
  readonly arg: BoundExpr | undefined;
  /** Constant leading arguments (CollectTop's n, PERCENTILE's p). */
  readonly constants: readonly AsaValue[];
  readonly orderBy: readonly { readonly expr: BoundExpr; readonly descending: boolean }[];
  readonly type: StaticType;
  readonly text: string;
}

/**
 * GROUP BY keys and window(s) over its input (Scan → Apply* → WHERE). Above it, HAVING (Filter) and
 * the SELECT list (Project) read the group: its keys through the group's first row, aggregates through
 * AggregateRef. Several windows come from Windows(…), each with its id.
 */
export interface AggregateNode {
  readonly kind: 'Aggregate';
  readonly input: RelNode;
  readonly keys: readonly BoundExpr[];
  /** The keys as written, for explain. */
  readonly keyTexts: readonly string[];
  readonly windows: readonly { readonly id: string | undefined; readonly spec: WindowSpec }[];
  readonly aggregates: readonly AggregateCall[];
  readonly span: SourceSpan;
}

/**
 * One analytic call of a statement (LAG, LAST, ISFIRST or SUM/AVG/MIN/MAX OVER …); AnalyticRef
 * expressions point here. Its expressions read only the FROM row (slot 0).
 */
export interface AnalyticCall {
  readonly fn: 'LAG' | 'LAST' | 'ISFIRST' | 'SUM' | 'AVG' | 'MIN' | 'MAX';
  /** The value looked up or aggregated; undefined for ISFIRST. `LAG(*)`/`LAST(*)`: the whole event. */
  readonly arg: BoundExpr | undefined;
  /** LAG's offset (1 by default); 0 for the others. */
  readonly offset: number;
  /** LAG/LAST's default, evaluated on the current event; undefined means NULL. */
  readonly default: BoundExpr | undefined;
  /** LIMIT DURATION in ms (LAG, LAST, aggregates), or ISFIRST's interval size. */
  readonly durationMs: number;
  readonly partitionBy: readonly BoundExpr[];
  readonly when: BoundExpr | undefined;
  readonly type: StaticType;
  readonly text: string;
}

/**
 * The analytic calls of a statement, evaluated on every event of the FROM source before APPLY, WHERE,
 * JOIN and GROUP BY (LAG page: "evaluated before those clauses"; OVER page: "groups rows directly from
 * the query input"). Sits directly above the Scan.
 */
export interface AnalyticNode {
  readonly kind: 'Analytic';
  readonly input: RelNode;
  readonly calls: readonly AnalyticCall[];
}

/**
 * DATEDIFF(unit, left, right) in a stream JOIN's ON (JOIN page): the right event's time minus the
 * left slot's time, in `unit`, lies in [low, high] (±Infinity when one side is open).
 */
export interface JoinTimeBound {
  readonly leftSlot: number;
  readonly unit: string;
  readonly unitMs: number;
  readonly low: number;
  readonly high: number;
}

/**
 * `left [LEFT OUTER] JOIN right ON …` (JOIN page, Reference data JOIN page). The left covers FROM slots
 * [0, rightSlot) (a Scan, or a Join for three-way joins); the right is slot rightSlot. `leftKeys[i] =
 * rightKeys[i]` are the ON clause's equality conjuncts (hash keys); `on` is the whole condition.
 */
export interface JoinNode {
  readonly kind: 'Join';
  readonly joinType: 'inner' | 'left';
  readonly left: RelNode;
  readonly right: RelNode;
  /** The right side is a reference data input: no time bound, no watermark of its own. */
  readonly reference: boolean;
  readonly rightSlot: number;
  readonly on: BoundExpr;
  readonly onText: string;
  readonly leftKeys: readonly BoundExpr[];
  readonly rightKeys: readonly BoundExpr[];
  /** Stream joins: the DATEDIFF bounds between the right side and a left slot. */
  readonly bounds: readonly JoinTimeBound[];
  readonly span: SourceSpan;
}

/** MATCH_RECOGNIZE's pattern with variables as indexes into MatchRecognizeNode.variables (-1 is `.`). */
export type MatchPatternNode =
  | { readonly kind: 'var'; readonly index: number }
  | { readonly kind: 'seq'; readonly items: readonly MatchPatternNode[] }
  | { readonly kind: 'alt'; readonly alternatives: readonly MatchPatternNode[] }
  | { readonly kind: 'repeat'; readonly pattern: MatchPatternNode; readonly min: number; readonly max: number | undefined };

/**
 * MATCH_RECOGNIZE over its input Scan (bind-match-recognize.ts): one row per match holding the partition
 * keys and MEASURES. DEFINE and MEASURES read the event as slot 0 and the pattern aggregates
 * (Min/Max/First/Last/Classifier over variables) through AggregateRef into `aggregates`.
 */
export interface MatchRecognizeNode {
  readonly kind: 'MatchRecognize';
  readonly input: RelNode;
  readonly limitMs: number;
  readonly partitionBy: readonly BoundExpr[];
  readonly partitionNames: readonly string[];
  readonly variables: readonly { readonly name: string; readonly condition: BoundExpr | undefined }[];
  readonly aggregates: readonly { readonly fn: 'min' | 'max' | 'first' | 'last' | 'classifier'; readonly variable: number; readonly path: readonly string[]; readonly text: string }[];
  readonly measures: readonly { readonly name: string; readonly expr: BoundExpr; readonly text: string }[];
  readonly pattern: MatchPatternNode;
  readonly patternText: string;
  readonly alias: string;
  readonly span: SourceSpan;
}

export type RelNode = ScanNode | ApplyNode | FilterNode | ProjectNode | UnionNode | AggregateNode | AnalyticNode | JoinNode | MatchRecognizeNode;

export interface PlanStep {
  readonly name: string;
  readonly query: RelNode;
  /** How many FROM references read it (fan-out when more than one). */
  readonly readers: number;
  readonly span: SourceSpan;
}

export interface PlanStatement {
  readonly output: string;
  readonly query: RelNode;
  readonly span: SourceSpan;
}

export interface LogicalPlan {
  readonly kind: 'LogicalPlan';
  readonly compatLevel: CompatLevel;
  readonly sourceText: string;
  /** Inputs the query reads, spelt as in the catalog. */
  readonly inputs: readonly string[];
  /** Every input of the catalog (a connector may push to one the query does not read). */
  readonly declaredInputs: readonly string[];
  /** Steps in dependency order (a step comes after the steps it reads). */
  readonly steps: readonly PlanStep[];
  readonly statements: readonly PlanStatement[];
  /** Outputs written, spelt as in the catalog (or as in INTO when the catalog lists none). */
  readonly outputs: readonly string[];
  /** The UDFs called, with their source. */
  readonly udfs: readonly { readonly name: string; readonly source: string | undefined }[];
  /**
   * CREATE TABLE schemas by input: the input side drops events that do not fit ("Rows that fail
   * conversion are dropped", CREATE TABLE page) — formats/connectors apply it, not the engine.
   */
  readonly tables: readonly { readonly input: string; readonly columns: readonly { readonly name: string; readonly type: AsaTypeName }[] }[];
}
