// Conditions on the parties of a 揭榜挂帅 project (承市科规〔2022〕1号 第四–六、十四、二十一条).
import type { Rule, RuleSet } from '../../engine/rules.js';
import type { Challenge, Demand } from './form.js';
import { cite, JIEBANG_DOCUMENT } from './funding.js';

type D = Rule<Demand>;
const fail = (message: string) => ({ outcome: 'fail' as const, message });
const pass = (message: string) => ({ outcome: 'pass' as const, message });
const tech = (d: Demand) => d.type === 'tech_breakthrough';

export const demanderRegistered: D = {
  id: 'demander_registered',
  citation: cite('第四条', '第（一）项'),
  summary: '技术攻关类项目由承德市域内注册且具有独立法人资格的企业提出需求。',
  check: (d) => {
    if (!tech(d)) return null;
    return d.demander.registeredInChengde && d.demander.independentLegalPerson
      ? pass('需求方在承德市域内注册，具有独立法人资格。')
      : fail('技术攻关类项目的需求方须为承德市域内注册、具有独立法人资格的企业。');
  },
};

export const demanderConditionsTech: D = {
  id: 'demander_conditions_tech',
  citation: cite('第五条', '第（一）项'),
  summary: '需求方须有迫切需求且难以自行解决、有明确研发目标、能率先应用、具备资金投入能力、信用良好。',
  check: (d) => {
    if (!tech(d)) return null;
    const c = d.conditions;
    const missing = [
      !c.urgentNeed && '1. 迫切需求且依靠自身能力难以解决',
      !c.clearTargets && '2. 明确的研发目标或技术参数',
      !c.appliesFirstInOwnEnterprise && '3. 率先在本企业应用',
      !c.fundingCapacity && '4. 资金投入能力和配套条件',
      !d.demander.creditClean3y && '5. 近 3 年无不良信用记录或重大违法行为',
    ].filter(Boolean);
    return missing.length ? fail(`需求方不满足：${missing.join('；')}。`) : pass('需求方同时具备第五条第（一）项所列条件。');
  },
};

export const demanderConditionsTransfer: D = {
  id: 'demander_conditions_transfer',
  citation: cite('第六条', '第（一）项'),
  summary: '成果转化类需求方须拥有拟转化成果的自主知识产权、有稳定的技术支撑团队、信用良好。',
  check: (d) => {
    if (tech(d)) return null;
    const missing = [
      !d.conditions.ownsIP && '1. 拥有拟转化成果的自主知识产权',
      !d.conditions.stableTeam && '2. 稳定的成果转化技术支撑团队',
      !d.demander.creditClean3y && '3. 近 3 年无不良信用记录或重大违法行为',
    ].filter(Boolean);
    return missing.length ? fail(`需求方不满足：${missing.join('；')}。`) : pass('需求方同时具备第六条第（一）项所列条件。');
  },
};

export const notFundedTwice: D = {
  id: 'not_funded_twice',
  citation: cite('第十四条'),
  summary: '已获得财政科技资金支持的项目，不得重复申报和多头申报。',
  check: (d) => (d.alreadyCityFunded ? fail('该项目已获得财政科技资金支持，不得重复申报“揭榜挂帅”项目。') : pass('未获得过财政科技资金支持。')),
};

export const durationLimit: D = {
  id: 'duration_limit',
  citation: cite('第二十一条'),
  summary: '项目实施期一般不超过 3 年。',
  check: (d) =>
    d.timeLimitMonths > 36
      ? fail(`时限要求 ${d.timeLimitMonths} 个月，超过实施期一般不超过 3 年的规定。`)
      : pass(`实施期 ${d.timeLimitMonths} 个月，未超过 3 年。`),
};

export const JIEBANG_RULES_2022: RuleSet<Demand> = {
  id: 'jiebang-2022',
  governingDocument: JIEBANG_DOCUMENT,
  // 第二十九条: 自印发之日起施行，有效期 5 年.
  period: { from: '2022-07-01', until: '2027-06-30' },
  validityCitation: cite('第二十九条'),
  rules: [demanderRegistered, demanderConditionsTech, demanderConditionsTransfer, notFundedTwice, durationLimit],
};

/** The conditions on a challenger, judged against the demand it answers (第四条, 第五条第（二）项, 第六条第（二）项). */
export function challengeFindings(d: Demand, c: Challenge) {
  const out: { rule: string; outcome: 'pass' | 'fail'; article: string; item: string | null; message: string }[] = [];
  const add = (rule: string, article: string, item: string | null, ok: boolean, good: string, bad: string) =>
    out.push({ rule, outcome: ok ? 'pass' : 'fail', article, item, message: ok ? good : bad });
  const sameUnit = c.party.unit.replace(/\s/g, '') === d.demander.unit.replace(/\s/g, '');
  add(
    'not_same_unit',
    '第四条',
    null,
    !sameUnit && !c.equityRelationWithDemander,
    '揭榜方与需求方不是同一单位，也无股权关联关系。',
    sameUnit ? '揭榜方与需求方为同一单位。' : '揭榜方与需求方有股权关联关系。',
  );
  if (tech(d)) {
    add(
      'challenger_tech',
      '第五条',
      '第（二）项',
      c.ownIP && c.stableTeam && c.party.creditClean3y,
      '揭榜方具备第五条第（二）项所列条件。',
      `揭榜方不满足：${[!c.ownIP && '1. 可行性方案及自主知识产权', !c.stableTeam && '2. 稳定的技术支撑队伍', !c.party.creditClean3y && '3. 近 3 年无不良信用记录'].filter(Boolean).join('；')}。`,
    );
  } else {
    add(
      'challenger_transfer',
      '第六条',
      '第（二）项',
      c.party.registeredInChengde && c.party.independentLegalPerson && c.stableTeam && c.fundsSiteMarket && c.party.creditClean3y,
      '揭榜方具备第六条第（二）项所列条件。',
      `揭榜方不满足：${[!(c.party.registeredInChengde && c.party.independentLegalPerson) && '1. 在承德市内注册、具有独立法人资格', !c.stableTeam && '2. 成果转化人才队伍', !c.fundsSiteMarket && '3. 资金、场地、市场等配套条件', !c.party.creditClean3y && '4. 近 3 年无不良信用记录'].filter(Boolean).join('；')}。`,
    );
  }
  return out.map((f) => ({ ...f, cites: `${JIEBANG_DOCUMENT} ${f.article}${f.item ?? ''}` }));
}
