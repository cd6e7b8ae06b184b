// Data type names in CAST, TRY_CAST and CREATE TABLE.
import { dataType, type DataType } from '../ast/index.ts';
import type { Parser } from './parser.ts';

/**
 * data_type ::= name [ '(' (MAX | number) ')' ]
 * ASA's types are bigint, float, nvarchar(max), datetime, bit, record, array
 * (learn.microsoft.com/stream-analytics-query/data-types-azure-stream-analytics); the binder checks the name.
 */
export function parseDataType(p: Parser): DataType {
  const t = p.peek();
  if (t.kind !== 'word' && t.kind !== 'bracketName') {
    throw p.unexpected('expected a data type (bigint, float, nvarchar(max), datetime, bit, record, array)');
  }
  p.next();
  let param: string | undefined;
  if (p.optionalPunct('(')) {
    const a = p.peek();
    if (a.kind !== 'word' && a.kind !== 'number') throw p.unexpected(`expected MAX or a length in ${t.value}(…)`);
    param = p.next().value;
    p.expectPunct(')', `to close ${t.value}(`);
  }
  return dataType({ name: t.value, param, span: p.spanFrom(t) });
}
