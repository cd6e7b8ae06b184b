// The table-valued functions used with CROSS APPLY / OUTER APPLY: one row per array element or per
// record property. NULL (and an empty array or record) gives no rows; CROSS APPLY then drops the
// event and OUTER APPLY keeps it with NULL columns (APPLY page).
// https://learn.microsoft.com/stream-analytics-query/getarrayelements-azure-stream-analytics
// https://learn.microsoft.com/stream-analytics-query/getrecordproperties-azure-stream-analytics
import { isRecord, type AsaValue } from '../types/index.ts';
import { argTypeError } from './arg-check.ts';
import { refPage, type TableFunctionDef, type TableRow } from './function-def.ts';

const NO_ROWS: readonly TableRow[] = Object.freeze([]);

/** Rows `{ ArrayIndex, ArrayValue }`, ArrayIndex counting from 0. */
export const GET_ARRAY_ELEMENTS: TableFunctionDef = {
  name: 'GetArrayElements',
  columns: ['ArrayIndex', 'ArrayValue'],
  doc: refPage('getarrayelements-azure-stream-analytics'),
  invoke(arg: AsaValue): readonly TableRow[] {
    if (arg === null) return NO_ROWS;
    if (!Array.isArray(arg)) throw argTypeError('GetArrayElements', 0, arg, ['array']);
    const rows: TableRow[] = new Array<TableRow>(arg.length);
    for (let i = 0; i < arg.length; i++) rows[i] = { ArrayIndex: i, ArrayValue: arg[i] ?? null };
    return rows;
  },
};

/** Rows `{ PropertyName, PropertyValue }` in the record's field order; nested records stay records. */
export const GET_RECORD_PROPERTIES: TableFunctionDef = {
  name: 'GetRecordProperties',
  columns: ['PropertyName', 'PropertyValue'],
  doc: refPage('getrecordproperties-azure-stream-analytics'),
  invoke(arg: AsaValue): readonly TableRow[] {
    if (arg === null) return NO_ROWS;
    if (!isRecord(arg)) throw argTypeError('GetRecordProperties', 0, arg, ['record']);
    const rows: TableRow[] = [];
    for (const key in arg) rows.push({ PropertyName: key, PropertyValue: arg[key] ?? null });
    return rows;
  },
};
