// Progress on the plans' tasks and 督办 (supervision) of them.
//
//  • 承市政办字〔2022〕49号 四、（一）："制定规划实施年度任务清单和工作台账，跟踪和督促各项任务落实" —
//    the lead unit reports each task's progress per year; co-units report their part; every version is kept.
//  • 承市政办字〔2022〕47号 三、（三）："定期跟踪重点任务实施进展，及时提出推进建议".
//  • 承市政字〔2022〕16号 三、（十一）5.："挂账督办、全程跟踪、台账推进和验收销号" and
//    承市政办字〔2022〕48号 四、（三）："对相关政策落实不到位、工作推进缓慢的进行约谈、督办" —
//    the plan office opens a 督办 on a task, the lead unit answers, the office sets a new date or
//    closes it by 验收销号.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../auth/service.js';
import { isRealDate } from '../calendar/dates.js';
import type { Db } from '../db/connection.js';
import { InputError } from '../platform/errors.js';
import { RefusalError } from '../platform/errors.js';
import { canSeeAll, catalogue, checkEvidence, CONTROL_CHARS, isRecordId, pdb, requireReader, storeEvidence, type EvidenceInput } from './catalogue.js';
import { taskDeadlines, type Deadline } from './deadlines.js';
import type { Task } from './extract.js';
import { PLANS } from './plans.js';
import type { PlanSupervisionEventTable, PlanSupervisionTable, PlanTaskReportTable } from './schema.js';
import { normalizeUnit } from './units.js';

export const TASK_FIRST_YEAR = 2021;
export const TASK_LAST_YEAR = 2025;

export type TaskStatus = 'not_started' | 'in_progress' | 'done' | 'late';
export const TASK_STATUSES: TaskStatus[] = ['not_started', 'in_progress', 'done', 'late'];
export const TASK_STATUS_LABEL: Record<TaskStatus | 'none', string> = {
  not_started: '未启动',
  in_progress: '推进中',
  done: '已完成',
  late: '滞后',
  none: '未报送',
};
export type TaskStatusKey = TaskStatus | 'none';
export const TASK_STATUS_KEYS: TaskStatusKey[] = ['not_started', 'in_progress', 'done', 'late', 'none'];

export type SupervisionState = 'open' | 'answered' | 'closed';
export const SUPERVISION_STATE_LABEL: Record<SupervisionState, string> = { open: '督办中', answered: '已答复', closed: '已销号' };
export type SupervisionAction = 'open' | 'answer' | 'extend' | 'close' | 'reopen';
export const SUPERVISION_ACTION_LABEL: Record<SupervisionAction, string> = {
  open: '挂账督办',
  answer: '牵头单位答复',
  extend: '重新确定办理期限',
  close: '验收销号',
  reopen: '重新督办',
};

/** The articles a 督办 rests on (the plan office cites one when opening it). */
export const SUPERVISION_BASES = [
  {
    citation: '承市政字〔2022〕16号 三、（十一）5.',
    document: '承市政字〔2022〕16号',
    anchor: '三、（十一）5.',
    summary: '对整改进展情况实行挂账督办、全程跟踪、台账推进和验收销号“四步工作法”',
  },
  {
    citation: '承市政办字〔2022〕48号 四、（三）',
    document: '承市政办字〔2022〕48号',
    anchor: '四、（三）',
    summary: '对相关政策落实不到位、工作推进缓慢的进行约谈、督办',
  },
] as const;

export type TaskRole = 'lead' | 'co';

/** The actor's part in a task: lead or co-unit (departments only; by the normalised unit name). */
export function roleOn(actor: Actor, task: Task): TaskRole | null {
  if (actor.role !== 'department' || !actor.unit) return null;
  const unit = normalizeUnit(actor.unit);
  const r = task.units.find((u) => u.unit === unit)?.role;
  return r === 'lead' || r === 'co' ? r : null;
}

export function taskVisibleTo(actor: Actor, task: Task): boolean {
  return canSeeAll(actor) || roleOn(actor, task) !== null;
}

export const leadUnits = (t: Task) => t.units.filter((u) => u.role === 'lead').map((u) => u.unit);

