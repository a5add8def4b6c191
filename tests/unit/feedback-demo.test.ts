import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import * as z from 'zod/mini';
import { CategoryListSchema, PlaceSchema, TownAreaSchema } from '../../src/contract/feedback.js';

/**
 * The demo town's problem-report files (demo/feedback: TOWN_AREA,
 * TOWN_ADDRESSES, REPORT_CATEGORIES) agree with the contract and with each
 * other: a valid closed boundary, every address inside it, categories with
 * unique codes, each going to a department. Plain geometry here (degrees as
 * a flat plane: the town is 1.5 km across), independent of the backend's.
 */
const root = new URL('../../', import.meta.url);
const readJson = (path: string): unknown => JSON.parse(readFileSync(new URL(path, root), 'utf8'));

const area = TownAreaSchema.parse(readJson('demo/feedback/town-area.json'));
const addresses = z.array(PlaceSchema).parse(readJson('demo/feedback/addresses.json'));
const { categories } = CategoryListSchema.parse(readJson('demo/feedback/categories.json'));

type LatLon = [number, number];
const boundary = area.boundary as LatLon[];

/** Ray casting; a closing point equal to the first is an edge of length zero and changes nothing. */
function inside([lat, lon]: LatLon, polygon: LatLon[]): boolean {
  let result = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [latI, lonI] = polygon[i]!;
    const [latJ, lonJ] = polygon[j]!;
    if (lonI > lon !== lonJ > lon && lat < ((latJ - latI) * (lon - lonI)) / (lonJ - lonI) + latI) result = !result;
  }
  return result;
}

/** Whether the segments ab and cd cross (touching at an end point not counted). */
function cross(a: LatLon, b: LatLon, c: LatLon, d: LatLon): boolean {
  const side = (p: LatLon, q: LatLon, r: LatLon) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0;
}

/** Metres between two points (haversine). */
function metres([lat1, lon1]: LatLon, [lat2, lon2]: LatLon): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

describe('the demo town’s area (demo/feedback/town-area.json)', () => {
  test('the boundary is a closed ring of [lat, lon] pairs near Jihlava', () => {
    assert.ok(boundary.length >= 5, 'at least four corners and the closing point');
    for (const point of boundary) {
      assert.equal(point.length, 2);
      const [lat, lon] = point;
      assert.ok(lat > 49.3 && lat < 49.6 && lon > 15.4 && lon < 15.8, `${point} is [lat, lon] near Jihlava`);
    }
    assert.deepEqual(boundary.at(-1), boundary[0], 'the last point closes the ring');
    assert.equal(new Set(boundary.slice(0, -1).map(String)).size, boundary.length - 1, 'no corner twice');
  });

  test('the boundary is a simple polygon: no edge crosses another', () => {
    const edges = boundary.slice(0, -1).map((point, index) => [point, boundary[index + 1]!] as const);
    for (let i = 0; i < edges.length; i++) {
      for (let j = i + 2; j < edges.length; j++) {
        if (i === 0 && j === edges.length - 1) continue; // neighbours through the closing point
        assert.ok(!cross(edges[i]![0], edges[i]![1], edges[j]![0], edges[j]![1]), `edges ${i} and ${j} cross`);
      }
    }
  });

  test('the town is about 1.5 km across, the centre inside, a sensible zoom', () => {
    const lats = boundary.map(([lat]) => lat);
    const lons = boundary.map(([, lon]) => lon);
    const northSouth = metres([Math.min(...lats), lons[0]!], [Math.max(...lats), lons[0]!]);
    const westEast = metres([area.center.lat, Math.min(...lons)], [area.center.lat, Math.max(...lons)]);
    for (const span of [northSouth, westEast]) assert.ok(span > 1000 && span < 2500, `${Math.round(span)} m across`);
    assert.ok(inside([area.center.lat, area.center.lon], boundary), 'the map opens on the town');
    assert.ok(Number.isInteger(area.zoom) && area.zoom >= 13 && area.zoom <= 18);
    assert.equal(area.tiles, undefined, 'the tiles come from MAP_TILES, not the area file');
  });

  test('Jihlava’s square is outside (the flow tests report there and expect outside_town)', () => {
    assert.ok(!inside([49.3961, 15.5912], boundary));
  });
});

describe('the demo town’s addresses (demo/feedback/addresses.json)', () => {
  test('about forty addresses, each once, on the town’s streets', () => {
    assert.ok(addresses.length >= 35 && addresses.length <= 60, `${addresses.length} addresses`);
    assert.equal(new Set(addresses.map((place) => place.label)).size, addresses.length, 'no label twice');
    for (const place of addresses) assert.match(place.label, /^[\p{Lu}][\p{L} ]+ \d+, Javorná Lhota$/u);
    const streets = new Set(addresses.map((place) => place.label.replace(/ \d+,.*/, '')));
    for (const street of ['Návesní', 'Lipová', 'Školní']) assert.ok(streets.has(street), street);
  });

  test('every address is inside the town’s boundary', () => {
    const outside = addresses.filter((place) => !inside([place.lat, place.lon], boundary)).map((place) => place.label);
    assert.deepEqual(outside, []);
  });

  test('the town office’s address, Návesní 1, is there (the flow tests search for it)', () => {
    assert.ok(addresses.some((place) => place.label.startsWith('Návesní 1,')));
  });
});

describe('the report categories (demo/feedback/categories.json)', () => {
  test('six categories with unique codes usable as Open311 service codes', () => {
    assert.equal(categories.length, 6);
    assert.equal(new Set(categories.map((category) => category.code)).size, categories.length);
    for (const { code } of categories) assert.match(code, /^[a-z][a-z0-9-]*$/);
  });

  test('each goes to a department and has Czech and English names, descriptions and groups', () => {
    for (const category of categories) {
      assert.ok(category.department.trim().length > 3, `${category.code}: a department`);
      for (const text of [category.name, category.description, category.group]) {
        assert.ok(text?.cs.trim() && text.en?.trim(), `${category.code}: cs and en`);
      }
    }
  });

  test('the issue’s kinds are there: roads and pavements, lighting, street furniture, greenery, waste and dumps, other', () => {
    assert.deepEqual(
      categories.map((category) => category.code),
      ['roads', 'lighting', 'furniture', 'greenery', 'waste', 'other'],
    );
  });

  test('a group’s name is written the same way in every category of it', () => {
    const groups = new Map<string, string>();
    for (const { group } of categories) {
      const previous = groups.get(group!.cs);
      if (previous !== undefined) assert.equal(group!.en, previous, group!.cs);
      groups.set(group!.cs, group!.en!);
    }
  });
});
