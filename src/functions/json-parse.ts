// JSON_PARSE: a JSON object held in a string becomes a record. It never throws: a non-string, invalid
// JSON or JSON that is not an object gives NULL.
// https://learn.microsoft.com/stream-analytics-query/json-parse-azure-stream-analytics
import type { AsaValue } from '../types/index.ts';
import { defineScalar, refPage } from './function-def.ts';

export const JSON_PARSE = defineScalar({
  name: 'JSON_PARSE',
  category: 'record',
  minArgs: 1,
  doc: refPage('json-parse-azure-stream-analytics'),
  returnType: 'record',
  invoke(args: readonly AsaValue[]): AsaValue {
    const s = args[0] ?? null;
    if (typeof s !== 'string') return null;
    try {
      // JSON.parse yields only null/boolean/number/string/object/array: all AsaValues. Integers past
      // 2^53 lose precision here (the formats/json reader keeps them exact; this helper does not).
      const parsed: unknown = JSON.parse(s);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as AsaValue) : null;
    } catch {
      return null;
    }
  },
});