async function findTask(db: Db, id: string): Promise<Task> {
  const t = (await catalogue(db)).tasks.find((x) => x.id === id);
  if (!t) throw new RefusalError(`任务不存在：${id}`, 404);
  return t;
}

function requireTaskReader(actor: Actor, task: Task) {
  requireReader(actor);
  if (!taskVisibleTo(actor, task))
    throw new RefusalError(`${actor.unit ?? '本单位'}不是该任务（${task.citation}）的牵头或配合单位，不能查看其进展和督办。`, 403);
}

// ------------------------------------------------------------------ reports

export interface TaskReportRow {
  id: string;
  taskId: string;
  year: number;
  kind: TaskRole;
  unit: string;
  version: number;
  status: TaskStatus;
  statusLabel: string;
  note: string;
  evidence: { sha256: string; name: string; mime: string; link: string } | null;
  reportedBy: string;
  reportedAt: string;
}

function toReport(r: PlanTaskReportTable): TaskReportRow {
  return {
    id: r.id,
    taskId: r.task_id,
    year: Number(r.year),
    kind: r.kind as TaskRole,
    unit: r.unit,
    version: Number(r.version),
    status: r.status as TaskStatus,
    statusLabel: TASK_STATUS_LABEL[r.status as TaskStatus] ?? r.status,
    note: r.note,
    evidence: r.evidence_sha256
      ? { sha256: r.evidence_sha256, name: r.evidence_name ?? '', mime: r.evidence_mime ?? '', link: `/api/plans/task-evidence/${r.id}` }
      : null,
    reportedBy: r.reported_by,
    reportedAt: r.reported_at,
  };
}

const streamOf = (kind: TaskRole, unit: string) => (kind === 'lead' ? 'lead' : `co:${unit}`);

/** All versions (oldest first), of some tasks or of all. */
export async function taskReportHistory(db: Db, taskIds?: string[]): Promise<TaskReportRow[]> {
  let q = pdb(db).selectFrom('plan_task_reports').selectAll();
  if (taskIds) {
    if (!taskIds.length) return [];
    q = q.where('task_id', 'in', taskIds);
  }
  const rows = await q.orderBy('task_id').orderBy('year').orderBy('stream').orderBy('version').execute();
  return rows.map(toReport);
}

/** The current (latest) version of each line: key `${taskId}|${year}|${stream}`. */
function latestByLine(history: TaskReportRow[]): Map<string, TaskReportRow> {
  const m = new Map<string, TaskReportRow>();
  for (const r of history) {
    const k = `${r.taskId}|${r.year}|${streamOf(r.kind, r.unit)}`;
    const prev = m.get(k);
    if (!prev || prev.version < r.version) m.set(k, r);
  }
  return m;
}

export interface TaskReportInput {
  year: number;
  status: string;
  note: string;
  evidence?: EvidenceInput | null;
  /** The version of this line the reporter saw (0 when none): a stale correction is refused with 409. */
  basedOnVersion?: number;
}

