// The rules of 承市政字〔2022〕24号 (承德市养老服务体系建设“十四五”规划) and 承市政办字〔2022〕47号 (its
// 实施意见) about one older person: who is a 特殊困难老年人 (24号 三、（一）2.: 经济困难的空巢、留守、失能、残疾、
// 高龄老年人以及计划生育特殊家庭老年人), who is entitled to the 高龄津贴 (80 周岁以上: 24号 三、（一）3., 47号
// 二、（二）1.（6）) and from which day, and the monthly visits with their target 月探访率 100 % (24号 二、（三）
// table row 6, 三、（一）3.; 47号 二、（一）6., 二、（二）1.（5））. Each rule cites the anchor as the parser gives
// it and QUOTES the words it rests on (checked against the library by the tests).
//
// Neither document sets an amount for the 高龄津贴: the amount is a county parameter entered with the local
// document that sets it (src/procedures/elderly/rate.ts); until then the roster says 金额未设定.
import { birthDateOf } from '../../engine/personal-data.js';
import { evaluate, type Citation, type Finding, type Rule, type RuleSet } from '../../engine/rules.js';
import { anniversary, fullYears } from '../village-doctor/person.js';

export const PLAN = '承市政字〔2022〕24号';
export const OPINION = '承市政办字〔2022〕47号';

/** The words each anchor rests on, as printed (the parser's text of the unit contains them). */
export const QUOTES: Record<string, Record<string, string>> = {
  [PLAN]: {
    '三、（一）1.':
      '通过政府购买服务等方式，按照国家标准统一开展老年人能力综合评估，评估结果各部门互认、按需使用，作为发放老年人补贴、接受养老服务的重要依据。',
    '三、（一）2.': '重点为经济困难的空巢、留守、失能、残疾、高龄老年人以及计划生育特殊家庭老年人等（以下统称特殊困难老年人）提供服务。',
    '三、（一）3.': '健全80周岁以上老年人高龄津贴制度。',
    '三、（一）3.#visits':
      '建立特殊困难老年人定期探访制度。以行政村为单位、依托基层行政、村民自治组织和邻里互助力量，建立特殊困难老年人定期巡访制度，督促家庭成员履行赡养扶养义务，提供相应援助服务，帮助解决基本生活安全问题。',
    '三、（二）1.': '通过电话、视频、探访等多种形式，定期为特殊困难老年人提供身心关爱服务。',
    '三、（四）2.':
      '建立养老服务机构备案信用承诺制度，备案申请人提交按有关法律、法规和国家标准开展服务活动的书面承诺并向社会公开，书面承诺履约情况记入信用记录。',
  },
  [OPINION]: {
    '二、（一）6.': '特殊困难老年人月探访率达到100%',
    '二、（二）1.（5）': '开展特殊困难老年人定期探访,支持基层组织、社会组织等为特殊困难老年人提供访视与帮扶服务。',
    '二、（二）1.（6）': '完善80周岁以上老年人高龄津贴制度。',
  },
};

export const cite = (document: string, article: string, item: string | null = null): Citation => ({ document, article, item });
/** The quote of a citation (the visits paragraph of 三、（一）3. is the second quote of that unit). */
export const quoteOf = (c: Citation, key?: string) => QUOTES[c.document]?.[key ?? c.article + (c.item ?? '')] ?? '';

/** The figures of the texts. 高龄 is read as 80 周岁以上, the age of the 高龄津贴 both documents name. */
export const STANDARDS = {
  allowanceAge: 80, // 24号 三、（一）3.; 47号 二、（二）1.（6）: 80周岁以上 (以上 includes 80)
  visitRateTarget: 100, // 24号 二、（三） table row 6; 47号 二、（一）6.: 月探访率 100 %
} as const;

export const SPECIAL = cite(PLAN, '三、（一）2.');
export const ASSESSMENT = cite(PLAN, '三、（一）1.');
export const ALLOWANCE = cite(OPINION, '二、（二）1.（6）');
export const ALLOWANCE_PLAN = cite(PLAN, '三、（一）3.');
export const VISITS = cite(OPINION, '二、（二）1.（5）');
export const VISITS_PLAN = cite(PLAN, '三、（一）3.');
export const VISIT_RATE = cite(OPINION, '二、（一）6.');
export const VISIT_FORMS = cite(PLAN, '三、（二）1.');

/** The household situations the register records (居住状况). 空巢 and 留守 are the words of 三、（一）2. */
export const HOUSEHOLDS = {
  alone: '独居',
  empty_nest: '空巢（仅与配偶同住）',
  left_behind: '留守（子女长期外出）',
  with_family: '与子女或其他亲属同住',
  institution: '入住养老机构',
} as const;
export type Household = keyof typeof HOUSEHOLDS;

