// app: wires jobs together for the CLI — secrets administration, Kafka connections from definitions; run, test and check as they land.
export { checkCertificateSecret, resolveSecretsDir, setSecret } from './secrets-admin.ts';
export type {
  CertificateCheckReport, CertificateInfo, CheckCertificateSecretOptions, SetSecretOptions, SetSecretResult,
} from './secrets-admin.ts';
export { resolveKafkaConnection } from './kafka-connection-resolver.ts';
export type { ResolveOptions, ResolvedKafkaConnection } from './kafka-connection-resolver.ts';
export { watchKafkaConnection } from './kafka-connection-watcher.ts';
export type { KafkaConnectionWatch, WatchOptions } from './kafka-connection-watcher.ts';
export { compileJob, planProject } from './compile-job.ts';
export type { CompiledJob, CompileJobOptions } from './compile-job.ts';
export { runLocal } from './run-local.ts';
export type { LocalRunOptions, LocalRunResult } from './run-local.ts';
export { testProject } from './test-project.ts';
export type { TestProjectOptions } from './test-project.ts';
export type { TestCaseResult, TestResultSummary } from './test-summary.ts';
export { explain, explainPartitioning } from '../plan/index.ts';
export { checkProject } from './check-project.ts';
export type { CheckOptions, CheckStep, InputCheck } from './check-project.ts';
export { projectSecretStore } from './project-secret-store.ts';
export { runLive } from './run-live.ts';
export { DEFAULT_CHECKPOINT_INTERVAL, DEFAULT_CHECKPOINT_KEEP, defaultCheckpointDir, parseCheckpointInterval } from './checkpoint-options.ts';
export type { CheckpointSettings } from './checkpoint-coordinator.ts';
export type { LiveRunOptions, LiveRunSummary } from './run-live.ts';
export { redactSecrets, registerSecretValue } from '../secrets/index.ts';
export { LiveObserver } from './live-observer.ts';
export type { LiveLog, LiveLogLevel, LiveObserveOptions } from './live-observer.ts';
export { DEFAULT_LOG_LEVEL, DEFAULT_METRICS_HOST, LOG_LEVELS, createLogger } from '../observability/index.ts';
export type { Logger, LogLevel } from '../observability/index.ts';
