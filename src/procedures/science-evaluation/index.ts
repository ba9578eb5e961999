// 科技成果评价 (承市政办字〔2022〕46号) as a procedure module: evaluation by category with the 清单's criteria as expert
// scores, interest declarations and withdrawals, a conclusion on grounds the text allows (破“四唯”), the 成果库 and its
// matching with 揭榜挂帅 demands, and misconduct entered in the 科研诚信 record (research-integrity/).
import type { ProcedureModule } from '../shared/module.js';
import { EXPERT, SCIENCE_BUREAU } from '../shared/science-roles.js';
import { evaluationProcedure } from './procedure.js';
import { evaluationRoutes } from './routes.js';
import { cite } from './rules.js';

export const evaluationModule: ProcedureModule = {
  definition: evaluationProcedure,
  roles: [SCIENCE_BUREAU, EXPERT],
  routes: evaluationRoutes,
  ui: {
    summary:
      '完成单位申请科技成果评价：按基础研究、应用研究、技术开发和产业化分类，专家按评价内容清单逐项评分，市科技局作出结论，通过的入市科技成果库（承市政办字〔2022〕46号）',
    group: '科技',
    faqs: [
      {
        question: '评价会看完成人的职称、学历和获奖情况吗？',
        answer:
          '不会。不把成果完成人的职称、学历、头衔、获奖情况、行政职务、承担科研项目数量等作为科技成果评价的参考依据；论文数量也不作为唯一的量化指标，重点评价标志性成果的质量、贡献和影响。',
        citation: cite('二、（三）'),
      },
    ],
  },
  example: {
    filer: 'qiye-a',
    application: {
      category: 'development',
      title: '钒钛磁铁矿尾矿综合利用技术',
      unit: '承德钒钛新材料有限公司',
      field: '钒钛新材料',
      summary: '以钒钛磁铁矿尾矿为原料制备建材的成套工艺，已在两家企业应用，签订技术交易合同。',
      completers: [{ name: '李工', contribution: '工艺路线设计与中试' }],
      representativeWorks: [],
      indicators: [{ name: '技术交易合同金额', value: '320 万元' }],
      filedOn: '2026-11-02',
    },
  },
};
