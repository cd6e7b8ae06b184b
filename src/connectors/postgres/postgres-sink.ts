// The PostgreSQL output (ASA's "Azure Database for PostgreSQL output from Azure Stream Analytics", with
// sluice's column mapping and upsert key). Each write() is one transaction of parameterized multi-row
// INSERTs, so a failed write leaves nothing behind and can be retried whole. With an upsert key the
// statement is INSERT … ON CONFLICT (key) DO UPDATE, which makes a retried or replayed write idempotent:
// exactly-once results, where plain inserts give ASA's at-least-once. Values are converted and checked
// against the table's column types before any SQL is sent, so a bad value is reported as a row rejection
// (row, column, reason) that OutputErrorPolicy=Drop can drop alone; a data error only the server detects
// is pinned to its row by replaying the write row by row in a transaction that is rolled back. A lost
// connection is a retryable error, and the next write reconnects.
import pg from 'pg';
import { SluiceError } from '../../common/index.ts';
import { rowRejected, type OutputColumn, type OutputSink } from '../../spi/index.ts';
import type { AsaRecord, AsaValue } from '../../types/index.ts';
import { convertValue } from './convert-value.ts';
import { buildInsert, DEFAULT_VALUE, type Cell } from './insert-statement.ts';
import { clientConfig, tlsConfig } from './postgres-client-config.ts';
import { errorColumn, errorReason, isRowDataError, isTransient, postgresError } from './postgres-errors.ts';
import type { PostgresSinkOptions } from './postgres-sink-options.ts';
import { readTableInfo, type TableColumn, type TableInfo } from './table-columns.ts';

/** PostgreSQL's limit on parameters in one statement (a 16-bit count in the wire protocol). */
const MAX_PARAMETERS = 65535;

interface Target {
  column: TableColumn;
  /** The output field it reads (as named in the mapping or the rows). */
  field: string;
}

interface Plan {
  columns: string[];
  cells: Cell[][];
  /** Index in the caller's rows of each entry of cells. */
  rowIndex: number[];
}

export class PostgresSink implements OutputSink {
  rowCount = 0;
  statements = 0;
  connects = 0;
  readonly #options: PostgresSinkOptions;
  readonly #target: string;
  #client: pg.Client | undefined;
  #table: TableInfo | undefined;
  #described: readonly string[] = [];
  #lock: Promise<void> = Promise.resolve();
  #closing: Promise<void> | undefined;

  constructor(options: PostgresSinkOptions) {
    this.#options = options;
    this.#target = `${options.server}:${options.port}/${options.database} table ${options.table}`;
  }

  describe(columns: readonly OutputColumn[]): void {
    this.#described = columns.map((c) => c.name);
  }

  write(rows: readonly AsaRecord[]): Promise<void> {
    if (this.#closing !== undefined) return Promise.reject(closedError());
    const run = this.#lock.then(() => this.#write(rows));
    this.#lock = run.catch(() => {});
    return run;
  }

  /** Every write is committed before its promise resolves: nothing is held back. */
  flush(): Promise<void> {
    if (this.#closing !== undefined) return Promise.reject(closedError());
    return this.#lock;
  }

  close(): Promise<void> {
    this.#closing ??= this.#lock.then(async () => {
      const client = this.#client;
      this.#client = undefined;
      await client?.end().catch(() => {});
    });
    return this.#closing;
  }

