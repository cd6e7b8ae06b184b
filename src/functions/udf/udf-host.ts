// The JavaScript UDF host: each `udf.name` runs in its own node:vm context that holds only the
// JavaScript built-ins — no require, no process, no console, no timers, nothing of the engine — and
// whose microtasks never run (async code in a UDF is inert). ASA's contract is a pure, stateless
// scalar function, and "JavaScript runtime errors are considered fatal"
// (https://learn.microsoft.com/azure/stream-analytics/stream-analytics-javascript-user-defined-functions),
// so a throw stops the job with SLUICE_UDF_ERROR naming the function.
//
// Time limit: a vm timeout starts a watchdog thread (~0.2 ms), far too slow per call. So the host is
// also an execution guard: the runtime runs whole slices of a batch inside one timed vm call (`run`)
// and ends a slice once it has used half the limit (`expired`). Any single UDF call therefore gets at
// least half and at most the whole limit before it is stopped, at the cost of one watchdog per slice.
// A call made outside `run` (constant folding, tests) is wrapped on its own.
// node:vm is no security boundary against hostile code (Node's own docs say so); it keeps honest
// UDFs from reaching the engine and stops runaway loops.
import vm from 'node:vm';
import { SluiceError, isSluiceError } from '../../common/index.ts';
import type { AsaValue } from '../../types/index.ts';
import { REALM_PRELUDE, fromJs, toJs, type RealmFactories } from './js-values.ts';
import { UdaDefinition, udaFactory, type UdaAccumulator, type UdaHooks } from './uda.ts';

export interface UdfHostOptions {
  /** Per-call time limit in milliseconds (default 1000). */
  readonly timeLimitMs?: number;
  /** Metrics hook: called once per failing call before the error is thrown. */
  readonly onError?: (name: string, error: SluiceError) => void;
}

interface LoadedUdf {
  readonly name: string;
  readonly fn: (...args: unknown[]) => unknown;
  readonly realm: RealmFactories;
}

export class UdfHost implements UdaHooks {
  private readonly udfs = new Map<string, LoadedUdf>();
  private readonly udas = new Map<string, UdaDefinition>();
  private readonly limitMs: number;
  private readonly onError: ((name: string, error: SluiceError) => void) | undefined;
  private readonly bridge: vm.Context;
  private readonly runScript = new vm.Script('__sluiceRun()');
  private body: (() => void) | undefined = undefined;
  private sliceStart = 0;
  private guarded = false;
  private current = '';
  /** How the running call is named in a timeout message (udf.name or uda.name). */
  private currentLabel = '';
  /** Calls per UDF name (lower-cased), for metrics. */
  readonly calls = new Map<string, number>();
  /** Failed calls per UDF name (lower-cased), for metrics. */
  readonly errors = new Map<string, number>();

  constructor(options: UdfHostOptions = {}) {
    this.limitMs = options.timeLimitMs ?? 1000;
    this.onError = options.onError;
    this.bridge = vm.createContext(vm.constants.DONT_CONTEXTIFY);
    const install = vm.runInContext(
      '(function () { let cb; globalThis.__sluiceRun = function () { cb(); }; return function (f) { cb = f; }; })()',
      this.bridge,
    ) as (f: () => void) => void;
    install(() => this.body?.());
  }

  /** Loads `source` (a `function name(…) {…}` definition, or a script defining `main`) as udf.name. */
  define(name: string, source: string): void {
    const context = vm.createContext(vm.constants.DONT_CONTEXTIFY, {
      name: `udf.${name}`,
      microtaskMode: 'afterEvaluate',
      codeGeneration: { strings: true, wasm: false },
    });
    const realm = vm.runInContext(REALM_PRELUDE, context) as RealmFactories;
    const fn = this.compile(name, source, context);
    this.udfs.set(name.toLowerCase(), { name, fn, realm });
  }

  has(name: string): boolean {
    return this.udfs.has(name.toLowerCase());
  }

  names(): readonly string[] {
    return [...this.udfs.values()].map((u) => u.name);
  }

  /** The per-call invoker of udf.name: ASA values in, ASA value out. */
  bind(name: string): (args: readonly AsaValue[]) => AsaValue {
    const udf = this.udfs.get(name.toLowerCase());
    if (udf === undefined) {
      throw new SluiceError('SLUICE_UDF_UNKNOWN', `no JavaScript UDF named '${name}'`, { domain: 'user' });
    }
    const key = udf.name.toLowerCase();
    return (args: readonly AsaValue[]): AsaValue => {
      if (!this.guarded) {
        let out: AsaValue = null;
        this.run(() => {
          out = this.call(udf, key, args);
        });
        return out;
      }
      return this.call(udf, key, args);
    };
  }

