// Binds GROUP BY: the grouping keys, and the window — TumblingWindow, HoppingWindow, SlidingWindow,
// SessionWindow (with OVER (PARTITION BY …)), a snapshot (System.Timestamp() alone), or Windows(…)
// with ids. Each check names its page:
// - one window per GROUP BY, System.Timestamp() beside a window is a plain key (Snapshot window page);
// - GROUP BY needs a window ("GROUP BY … requires a window", Windowing page), and an expression that
//   contains System.Timestamp() is not one;
// - sizes are positive constants of at most 7 days (Windowing page) in the documented units
//   (Tumbling window page: day/dd/d, hour/hh, minute/mi/n, second/ss/s, millisecond/ms,
//   microsecond/mcs; the plural `hours` that one page uses is accepted too).
import type { SourceSpan } from '../common/index.ts';
import type { Expression, GroupByItem, Select, TimeSpan, Window } from '../sql/index.ts';
import { printExpression } from '../sql/index.ts';
import { bindExpression } from './bind-expression.ts';
import type { BoundExpr } from './bound-expr.ts';
import type { WindowSpec } from './logical-plan.ts';
import type { BindEnv, Scope } from './scope.ts';

const UNIT_MS: Readonly<Record<string, number>> = {
  day: 86_400_000, dd: 86_400_000, d: 86_400_000, days: 86_400_000,
  hour: 3_600_000, hh: 3_600_000, hours: 3_600_000,
  minute: 60_000, mi: 60_000, n: 60_000, minutes: 60_000,
  second: 1_000, ss: 1_000, s: 1_000, seconds: 1_000,
  millisecond: 1, ms: 1, milliseconds: 1,
  microsecond: 0.001, mcs: 0.001, microseconds: 0.001,
};

const SEVEN_DAYS_MS = 7 * 86_400_000;

export interface BoundGroupBy {
  readonly keys: readonly BoundExpr[];
  readonly keyTexts: readonly string[];
  readonly windows: readonly { readonly id: string | undefined; readonly spec: WindowSpec }[];
}

function isSystemTimestamp(e: Expression): boolean {
  if (e.kind === 'FunctionCall') {
    const n = e.name.map((x) => x.name.toLowerCase());
    return n.length === 2 && n[0] === 'system' && n[1] === 'timestamp';
  }
  if (e.kind === 'ColumnRef') {
    const n = e.path.map((x) => x.name.toLowerCase());
    return n.length === 2 && n[0] === 'system' && n[1] === 'timestamp';
  }
  return false;
}

export function bindGroupBy(select: Select, scope: Scope, env: BindEnv): BoundGroupBy {
  const { diag } = env;
  const windowItems = select.groupBy.filter((g) => g.kind === 'Window' || g.kind === 'Windows');
  const exprs = select.groupBy.filter((g): g is Expression => g.kind !== 'Window' && g.kind !== 'Windows');
  const windows: { id: string | undefined; spec: WindowSpec }[] = [];
  if (windowItems.length > 1) {
    diag.error('SLUICE_PLAN_WINDOW', 'GROUP BY can have only one window (use Windows(…) for several)', (windowItems[1] as GroupByItem).span, 'Snapshot window page: only one window per GROUP BY');
  }
  const first = windowItems[0];
  let keyExprs = exprs;
  if (first?.kind === 'Window') {
    const spec = bindWindow(first, scope, env);
    if (spec !== undefined) windows.push({ id: undefined, spec });
  } else if (first?.kind === 'Windows') {
    const ids = new Set<string>();
    const withId = first.members.filter((m) => m.id !== undefined).length;
    if (withId !== 0 && withId !== first.members.length) diag.error('SLUICE_PLAN_WINDOW', 'in Windows(…) either every window has an id or none has', first.span, 'Windows page');
    for (const m of first.members) {
      const id = m.id?.value;
      if (id !== undefined) {
        if (ids.has(id.toLowerCase())) diag.error('SLUICE_PLAN_WINDOW', `the window id '${id}' is used twice in Windows(…)`, m.span, 'Windows page: ids are unique');
        ids.add(id.toLowerCase());
      }
      if (m.window.kind === 'Window') {
        const spec = bindWindow(m.window, scope, env);
        if (spec !== undefined) windows.push({ id, spec });
      } else if (isSystemTimestamp(m.window)) {
        windows.push({ id, spec: { kind: 'snapshot', text: 'System.Timestamp()' } });
      } else {
        diag.error('SLUICE_PLAN_WINDOW', 'a member of Windows(…) must be a window or System.Timestamp()', m.span);
      }
    }
  } else {
    // No window function: System.Timestamp() alone makes a snapshot window.
    const snap = exprs.find(isSystemTimestamp);
    if (snap !== undefined) {
      windows.push({ id: undefined, spec: { kind: 'snapshot', text: 'System.Timestamp()' } });
      keyExprs = exprs.filter((e) => e !== snap);
    } else if (select.groupBy[0] !== undefined) {
      diag.error('SLUICE_PLAN_GROUP_BY_WINDOW', 'GROUP BY needs a time window: TumblingWindow, HoppingWindow, SlidingWindow, SessionWindow or System.Timestamp()', (select.groupBy[0] as GroupByItem).span,
        'an expression that contains System.Timestamp() is not a window (Snapshot window page)');
    }
  }
  const keys = keyExprs.map((e) => bindExpression(e, scope, env));
  return { keys, keyTexts: keyExprs.map((e) => printExpression(e)), windows };
}

