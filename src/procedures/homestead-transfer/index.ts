// 宅基地使用权转让审批备案 (隆政发〔2022〕11号 第二十三条、第二十四条) as a procedure module.
import type { ProcedureModule } from '../shared/module.js';
import { RURAL_LABELS } from '../../platform/areas.js';
import { transferProcedure } from './procedure.js';

export const transferModule: ProcedureModule = {
  definition: transferProcedure,
  ui: { summary: '本集体经济组织内部转让宅基地使用权：村民小组、村级组织同意，乡镇审批备案', areaLabels: RURAL_LABELS, group: '宅基地' },
};
