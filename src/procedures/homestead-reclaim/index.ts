// 收回宅基地使用权 (隆政发〔2022〕11号 第二十五条) as a procedure module.
import type { ProcedureModule } from '../shared/module.js';
import { RURAL_LABELS } from '../../platform/areas.js';
import { reclaimProcedure } from './procedure.js';

export const reclaimModule: ProcedureModule = {
  definition: reclaimProcedure,
  ui: { summary: '村级组织提出收回宅基地使用权，原批准的乡镇人民政府决定（第二十五条）', areaLabels: RURAL_LABELS, group: '宅基地' },
};
