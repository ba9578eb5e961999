// 基本养老服务清单 as data (承市政字〔2022〕24号 三、（一）1.; 承市政办字〔2022〕47号 二、（二）1.（1））: 服务对象、
// 服务内容、服务标准、支出责任. The city's own 清单 is not in the gazette, so this list holds only the services the
// two documents themselves name for a group of older people, each with the words it rests on; where the texts
// set no standard or no split of spending, the entry says so instead of filling it in. Who a service is for is
// a predicate over the register's facts, so a person's page can list what they may receive.
import { citeLink, citeText, type Citation } from '../../engine/rules.js';
import { ageOn, cite, isSpecial, OPINION, PLAN, STANDARDS, type ElderlyFacts } from './rules.js';

export const NOT_SET = '文件未规定';

export interface ServiceItem {
  id: string;
  name: string;
  /** 健康、失能、经济困难 (24号 三、（一）1.: 对健康、失能、经济困难等不同老年人群体，分类提供…) */
  group: '全体老年人' | '高龄' | '失能' | '经济困难' | '特殊困难';
  recipients: string;
  content: string;
  standard: string;
  spending: string;
  /** 责任单位 as 47号 prints them. */
  responsible: string;
  citations: { citation: Citation; quote: string }[];
  for: (p: ElderlyFacts) => boolean;
}

const q = (document: string, article: string, quote: string) => ({ citation: cite(document, article), quote });
const has = (p: ElderlyFacts, ...cs: (keyof ElderlyFacts['categories'])[]) => cs.some((c) => Boolean(p.categories[c]));
const economic = (p: ElderlyFacts) => has(p, 'tekun', 'dibao', 'low_income');
const aged = (p: ElderlyFacts) => ageOn(p, p.asOf) >= STANDARDS.allowanceAge;

