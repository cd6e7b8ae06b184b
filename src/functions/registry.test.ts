import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILTIN_SCALAR_FUNCTIONS, bindScalarFunction, builtinFunctionNames, lookupScalarFunction } from './index.ts';

describe('function registry', () => {
  it('finds built-ins in any case', () => {
    assert.equal(lookupScalarFunction('dateadd')?.name, 'DATEADD');
    assert.equal(lookupScalarFunction('GETARRAYELEMENT')?.name, 'GetArrayElement');
    assert.equal(lookupScalarFunction('nope'), undefined);
  });

  it('holds every function the reference lists under String, Mathematical and Date and Time functions', () => {
    const names = new Set(BUILTIN_SCALAR_FUNCTIONS.map((f) => f.name.toUpperCase()));
    const listed = [
      // string-functions-azure-stream-analytics
      'CHARINDEX', 'CONCAT', 'CONCAT_WS', 'LEFT', 'LEN', 'LOWER', 'LTRIM', 'NCHAR', 'PATINDEX', 'REGEXMATCH', 'REPLACE',
      'REPLICATE', 'REVERSE', 'RIGHT', 'RTRIM', 'SPACE', 'STUFF', 'SUBSTRING', 'TRANSLATE', 'TRIM', 'UNICODE', 'UPPER',
      // mathematical-functions-azure-stream-analytics
      'ABS', 'CEILING', 'EXP', 'FLOOR', 'POWER', 'SIGN', 'SQUARE', 'SQRT', 'ROUND',
      // date-and-time-functions-azure-stream-analytics
      'DATENAME', 'DATEPART', 'DAY', 'MONTH', 'YEAR', 'DATETIMEFROMPARTS', 'DATEDIFF', 'DATEADD',
      // geospatial, record, array, conversion
      'CREATEPOINT', 'CREATELINESTRING', 'CREATEPOLYGON', 'ST_DISTANCE', 'ST_WITHIN', 'ST_INTERSECTS', 'ST_OVERLAPS',
      'GETARRAYELEMENT', 'GETARRAYLENGTH', 'GETRECORDPROPERTYVALUE', 'GETTYPE', 'COALESCE', 'NULLIF',
    ];
    for (const name of listed) assert.ok(names.has(name), name);
    assert.ok(builtinFunctionNames().includes('GetArrayElements'));
    for (const f of BUILTIN_SCALAR_FUNCTIONS) assert.match(f.doc, /^https:\/\/learn\.microsoft\.com\//, f.name);
  });

  it('checks arity', () => {
    assert.throws(() => bindScalarFunction('LEN', { argTypes: [] }), { code: 'SLUICE_FUNC_ARITY', message: /LEN takes 1 argument, got 0/ });
    assert.throws(() => bindScalarFunction('CONCAT', { argTypes: ['any'] }), { message: /at least 2/ });
    assert.throws(() => bindScalarFunction('CHARINDEX', { argTypes: ['any', 'any', 'any', 'any'] }), { message: /2 to 3/ });
  });

  it('points table-valued functions at APPLY and unknown names at udf.', () => {
    assert.throws(() => bindScalarFunction('GetArrayElements', { argTypes: ['any'] }), { code: 'SLUICE_FUNC_UNKNOWN', hint: /CROSS APPLY/ });
    assert.throws(() => bindScalarFunction('myFn', { argTypes: [] }), { code: 'SLUICE_FUNC_UNKNOWN', hint: /udf\./ });
  });

  it('declares return types for the planner', () => {
    assert.equal(bindScalarFunction('LEN', { argTypes: ['nvarchar(max)'] }).returnType, 'bigint');
    assert.equal(bindScalarFunction('COALESCE', { argTypes: ['null', 'bigint'] }).returnType, 'bigint');
    assert.equal(bindScalarFunction('COALESCE', { argTypes: ['bigint', 'nvarchar(max)'] }).returnType, 'any');
    assert.equal(bindScalarFunction('ST_WITHIN', { argTypes: ['record', 'record'] }).returnType, 'bigint');
  });
});
