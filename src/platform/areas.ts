// Jurisdiction as an area path. Rural: 县 → 乡镇 → 村; urban: 县/区 → 街道 → 社区 — the same three
// levels (a 街道 stands where a 乡镇 does, a 社区 where a 村 does), with the city above them all.
// A procedure names its levels for screens (areaLabels); the engine only compares paths.

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
