// Everything `sluice run` (live mode) reports about itself while it runs, in one object the run loop calls
// at a handful of points: Prometheus metrics and the /metrics + /health server (--metrics-port), the TTY
// status line, consumer lag polled from the Kafka client, and the expiry of each client certificate (issue
// 6: a gauge per input/output, and a warning when fewer than 30 days are left). Checkpointing reports its
// duration through observeCheckpoint(ms).
import { X509Certificate } from 'node:crypto';
import type { KafkaConnection, KafkaRecord, PartitionLag } from '../connectors/kafka/index.ts';
import {
  JobHealth, SluiceMetrics, StatusLine, startMetricsServer, type MetricsServer,
} from '../observability/index.ts';
import type { JobGraph } from '../runtime/index.ts';
import { redactSecrets } from '../secrets/index.ts';
import type { AsaRecord } from '../types/index.ts';
import type { OutputColumn, OutputSink } from '../spi/index.ts';

export type LiveLogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LiveLog = (line: string, level?: LiveLogLevel, fields?: Record<string, unknown>) => void;

export interface LiveObserveOptions {
  /** Serve /metrics and /health on this port; 0 or absent: no server. */
  metricsPort?: number;
  /** Interface to bind; default 127.0.0.1. */
  metricsHost?: string;
  /** Draw the status line on this terminal stream (the CLI passes stderr when it is a TTY). */
  statusStream?: { write(text: string): unknown; columns?: number };
  /** How often consumer lag is measured; default 1000 ms. */
  lagIntervalMs?: number;
  /** Warn when a client certificate expires within this many days; default 30. */
  certificateWarningDays?: number;
}

/** What the observer needs of an input's reader (ReconnectingRecordReader has it). */
export interface LagSource {
  lag(): Promise<PartitionLag[]>;
}

const DAY_MS = 86_400_000;
const CERT_CHECK_MS = 3_600_000;

/** Counts an output's acknowledged rows and failed writes; sits inside the error-policy sink, so every retry counts. */
class ObservedSink implements OutputSink {
  readonly #inner: OutputSink;
  readonly #alias: string;
  readonly #observer: LiveObserver;

  constructor(inner: OutputSink, alias: string, observer: LiveObserver) {
    this.#inner = inner;
    this.#alias = alias;
    this.#observer = observer;
  }

  describe(columns: readonly OutputColumn[]): void {
    this.#inner.describe?.(columns);
  }

  get pipelined(): boolean {
    return this.#inner.pipelined === true;
  }

  async write(rows: readonly AsaRecord[]): Promise<void> {
    const n = rows.length;
    try {
      await this.#inner.write(rows);
    } catch (err) {
      this.#observer.outputFailed(this.#alias, err);
      throw err;
    }
    this.#observer.outputWritten(this.#alias, n);
  }

  flush(): Promise<void> {
    return this.#inner.flush();
  }

  close(): Promise<void> {
    return this.#inner.close();
  }
}

export class LiveObserver {
  readonly metrics: SluiceMetrics;
  readonly health = new JobHealth(redactSecrets);
  readonly #options: LiveObserveOptions;
  readonly #log: LiveLog;
  readonly #now: () => number;
  readonly #readers = new Map<string, LagSource>();
  readonly #certificates = new Map<string, { what: string; validTo: Date; subject: string }>();
  readonly #warned = new Set<string>();
  #graph: JobGraph | undefined;
  #server: MetricsServer | undefined;
  #status: StatusLine | undefined;
  #lagTimer: NodeJS.Timeout | undefined;
  #certTimer: NodeJS.Timeout | undefined;
  #polling = false;
  #inEvents = 0;
  #outEvents = 0;

  private constructor(options: LiveObserveOptions, log: LiveLog, now: () => number) {
    this.#options = options;
    this.#log = log;
    this.#now = now;
    this.metrics = new SluiceMetrics({ now });
  }

