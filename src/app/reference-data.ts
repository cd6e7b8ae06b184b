// Reference data for JOINs (learn.microsoft.com/azure/stream-analytics/stream-analytics-use-reference-data):
// a table, loaded whole before the stream starts and replaced on refresh, never a stream of events.
// Local runs read the input's local file once (its InputMock); live runs read the File reference input
// (or the mock of a mock-only input) and re-read it when the file changes (checked every 10 s), and run a
// PostgreSQL input's query, again every RefreshInterval (ASA's SQL reference input: "refresh rate").
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { SluiceError, isSluiceError } from '../common/index.ts';
import { createDeserializer } from '../formats/index.ts';
import type { InputSpec } from '../job/index.ts';
import type { Project } from '../project/index.ts';
import type { AsaRecord } from '../types/index.ts';
import { readPostgresReference } from '../connectors/postgres/index.ts';
import type { SecretStore } from '../secrets/index.ts';

/** Whether `alias` names a reference data input of the project (or of its mock). */
export function isReferenceInput(project: Project, alias: string): boolean {
  const spec = project.job.inputs.find((i) => i.alias.toLowerCase() === alias.toLowerCase());
  return spec !== undefined && (spec.kind === 'reference' || spec.mock?.kind === 'reference');
}

/** A reference table's source: read() gives the whole table; changed() says whether to read again. */
export interface ReferenceSource {
  readonly alias: string;
  /** How often a live run asks changed(), ms; undefined: never (a static snapshot). */
  readonly checkEveryMs: number | undefined;
  read(): Promise<AsaRecord[]>;
  changed(): Promise<boolean>;
  describe(): string;
}

/** How often a file reference input is checked for a new version (its modification time). */
export const FILE_REFERENCE_CHECK_MS = 10_000;

/** A reference input read from a file (a File input's Path, or the mock of a mock-only input). */
export function fileReferenceSource(spec: InputSpec, project: Project, checkEveryMs = FILE_REFERENCE_CHECK_MS): ReferenceSource | undefined {
  let file: string | undefined;
  let format: Parameters<typeof createDeserializer>[0] = spec.serialization ?? { type: 'Json' };
  if (spec.source.kind === 'file') {
    const p = spec.source.properties.path;
    file = isAbsolute(p) ? p : resolve(project.rootDir, p);
  } else if (spec.source.kind === 'local' && spec.mock !== undefined) {
    file = spec.mock.filePathResolved ?? spec.mock.filePath;
    format = { type: spec.mock.format } as Parameters<typeof createDeserializer>[0];
  }
  if (file === undefined) return undefined;
  const path = file;
  let lastMtime = -1;
  return {
    alias: spec.alias,
    checkEveryMs,
    describe: () => path,
    async changed() {
      const m = await stat(path).then((s) => s.mtimeMs, () => lastMtime);
      return m !== lastMtime;
    },
    async read() {
      let bytes: Uint8Array;
      try {
        lastMtime = (await stat(path)).mtimeMs;
        bytes = await readFile(path);
      } catch (err) {
        throw new SluiceError('SLUICE_REFERENCE_READ', `reference input '${spec.alias}': cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { domain: 'user', cause: err });
      }
      const rows: AsaRecord[] = [];
      try {
        await createDeserializer(format).decodeAsync(bytes, rows);
      } catch (err) {
        if (isSluiceError(err)) throw new SluiceError(err.code, `reference input '${spec.alias}' (${path}): ${err.message}`, { domain: err.domain, hint: err.hint, cause: err });
        throw err;
      }
      return rows;
    },
  };
}

/**
 * A PostgreSQL reference input: its query, run again every RefreshInterval for RefreshPeriodicallyWithFull
 * (ASA's SQL reference input "refresh rate"); Static runs it once.
 */
export function postgresReferenceSource(spec: InputSpec, store: SecretStore): ReferenceSource | undefined {
  if (spec.source.kind !== 'postgres') return undefined;
  const props = spec.source.properties;
  if (props.refreshType === 'RefreshPeriodicallyWithDelta') {
    throw new SluiceError('SLUICE_LIVE_UNSUPPORTED', `reference input '${spec.alias}': RefreshType RefreshPeriodicallyWithDelta is not supported yet`, {
      domain: 'user', hint: 'use RefreshPeriodicallyWithFull (the query is run again every RefreshInterval) or Static',
    });
  }
  const every = props.refreshType === 'Static' || props.refreshIntervalSeconds === undefined ? undefined : props.refreshIntervalSeconds * 1000;
  return {
    alias: spec.alias,
    checkEveryMs: every,
    describe: () => `PostgreSQL ${props.server}:${props.port}/${props.database}`,
    changed: () => Promise.resolve(true),
    read: () => readPostgresReference({ ...props, secretStore: store }),
  };
}

/** The reference sources of a project's planned inputs (those whose input is reference data). */
export function referenceSources(project: Project, inputs: readonly string[], store?: SecretStore): ReferenceSource[] {
  const out: ReferenceSource[] = [];
  for (const alias of inputs) {
    if (!isReferenceInput(project, alias)) continue;
    const spec = project.job.inputs.find((i) => i.alias.toLowerCase() === alias.toLowerCase()) as InputSpec;
    const source = fileReferenceSource(spec, project) ?? (store === undefined ? undefined : postgresReferenceSource(spec, store));
    if (source === undefined) {
      throw new SluiceError('SLUICE_LIVE_UNSUPPORTED', `reference input '${spec.alias}' is a ${spec.source.kind === 'external' ? spec.source.dataSourceType : spec.source.kind} input, which live mode cannot read yet`, {
        domain: 'user', hint: 'use a File (FileProperties.Path) or PostgreSQL reference input, or a local file (InputMock); --local reads every input from its local file',
      });
    }
    out.push(source);
  }
  return out;
}

/**
 * Loads every reference table once (before the streams start), then re-reads a table whenever its
 * source changed; a failed refresh keeps the previous table (ASA keeps the last snapshot too).
 */
export async function startReferenceData(sources: readonly ReferenceSource[], load: (alias: string, rows: AsaRecord[]) => void, log: (line: string, level?: 'warn') => void): Promise<{ stop(): void }> {
  for (const s of sources) {
    const rows = await s.read();
    load(s.alias, rows);
    log(`reference input '${s.alias}': ${rows.length} rows from ${s.describe()}`);
  }
  const timers = sources.flatMap((s) => {
    if (s.checkEveryMs === undefined) return [];
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      void (async () => {
        try {
          if (!(await s.changed())) return;
          const rows = await s.read();
          load(s.alias, rows);
          log(`reference input '${s.alias}': reloaded, ${rows.length} rows`);
        } catch (err) {
          log(`reference input '${s.alias}': refresh failed, keeping the previous table: ${err instanceof Error ? err.message : String(err)}`, 'warn');
        } finally {
          busy = false;
        }
      })();
    }, s.checkEveryMs);
    timer.unref();
    return [timer];
  });
  return { stop: () => timers.forEach((t) => clearInterval(t)) };
}
