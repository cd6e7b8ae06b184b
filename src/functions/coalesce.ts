// COALESCE and NULLIF. Registered as ordinary functions with evaluated arguments: neither can fail on a
// value, so evaluating every argument first changes no result (only cost; compile/ may still
// short-circuit COALESCE). CASE is syntax, not a function, and lives with the planner.
// https://learn.microsoft.com/stream-analytics-query/coalesce-azure-stream-analytics
// https://learn.microsoft.com/stream-analytics-query/nullif-azure-stream-analytics
import { sqlEquals, unifyStaticTypes, type AsaValue, type StaticType } from '../types/index.ts';
import { defineScalar, refPage, type BindContext } from './function-def.ts';

/**
 * The first non-NULL argument, unconverted: "The type of the first non-null expression"
 * (COALESCE(0, 'a') = 0, COALESCE(NULL, 'a') = 'a').
 */
export const COALESCE = defineScalar({
  name: 'COALESCE',
  category: 'conversion',
  minArgs: 2,
  maxArgs: Infinity,
  doc: refPage('coalesce-azure-stream-analytics'),
  returnType: (ctx: BindContext) => unifyStaticTypes(ctx.argTypes),
  invoke(args: readonly AsaValue[]): AsaValue {
    for (let i = 0; i < args.length; i++) {
      const v = args[i];
      if (v !== null && v !== undefined) return v;
    }
    return null;
  },
});

/** NULL when the two are equal (NULLIF(4, 4)), otherwise the first (NULLIF(5, 7) = 5). */
export const NULLIF = defineScalar({
  name: 'NULLIF',
  category: 'conversion',
  minArgs: 2,
  doc: refPage('nullif-azure-stream-analytics'),
  returnType: (ctx: BindContext): StaticType => ctx.argTypes[0] ?? 'any',
  invoke(args: readonly AsaValue[]): AsaValue {
    const a = args[0] ?? null;
    return sqlEquals(a, args[1] ?? null) === true ? null : a;
  },
});