/** A lead unit files (or corrects) the task's progress for a year; a co-unit files its own part. */
export async function fileTaskReport(db: Db, actor: Actor, taskId: string, input: TaskReportInput, now = new Date()): Promise<TaskReportRow> {
  const task = await findTask(db, taskId);
  if (actor.role !== 'department' || !actor.unit) {
    if (canSeeAll(actor))
      throw new RefusalError(`任务进展由牵头单位（${leadUnits(task).join('、') || '—'}）和配合单位报送；市政府办公室通过督办跟踪落实。`, 403);
    throw new RefusalError('只有市直部门可以报送任务进展。', 403);
  }
  const kind = roleOn(actor, task);
  if (!kind)
    throw new RefusalError(
      `${actor.unit}不是该任务（${task.citation}）的牵头或配合单位（牵头单位：${leadUnits(task).join('、') || '—'}），不能报送或修改其进展。`,
      403,
    );
  const unit = normalizeUnit(actor.unit);

  const issues: { field: string; message: string }[] = [];
  if (!Number.isInteger(input.year) || input.year < TASK_FIRST_YEAR || input.year > TASK_LAST_YEAR)
    issues.push({ field: 'year', message: `年份应在 ${TASK_FIRST_YEAR}—${TASK_LAST_YEAR} 之间` });
  if (!TASK_STATUSES.includes(input.status as TaskStatus)) issues.push({ field: 'status', message: '请选择进展状态：未启动、推进中、已完成或滞后' });
  const note = (input.note ?? '').trim();
  if (note.length < 2) issues.push({ field: 'note', message: kind === 'lead' ? '请填写进展情况说明' : '请填写本单位配合工作的情况说明' });
  if (note.length > 2000) issues.push({ field: 'note', message: '情况说明不超过 2000 字' });
  if (CONTROL_CHARS.test(note)) issues.push({ field: 'note', message: '情况说明含有不可见的控制字符，请删除后再提交' });
  const evidence = checkEvidence(input.evidence, issues);
  if (issues.length) throw new InputError(issues);

  const stream = streamOf(kind, unit);
  const row: PlanTaskReportTable = {
    id: randomUUID(),
    task_id: task.id,
    year: input.year,
    stream,
    kind,
    unit,
    version: 0,
    status: input.status,
    note,
    evidence_sha256: evidence?.sha256 ?? null,
    evidence_name: evidence?.name ?? null,
    evidence_mime: evidence?.mime ?? null,
    reported_by_id: actor.id,
    reported_by: actor.name,
    reported_at: now.toISOString(),
  };
  const line = kind === 'lead' ? '牵头单位进展' : `${unit}的配合情况`;
  try {
    await pdb(db)
      .transaction()
      .execute(async (trx) => {
        const last = await trx
          .selectFrom('plan_task_reports')
          .select((eb) => eb.fn.max('version').as('v'))
          .where('task_id', '=', task.id)
          .where('year', '=', input.year)
          .where('stream', '=', stream)
          .executeTakeFirst();
        const current = Number(last?.v ?? 0);
        if (input.basedOnVersion !== undefined && input.basedOnVersion !== current) {
          throw new RefusalError(
            `该任务 ${input.year} 年的${line}已被更新为第 ${current} 版（您依据的是第 ${input.basedOnVersion} 版），请刷新后再修改。`,
            409,
          );
        }
        row.version = current + 1;
        if (evidence) await storeEvidence(trx, evidence);
        await trx.insertInto('plan_task_reports').values(row).execute();
      });
  } catch (e) {
    if (e instanceof RefusalError) throw e;
    // Two reporters filing the same version at once: the unique constraint keeps one.
    if (/unique|duplicate/i.test(String((e as Error).message))) throw new RefusalError(`该任务 ${input.year} 年的${line}刚刚被他人更新，请刷新后再修改。`, 409);
    throw e;
  }
  return toReport(row);
}

export async function readTaskEvidence(db: Db, actor: Actor, reportId: string) {
  requireReader(actor);
  if (!isRecordId(reportId)) throw new RefusalError('佐证材料不存在。', 404);
  const r = await pdb(db).selectFrom('plan_task_reports').selectAll().where('id', '=', reportId).executeTakeFirst();
  if (!r || !r.evidence_sha256) throw new RefusalError('佐证材料不存在。', 404);
  const task = (await catalogue(db)).tasks.find((t) => t.id === r.task_id);
  if (!task || !taskVisibleTo(actor, task)) throw new RefusalError('无权查看该佐证材料。', 403);
  const blob = await db.kysely.selectFrom('blobs').selectAll().where('sha256', '=', r.evidence_sha256).executeTakeFirstOrThrow();
  return { name: r.evidence_name ?? 'evidence', mime: r.evidence_mime ?? blob.mime, data: Buffer.from(blob.data as Uint8Array) };
}

// ------------------------------------------------------------------ overdue

export interface OverdueItem extends Deadline {
  /** The latest lead status for that year, or null when nothing was filed. */
  status: TaskStatus | null;
  message: string;
}

/**
 * 逾期: a year the task's text sets as a deadline has passed (today is in a later year) and the
 * lead unit's latest report for that year is not 已完成 (or there is none).
 */
