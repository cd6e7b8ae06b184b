// Job-level settings from JobConfig.json (learn.microsoft.com "Azure Stream Analytics JobConfig.json
// fields"), with ASA's defaults, plus sluice's extensions OutputStartMode/OutputStartTime (ASA's start-job
// options "Now", "Custom", "When last stopped"; ARM outputStartMode) and a user-assigned Identity.
import { z } from 'zod';
import { boolLike, ciEnum, ciObject, EVEN_WITH_ISSUES, intLike, numberLike, text } from './case-insensitive.ts';
import { fromZodIssues, jobWarning, unknownKeyIssues, type JobIssue, type Parsed } from './job-issue.ts';
import { secretValue, type SecretValue } from './secret-value.ts';

export type CompatibilityLevel = '1.0' | '1.1' | '1.2';
export type OutputErrorPolicy = 'Stop' | 'Drop';
export type EventsOutOfOrderPolicy = 'Adjust' | 'Drop';
export type OutputStartMode = 'JobStartTime' | 'CustomTime' | 'LastOutputEventTime';

export type JobIdentity =
  | { type: 'None' }
  | { type: 'SystemAssigned' }
  | { type: 'UserAssigned'; clientId: string; resourceId?: string };

export interface JobConfigSpec {
  /** .NET culture name used for parsing and formatting; ASA default en-US. */
  dataLocale: string;
  /** What to do with events an output cannot write because of their data: Stop (portal: "Retry") or Drop. */
  outputErrorPolicy: OutputErrorPolicy;
  /** -1 (wait indefinitely) … 1814399; ASA treats an absent value as -1. */
  eventsLateArrivalMaxDelaySeconds: number;
  eventsOutOfOrderMaxDelaySeconds: number;
  eventsOutOfOrderPolicy: EventsOutOfOrderPolicy;
  compatibilityLevel: CompatibilityLevel;
  sku: { name: 'Standard' | 'StandardV2'; streamingUnits: number };
  identity: JobIdentity;
  contentStoragePolicy: 'SystemAccount' | 'JobStorageAccount';
  globalStorage?: { accountName: string; authenticationMode: 'ConnectionString' | 'Msi'; accountKey?: SecretValue };
  outputStartMode: OutputStartMode;
  /** ISO-8601 UTC instant; only with outputStartMode CustomTime. */
  outputStartTime?: string;
  tags: Record<string, string>;
}

export const DEFAULT_JOB_CONFIG: Readonly<JobConfigSpec> = {
  dataLocale: 'en-US',
  outputErrorPolicy: 'Stop',
  eventsLateArrivalMaxDelaySeconds: -1,
  eventsOutOfOrderMaxDelaySeconds: 0,
  eventsOutOfOrderPolicy: 'Adjust',
  compatibilityLevel: '1.2',
  sku: { name: 'Standard', streamingUnits: 1 },
  identity: { type: 'None' },
  contentStoragePolicy: 'SystemAccount',
  outputStartMode: 'JobStartTime',
  tags: {},
};

const shape = {
  ScriptType: z.unknown().optional(),
  DataLocale: text('a culture name such as en-US').refine(isLocale, { error: 'is not a culture name such as en-US or de-DE' }).optional(),
  OutputErrorPolicy: ciEnum(['Stop', 'Drop'], { Retry: 'Stop' }).optional(),
  EventsLateArrivalMaxDelayInSeconds: intLike()
    .refine((n) => n >= -1 && n <= 1814399, { error: 'must be between -1 (wait indefinitely) and 1814399 (20.23:59:59)' }).optional(),
  EventsOutOfOrderMaxDelayInSeconds: intLike().refine((n) => n >= 0, { error: 'must not be negative' }).optional(),
  EventsOutOfOrderPolicy: ciEnum(['Adjust', 'Drop']).optional(),
  StreamingUnits: numberLike().refine((n) => n > 0, { error: 'must be positive' }).optional(),
  Sku: ciObject({
    Name: ciEnum(['Standard', 'StandardV2']).optional(),
    StreamingUnits: numberLike().refine((n) => n > 0, { error: 'must be positive' }).optional(),
  }).optional(),
  CompatibilityLevel: z.preprocess((v) => (typeof v === 'number' ? v.toFixed(1) : v), ciEnum(['1.0', '1.1', '1.2'])).optional(),
  UseSystemAssignedIdentity: boolLike().optional(),
  Identity: ciObject({
    Type: ciEnum(['None', 'SystemAssigned', 'UserAssigned'], { 'system-assigned': 'SystemAssigned', 'user-assigned': 'UserAssigned' }),
    ClientId: text('a client id').optional(),
    ResourceId: text('a resource id').optional(),
  }).optional(),
  ContentStoragePolicy: ciEnum(['SystemAccount', 'JobStorageAccount']).optional(),
  GlobalStorage: ciObject({
    AccountName: text('a storage account name').optional(),
    AccountKey: secretValue(),
    AuthenticationMode: ciEnum(['ConnectionString', 'Msi']).optional(),
  }).optional(),
  CustomCodeStorage: z.unknown().optional(),
  VirtualNetworkConfiguration: z.unknown().optional(),
  DataSourceCredentialDomain: z.unknown().optional(),
  JobType: z.unknown().optional(),
  Tags: z.record(z.string(), z.string(), { error: 'must be an object of string names and values' }).optional(),
  OutputStartMode: ciEnum(['JobStartTime', 'CustomTime', 'LastOutputEventTime'], {
    now: 'JobStartTime', custom: 'CustomTime', 'when last stopped': 'LastOutputEventTime', whenlaststopped: 'LastOutputEventTime',
  }).optional(),
  OutputStartTime: text('an ISO-8601 time').refine((s) => isIsoInstant(s), {
    error: 'must be an ISO-8601 date and time with a time zone, e.g. 2026-01-31T08:00:00Z',
  }).optional(),
};

