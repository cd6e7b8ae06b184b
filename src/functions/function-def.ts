// The shape of a built-in function: its signature for the binder, its return-type rule for the planner,
// and an implementation specialised once per call site ("bind") so that the per-event call does no
// name lookup, no type dispatch the planner already settled, and no allocation beyond its result.
import { SluiceError } from '../common/index.ts';
import type { AsaValue, CompatBehaviour, StaticType } from '../types/index.ts';
import type { DatePart } from './date-part.ts';

export type FunctionCategory = 'string' | 'math' | 'datetime' | 'conversion' | 'array' | 'record' | 'geospatial';

/**
 * Called with the already-evaluated arguments, in call order. A date-part argument (`DATEADD(minute,
 * …)`) keeps its position but its value is ignored: the part was resolved at bind time. The array may
 * be a scratch array the caller reuses between calls, so implementations must not keep it.
 */
export type ScalarImpl = (args: readonly AsaValue[]) => AsaValue;

export interface BindContext {
  /** Static type of each argument; `any` where the planner does not know. */
  readonly argTypes: readonly StaticType[];
  /** The date part named at `datePartArg`, already validated with parseDatePart. */
  readonly datePart?: DatePart;
  readonly compat: CompatBehaviour;
}

export interface BoundScalar {
  readonly returnType: StaticType;
  readonly invoke: ScalarImpl;
}

export interface ScalarFunctionDef {
  /** Canonical spelling, as the reference writes it (`DATEADD`, `GetArrayElement`). */
  readonly name: string;
  readonly category: FunctionCategory;
  readonly minArgs: number;
  /** Infinity for variadic functions (CONCAT, COALESCE, CreatePolygon). */
  readonly maxArgs: number;
  /** Index of the argument that is a date-part keyword, not an expression. */
  readonly datePartArg?: number;
  /** The reference page this implementation follows. */
  readonly doc: string;
  bind(ctx: BindContext): BoundScalar;
}

/** One row of a table-valued function used with CROSS/OUTER APPLY. */
export type TableRow = Readonly<Record<string, AsaValue>>;

export interface TableFunctionDef {
  readonly name: string;
  /** Column names of every row, in order (for `SELECT x.*` and binding `x.ArrayValue`). */
  readonly columns: readonly string[];
  readonly doc: string;
  /** Rows for one input value; NULL gives no rows (CROSS APPLY drops the event, OUTER APPLY keeps it). */
  invoke(arg: AsaValue): readonly TableRow[];
}

interface SimpleSpec {
  name: string;
  category: FunctionCategory;
  minArgs: number;
  maxArgs?: number;
  doc: string;
  datePartArg?: number;
  /** A fixed type, or a rule over the argument types. */
  returnType: StaticType | ((ctx: BindContext) => StaticType);
  /** An implementation that needs nothing from the bind context… */
  invoke?: ScalarImpl;
  /** …or a factory that specialises on it (argument types, date part). */
  specialise?: (ctx: BindContext) => ScalarImpl;
}

/** Builds a ScalarFunctionDef from the common shapes, so each function file stays declarative. */
export function defineScalar(spec: SimpleSpec): ScalarFunctionDef {
  const { returnType, invoke, specialise } = spec;
  if (!invoke && !specialise) {
    throw new SluiceError('SLUICE_INTERNAL', `built-in function ${spec.name} has no implementation`, { domain: 'internal' });
  }
  return {
    name: spec.name,
    category: spec.category,
    minArgs: spec.minArgs,
    maxArgs: spec.maxArgs ?? spec.minArgs,
    doc: spec.doc,
    ...(spec.datePartArg !== undefined ? { datePartArg: spec.datePartArg } : {}),
    bind(ctx: BindContext): BoundScalar {
      return {
        returnType: typeof returnType === 'function' ? returnType(ctx) : returnType,
        invoke: specialise ? specialise(ctx) : (invoke as ScalarImpl),
      };
    },
  };
}

/** Reference page URL for a function page name. */
export function refPage(page: string): string {
  return `https://learn.microsoft.com/stream-analytics-query/${page}`;
}
