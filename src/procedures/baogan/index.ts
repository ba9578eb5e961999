// 经费使用“包干制” (承市科规〔2022〕2号) as a procedure module; the random spot-check draw is its own route.
import type { ProcedureModule } from '../shared/module.js';
import { SCIENCE_BUREAU } from '../shared/science-roles.js';
import { baoganProcedure } from './procedure.js';
import { baoganRoutes } from './routes.js';

export const baoganModule: ProcedureModule = {
  definition: baoganProcedure,
  roles: [SCIENCE_BUREAU],
  routes: baoganRoutes,
  ui: { summary: '基础研究项目经费包干使用：承诺书、负面清单、结题决算与随机抽查', page: '/baogan', group: '科技' },
};
