// ST_WITHIN, ST_INTERSECTS and ST_OVERLAPS return 1 or 0 (bigint). Computed in the plane of
// (longitude, latitude), the "geometric projected" semantics of compatibility level 1.2; rings are
// closed implicitly. ST_OVERLAPS is 0 when one shape lies within the other.
// https://learn.microsoft.com/stream-analytics-query/st-within
// https://learn.microsoft.com/stream-analytics-query/st-intersects
// https://learn.microsoft.com/stream-analytics-query/st-overlaps
import type { AsaValue } from '../types/index.ts';
import { defineScalar, refPage } from './function-def.ts';
import { toShape, vertices, type GeoShape, type Position } from './geo-shape.ts';

function cross(o: Position, a: Position, b: Position): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

function onSegment(p: Position, a: Position, b: Position): boolean {
  return cross(a, b, p) === 0 && Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
}

/** Whether segments ab and cd share at least one point (touching and collinear overlap included). */
export function segmentsIntersect(a: Position, b: Position, c: Position, d: Position): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return onSegment(a, c, d) || onSegment(b, c, d) || onSegment(c, a, b) || onSegment(d, a, b);
}

/** The edges of a shape: a ring is closed even if its last point does not repeat the first. */
function edges(shape: GeoShape): Array<[Position, Position]> {
  const pts = vertices(shape);
  const out: Array<[Position, Position]> = [];
  for (let i = 0; i + 1 < pts.length; i++) out.push([pts[i] as Position, pts[i + 1] as Position]);
  if (shape.kind === 'Polygon' && pts.length > 2) {
    const first = pts[0] as Position;
    const last = pts[pts.length - 1] as Position;
    if (first[0] !== last[0] || first[1] !== last[1]) out.push([last, first]);
  }
  return out;
}

/** Ray casting; a point on the boundary counts as inside. */
export function pointInRing(p: Position, ring: readonly Position[]): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = ring[i] as Position;
    const b = ring[j] as Position;
    if (onSegment(p, a, b)) return true;
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

function properlyCrosses(a: GeoShape, b: GeoShape): boolean {
  for (const [p, q] of edges(a)) {
    for (const [r, s] of edges(b)) {
      const d1 = cross(r, s, p);
      const d2 = cross(r, s, q);
      const d3 = cross(p, q, r);
      const d4 = cross(p, q, s);
      if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
    }
  }
  return false;
}

/** Whether `a` lies inside polygon `b`. */
export function within(a: GeoShape, b: GeoShape): boolean {
  if (b.kind !== 'Polygon') return false;
  for (const p of vertices(a)) if (!pointInRing(p, b.ring)) return false;
  return a.kind === 'Point' || !properlyCrosses(a, b);
}

export function intersects(a: GeoShape, b: GeoShape): boolean {
  if (a.kind === 'Point' && b.kind === 'Point') return a.point[0] === b.point[0] && a.point[1] === b.point[1];
  for (const [p, q] of edges(a)) for (const [r, s] of edges(b)) if (segmentsIntersect(p, q, r, s)) return true;
  if (a.kind === 'Point') return b.kind === 'Polygon' ? pointInRing(a.point, b.ring) : edges(b).some(([r, s]) => onSegment(a.point, r, s));
  if (b.kind === 'Point') return a.kind === 'Polygon' ? pointInRing(b.point, a.ring) : edges(a).some(([r, s]) => onSegment(b.point, r, s));
  return (b.kind === 'Polygon' && pointInRing(vertices(a)[0] as Position, b.ring)) || (a.kind === 'Polygon' && pointInRing(vertices(b)[0] as Position, a.ring));
}

export function overlaps(a: GeoShape, b: GeoShape): boolean {
  return intersects(a, b) && !within(a, b) && !within(b, a);
}

function predicate(name: string, page: string, test: (a: GeoShape, b: GeoShape) => boolean) {
  return defineScalar({
    name,
    category: 'geospatial',
    minArgs: 2,
    doc: refPage(page),
    returnType: 'bigint',
    invoke(args: readonly AsaValue[]): AsaValue {
      const a = toShape(name, 0, args[0] ?? null);
      const b = toShape(name, 1, args[1] ?? null);
      if (a === null || b === null) return null;
      return test(a, b) ? 1 : 0;
    },
  });
}

export const ST_WITHIN = predicate('ST_WITHIN', 'st-within', within);
export const ST_INTERSECTS = predicate('ST_INTERSECTS', 'st-intersects', intersects);
export const ST_OVERLAPS = predicate('ST_OVERLAPS', 'st-overlaps', overlaps);
