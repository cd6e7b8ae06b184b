// JavaScript user-defined aggregates (`uda.name(value)`), after "Azure Stream Analytics JavaScript
// user-defined aggregates" (https://learn.microsoft.com/azure/stream-analytics/stream-analytics-javascript-user-defined-aggregates):
// the script's `main` is a constructor whose object sets init(), accumulate(value, timestamp),
// computeResult() and, for an AccumulateDeaccumulate UDA, deaccumulate(value, timestamp) and
// deaccumulateState(otherState). One object per group and window; init() runs first. Each UDA runs in
// its own node:vm context like a UDF (udf-host.ts): only JavaScript built-ins, values built with the
// context's own constructors.
//
// How the windows use it: tumbling, session and snapshot windows only accumulate. Hopping windows keep
// one object per pane (with the pane's inputs, so panes can be replayed into another object) and one
// running object per group: a new pane's inputs are accumulated into it and an expired pane taken out
// with deaccumulateState(pane) (or deaccumulate per input when only that exists); an AccumulateOnly
// UDA is rebuilt from the panes still in the window. Sliding windows accumulate events entering and
// deaccumulate events leaving (an AccumulateOnly UDA is rebuilt from the window's events). A throw in
// any method stops the job with SLUICE_UDA_ERROR naming the UDA and the method, counted as a UDF
// error, as "JavaScript runtime errors are considered fatal" for UDFs.
import vm from 'node:vm';
import { SluiceError, isSluiceError } from '../../common/index.ts';
import { AsaDateTime, type AsaValue } from '../../types/index.ts';
import { REALM_PRELUDE, fromJs, toJs, type RealmFactories } from './js-values.ts';

/** What a UDA needs from the UDF host: its time guard and its counters. */
export interface UdaHooks {
  /** Whether a guarded slice (UdfHost.run) is running. */
  readonly guarding: boolean;
  run(body: () => void): void;
  /** Before each call: counts it and names it for a timeout message. */
  enter(name: string, label: string): void;
  /** Counts a failed call and reports it (metrics hook). */
  failed(name: string, error: SluiceError): void;
}

type Method = (...args: unknown[]) => unknown;

interface UdaObject {
  readonly [key: string]: unknown;
}

export class UdaDefinition {
  readonly name: string;
  private readonly ctor: Method;
  readonly realm: RealmFactories;
  readonly hooks: UdaHooks;
  /** Whether objects have deaccumulate / deaccumulateState (checked on the first object). */
  canDeaccumulate = false;
  canDeaccumulateState = false;

  constructor(name: string, source: string, hooks: UdaHooks, timeLimitMs: number) {
    this.name = name;
    this.hooks = hooks;
    const context = vm.createContext(vm.constants.DONT_CONTEXTIFY, {
      name: `uda.${name}`,
      microtaskMode: 'afterEvaluate',
      codeGeneration: { strings: true, wasm: false },
    });
    this.realm = vm.runInContext(REALM_PRELUDE, context) as RealmFactories;
    const fail = (message: string, cause?: unknown): SluiceError =>
      new SluiceError('SLUICE_UDA_COMPILE', `JavaScript UDA 'uda.${name}': ${message}`, {
        domain: 'user',
        cause,
        hint: 'define function main() { this.init = function () {…}; this.accumulate = function (value, timestamp) {…}; this.computeResult = function () {…}; }',
      });
    try {
      vm.runInContext(source, context, { timeout: timeLimitMs, filename: `uda.${name}.js` });
    } catch (err) {
      throw fail(`the source does not load: ${describeThrown(err)}`, err);
    }
    const main: unknown = vm.runInContext('typeof main === "function" ? main : undefined', context);
    if (typeof main !== 'function') throw fail('the source defines no function main');
    this.ctor = main as Method;
    const probe = this.construct();
    for (const m of ['init', 'accumulate', 'computeResult']) {
      if (typeof probe[m] !== 'function') throw fail(`main() does not set this.${m}`);
    }
    this.canDeaccumulate = typeof probe['deaccumulate'] === 'function';
    this.canDeaccumulateState = typeof probe['deaccumulateState'] === 'function';
  }

  /** A new object, init() not yet called. */
  construct(): UdaObject {
    return this.call('main', () => Reflect.construct(this.ctor, []) as UdaObject);
  }

  /** Calls obj[method](...args) under the host's guard, mapping a throw to SLUICE_UDA_ERROR. */
  invoke(obj: UdaObject, method: string, args: readonly unknown[]): unknown {
    return this.call(method, () => Reflect.apply(obj[method] as Method, obj, args));
  }

