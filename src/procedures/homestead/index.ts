// 农村宅基地审批 (隆政发〔2022〕11号) as a procedure module.
import type { ProcedureModule } from '../shared/module.js';
import { RURAL_LABELS } from '../../platform/areas.js';
import { HOMESTEAD_DEMO_USERS } from '../shared/homestead-accounts.js';
import { homesteadProcedure } from './procedure.js';
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
  },
};
