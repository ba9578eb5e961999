// Roles are data: the platform declares the ones every procedure shares, and each procedure module
// contributes its own (src/procedures/<id>/index.ts). A role says where its accounts sit in the area
// tree (which is also how far a filing by it may reach), whether it sees only its own cases, who
// supervises it (督办), and what an account of it must state.
import type { AreaLevel } from './areas.js';

export type Role = string;

export interface RoleDef {
  id: Role;
  label: string;
  /**
   * Where an account of this role sits: 'city' (the whole city: city departments, the administrator),
   * an area level, or 'own' (a person or unit acting for itself: it reads the cases it filed or is party to).
   */
  level: 'city' | AreaLevel | 'own';
  /** The area an account must state, down to this level (a village organisation: 县/乡镇/村). */
  placedAt?: AreaLevel;
  /** An account must name its unit (an enterprise, a department). */
  needsUnit?: boolean;
  /** The office one level up that supervises a breached time limit (督办). */
  supervisor?: Role;
}

/** The roles every procedure may use. */
export const PLATFORM_ROLES: RoleDef[] = [
  { id: 'applicant', label: '申请人', level: 'own', placedAt: 'village' },
  { id: 'enterprise', label: '企业 / 单位', level: 'own', needsUnit: true },
  { id: 'village', label: '村级组织 / 宅基地协管员', level: 'village', placedAt: 'village', supervisor: 'township' },
  { id: 'township', label: '乡镇人民政府（街道办事处）', level: 'township', placedAt: 'township', supervisor: 'county' },
  { id: 'county', label: '县级部门', level: 'county', placedAt: 'county' },
  { id: 'department', label: '市直部门', level: 'city', needsUnit: true },
  { id: 'plan_office', label: '规划牵头办公室', level: 'city', needsUnit: true },
  { id: 'admin', label: '管理员', level: 'city' },
];

const roles = new Map<Role, RoleDef & { contributedBy: string }>();

/** Labels of every known role (filled as modules register theirs). */
export const ROLE_LABELS: Record<Role, string> = {};

/** Adds roles; the same id twice must mean the same role (a module may re-declare a platform role only identically). */
export function registerRoles(defs: RoleDef[], contributedBy: string): void {
  for (const d of defs) {
    const known = roles.get(d.id);
    if (known) {
      if (known.label !== d.label || known.level !== d.level) throw new Error(`role ${d.id} (${contributedBy}) conflicts with ${known.contributedBy}`);
      continue;
    }
    if (!/^[a-z][a-z0-9_]*$/.test(d.id)) throw new Error(`role id ${d.id} (${contributedBy}): lowercase letters, digits and _ only`);
    roles.set(d.id, { ...d, contributedBy });
    ROLE_LABELS[d.id] = d.label;
  }
}
registerRoles(PLATFORM_ROLES, 'platform');

export const isRole = (id: unknown): id is Role => typeof id === 'string' && roles.has(id);
export const roleDef = (id: Role) => roles.get(id) ?? null;
export const allRoles = () => [...roles.values()];
export const roleLabel = (id: Role) => ROLE_LABELS[id] ?? id;
/** Roles that read only the cases they filed or are party to. */
export const seesOwnCasesOnly = (id: Role) => roles.get(id)?.level === 'own';
export const supervisorOf = (id: Role): Role | null => roles.get(id)?.supervisor ?? null;