export function overdueOf(task: Task, leadStatusOfYear: (year: number) => TaskStatus | null, today: string): OverdueItem[] {
  const thisYear = Number(today.slice(0, 4));
  return taskDeadlines(task.text)
    .filter((d) => d.year < thisYear)
    .map((d) => ({ ...d, status: leadStatusOfYear(d.year) }))
    .filter((d) => d.status !== 'done')
    .map((d) => ({
      ...d,
      message: `逾期：原文"${d.quote}"，${d.year}年底前应完成；${d.year}年${d.status ? `最新报告为"${TASK_STATUS_LABEL[d.status]}"` : '未报送进展'}。`,
    }));
}

// ------------------------------------------------------------------ supervision

export interface SupervisionEvent {
  seq: number;
  action: SupervisionAction;
  actionLabel: string;
  note: string;
  dueDate: string | null;
  stateAfter: SupervisionState;
  actor: string;
  unit: string | null;
  at: string;
}

export interface SupervisionView {
  id: string;
  taskId: string;
  task: { id: string; title: string; plan: string; document: string; citation: string; lead: string[] };
  state: SupervisionState;
  stateLabel: string;
  reason: string;
  basis: string;
  basisSummary: string;
  dueDate: string;
  /** The due date has passed and the item is not closed. */
  overdue: boolean;
  version: number;
  openedBy: string;
  openedAt: string;
  closedAt: string | null;
  events: SupervisionEvent[];
}

function toSupervision(s: PlanSupervisionTable, events: PlanSupervisionEventTable[], task: Task | undefined, today: string): SupervisionView {
  return {
    id: s.id,
    taskId: s.task_id,
    task: task
      ? { id: task.id, title: task.title, plan: task.plan, document: task.document, citation: task.citation, lead: leadUnits(task) }
      : { id: s.task_id, title: s.task_id, plan: '', document: '', citation: s.task_id, lead: [] },
    state: s.state as SupervisionState,
    stateLabel: SUPERVISION_STATE_LABEL[s.state as SupervisionState] ?? s.state,
    reason: s.reason,
    basis: s.basis,
    basisSummary: SUPERVISION_BASES.find((b) => b.citation === s.basis)?.summary ?? '',
    dueDate: s.due_date,
    overdue: s.state !== 'closed' && s.due_date < today,
    version: Number(s.version),
    openedBy: s.opened_by,
    openedAt: s.opened_at,
    closedAt: s.closed_at,
    events: events
      .filter((e) => e.supervision_id === s.id)
      .sort((a, b) => Number(a.seq) - Number(b.seq))
      .map((e) => ({
        seq: Number(e.seq),
        action: e.action as SupervisionAction,
        actionLabel: SUPERVISION_ACTION_LABEL[e.action as SupervisionAction] ?? e.action,
        note: e.note,
        dueDate: e.due_date,
        stateAfter: e.state_after as SupervisionState,
        actor: e.actor,
        unit: e.unit,
        at: e.at,
      })),
  };
}

async function loadSupervisions(db: Db, filter: { taskIds?: string[]; ids?: string[]; notClosed?: boolean }, today: string): Promise<SupervisionView[]> {
  let q = pdb(db).selectFrom('plan_supervisions').selectAll();
  if (filter.taskIds) {
    if (!filter.taskIds.length) return [];
    q = q.where('task_id', 'in', filter.taskIds);
  }
  if (filter.ids) q = q.where('id', 'in', filter.ids);
  if (filter.notClosed) q = q.where('state', '!=', 'closed');
  const rows = await q.orderBy('opened_at').execute();
  if (!rows.length) return [];
  const events = await pdb(db)
    .selectFrom('plan_supervision_events')
    .selectAll()
    .where(
      'supervision_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const tasks = new Map((await catalogue(db)).tasks.map((t) => [t.id, t]));
  return rows.map((r) => toSupervision(r, events, tasks.get(r.task_id), today));
}

const dueDateIssue = (dueDate: string | undefined | null, today: string): string | null => {
  if (!dueDate) return '请填写办理期限（YYYY-MM-DD）';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dueDate)) return '办理期限格式应为 YYYY-MM-DD';
  if (!isRealDate(dueDate)) return `办理期限“${dueDate}”不存在，请检查年月日`;
  if (dueDate <= today) return `办理期限应晚于今天（${today}）`;
  if (dueDate > '2100-12-31') return '办理期限应在 2100 年之前';
  return null;
};

