import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callScalar as call } from './index.ts';

describe('CreatePoint / CreateLineString / CreatePolygon', () => {
  it('CreatePoint(lat, long) puts longitude first (createpoint page)', () => {
    assert.deepEqual(call('CreatePoint', [3.0, -10.2]), { type: 'Point', coordinates: [-10.2, 3.0] });
    assert.deepEqual(call('CreatePoint', [-87.33, 20.2321]), { type: 'Point', coordinates: [20.2321, -87.33] });
    assert.equal(call('CreatePoint', [null, 1]), null);
    assert.throws(() => call('CreatePoint', ['3', 1]), { code: 'SLUICE_FUNC_ARG_TYPE' });
  });

  it('CreateLineString page example', () => {
    const p = call('CreatePoint', [3.0, -10.2]);
    assert.deepEqual(call('CreateLineString', [p, call('CreatePoint', [10.0, 10.0]), call('CreatePoint', [10.5, 10.5])]), {
      type: 'LineString',
      coordinates: [[-10.2, 3.0], [10.0, 10.0], [10.5, 10.5]],
    });
  });

  it('CreatePolygon page example, closed ring nested once more', () => {
    const p = call('CreatePoint', [3.0, -10.2]);
    assert.deepEqual(call('CreatePolygon', [p, call('CreatePoint', [10.0, 10.0]), call('CreatePoint', [10.5, 10.5]), p]), {
      type: 'Polygon',
      coordinates: [[[-10.2, 3.0], [10.0, 10.0], [10.5, 10.5], [-10.2, 3.0]]],
    });
    assert.throws(() => call('CreatePolygon', [p, call('CreatePoint', [1, 1]), call('CreatePoint', [2, 1]), call('CreatePoint', [2, 2])]), {
      code: 'SLUICE_FUNC_GEOGRAPHY',
    });
  });

  it('accepts WKT points as arguments', () => {
    assert.deepEqual(call('CreateLineString', ['POINT(1 2)', 'point (3 4)']), { type: 'LineString', coordinates: [[1, 2], [3, 4]] });
  });
});

describe('ST_DISTANCE (st-distance page)', () => {
  it('measures [-5,-5] to [0,0] as 784028.74077501823 m', () => {
    const d = call('ST_DISTANCE', [{ type: 'Point', coordinates: [-5.0, -5.0] }, { type: 'Point', coordinates: [0.0, 0.0] }]);
    assert.equal(typeof d, 'number');
    assert.ok(Math.abs((d as number) - 784028.74077501823) < 0.01, String(d));
  });

  it('is 0 with polygons and for equal points, NULL for NULL', () => {
    const square = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
    assert.equal(call('ST_DISTANCE', [square, 'POINT(50 50)']), 0);
    assert.equal(call('ST_DISTANCE', ['POINT(1 1)', 'POINT(1 1)']), 0);
    assert.equal(call('ST_DISTANCE', [null, 'POINT(1 1)']), null);
  });

  it('handles antipodal points', () => {
    const d = call('ST_DISTANCE', ['POINT(0 0)', 'POINT(180 0)']) as number;
    assert.ok(d > 19_900_000 && d < 20_100_000, String(d));
  });
});

describe('ST_WITHIN / ST_INTERSECTS / ST_OVERLAPS', () => {
  it('ST_WITHIN page examples: 0 then 1', () => {
    const square0 = { type: 'Polygon', coordinates: [[[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0], [0.0, 0.0]]] };
    const square10 = { type: 'Polygon', coordinates: [[[10.0, 10.0], [20.0, 10.0], [20.0, 20.0], [10.0, 20.0], [10.0, 10.0]]] };
    assert.equal(call('ST_WITHIN', [{ type: 'Point', coordinates: [76.6, 10.1] }, square0]), 0);
    assert.equal(call('ST_WITHIN', [{ type: 'Point', coordinates: [15.0, 15.0] }, square10]), 1);
    assert.equal(call('ST_WITHIN', ['POLYGON((12 12, 14 12, 14 14, 12 12))', square10]), 1);
    assert.equal(call('ST_WITHIN', ['POLYGON((5 5, 14 12, 14 14, 5 5))', square10]), 0);
  });

  it('ST_INTERSECTS page examples: crossing roads 1, parallel roads 0', () => {
    const paved = { type: 'LineString', coordinates: [[-10.0, 0.0], [0.0, 0.0], [10.0, 0.0]] };
    assert.equal(call('ST_INTERSECTS', [paved, { type: 'LineString', coordinates: [[0.0, 10.0], [0.0, 0.0], [0.0, -10.0]] }]), 1);
    assert.equal(call('ST_INTERSECTS', [paved, { type: 'LineString', coordinates: [[-10.0, 10.0], [0.0, 10.0], [10.0, 10.0]] }]), 0);
    assert.equal(call('ST_INTERSECTS', ['POINT(5 5)', 'POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))']), 1);
  });

  it('ST_OVERLAPS page examples (rings written without the outer nesting): 0 then 1', () => {
    const a1 = { type: 'Polygon', coordinates: [[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0], [0.0, 0.0]] };
    const b1 = { type: 'Polygon', coordinates: [[30.0, 30.0], [40.0, 30.0], [40.0, 40.0], [30.0, 40.0], [30.0, 30.0]] };
    const a2 = { type: 'Polygon', coordinates: [[0.0, 0.0], [20.0, 0.0], [20.0, 20.0], [0.0, 20.0], [0.0, 0.0]] };
    const b2 = { type: 'Polygon', coordinates: [[10.0, 10.0], [40.0, 10.0], [40.0, 40.0], [40.0, 20.0], [40.0, 40.0]] };
    assert.equal(call('ST_OVERLAPS', [a1, b1]), 0);
    assert.equal(call('ST_OVERLAPS', [a2, b2]), 1);
  });

  it('ST_OVERLAPS is 0 when one polygon lies within the other', () => {
    assert.equal(call('ST_OVERLAPS', ['POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))', 'POLYGON((2 2, 4 2, 4 4, 2 2))']), 0);
  });

  it('rejects what is not a geography', () => {
    assert.throws(() => call('ST_WITHIN', ['CIRCLE(1 2)', 'POINT(1 1)']), { code: 'SLUICE_FUNC_GEOGRAPHY' });
    assert.throws(() => call('ST_WITHIN', [{ type: 'MultiPoint', coordinates: [] }, 'POINT(1 1)']), { code: 'SLUICE_FUNC_GEOGRAPHY' });
    assert.throws(() => call('ST_WITHIN', [5, 'POINT(1 1)']), { code: 'SLUICE_FUNC_ARG_TYPE' });
  });
});
