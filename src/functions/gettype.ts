// GetType: the ASA type name of a value, as a string.
// https://learn.microsoft.com/stream-analytics-query/gettype-azure-stream-analytics
import { typeOfStatic, type AsaValue } from '../types/index.ts';
import { defineScalar, refPage, type BindContext } from './function-def.ts';

/** The type name as a string ('bigint', 'nvarchar(max)' …); NULL for NULL. */
export const GETTYPE = defineScalar({
  name: 'GetType',
  category: 'conversion',
  minArgs: 1,
  doc: refPage('gettype-azure-stream-analytics'),
  returnType: 'nvarchar(max)',
  specialise(ctx: BindContext) {
    const staticType = ctx.argTypes[0] ?? 'any';
    return (args: readonly AsaValue[]): AsaValue => typeOfStatic(args[0] ?? null, staticType);
  },
});
