// The rules of 承市政办字〔2022〕48号 (加快发展保障性租赁住房的实施意见) on a project, one named rule per
// condition with its article and the words it rests on (QUOTES, checked against the library by the tests), and
// the benefits a 项目认定书 unlocks — each under the conditions its own article states (三、（一）（二）（四）（五）).
// Figures are parameters (src/engine/parameters.ts): the city's 70 平方米 and 15 %, and what each county sets.
import { z } from 'zod';
import { addYears } from '../../calendar/dates.js';
import { checkAreaPath } from '../../platform/areas.js';
import { told, type ParameterDef, type ParameterReader } from '../../engine/parameters.js';
import { citeText, evaluate, type Citation, type Finding, type Rule, type RuleSet } from '../../engine/rules.js';
import { ORIGINAL_USES, totalFloorArea, totalUnits, UTILITIES, type Project } from './form.js';

export const GOVERNING_DOCUMENT = '承市政办字〔2022〕48号';

/** A county of 承德市 (the plans and the 公租房 list are kept per county). */
export const CountySchema = z
  .string({ error: '请填写县（市、区）' })
  .trim()
  .min(1, '请填写县（市、区）')
  .max(40)
  .refine((c) => !checkAreaPath({ county: c }, 'county'), { message: '没有这个县（市、区）' })
  .meta({ title: '县（市、区）' });

/** The rule set of a register kept under 48号 that decides nothing itself (a plan, a list): in force from the opinion's date. */
export const recordsOnly = <A>(id: string): RuleSet<A> => ({
  id,
  governingDocument: GOVERNING_DOCUMENT,
  period: { from: '2022-06-30', until: null },
  validityCitation: null,
  rules: [],
});
export const cite = (article: string): Citation => ({ document: GOVERNING_DOCUMENT, article, item: null });

/** The words each rule rests on, as the library holds them (anchors of the parser). */
export const QUOTES: Record<string, string> = {
  '二、（二）': '以建筑面积不超过70平方米的小户型为主',
  '二、（二）·租金': '租金价格应低于同地段同品质市场租赁住房租金价格',
  '二、（二）·评估': '市场租金价格原则上由各县（市、区）住房和城乡建设部门一年组织评估一次',
  '二、（四）': '水、电、气、暖、路、信等城市基础设施要配套齐全',
  '二、（五）': '不得将保障性租赁住房转租转借。已享受公租房保障的家庭，不得申请保障性租赁住房。',
  '二、（五）·抽查': '不定期抽查保障性租赁住房使用情况',
  '二、（六）': '各县（市、区）政府要制定实施办法，包括政策措施、准入退出条件、申请分配流程等。',
  '三、（一）1.': '比例上限由7 %提高到15%',
  '三、（一）1.·商品住宅': '严禁建设成套商品住宅',
  '三、（一）2.': '用作保障性租赁住房期间，不变更土地使用性质，不补缴土地价款',
  '三、（二）': '授权住房和城乡建设部门出具项目认定书，相关部门办理立项、用地、规划、施工、消防等手续',
  '三、（二）·用地': '不涉及土地权属变化的项目，可用原用地手续等材料作为土地证明文件，不再办理用地手续',
  '三、（四）': '比照适用住房租赁增值税、房产税等税收优惠政策',
  '三、（四）·配套费': '按保障性租赁住房建筑面积免收城市基础设施配套费',
  '三、（五）': '用水、用电、用气价格按照居民标准执行',
  '四、（一）': '不得重复享受中央补助支持',
};
/** The anchor of a quote key (a key may carry ·suffix when one article gives several rules). */
export const anchorOf = (key: string) => key.split('·')[0];

export const PARAM = {
  smallUnit: 'rental_housing.small_unit_max_m2',
  parkRatio: 'rental_housing.park_support_ratio_max_pct',
  marketRent: 'rental_housing.market_rent_per_m2',
  entryConditions: 'rental_housing.entry_conditions',
  exitConditions: 'rental_housing.exit_conditions',
} as const;

const ISSUED = '2022-06-30';
const COUNTY_HOUSING = ['county_housing'];

