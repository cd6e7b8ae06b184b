// What expression compilation needs besides the plan: the compatibility switches, the query text for
// error frames, the function registry and the UDF host.
import { SluiceError, isSluiceError, type SourceSpan } from '../common/index.ts';
import type { BindRequest, BoundScalar, TableFunctionDef } from '../functions/index.ts';
import type { Accumulator } from '../runtime/index.ts';
import type { AsaValue, CompatBehaviour } from '../types/index.ts';

/** The parts of the UDF host compile uses (functions/udf's UdfHost has them). */
export interface UdfRuntime {
  bind(name: string): (args: readonly AsaValue[]) => AsaValue;
  run(body: () => void): void;
  expired(): boolean;
  /** The accumulator factory of a JavaScript UDA (uda.name), when one by that name is loaded. */
  aggregate?(name: string): ((keepInputs: boolean) => Accumulator) | undefined;
}

/** The function registry (functions/index.ts by default). */
export interface FunctionRegistry {
  bindScalarFunction(name: string, request: BindRequest): BoundScalar;
  lookupTableFunction(name: string): TableFunctionDef | undefined;
}

export interface CompileContext {
  readonly compat: CompatBehaviour;
  readonly sourceText: string;
  readonly functions: FunctionRegistry;
  readonly udfHost: UdfRuntime | undefined;
}

/** Re-throws a run-time error with the span of the expression that raised it, keeping its code. */
export function withSpan(err: unknown, span: SourceSpan, sourceText: string): never {
  if (isSluiceError(err) && err.span === undefined) {
    throw new SluiceError(err.code, err.message, {
      domain: err.domain,
      span,
      sourceText,
      cause: err,
      details: err.details,
      ...(err.hint !== undefined ? { hint: err.hint } : {}),
    });
  }
  throw err;
}
