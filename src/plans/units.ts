// Responsible units as printed in the plans, and their normalisation.
//
// The plans name the same office in several spellings (市卫健委 / 市卫生健康委,
// 市发改委 / 市发展改革委 …). The alias table below maps each printed spelling
// to one canonical name. It is data, and it has to be hand-written: the gazette
// never says that two spellings are the same office. Add a line when a new
// spelling appears (the tests list every unit name found in the sample, so an
// unknown spelling shows up there).

export const UNIT_ALIASES: Record<string, string> = {
  市卫健委: '市卫生健康委',
  市发改委: '市发展改革委',
  市工信局: '市工业和信息化局',
  市人社局: '市人力资源和社会保障局',
  市市场监管局: '市市场监督管理局',
  市住建局: '市住房和城乡建设局',
  // 承市政办字〔2022〕48号 prints 市住房和城乡建设局 (the canonical name); the shorter official form is the same office.
  市住房城乡建设局: '市住房和城乡建设局',
  市林草局: '市林业和草原局',
  市城管局: '市城市管理综合行政执法局',
  行政审批局: '市行政审批局',
  市旅游文化和广电局: '市旅游和文化广电局',
  人行承德中心支行: '人民银行承德市中心支行',
  人行承德市中心支行: '人民银行承德市中心支行',
};

/** County-level governments: "各县（市、区）人民政府", "各县市区人民政府", "有关市县政府" … */
const COUNTY_GOVERNMENTS = /^(各|有关)?县[（(]?市[、,，]?区[）)]?(人民)?政府$|^有关市县政府$|^各县[（(]市、区[）)]政府$/;
export const COUNTY_GOVERNMENTS_LABEL = '各县（市、区）人民政府';

export function normalizeUnit(raw: string): string {
  let u = raw.trim().replace(/\s+/g, '').replace(/[(]/g, '（').replace(/[)]/g, '）');
  u = u.replace(/^(以及|及|和)/, '');
  if (COUNTY_GOVERNMENTS.test(u) || /^各县（市、区）人民政府$/.test(u)) return COUNTY_GOVERNMENTS_LABEL;
  return UNIT_ALIASES[u] ?? u;
}

export type UnitRole = 'lead' | 'co' | 'implementing';

export interface ResponsibleUnit {
  unit: string; // canonical
  printed: string; // as printed
  role: UnitRole;
}

export interface Responsibility {
  raw: string; // the parenthetical as printed, without the brackets
  units: ResponsibleUnit[];
  /** "以下均需…落实，不再一一列出": units that implement every later measure of the document. */
  appliesToFollowing: string[];
}

const RESPONSIBILITY_WORDS = /牵头|负责|责任单位|责任部门/;

/** Top-level bracketed groups of a text (full- or half-width), nesting respected. */
export function bracketGroups(text: string): { start: number; end: number; inner: string }[] {
  const out: { start: number; end: number; inner: string }[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '（' || ch === '(') {
      if (depth === 0) start = i;
      depth++;
    } else if ((ch === '）' || ch === ')') && depth > 0) {
      depth--;
      if (depth === 0) out.push({ start, end: i + 1, inner: text.slice(start + 1, i) });
    }
  }
  // A parenthetical the printer left unclosed at the end of the text ("（责任单位：市教育局，有关\n市县政府)" closes; this catches truly open ones).
  if (depth > 0 && start >= 0) out.push({ start, end: text.length, inner: text.slice(start + 1) });
  return out;
}

/** Does this bracketed text name responsible units? (and not, e.g., "（以下简称…）" or "（约束性指标）") */
export function isResponsibility(inner: string): boolean {
  const t = inner.replace(/\s+/g, '');
  if (!RESPONSIBILITY_WORDS.test(t)) return false;
  return /^(责任单位|责任部门)[:：]/.test(t) || /^(市|各|承德|人行|人民银行|团市委|有关)/.test(t);
}

/** Splits at any of the separator characters that are outside brackets. */
export function splitOutside(text: string, separators: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '（' || ch === '(') depth++;
    if ((ch === '）' || ch === ')') && depth > 0) depth--;
    if (depth === 0 && separators.includes(ch)) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function splitUnits(list: string): string[] {
  return splitOutside(list.replace(/等市.*?领导小组各成员单位$/, '').replace(/等(市直)?(各)?(相关|有关)?(部门|单位)?$/, ''), '、')
    .map((s) => s.trim())
    .filter((s) => s.length > 1);
}

/** Reads a parenthetical such as "市残联、市卫健委牵头，市委宣传部、…按职责分工负责" or "责任单位：市民政局，各县市区人民政府". */
export function parseResponsibility(inner: string): Responsibility {
  const raw = inner.replace(/\s+/g, '');
  let t = raw.replace(/^(责任单位|责任部门)[:：]/, '');
  const appliesToFollowing: string[] = [];
  const following = /以下均需(.+?)落实[，,]?不再一一列出/.exec(t);
  if (following) {
    for (const u of splitOutside(following[1].replace(/和(承德高新区|高新区|御道口)/g, '、$1'), '、')) if (u) appliesToFollowing.push(normalizeUnit(u));
    t = t.slice(0, following.index);
  }
  const units: ResponsibleUnit[] = [];
  const add = (printed: string, role: UnitRole) => {
    const unit = normalizeUnit(printed);
    const r: UnitRole = unit === COUNTY_GOVERNMENTS_LABEL || /管委会$/.test(unit) ? 'implementing' : role;
    if (!units.some((x) => x.unit === unit)) units.push({ unit, printed, role: r });
  };
  const segments = splitOutside(t, '，,；;。')
    .map((s) => s.trim())
    .filter(Boolean);
  let hasLead = false;
  segments.forEach((seg, i) => {
    let m: RegExpExecArray | null;
    if ((m = /^(.+?)牵头(.*)$/.exec(seg))) {
      splitUnits(m[1]).forEach((u) => add(u, 'lead'));
      hasLead = true;
      if (m[2]) splitUnits(m[2].replace(/^[，,]/, '').replace(/(按职责分工)?负责$/, '')).forEach((u) => add(u, 'co'));
    } else if ((m = /^(.+?)(按职责分工|分工)?负责(落实)?$/.exec(seg))) {
      const list = m[1].replace(/和(承德高新区|高新区)/, '、$1');
      // After a 牵头 segment the others are co-units; without one, the units named first share the lead.
      splitUnits(list).forEach((u) => add(u, hasLead || i > 0 ? (m![3] ? 'implementing' : 'co') : 'lead'));
      if (!hasLead && i === 0) hasLead = true;
    } else {
      splitUnits(seg.replace(/和(承德高新区|高新区)/, '、$1')).forEach((u) => add(u, i === 0 ? 'lead' : 'co'));
      if (i === 0) hasLead = true;
    }
  });
  return { raw, units, appliesToFollowing };
}