export const RENTAL_HOUSING_PARAMETERS: ParameterDef[] = [
  {
    key: PARAM.smallUnit,
    label: '小户型建筑面积上限',
    unit: '平方米',
    kind: 'number',
    description: '保障性租赁住房以不超过该面积的小户型为主；各县（市、区）可确定本地小户型的具体面积。',
    values: [{ from: ISSUED, value: 70, citation: cite('二、（二）') }],
    local: { roles: COUNTY_HOUSING, delegatedBy: cite('二、（二）') },
  },
  {
    key: PARAM.parkRatio,
    label: '产业园区配套设施用地比例上限（经属地政府同意）',
    unit: '%',
    kind: 'number',
    description: '工业项目配套建设行政办公及生活服务设施的用地面积占项目总用地面积的比例上限（由 7% 提高到 15%）。',
    values: [{ from: ISSUED, value: 15, citation: cite('三、（一）1.') }],
  },
  {
    key: PARAM.marketRent,
    label: '同地段同品质市场租金（县级评估）',
    unit: '元/平方米·月',
    kind: 'number',
    description: '由县（市、区）住房和城乡建设部门原则上一年组织评估一次；项目申报时未附评估结果的，按本县录入的值判断。',
    values: [],
    local: { roles: COUNTY_HOUSING, delegatedBy: cite('二、（二）') },
  },
  {
    key: PARAM.entryConditions,
    label: '准入条件',
    unit: '',
    kind: 'text',
    description: '承租人的准入条件，由各县（市、区）政府确定；未录入的，不能判断承租人是否符合条件。',
    values: [],
    local: { roles: COUNTY_HOUSING, delegatedBy: cite('二、（六）') },
  },
  {
    key: PARAM.exitConditions,
    label: '退出条件',
    unit: '',
    kind: 'text',
    description: '承租人的退出条件，由各县（市、区）政府确定。',
    values: [],
    local: { roles: COUNTY_HOUSING, delegatedBy: cite('二、（六）') },
  },
];

/** What the rules read: the project, and the parameters in force on its date. */
export interface ProjectFacts {
  project: Project;
  parameter: ParameterReader;
}
type R = Rule<ProjectFacts>;
const pct = (x: number) => `${Math.round(x * 100) / 100}%`;

/** The small-unit threshold in force for the project's county: its own figure, else the city's 70 平方米. */
export const smallUnitLimit = (f: ProjectFacts) => f.parameter(PARAM.smallUnit, f.project.place.county);

export const smallUnitsMainly: R = {
  id: 'small_units_mainly',
  citation: cite('二、（二）'),
  summary: '以建筑面积不超过 70 平方米（或本县确定的面积）的小户型为主：按套数计，小户型超过半数。',
  check: (f) => {
    const limit = smallUnitLimit(f)!;
    const max = Number(limit.value);
    const small = f.project.units.filter((u) => u.floorArea <= max).reduce((n, u) => n + u.count, 0);
    const all = totalUnits(f.project);
    const share = (small / all) * 100;
    const facts = `建筑面积不超过 ${told(limit, '平方米')}的小户型 ${small} 套，占全部 ${all} 套的 ${pct(share)}`;
    // 以……为主: more than half of the units (by count), the reading this rule applies.
    return small * 2 > all
      ? { outcome: 'pass', message: `${facts}，以小户型为主。` }
      : { outcome: 'fail', message: `${facts}，未达到半数，不是以小户型为主。` };
  },
};

/** The market rent the project is judged against: its own assessment, else the county's recorded value. */
export function marketRentOf(f: ProjectFacts): { value: number; source: string; assessedOn: string } | null {
  const own = f.project.rent.market;
  if (own) return { value: own.value, source: `${own.assessedBy} ${own.assessedOn} 评估`, assessedOn: own.assessedOn };
  const county = f.parameter(PARAM.marketRent, f.project.place.county);
  return county ? { value: Number(county.value), source: told(county, '元/平方米·月'), assessedOn: county.from } : null;
}

export const rentBelowMarket: R = {
  id: 'rent_below_market',
  citation: cite('二、（二）'),
  summary: '租金价格应低于同地段同品质市场租赁住房租金价格。',
  check: (f) => {
    const m = marketRentOf(f);
    const planned = f.project.rent.planned;
    if (!m)
      return {
        outcome: 'fail',
        message: `${f.project.place.county}尚未录入市场租金，申报也未附评估结果：无法判断计划租金 ${planned} 元/平方米·月是否低于市场租金（市场租金由县住房和城乡建设部门一年组织评估一次）。`,
      };
    return planned < m.value
      ? { outcome: 'pass', message: `计划租金 ${planned} 元/平方米·月，低于市场租金 ${m.value} 元/平方米·月（${m.source}）。` }
      : { outcome: 'fail', message: `计划租金 ${planned} 元/平方米·月，不低于市场租金 ${m.value} 元/平方米·月（${m.source}）；租金应低于市场租金。` };
  },
};

