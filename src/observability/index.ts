// observability: Prometheus metrics and the /metrics + /health server, pino logging, the TTY status line.
export { METRIC, METRIC_PREFIX } from './metric-names.ts';
export { SluiceMetrics } from './sluice-metrics.ts';
export type { JobProbe, PartitionLag, SluiceMetricsOptions } from './sluice-metrics.ts';
export { JobHealth } from './job-health.ts';
export type { HealthReport, InputHealth, OutputHealth } from './job-health.ts';
export { DEFAULT_METRICS_HOST, startMetricsServer } from './metrics-server.ts';
export type { MetricsServer, MetricsServerOptions } from './metrics-server.ts';
export { DEFAULT_LOG_LEVEL, LOG_LEVELS, createLogger, isLogLevel } from './create-logger.ts';
export type { CreateLoggerOptions, LogLevel, Logger } from './create-logger.ts';
export { logDestination, prettyLogLine } from './log-destination.ts';
export { StatusLine, formatStatus } from './status-line.ts';
export type { StatusLineOptions, StatusSample } from './status-line.ts';
