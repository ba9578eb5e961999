// The rules of 隆政发〔2022〕11号 (隆化县农村宅基地审批和住房建设管理实施细则（试行）)
// that decide an application. One named rule per condition, each with its article.
import { ageOn } from '../../engine/personal-data.js';
import { figure, gazetteValue, type ParameterDef } from '../../engine/parameters.js';
import { MissingParameter, type Citation, type Rule, type RuleContext, type RuleSet } from '../../engine/rules.js';
import { ELIGIBILITY_GROUNDS, HOUSEHOLD_BASES, type HomesteadApplication } from './form.js';

export const GOVERNING_DOCUMENT = '隆政发〔2022〕11号';
const cite = (article: string, item: string | null = null): Citation => ({ document: GOVERNING_DOCUMENT, article, item });

const fig = (key: string, label: string, unit: string, value: number, citation: Citation, description: string): ParameterDef => ({
  key: `homestead.${key}`,
  label,
  unit,
  kind: 'number',
  description,
  values: [{ from: '2022-07-04', value, citation }],
});

/** The figures of 第十四条, 第十八条 and 第二十条 as dated parameters with their articles (src/engine/parameters.ts). */
export const HOMESTEAD_PARAMETERS = {
  minApplicantAge: fig('min_applicant_age', '申请人最低年龄', '周岁', 18, cite('第十四条', '第（一）项'), '年龄未满该岁数的，不予批准。'),
  maxNewPlotArea: fig(
    'max_plot_area_m2',
    '新批准宅基地每宗面积上限',
    '平方米',
    200,
    cite('第十八条'),
    '新批准宅基地每宗面积不超过该面积；分户时原有宅基地已达到的，不符合分户条件。',
  ),
  maxFloors: fig('max_floors', '建筑层数上限', '层', 3, cite('第二十条', '第二款'), '农民自建住房建筑层数原则上不得超过该层数。'),
  maxGroundFloorHeight: fig('max_ground_floor_height_m', '底层层高上限', '米', 4.5, cite('第二十条', '第二款'), '住房底层层高不超过该高度。'),
  maxStandardFloorHeight: fig('max_standard_floor_height_m', '标准层层高上限', '米', 3.6, cite('第二十条', '第二款'), '标准层层高不应超过该高度。'),
  maxBuildingDensity: fig('max_building_density', '建筑密度上限', '', 0.7, cite('第二十条', '第二款'), '建筑占地与宅基地面积之比（70% 记为 0.7）。'),
  permitInvestment: fig(
    'permit_investment_wan',
    '开工许可限额：工程投资额',
    '万元',
    100,
    cite('第二十条', '第二款'),
    '与建筑面积限额同时达到的，须办理开工许可。',
  ),
  permitFloorArea: fig(
    'permit_floor_area_m2',
    '开工许可限额：建筑面积',
    '平方米',
    500,
    cite('第二十条', '第二款'),
    '与工程投资额限额同时达到的，须办理开工许可。',
  ),
};
const P = HOMESTEAD_PARAMETERS;
type Figure = keyof typeof HOMESTEAD_PARAMETERS;
/** The figure in force on the case's date (a value recorded from a later document, else the article's own). */
const std = (ctx: RuleContext, k: Figure) => figure(P[k], ctx);

/** The article's own figures, for the texts that quote them (summaries, FAQs); rules read `std` at the case's date. */
export const STANDARDS = Object.fromEntries(Object.entries(P).map(([k, d]) => [k, gazetteValue(d)])) as Record<Figure, number>;

type R = Rule<HomesteadApplication>;
const isRebuild = (a: HomesteadApplication) => a.building.type === '原址翻建' || a.building.type === '改扩建';
const isNewPlot = (a: HomesteadApplication) => a.building.type === '易址新建' || a.building.type === '分户新建';

