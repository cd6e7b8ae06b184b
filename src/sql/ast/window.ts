// Window definitions in GROUP BY: Tumbling, Hopping, Sliding, Session, and Windows(…) for several at once.
import type { SourceSpan } from '../../common/index.ts';
import type { Expression, StringLiteral } from './expression.ts';
import type { TimeSpan } from './over.ts';

export type WindowType = 'tumbling' | 'hopping' | 'sliding' | 'session';

/**
 * short form: `HoppingWindow(minute, 10, 5)` (one unit shared by every part);
 * long form: `HoppingWindow(Duration(hour, 1), Hop(minute, 5), Offset(…))`.
 */
export interface Window {
  readonly kind: 'Window';
  readonly windowType: WindowType;
  /** As written: `TumblingWindow`, `Tumbling`, `tumblingwindow`… */
  readonly spelling: string;
  readonly form: 'short' | 'long';
  /** Window size; for a session window, the timeout. */
  readonly size: TimeSpan;
  /** Hopping only. */
  readonly hop: TimeSpan | undefined;
  /** Tumbling and hopping. */
  readonly offset: TimeSpan | undefined;
  /** Session only. */
  readonly maxDuration: TimeSpan | undefined;
  /** Session only: `SessionWindow(…) OVER (PARTITION BY k)`. */
  readonly partitionBy: readonly Expression[];
  readonly span: SourceSpan;
}

/**
 * One member of Windows(…). `Window('id', TumblingWindow(…))` is the documented way to name it
 * (idSyntax 'window'); `TumblingWindow(…) AS 'id'` is accepted too (idSyntax 'as').
 * A member may also be `System.Timestamp()` (then `window` is that call).
 */
export interface WindowsMember {
  readonly kind: 'WindowsMember';
  readonly id: StringLiteral | undefined;
  readonly idSyntax: 'window' | 'as' | undefined;
  readonly window: Window | Expression;
  readonly span: SourceSpan;
}

export interface Windows {
  readonly kind: 'Windows';
  /** As written (`Windows`). */
  readonly spelling: string;
  readonly members: readonly WindowsMember[];
  readonly span: SourceSpan;
}

type Fields<T> = Omit<T, 'kind'>;
export const windowDef = (f: Fields<Window>): Window => ({ kind: 'Window', ...f });
export const windowsMember = (f: Fields<WindowsMember>): WindowsMember => ({ kind: 'WindowsMember', ...f });
export const windows = (f: Fields<Windows>): Windows => ({ kind: 'Windows', ...f });
