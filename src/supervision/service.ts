// 督办: a time limit that ran out is escalated to the office one level up (village → township → county;
// the science procedures: county office or enterprise → city bureau). The supervisor comments, sets a new
// date, and closes the item with a note; every step is an event in the case's audit chain.
import type { Actor } from '../auth/service.js';
import { withTransaction, type Db } from '../db/connection.js';
import { isRealDate } from '../calendar/dates.js';
import { InputError } from '../platform/errors.js';
import { caseFilter } from '../engine/access.js';
import { appendEvent, lockCase } from '../engine/audit.js';
import { CaseError } from '../engine/cases.js';
import { ROLE_LABELS, type ProcedureDefinition, type Role } from '../engine/procedure.js';

export interface SupervisionComment {
  at: string;
  by: string;
  role: string;
  text: string;
  newDue?: string | null;
}

/** Opens the 督办 item of a breached limit (once per case, state and due date) with its audit event. */
export async function openSupervision(
  db: Db,
  c: { caseId: string; state: string; stateLabel: string; due: string; supervisor: Role; citation: string; today: string },
): Promise<boolean> {
  // Inside the job runner's batch it joins the batch's transaction.
  return withTransaction(db, async (trx) => {
    await lockCase(trx, db.dialect, c.caseId);
    const known = await trx
      .selectFrom('supervision_items')
      .select('id')
      .where('case_id', '=', c.caseId)
      .where('state', '=', c.state)
      .where('breached_due', '=', c.due)
      .executeTakeFirst();
    if (known) return false;
    await trx
      .insertInto('supervision_items')
      .values({
        case_id: c.caseId,
        state: c.state,
        breached_due: c.due,
        supervisor_role: c.supervisor,
        opened_on: c.today,
        status: 'open',
        new_due: null,
        comments_json: '[]',
        closed_on: null,
        closing_note: null,
        citation: c.citation,
      })
      .execute();
    await appendEvent(trx, db.dialect, {
      case_id: c.caseId,
      at: new Date().toISOString(),
      on_date: c.today,
      actor_id: null,
      actor_name: '系统',
      actor_role: 'system',
      action: 'escalate',
      from_state: c.state,
      to_state: c.state,
      reason: `“${c.stateLabel}”期限（${c.due}）已过，转${ROLE_LABELS[c.supervisor]}督办`,
      data_json: JSON.stringify({ breachedDue: c.due, supervisor: c.supervisor, citation: c.citation }),
      rules_json: JSON.stringify([{ cites: c.citation }]),
    });
    return true;
  });
}

const view = (r: any, titles: Map<string, { title: string; procedure: string; state: string }>) => ({
  id: Number(r.id),
  caseId: r.case_id,
  caseTitle: titles.get(r.case_id)?.title ?? r.case_id,
  procedure: titles.get(r.case_id)?.procedure ?? '',
  state: r.state,
  breachedDue: r.breached_due,
  supervisorRole: r.supervisor_role,
  supervisorLabel: ROLE_LABELS[r.supervisor_role as Role] ?? r.supervisor_role,
  openedOn: r.opened_on,
  status: r.status,
  newDue: r.new_due,
  comments: JSON.parse(r.comments_json) as SupervisionComment[],
  closedOn: r.closed_on,
  closingNote: r.closing_note,
  citation: r.citation,
});

/** The 督办 items this actor handles (its role supervises and it can read the case) or whose case it can read. */
export async function listSupervision(
  db: Db,
  procedures: Map<string, ProcedureDefinition<any>>,
  actor: Actor,
  f: { status?: string; id?: number; page?: number; pageSize?: number; today: string },
) {
  const readable = db.kysely.selectFrom('cases').select('id').where(caseFilter(procedures.values(), actor));
  let q = db.kysely.selectFrom('supervision_items').where('case_id', 'in', readable);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.id !== undefined) q = q.where('id', '=', f.id);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const pageSize = f.pageSize ?? 20;
  const rows = await q
    .selectAll()
    .orderBy('status', 'desc')
    .orderBy('opened_on')
    .limit(pageSize)
    .offset(((f.page ?? 1) - 1) * pageSize)
    .execute();
  const cases = rows.length
    ? await db.kysely
        .selectFrom('cases')
        .select(['id', 'title', 'procedure', 'state'])
        .where(
          'id',
          'in',
          rows.map((r) => r.case_id),
        )
        .execute()
    : [];
  const titles = new Map(cases.map((c) => [c.id, c]));
  const items = rows.map((r) => ({
    ...view(r, titles),
    ageDays: Math.round((Date.parse(f.today) - Date.parse(r.opened_on)) / 86_400_000),
    canHandle: actor.role === 'admin' || actor.role === r.supervisor_role,
  }));
  return { total: Number(n), page: f.page ?? 1, pageSize, items };
}