export const eligibleGround: R = {
  id: 'eligible_ground',
  citation: cite('第十二条'),
  summary: '农村村民符合第十二条所列条件之一的，可以以户为单位申请宅基地。',
  check: (a) =>
    !a.applicant.isCollectiveMember && a.eligibilityGround !== 'settled_member'
      ? { outcome: 'fail', message: '申请人不是本集体经济组织成员，不具备宅基地分配资格（“成员认定、以户取得、一户一宅”）。' }
      : { outcome: 'pass', message: `申请理由：${ELIGIBILITY_GROUNDS[a.eligibilityGround]}。` },
};

export const oneHousehold: R = {
  id: 'one_household',
  citation: cite('第十三条'),
  summary: '以户为单位申请，“户”按第十三条所列情形认定。',
  check: (a) => ({ outcome: 'pass', message: `认定为一户的依据：${HOUSEHOLD_BASES[a.household.basis]}；家庭成员 ${a.household.members.length} 人。` }),
};

export const minimumAge: R = {
  id: 'minimum_age',
  citation: cite('第十四条', '第（一）项'),
  summary: '年龄未满十八周岁的，不予批准。',
  check: (a, ctx) => {
    const age = ageOn(a.applicant.idNumber, ctx.date);
    return age < std(ctx, 'minApplicantAge')
      ? { outcome: 'fail', message: `申请人在申请日（${ctx.date}）为 ${age} 周岁，未满十八周岁。` }
      : { outcome: 'pass', message: `申请人在申请日已满十八周岁（${age} 周岁）。` };
  },
};

export const sitePlanned: R = {
  id: 'site_in_plan',
  citation: cite('第十四条', '第（二）项'),
  summary: '选址不符合国土空间规划、村庄规划的，不予批准。',
  check: (a) =>
    a.plot.inVillagePlan
      ? { outcome: 'pass', message: '选址符合国土空间规划和村庄规划。' }
      : { outcome: 'fail', message: '选址不符合国土空间规划、村庄规划。' },
};

export const existingPlotBelowStandard: R = {
  id: 'existing_plot_below_standard',
  citation: cite('第十四条', '第（三）项'),
  summary: '原有宅基地面积已经达到或超过分户后标准或者不符合分户条件的，不予批准。',
  check: (a, ctx) => {
    if (a.eligibilityGround !== 'household_split') return null;
    const area = a.currentHomestead.area ?? 0;
    return a.currentHomestead.has && area >= std(ctx, 'maxNewPlotArea')
      ? { outcome: 'fail', message: `原有宅基地面积 ${area} 平方米，已达到或超过标准（${std(ctx, 'maxNewPlotArea')} 平方米），不符合分户申请条件。` }
      : { outcome: 'pass', message: `原有宅基地面积 ${area} 平方米，低于标准，可申请分户。` };
  },
};

export const notSoldBefore: R = {
  id: 'not_sold_before',
  citation: cite('第十四条', '第（四）项'),
  summary: '将原有宅基地使用权或者住房出卖、出租、赠与后，再申请宅基地的，不予批准。',
  check: (a) =>
    a.currentHomestead.soldRentedOrGiftedBefore
      ? { outcome: 'fail', message: '申请人曾将原有宅基地或住房出卖、出租、赠与。' }
      : { outcome: 'pass', message: '未出卖、出租、赠与原有宅基地或住房。' },
};

export const returnsOldPlot: R = {
  id: 'returns_old_plot',
  citation: cite('第十四条', '第（五）项'),
  summary: '申请异地新建住宅，不同意将旧宅基地退回集体的，不予批准。',
  check: (a) => {
    if (a.building.type !== '易址新建' || !a.currentHomestead.has) return null;
    return a.currentHomestead.agreesToReturnOld
      ? { outcome: 'pass', message: '同意将旧宅基地退回集体（建新拆旧，第十九条第二款）。' }
      : { outcome: 'fail', message: '易址新建但未同意将旧宅基地退回集体。' };
  },
};

export const undisputedOwnership: R = {
  id: 'undisputed_ownership',
  citation: cite('第十四条', '第（六）项'),
  summary: '拟用地块权属有争议的，不予批准。',
  check: (a) => (a.plot.ownershipDisputed ? { outcome: 'fail', message: '拟用地块权属有争议。' } : { outcome: 'pass', message: '拟用地块权属无争议。' }),
};