export const SERVICE_LIST: ServiceItem[] = [
  {
    id: 'ability_assessment',
    name: '老年人能力综合评估',
    group: '全体老年人',
    recipients: '老年人（评估结果作为发放老年人补贴、接受养老服务的重要依据）',
    content: '按照国家标准统一开展老年人能力综合评估，评估结果各部门互认、按需使用',
    standard: '国家标准（文件未写明标准名称和编号）',
    spending: `通过政府购买服务等方式；支出责任划分${NOT_SET}`,
    responsible: '市民政局、市财政局，各县市区人民政府',
    citations: [
      q(
        PLAN,
        '三、（一）1.',
        '通过政府购买服务等方式，按照国家标准统一开展老年人能力综合评估，评估结果各部门互认、按需使用，作为发放老年人补贴、接受养老服务的重要依据。',
      ),
      q(OPINION, '二、（二）1.（1）', '通过政府购买服务等方式,开展老年人能力综合评估。'),
    ],
    for: () => true,
  },
  {
    id: 'high_age_allowance',
    name: '高龄津贴',
    group: '高龄',
    recipients: '80周岁以上老年人（自满 80 周岁之日起）',
    content: '按月发放高龄津贴',
    standard: `${NOT_SET}：以县（市、区）文件为准，县民政局录入标准及依据文件后计算`,
    spending: NOT_SET,
    responsible: '市民政局、市财政局、市医疗保障局，各县市区人民政府',
    citations: [q(PLAN, '三、（一）3.', '健全80周岁以上老年人高龄津贴制度。'), q(OPINION, '二、（二）1.（6）', '完善80周岁以上老年人高龄津贴制度。')],
    for: aged,
  },
  {
    id: 'service_subsidy',
    name: '经济困难高龄老年人养老服务补贴',
    group: '经济困难',
    recipients: '经济困难的高龄老年人',
    content: '养老服务补贴，建立动态调整机制，与长期护理保险等政策衔接',
    standard: NOT_SET,
    spending: NOT_SET,
    responsible: '市民政局、市财政局、市医疗保障局，各县市区人民政府',
    citations: [
      q(
        PLAN,
        '三、（一）3.',
        '建立经济困难高龄老年人养老服务补贴和经济困难失能老年人护理补贴动态调整机制，做好与重度残疾人护理补贴、长期护理保险等政策的衔接。',
      ),
      q(OPINION, '二、（二）1.（6）', '建立经济困难的高龄、失能老年人养老服务补贴、护理补贴动态调整机制,做好与重度残疾人护理补贴、长期护理保险等政策衔接。'),
    ],
    for: (p) => economic(p) && aged(p),
  },
  {
    id: 'care_subsidy',
    name: '经济困难失能老年人护理补贴',
    group: '失能',
    recipients: '经济困难的失能老年人',
    content: '护理补贴，建立动态调整机制，与重度残疾人护理补贴、长期护理保险等政策衔接',
    standard: NOT_SET,
    spending: NOT_SET,
    responsible: '市民政局、市财政局、市医疗保障局，各县市区人民政府',
    citations: [
      q(
        PLAN,
        '三、（一）3.',
        '建立经济困难高龄老年人养老服务补贴和经济困难失能老年人护理补贴动态调整机制，做好与重度残疾人护理补贴、长期护理保险等政策的衔接。',
      ),
      q(OPINION, '二、（二）1.（6）', '建立经济困难的高龄、失能老年人养老服务补贴、护理补贴动态调整机制,做好与重度残疾人护理补贴、长期护理保险等政策衔接。'),
    ],
    for: (p) => economic(p) && has(p, 'disabled_care'),
  },
  {
    id: 'regular_visits',
    name: '特殊困难老年人定期探访',
    group: '特殊困难',
    recipients: '特殊困难老年人（经济困难的空巢、留守、失能、残疾、高龄老年人以及计划生育特殊家庭老年人）',
    content: '以行政村为单位定期巡访，督促家庭成员履行赡养扶养义务，提供相应援助服务；可通过电话、视频、探访等形式',
    standard: '月探访率 100%（每人每月至少一次）',
    spending: NOT_SET,
    responsible: '市民政局，各县市区人民政府',
    citations: [
      q(PLAN, '三、（一）3.', '以行政村为单位、依托基层行政、村民自治组织和邻里互助力量，建立特殊困难老年人定期巡访制度'),
      q(OPINION, '二、（一）6.', '特殊困难老年人月探访率达到100%'),
      q(OPINION, '二、（二）1.（5）', '开展特殊困难老年人定期探访,支持基层组织、社会组织等为特殊困难老年人提供访视与帮扶服务。'),
    ],
    for: (p) => isSpecial(p),
  },
  {
    id: 'home_adaptation',
    name: '居家适老化改造',
    group: '经济困难',
    recipients: '分散供养特困人员中的高龄、失能、残疾老年人家庭',
    content: '居家适老化改造',
    standard: NOT_SET,
    spending: `采取政府补贴等方式；补贴标准${NOT_SET}`,
    responsible: '市民政局、市财政局、市残联按职责分工负责，各县市区人民政府',
    citations: [
      q(PLAN, '三、（一）3.', '采取政府补贴等方式，对分散供养特困人员中的高龄、失能、残疾老年人家庭实施居家适老化改造。'),
      q(OPINION, '二、（二）1.（2）', '采取政府补贴等方式,支持分散供养特困人员中的高龄、失能、残疾老年人家庭实施居家适老化改造。'),
    ],
    // 分散供养: a 特困人员 not living in an institution.
    for: (p) => has(p, 'tekun') && p.household !== 'institution' && (aged(p) || has(p, 'disabled_care', 'disability')),
  },
  {
    id: 'public_institution',
    name: '公办养老机构集中供养和优先服务',
    group: '特殊困难',
    recipients: '有意愿的特困老年人（集中供养）；特殊困难老年人（重点服务）',
    content: '在满足有意愿的特困老年人集中供养需求前提下，公办养老机构重点为特殊困难老年人提供服务',
    standard: NOT_SET,
    spending: NOT_SET,
    responsible: '市发展改革委、市民政局、市财政局按职责分工负责，各县市区人民政府',
    citations: [
      q(
        PLAN,
        '三、（一）2.',
        '在满足有意愿的特困老年人集中供养需求前提下，重点为经济困难的空巢、留守、失能、残疾、高龄老年人以及计划生育特殊家庭老年人等（以下统称特殊困难老年人）提供服务。',
      ),
    ],
    for: (p) => has(p, 'tekun') || isSpecial(p),
  },
  {
    id: 'family_doctor',
    name: '老年人家庭医生签约服务',
    group: '全体老年人',
    recipients: '老年人',
    content: '家庭医生签约服务，健全老年人健康档案',
    standard: NOT_SET,
    spending: NOT_SET,
    responsible: '市卫生健康委，各县市区人民政府',
    citations: [
      q(PLAN, '三、（五）2.', '实施老年人家庭医生签约服务，健全老年人健康档案'),
      q(OPINION, '二、（二）5.（26）', '推进老年人家庭医生签约服务，健全老年人健康档案'),
    ],
    for: () => true,
  },
  {
    id: 'home_medical',
    name: '家庭病床、上门巡诊等居家医疗服务',
    group: '失能',
    recipients: '失能、慢性病、高龄、残疾等行动不便或确有困难的老年人',
    content: '有条件的医疗卫生机构提供家庭病床、上门巡诊等居家医疗服务（慢性病未在名册中登记，由医疗卫生机构认定）',
    standard: NOT_SET,
    spending: NOT_SET,
    responsible: '市卫生健康委，各县市区人民政府',
    citations: [
      q(PLAN, '三、（五）2.', '支持有条件的医疗卫生机构为失能、慢性病、高龄、残疾等行动不便或确有困难的老年人提供家庭病床、上门巡诊等居家医疗服务。'),
    ],
    for: (p) => aged(p) || has(p, 'disabled_care', 'disability'),
  },
  {
    id: 'emergency_call',
    name: '医疗救助呼救系统',
    group: '特殊困难',
    recipients: '特殊困难老年人',
    content: '运用互联网、物联网等技术手段提供紧急救援服务',
    standard: '到2025年覆盖所有特殊困难老年人',
    spending: NOT_SET,
    responsible: '市民政局，各县市区人民政府',
    citations: [q(PLAN, '三、（二）1.', '到2025年，医疗救助呼救系统覆盖所有特殊困难老年人。')],
    for: (p) => isSpecial(p),
  },
];

/** The services of the list a person may receive on the day of the facts. */
export const servicesFor = (p: ElderlyFacts) => SERVICE_LIST.filter((s) => s.for(p)).map((s) => s.id);

/** The list as the API and the page show it: every field with its citations as printed and their quotes. */
export const serviceListView = () =>
  SERVICE_LIST.map(({ for: _for, citations, ...s }) => ({
    ...s,
    citations: citations.map((c) => ({ cites: citeText(c.citation), link: citeLink(c.citation), quote: c.quote })),
  }));
