/**
 * Plain geometry on WGS 84 points for problem reports, shared by the widgets
 * and the backend: whether a point is inside the town, and how far apart two
 * points are. No dependencies.
 */

/** Mean Earth radius in metres (IUGG). */
const EARTH_RADIUS = 6_371_008.8;

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** The great-circle distance of two points in metres (haversine). */
export function distanceMetres(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = radians(b.lat - a.lat);
  const dLon = radians(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Whether a point is inside a polygon of `[lat, lon]` vertices (closed or
 * not), by ray casting; a town is small enough for the plane to do. A point
 * exactly on an edge may go either way.
 */
export function insidePolygon(point: { lat: number; lon: number }, polygon: readonly (readonly number[])[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [latI, lonI] = polygon[i]!;
    const [latJ, lonJ] = polygon[j]!;
    if (latI === undefined || lonI === undefined || latJ === undefined || lonJ === undefined) continue;
    if (lonI > point.lon !== lonJ > point.lon && point.lat < ((latJ - latI) * (point.lon - lonI)) / (lonJ - lonI) + latI) inside = !inside;
  }
  return inside;
}

/** The latitude and longitude spans of a circle of `metres` around a point: a bounding box to query before measuring. */
export function boundingBox(center: { lat: number; lon: number }, metres: number): { minLat: number; maxLat: number; minLon: number; maxLon: number } {
  const dLat = (metres / EARTH_RADIUS) * (180 / Math.PI);
  const dLon = dLat / Math.max(Math.cos(radians(center.lat)), 1e-6);
  return { minLat: center.lat - dLat, maxLat: center.lat + dLat, minLon: center.lon - dLon, maxLon: center.lon + dLon };
}