export interface OpenSupervisionInput {
  reason: string;
  dueDate: string;
  basis: string;
}

/** The plan office opens a 督办 on a task (挂账督办). One open item per task at a time. */
export async function openSupervision(
  db: Db,
  actor: Actor,
  taskId: string,
  input: OpenSupervisionInput,
  today: string,
  now = new Date(),
): Promise<SupervisionView> {
  const task = await findTask(db, taskId);
  if (!canSeeAll(actor)) throw new RefusalError('只有市政府办公室可以对任务挂账督办。', 403);
  const issues: { field: string; message: string }[] = [];
  const reason = (input.reason ?? '').trim();
  if (reason.length < 2) issues.push({ field: 'reason', message: '请填写督办事由' });
  if (reason.length > 2000) issues.push({ field: 'reason', message: '督办事由不超过 2000 字' });
  if (CONTROL_CHARS.test(reason)) issues.push({ field: 'reason', message: '督办事由含有不可见的控制字符，请删除后再提交' });
  const dateIssue = dueDateIssue(input.dueDate?.trim(), today);
  if (dateIssue) issues.push({ field: 'dueDate', message: dateIssue });
  if (!SUPERVISION_BASES.some((b) => b.citation === input.basis))
    issues.push({ field: 'basis', message: `请选择督办依据：${SUPERVISION_BASES.map((b) => b.citation).join(' 或 ')}` });
  if (issues.length) throw new InputError(issues);
  const id = randomUUID();
  const at = now.toISOString();
  await pdb(db)
    .transaction()
    .execute(async (trx) => {
      const pending = await trx
        .selectFrom('plan_supervisions')
        .select(['id', 'state', 'due_date'])
        .where('task_id', '=', task.id)
        .where('state', '!=', 'closed')
        .executeTakeFirst();
      if (pending)
        throw new RefusalError(
          `该任务已有未销号的督办（${SUPERVISION_STATE_LABEL[pending.state as SupervisionState]}，期限 ${pending.due_date}），请在原督办上继续办理。`,
          409,
        );
      await trx
        .insertInto('plan_supervisions')
        .values({
          id,
          task_id: task.id,
          state: 'open',
          reason,
          basis: input.basis,
          due_date: input.dueDate.trim(),
          version: 1,
          opened_by_id: actor.id,
          opened_by: actor.name,
          opened_at: at,
          updated_at: at,
          closed_at: null,
        })
        .execute();
      await trx
        .insertInto('plan_supervision_events')
        .values({
          id: randomUUID(),
          supervision_id: id,
          seq: 1,
          action: 'open',
          note: reason,
          due_date: input.dueDate.trim(),
          state_after: 'open',
          actor_id: actor.id,
          actor: actor.name,
          unit: actor.unit ? normalizeUnit(actor.unit) : null,
          at,
        })
        .execute();
    });
  return (await loadSupervisions(db, { ids: [id] }, today))[0];
}

export interface SupervisionActionInput {
  action: string;
  /** The version the actor saw: an item changed in between is refused with 409. */
  version: number;
  note?: string | null;
  dueDate?: string | null;
}

/**
 * A step on a 督办:
 *  answer (lead unit; open|answered → answered), extend (plan office, new date; open|answered → open),
 *  close (plan office, 验收销号 with a note; answered → closed), reopen (plan office, new date; closed → open).
 */
