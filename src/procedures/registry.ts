// The procedures Zhengwu runs — the only list. A new procedure is a folder src/procedures/<id>/ with an
// index.ts exporting its module, and one line here.
import type { ProcedureDefinition } from '../engine/procedure.js';
import { validateDefinition } from '../engine/procedure.js';
import type { NewUser } from '../auth/service.js';
import { registerRoles } from '../platform/roles.js';
import type { ProcedureModule } from './shared/module.js';
import { homesteadModule } from './homestead/index.js';
import { transferModule } from './homestead-transfer/index.js';
import { reclaimModule } from './homestead-reclaim/index.js';
import { patrolModule } from './homestead-patrol/index.js';
import { baoganModule } from './baogan/index.js';
import { jiebangModule } from './jiebang/index.js';
import { villageDoctorModules } from './village-doctor/index.js';
import { rentalHousingModules } from './rental-housing/index.js';
import { evaluationModule } from './science-evaluation/index.js';
import { integrityModule } from './research-integrity/index.js';
import { elderlyModules } from './elderly/index.js';

export const MODULES: ProcedureModule[] = [
  homesteadModule,
  transferModule,
  reclaimModule,
  patrolModule,
  baoganModule,
  jiebangModule,
  ...villageDoctorModules,
  ...rentalHousingModules,
  evaluationModule,
  integrityModule,
  ...elderlyModules,
];

/** The platform's own 【演示】 accounts (the administrator and the plan offices); modules add theirs. */
export const PLATFORM_DEMO_USERS: NewUser[] = [
  { username: 'admin', password: 'demo-admin', displayName: '演示·系统管理员', role: 'admin' },
  { username: 'plan-office', password: 'demo-plan', displayName: '演示·承德市人民政府办公室', role: 'plan_office', unit: '市政府办公室' },
  { username: 'sthjj', password: 'demo-department', displayName: '演示·承德市生态环境局', role: 'department', unit: '市生态环境局' },
  { username: 'mzj', password: 'demo-department', displayName: '演示·承德市民政局', role: 'department', unit: '市民政局' },
];

export interface Registry {
  modules: ProcedureModule[];
  procedures: Map<string, ProcedureDefinition<any, any>>;
  demoUsers: NewUser[];
  module: (id: string) => ProcedureModule | undefined;
}

/** Registers the modules' roles, then validates every definition against them (start-up fails on a defect). */
export function buildRegistry(modules: ProcedureModule[]): Registry {
  const ids = new Set<string>();
  for (const m of modules) {
    if (ids.has(m.definition.id)) throw new Error(`procedure ${m.definition.id} is registered twice`);
    ids.add(m.definition.id);
    registerRoles(m.roles ?? [], m.definition.id);
  }
  for (const m of modules) validateDefinition(m.definition);
  const demoUsers = [...PLATFORM_DEMO_USERS];
  for (const m of modules) for (const u of m.demoUsers ?? []) if (!demoUsers.some((d) => d.username === u.username)) demoUsers.push(u);
  const byId = new Map(modules.map((m) => [m.definition.id, m]));
  return { modules, procedures: new Map(modules.map((m) => [m.definition.id, m.definition])), demoUsers, module: (id) => byId.get(id) };
}

export const REGISTRY = buildRegistry(MODULES);
export const PROCEDURES = REGISTRY.procedures;
export const DEMO_ACCOUNTS = REGISTRY.demoUsers;
