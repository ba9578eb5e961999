// 农村宅基地审批 (隆政发〔2022〕11号) as a procedure module.
import type { ProcedureModule } from '../shared/module.js';
import { RURAL_LABELS } from '../../platform/areas.js';
import { HOMESTEAD_DEMO_USERS } from '../shared/homestead-accounts.js';
import { homesteadProcedure } from './procedure.js';
import { GOVERNING_DOCUMENT, STANDARDS } from './rules.js';
import { homesteadReportRoutes } from './routes.js';

export const homesteadModule: ProcedureModule = {
  definition: homesteadProcedure,
  demoUsers: HOMESTEAD_DEMO_USERS,
  routes: homesteadReportRoutes,
  cliName: 'homestead',
  ui: {
    summary: '农村村民申请宅基地、建房（规划许可），村、乡镇逐级审查审批',
    areaLabels: RURAL_LABELS,
    page: '/homestead',
    intakePage: '/homestead/apply',
    group: '宅基地',
    faqs: [
      {
        question: '新批准的宅基地，每宗面积最多多少？',
        answer: `每宗宅基地面积标准不超过 ${STANDARDS.maxNewPlotArea} 平方米。`,
        citation: { document: GOVERNING_DOCUMENT, article: '第十八条', item: null },
      },
      {
        question: '乡镇多长时间内作出是否批准的决定？',
        answer: '乡（镇）人民政府、街道办事处自受理宅基地和建房申请之日起 20 个工作日内作出是否批准的决定；农用地及未利用地转用审批时限不包含在内。',
        citation: { document: GOVERNING_DOCUMENT, article: '第十六条', item: '第四款第（一）项' },
      },
      {
        question: '不予批准的，会告诉我理由吗？',
        answer: '会。对于宅基地申请不予批准的，乡镇在作出不予批准决定之日起 5 个工作日内书面通知申请人，并说明理由。',
        citation: { document: GOVERNING_DOCUMENT, article: '第十六条', item: '第四款第（一）项' },
      },
      {
        question: '翻建、改建、扩建原住宅，什么情况下不予批准？',
        answer:
          '建新不拆旧或者一户一宅以外的，原住宅占地或建设行为违法的，原住宅属文物保护单位或保留建筑风貌的，原住宅已被列入县级以上人民政府征占范围的，不予批准（危房改造除外）。',
        citation: { document: GOVERNING_DOCUMENT, article: '第十五条', item: null },
      },
    ],
  },
};