const rebuildGround = (id: string, item: string, summary: string, field: keyof NonNullable<HomesteadApplication['rebuild']>, failure: string): R => ({
  id,
  citation: cite('第十五条', item),
  summary,
  check: (a) => {
    // 危房改造除外 (第十五条): a certified dangerous house may be rebuilt.
    if (!isRebuild(a) || !a.rebuild || a.building.certifiedDangerous) return null;
    return a.rebuild[field] ? { outcome: 'fail', message: failure } : { outcome: 'pass', message: `不属于“${summary.replace(/的，不予批准。$/, '')}”。` };
  },
});

export const rebuildKeepsOld = rebuildGround(
  'rebuild_new_without_demolition',
  '第（一）项',
  '建新不拆旧或者一户一宅以外的，不予批准。',
  'keepsOldHouse',
  '翻建、改扩建属建新不拆旧或一户一宅以外的情形。',
);
export const rebuildIllegalOriginal = rebuildGround(
  'rebuild_original_illegal',
  '第（二）项',
  '原住宅占地或建设行为违法的，不予批准。',
  'originalIllegal',
  '原住宅占地或建设行为违法。',
);
export const rebuildHeritage = rebuildGround(
  'rebuild_heritage',
  '第（三）项',
  '原住宅属文物保护单位或者省级以上历史文化名村保护规划确定的保留建筑风貌的，不予批准。',
  'heritageProtected',
  '原住宅属文物保护单位或需保留建筑风貌。',
);
export const rebuildExpropriation = rebuildGround(
  'rebuild_expropriation',
  '第（四）项',
  '原住宅已被列入县级以上人民政府征占范围的，不予批准。',
  'inExpropriationArea',
  '原住宅已被列入县级以上人民政府征占范围。',
);

export const renewalZone: R = {
  id: 'renewal_zone',
  citation: cite('第十条'),
  summary:
    '城镇开发边界内已纳入近期改造计划的村庄，不得新增村民住宅用地，不再允许翻建和改扩建，只可原状维修；经鉴定属于危房、符合“一户一宅”的，允许危房原址翻建。',
  check: (a) => {
    if (a.plot.zone !== 'renewal_plan')
      return {
        outcome: 'pass',
        message: `村庄位于${a.plot.zone === 'outside_boundary' ? '城镇开发边界外' : '城镇开发边界内、未纳入近期改造计划'}，按“农户申请、村级审查、乡镇审批”办理。`,
      };
    if (a.building.repairOnly) return { outcome: 'pass', message: '已纳入近期改造计划的村庄，申请为原状维修，允许。' };
    if (a.building.type === '原址翻建' && a.building.certifiedDangerous)
      return { outcome: 'pass', message: '已纳入近期改造计划的村庄，经鉴定属于危房，允许原址翻建。' };
    return { outcome: 'fail', message: `已纳入近期改造计划的村庄不得${isNewPlot(a) ? '新增住宅用地' : '翻建、改扩建'}，只可原状维修或经鉴定的危房原址翻建。` };
  },
};

export const renewalRebuildWithinOriginal: R = {
  id: 'renewal_rebuild_within_original',
  citation: cite('第十条'),
  summary: '进行危房原址翻建，翻建住宅控制在原有合法产权建筑面积和原基底范围内，不得改变使用性质。',
  check: (a) => {
    if (a.plot.zone !== 'renewal_plan' || a.building.type !== '原址翻建' || !a.building.certifiedDangerous || a.building.repairOnly) return null;
    const r = a.rebuild;
    if (!r || r.originalLegalFloorArea === undefined || r.originalFootprint === undefined || r.withinOriginalFootprint === undefined) {
      return { outcome: 'fail', message: '危房原址翻建须提供原有合法产权建筑面积、原住宅基底面积，并说明是否位于原基底范围内。' };
    }
    const problems: string[] = [];
    if (a.building.floorArea > r.originalLegalFloorArea)
      problems.push(`建筑面积 ${a.building.floorArea} 平方米超过原有合法产权建筑面积 ${r.originalLegalFloorArea} 平方米`);
    if (a.building.footprint > r.originalFootprint) problems.push(`建筑占地 ${a.building.footprint} 平方米超过原住宅基底面积 ${r.originalFootprint} 平方米`);
    if (!r.withinOriginalFootprint) problems.push('翻建住宅超出原基底范围');
    return problems.length
      ? { outcome: 'fail', message: `${problems.join('；')}。` }
      : {
          outcome: 'pass',
          message: `建筑面积 ${a.building.floorArea} 平方米 ≤ 原有合法产权建筑面积 ${r.originalLegalFloorArea} 平方米，建筑占地 ${a.building.footprint} 平方米 ≤ 原基底 ${r.originalFootprint} 平方米，位于原基底范围内。`,
        };
  },
};

