// GetArrayElement and GetArrayLength: reading an array by position, and its length.
// https://learn.microsoft.com/stream-analytics-query/getarrayelement-azure-stream-analytics
// https://learn.microsoft.com/stream-analytics-query/getarraylength-azure-stream-analytics
import type { AsaValue } from '../types/index.ts';
import { argTypeError, integerArg } from './arg-check.ts';
import { defineScalar, refPage } from './function-def.ts';

/** Element `i`, counting from 0; an index outside the array gives NULL, as does a NULL array. */
export const GET_ARRAY_ELEMENT = defineScalar({
  name: 'GetArrayElement',
  category: 'array',
  minArgs: 2,
  doc: refPage('getarrayelement-azure-stream-analytics'),
  returnType: 'any',
  invoke(args: readonly AsaValue[]): AsaValue {
    const arr = args[0] ?? null;
    const i = integerArg('GetArrayElement', 1, args[1] ?? null);
    if (arr === null || i === null) return null;
    if (!Array.isArray(arr)) throw argTypeError('GetArrayElement', 0, arr, ['array']);
    return i >= 0 && i < arr.length ? (arr[i] ?? null) : null;
  },
});

export const GET_ARRAY_LENGTH = defineScalar({
  name: 'GetArrayLength',
  category: 'array',
  minArgs: 1,
  doc: refPage('getarraylength-azure-stream-analytics'),
  returnType: 'bigint',
  invoke(args: readonly AsaValue[]): AsaValue {
    const arr = args[0] ?? null;
    if (arr === null) return null;
    if (!Array.isArray(arr)) throw argTypeError('GetArrayLength', 0, arr, ['array']);
    return arr.length;
  },
});
