// `sluice run <project>`: live mode reads the job's Kafka inputs and writes its outputs until stopped
// (SIGINT/SIGTERM: drain, commit, exit 0). With --local it runs on the inputs' local files (InputMocks) and
// writes each output to LocalRunOutputs/<alias>.json — ASA's "run locally with sample data", without
// Azure, .NET or Windows.
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import {
  DEFAULT_CHECKPOINT_INTERVAL, DEFAULT_CHECKPOINT_KEEP, defaultCheckpointDir, parseCheckpointInterval,
  DEFAULT_METRICS_HOST, projectSecretStore, runLive, runLocal, type LiveLogLevel, type Logger } from '../../app/index.ts';
import { loadProject } from '../../project/index.ts';
import { withBacklogProgress } from '../progress-bar.ts';

export interface CommandIo {
  out: (line: string) => void;
  /** The --log-level logger (main.ts sets it); without one, log lines go to `out`. */
  logger?: Logger;
  /** stderr when it is a terminal: where `sluice run` draws its status line. */
  terminal?: { write(text: string): unknown; columns?: number };
}

interface RunOptions {
  local?: boolean;
  outputDir?: string;
  metricsPort: number;
  metricsHost: string;
  status: boolean;
  checkpoint: boolean;
  checkpointDir?: string;
  checkpointInterval: string;
  checkpointKeep: number;
  kafkaProcesses: boolean;
}

function parseKeep(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new InvalidArgumentError('expected a whole number of checkpoints, 1 or more');
  return n;
}

function parseInterval(value: string): string {
  try {
    parseCheckpointInterval(value);
  } catch (err) {
    throw new InvalidArgumentError(err instanceof Error ? err.message : String(err));
  }
  return value;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('expected a TCP port, 0 to 65535');
  return n;
}

/** runLive's diagnostics into the structured logger (structured fields kept), or plain lines without one. */
function liveLog(io: CommandIo): (line: string, level?: LiveLogLevel, fields?: Record<string, unknown>) => void {
  return (line, level, fields) => {
    const logger = io.logger;
    if (!logger) return io.out(line);
    const at = level ?? (line.startsWith('warning:') ? 'warn' : 'info');
    if (fields) logger[at](fields, line);
    else logger[at](line);
  };
}

export function runCommand(io: CommandIo = { out: (l) => console.log(l) }): Command {
  return new Command('run')
    .description('run an ASA project')
    .argument('<project>', 'asaproj.json, or the folder holding it')
    .option('--local', 'read each input from its local file (Inputs/Local_<alias>.json) instead of Kafka')
    .option('--output-dir <dir>', 'where local runs write <output>.json (default: LocalRunOutputs beside the project file)')
    .option('--metrics-port <port>', 'live mode: serve Prometheus /metrics and /health on this port (0: off)', parsePort, 0)
    .option('--metrics-host <host>', 'live mode: interface the metrics server binds', DEFAULT_METRICS_HOST)
    .option('--no-status', 'live mode: no status line on the terminal')
    .option('--checkpoint-dir <dir>', 'live mode: where checkpoints are kept (default: .sluice/checkpoints in the project folder)')
    .option('--checkpoint-interval <duration>', 'live mode: time between checkpoints, e.g. 30s, 5m (0: only when stopping)', parseInterval, DEFAULT_CHECKPOINT_INTERVAL)
    .option('--checkpoint-keep <n>', 'live mode: how many checkpoints to keep', parseKeep, DEFAULT_CHECKPOINT_KEEP)
    .option('--no-checkpoint', 'live mode: take no checkpoints and restore none')
    .option('--no-kafka-processes', 'live mode: run Kafka consumers and producers in the engine\'s process, not in a child process each (docs/kafka.md)')
    .addHelpText('after', `
Live mode reads Kafka inputs from the start position of JobConfig.json's OutputStartMode (JobStartTime: now;
CustomTime: OutputStartTime; LastOutputEventTime: the newest checkpoint's state and offsets, else where the
job's consumer group left off — see docs/checkpoints.md) and writes Kafka
outputs; secrets come from the store chosen by SLUICE_SECRETS_PROVIDER (docs/secrets.md).
With --metrics-port it serves Prometheus /metrics and /health (docs/observability.md); on a terminal it
shows a status line (events/s in and out, watermark, lag) unless --no-status.

Examples:
  sluice run ./MyAsaProject
  sluice run ./MyAsaProject --metrics-port 9464 --log-level debug
  sluice run ./MyAsaProject --local
  sluice run ./MyAsaProject/asaproj.json --local --output-dir /tmp/out`)
    .action(async (project: string, options: RunOptions) => {
      const log = liveLog(io);
      const loaded = await loadProject(resolve(project));
      for (const w of loaded.warnings) log(`warning: ${w.file}${w.line ? `:${w.line}:${w.column}` : ''}: ${w.message}`, 'warn');
      if (!options.local) {
        const stop = new AbortController();
        const onSignal = (signal: NodeJS.Signals) => {
          log(`${signal}: draining — finishing writes, checkpointing and committing offsets`);
          stop.abort();
        };
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        try {
          const summary = await runLive(loaded, {
            store: projectSecretStore(loaded.job, loaded.rootDir), signal: stop.signal, log, kafkaProcesses: options.kafkaProcesses,
            ...(options.checkpoint ? { checkpoints: {
              dir: options.checkpointDir ? resolve(options.checkpointDir) : defaultCheckpointDir(loaded.rootDir),
              intervalMs: parseCheckpointInterval(options.checkpointInterval), keep: options.checkpointKeep,
            } } : {}),
            observe: {
              metricsPort: options.metricsPort, metricsHost: options.metricsHost,
              ...(options.status && io.terminal ? { statusStream: withBacklogProgress(io.terminal) } : {}),
            },
          });
          for (const i of summary.inputs) io.out(`input  '${i.alias}': ${i.events} events, ${i.undecodable} messages skipped`);
        } finally {
          process.removeListener('SIGINT', onSignal);
          process.removeListener('SIGTERM', onSignal);
        }
        return;
      }
      const result = await runLocal(loaded, options.outputDir ? { outputDir: resolve(options.outputDir) } : {});
      for (const i of result.inputs) io.out(`input  '${i.alias}': ${i.events} events`);
      for (const o of result.outputs) io.out(`output '${o.alias}': ${o.rows} rows → ${o.file ?? '(memory)'}`);
    });
}
