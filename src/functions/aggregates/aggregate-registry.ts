// The built-in aggregates by name, without case ("built-in names ignore case").
import type { AggregateDef } from './aggregate-def.ts';
import { COLLECT, COLLECT_TOP } from './collect.ts';
import { COUNT } from './count.ts';
import { MAX, MIN } from './min-max.ts';
import { PERCENTILE_CONT, PERCENTILE_DISC } from './percentile.ts';
import { AVG, SUM } from './sum-avg.ts';
import { TOP_ONE } from './top-one.ts';
import { STDEV, STDEVP, VAR, VARP } from './variance.ts';

const AGGREGATES = new Map<string, AggregateDef>(
  [COUNT, SUM, AVG, MIN, MAX, STDEV, STDEVP, VAR, VARP, TOP_ONE, COLLECT, COLLECT_TOP, PERCENTILE_CONT, PERCENTILE_DISC].map((d) => [d.name.toLowerCase(), d]),
);

export function lookupAggregate(name: string): AggregateDef | undefined {
  return AGGREGATES.get(name.toLowerCase());
}
