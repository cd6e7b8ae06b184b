import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AsaDateTime,
  bigintValue,
  compatBehaviour,
  formatFloat,
  formatFloatJson,
  isAsaValue,
  parseCompatLevel,
  parseTypeName,
  requireTypeName,
  typeOf,
  typeOfStatic,
  unifyStaticTypes,
} from './index.ts';

describe('typeOf (GetType names, gettype-azure-stream-analytics)', () => {
  it('maps each representation to its ASA type name', () => {
    assert.equal(typeOf(null), null);
    assert.equal(typeOf(1), 'bigint');
    assert.equal(typeOf(2n ** 62n), 'bigint');
    assert.equal(typeOf(1.5), 'float');
    assert.equal(typeOf(1e300), 'float');
    assert.equal(typeOf('x'), 'nvarchar(max)');
    assert.equal(typeOf(true), 'bit');
    assert.equal(typeOf(AsaDateTime.fromEpochMs(0)), 'datetime');
    assert.equal(typeOf({ a: 1 }), 'record');
    assert.equal(typeOf([1]), 'array');
  });

  it('lets the static type say that a whole number is a float (AVG of 2 and 4 = 3.0)', () => {
    assert.equal(typeOfStatic(3, 'float'), 'float');
    assert.equal(typeOfStatic(3, 'any'), 'bigint');
  });

  it('keeps bigint numbers small and rejects 64-bit overflow', () => {
    assert.equal(bigintValue(5n), 5);
    assert.equal(bigintValue(2n ** 60n), 2n ** 60n);
    assert.equal(bigintValue(2n ** 63n), undefined);
  });

  it('validates foreign values', () => {
    assert.equal(isAsaValue({ a: [1, 'x', null, AsaDateTime.fromEpochMs(0)] }), true);
    assert.equal(isAsaValue({ a: undefined }), false);
    assert.equal(isAsaValue(NaN), false);
    assert.equal(isAsaValue(5n), false, 'small integers must be numbers');
  });
});

describe('type names', () => {
  it('parses CAST target names in any case', () => {
    assert.equal(parseTypeName('NVARCHAR ( MAX )'), 'nvarchar(max)');
    assert.equal(parseTypeName('BigInt'), 'bigint');
    assert.equal(parseTypeName('int'), undefined);
    assert.throws(() => requireTypeName('nvarchar(50)'), /only nvarchar\(max\)/);
    assert.throws(() => requireTypeName('int'), { code: 'SLUICE_TYPES_UNKNOWN_TYPE' });
  });

  it('unifies branch types for CASE/COALESCE', () => {
    assert.equal(unifyStaticTypes(['bigint', 'null', 'bigint']), 'bigint');
    assert.equal(unifyStaticTypes(['bigint', 'float']), 'float');
    assert.equal(unifyStaticTypes(['bigint', 'nvarchar(max)']), 'any');
    assert.equal(unifyStaticTypes(['null']), 'null');
  });
});

describe('number formatting', () => {
  it('prints floats like .NET double.ToString()', () => {
    assert.equal(formatFloat(1.5), '1.5');
    assert.equal(formatFloat(3), '3');
    assert.equal(formatFloat(0.0001), '0.0001');
    assert.equal(formatFloat(0.00001), '1E-05');
    assert.equal(formatFloat(1e15), '1E+15');
    assert.equal(formatFloat(123456789012345), '123456789012345');
    assert.equal(formatFloat(1.2345678901234568e17), '1.2345678901234568E+17');
    assert.equal(formatFloat(-0), '-0');
  });

  it('prints whole floats with .0 in JSON, as the ROUND and CreatePoint pages show', () => {
    assert.equal(formatFloatJson(3), '3.0');
    assert.equal(formatFloatJson(120), '120.0');
    assert.equal(formatFloatJson(-10.2), '-10.2');
    assert.equal(formatFloatJson(1e20), '1E+20');
  });
});

describe('compatibility levels (stream-analytics-compatibility-level)', () => {
  it('switches the documented behaviours', () => {
    assert.equal(compatBehaviour('1.0').lowerCaseFieldNames, true);
    assert.equal(compatBehaviour('1.1').lowerCaseFieldNames, false);
    assert.equal(compatBehaviour('1.1').booleanAsBit, false);
    assert.equal(compatBehaviour('1.2').booleanAsBit, true);
    assert.equal(compatBehaviour().level, '1.2');
    assert.equal(compatBehaviour('1.0').jsonDateStringsAsDatetime, true);
    assert.equal(compatBehaviour('1.2').geospatial, 'geometry');
  });

  it('parses levels from config', () => {
    assert.equal(parseCompatLevel('1.1'), '1.1');
    assert.equal(parseCompatLevel(1.2), '1.2');
    assert.throws(() => parseCompatLevel('2.0'), { code: 'SLUICE_TYPES_COMPAT_LEVEL' });
  });
});
