// The HTTP endpoint Prometheus scrapes: GET /metrics (text exposition) and GET /health (JSON; 200 when
// ready, 503 while starting or degraded). Bound to 127.0.0.1 unless told otherwise, because metrics name
// topics and outputs an operator may not want on every interface. Everything served passes the caller's
// redaction, so a secret that somehow reached a label still never leaves the process.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SluiceError } from '../common/index.ts';
import type { HealthReport } from './job-health.ts';
import type { SluiceMetrics } from './sluice-metrics.ts';

export interface MetricsServerOptions {
  port: number;
  host?: string;
  metrics: SluiceMetrics;
  health: () => HealthReport;
  redact?: (text: string) => string;
}

export interface MetricsServer {
  /** e.g. http://127.0.0.1:9464 */
  readonly url: string;
  close(): Promise<void>;
}

export const DEFAULT_METRICS_HOST = '127.0.0.1';

export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const redact = options.redact ?? ((t: string) => t);
  const host = options.host ?? DEFAULT_METRICS_HOST;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/metrics') {
      options.metrics.exposition().then(
        (text) => res.writeHead(200, { 'content-type': options.metrics.contentType }).end(redact(text)),
        (err: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(redact(`metrics failed: ${err instanceof Error ? err.message : String(err)}\n`)),
      );
      return;
    }
    if (path === '/health') {
      const report = options.health();
      res.writeHead(report.ready ? 200 : 503, { 'content-type': 'application/json' }).end(redact(JSON.stringify(report)));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /metrics or /health\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(new SluiceError('SLUICE_METRICS_LISTEN',
      `cannot serve metrics on ${host}:${options.port}: ${err.code ?? err.message}`, {
        domain: 'user', cause: err,
        hint: err.code === 'EADDRINUSE' ? 'choose another --metrics-port, or stop what listens there' : 'check --metrics-host and --metrics-port',
      })));
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}`,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
