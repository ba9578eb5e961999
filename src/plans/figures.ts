// Reading printed figures: "≥2.5", ">80%", "22平方米", "力争达到8人",
// "比2020年下降10%以上", "完成省定目标任务", "—" …

export type Comparison = 'gte' | 'gt' | 'lte' | 'lt' | 'eq' | 'decrease_by' | 'status';
export type Direction = 'higher' | 'lower' | 'maintain';

export const COMPARISON_LABEL: Record<Comparison, string> = {
  gte: '≥',
  gt: '>',
  lte: '≤',
  lt: '<',
  eq: '=',
  decrease_by: '比基期下降',
  status: '定性目标（按状态跟踪）',
};

export interface ParsedFigure {
  text: string; // as printed (cleaned)
  value: number | null;
  op: Comparison | null; // the operator printed with the figure, if any
  unit: string | null; // a unit printed with the figure ("平方米", "%")
  /** For "比2020年下降10%以上": the year the decrease is measured from. */
  fromYear?: number;
  blank: boolean; // the cell is empty in print
  notAvailable: boolean; // printed as — / --- (no data)
  qualitative: boolean; // words, not a number
}

const NUM = '(\\d+(?:\\.\\d+)?)';

export function cleanText(s: string): string {
  return s
    .replace(/\s*_\{([^}]*)\}/g, '$1')
    .replace(/\s*([³²])/g, '$1')
    .replace(/\s+/g, '')
    .replace(/＞/g, '>')
    .replace(/＜/g, '<')
    .replace(/％/g, '%')
    .replace(/[(]/g, '（')
    .replace(/[)]/g, '）')
    .trim();
}

export function parseFigure(raw: string | null | undefined): ParsedFigure {
  const text = cleanText(raw ?? '');
  const base: ParsedFigure = { text, value: null, op: null, unit: null, blank: false, notAvailable: false, qualitative: false };
  if (!text) return { ...base, blank: true };
  if (/^[—\-–]+$/.test(text)) return { ...base, notAvailable: true };
  let m: RegExpExecArray | null;
  if ((m = new RegExp(`^比(\\d{4})年(?:下降|降低)${NUM}%(以上)?$`).exec(text))) {
    return { ...base, value: Number(m[2]), op: 'decrease_by', unit: '%', fromYear: Number(m[1]) };
  }
  m = new RegExp(`^(≥|>|≤|<|不低于|不少于|不高于|不超过|力争达到|达到)?${NUM}(%|[\\u4e00-\\u9fa5]{1,4}?)?(以上|以下)?$`).exec(text);
  if (m) {
    const opWord = m[1];
    let op: Comparison | null = null;
    if (opWord === '≥' || opWord === '不低于' || opWord === '不少于' || m[4] === '以上') op = 'gte';
    else if (opWord === '>') op = 'gt';
    else if (opWord === '≤' || opWord === '不高于' || opWord === '不超过' || m[4] === '以下') op = 'lte';
    else if (opWord === '<') op = 'lt';
    else if (opWord === '力争达到' || opWord === '达到') op = 'gte';
    return { ...base, value: Number(m[2]), op, unit: m[3] ?? null };
  }
  return { ...base, qualitative: true };
}

/** Splits "市区空气中PM2.5浓度（ug/m³）" into name and unit. */
export function splitNameUnit(raw: string): { name: string; unit: string | null; starred: boolean } {
  let t = cleanText(raw);
  let unit: string | null = null;
  const m = /（([^（）]{1,12})）$/.exec(t);
  if (m && !/[县市区]$/.test(m[1])) {
    unit = m[1];
    t = t.slice(0, m.index);
  }
  const starred = /\*$/.test(t);
  t = t.replace(/\*$/, '');
  return { name: t, unit, starred };
}

/**
 * Whether lower values are better, when the plan prints no operator. The
 * gazette does not say it for a bare figure ("地表水劣Ⅴ类水体比例 0 → 0"), so
 * the words of the indicator decide; the list is data and deliberately short.
 */
export const LOWER_IS_BETTER = [/劣Ⅴ类/, /排放量$/, /浓度$/, /重污染天气/, /事故/, /能耗$|能源消耗$/, /违法/, /发生起数/];

export function lowerIsBetter(name: string): boolean {
  return LOWER_IS_BETTER.some((r) => r.test(name)) && !/减排量|下降|降低/.test(name);
}