export async function actOnSupervision(
  db: Db,
  actor: Actor,
  supervisionId: string,
  input: SupervisionActionInput,
  today: string,
  now = new Date(),
): Promise<SupervisionView> {
  requireReader(actor);
  const s = isRecordId(supervisionId)
    ? await pdb(db).selectFrom('plan_supervisions').selectAll().where('id', '=', supervisionId).executeTakeFirst()
    : undefined;
  if (!s) throw new RefusalError('督办事项不存在。', 404);
  const task = await findTask(db, s.task_id);
  if (!taskVisibleTo(actor, task)) throw new RefusalError('督办事项不存在。', 404); // not visible: no hint it exists
  const action = input.action as SupervisionAction;
  if (!['answer', 'extend', 'close', 'reopen'].includes(action))
    throw new InputError([{ field: 'action', message: '操作应为答复（answer）、重新确定期限（extend）、验收销号（close）或重新督办（reopen）' }]);
  if (action === 'answer') {
    if (roleOn(actor, task) !== 'lead') throw new RefusalError(`督办由牵头单位（${leadUnits(task).join('、') || '—'}）答复。`, 403);
  } else if (!canSeeAll(actor)) throw new RefusalError(`只有市政府办公室可以${SUPERVISION_ACTION_LABEL[action]}。`, 403);

  const issues: { field: string; message: string }[] = [];
  const note = (input.note ?? '').trim();
  if (note.length > 2000) issues.push({ field: 'note', message: '说明不超过 2000 字' });
  if (CONTROL_CHARS.test(note)) issues.push({ field: 'note', message: '说明含有不可见的控制字符，请删除后再提交' });
  if (action === 'answer' && note.length < 2) issues.push({ field: 'note', message: '请填写答复内容（整改或推进情况）' });
  if (action === 'close' && note.length < 2) issues.push({ field: 'note', message: '请填写验收意见' });
  if (action === 'reopen' && note.length < 2) issues.push({ field: 'note', message: '请填写重新督办的理由' });
  const needsDate = action === 'extend' || action === 'reopen';
  const dueDate = needsDate ? (input.dueDate ?? '').trim() : null;
  if (needsDate) {
    const d = dueDateIssue(dueDate, today);
    if (d) issues.push({ field: 'dueDate', message: d });
  }
  if (!Number.isInteger(input.version) || input.version < 1) issues.push({ field: 'version', message: '缺少督办事项的版本号，请刷新后再操作' });
  if (issues.length) throw new InputError(issues);

  const allowed: Record<Exclude<SupervisionAction, 'open'>, SupervisionState[]> = {
    answer: ['open', 'answered'],
    extend: ['open', 'answered'],
    close: ['answered'],
    reopen: ['closed'],
  };
  const act = action as Exclude<SupervisionAction, 'open'>;
  const after: SupervisionState = act === 'answer' ? 'answered' : act === 'close' ? 'closed' : 'open';
  const at = now.toISOString();
  try {
    await pdb(db)
      .transaction()
      .execute(async (trx) => {
        const cur = await trx.selectFrom('plan_supervisions').select(['version', 'state']).where('id', '=', s.id).executeTakeFirstOrThrow();
        const v = Number(cur.version);
        if (v !== input.version) throw new RefusalError(`该督办事项已被更新（当前第 ${v} 步，您依据的是第 ${input.version} 步），请刷新后再操作。`, 409);
        const st = cur.state as SupervisionState;
        if (!allowed[act].includes(st)) {
          const why =
            act === 'close' && st === 'open'
              ? '牵头单位尚未答复，不能验收销号。'
              : act === 'reopen'
                ? '只有已销号的督办可以重新督办。'
                : st === 'closed'
                  ? '该督办已验收销号；如需继续，请重新督办。'
                  : `当前状态（${SUPERVISION_STATE_LABEL[st]}）不能${SUPERVISION_ACTION_LABEL[act]}。`;
          throw new RefusalError(why, 409);
        }
        await trx
          .updateTable('plan_supervisions')
          .set({ state: after, version: v + 1, updated_at: at, ...(dueDate ? { due_date: dueDate } : {}), closed_at: after === 'closed' ? at : null })
          .where('id', '=', s.id)
          .where('version', '=', v)
          .execute();
        await trx
          .insertInto('plan_supervision_events')
          .values({
            id: randomUUID(),
            supervision_id: s.id,
            seq: v + 1,
            action: act,
            note,
            due_date: dueDate,
            state_after: after,
            actor_id: actor.id,
            actor: actor.name,
            unit: actor.unit ? normalizeUnit(actor.unit) : null,
            at,
          })
          .execute();
      });
  } catch (e) {
    if (e instanceof RefusalError) throw e;
    if (/unique|duplicate/i.test(String((e as Error).message))) throw new RefusalError('该督办事项刚刚被他人更新，请刷新后再操作。', 409);
    throw e;
  }
  return (await loadSupervisions(db, { ids: [s.id] }, today))[0];
}