function spanMs(ts: TimeSpan | undefined, env: BindEnv, what: string, allowNegative = false): number | undefined {
  if (ts === undefined) return undefined;
  const unit = UNIT_MS[ts.unit.name.toLowerCase()];
  if (unit === undefined) {
    env.diag.error('SLUICE_PLAN_TIME_UNIT', `unknown time unit '${ts.unit.name}'`, ts.unit.span, 'use day, hour, minute, second, millisecond or microsecond');
    return undefined;
  }
  const amount = constantNumber(ts.amount);
  if (amount === undefined || (!allowNegative && amount <= 0)) {
    env.diag.error('SLUICE_PLAN_WINDOW_SIZE', `the ${what} must be a ${allowNegative ? '' : 'positive '}number constant`, ts.amount.span);
    return undefined;
  }
  return amount * unit;
}

function constantNumber(e: Expression): number | undefined {
  if (e.kind === 'NumberLiteral') return Number(e.text);
  if (e.kind === 'Unary' && e.op === '-' && e.operand.kind === 'NumberLiteral') return -Number(e.operand.text);
  return undefined;
}

function checkSize(ms: number | undefined, span: SourceSpan, env: BindEnv): void {
  if (ms !== undefined && ms > SEVEN_DAYS_MS) {
    env.diag.error('SLUICE_PLAN_WINDOW_SIZE', 'a window can be at most 7 days long', span, 'Windowing page: the maximum size of any window is 7 days');
  }
}

function bindWindow(w: Window, scope: Scope, env: BindEnv): WindowSpec | undefined {
  const text = printWindowText(w);
  const size = spanMs(w.size, env, w.windowType === 'session' ? 'session timeout' : 'window size');
  checkSize(size, w.size.span, env);
  switch (w.windowType) {
    case 'tumbling':
    case 'hopping': {
      const hop = w.windowType === 'tumbling' ? size : spanMs(w.hop, env, 'hop size');
      const offset = spanMs(w.offset, env, 'offset', true) ?? 0;
      if (size === undefined || hop === undefined) return undefined;
      if (hop > size) env.diag.error('SLUICE_PLAN_WINDOW_SIZE', 'the hop of a hopping window cannot be larger than its size', w.hop?.span ?? w.span);
      return { kind: 'hopping', sizeMs: size, hopMs: hop, offsetMs: offset, text };
    }
    case 'sliding':
      return size === undefined ? undefined : { kind: 'sliding', sizeMs: size, text };
    case 'session': {
      const max = spanMs(w.maxDuration, env, 'maximum duration');
      checkSize(max, w.maxDuration?.span ?? w.span, env);
      if (w.maxDuration === undefined) env.diag.error('SLUICE_PLAN_WINDOW_SIZE', 'a session window needs a maximum duration', w.span, 'SessionWindow(unit, timeout, maxDuration)');
      if (size === undefined || max === undefined) return undefined;
      if (size > max) env.diag.error('SLUICE_PLAN_WINDOW_SIZE', 'the session timeout cannot be longer than its maximum duration', w.size.span);
      const partitionBy = w.partitionBy.map((e) => bindExpression(e, scope, env));
      return { kind: 'session', timeoutMs: size, maxDurationMs: max, partitionBy, text };
    }
  }
}

function printWindowText(w: Window): string {
  const part = (t: TimeSpan | undefined): string[] => (t === undefined ? [] : [`${t.unit.name}, ${printExpression(t.amount)}`]);
  const name = { tumbling: 'TumblingWindow', hopping: 'HoppingWindow', sliding: 'SlidingWindow', session: 'SessionWindow' }[w.windowType];
  return `${name}(${[...part(w.size), ...part(w.hop), ...part(w.offset), ...part(w.maxDuration)].join('; ')})`;
}