/** Open items per supervising office and their age, for the dashboards. */
export async function supervisionSummary(db: Db, procedures: Map<string, ProcedureDefinition<any>>, actor: Actor, today: string) {
  const readable = db.kysely.selectFrom('cases').select('id').where(caseFilter(procedures.values(), actor));
  const rows = await db.kysely
    .selectFrom('supervision_items')
    .select(['supervisor_role', 'opened_on', 'status'])
    .where('case_id', 'in', readable)
    .where('status', '!=', 'closed')
    .execute();
  const by: Record<string, { open: number; oldestDays: number }> = {};
  for (const r of rows) {
    const k = ROLE_LABELS[r.supervisor_role as Role] ?? r.supervisor_role;
    const age = Math.round((Date.parse(today) - Date.parse(r.opened_on)) / 86_400_000);
    const e = (by[k] ??= { open: 0, oldestDays: 0 });
    e.open++;
    e.oldestDays = Math.max(e.oldestDays, age);
  }
  return { open: rows.length, bySupervisor: by };
}

/** The supervisor comments, sets a new date, or closes the item; each step an audit event on the case. */
export async function handleSupervision(
  db: Db,
  procedures: Map<string, ProcedureDefinition<any>>,
  actor: Actor,
  id: number,
  input: { action: 'comment' | 'close' | 'reopen'; text: string; newDue?: string | null },
  today: string,
) {
  // The same filter as the list: an item on a case the actor cannot read does not exist for it.
  const item = (await listSupervision(db, procedures, actor, { today, id })).items[0];
  if (!item) throw new CaseError(`督办事项不存在：${id}`, 404);
  if (!item.canHandle) throw new CaseError(`该督办事项由${item.supervisorLabel}办理。`, 403);
  const text = (input.text ?? '').trim();
  if (text.length < 2 || text.length > 2000) throw new InputError([{ field: 'text', message: '请填写意见（2–2000 字）' }]);
  if (input.newDue !== undefined && input.newDue !== null) {
    if (!isRealDate(input.newDue)) throw new InputError([{ field: 'newDue', message: `新的办理期限“${input.newDue}”不是有效日期` }]);
    if (input.newDue <= today) throw new InputError([{ field: 'newDue', message: `新的办理期限应晚于今天（${today}）` }]);
  }
  if (input.action === 'close' && item.status === 'closed') throw new CaseError('该督办事项已办结。', 409);
  if (input.action === 'reopen' && item.status !== 'closed') throw new CaseError('该督办事项尚未办结。', 409);
  const comment: SupervisionComment = { at: new Date().toISOString(), by: actor.name, role: actor.role, text, newDue: input.newDue ?? null };
  await db.kysely.transaction().execute(async (trx) => {
    await lockCase(trx, db.dialect, item.caseId);
    await trx
      .updateTable('supervision_items')
      .set({
        comments_json: JSON.stringify([...item.comments, comment]),
        ...(input.newDue ? { new_due: input.newDue } : {}),
        ...(input.action === 'close'
          ? { status: 'closed', closed_on: today, closing_note: text }
          : input.action === 'reopen'
            ? { status: 'open', closed_on: null, closing_note: null }
            : { status: 'answered' }),
      })
      .where('id', '=', id)
      .execute();
    await appendEvent(trx, db.dialect, {
      case_id: item.caseId,
      at: comment.at,
      on_date: today,
      actor_id: actor.id,
      actor_name: actor.name,
      actor_role: actor.role,
      action: 'supervision',
      from_state: item.state,
      to_state: item.state,
      reason: text,
      data_json: JSON.stringify({ supervisionId: id, step: input.action, newDue: input.newDue ?? null }),
      rules_json: JSON.stringify([{ cites: item.citation }]),
    });
  });
  return (await listSupervision(db, procedures, actor, { today, id })).items[0];
}