/** 督办 items the actor may see, optionally only those not closed. */
export async function listSupervisions(
  db: Db,
  actor: Actor,
  filter: { state?: SupervisionState; notClosed?: boolean },
  today: string,
): Promise<SupervisionView[]> {
  requireReader(actor);
  const tasks = (await catalogue(db)).tasks.filter((t) => taskVisibleTo(actor, t));
  const all = await loadSupervisions(db, { taskIds: canSeeAll(actor) ? undefined : tasks.map((t) => t.id), notClosed: filter.notClosed }, today);
  return all.filter((s) => !filter.state || s.state === filter.state);
}

// ------------------------------------------------------------------ views

export interface TaskProgress {
  year: number;
  /** The latest lead status for the year ('none' when nothing was filed). */
  status: TaskStatusKey;
  statusLabel: string;
  lead: TaskReportRow | null;
  /** Current co-unit reports for the year. */
  co: TaskReportRow[];
  overdue: OverdueItem[];
  openSupervisions: number;
}

/** Progress of many tasks for a year, from one read of the reports and 督办 items. */
export async function progressOf(db: Db, tasks: Task[], year: number, today: string): Promise<Map<string, TaskProgress>> {
  if (!tasks.length) return new Map();
  const ids = tasks.map((t) => t.id);
  // Many tasks: read the whole (small) table rather than a long IN list.
  const history = await taskReportHistory(db, ids.length > 100 ? undefined : ids);
  const byTask = new Map<string, TaskReportRow[]>();
  for (const r of latestByLine(history).values()) byTask.set(r.taskId, [...(byTask.get(r.taskId) ?? []), r]);
  const open = await pdb(db).selectFrom('plan_supervisions').select(['task_id']).where('state', '!=', 'closed').execute();
  const openCount = new Map<string, number>();
  for (const o of open) openCount.set(o.task_id, (openCount.get(o.task_id) ?? 0) + 1);
  const out = new Map<string, TaskProgress>();
  for (const t of tasks) {
    const current = byTask.get(t.id) ?? [];
    const leadOf = (y: number) => current.find((r) => r.kind === 'lead' && r.year === y) ?? null;
    const lead = leadOf(year);
    const status: TaskStatusKey = lead ? lead.status : 'none';
    out.set(t.id, {
      year,
      status,
      statusLabel: TASK_STATUS_LABEL[status],
      lead,
      co: current.filter((r) => r.kind === 'co' && r.year === year),
      overdue: overdueOf(t, (y) => leadOf(y)?.status ?? null, today),
      openSupervisions: openCount.get(t.id) ?? 0,
    });
  }
  return out;
}

export type TaskWithProgress = Task & { deadlines: Deadline[]; progress: TaskProgress | null };

/** Tasks with their progress where the actor may see it (null elsewhere, and for anonymous readers). */
export async function tasksWithProgress(db: Db, actor: Actor | null, tasks: Task[], year: number, today: string): Promise<TaskWithProgress[]> {
  const visible = actor && (canSeeAll(actor) || actor.role === 'department') ? tasks.filter((t) => taskVisibleTo(actor, t)) : [];
  const progress = await progressOf(db, visible, year, today);
  return tasks.map((t) => ({ ...t, deadlines: taskDeadlines(t.text), progress: progress.get(t.id) ?? null }));
}

export function countTaskStatuses(progress: (TaskProgress | null)[]): Record<TaskStatusKey, number> {
  const c = Object.fromEntries(TASK_STATUS_KEYS.map((k) => [k, 0])) as Record<TaskStatusKey, number>;
  for (const p of progress) if (p) c[p.status]++;
  return c;
}

