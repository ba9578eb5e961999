// Who may see a case: one declaration per procedure (role → level of the area tree), from which both
// the per-case check and the SQL filter of every list are derived, so the two cannot disagree.
// A case with an empty level (a 揭榜 project has no township) is never inside a township's or a
// village's area: empty means "not placed there", not "everywhere".
import { levelsDownTo } from '../platform/areas.js';
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../auth/service.js';
import type { Database } from '../db/schema.js';
import type { ProcedureDefinition, Role } from './procedure.js';

/** 'all': every case; 'county' / 'township' / 'village': cases placed in the actor's own area at that level; 'own': cases the actor filed or is a party to. */
export type AccessLevel = 'all' | 'county' | 'township' | 'village' | 'own';

export interface AccessPolicy {
  /** Roles that read the procedure's cases, each at its level; a role not named sees none. The administrator reads all. */
  read: Partial<Record<Role, AccessLevel>>;
  /** Roles that may upload documents into a case they can read (default: every reader). */
  upload?: Role[];
}

type Place = { county: string; township: string; village: string };
type CaseRow = Place & { procedure: string; applicant_user_id: number | null };

export function levelFor(p: ProcedureDefinition<any, any>, actor: Pick<Actor, 'role'>): AccessLevel | null {
  if (actor.role === 'admin') return 'all';
  return p.access.read[actor.role] ?? null;
}

/** Whether a place lies in the actor's own area at a level: every level down to it set, and equal. */
export function inArea(actor: Pick<Actor, 'county' | 'township' | 'village'>, place: Place, level: 'county' | 'township' | 'village'): boolean {
  return levelsDownTo(level).every((k) => Boolean(place[k]) && Boolean(actor[k]) && place[k] === actor[k]);
}

/** The per-case check. `isParty` is asked only for 'own' access when the actor did not file the case. */
export async function canReadCase(p: ProcedureDefinition<any, any>, actor: Actor, row: CaseRow, isParty: () => Promise<boolean>): Promise<boolean> {
  const level = levelFor(p, actor);
  if (level === null) return false;
  if (level === 'all') return true;
  if (level === 'own') return (row.applicant_user_id !== null && Number(row.applicant_user_id) === actor.id) || (await isParty());
  return inArea(actor, row, level);
}

export function canUpload(p: ProcedureDefinition<any, any>, actor: Actor): boolean {
  if (actor.role === 'admin') return true;
  return (p.access.upload ?? (Object.keys(p.access.read) as Role[])).includes(actor.role);
}

/** The same declaration as an SQL condition on `cases`, over every procedure. */
export function caseFilter(procedures: Iterable<ProcedureDefinition<any, any>>, actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'cases'>): Expression<SqlBool> => {
    const ors: Expression<SqlBool>[] = [];
    for (const p of procedures) {
      const level = levelFor(p, actor);
      if (level === null) continue;
      const own = eb('procedure', '=', p.id);
      if (level === 'all') ors.push(own);
      else if (level === 'own') {
        ors.push(
          eb.and([
            own,
            eb.or([eb('applicant_user_id', '=', actor.id), eb('id', 'in', eb.selectFrom('case_parties').select('case_id').where('user_id', '=', actor.id))]),
          ]),
        );
      } else {
        // An actor without the level's place (an account not placed at that level) matches nothing.
        if (levelsDownTo(level).some((k) => !actor[k])) continue;
        ors.push(eb.and([own, ...levelsDownTo(level).map((k) => eb(k, '=', actor[k]!))]));
      }
    }
    // A constant false that every dialect binds (a boolean parameter is not valid on SQLite).
    return ors.length ? eb.or(ors) : sql<SqlBool>`1 = 0`;
  };
}
