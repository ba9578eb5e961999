// Plan monitoring: the catalogue (from the library), yearly filings with
// versions, statuses, department views and the dashboard.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../auth/service.js';
import { todayIso } from '../calendar/dates.js';
import type { Db } from '../db/connection.js';
import { InputError } from '../platform/errors.js';
import { RefusalError } from '../platform/errors.js';
import { canSeeAll, catalogue, checkEvidence, CONTROL_CHARS, isRecordId, pdb, requireReader, storeEvidence } from './catalogue.js';
import { unitReportsOn, type Indicator } from './extract.js';
import { PLANS } from './plans.js';
import type { PlanReportTable } from './schema.js';
import { computeStatus, STATUSES, STATUS_LABEL, type Observation, type Status, type StatusResult } from './status.js';
import { departmentTasks, taskDashboard } from './tasks.js';
import { normalizeUnit } from './units.js';

export { canSeeAll, catalogue, requireReader, type Catalogue } from './catalogue.js';

export const FIRST_YEAR = 2021;
export const LAST_YEAR = 2025;
export const YEARS = [2021, 2022, 2023, 2024, 2025];

/** Indicators whose figures this actor may read: everything for the plan office, its own for a department. */
export function visibleTo(a: Actor, ind: Indicator): boolean {
  if (canSeeAll(a)) return true;
  if (a.role !== 'department' || !a.unit) return false;
  const unit = normalizeUnit(a.unit);
  return unitReportsOn(ind, unit) || ind.responsible.some((u) => u.unit === unit);
}

export interface ReportRow {
  id: string;
  indicatorId: string;
  year: number;
  version: number;
  value: number | null;
  assessment: string | null;
  note: string;
  evidence: { sha256: string; name: string; mime: string; link: string } | null;
  unit: string;
  reportedBy: string;
  reportedAt: string;
}

function toRow(r: PlanReportTable): ReportRow {
  return {
    id: r.id,
    indicatorId: r.indicator_id,
    year: Number(r.year),
    version: Number(r.version),
    value: r.value === null ? null : Number(r.value),
    assessment: r.assessment,
    note: r.note,
    evidence: r.evidence_sha256
      ? { sha256: r.evidence_sha256, name: r.evidence_name ?? '', mime: r.evidence_mime ?? '', link: `/api/plans/evidence/${r.id}` }
      : null,
    unit: r.unit,
    reportedBy: r.reported_by,
    reportedAt: r.reported_at,
  };
}

/** All versions, oldest first. */
export async function reportHistory(db: Db, indicatorIds?: string[]): Promise<ReportRow[]> {
  let q = pdb(db).selectFrom('plan_reports').selectAll();
  if (indicatorIds) {
    if (!indicatorIds.length) return [];
    q = q.where('indicator_id', 'in', indicatorIds);
  }
  const rows = await q.orderBy('indicator_id').orderBy('year').orderBy('version').execute();
  return rows.map(toRow);
}

/** The current (latest) version per indicator and year. */
export function currentReports(history: ReportRow[]): Map<string, ReportRow[]> {
  const latest = new Map<string, ReportRow>();
  for (const r of history) {
    const k = `${r.indicatorId}|${r.year}`;
    const prev = latest.get(k);
    if (!prev || prev.version < r.version) latest.set(k, r);
  }
  const by = new Map<string, ReportRow[]>();
  for (const r of latest.values())
    by.set(
      r.indicatorId,
      [...(by.get(r.indicatorId) ?? []), r].sort((a, b) => a.year - b.year),
    );
  return by;
}

/** Where figures of an indicator are filed: a restatement (47号 list) files under the indicator it restates. */
export const filingId = (ind: Indicator) => ind.restates ?? ind.id;

export function statusesFor(ind: Indicator, current: ReportRow[] | undefined, years = YEARS): StatusResult[] {
  const obs: Observation[] = (current ?? []).map((r) => ({ year: r.year, value: r.value, assessment: (r.assessment as Observation['assessment']) ?? null }));
  return years.map((y) => computeStatus(ind, obs, y));
}

