// CREATE TABLE: declares the schema of an input (learn.microsoft.com/stream-analytics-query/create-table-stream-analytics).
import { columnDef, createTable, type CreateTable } from '../ast/index.ts';
import { parseDataType } from './data-type.ts';
import type { Parser } from './parser.ts';

/** create_table ::= CREATE TABLE name '(' column_name data_type [, …] ')' */
export function parseCreateTable(p: Parser): CreateTable {
  const start = p.expectWord('CREATE', 'to start the statement');
  p.expectWord('TABLE', 'after CREATE', 'Stream Analytics only has CREATE TABLE input (col type, …)', ['TABLE']);
  const name = p.name('the input name after CREATE TABLE');
  const open = p.expectPunct('(', `after CREATE TABLE ${name.name}`, 'list the columns: (col1 bigint, col2 nvarchar(max))');
  const columns = p.list(() => {
    const c = p.peek();
    const colName = p.name('a column name');
    const type = parseDataType(p);
    return columnDef({ name: colName, type, span: p.spanFrom(c) });
  });
  p.expectPunct(')', `to close the column list opened at ${open.span.start.line}:${open.span.start.column}`,
    'a comma between columns or the closing parenthesis is missing');
  return createTable({ name, columns, span: p.spanFrom(start) });
}