  private call<T>(method: string, f: () => T): T {
    const { hooks } = this;
    if (!hooks.guarding) {
      let out: T | undefined;
      hooks.run(() => {
        out = this.call(method, f);
      });
      return out as T;
    }
    hooks.enter(this.name, `uda.${this.name}`);
    try {
      return f();
    } catch (err) {
      if ((err as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw err;
      const e = new SluiceError('SLUICE_UDA_ERROR', `JavaScript UDA 'uda.${this.name}' threw in ${method}: ${isSluiceError(err) ? err.message : describeThrown(err)}`, {
        domain: 'user',
        cause: err,
        hint: 'JavaScript runtime errors in a UDA are fatal to the job, as for UDFs in ASA; guard the inputs inside the aggregate',
        details: { function: `uda.${this.name}`, method },
      });
      hooks.failed(this.name, e);
      throw e;
    }
  }
}

/** One input kept by a pane, to be replayed into (or taken out of) another object. */
interface Input {
  readonly value: AsaValue;
  readonly t: number;
}

/**
 * One UDA object as a window accumulator. `order[0]` carries the event time (compile passes it), as
 * accumulate's second argument is the event's timestamp.
 */
export class UdaAccumulator {
  private readonly def: UdaDefinition;
  private obj: UdaObject;
  /** Kept only for hopping-window panes (see the file comment). */
  private readonly inputs: Input[] | undefined;

  constructor(def: UdaDefinition, keepInputs: boolean) {
    this.def = def;
    this.obj = def.construct();
    def.invoke(this.obj, 'init', []);
    this.inputs = keepInputs ? [] : undefined;
  }

  add(value: AsaValue, order: readonly AsaValue[] | undefined): void {
    const t = timeOf(order);
    this.inputs?.push({ value, t });
    this.accumulate(value, t);
  }

  private accumulate(value: AsaValue, t: number): void {
    const realm = this.def.realm;
    this.def.invoke(this.obj, 'accumulate', [toJs(value, realm), realm.date(t)]);
  }

  merge(other: UdaAccumulator): void {
    for (const i of other.inputs ?? []) {
      this.inputs?.push(i);
      this.accumulate(i.value, i.t);
    }
  }

  result(): AsaValue {
    const out = this.def.invoke(this.obj, 'computeResult', []);
    try {
      return fromJs(out);
    } catch (err) {
      const e = new SluiceError('SLUICE_UDA_ERROR', `JavaScript UDA 'uda.${this.def.name}': computeResult ${isSluiceError(err) ? err.message : describeThrown(err)}`, {
        domain: 'user',
        cause: err,
        details: { function: `uda.${this.def.name}`, method: 'computeResult' },
      });
      this.def.hooks.failed(this.def.name, e);
      throw e;
    }
  }

  /** Checkpoint: the object's data properties (methods are rebuilt by main()) and kept inputs. */
  saveState(): unknown {
    const state: Record<string, AsaValue> = {};
    for (const key of Object.keys(this.obj)) {
      const v = this.obj[key];
      if (typeof v !== 'function') state[key] = fromJs(v);
    }
    return { state, inputs: this.inputs === undefined ? null : this.inputs.map((i) => ({ value: i.value, t: i.t })) };
  }

  loadState(saved: unknown): void {
    const s = saved as { state: Record<string, AsaValue>; inputs: Input[] | null };
    this.obj = this.def.construct();
    const target = this.obj as Record<string, unknown>;
    for (const [k, v] of Object.entries(s.state)) target[k] = toJs(v, this.def.realm);
    if (this.inputs !== undefined && s.inputs !== null) for (const i of s.inputs) this.inputs.push({ value: i.value, t: i.t });
  }

  /**
   * Takes a pane back out: deaccumulateState(pane) or deaccumulate per kept input; false for an
   * AccumulateOnly UDA (the window then rebuilds the object from what is still in it).
   */
  unmerge(other: UdaAccumulator): boolean {
    const def = this.def;
    if (def.canDeaccumulateState) {
      def.invoke(this.obj, 'deaccumulateState', [other.obj]);
      return true;
    }
    if (!def.canDeaccumulate) return false;
    for (const i of other.inputs ?? []) this.deaccumulate(i.value, i.t);
    return true;
  }

  /** Takes one event back out (sliding windows); false for an AccumulateOnly UDA. */
  remove(value: AsaValue, order: readonly AsaValue[] | undefined): boolean {
    if (!this.def.canDeaccumulate) return false;
    this.deaccumulate(value, timeOf(order));
    return true;
  }

  private deaccumulate(value: AsaValue, t: number): void {
    const realm = this.def.realm;
    this.def.invoke(this.obj, 'deaccumulate', [toJs(value, realm), realm.date(t)]);
  }
}

function timeOf(order: readonly AsaValue[] | undefined): number {
  const t = order?.[0];
  return t instanceof AsaDateTime ? t.epochMs : typeof t === 'number' ? t : 0;
}

/** A factory of uda.name accumulators; `keepInputs` for hopping-window panes. */
export function udaFactory(def: UdaDefinition): (keepInputs: boolean) => UdaAccumulator {
  return (keepInputs) => new UdaAccumulator(def, keepInputs);
}

function describeThrown(err: unknown): string {
  try {
    if (typeof err === 'object' && err !== null && 'message' in err) {
      const m = Object.getOwnPropertyDescriptor(err, 'message');
      if (m !== undefined && typeof m.value === 'string') return m.value;
    }
    return typeof err === 'string' ? err : String(err);
  } catch {
    return 'an unprintable value';
  }
}