export const newPlotArea: R = {
  id: 'new_plot_area',
  citation: cite('第十八条'),
  summary: `新批准宅基地每宗面积不超过 ${STANDARDS.maxNewPlotArea} 平方米。`,
  check: (a, ctx) => {
    if (!isNewPlot(a)) return null;
    return a.plot.area > std(ctx, 'maxNewPlotArea')
      ? { outcome: 'fail', message: `拟用地面积 ${a.plot.area} 平方米，超过 ${std(ctx, 'maxNewPlotArea')} 平方米的标准。` }
      : { outcome: 'pass', message: `拟用地面积 ${a.plot.area} 平方米，未超过 ${std(ctx, 'maxNewPlotArea')} 平方米。` };
  },
};

export const rebuildRegisteredArea: R = {
  id: 'rebuild_registered_area',
  citation: cite('第十九条'),
  summary: '利用已有宅基地翻、改、扩建的，按确权登记面积审批。',
  check: (a) => {
    if (!isRebuild(a)) return null;
    const reg = a.currentHomestead.registeredArea;
    if (reg === undefined) return { outcome: 'fail', message: '翻建、改扩建须提供宅基地确权登记面积。' };
    return a.plot.area > reg
      ? { outcome: 'fail', message: `拟用地面积 ${a.plot.area} 平方米，超过确权登记面积 ${reg} 平方米。` }
      : { outcome: 'pass', message: `拟用地面积 ${a.plot.area} 平方米，未超过确权登记面积 ${reg} 平方米。` };
  },
};

export const maxFloors: R = {
  id: 'max_floors',
  citation: cite('第二十条', '第二款'),
  summary: `农民自建住房建筑层数原则上不得超过${STANDARDS.maxFloors}层。`,
  check: (a, ctx) =>
    a.building.floors > std(ctx, 'maxFloors')
      ? { outcome: 'fail', message: `拟建 ${a.building.floors} 层，超过 ${std(ctx, 'maxFloors')} 层。` }
      : { outcome: 'pass', message: `拟建 ${a.building.floors} 层。` },
};

export const floorHeights: R = {
  id: 'floor_heights',
  citation: cite('第二十条', '第二款'),
  summary: `住房底层层高不超过 ${STANDARDS.maxGroundFloorHeight} 米，标准层层高不应超过 ${STANDARDS.maxStandardFloorHeight} 米。`,
  check: (a, ctx) => {
    const [ground, ...upper] = a.building.floorHeights;
    const problems: string[] = [];
    if (ground > std(ctx, 'maxGroundFloorHeight')) problems.push(`底层层高 ${ground} 米超过 ${std(ctx, 'maxGroundFloorHeight')} 米`);
    upper.forEach((h, i) => {
      if (h > std(ctx, 'maxStandardFloorHeight')) problems.push(`第 ${i + 2} 层层高 ${h} 米超过 ${std(ctx, 'maxStandardFloorHeight')} 米`);
    });
    return problems.length ? { outcome: 'fail', message: problems.join('；') + '。' } : { outcome: 'pass', message: '各层层高符合标准。' };
  },
};

