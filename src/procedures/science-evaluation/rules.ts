// The rules of 承市政办字〔2022〕46号 (完善科技成果评价机制的实施意见) on an evaluation: the categories and their key
// indicators as the 附件《科技成果评价内容清单》 and 二、（二） give them (the criteria experts score), and the grounds a
// conclusion may not rest on — 二、（三） 破“四唯”: titles, degrees, honours, awards, posts and project counts are not
// grounds at all, paper counts never the only one; 二、（四） patent counts are not a criterion by themselves.
import type { Citation } from '../../engine/rules.js';
import { EVALUATION_DOCUMENT } from '../research-integrity/index.js';

export const cite = (article: string): Citation => ({ document: EVALUATION_DOCUMENT, article, item: null });
export const PROCEDURE_STANDARD = '《科技成果评价标准》（T/CHTIA 001-2021）';

/** The words the rules rest on, as the library holds them. */
export const QUOTES: Record<string, string> = {
  '二、（二）': '科技成果评价分基础研究、应用研究、技术开发和产业化三类实施。',
  '二、（三）': '不把成果完成人的职称、学历、头衔、获奖情况、行政职务、承担科研项目数量等作为科技成果评价、科研项目绩效评价和人才计划评审的参考依据',
  '二、（三）·论文': '不把论文数量、代表作数量、影响因子作为唯一的量化考核评价指标',
  '二、（四）': '杜绝简单以申请量、授权量为评价指标',
  '二、（五）': '重点在项目的产业发展需求度，技术先进性与可行性，预期成效和潜在价值等方面探索和研究科技项目立项前评估方式方法',
  '三、（二）': '健全利益关联回避制度，将科技成果评价失信行为纳入科研诚信管理体系',
  '四、（二）': '完善市科技成果库、需求库等数据库',
};
export const anchorOf = (key: string) => key.split('·')[0];

/** The objects of evaluation: the 附件's rows and 二、（二）'s third category, each with who evaluates, how, and what is scored. */
export const CATEGORIES = {
  basic: {
    label: '基础研究成果',
    subject: '立项单位',
    method: '同行专家评议，重点是国内外“小同行”，推行代表作制度，定量评价与定性评价相结合',
    responsible: '市科技局、市教育局',
    criteria: [
      '新发现、新原理、新方法的独创性（前人尚未发现或者尚未阐明的自然现象、特征和规律）',
      '重大科学价值或对经济社会发展的重要影响',
      '代表作的质量、贡献和影响',
    ],
    citation: cite('附件'),
  },
  applied: {
    label: '应用研究成果',
    subject: '行业用户、社会评价',
    method: '用户评价、市场检验、第三方评价',
    responsible: '市场主体、行业协会',
    criteria: ['新技术、新材料、新工艺、新产品、新设备的先进性', '适用性', '市场价值（技术合同交易金额、市场估值、市场占有率、企业应用情况）'],
    citation: cite('附件'),
  },
  development: {
    label: '技术开发和产业化成果',
    subject: '用户、市场、第三方',
    method: '用户评价、市场检验和第三方评价',
    responsible: '市科技局',
    criteria: ['技术交易合同金额', '市场估值、市场占有率', '重大工程或重点企业应用情况'],
    citation: cite('二、（二）'),
  },
  patent_strategy: {
    label: '专利战略布局',
    subject: '立项单位',
    method: '专利申请前评估',
    responsible: '市市场监督管理局',
    criteria: ['高质量专利的转化应用绩效', '专利申请量、授权量（兼顾，不单独作为指标）'],
    citation: cite('附件'),
  },
  pre_project: {
    label: '市科技计划项目立项前评估',
    subject: '市科技局',
    method: '依托省科技厅项目前期评价平台或专家进行评估',
    responsible: '市科技局',
    criteria: ['研究内容先进性', '适用性', '预期市场价值', '产业发展需求度（“3+3”主导产业、县域“1+2”特色产业）'],
    citation: cite('附件'),
  },
} as const;
export type Category = keyof typeof CATEGORIES;

/** What a conclusion rests on. The last six are what 二、（三）（四） forbid as grounds (or as the only ground). */
export const GROUNDS = {
  quality: '标志性成果的质量',
  contribution: '对经济社会发展的实际贡献',
  impact: '学术价值和影响',
  application: '转化应用成效',
  market: '市场检验（合同金额、估值、占有率）',
  user_evaluation: '用户和行业评价',
  paper_count: '论文数量、代表作数量、影响因子',
  patent_count: '专利申请量、授权量',
  title: '完成人的职称、头衔',
  degree: '完成人的学历',
  award: '完成人的获奖情况',
  post_or_projects: '完成人的行政职务、承担科研项目数量',
} as const;
export type Ground = keyof typeof GROUNDS;

/** 二、（三）: never a ground at all. */
const NEVER: Ground[] = ['title', 'degree', 'award', 'post_or_projects'];

/** Why a conclusion's grounds are not allowed, with the article; null when they are. */
export function groundsRefusal(grounds: Ground[]): string | null {
  const never = grounds.filter((g) => NEVER.includes(g));
  if (never.length)
    return `评价结论不得以${never.map((g) => GROUNDS[g]).join('、')}为依据（${EVALUATION_DOCUMENT} 二、（三）：不把成果完成人的职称、学历、头衔、获奖情况、行政职务、承担科研项目数量等作为科技成果评价的参考依据）。`;
  const substantive = grounds.filter((g) => g !== 'paper_count' && g !== 'patent_count');
  if (substantive.length > 0) return null;
  if (grounds.includes('paper_count') && !grounds.includes('patent_count'))
    return `评价结论只以论文数量、代表作数量、影响因子为依据（${EVALUATION_DOCUMENT} 二、（三）：不把其作为唯一的量化考核评价指标，重点评价标志性成果的质量、贡献和影响）。`;
  if (grounds.includes('patent_count') && !grounds.includes('paper_count'))
    return `评价结论只以专利申请量、授权量为依据（${EVALUATION_DOCUMENT} 二、（四）：杜绝简单以申请量、授权量为评价指标）。`;
  return `评价结论只以论文、专利等数量指标为依据（${EVALUATION_DOCUMENT} 二、（三）（四）：避免单纯注重数量指标、轻质量贡献）。`;
}
