// CEILING and FLOOR: the nearest whole value above or below; the result has the argument's type, and a
// bigint comes back unchanged.
// https://learn.microsoft.com/stream-analytics-query/ceiling-azure-stream-analytics
// https://learn.microsoft.com/stream-analytics-query/floor-azure-stream-analytics
import { unaryNumeric } from './abs.ts';

// A bigint is already whole: CEILING and FLOOR return it unchanged.
export const CEILING = unaryNumeric('CEILING', 'ceiling-azure-stream-analytics', (x) => Math.ceil(x) || 0, (x) => x);

export const FLOOR = unaryNumeric('FLOOR', 'floor-azure-stream-analytics', Math.floor, (x) => x);