export interface FileReportInput {
  year: number;
  value?: number | null;
  assessment?: string | null;
  note: string;
  evidence?: { name: string; mime: string; base64: string } | null;
  /** The version the reporter saw (0 when none): a stale correction is refused with 409. */
  basedOnVersion?: number;
}

export async function fileReport(db: Db, actor: Actor, indicatorId: string, input: FileReportInput, now = new Date()): Promise<ReportRow> {
  const cat = await catalogue(db);
  const ind = cat.byId.get(indicatorId);
  if (!ind) throw new RefusalError(`指标不存在：${indicatorId}`, 404);
  if (ind.restates)
    throw new RefusalError(
      `该指标是${ind.citation.text}对${cat.byId.get(ind.restates)?.citation.text ?? ind.restates}的重述，请在原指标（${ind.restates}）下报送。`,
      409,
    );
  if (ind.period !== '十四五') throw new RefusalError('“十三五”指标已有完成情况，不再报送。', 422);
  let unit: string;
  if (canSeeAll(actor)) unit = actor.role === 'admin' ? ind.reporter : normalizeUnit(actor.unit ?? '市政府办公室');
  else if (actor.role === 'department' && actor.unit) {
    unit = normalizeUnit(actor.unit);
    if (!unitReportsOn(ind, unit)) throw new RefusalError(`${actor.unit}不是该指标的报送单位（报送单位：${ind.reporter}），不能报送或修改。`, 403);
  } else throw new RefusalError('只有市直部门和市政府办公室可以报送监测数据。', 403);

  const issues: { field: string; message: string }[] = [];
  if (!Number.isInteger(input.year) || input.year < FIRST_YEAR || input.year > LAST_YEAR)
    issues.push({ field: 'year', message: `年份应在 ${FIRST_YEAR}—${LAST_YEAR} 之间` });
  const qualitative = ind.comparison === 'status' || ind.target.value === null;
  if (qualitative) {
    if (!input.assessment || !['achieved', 'on_track', 'at_risk', 'off_track'].includes(input.assessment))
      issues.push({ field: 'assessment', message: '定性目标请选择完成状态：已达标、进度正常、存在风险或进度滞后' });
  } else {
    if (input.value === null || input.value === undefined || !Number.isFinite(input.value))
      issues.push({ field: 'value', message: `请填写${ind.unit ? `以"${ind.unit}"为单位的` : ''}数值` });
    else if (ind.unit === '%' && ind.comparison !== 'decrease_by' && (input.value < 0 || input.value > 100))
      issues.push({ field: 'value', message: '百分比应在 0—100 之间' });
    else if (input.value < 0 && ind.comparison !== 'decrease_by') issues.push({ field: 'value', message: '数值不能为负' });
    if (input.assessment) issues.push({ field: 'assessment', message: '数值型指标的状态由系统按方法计算，不能自行填写' });
  }
  const note = (input.note ?? '').trim();
  if (note.length < 2) issues.push({ field: 'note', message: '请填写情况说明（数据来源、口径等）' });
  if (note.length > 2000) issues.push({ field: 'note', message: '情况说明不超过 2000 字' });
  if (CONTROL_CHARS.test(note)) issues.push({ field: 'note', message: '情况说明含有不可见的控制字符，请删除后再提交' });
  const evidence = checkEvidence(input.evidence, issues);
  if (issues.length) throw new InputError(issues);

  const row: PlanReportTable = {
    id: randomUUID(),
    indicator_id: ind.id,
    year: input.year,
    version: 0,
    value: qualitative ? (input.value ?? null) : input.value!,
    assessment: qualitative ? input.assessment! : null,
    note,
    evidence_sha256: evidence?.sha256 ?? null,
    evidence_name: evidence?.name ?? null,
    evidence_mime: evidence?.mime ?? null,
    unit,
    reported_by_id: actor.id,
    reported_by: actor.name,
    reported_at: now.toISOString(),
  };
  try {
    await pdb(db)
      .transaction()
      .execute(async (trx) => {
        const last = await trx
          .selectFrom('plan_reports')
          .select((eb) => eb.fn.max('version').as('v'))
          .where('indicator_id', '=', ind.id)
          .where('year', '=', input.year)
          .executeTakeFirst();
        const current = Number(last?.v ?? 0);
        if (input.basedOnVersion !== undefined && input.basedOnVersion !== current) {
          throw new RefusalError(`该指标 ${input.year} 年的数据已被更新为第 ${current} 版（您依据的是第 ${input.basedOnVersion} 版），请刷新后再修改。`, 409);
        }
        row.version = current + 1;
        if (evidence) await storeEvidence(trx, evidence);
        await trx.insertInto('plan_reports').values(row).execute();
      });
  } catch (e) {
    if (e instanceof RefusalError) throw e;
    // Two reporters filing the same version at once: the unique constraint picks one.
    if (/unique|duplicate/i.test(String((e as Error).message))) throw new RefusalError('同一指标同一年份的数据刚刚被他人更新，请刷新后再修改。', 409);
    throw e;
  }
  return toRow(row);
}

