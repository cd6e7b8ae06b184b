// A running job's Prometheus metrics, one registry per job (never prom-client's global one, so two jobs in one
// process — tests — do not mix). Counters the engine already keeps (the time policies' late/early/… counts,
// the watermark, state size) are read from a JobProbe when Prometheus scrapes, so the hot path pays nothing
// for them; what only the app sees (events and bytes read, rows written, errors) is recorded per batch
// through cached label children, so recording allocates nothing per event.
// Labels are input/output aliases, partitions and function names only: never connection strings, hosts or
// secrets. The caller's redaction function runs over the exposition text as a last line of defence.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { TimeCounters } from '../runtime/index.ts';
import { METRIC, METRIC_PREFIX } from './metric-names.ts';

/** What the metrics read from the running job at scrape time. */
export interface JobProbe {
  /** Input aliases. */
  inputs(): readonly string[];
  /** Time-policy counters of one input (late, early, out of order, adjusted, dropped). */
  timeCounters(input: string): TimeCounters;
  /** The input's watermark, epoch ms; -Infinity before the first event. */
  watermarkMs(input: string): number;
  /** Estimated operator state in bytes (JobGraph.stateSize); absent when there is no job to ask. */
  stateSize?(): number;
}

export interface PartitionLag {
  partition: number;
  /** Events in the partition not yet read by the job (high watermark − position). */
  lag: number;
}

export interface SluiceMetricsOptions {
  now?: () => number;
  /** Adds Node's process metrics (CPU, memory, event-loop lag), prefixed sluice_; default true. */
  processMetrics?: boolean;
}

type Child = { inc(n?: number): void };

const TIME_COUNTERS: ReadonlyArray<[keyof TimeCounters, string, string]> = [
  ['late', METRIC.lateEvents, 'Events that arrived later than the late-arrival tolerance'],
  ['early', METRIC.earlyEvents, 'Events whose time is more than 5 minutes after their arrival (dropped)'],
  ['outOfOrder', METRIC.outOfOrderEvents, 'Events older than the newest event already seen in their partition'],
  ['adjusted', METRIC.adjustedEvents, 'Events whose timestamp the Adjust policy moved'],
  ['dropped', METRIC.droppedEvents, 'Events dropped by the early-arrival rule or the Drop policy'],
];

export class SluiceMetrics {
  readonly registry = new Registry();
  readonly #now: () => number;
  #probe: JobProbe | undefined;
  readonly #lag = new Map<string, readonly PartitionLag[]>();
  readonly #certificates = new Map<string, { kind: 'input' | 'output'; name: string; validToMs: number }>();
  readonly #children = new Map<string, Child>();
  readonly #inputEvents: Counter<'input' | 'partition'>;
  readonly #inputBytes: Counter<'input' | 'partition'>;
  readonly #deserializationErrors: Counter<'input'>;
  readonly #deadLettered: Counter<'input'>;
  readonly #outputEvents: Counter<'output'>;
  readonly #outputErrors: Counter<'output'>;
  readonly #outputDropped: Counter<'output'>;
  readonly #udfErrors: Counter<'function'>;
  readonly #checkpoint: Histogram;

