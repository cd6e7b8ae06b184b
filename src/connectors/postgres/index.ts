// connectors/postgres: reference data queries (readPostgresReference) and the PostgreSQL output — batched parameterized INSERTs or upserts, ASA → PostgreSQL type conversion, TLS and secret password.
export { PostgresSink } from './postgres-sink.ts';
export { readPostgresReference } from './postgres-reference-reader.ts';
export type { PostgresReferenceOptions } from './postgres-reference-reader.ts';
export type { PostgresPassword, PostgresSinkOptions, PostgresSslMode } from './postgres-sink-options.ts';
export { convertValue, timestampText } from './convert-value.ts';
export type { Converted } from './convert-value.ts';
export { buildInsert, quoteIdent, DEFAULT_VALUE } from './insert-statement.ts';
export type { Cell, Statement, Upsert } from './insert-statement.ts';
export { isTransient, isRowDataError } from './postgres-errors.ts';
export type { TableColumn, TableInfo } from './table-columns.ts';