/** The categories recorded with their source (who determined them, e.g. the county's 特困人员名册). */
export const CATEGORIES = {
  tekun: '特困人员',
  dibao: '最低生活保障对象',
  low_income: '其他经济困难（低收入家庭等）',
  disabled_care: '失能',
  disability: '残疾',
  family_planning: '计划生育特殊家庭',
} as const;
export type Category = keyof typeof CATEGORIES;
const ECONOMIC: Category[] = ['tekun', 'dibao', 'low_income'];

/** What the rules read of a person: the 身份证号 (birth date), household, categories, and the day judged. */
export interface ElderlyFacts {
  idNumber: string;
  birthDate?: string;
  household: Household;
  categories: Partial<Record<Category, { source: string; since?: string }>>;
  asOf: string;
}

export const birthOf = (p: Pick<ElderlyFacts, 'idNumber' | 'birthDate'>) => p.birthDate ?? birthDateOf(p.idNumber);
/** Full years (周岁) on a day: reached on the birthday itself; a 29 February birthday on 1 March in common years. */
export const ageOn = (p: Pick<ElderlyFacts, 'idNumber' | 'birthDate'>, date: string) => fullYears(birthOf(p), date);
/** The day the person turns 80 (周岁): the first day of the 高龄津贴 entitlement. */
export const turns80On = (p: Pick<ElderlyFacts, 'idNumber' | 'birthDate'>) => anniversary(birthOf(p), STANDARDS.allowanceAge);

/** Why a person is a 特殊困难老年人 on a day (三、（一）2.), or an empty list. */
export function specialReasons(p: ElderlyFacts, date = p.asOf): string[] {
  const has = (c: Category) => Boolean(p.categories[c]);
  const reasons: string[] = [];
  const economic = ECONOMIC.filter(has);
  if (economic.length) {
    const kinds: string[] = [];
    if (p.household === 'empty_nest' || p.household === 'alone') kinds.push(p.household === 'alone' ? '独居（空巢）' : '空巢');
    if (p.household === 'left_behind') kinds.push('留守');
    if (has('disabled_care')) kinds.push('失能');
    if (has('disability')) kinds.push('残疾');
    if (ageOn(p, date) >= STANDARDS.allowanceAge) kinds.push('高龄');
    if (kinds.length) reasons.push(`经济困难（${economic.map((c) => CATEGORIES[c]).join('、')}）的${kinds.join('、')}老年人`);
  }
  if (has('family_planning')) reasons.push('计划生育特殊家庭老年人');
  return reasons;
}

export const isSpecial = (p: ElderlyFacts, date = p.asOf) => specialReasons(p, date).length > 0;

type R = Rule<ElderlyFacts>;

export const specialDifficulty: R = {
  id: 'special_difficulty',
  citation: SPECIAL,
  summary: '经济困难的空巢、留守、失能、残疾、高龄老年人以及计划生育特殊家庭老年人，统称特殊困难老年人，纳入定期探访。',
  check: (p, ctx) => {
    const why = specialReasons(p, ctx.date);
    return why.length
      ? { outcome: 'pass', message: `属特殊困难老年人：${why.join('；')}。纳入定期探访，每月至少探访一次（月探访率目标 100%）。` }
      : { outcome: 'info', message: '不属特殊困难老年人（经济困难的空巢、留守、失能、残疾、高龄老年人或计划生育特殊家庭老年人）。' };
  },
};

export const highAgeAllowance: R = {
  id: 'high_age_allowance',
  citation: ALLOWANCE,
  summary: '80 周岁以上老年人享受高龄津贴（金额由县级文件确定，本系统按录入的标准计算）。',
  check: (p, ctx) => {
    const on = turns80On(p);
    const age = ageOn(p, ctx.date);
    return ctx.date >= on
      ? { outcome: 'pass', message: `${ctx.date} ${age} 周岁，自 ${on}（满 80 周岁之日）起享受高龄津贴。` }
      : { outcome: 'info', message: `${ctx.date} ${age} 周岁，${on} 满 80 周岁，届时起享受高龄津贴。` };
  },
};

export const ELDERLY_RULES: RuleSet<ElderlyFacts> = {
  id: 'elderly-2022',
  governingDocument: PLAN,
  // The plan runs to 2025 (十四五) and sets no term of validity of its own; the rules stay open-ended.
  period: { from: '2022-06-22', until: null },
  validityCitation: null,
  rules: [specialDifficulty, highAgeAllowance],
};

export interface ElderlyAssessment {
  age: number;
  turns80On: string;
  allowance: boolean;
  special: boolean;
  reasons: string[];
  findings: Finding[];
}

/** Everything the rules say about one person on the day judged. */
export function assessElderly(p: ElderlyFacts): ElderlyAssessment {
  return {
    age: ageOn(p, p.asOf),
    turns80On: turns80On(p),
    allowance: p.asOf >= turns80On(p),
    special: isSpecial(p),
    reasons: specialReasons(p),
    findings: evaluate(ELDERLY_RULES.rules, p, { date: p.asOf }),
  };
}