export const JOB_CONFIG_KEYS: readonly string[] = Object.keys(shape);

function isLocale(s: string): boolean {
  try {
    return Intl.getCanonicalLocales(s).length === 1;
  } catch {
    return false;
  }
}

function isIsoInstant(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s));
}

const schema = ciObject(shape).superRefine((c, ctx) => {
  if (c.StreamingUnits !== undefined && c.Sku?.StreamingUnits !== undefined && c.StreamingUnits !== c.Sku.StreamingUnits) {
    ctx.addIssue({ code: 'custom', path: ['Sku', 'StreamingUnits'], message: `is ${c.Sku.StreamingUnits} but StreamingUnits is ${c.StreamingUnits}; give one of them` });
  }
  if (c.UseSystemAssignedIdentity === true && c.Identity !== undefined && c.Identity.Type !== 'SystemAssigned') {
    ctx.addIssue({ code: 'custom', path: ['Identity', 'Type'], message: `is ${c.Identity.Type} but UseSystemAssignedIdentity is true; a job has one identity` });
  }
  if (c.Identity?.Type === 'UserAssigned' && c.Identity.ClientId === undefined) {
    ctx.addIssue({ code: 'custom', path: ['Identity', 'ClientId'], message: 'is required for a user-assigned identity: the identity\'s client (application) id' });
  }
  if (c.ContentStoragePolicy === 'JobStorageAccount' && c.GlobalStorage?.AccountName === undefined) {
    ctx.addIssue({ code: 'custom', path: ['GlobalStorage', 'AccountName'], message: 'is required when ContentStoragePolicy is JobStorageAccount' });
  }
  if (c.OutputStartMode === 'CustomTime' && c.OutputStartTime === undefined) {
    ctx.addIssue({ code: 'custom', path: ['OutputStartTime'], message: 'is required when OutputStartMode is CustomTime' });
  }
}, EVEN_WITH_ISSUES);

/** Parses JobConfig.json; an absent file means all defaults (pass `{}`). */
export function parseJobConfig(raw: unknown): Parsed<JobConfigSpec> {
  const issues: JobIssue[] = unknownKeyIssues(raw, JOB_CONFIG_KEYS, []);
  const r = schema.safeParse(raw);
  if (!r.success) return { ok: false, issues: [...issues, ...fromZodIssues(r.error.issues)] };
  const c = r.data;
  const d = DEFAULT_JOB_CONFIG;
  const streamingUnits = c.Sku?.StreamingUnits ?? c.StreamingUnits;
  if (streamingUnits === undefined && raw !== undefined && Object.keys(raw as object).length > 0) {
    issues.push(jobWarning(['StreamingUnits'], 'is missing; ASA requires it (or Sku.StreamingUnits) to deploy the job; sluice assumes 1'));
  }
  let identity: JobIdentity = d.identity;
  if (c.Identity?.Type === 'UserAssigned' && c.Identity.ClientId !== undefined) {
    identity = c.Identity.ResourceId === undefined
      ? { type: 'UserAssigned', clientId: c.Identity.ClientId }
      : { type: 'UserAssigned', clientId: c.Identity.ClientId, resourceId: c.Identity.ResourceId };
  } else if (c.Identity?.Type === 'SystemAssigned' || c.UseSystemAssignedIdentity === true) {
    identity = { type: 'SystemAssigned' };
  }
  const spec: JobConfigSpec = {
    dataLocale: c.DataLocale ?? d.dataLocale,
    outputErrorPolicy: c.OutputErrorPolicy ?? d.outputErrorPolicy,
    eventsLateArrivalMaxDelaySeconds: c.EventsLateArrivalMaxDelayInSeconds ?? d.eventsLateArrivalMaxDelaySeconds,
    eventsOutOfOrderMaxDelaySeconds: c.EventsOutOfOrderMaxDelayInSeconds ?? d.eventsOutOfOrderMaxDelaySeconds,
    eventsOutOfOrderPolicy: c.EventsOutOfOrderPolicy ?? d.eventsOutOfOrderPolicy,
    compatibilityLevel: c.CompatibilityLevel ?? d.compatibilityLevel,
    sku: { name: c.Sku?.Name ?? d.sku.name, streamingUnits: streamingUnits ?? d.sku.streamingUnits },
    identity,
    contentStoragePolicy: c.ContentStoragePolicy ?? d.contentStoragePolicy,
    outputStartMode: c.OutputStartMode ?? d.outputStartMode,
    tags: c.Tags ?? {},
  };
  const gs = c.GlobalStorage;
  if (gs?.AccountName !== undefined) {
    spec.globalStorage = { accountName: gs.AccountName, authenticationMode: gs.AuthenticationMode ?? 'ConnectionString' };
    if (gs.AccountKey !== undefined) spec.globalStorage.accountKey = gs.AccountKey;
  }
  if (c.OutputStartTime !== undefined) {
    if (spec.outputStartMode === 'CustomTime') spec.outputStartTime = new Date(c.OutputStartTime).toISOString();
    else issues.push(jobWarning(['OutputStartTime'], `is ignored: OutputStartMode is ${spec.outputStartMode}, not CustomTime`));
  }
  return { ok: true, value: spec, issues };
}
