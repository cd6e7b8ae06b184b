// Geospatial values as ASA passes them around: GeoJSON records (`{"type":"Point","coordinates":
// [long, lat]}`, LineString, Polygon) or WKT strings (`POINT(long lat)`, `LINESTRING(…)`,
// `POLYGON((…))`). This module turns either form into one internal shape for the ST_ functions and
// builds the GeoJSON records the Create* functions return.
// https://learn.microsoft.com/stream-analytics-query/geospatial-functions
import { SluiceError } from '../common/index.ts';
import { isRecord, type AsaRecord, type AsaValue } from '../types/index.ts';
import { argTypeError } from './arg-check.ts';

/** [longitude, latitude], GeoJSON order. */
export type Position = readonly [number, number];

export type GeoShape =
  | { readonly kind: 'Point'; readonly point: Position }
  | { readonly kind: 'LineString'; readonly points: readonly Position[] }
  | { readonly kind: 'Polygon'; readonly ring: readonly Position[] };

function geoError(fn: string, message: string): SluiceError {
  return new SluiceError('SLUICE_FUNC_GEOGRAPHY', `${fn}: ${message}`, {
    domain: 'user',
    hint: 'pass a GeoJSON record from CreatePoint/CreateLineString/CreatePolygon or a WKT string such as POINT(10 20)',
  });
}

function position(fn: string, value: unknown): Position {
  if (Array.isArray(value) && value.length >= 2 && typeof value[0] === 'number' && typeof value[1] === 'number') {
    return [value[0], value[1]];
  }
  throw geoError(fn, `expected a [longitude, latitude] pair, got ${JSON.stringify(value)}`);
}

function positions(fn: string, value: unknown): Position[] {
  if (!Array.isArray(value)) throw geoError(fn, 'coordinates must be an array');
  return value.map((p) => position(fn, p));
}

function fromGeoJson(fn: string, rec: AsaRecord): GeoShape {
  const type = typeof rec['type'] === 'string' ? (rec['type'] as string).toLowerCase() : '';
  const coords = rec['coordinates'];
  switch (type) {
    case 'point':
      return { kind: 'Point', point: position(fn, coords) };
    case 'linestring':
      return { kind: 'LineString', points: positions(fn, coords) };
    case 'polygon': {
      // GeoJSON nests the ring once more ([[…]]); some reference examples omit that level.
      const outer = Array.isArray(coords) && Array.isArray(coords[0]) && Array.isArray(coords[0][0]) ? coords[0] : coords;
      return { kind: 'Polygon', ring: positions(fn, outer) };
    }
    default:
      throw geoError(fn, `unsupported geography type '${String(rec['type'])}' (Point, LineString and Polygon are supported)`);
  }
}

function wktPositions(fn: string, body: string): Position[] {
  return body.split(',').map((pair) => {
    const nums = pair.trim().split(/\s+/).map(Number);
    if (nums.length < 2 || !Number.isFinite(nums[0]) || !Number.isFinite(nums[1])) throw geoError(fn, `bad WKT coordinates '${pair.trim()}'`);
    return [nums[0] as number, nums[1] as number] as const;
  });
}

function fromWkt(fn: string, text: string): GeoShape {
  const m = /^\s*(POINT|LINESTRING|POLYGON)\s*\(\s*(\(?)([^()]*)\)?\s*\)\s*$/i.exec(text);
  if (m === null) throw geoError(fn, `cannot read '${text.length > 60 ? `${text.slice(0, 60)}…` : text}' as WKT`);
  const kind = (m[1] as string).toUpperCase();
  const pts = wktPositions(fn, m[3] as string);
  if (kind === 'POINT') return { kind: 'Point', point: pts[0] as Position };
  if (kind === 'LINESTRING') return { kind: 'LineString', points: pts };
  return { kind: 'Polygon', ring: pts };
}

/** A shape from an argument value, or null for NULL. */
export function toShape(fn: string, index: number, value: AsaValue): GeoShape | null {
  if (value === null) return null;
  if (typeof value === 'string') return fromWkt(fn, value);
  if (isRecord(value)) return fromGeoJson(fn, value);
  throw argTypeError(fn, index, value, ['record', 'nvarchar(max)']);
}

export function pointRecord(p: Position): AsaRecord {
  return { type: 'Point', coordinates: [p[0], p[1]] };
}

export function lineStringRecord(points: readonly Position[]): AsaRecord {
  return { type: 'LineString', coordinates: points.map((p) => [p[0], p[1]]) };
}

export function polygonRecord(ring: readonly Position[]): AsaRecord {
  return { type: 'Polygon', coordinates: [ring.map((p) => [p[0], p[1]])] };
}

/** The vertices of any shape, for distance and containment tests. */
export function vertices(shape: GeoShape): readonly Position[] {
  return shape.kind === 'Point' ? [shape.point] : shape.kind === 'LineString' ? shape.points : shape.ring;
}

export { geoError };
