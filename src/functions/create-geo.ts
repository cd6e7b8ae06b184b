// CreatePoint, CreateLineString and CreatePolygon build GeoJSON records. CreatePoint(lat, long) puts
// longitude first: CreatePoint(3.0, -10.2) = {"type" : "Point", "coordinates" : [-10.2, 3.0]}.
// A polygon must list at least 3 distinct points and end where it starts; a line at least 2 points.
// Any NULL argument gives NULL.
// https://learn.microsoft.com/stream-analytics-query/createpoint
// https://learn.microsoft.com/stream-analytics-query/createlinestring
// https://learn.microsoft.com/stream-analytics-query/createpolygon
import type { AsaValue } from '../types/index.ts';
import { numberArg } from './arg-check.ts';
import { defineScalar, refPage } from './function-def.ts';
import { geoError, lineStringRecord, pointRecord, polygonRecord, toShape, type Position } from './geo-shape.ts';

export const CREATE_POINT = defineScalar({
  name: 'CreatePoint',
  category: 'geospatial',
  minArgs: 2,
  doc: refPage('createpoint'),
  returnType: 'record',
  invoke(args: readonly AsaValue[]): AsaValue {
    const lat = numberArg('CreatePoint', 0, args[0] ?? null);
    const lon = numberArg('CreatePoint', 1, args[1] ?? null);
    if (lat === null || lon === null) return null;
    return pointRecord([Number(lon), Number(lat)]);
  },
});

/** Every argument must be a point; returns null if any is NULL. */
function pointsOf(fn: string, args: readonly AsaValue[]): Position[] | null {
  const out: Position[] = [];
  for (let i = 0; i < args.length; i++) {
    const shape = toShape(fn, i, args[i] ?? null);
    if (shape === null) return null;
    if (shape.kind !== 'Point') throw geoError(fn, `argument ${i + 1} is a ${shape.kind}, expected a Point`);
    out.push(shape.point);
  }
  return out;
}

export const CREATE_LINE_STRING = defineScalar({
  name: 'CreateLineString',
  category: 'geospatial',
  minArgs: 2,
  maxArgs: Infinity,
  doc: refPage('createlinestring'),
  returnType: 'record',
  invoke(args: readonly AsaValue[]): AsaValue {
    const pts = pointsOf('CreateLineString', args);
    return pts === null ? null : lineStringRecord(pts);
  },
});

export const CREATE_POLYGON = defineScalar({
  name: 'CreatePolygon',
  category: 'geospatial',
  minArgs: 4,
  maxArgs: Infinity,
  doc: refPage('createpolygon'),
  returnType: 'record',
  invoke(args: readonly AsaValue[]): AsaValue {
    const pts = pointsOf('CreatePolygon', args);
    if (pts === null) return null;
    const first = pts[0] as Position;
    const last = pts[pts.length - 1] as Position;
    if (first[0] !== last[0] || first[1] !== last[1]) {
      throw geoError('CreatePolygon', 'the first and last points must be equal to close the ring');
    }
    return polygonRecord(pts);
  },
});
