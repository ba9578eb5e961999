// The procedures the engine runs. A new procedure is a new definition here.
import type { ProcedureDefinition } from '../engine/procedure.js';
import { validateDefinition } from '../engine/procedure.js';
import { homesteadProcedure } from './homestead/procedure.js';

export const PROCEDURES = new Map<string, ProcedureDefinition<any>>([[homesteadProcedure.id, homesteadProcedure]]);
for (const p of PROCEDURES.values()) validateDefinition(p);