export const marketRentCurrent: R = {
  id: 'market_rent_assessed_within_a_year',
  citation: cite('二、（二）'),
  summary: '市场租金原则上一年评估一次。',
  check: (f, ctx) => {
    const m = marketRentOf(f);
    if (!m) return null;
    return addYears(m.assessedOn, 1) < ctx.date
      ? { outcome: 'info', message: `市场租金评估于 ${m.assessedOn}，距申报已超过一年，宜重新评估。` }
      : { outcome: 'pass', message: `市场租金评估于 ${m.assessedOn}，在一年之内。` };
  },
};

export const parkRatio: R = {
  id: 'park_support_ratio',
  citation: cite('三、（一）1.'),
  summary: '产业园区配套设施用地比例上限由 7% 提高到 15%，须经属地县（市、区）政府同意。',
  check: (f) => {
    const p = f.project.park;
    if (f.project.kind !== 'park' || !p) return null;
    const max = Number(f.parameter(PARAM.parkRatio, f.project.place.county)!.value);
    const ratio = (p.supportLandArea / p.projectLandArea) * 100;
    const facts = `配套设施用地 ${p.supportLandArea} 平方米，占项目总用地 ${p.projectLandArea} 平方米的 ${pct(ratio)}`;
    // Compared without rounding: 15.01 % is over the limit.
    if (p.supportLandArea * 100 > max * p.projectLandArea) return { outcome: 'fail', message: `${facts}，超过上限 ${max}%。` };
    if (p.supportLandArea * 100 > 7 * p.projectLandArea && !p.countyConsent)
      return { outcome: 'fail', message: `${facts}，超过 7%，须经属地县（市、区）政府同意方可提高至 ${max}%。` };
    return { outcome: 'pass', message: `${facts}，未超过${p.supportLandArea * 100 > 7 * p.projectLandArea ? `经同意提高后的上限 ${max}%` : ' 7%'}。` };
  },
};

export const parkNoCommercialFlats: R = {
  id: 'park_no_commercial_flats',
  citation: cite('三、（一）1.'),
  summary: '提高部分主要用于建设宿舍型保障性租赁住房，严禁建设成套商品住宅。',
  check: (f) => {
    if (f.project.kind !== 'park') return null;
    return f.project.park?.commercialFlats
      ? { outcome: 'fail', message: '产业园区配套用地严禁建设成套商品住宅。' }
      : { outcome: 'pass', message: '建设宿舍型保障性租赁住房，不建设成套商品住宅；主要面向符合条件的园区职工供应。' };
  },
};

export const conversionConditions: R = {
  id: 'conversion_conditions',
  citation: cite('三、（一）2.'),
  summary: '非居住存量房屋改建须符合规划原则、权属不变、满足安全要求、尊重群众意愿；用作保障性租赁住房期间不变更土地使用性质，不补缴土地价款。',
  check: (f) => {
    const c = f.project.conversion;
    if (f.project.kind !== 'conversion' || !c) return null;
    const missing = [
      [c.planningConforms, '符合规划原则'],
      [c.rightsUnchanged, '权属不变'],
      [c.safetyMet, '满足安全要求'],
      [c.residentsConsulted, '尊重群众意愿'],
    ]
      .filter(([ok]) => !ok)
      .map(([, label]) => label);
    return missing.length
      ? { outcome: 'fail', message: `${ORIGINAL_USES[c.originalUse]}改建，尚不满足：${missing.join('、')}。` }
      : { outcome: 'pass', message: `${ORIGINAL_USES[c.originalUse]}改建：不变更土地使用性质，不补缴土地价款；面向全社会符合条件的保障对象供应。` };
  },
};

export const quality: R = {
  id: 'quality_and_fit_out',
  citation: cite('二、（四）'),
  summary: '符合建办标〔2021〕19号等要求；水、电、气、暖、路、信配套齐全；提供基本装修，具备入住条件。',
  check: (f) => {
    const q = f.project.quality;
    const lacking = (Object.keys(UTILITIES) as (keyof typeof UTILITIES)[]).filter((k) => !q.utilities.includes(k)).map((k) => UTILITIES[k]);
    const problems = [
      ...(q.standard ? [] : ['未确认符合建办标〔2021〕19号']),
      ...(q.basicFitOut ? [] : ['未提供基本装修']),
      ...(lacking.length ? [`${lacking.join('、')}未配套`] : []),
    ];
    return problems.length
      ? { outcome: 'fail', message: `${problems.join('；')}。` }
      : { outcome: 'pass', message: '符合集中式租赁住房建设适用标准，基础设施配套齐全，提供基本装修。' };
  },
};