  /** Runs `body` under the time limit (the runtime's execution guard). */
  run(body: () => void): void {
    if (this.guarded) {
      body();
      return;
    }
    this.body = body;
    this.guarded = true;
    this.sliceStart = performance.now();
    try {
      this.runScript.runInContext(this.bridge, { timeout: this.limitMs });
    } catch (err) {
      if ((err as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
        const e = new SluiceError('SLUICE_UDF_TIMEOUT', `JavaScript ${this.currentLabel.startsWith('uda.') ? 'UDA' : 'UDF'} '${this.currentLabel}' ran longer than ${this.limitMs} ms and was stopped`, {
          domain: 'user',
          hint: 'a UDF must be a quick, pure computation; look for an endless loop',
          details: { function: this.current },
        });
        this.count(this.errors, this.current.toLowerCase());
        this.onError?.(this.current, e);
        throw e;
      }
      throw err;
    } finally {
      this.guarded = false;
      this.body = undefined;
    }
  }

  /** Whether the current slice has used half its limit: the runtime then ends it and starts another. */
  expired(): boolean {
    return performance.now() - this.sliceStart > this.limitMs / 2;
  }

  /** Loads a JavaScript UDA (uda.name, uda.ts): a script whose main() builds the aggregate object. */
  defineAggregate(name: string, source: string): void {
    this.udas.set(name.toLowerCase(), new UdaDefinition(name, source, this, this.limitMs));
  }

  /** The accumulator factory of uda.name, or undefined when no UDA by that name is loaded. */
  aggregate(name: string): ((keepInputs: boolean) => UdaAccumulator) | undefined {
    const def = this.udas.get(name.toLowerCase());
    return def === undefined ? undefined : udaFactory(def);
  }

  /** UdaHooks: whether a guarded slice is running. */
  get guarding(): boolean {
    return this.guarded;
  }

  /** UdaHooks: counts a UDA call (under its name, like a UDF's) and names it for a timeout. */
  enter(name: string, label: string): void {
    this.current = name;
    this.currentLabel = label;
    this.count(this.calls, name.toLowerCase());
  }

  /** UdaHooks: counts a failed UDA call as a UDF error and reports it. */
  failed(name: string, error: SluiceError): void {
    this.count(this.errors, name.toLowerCase());
    this.onError?.(name, error);
  }

  private call(udf: LoadedUdf, key: string, args: readonly AsaValue[]): AsaValue {
    this.current = udf.name;
    this.currentLabel = `udf.${udf.name}`;
    this.count(this.calls, key);
    let result: unknown;
    try {
      // The argument list itself never reaches the UDF (its `arguments` object is created in the
      // UDF's realm), so a plain array does; only records, arrays and dates need the UDF's constructors.
      const jsArgs: unknown[] = new Array<unknown>(args.length);
      for (let i = 0; i < args.length; i++) jsArgs[i] = toJs(args[i] ?? null, udf.realm);
      result = Reflect.apply(udf.fn, undefined, jsArgs);
      return fromJs(result);
    } catch (err) {
      if ((err as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw err;
      const e = isSluiceError(err)
        ? new SluiceError(err.code === 'SLUICE_UDF_RESULT' ? 'SLUICE_UDF_RESULT' : 'SLUICE_UDF_ERROR', `JavaScript UDF 'udf.${udf.name}': ${err.message}`, {
          domain: 'user',
          cause: err,
          details: { function: udf.name },
          ...(err.hint !== undefined ? { hint: err.hint } : {}),
        })
        : new SluiceError('SLUICE_UDF_ERROR', `JavaScript UDF 'udf.${udf.name}' threw: ${describeThrown(err)}`, {
          domain: 'user',
          hint: 'JavaScript runtime errors in a UDF are fatal to the job, as in ASA; guard the inputs inside the function',
          details: { function: udf.name },
        });
      this.count(this.errors, key);
      this.onError?.(udf.name, e);
      throw e;
    }
  }

  private count(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }

  private compile(name: string, source: string, context: vm.Context): (...args: unknown[]) => unknown {
    const fail = (message: string, cause?: unknown): SluiceError =>
      new SluiceError('SLUICE_UDF_COMPILE', `JavaScript UDF 'udf.${name}': ${message}`, {
        domain: 'user',
        cause,
        hint: 'define one function, e.g. function main(x) { return x * 2; }',
      });
    const options = { timeout: this.limitMs, filename: `udf.${name}.js` };
    // The usual shape is a single function definition: evaluated as an expression, it is the function.
    try {
      const value: unknown = vm.runInContext(`(${source}\n)`, context, options);
      if (typeof value === 'function') return value as (...args: unknown[]) => unknown;
    } catch {
      // Not a single expression: run it as a script below.
    }
    try {
      vm.runInContext(source, context, options);
    } catch (err) {
      throw fail(`the source does not load: ${describeThrown(err)}`, err);
    }
    const main: unknown = vm.runInContext('typeof main === "function" ? main : undefined', context);
    if (typeof main !== 'function') throw fail('the source defines no function main');
    return main as (...args: unknown[]) => unknown;
  }
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