  async #write(rows: readonly AsaRecord[]): Promise<void> {
    if (rows.length === 0) return;
    const client = await this.#connect();
    const plan = this.#plan(rows, this.#table!);
    if (plan.cells.length === 0) return;
    try {
      await this.#inTransaction(client, async () => {
        const perStatement = Math.max(1, Math.min(this.#options.maxRowsPerStatement ?? 1000, Math.floor(MAX_PARAMETERS / plan.columns.length)));
        for (let i = 0; i < plan.cells.length; i += perStatement) {
          await this.#insert(client, plan, plan.cells.slice(i, i + perStatement));
        }
      });
    } catch (err) {
      if (isRowDataError(err)) await this.#findBadRow(client, plan, err);
      throw this.#failure(err, 'writing rows');
    }
    this.rowCount += plan.cells.length;
  }

  async #insert(client: pg.Client, plan: Plan, cells: readonly Cell[][]): Promise<void> {
    const key = this.#options.upsertKey;
    const upsert = key === undefined ? undefined : { key: key.map((k) => this.#column(k).name) };
    const statement = buildInsert(this.#table!.qualifiedName, plan.columns, cells, upsert);
    this.statements++;
    await client.query(statement.text, statement.values);
  }

  async #inTransaction(client: pg.Client, body: () => Promise<void>): Promise<void> {
    await client.query('BEGIN');
    try {
      await body();
      await client.query('COMMIT');
    } catch (err) {
      if (!isTransient(err)) await client.query('ROLLBACK').catch(() => {});
      throw err;
    }
  }

  /** Replays the write one row at a time (then rolls back) to name the row the server refused. */
  async #findBadRow(client: pg.Client, plan: Plan, original: unknown): Promise<void> {
    let rejection: SluiceError | undefined;
    try {
      await client.query('BEGIN');
      for (let i = 0; i < plan.cells.length && rejection === undefined; i++) {
        try {
          await this.#insert(client, plan, [plan.cells[i]!]);
        } catch (err) {
          if (!isRowDataError(err)) throw err;
          rejection = rowRejected({ rowIndex: plan.rowIndex[i]!, column: errorColumn(err) ?? '', reason: errorReason(err) }, 'PostgreSQL output', err);
        }
      }
    } catch (err) {
      throw this.#failure(err, 'finding the row the server refused');
    } finally {
      await client.query('ROLLBACK').catch(() => {});
    }
    throw rejection ?? this.#failure(original, 'writing rows');
  }

  #failure(err: unknown, what: string): SluiceError {
    // A transient failure may have left the connection unusable: drop it, the next write reconnects.
    if (isTransient(err)) this.#discardClient();
    return postgresError(err, what, this.#target);
  }

  #discardClient(): void {
    const client = this.#client;
    this.#client = undefined;
    client?.end().catch(() => {});
  }

  async #connect(): Promise<pg.Client> {
    if (this.#client !== undefined) return this.#client;
    let client: pg.Client;
    try {
      client = await this.#open(tlsConfig(this.#options));
    } catch (err) {
      // libpq's `prefer`: TLS if the server offers it, plain otherwise.
      if (this.#options.sslMode === 'prefer' && /does not support SSL/i.test(String((err as Error).message))) {
        client = await this.#open(false);
      } else throw postgresError(err, 'connecting', this.#target);
    }
    try {
      this.#table = await readTableInfo(client, this.#options.table);
    } catch (err) {
      await client.end().catch(() => {});
      const e = postgresError(err, 'reading the table\'s columns', this.#target);
      if ((err as { code?: unknown }).code === '42P01') {
        throw new SluiceError('SLUICE_POSTGRES_NO_TABLE', `table ${this.#options.table} does not exist in ${this.#options.database}`, {
          domain: 'user', cause: err, hint: 'create the table first (ASA writes to an existing table); a mixed-case name needs double quotes, e.g. "Results"',
        });
      }
      throw e;
    }
    this.#client = client;
    return client;
  }

  async #open(ssl: pg.ClientConfig['ssl']): Promise<pg.Client> {
    const client = new pg.Client(await clientConfig(this.#options, ssl));
    // An idle connection that drops emits 'error' on the client; forget it so the next write reconnects.
    client.on('error', () => {
      if (this.#client === client) this.#client = undefined;
    });
    try {
      await client.connect();
    } catch (err) {
      await client.end().catch(() => {});
      throw err;
    }
    this.connects++;
    return client;
  }

  #column(name: string): TableColumn {
    const columns = this.#table!.columns;
    const c = columns.find((x) => x.name === name) ?? columns.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (c === undefined) {
      throw new SluiceError('SLUICE_POSTGRES_SCHEMA', `table ${this.#table!.qualifiedName} has no column "${name}"`, {
        domain: 'user', hint: `its columns are ${columns.map((x) => x.name).join(', ')}`,
      });
    }
    return c;
  }

  /** Which column each output field goes to: ColumnMapping, or the fields' own names ignoring case. */
  #targets(rows: readonly AsaRecord[]): Target[] {
    const mapping = this.#options.columnMapping;
    if (mapping !== undefined) return Object.entries(mapping).map(([column, field]) => ({ column: this.#column(column), field }));
    const fields: string[] = [];
    const seen = new Set<string>();
    const add = (f: string): void => {
      const k = f.toLowerCase();
      if (!seen.has(k)) { seen.add(k); fields.push(f); }
    };
    for (const f of this.#described) add(f);
    for (const row of rows) for (const f in row) add(f);
    return fields.map((field) => {
      try {
        return { column: this.#column(field), field };
      } catch (err) {
        throw new SluiceError('SLUICE_POSTGRES_SCHEMA', `the output field "${field}" has no column in table ${this.#table!.qualifiedName}`, {
          domain: 'user', cause: err, hint: 'add the column, leave the field out of the SELECT, or map fields to columns with ColumnMapping',
        });
      }
    });
  }

  #plan(rows: readonly AsaRecord[], table: TableInfo): Plan {
    const targets = this.#targets(rows);
    for (const t of targets) {
      if (t.column.generated) {
        throw new SluiceError('SLUICE_POSTGRES_SCHEMA', `column "${t.column.name}" of ${table.qualifiedName} is generated and cannot be written`, { domain: 'user' });
      }
    }
    const columns = targets.map((t) => t.column.name);
    if (columns.length === 0) throw new SluiceError('SLUICE_POSTGRES_SCHEMA', 'the rows have no fields to write', { domain: 'user' });
    let cells: Cell[][] = [];
    let rowIndex: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const out: Cell[] = [];
      for (const t of targets) {
        const v = fieldOf(row, t.field);
        if (v === undefined) { out.push(DEFAULT_VALUE); continue; }
        const c = convertValue(v, t.column);
        if ('reason' in c) throw rowRejected({ rowIndex: i, column: t.column.name, reason: c.reason }, 'PostgreSQL output');
        out.push(c.value);
      }
      cells.push(out);
      rowIndex.push(i);
    }
    const key = this.#options.upsertKey;
    if (key !== undefined) {
      // One statement may not update a row twice (ON CONFLICT … "cannot affect row a second time"): the
      // last row per key wins, as it would with one statement per row.
      const positions = key.map((k) => {
        const p = columns.indexOf(this.#column(k).name);
        if (p < 0) throw new SluiceError('SLUICE_POSTGRES_SCHEMA', `the upsert key column "${k}" gets no value from the output`, { domain: 'user' });
        return p;
      });
      const last = new Map<string, number>();
      cells.forEach((row, i) => {
        if (positions.some((p) => row[p] === DEFAULT_VALUE)) return;
        last.set(JSON.stringify(positions.map((p) => row[p])), i);
      });
      const keep = cells.map((row, i) => positions.some((p) => row[p] === DEFAULT_VALUE) || last.get(JSON.stringify(positions.map((p) => row[p]))) === i);
      cells = cells.filter((_, i) => keep[i]);
      rowIndex = rowIndex.filter((_, i) => keep[i]);
    }
    return { columns, cells, rowIndex };
  }
}

/** A field by name, exact first, then ignoring case; undefined when the row lacks it. */
function fieldOf(row: AsaRecord, field: string): AsaValue | undefined {
  if (Object.hasOwn(row, field)) return row[field];
  const lower = field.toLowerCase();
  for (const k in row) if (k.toLowerCase() === lower) return row[k];
  return undefined;
}

function closedError(): SluiceError {
  return new SluiceError('SLUICE_OUTPUT_CLOSED', 'write after close: the PostgreSQL output is closed', { domain: 'internal' });
}
