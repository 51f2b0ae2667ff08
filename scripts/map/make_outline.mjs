// Writes src/Maillage.Web/wwwroot/map/suisse.json, the map's served background: the outline of Switzerland from
// Natural Earth's 1:10m admin-0 countries (public domain, https://www.naturalearthdata.com/about/terms-of-use/),
// as packaged in the npm package world-atlas 2.0.2 (a devDependency of src/Maillage.Web/package.json).
// Run from the repository root after `npm ci --prefix src/Maillage.Web`:  node scripts/map/make_outline.mjs
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const web = new URL('../../src/Maillage.Web/', import.meta.url);
const require = createRequire(new URL('package.json', web));
const { feature } = require('topojson-client');
const atlas = JSON.parse(readFileSync(require.resolve('world-atlas/countries-10m.json'), 'utf8'));
const countries = feature(atlas, atlas.objects.countries).features;

// Switzerland and Liechtenstein, whose outline Swiss people expect to see on a map of the country.
const wanted = new Map([['756', 'Suisse'], ['438', 'Liechtenstein']]);
// Five decimals is about one metre: far finer than the 1:10m source, and keeps the file small.
const round = (ring) => ring.map(([x, y]) => [Math.round(x * 1e5) / 1e5, Math.round(y * 1e5) / 1e5]);
const features = countries.filter((f) => wanted.has(String(f.id))).map((f) => ({
  type: 'Feature',
  properties: { name: wanted.get(String(f.id)) },
  geometry: {
    type: f.geometry.type,
    coordinates: f.geometry.type === 'Polygon'
      ? f.geometry.coordinates.map(round)
      : f.geometry.coordinates.map((polygon) => polygon.map(round)),
  },
}));
if (features.length !== wanted.size) {
  throw new Error(`expected ${wanted.size} countries, found ${features.length}`);
}

const out = new URL('wwwroot/map/', web);
mkdirSync(out, { recursive: true });
writeFileSync(new URL('suisse.json', out), JSON.stringify({
  type: 'FeatureCollection',
  source: 'Natural Earth 1:10m admin-0 countries (public domain), via world-atlas 2.0.2',
  features,
}) + '\n');
console.log(`wrote ${features.length} outlines`);
