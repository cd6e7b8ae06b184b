// plan: the binder (names, types, rules) and the logical plan of a query, with explain.
export type { BoundExpr, InputMetadataColumn } from './bound-expr.ts';
export { INPUT_METADATA_COLUMNS } from './bound-expr.ts';
export type { Catalog, CatalogFunction, CatalogInput, PlanOptions } from './catalog.ts';
export { PlanError } from './diagnostics.ts';
export type { PlanDiagnostic } from './diagnostics.ts';
export { explain } from './explain.ts';
export { explainPartitioning } from './explain-partitioning.ts';
export type {
  AggregateCall,
  AggregateNode,
  AnalyticCall,
  AnalyticNode,
  ApplyNode,
  FilterNode,
  JoinNode,
  MatchPatternNode,
  MatchRecognizeNode,
  JoinTimeBound,
  LogicalPlan,
  PlanStatement,
  PlanStep,
  ProjectColumn,
  ProjectItem,
  ProjectNode,
  ProjectStar,
  RelNode,
  ScanNode,
  UnionNode,
  WindowSpec,
} from './logical-plan.ts';
export { planScript } from './plan-script.ts';