/** One task: its text, deadlines, every report version, the current lines per year, 督办 items, and what the actor may do. */
export async function taskDetail(db: Db, actor: Actor, taskId: string, year: number, today: string) {
  const task = await findTask(db, taskId);
  requireTaskReader(actor, task);
  const history = await taskReportHistory(db, [task.id]);
  const latest = latestByLine(history);
  const progress = (await progressOf(db, [task], year, today)).get(task.id)!;
  const years = [TASK_FIRST_YEAR, 2022, 2023, 2024, TASK_LAST_YEAR].map((y) => {
    const lead = latest.get(`${task.id}|${y}|lead`) ?? null;
    return {
      year: y,
      status: (lead?.status ?? 'none') as TaskStatusKey,
      statusLabel: TASK_STATUS_LABEL[lead?.status ?? 'none'],
      lead,
      co: [...latest.values()].filter((r) => r.year === y && r.kind === 'co'),
    };
  });
  const role = roleOn(actor, task);
  return {
    task,
    deadlines: taskDeadlines(task.text),
    year,
    progress,
    years,
    history,
    supervisions: await loadSupervisions(db, { taskIds: [task.id] }, today),
    role,
    /** 'lead' | 'co' when the actor files on this task, else null; `unit` is the unit it files as. */
    mayReport: role,
    unit: role && actor.unit ? normalizeUnit(actor.unit) : null,
    maySupervise: canSeeAll(actor),
    statusLabels: TASK_STATUS_LABEL,
    bases: SUPERVISION_BASES,
  };
}

/** The part of the department view about tasks: status counts (as lead and as co-unit), overdue tasks, open 督办. */
export async function departmentTasks(db: Db, tasks: (Task & { role: string })[], year: number, today: string) {
  const withRole = tasks.filter((t) => t.role === 'lead' || t.role === 'co');
  const progress = await progressOf(db, withRole, year, today);
  const lead = withRole.filter((t) => t.role === 'lead');
  const co = withRole.filter((t) => t.role === 'co');
  const supervisions = await loadSupervisions(db, { taskIds: withRole.map((t) => t.id), notClosed: true }, today);
  return {
    tasks: tasks.map((t) => ({ ...t, deadlines: taskDeadlines(t.text), progress: progress.get(t.id) ?? null })),
    taskCounts: { lead: countTaskStatuses(lead.map((t) => progress.get(t.id)!)), co: countTaskStatuses(co.map((t) => progress.get(t.id)!)) },
    overdueTasks: withRole
      .filter((t) => progress.get(t.id)!.overdue.length)
      .map((t) => ({ id: t.id, plan: t.plan, title: t.title, citation: t.citation, role: t.role, lead: leadUnits(t), overdue: progress.get(t.id)!.overdue })),
    supervisions,
  };
}

/** The task part of the dashboard: counts by status (overall, by plan), overdue tasks, 督办 not yet closed. */
export async function taskDashboard(db: Db, actor: Actor, year: number, filter: { document?: string; unit?: string }, today: string) {
  let tasks = (await catalogue(db)).tasks.filter((t) => taskVisibleTo(actor, t));
  if (filter.document) tasks = tasks.filter((t) => t.document === filter.document);
  if (filter.unit) {
    const u = normalizeUnit(filter.unit);
    tasks = tasks.filter((t) => t.units.some((x) => x.unit === u && (x.role === 'lead' || x.role === 'co')));
  }
  const progress = await progressOf(db, tasks, year, today);
  const ids = new Set(tasks.map((t) => t.id));
  const supervisions = (await loadSupervisions(db, { notClosed: true }, today)).filter((s) => ids.has(s.taskId));
  return {
    year,
    total: tasks.length,
    counts: countTaskStatuses(tasks.map((t) => progress.get(t.id)!)),
    labels: TASK_STATUS_LABEL,
    byPlan: PLANS.map((p) => {
      const mine = tasks.filter((t) => t.document === p.number);
      return { document: p.number, plan: p.short, total: mine.length, counts: countTaskStatuses(mine.map((t) => progress.get(t.id)!)) };
    }).filter((p) => p.total > 0),
    overdue: tasks
      .filter((t) => progress.get(t.id)!.overdue.length)
      .map((t) => ({
        id: t.id,
        plan: t.plan,
        document: t.document,
        title: t.title,
        citation: t.citation,
        lead: leadUnits(t),
        overdue: progress.get(t.id)!.overdue,
      })),
    supervisions,
  };
}
