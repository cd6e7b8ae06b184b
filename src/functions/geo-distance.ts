// ST_DISTANCE: metres between two geographies. Point to point is the geodesic on the WGS 84 ellipsoid
// (Vincenty's inverse formula), which reproduces the reference example to the millimetre:
// ST_DISTANCE of [-5.0, -5.0] and [0.0, 0.0] = 784028.74077501823. "If used with Polygons will return
// 0." Lines are measured between their nearest vertices (an approximation; see README).
// https://learn.microsoft.com/stream-analytics-query/st-distance
import type { AsaValue } from '../types/index.ts';
import { defineScalar, refPage } from './function-def.ts';
import { toShape, vertices, type Position } from './geo-shape.ts';

const A = 6378137; // WGS 84 semi-major axis, metres
const F = 1 / 298.257223563;
const B = A * (1 - F);
const RAD = Math.PI / 180;

/** Geodesic distance in metres between two [long, lat] positions. */
export function geodesicDistance(p: Position, q: Position): number {
  const [lon1, lat1] = p;
  const [lon2, lat2] = q;
  if (lon1 === lon2 && lat1 === lat2) return 0;
  const L = (lon2 - lon1) * RAD;
  const U1 = Math.atan((1 - F) * Math.tan(lat1 * RAD));
  const U2 = Math.atan((1 - F) * Math.tan(lat2 * RAD));
  const sinU1 = Math.sin(U1);
  const cosU1 = Math.cos(U1);
  const sinU2 = Math.sin(U2);
  const cosU2 = Math.cos(U2);
  let lambda = L;
  for (let iter = 0; iter < 200; iter++) {
    const sinLambda = Math.sin(lambda);
    const cosLambda = Math.cos(lambda);
    const sinSigma = Math.sqrt((cosU2 * sinLambda) ** 2 + (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda) ** 2);
    if (sinSigma === 0) return 0;
    const cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
    const sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinLambda) / sinSigma;
    const cos2Alpha = 1 - sinAlpha * sinAlpha;
    const cos2SigmaM = cos2Alpha === 0 ? 0 : cosSigma - (2 * sinU1 * sinU2) / cos2Alpha;
    const C = (F / 16) * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
    const previous = lambda;
    lambda = L + (1 - C) * F * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
    if (Math.abs(lambda - previous) < 1e-12) {
      const u2 = (cos2Alpha * (A * A - B * B)) / (B * B);
      const bigA = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
      const bigB = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
      const deltaSigma = bigB * sinSigma * (cos2SigmaM + (bigB / 4) * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) - (bigB / 6) * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
      return B * bigA * (sigma - deltaSigma);
    }
  }
  // Nearly antipodal points: Vincenty does not converge; the spherical distance is within 0.5 %.
  return haversine(p, q);
}

function haversine(p: Position, q: Position): number {
  const dLat = (q[1] - p[1]) * RAD;
  const dLon = (q[0] - p[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(p[1] * RAD) * Math.cos(q[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export const ST_DISTANCE = defineScalar({
  name: 'ST_DISTANCE',
  category: 'geospatial',
  minArgs: 2,
  doc: refPage('st-distance'),
  returnType: 'float',
  invoke(args: readonly AsaValue[]): AsaValue {
    const a = toShape('ST_DISTANCE', 0, args[0] ?? null);
    const b = toShape('ST_DISTANCE', 1, args[1] ?? null);
    if (a === null || b === null) return null;
    if (a.kind === 'Polygon' || b.kind === 'Polygon') return 0;
    let best = Infinity;
    for (const p of vertices(a)) for (const q of vertices(b)) best = Math.min(best, geodesicDistance(p, q));
    return best;
  },
});
