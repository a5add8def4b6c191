/**
 * Web Mercator arithmetic for `<obec-map>`: where a point of the earth falls
 * on the tiles of a zoom level (256 px each), and back. Browser-only and tiny;
 * the server's geometry is in src/feedback/geo.ts.
 */
export const TILE = 256;

export interface LatLon {
  lat: number;
  lon: number;
}

/** Pixels of the whole world at a zoom level, from its top-left corner. */
export function project({ lat, lon }: LatLon, zoom: number): { x: number; y: number } {
  const size = TILE * 2 ** zoom;
  const sin = Math.min(Math.max(Math.sin((lat * Math.PI) / 180), -0.9999), 0.9999);
  return { x: ((lon + 180) / 360) * size, y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size };
}

export function unproject({ x, y }: { x: number; y: number }, zoom: number): LatLon {
  const size = TILE * 2 ** zoom;
  const n = Math.PI - (2 * Math.PI * y) / size;
  return { lat: (180 / Math.PI) * Math.atan(Math.sinh(n)), lon: (x / size) * 360 - 180 };
}

/** The tiles covering a view of `width` × `height` px whose top-left corner is `left`, `top` world px. */
export function tilesFor(left: number, top: number, width: number, height: number, zoom: number): { x: number; y: number; z: number }[] {
  const count = 2 ** zoom;
  const tiles: { x: number; y: number; z: number }[] = [];
  for (let y = Math.floor(top / TILE); y <= Math.floor((top + height) / TILE); y++) {
    if (y < 0 || y >= count) continue;
    for (let x = Math.floor(left / TILE); x <= Math.floor((left + width) / TILE); x++) tiles.push({ x, y, z: zoom });
  }
  return tiles;
}

/** A tile's URL from a `{z}/{x}/{y}` template (`{s}` becomes `a`); x wraps around the world. */
export function tileUrl(template: string, { x, y, z }: { x: number; y: number; z: number }): string {
  const count = 2 ** z;
  const wrapped = ((x % count) + count) % count;
  return template.replace('{s}', 'a').replace('{z}', String(z)).replace('{x}', String(wrapped)).replace('{y}', String(y));
}

/** Whether a point lies inside a polygon of `[lat, lon]` corners (ray casting). */
export function inside({ lat, lon }: LatLon, polygon: readonly (readonly number[])[]): boolean {
  let within = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [latI, lonI] = polygon[i] as [number, number];
    const [latJ, lonJ] = polygon[j] as [number, number];
    if (lonI > lon !== lonJ > lon && lat < ((latJ - latI) * (lon - lonI)) / (lonJ - lonI) + latI) within = !within;
  }
  return within;
}

/** Metres between two points (haversine). */
export function distance(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}
