// Compiles a project's query into a runnable JobGraph: parse, plan against the project's inputs, outputs
// and functions, load its JavaScript UDFs into the isolated host, and connect one sink per output.
import { relative } from 'node:path';
import { compilePlan } from '../compile/index.ts';
import { UdfHost } from '../functions/index.ts';
import type { Project } from '../project/index.ts';
import { planScript, type LogicalPlan } from '../plan/index.ts';
import { ASA_DEFAULT_ARRIVAL_POLICY, type ArrivalPolicy, type JobGraph } from '../runtime/index.ts';
import type { OutputSink } from '../spi/index.ts';
import { parseScript } from '../sql/index.ts';
import { jobCatalog } from './job-catalog.ts';

export interface CompiledJob {
  plan: LogicalPlan;
  graph: JobGraph;
}

export interface CompileJobOptions {
  /** Gives the sink for each output the plan writes (called once per output alias). */
  sinkFor: (output: string) => OutputSink;
  now?: () => number;
  /** Working directory the query's file name is shown relative to, in error messages. */
  cwd?: string;
  /**
   * Which inputs get the job's time policies (late arrival, out of order, early arrival); all by
   * default. A local run leaves out inputs whose events have no arrival time of their own.
   */
  timePolicyFor?: (input: string) => boolean;
  /** A plan already made with planProject (saves planning twice). */
  plan?: LogicalPlan;
  /** Told of each failing JavaScript UDF call before its error is thrown (the UDF error metric). */
  onUdfError?: (name: string, error: Error) => void;
}

/** The job's JobConfig time policies as the engine takes them (-1 late-arrival delay: wait indefinitely). */
export function timePolicyOf(project: Project): ArrivalPolicy {
  const c = project.job.config;
  const late = c.eventsLateArrivalMaxDelaySeconds;
  return {
    lateArrivalMs: late < 0 ? Infinity : late * 1000,
    outOfOrderMs: c.eventsOutOfOrderMaxDelaySeconds * 1000,
    action: c.eventsOutOfOrderPolicy === 'Drop' ? 'drop' : 'adjust',
    earlyArrivalMs: ASA_DEFAULT_ARRIVAL_POLICY.earlyArrivalMs,
  };
}

/** Parses and plans only: what `sluice check` and `explain` need, and what run needs first. */
export function planProject(project: Project, cwd = process.cwd()): LogicalPlan {
  const script = parseScript(project.queryText, { file: relative(cwd, project.queryFile) || project.queryFile });
  return planScript(script, jobCatalog(project.job), {
    compatLevel: project.job.config.compatibilityLevel,
    sourceText: project.queryText,
  });
}

export function compileJob(project: Project, options: CompileJobOptions): CompiledJob {
  const plan = options.plan ?? planProject(project, options.cwd);
  const udfHost = new UdfHost(options.onUdfError ? { onError: options.onUdfError } : {});
  for (const f of project.job.functions) {
    if (f.kind === 'scalar') udfHost.define(f.name, f.source);
    else udfHost.defineAggregate(f.name, f.source);
  }
  const sinks = new Map(plan.outputs.map((o) => [o, options.sinkFor(o)] as const));
  const policy = timePolicyOf(project);
  const only = options.timePolicyFor;
  const timePolicy = only === undefined ? policy : (input: string): ArrivalPolicy | undefined => (only(input) ? policy : undefined);
  const graph = compilePlan(plan, { sinks, udfHost, timePolicy, ...(options.now ? { now: options.now } : {}) });
  return { plan, graph };
}
