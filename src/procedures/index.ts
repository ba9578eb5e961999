// The procedures the engine runs. A new procedure is a new definition here.
import type { ProcedureDefinition } from '../engine/procedure.js';
import { validateDefinition } from '../engine/procedure.js';
import { baoganProcedure } from './baogan/procedure.js';
import { homesteadProcedure } from './homestead/procedure.js';
import { jiebangProcedure } from './jiebang/procedure.js';
import { patrolProcedure } from './homestead-patrol/procedure.js';
import { reclaimProcedure } from './homestead-reclaim/procedure.js';
import { transferProcedure } from './homestead-transfer/procedure.js';

export const PROCEDURES = new Map<string, ProcedureDefinition<any, any>>(
  [homesteadProcedure, transferProcedure, reclaimProcedure, patrolProcedure, baoganProcedure, jiebangProcedure].map((p) => [p.id, p] as [string, ProcedureDefinition<any, any>]),
);
for (const p of PROCEDURES.values()) validateDefinition(p);