export const noDoubleCentralSubsidy: R = {
  id: 'no_double_central_subsidy',
  citation: cite('四、（一）'),
  summary: '存量公租房、政府公房等纳入保障性租赁住房的，不得重复享受中央补助支持。',
  check: (f) => {
    if (f.project.kind !== 'public_stock') return null;
    return f.project.publicStock?.centralSubsidyReceived
      ? { outcome: 'info', message: '原房源已享受中央补助：纳入保障性租赁住房后不得再申请中央补助资金。' }
      : { outcome: 'info', message: '纳入保障性租赁住房的存量公租房等，不得重复享受中央补助支持。' };
  },
};

export const landDocuments: R = {
  id: 'land_documents',
  citation: cite('三、（二）'),
  summary: '不涉及土地权属变化的项目，可用原用地手续等材料作为土地证明文件，不再办理用地手续。',
  check: (f) =>
    f.project.land.rightsChange
      ? { outcome: 'info', message: '涉及土地权属变化：认定后须办理用地手续。' }
      : { outcome: 'pass', message: `不涉及土地权属变化：以原用地手续（${f.project.land.documents}）作为土地证明文件，不再办理用地手续。` },
};

export const PROJECT_RULES: R[] = [
  smallUnitsMainly,
  rentBelowMarket,
  marketRentCurrent,
  parkRatio,
  parkNoCommercialFlats,
  conversionConditions,
  quality,
  noDoubleCentralSubsidy,
  landDocuments,
];

export const RENTAL_HOUSING_RULES_2022: RuleSet<ProjectFacts> = {
  id: 'rental-housing-2022',
  governingDocument: GOVERNING_DOCUMENT,
  // The opinion sets no term: in force from its date until a later document says otherwise.
  period: { from: ISSUED, until: null },
  validityCitation: null,
  rules: PROJECT_RULES,
};

export interface Benefit {
  name: string;
  citation: Citation;
  cites: string;
}
const benefit = (name: string, c: Citation): Benefit => ({ name, citation: c, cites: citeText(c) });

/**
 * What the 认定书 unlocks for this project, exactly as the articles condition it: the 配套费 waiver for every
 * project (配建 included), by its floor area; the tax and residential-price treatment only for conversions of
 * non-residential stock; the land terms of the kind of land it uses.
 */
export function benefitsOf(p: Project): Benefit[] {
  const out: Benefit[] = [benefit(`按保障性租赁住房建筑面积（${totalFloorArea(p)} 平方米）免收城市基础设施配套费`, cite('三、（四）'))];
  if (p.kind === 'conversion') {
    out.push(benefit('比照适用住房租赁增值税、房产税等税收优惠政策', cite('三、（四）')));
    out.push(benefit('用水、用电、用气价格按照居民标准执行', cite('三、（五）')));
    out.push(benefit('用作保障性租赁住房期间，不变更土地使用性质，不补缴土地价款', cite('三、（一）2.')));
  }
  if (p.kind === 'park' && p.park && p.park.supportLandArea * 100 > 7 * p.park.projectLandArea)
    out.push(benefit('工业项目配套设施用地面积比例上限由 7% 提高到 15%（经属地政府同意）', cite('三、（一）1.')));
  if (!p.land.rightsChange) out.push(benefit('可用原用地手续等材料作为土地证明文件，不再办理用地手续', cite('三、（二）')));
  return out;
}

export interface ProjectAssessment {
  recognisable: boolean;
  findings: Finding[];
  benefits: Benefit[];
}

export function assessProject(p: Project, parameter: ParameterReader, set: RuleSet<ProjectFacts> = RENTAL_HOUSING_RULES_2022): ProjectAssessment {
  const findings = evaluate(set.rules, { project: p, parameter }, { date: p.filedOn });
  const recognisable = !findings.some((f) => f.outcome === 'fail');
  return { recognisable, findings, benefits: recognisable ? benefitsOf(p) : [] };
}
