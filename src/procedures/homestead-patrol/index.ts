// 动态巡查 (隆政发〔2022〕11号 第三十一条) as a procedure module.
import type { ProcedureModule } from '../shared/module.js';
import { RURAL_LABELS } from '../../platform/areas.js';
import { patrolProcedure } from './procedure.js';

export const patrolModule: ProcedureModule = {
  definition: patrolProcedure,
  ui: { summary: '按网格记录宅基地动态巡查，发现未批先建等违法情形上报乡镇处置（第三十一条）', areaLabels: RURAL_LABELS, group: '宅基地' },
};