export async function readEvidence(db: Db, actor: Actor, reportId: string) {
  requireReader(actor);
  if (!isRecordId(reportId)) throw new RefusalError('佐证材料不存在。', 404);
  const r = await pdb(db).selectFrom('plan_reports').selectAll().where('id', '=', reportId).executeTakeFirst();
  if (!r || !r.evidence_sha256) throw new RefusalError('佐证材料不存在。', 404);
  const ind = (await catalogue(db)).byId.get(r.indicator_id);
  if (!ind || !visibleTo(actor, ind)) throw new RefusalError('无权查看该佐证材料。', 403);
  const blob = await db.kysely.selectFrom('blobs').selectAll().where('sha256', '=', r.evidence_sha256).executeTakeFirstOrThrow();
  return { name: r.evidence_name ?? 'evidence', mime: r.evidence_mime ?? blob.mime, data: Buffer.from(blob.data as Uint8Array) };
}

export interface IndicatorView extends Indicator {
  reports: ReportRow[]; // current version per year
  statuses: StatusResult[];
  status: StatusResult; // for the requested year
}

export async function indicatorViews(db: Db, actor: Actor | null, year: number, filter: { document?: string; unit?: string } = {}): Promise<IndicatorView[]> {
  const cat = await catalogue(db);
  let list = cat.indicators;
  if (filter.document) list = list.filter((i) => i.document === filter.document);
  if (filter.unit) {
    const u = normalizeUnit(filter.unit);
    list = list.filter((i) => i.reporter === u || i.responsible.some((x) => x.unit === u));
  }
  const showFigures = actor !== null;
  const current = showFigures ? currentReports(await reportHistory(db)) : new Map<string, ReportRow[]>();
  return list.map((ind) => {
    const mine = actor && visibleTo(actor, ind) ? current.get(filingId(ind)) : undefined;
    const statuses = ind.period === '十三五' ? [thirteenthResult(ind)] : statusesFor(ind, mine);
    const status = ind.period === '十三五' ? statuses[0] : (statuses.find((s) => s.year === year) ?? computeStatus(ind, [], year));
    return { ...ind, reports: mine ?? [], statuses, status };
  });
}

/** 十三五 indicators: the printed 2020 result, judged against the 2020 target. */
export function thirteenthResult(ind: Indicator): StatusResult {
  const r = ind.result;
  if (!r) return { year: 2020, status: 'no_data', value: null, expected: null, reason: '无完成情况。' };
  if (r.value !== null && ind.target.value !== null) return computeStatus(ind, [{ year: r.year, value: r.value }], r.year);
  if (r.assessment === '完成')
    return { year: r.year, status: 'achieved', value: null, expected: null, reason: `原表完成情况为"${r.text || '—'}"，判定"${r.assessment}"。` };
  return { year: r.year, status: 'no_data', value: null, expected: null, reason: '无完成情况。' };
}