  constructor(options: SluiceMetricsOptions = {}) {
    this.#now = options.now ?? Date.now;
    const registers = [this.registry];
    // collect() runs with `this` bound to the metric; these reach the job's state instead.
    const currentProbe = (): JobProbe | undefined => this.#probe;
    const now = this.#now;
    const lags = this.#lag;
    const certificates = this.#certificates;
    this.#inputEvents = new Counter({ name: METRIC.inputEvents, help: 'Events read and decoded, per input partition', labelNames: ['input', 'partition'], registers });
    this.#inputBytes = new Counter({ name: METRIC.inputBytes, help: 'Bytes read (keys and values), per input partition', labelNames: ['input', 'partition'], registers });
    this.#deserializationErrors = new Counter({ name: METRIC.deserializationErrors, help: 'Messages that could not be deserialized and were skipped', labelNames: ['input'], registers });
    this.#deadLettered = new Counter({ name: METRIC.deadLettered, help: 'Undecodable messages written to the dead-letter file or topic', labelNames: ['input'], registers });
    for (const [key, name, help] of TIME_COUNTERS) {
      new Counter({
        name, help, labelNames: ['input'], registers,
        collect() {
          const probe = currentProbe();
          if (!probe) return;
          this.reset();
          for (const input of probe.inputs()) this.inc({ input }, probe.timeCounters(input)[key]);
        },
      });
    }
    new Gauge({
      name: METRIC.watermarkDelay, help: 'Wall-clock time minus the input watermark, in seconds', labelNames: ['input'], registers,
      collect() {
        const probe = currentProbe();
        if (!probe) return;
        this.reset();
        const at = now();
        for (const input of probe.inputs()) {
          const w = probe.watermarkMs(input);
          if (Number.isFinite(w)) this.set({ input }, (at - w) / 1000);
        }
      },
    });
    new Gauge({
      name: METRIC.consumerLag, help: 'Backlogged input events: partition high watermark minus the job\'s position', labelNames: ['input', 'partition'], registers,
      collect() {
        this.reset();
        for (const [input, partitions] of lags) for (const p of partitions) this.set({ input, partition: String(p.partition) }, p.lag);
      },
    });
    new Gauge({
      name: METRIC.stateSize, help: 'Estimated operator state held by the job, in bytes (JobGraph.stateSize: windows, joins, analytic functions)', registers,
      collect() {
        const size = currentProbe()?.stateSize?.();
        if (size !== undefined) this.set(size);
      },
    });
    new Gauge({
      name: METRIC.certificateExpiry, help: 'Seconds until the client certificate of an input or output expires (negative: expired)', labelNames: ['input', 'output'], registers,
      collect() {
        this.reset();
        const at = now();
        for (const c of certificates.values()) {
          this.set(c.kind === 'input' ? { input: c.name } : { output: c.name }, (c.validToMs - at) / 1000);
        }
      },
    });
    this.#outputEvents = new Counter({ name: METRIC.outputEvents, help: 'Rows the output acknowledged', labelNames: ['output'], registers });
    this.#outputErrors = new Counter({ name: METRIC.outputErrors, help: 'Failed output writes (each retry counts)', labelNames: ['output'], registers });
    this.#outputDropped = new Counter({ name: METRIC.outputDroppedRows, help: 'Rows dropped by the Drop output error policy', labelNames: ['output'], registers });
    this.#udfErrors = new Counter({ name: METRIC.udfErrors, help: 'JavaScript UDF calls that threw, timed out or returned an unsupported value', labelNames: ['function'], registers });
    this.#checkpoint = new Histogram({
      name: METRIC.checkpointDuration, help: 'Time to take and store one checkpoint, in seconds', registers,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    });
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
  }

  /** Connects the scrape-time metrics to a running job. */
  watch(probe: JobProbe): void {
    this.#probe = probe;
  }

  #child(kind: string, counter: Counter<string>, labels: Record<string, string>): Child {
    const key = `${kind}\u0000${Object.values(labels).join('\u0000')}`;
    let child = this.#children.get(key);
    if (child === undefined) {
      child = counter.labels(labels);
      this.#children.set(key, child);
    }
    return child;
  }

  /** One decoded batch of one partition. */
  inputEvents(input: string, partition: number, events: number): void {
    this.#child('ie', this.#inputEvents, { input, partition: String(partition) }).inc(events);
  }

  inputBytes(input: string, partition: number, bytes: number): void {
    this.#child('ib', this.#inputBytes, { input, partition: String(partition) }).inc(bytes);
  }

  deserializationErrors(input: string, count = 1): void {
    this.#child('de', this.#deserializationErrors, { input }).inc(count);
  }

  deadLettered(input: string, count: number): void {
    this.#child('dl', this.#deadLettered, { input }).inc(count);
  }

  outputEvents(output: string, rows: number): void {
    this.#child('oe', this.#outputEvents, { output }).inc(rows);
  }

  outputError(output: string): void {
    this.#child('oerr', this.#outputErrors, { output }).inc();
  }

  outputDroppedRows(output: string, rows = 1): void {
    this.#child('od', this.#outputDropped, { output }).inc(rows);
  }

  udfError(fn: string): void {
    this.#child('udf', this.#udfErrors, { function: fn }).inc();
  }

  /** The checkpoint hook: call it with each checkpoint's duration. */
  observeCheckpoint(ms: number): void {
    this.#checkpoint.observe(ms / 1000);
  }

  /** Replaces an input's lag, as last measured. */
  setLag(input: string, partitions: readonly PartitionLag[]): void {
    this.#lag.set(input, partitions);
  }

  /** Total backlog of an input, or undefined before it was measured. */
  lagOf(input: string): number | undefined {
    const parts = this.#lag.get(input);
    if (parts === undefined) return undefined;
    let sum = 0;
    for (const p of parts) sum += p.lag;
    return sum;
  }

  setCertificateExpiry(kind: 'input' | 'output', name: string, validTo: Date): void {
    this.#certificates.set(`${kind}\u0000${name}`, { kind, name, validToMs: validTo.getTime() });
  }

  /** The Prometheus text exposition. */
  async exposition(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Current value of a counter or gauge summed over its label sets (tests, the status line). */
  async total(name: string, labels: Readonly<Record<string, string>> = {}): Promise<number> {
    const metric = this.registry.getSingleMetric(name);
    if (!metric) return 0;
    const data = await metric.get();
    let sum = 0;
    for (const v of data.values) {
      if (Object.entries(labels).every(([k, want]) => String((v.labels as Record<string, unknown>)[k]) === want)) sum += v.value;
    }
    return sum;
  }
}