  /** Starts the metrics server (when a port is given) so a bad port fails before any connection is made. */
  static async start(options: LiveObserveOptions, log: LiveLog, now: () => number = Date.now): Promise<LiveObserver> {
    const observer = new LiveObserver(options, log, now);
    if (options.metricsPort) {
      observer.#server = await startMetricsServer({
        port: options.metricsPort,
        ...(options.metricsHost ? { host: options.metricsHost } : {}),
        metrics: observer.metrics,
        health: () => observer.health.report(),
        redact: redactSecrets,
      });
      log(`metrics: ${observer.#server.url}/metrics, health: ${observer.#server.url}/health`);
    }
    return observer;
  }

  /** Connects the scrape-time metrics (time-policy counters, watermark delay, state size) to the job. */
  watchGraph(graph: JobGraph): void {
    this.#graph = graph;
    this.metrics.watch({
      inputs: () => [...this.#readers.keys()],
      timeCounters: (input) => graph.inputTimeCounters(input),
      watermarkMs: (input) => graph.inputWatermark(input),
      stateSize: () => graph.stateSize(),
    });
  }

  input(alias: string, reader: LagSource, connection: KafkaConnection): void {
    this.#readers.set(alias, reader);
    this.health.input(alias, true);
    this.certificate('input', alias, connection);
  }

  /** Records the client certificate's expiry of an input's or output's (possibly renewed) connection. */
  certificate(kind: 'input' | 'output', name: string, connection: KafkaConnection): void {
    const pem = connection.tls?.certificatePem;
    if (!pem) return;
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(pem);
    } catch {
      return; // resolveKafkaConnection already checked it; nothing to measure if it cannot be parsed here
    }
    const key = `${kind} '${name}'`;
    const previous = this.#certificates.get(key);
    if (previous && previous.validTo.getTime() !== cert.validToDate.getTime()) this.#warned.delete(key);
    this.#certificates.set(key, { what: key, validTo: cert.validToDate, subject: cert.subject.replace(/\n/g, ', ') });
    this.metrics.setCertificateExpiry(kind, name, cert.validToDate);
    this.#checkCertificates();
  }

  #checkCertificates(): void {
    const days = this.#options.certificateWarningDays ?? 30;
    for (const [key, c] of this.#certificates) {
      const left = c.validTo.getTime() - this.#now();
      if (left >= days * DAY_MS || this.#warned.has(key)) continue;
      this.#warned.add(key);
      this.#log(`warning: ${key}: the client certificate (${c.subject}) expires on ${c.validTo.toISOString()}, in ${(left / DAY_MS).toFixed(1)} days; renew it in the secret store (a running job picks it up)`, 'warn', {
        [key.startsWith('input') ? 'input' : 'output']: key.slice(key.indexOf("'") + 1, -1), expiresAt: c.validTo.toISOString(),
      });
    }
  }

  /** One read of an input: bytes per partition and the last batch time. */
  records(alias: string, records: readonly KafkaRecord[]): void {
    if (records.length === 0) return;
    let partition = records[0]!.partition;
    let bytes = 0;
    for (const r of records) {
      if (r.partition !== partition) {
        this.metrics.inputBytes(alias, partition, bytes);
        partition = r.partition;
        bytes = 0;
      }
      bytes += (r.value?.length ?? 0) + (r.key?.length ?? 0);
    }
    this.metrics.inputBytes(alias, partition, bytes);
    this.health.batchRead(alias, this.#now());
  }

  batch(alias: string, partition: number, events: number): void {
    this.metrics.inputEvents(alias, partition, events);
    this.#inEvents += events;
  }

  undecodable(alias: string): void {
    this.metrics.deserializationErrors(alias);
  }

  deadLettered(alias: string, count: number): void {
    if (count > 0) this.metrics.deadLettered(alias, count);
  }

  /** Wraps an output's sink so its rows and failures are counted (and its health known). */
  sink(alias: string, inner: OutputSink): OutputSink {
    this.health.output(alias, true);
    return new ObservedSink(inner, alias, this);
  }

  outputWritten(alias: string, rows: number): void {
    this.metrics.outputEvents(alias, rows);
    this.#outEvents += rows;
    this.health.output(alias, true);
  }

  outputFailed(alias: string, err: unknown): void {
    this.metrics.outputError(alias);
    this.health.output(alias, false, err);
  }

  outputDropped(alias: string): void {
    this.metrics.outputDroppedRows(alias);
  }

  udfError(name: string): void {
    this.metrics.udfError(name);
  }

  /** The checkpoint hook: call with each checkpoint's duration in ms (sluice_checkpoint_duration_seconds). */
  observeCheckpoint(ms: number): void {
    this.metrics.observeCheckpoint(ms);
  }

  /** Every input is subscribed: ready for /health, and the lag poller and status line start. */
  running(): void {
    this.health.running();
    this.#certTimer = setInterval(() => this.#checkCertificates(), CERT_CHECK_MS);
    this.#certTimer.unref();
    if (!this.#server && !this.#options.statusStream) return;
    this.#lagTimer = setInterval(() => this.#pollLag(), this.#options.lagIntervalMs ?? 1000);
    this.#lagTimer.unref();
    this.#pollLag();
    if (this.#options.statusStream) {
      this.#status = new StatusLine({
        stream: this.#options.statusStream,
        now: this.#now,
        sample: () => {
          let watermarkMs = Infinity;
          let lag: number | undefined;
          for (const alias of this.#readers.keys()) {
            const w = this.#graph?.inputWatermark(alias) ?? -Infinity;
            if (w < watermarkMs) watermarkMs = w;
            const l = this.metrics.lagOf(alias);
            if (l !== undefined) lag = (lag ?? 0) + l;
          }
          return { inEvents: this.#inEvents, outEvents: this.#outEvents, watermarkMs: watermarkMs === Infinity ? -Infinity : watermarkMs, lag };
        },
      });
      this.#status.start();
    }
  }

  #pollLag(): void {
    if (this.#polling) return;
    this.#polling = true;
    // The lag query is also the readiness probe of an input: a broker that answers none of it is unreachable.
    void Promise.all([...this.#readers].map(async ([alias, reader]) => {
      try {
        const parts = await reader.lag();
        this.metrics.setLag(alias, parts.map((p) => ({ partition: p.partition, lag: p.lag })));
        this.health.input(alias, true);
      } catch (err) {
        this.health.input(alias, false);
        this.#log(`input '${alias}': consumer lag could not be measured: ${err instanceof Error ? err.message : String(err)}`, 'debug');
      }
    })).finally(() => { this.#polling = false; });
  }

  async close(): Promise<void> {
    if (this.#lagTimer) clearInterval(this.#lagTimer);
    if (this.#certTimer) clearInterval(this.#certTimer);
    this.#status?.stop();
    await this.#server?.close();
  }
}