export function countStatuses(views: { status: StatusResult }[]) {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const v of views) counts[v.status.status]++;
  return counts;
}

const SEVERITY: Record<Status, number> = { off_track: 0, at_risk: 1, no_data: 2, on_track: 3, achieved: 4 };

/** `today` (YYYY-MM-DD) decides which task deadlines have passed (逾期) and which 督办 are late. */
export async function dashboard(db: Db, actor: Actor, year: number, filter: { document?: string; unit?: string }, today = todayIso()) {
  requireReader(actor);
  const all = (await indicatorViews(db, actor, year, filter)).filter((v) => v.period === '十四五' && !v.restates && visibleTo(actor, v));
  const byPlan = PLANS.filter((p) => !filter.document || p.number === filter.document)
    .map((p) => ({
      document: p.number,
      plan: p.short,
      counts: countStatuses(all.filter((v) => v.document === p.number)),
      total: all.filter((v) => v.document === p.number).length,
    }))
    .filter((p) => p.total > 0);
  const units = [...new Set(all.map((v) => v.reporter))].sort();
  const byUnit = units.map((u) => ({ unit: u, counts: countStatuses(all.filter((v) => v.reporter === u)), total: all.filter((v) => v.reporter === u).length }));
  const attention = all
    .filter((v) => v.status.status === 'off_track' || v.status.status === 'at_risk')
    .sort((a, b) => Number(b.attribute === '约束性') - Number(a.attribute === '约束性') || SEVERITY[a.status.status] - SEVERITY[b.status.status]);
  const trends = all
    .filter((v) => v.reports.some((r) => r.value !== null))
    .map((v) => ({
      id: v.id,
      name: v.name,
      unit: v.unit,
      attribute: v.attribute,
      baseline: v.baseline,
      target: v.target,
      points: v.reports.filter((r) => r.value !== null).map((r) => ({ year: r.year, value: r.value })),
    }));
  return {
    year,
    total: all.length,
    counts: countStatuses(all),
    labels: STATUS_LABEL,
    byPlan,
    byUnit,
    attention: attention.map((v) => ({
      id: v.id,
      document: v.document,
      plan: v.plan,
      name: v.name,
      attribute: v.attribute,
      reporter: v.reporter,
      status: v.status,
    })),
    trends,
    tasks: await taskDashboard(db, actor, year, filter, today),
  };
}

export async function departmentView(db: Db, actor: Actor, unitRaw: string, year: number, today = todayIso()) {
  requireReader(actor);
  const unit = normalizeUnit(unitRaw);
  if (!canSeeAll(actor) && normalizeUnit(actor.unit ?? '') !== unit) throw new RefusalError('部门只能查看本单位的任务和指标。', 403);
  const cat = await catalogue(db);
  const tasks = cat.tasks
    .filter((t) => t.units.some((u) => u.unit === unit))
    .map((t) => ({ ...t, role: t.units.find((u) => u.unit === unit)!.role }))
    .sort((a, b) => a.dueYear - b.dueYear || Number(a.role !== 'lead') - Number(b.role !== 'lead'));
  const indicators = (await indicatorViews(db, actor, year, { unit })).filter((v) => v.period === '十四五');
  return {
    unit,
    year,
    indicators: indicators.map((v) => ({ ...v, mayReport: !v.restates && (unitReportsOn(v, unit) || canSeeAll(actor)) })),
    counts: {
      lead: tasks.filter((t) => t.role === 'lead').length,
      co: tasks.filter((t) => t.role === 'co').length,
      implementing: tasks.filter((t) => t.role === 'implementing').length,
    },
    // Progress per task (lead and co tasks), counts by status, overdue tasks and 督办 not yet closed.
    ...(await departmentTasks(db, tasks, year, today)),
  };
}

export async function allUnitsNamed(db: Db): Promise<string[]> {
  const cat = await catalogue(db);
  const s = new Set<string>();
  for (const t of cat.tasks) for (const u of t.units) s.add(u.unit);
  for (const i of cat.indicators) s.add(i.reporter);
  return [...s].sort();
}
