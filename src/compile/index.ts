// compile: logical plan → operator graph (JobGraph), expressions → closures compiled once per query.
export type { CompileContext, FunctionRegistry, UdfRuntime } from './compile-context.ts';
export { compileExpression, compilePredicate } from './compile-expression.ts';
export { toBool3 } from './to-bool3.ts';
export { compilePlan } from './compile-plan.ts';
export type { CompileOptions } from './compile-plan.ts';
export { compileProjection } from './compile-projection.ts';
