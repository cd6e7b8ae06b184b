// Expressions after binding: every name resolved (to a FROM slot and a field path, an input metadata
// column, a built-in or a UDF) and every node typed statically. Immutable, kind-tagged data; compile/
// turns each into a closure once.
import type { SourceSpan } from '../common/index.ts';
import type { AsaTypeName, AsaValue, StaticType } from '../types/index.ts';
import type { BinaryOp, UnaryOp } from '../sql/index.ts';

/** The columns every input event carries (Event Hubs' set, which sluice's Kafka input mirrors). */
export type InputMetadataColumn = 'EventProcessedUtcTime' | 'PartitionId' | 'EventEnqueuedUtcTime';
export const INPUT_METADATA_COLUMNS: readonly InputMetadataColumn[] = ['EventProcessedUtcTime', 'PartitionId', 'EventEnqueuedUtcTime'];

interface Base {
  readonly type: StaticType;
  readonly span: SourceSpan;
}

export interface LiteralExpr extends Base { readonly kind: 'Literal'; readonly value: AsaValue }
/**
 * A field of the row in FROM slot `slot` (0 = the FROM source, k = the k-th APPLY), walked along
 * `path`; an empty path is the whole row. `fallbackString` is set for a one-part `"double quoted"` name,
 * which ASA's docs also use as a string constant: when the field is absent the text itself is the value.
 */
export interface FieldExpr extends Base {
  readonly kind: 'Field';
  readonly slot: number;
  readonly path: readonly string[];
  readonly fallbackString: string | undefined;
}
export interface InputMetadataExpr extends Base { readonly kind: 'InputMetadata'; readonly column: InputMetadataColumn }
/** System.Timestamp(); with `slot`, the event time of that JOIN side (DATEDIFF(unit, a, b) in a JOIN, JOIN page). */
export interface TimestampExpr extends Base { readonly kind: 'Timestamp'; readonly slot?: number }
export interface CallExpr extends Base {
  readonly kind: 'Call';
  /** Canonical built-in name. */
  readonly name: string;
  readonly datePart: string | undefined;
  readonly args: readonly BoundExpr[];
}
export interface UdfExpr extends Base { readonly kind: 'Udf'; readonly name: string; readonly args: readonly BoundExpr[] }
export interface MetadataPropertyExpr extends Base { readonly kind: 'MetadataProperty'; readonly property: BoundExpr }
export interface CastExpr extends Base {
  readonly kind: 'Cast';
  readonly tryCast: boolean;
  readonly target: AsaTypeName;
  readonly expr: BoundExpr;
  /** The expression as written, for ASA's "in expression '…'" cast message. */
  readonly text: string;
}
export interface CaseExpr extends Base {
  readonly kind: 'Case';
  readonly operand: BoundExpr | undefined;
  readonly whens: readonly { readonly when: BoundExpr; readonly then: BoundExpr }[];
  readonly else: BoundExpr | undefined;
}
export interface UnaryExpr extends Base { readonly kind: 'Unary'; readonly op: UnaryOp; readonly operand: BoundExpr }
export interface BinaryExpr extends Base { readonly kind: 'Binary'; readonly op: BinaryOp; readonly left: BoundExpr; readonly right: BoundExpr }
export interface LikeExpr extends Base { readonly kind: 'Like'; readonly expr: BoundExpr; readonly pattern: BoundExpr; readonly negated: boolean }
export interface InExpr extends Base { readonly kind: 'In'; readonly expr: BoundExpr; readonly list: readonly BoundExpr[]; readonly negated: boolean }
export interface BetweenExpr extends Base {
  readonly kind: 'Between';
  readonly expr: BoundExpr;
  readonly low: BoundExpr;
  readonly high: BoundExpr;
  readonly negated: boolean;
}
export interface IsNullExpr extends Base { readonly kind: 'IsNull'; readonly expr: BoundExpr; readonly negated: boolean }
export interface MemberExpr extends Base { readonly kind: 'Member'; readonly object: BoundExpr; readonly name: string }

/** After GROUP BY: the value of the statement's `index`-th aggregate for the group (logical-plan AggregateNode). */
export interface AggregateRefExpr extends Base { readonly kind: 'AggregateRef'; readonly index: number }
/**
 * The value of the statement's `index`-th analytic call (LAG, LAST, ISFIRST, a rolling aggregate) for
 * the current event, computed before WHERE (logical-plan AnalyticNode).
 */
export interface AnalyticRefExpr extends Base { readonly kind: 'AnalyticRef'; readonly index: number }
/** System.Window(): the record { Id } of the window a result came from (Windows page). */
export interface WindowRecordExpr extends Base { readonly kind: 'WindowRecord' }

export type BoundExpr =
  | AggregateRefExpr | WindowRecordExpr | AnalyticRefExpr
  | LiteralExpr | FieldExpr | InputMetadataExpr | TimestampExpr | CallExpr | UdfExpr | MetadataPropertyExpr
  | CastExpr | CaseExpr | UnaryExpr | BinaryExpr | LikeExpr | InExpr | BetweenExpr | IsNullExpr | MemberExpr;
