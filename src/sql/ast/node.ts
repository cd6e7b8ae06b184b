// The union of every AST node, for the visitor, the transformer and the printer.
import type { CaseWhen, DataType, Expression } from './expression.ts';
import type { FromItem, TimestampBy } from './from.ts';
import type { Identifier } from './identifier.ts';
import type { Measure, MatchRecognize, Pattern, PatternDefinition } from './match-recognize.ts';
import type { OrderItem, Over, TimeSpan } from './over.ts';
import type { SelectItem } from './select.ts';
import type { ColumnDef, QueryExpr, Script, Statement, WithStep } from './statement.ts';
import type { Window, Windows, WindowsMember } from './window.ts';

export type AstNode =
  | Script | Statement | WithStep | QueryExpr | ColumnDef
  | SelectItem | FromItem | TimestampBy
  | Expression | CaseWhen | DataType | Identifier
  | Over | OrderItem | TimeSpan
  | Window | Windows | WindowsMember
  | MatchRecognize | Measure | PatternDefinition | Pattern;

export type AstKind = AstNode['kind'];
export type NodeOfKind<K extends AstKind> = Extract<AstNode, { kind: K }>;
