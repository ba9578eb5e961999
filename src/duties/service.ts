// Occurrences of the recurring duties: made for the current period (idempotently, one per office), listed
// in the responsible office's inbox, closed by filing, reminded before and escalated after the due date.
import type { Actor } from '../auth/service.js';
import type { Db } from '../db/connection.js';
import { addDays, isRealDate } from '../calendar/dates.js';
import type { WorkdayCalendar } from '../calendar/workdays.js';
import { InputError } from '../platform/errors.js';
import { CaseError, workdaysBefore } from '../engine/cases.js';
import { ROLE_LABELS } from '../engine/procedure.js';
import { beijingStart, enqueue, type NewJob } from '../jobs/queue.js';
import { DUTIES, periodOf, type DutyDef } from './catalogue.js';

/** Makes this period's occurrences (once per duty, period and office) with their reminder and escalation jobs. */
export async function ensureDuties(db: Db, calendar: WorkdayCalendar, today: string): Promise<number> {
  let made = 0;
  for (const d of DUTIES) {
    const p = periodOf(d.recurrence, today);
    const resp = d.responsible;
    if (!p) continue;
    const scopes: { key: string; county: string | null; township: string | null; unit: string | null }[] = [];
    if ('unit' in resp) scopes.push({ key: resp.unit, county: null, township: null, unit: resp.unit });
    else {
      const per = resp.per;
      const users = await db.kysely.selectFrom('users').select(['county', 'township']).where('role', '=', resp.role).where('disabled', '=', 0).execute();
      for (const u of users) {
        if (!u.county || (per === 'township' && !u.township)) continue;
        const key = per === 'township' ? `${u.county}/${u.township}` : u.county;
        if (!scopes.some((s) => s.key === key)) scopes.push({ key, county: u.county, township: per === 'township' ? u.township : null, unit: null });
      }
    }
    for (const s of scopes) {
      const inserted = await db.kysely.transaction().execute(async (trx) => {
        const r = await trx
          .insertInto('duty_occurrences')
          .values({
            duty_id: d.id,
            period: p.period,
            scope_key: s.key,
            role: resp.role,
            county: s.county,
            township: s.township,
            unit: s.unit,
            due_on: p.due,
            status: 'open',
            filed_on: null,
            filed_by: null,
            note: null,
            escalated_on: null,
          })
          .onConflict((oc) => oc.columns(['duty_id', 'period', 'scope_key']).doNothing())
          .executeTakeFirst();
        if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return false;
        const key = `${d.id}:${p.period}:${s.key}`;
        const jobs: NewJob[] = [
          {
            kind: 'duty_escalate',
            key: `duty_escalate:${key}`,
            runAt: beijingStart(addDays(p.due, 1)),
            payload: { dutyId: d.id, period: p.period, scopeKey: s.key },
          },
        ];
        try {
          const remind = workdaysBefore(calendar, p.due, d.remindBefore ?? 5);
          if (remind >= today)
            jobs.push({
              kind: 'duty_reminder',
              key: `duty_reminder:${key}`,
              runAt: beijingStart(remind),
              payload: { dutyId: d.id, period: p.period, scopeKey: s.key },
            });
        } catch {
          /* a due date beyond the calendar's years: no reminder, the escalation still comes */
        }
        await enqueue(trx, jobs);
        return true;
      });
      if (inserted) made++;
    }
  }
  return made;
}

const byId = new Map(DUTIES.map((d) => [d.id, d]));

/** Which occurrences an actor sees: its own office's; the supervising level sees those below it; the plan office and admin all. */
function visible(
  actor: Actor,
  o: { duty_id: string; role: string; county: string | null; township: string | null; unit: string | null },
): { sees: boolean; files: boolean } {
  if (actor.role === 'admin' || actor.role === 'plan_office') return { sees: true, files: actor.role === 'admin' };
  const own = actor.role === o.role && (o.unit ? actor.unit === o.unit : o.county === actor.county && (!o.township || o.township === actor.township));
  const duty = byId.get(o.duty_id);
  const supervises = duty?.escalateTo === actor.role && Boolean(actor.county) && o.county === actor.county;
  return { sees: own || supervises, files: own };
}

export async function listDuties(db: Db, actor: Actor, today: string, f: { status?: string } = {}) {
  let q = db.kysely.selectFrom('duty_occurrences').selectAll();
  if (f.status) q = q.where('status', '=', f.status);
  const rows = await q.orderBy('due_on').orderBy('id').execute();
  return rows
    .map((o) => ({ o, v: visible(actor, o) }))
    .filter((x) => x.v.sees)
    .map(({ o, v }) => {
      const d = byId.get(o.duty_id)!;
      return {
        id: Number(o.id),
        dutyId: o.duty_id,
        title: d.title,
        cites: d.cites,
        text: d.text,
        filing: d.filing,
        period: o.period,
        office: o.unit ?? [o.county, o.township].filter(Boolean).join(''),
        roleLabel: ROLE_LABELS[o.role as keyof typeof ROLE_LABELS] ?? o.role,
        dueOn: o.due_on,
        status: o.status,
        overdue: o.status === 'open' && today > o.due_on,
        filedOn: o.filed_on,
        filedBy: o.filed_by,
        note: o.note,
        escalatedOn: o.escalated_on,
        canFile: v.files && o.status === 'open',
      };
    });
}

export async function fileDuty(db: Db, actor: Actor, id: number, input: { note?: unknown; filedOn?: unknown }, today: string) {
  const o = await db.kysely.selectFrom('duty_occurrences').selectAll().where('id', '=', id).executeTakeFirst();
  if (!o || !visible(actor, o).sees) throw new CaseError(`定期事项不存在：${id}`, 404);
  if (!visible(actor, o).files) throw new CaseError('只有负责该事项的单位可以报送。', 403);
  if (o.status !== 'open') throw new CaseError(`该事项已于 ${o.filed_on} 报送。`, 409);
  const note = typeof input.note === 'string' ? input.note.trim() : '';
  if (note.length < 2 || note.length > 5000) throw new InputError([{ field: 'note', message: `请填写报送内容（${byId.get(o.duty_id)!.filing}，2–5000 字）` }]);
  const filedOn = input.filedOn === undefined ? today : String(input.filedOn);
  if (!isRealDate(filedOn) || filedOn > today) throw new InputError([{ field: 'filedOn', message: `报送日期“${filedOn}”无效（不能晚于今天 ${today}）` }]);
  const r = await db.kysely
    .updateTable('duty_occurrences')
    .set({ status: 'filed', filed_on: filedOn, filed_by: actor.name, note })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new CaseError('该事项已被同时报送，请刷新。', 409);
  return { id, status: 'filed', filedOn, late: filedOn > o.due_on };
}

export function dutyCatalogue() {
  return DUTIES.map((d: DutyDef) => ({
    id: d.id,
    title: d.title,
    cites: d.cites,
    text: d.text,
    filing: d.filing,
    recurrence: d.recurrence,
    responsible: 'unit' in d.responsible ? d.responsible.unit : `各${ROLE_LABELS[d.responsible.role]}`,
  }));
}
