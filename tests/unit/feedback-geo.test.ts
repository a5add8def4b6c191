import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { boundingBox, distanceMetres, insidePolygon } from '../../src/feedback/geo.js';

const root = new URL('../../', import.meta.url);
const readJson = <T>(path: string): T => JSON.parse(readFileSync(new URL(path, root), 'utf8')) as T;

/** Metres of one degree of latitude on the mean Earth (IUGG radius). */
const DEGREE = (6_371_008.8 * Math.PI) / 180;
const near = (actual: number, expected: number, tolerance: number, what = '') =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what} ${actual} is not within ${tolerance} of ${expected}`);

describe('distanceMetres: the great-circle distance (haversine)', () => {
  test('zero for the same point, the same both ways', () => {
    const office = { lat: 49.4338, lon: 15.5828 };
    const school = { lat: 49.4296, lon: 15.594 };
    assert.equal(distanceMetres(office, office), 0);
    assert.equal(distanceMetres(office, school), distanceMetres(school, office));
  });

  test('a degree of latitude, and of longitude shrinking with the latitude', () => {
    near(distanceMetres({ lat: 49, lon: 15 }, { lat: 50, lon: 15 }), DEGREE, 0.01, 'a degree north');
    near(distanceMetres({ lat: 0, lon: 15 }, { lat: 0, lon: 16 }), DEGREE, 0.01, 'a degree east on the equator');
    near(distanceMetres({ lat: 60, lon: 15 }, { lat: 60, lon: 16 }), DEGREE / 2, 20, 'a degree east at 60° (about half)');
  });

  test('known distances: Prague to Brno about 185 km, in town about 150 m', () => {
    near(distanceMetres({ lat: 50.0875, lon: 14.4213 }, { lat: 49.1951, lon: 16.6068 }), 185_000, 2_000, 'Prague–Brno');
    near(distanceMetres({ lat: 49.4325, lon: 15.587 }, { lat: 49.4325 + 150 / DEGREE, lon: 15.587 }), 150, 0.01, '150 m north');
  });

  test('antipodes: half the circumference, no NaN from rounding', () => {
    const half = distanceMetres({ lat: 49.4325, lon: 15.587 }, { lat: -49.4325, lon: 15.587 - 180 });
    near(half, 180 * DEGREE, 1, 'antipodes');
    assert.ok(Number.isFinite(half));
  });
});

describe('insidePolygon: a point in a [lat, lon] polygon', () => {
  const square = [
    [49, 15],
    [49, 16],
    [50, 16],
    [50, 15],
  ];
  /** A "U": the notch between its arms (49.5–50 north, 15.4–15.6 east) is outside. */
  const u = [
    [49, 15],
    [49, 16],
    [50, 16],
    [50, 15.6],
    [49.5, 15.6],
    [49.5, 15.4],
    [50, 15.4],
    [50, 15],
  ];

  test('inside and outside a square, closed or not', () => {
    const closed = [...square, square[0]!];
    for (const polygon of [square, closed]) {
      assert.equal(insidePolygon({ lat: 49.5, lon: 15.5 }, polygon), true);
      assert.equal(insidePolygon({ lat: 50.5, lon: 15.5 }, polygon), false, 'north of it');
      assert.equal(insidePolygon({ lat: 49.5, lon: 14.9 }, polygon), false, 'west of it');
      assert.equal(insidePolygon({ lat: 48.9, lon: 16.1 }, polygon), false, 'beyond a corner');
    }
  });

  test('a concave polygon: the notch is outside, the arms and the base inside', () => {
    assert.equal(insidePolygon({ lat: 49.8, lon: 15.5 }, u), false, 'in the notch');
    assert.equal(insidePolygon({ lat: 49.8, lon: 15.2 }, u), true, 'the west arm');
    assert.equal(insidePolygon({ lat: 49.8, lon: 15.8 }, u), true, 'the east arm');
    assert.equal(insidePolygon({ lat: 49.2, lon: 15.5 }, u), true, 'the base');
  });

  test('the order of the corners does not matter', () => {
    const reversed = [...u].reverse();
    for (const point of [{ lat: 49.8, lon: 15.5 }, { lat: 49.8, lon: 15.2 }, { lat: 49.2, lon: 15.5 }]) {
      assert.equal(insidePolygon(point, reversed), insidePolygon(point, u));
    }
  });

  test('no polygon, or too few corners, has no inside; malformed corners are skipped', () => {
    assert.equal(insidePolygon({ lat: 49.5, lon: 15.5 }, []), false);
    assert.equal(insidePolygon({ lat: 49.5, lon: 15.5 }, [[49.5, 15.5]]), false);
    assert.equal(insidePolygon({ lat: 49.5, lon: 15.5 }, [[49, 15], [50, 16]]), false);
    assert.doesNotThrow(() => insidePolygon({ lat: 49.5, lon: 15.5 }, [[49], [50, 16], [50, 15]]));
  });

  test('the demo town: its centre and every address inside, Jihlava and Prague outside', () => {
    const area = readJson<{ boundary: number[][]; center: { lat: number; lon: number } }>('demo/feedback/town-area.json');
    const addresses = readJson<{ label: string; lat: number; lon: number }[]>('demo/feedback/addresses.json');
    assert.equal(insidePolygon(area.center, area.boundary), true);
    assert.deepEqual(addresses.filter((place) => !insidePolygon(place, area.boundary)).map((place) => place.label), []);
    assert.equal(insidePolygon({ lat: 49.3961, lon: 15.5912 }, area.boundary), false, 'Jihlava');
    assert.equal(insidePolygon({ lat: 50.0875, lon: 14.4213 }, area.boundary), false, 'Prague');
  });
});

describe('boundingBox: the box around a circle, to query before measuring', () => {
  const center = { lat: 49.4325, lon: 15.587 };

  test('the circle’s northmost, southmost, eastmost and westmost points are on its edges', () => {
    const box = boundingBox(center, 150);
    near(distanceMetres(center, { lat: box.maxLat, lon: center.lon }), 150, 0.01, 'north');
    near(distanceMetres(center, { lat: box.minLat, lon: center.lon }), 150, 0.01, 'south');
    // along a parallel the great circle bends towards the pole, so a hair less than 150 m
    near(distanceMetres(center, { lat: center.lat, lon: box.maxLon }), 150, 0.1, 'east');
    near(distanceMetres(center, { lat: center.lat, lon: box.minLon }), 150, 0.1, 'west');
  });

  test('wider in degrees of longitude than of latitude away from the equator, symmetric around the centre', () => {
    const box = boundingBox(center, 1000);
    assert.ok(box.maxLon - box.minLon > box.maxLat - box.minLat);
    near(center.lat - box.minLat, box.maxLat - center.lat, 1e-12);
    near(center.lon - box.minLon, box.maxLon - center.lon, 1e-12);
  });

  test('every point within the distance lies in the box', () => {
    const box = boundingBox(center, 150);
    for (let bearing = 0; bearing < 360; bearing += 15) {
      const rad = (bearing * Math.PI) / 180;
      const point = {
        lat: center.lat + (149 / DEGREE) * Math.cos(rad),
        lon: center.lon + (149 / DEGREE / Math.cos((center.lat * Math.PI) / 180)) * Math.sin(rad),
      };
      assert.ok(distanceMetres(center, point) <= 150, `${bearing}°`);
      assert.ok(point.lat >= box.minLat && point.lat <= box.maxLat && point.lon >= box.minLon && point.lon <= box.maxLon, `${bearing}° in the box`);
    }
  });

  test('near a pole the box stays finite', () => {
    const box = boundingBox({ lat: 90, lon: 0 }, 150);
    assert.ok(Number.isFinite(box.minLon) && Number.isFinite(box.maxLon));
  });
});