export const buildingDensity: R = {
  id: 'building_density',
  citation: cite('第二十条', '第二款'),
  summary: '建筑密度控制在 70% 以内。',
  check: (a, ctx) => {
    const density = a.building.footprint / a.plot.area;
    const pct = Math.round(density * 1000) / 10;
    return density > std(ctx, 'maxBuildingDensity')
      ? {
          outcome: 'fail',
          message: `建筑密度 ${pct}%（占地 ${a.building.footprint} / 宅基地 ${a.plot.area} 平方米），超过 ${Math.round(std(ctx, 'maxBuildingDensity') * 1000) / 10}%。`,
        }
      : { outcome: 'pass', message: `建筑密度 ${pct}%，在 ${Math.round(std(ctx, 'maxBuildingDensity') * 1000) / 10}% 以内。` };
  },
};

export const constructionPermit: R = {
  id: 'construction_permit',
  citation: cite('第二十条', '第二款'),
  summary:
    '限额（工程投资额达到 100 万元，建筑面积达到 500 平方米）以上工程应依法办理乡村建设规划许可和开工许可后方可建设；限额以下的，在办理乡村建设规划许可的基础上由县级住房城乡建设部门指导。',
  // Both figures must be reached, as in the national rule it restates (建筑工程施工许可管理办法: below
  // 30 万元 *or* below 300 m² needs no permit), so a small house with a costly fit-out needs none.
  check: (a, ctx) => {
    const inv = a.building.investment >= std(ctx, 'permitInvestment');
    const area = a.building.floorArea >= std(ctx, 'permitFloorArea');
    const compared = `工程投资额 ${a.building.investment} 万元${inv ? '达到' : '未达到'} ${std(ctx, 'permitInvestment')} 万元，建筑面积 ${a.building.floorArea} 平方米${area ? '达到' : '未达到'} ${std(ctx, 'permitFloorArea')} 平方米`;
    return inv && area
      ? { outcome: 'info', message: `${compared}：两项均达到限额，除乡村建设规划许可外还须依法办理开工许可，并接受住房城乡建设部门质量安全监督。` }
      : { outcome: 'info', message: `${compared}：未同时达到限额，属限额以下农村住房建设，办理乡村建设规划许可即可，无须开工许可。` };
  },
};

export const completeMaterials: R = {
  id: 'complete_materials',
  citation: cite('第十七条'),
  summary: '申请须提交申请表、承诺书、四邻协议书等材料；填写不完整的退回申请人补正（第十六条）。',
  check: (a) => {
    const missing = [!a.commitmentSigned && '农村宅基地使用承诺书', !a.neighbours.agreementSigned && '农村建房四邻协议书'].filter(Boolean);
    return missing.length
      ? { outcome: 'fail', message: `材料不全：未签署${missing.join('、')}，应补正后再申请。` }
      : { outcome: 'pass', message: '承诺书、四邻协议书已签署。' };
  },
};

/** 第二十条第二款: both limits reached → a construction permit; read at the application date (recorded values when given). */
export function needsConstructionPermit(a: HomesteadApplication, ctx: RuleContext = { date: a.applicationDate }): boolean {
  try {
    return a.building.investment >= std(ctx, 'permitInvestment') && a.building.floorArea >= std(ctx, 'permitFloorArea');
  } catch (e) {
    // No figure on that date: the permit rule's finding says so; no permit is asserted.
    if (e instanceof MissingParameter) return false;
    throw e;
  }
}

/** The rules of 隆政发〔2022〕11号, in force 2022-07-04 for 2 years (第三十五条). */
export const HOMESTEAD_RULES_2022: RuleSet<HomesteadApplication> = {
  id: 'homestead-2022',
  governingDocument: GOVERNING_DOCUMENT,
  period: { from: '2022-07-04', until: '2024-07-03' },
  validityCitation: cite('第三十五条'),
  rules: [
    eligibleGround,
    oneHousehold,
    minimumAge,
    sitePlanned,
    existingPlotBelowStandard,
    notSoldBefore,
    returnsOldPlot,
    undisputedOwnership,
    rebuildKeepsOld,
    rebuildIllegalOriginal,
    rebuildHeritage,
    rebuildExpropriation,
    renewalZone,
    renewalRebuildWithinOriginal,
    newPlotArea,
    rebuildRegisteredArea,
    maxFloors,
    floorHeights,
    buildingDensity,
    constructionPermit,
    completeMaterials,
  ],
};
