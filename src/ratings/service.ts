// 好差评: after a case is finished, the person or unit that filed it rates the service once, on the five
// levels of 国办发〔2019〕51号 (非常满意、满意、基本满意、不满意、非常不满意). A 差评 (不满意 or 非常不满意)
// must say why, and opens a follow-up for the office rated, due on the working-day calendar; the office
// answers the applicant, who is notified. The rating and the reply are events in the case's audit chain
// (recorded without changing the case: SYSTEM_EVENTS in src/engine/audit.ts). Officials see the ratings of
// their own office, and county and city roles those of the offices below them in their area, on cases they
// may read. Every comment and reply is masked (身份证号, phone) in every answer.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Selectable, Transaction } from 'kysely';
import type { Actor } from '../auth/service.js';
import type { Db } from '../db/connection.js';
import type { CaseTable, Database } from '../db/schema.js';
import { CalendarError, type WorkdayCalendar } from '../calendar/workdays.js';
import { caseFilter } from '../engine/access.js';
import { appendEvent, lockCase, SYSTEM_EVENTS } from '../engine/audit.js';
import { CaseError, type CaseEngine } from '../engine/cases.js';
import { maskPersonalData } from '../engine/personal-data.js';
import { caseState, type ProcedureDefinition } from '../engine/procedure.js';
import { levelsDownTo, type AreaLevel } from '../platform/areas.js';
import { roleDef, roleLabel, seesOwnCasesOnly } from '../platform/roles.js';
import type { RatingFollowUpTable, RatingTable } from './schema.js';

/** The five levels, best first, as 国办发〔2019〕51号 names them. */
export const RATING_LEVELS = [
  { score: 5, label: '非常满意' },
  { score: 4, label: '满意' },
  { score: 3, label: '基本满意' },
  { score: 2, label: '不满意' },
  { score: 1, label: '非常不满意' },
] as const;
export const levelLabel = (score: number) => RATING_LEVELS.find((l) => l.score === score)?.label ?? String(score);

/**
 * The parameters of 好差评, in one place.
 *
 * `followUpWorkdays`: the working days the office rated has to check a 差评, rectify and answer the applicant.
 * Source: 国办发〔2019〕51号《国务院办公厅关于建立政务服务“好差评”制度提高政务服务水平的意见》, 三、（七）
 * 强化差评整改, as it is commonly quoted: “对实名差评事项，…要安排专人负责，及时回访核实，…原则上整改反馈时间
 * 不超过15个工作日”. The document is national and not in the library (our gazette is 承德市's), so this figure
 * and the wording above were NOT verified against a text the platform holds: check them against the published
 * document (or a 承德市 implementing rule that sets a shorter time) before relying on them, and change the figure
 * here. The five levels and 差评 = 不满意 / 非常不满意 are from the same document (三、（四）).
 */
export const RATING_RULES = {
  basis: '国办发〔2019〕51号',
  // Cited as the whole document: the clause (三、（七）) is from memory, not from a text the platform holds.
  followUpCitation: '国办发〔2019〕51号',
  followUpWorkdays: 15,
  /** Scores at or below this are 差评. */
  badAtMost: 2,
  /** A 差评 says why in at least this many characters. */
  badCommentMin: 5,
  commentMax: 500,
  replyMin: 5,
  replyMax: 2000,
} as const;
export const isBad = (score: number) => score <= RATING_RULES.badAtMost;

const R = RATING_RULES;
export const RatingInput = z
  .object({
    score: z
      .number({ error: '请选择评价等级（1–5 星）' })
      .int('评价等级应为 1–5 的整数')
      .min(1, '评价等级应为 1–5（1 非常不满意，5 非常满意）')
      .max(5, '评价等级应为 1–5（1 非常不满意，5 非常满意）')
      .describe('1 非常不满意 · 2 不满意 · 3 基本满意 · 4 满意 · 5 非常满意'),
    comment: z
      .string({ error: '评价意见应为文字' })
      .trim()
      .max(R.commentMax, `评价意见不超过 ${R.commentMax} 字`)
      .optional()
      .describe('评价意见；差评（不满意、非常不满意）必填'),
  })
  .superRefine((v, ctx) => {
    if (isBad(v.score) && (v.comment ?? '').length < R.badCommentMin)
      ctx.addIssue({
        code: 'custom',
        path: ['comment'],
        message: `差评请写明不满意的原因（至少 ${R.badCommentMin} 个字），以便办理单位核实整改`,
      });
  });
export type RatingInput = z.infer<typeof RatingInput>;

export const ReplyInput = z.object({
  reply: z
    .string({ error: '请填写答复内容' })
    .trim()
    .min(R.replyMin, `请填写核实和整改情况（至少 ${R.replyMin} 个字）`)
    .max(R.replyMax, `答复不超过 ${R.replyMax} 字`),
});

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const RANK: Record<string, number> = { city: 0, county: 1, township: 2, village: 3 };

/** The office a rating concerns. */
export interface Office {
  role: string;
  level: string;
  county: string;
  township: string;
  village: string;
  unit: string;
  label: string;
}

/** An office of the platform: a role that is neither a person or unit acting for itself nor the administrator. */
const isOfficeRole = (role: string) => {
  const d = roleDef(role);
  return Boolean(d) && d!.level !== 'own' && role !== 'admin';
};

/**
 * The office rated: the office that acted last before the case reached its final state (the township that
 * refused, the bureau that accepted the works), placed where the case is, down to that office's level (a
 * township's rating is 县 + 乡镇; a city bureau's has no place, but its unit). When only the applicant acted (a
 * withdrawal before anyone took the case up), the office that receives the procedure's applications is rated.
 * It is decided once, when the rating is given, and stored with it.
 */
export function officeOf(
  p: ProcedureDefinition<any>,
  row: Pick<CaseTable, 'state' | 'county' | 'township' | 'village'>,
  events: { seq: number; action: string; actor_role: string; actor_id: number | null; from_state: string | null; to_state: string }[],
  units: Map<number, string | null>,
): Office {
  // Up to the event that brought the case into its final state; what the platform recorded later does not count.
  const entered = events.filter((e) => e.to_state === row.state && e.from_state !== row.state).at(-1)?.seq ?? Infinity;
  const acted = events.filter((e) => e.seq <= entered && !SYSTEM_EVENTS.has(e.action) && e.action !== 'upload_document' && isOfficeRole(e.actor_role));
  const last = acted.at(-1);
  const role = last?.actor_role ?? p.states.find((s) => s.actor && isOfficeRole(s.actor))?.actor ?? 'admin';
  const def = roleDef(role);
  const level = def?.level ?? 'city';
  const place: Record<AreaLevel, string> = { county: '', township: '', village: '' };
  if (level === 'county' || level === 'township' || level === 'village') for (const k of levelsDownTo(level)) place[k] = row[k] ?? '';
  // A city department is told apart by its unit (市生态环境局, 市民政局…); an office placed in an area by its place.
  const unit = level === 'city' && def?.needsUnit && last?.actor_id ? (units.get(last.actor_id) ?? '') : '';
  const kind = roleLabel(role);
  const where = [place.county, place.township, place.village].join('');
  const label = unit || (!where ? kind : where.endsWith(kind) ? where : `${where} ${kind}`);
  return { role, level, ...place, unit, label };
}

type RatingRow = Selectable<RatingTable>;
type FollowUpRow = Selectable<RatingFollowUpTable>;

const officeOfRow = (r: RatingRow): Office => ({
  role: r.office_role,
  level: r.office_level,
  county: r.office_county,
  township: r.office_township,
  village: r.office_village,
  unit: r.office_unit,
  label: r.office_label,
});

/** Whether the actor is the office rated: the same role, the same place at the office's level, the same unit if it has one. */
export function isOwnOffice(actor: Actor, o: Office): boolean {
  if (actor.role !== o.role) return false;
  const level = o.level as AreaLevel | 'city';
  if (level !== 'city' && !levelsDownTo(level).every((k) => (actor[k] ?? '') === o[k])) return false;
  return !o.unit || actor.unit === o.unit;
}

/** Whether the actor stands above the office rated in its area: a county role over the townships and villages of its county; a city role over all. */
export function isAbove(actor: Actor, o: Office): boolean {
  if (actor.role === 'admin') return true;
  const level = roleDef(actor.role)?.level;
  if (!level || level === 'own' || RANK[level] === undefined || RANK[o.level] === undefined) return false;
  if (RANK[level] >= RANK[o.level]) return false;
  return level === 'city' || levelsDownTo(level).every((k) => Boolean(actor[k]) && actor[k] === o[k]);
}

export interface RatingDeps {
  db: Db;
  engine: CaseEngine;
  procedures: Map<string, ProcedureDefinition<any>>;
  calendar: () => WorkdayCalendar;
  today: () => string;
}

/** 好差评 over the database: rate, read, answer, summarise. */
export class RatingService {
  constructor(private readonly d: RatingDeps) {}

  private workdaysLeft(due: string | null): number | null {
    if (!due) return null;
    try {
      return this.d.calendar().workdaysBetween(this.d.today(), due);
    } catch (e) {
      if (e instanceof CalendarError) return null;
      throw e;
    }
  }

  private followUpView(f: FollowUpRow | undefined, actor: Actor, office: Office) {
    if (!f) return null;
    const today = this.d.today();
    const open = f.status === 'open';
    return maskPersonalData({
      id: Number(f.id),
      status: f.status as 'open' | 'replied',
      openedOn: f.opened_on,
      dueOn: f.due_on,
      dueNote: f.due_note,
      citation: f.citation,
      overdue: open && Boolean(f.due_on) && today > f.due_on!,
      workdaysLeft: open ? this.workdaysLeft(f.due_on) : null,
      reply: f.reply,
      repliedBy: f.replied_by_name,
      repliedAt: f.replied_at,
      repliedOn: f.replied_on,
      /** Answered after its due date. */
      late: !open && Boolean(f.due_on && f.replied_on && f.replied_on > f.due_on),
      canReply: open && isOwnOffice(actor, office),
    });
  }

  private ratingView(r: RatingRow, f: FollowUpRow | undefined, actor: Actor) {
    const office = officeOfRow(r);
    return {
      id: Number(r.id),
      caseId: r.case_id,
      score: Number(r.score),
      label: levelLabel(Number(r.score)),
      bad: isBad(Number(r.score)),
      comment: r.comment === null ? null : maskPersonalData(r.comment),
      ratedOn: r.rated_on,
      office: { role: office.role, roleLabel: roleLabel(office.role), label: office.label },
      mine: Number(r.rater_user_id) === actor.id,
      followUp: this.followUpView(f, actor, office),
    };
  }

  /** The rating of one case as its reader sees it, and whether this reader may rate it now (and if not, why). */
  async forCase(actor: Actor, caseId: string) {
    const row = await this.d.engine.readable(actor, caseId);
    const p = this.d.engine.procedure(row.procedure);
    const state = caseState(p, row);
    const r = await this.d.db.kysely.selectFrom('ratings').selectAll().where('case_id', '=', caseId).executeTakeFirst();
    const f = r ? await this.d.db.kysely.selectFrom('rating_followups').selectAll().where('rating_id', '=', r.id).executeTakeFirst() : undefined;
    const owner = row.applicant_user_id !== null && Number(row.applicant_user_id) === actor.id;
    // Another party to the case (a challenger of a 揭榜 list) is not told how the filer rated the service.
    const hidden = !owner && seesOwnCasesOnly(actor.role);
    const whyNot = hidden
      ? '只有提交本申请的申请人（单位）可以评价。'
      : r
        ? `本案已于 ${r.rated_on} 评价，每件只能评价一次。`
        : !owner
          ? '只有提交本申请的申请人（单位）可以评价。'
          : !state.terminal
            ? `案件尚未办结（当前环节：${state.label}），办结后可以评价。`
            : null;
    return {
      caseId: row.id,
      terminal: Boolean(state.terminal),
      canRate: whyNot === null,
      whyNot,
      levels: RATING_LEVELS,
      rules: { badAtMost: R.badAtMost, badCommentMin: R.badCommentMin, commentMax: R.commentMax, followUpWorkdays: R.followUpWorkdays, basis: R.basis },
      rating: r && !hidden ? this.ratingView(r as RatingRow, f as FollowUpRow | undefined, actor) : null,
    };
  }

  /** Rates a finished case: its filer, once; a 差评 opens the follow-up. Everything in one transaction with its audit event. */
  async rate(actor: Actor, caseId: string, input: RatingInput) {
    const { db } = this.d;
    const row = await this.d.engine.readable(actor, caseId);
    const p = this.d.engine.procedure(row.procedure);
    if (row.applicant_user_id === null || Number(row.applicant_user_id) !== actor.id || !seesOwnCasesOnly(actor.role))
      throw new CaseError('只有提交本申请的申请人（单位）可以评价。', 403);
    const state = caseState(p, row);
    if (!state.terminal) throw new CaseError(`案件尚未办结（当前环节：${state.label}），办结后才能评价。`, 409);
    const already = () => db.kysely.selectFrom('ratings').select(['rated_on', 'score']).where('case_id', '=', caseId).executeTakeFirst();
    const alreadyError = (r: { rated_on: string; score: number }) =>
      new CaseError(`本案已于 ${r.rated_on} 评价（${levelLabel(Number(r.score))}），每件只能评价一次。`, 409);
    const known = await already();
    if (known) throw alreadyError(known);

    const events = await db.kysely
      .selectFrom('case_events')
      .select(['seq', 'action', 'actor_role', 'actor_id', 'from_state', 'to_state'])
      .where('case_id', '=', caseId)
      .orderBy('seq')
      .execute();
    const actorIds = [...new Set(events.map((e) => e.actor_id).filter((x): x is number => x !== null))];
    const units = new Map<number, string | null>(
      actorIds.length
        ? (await db.kysely.selectFrom('users').select(['id', 'unit']).where('id', 'in', actorIds).execute()).map((u) => [Number(u.id), u.unit])
        : [],
    );
    const office = officeOf(
      p,
      row,
      events.map((e) => ({ ...e, seq: Number(e.seq), actor_id: e.actor_id === null ? null : Number(e.actor_id) })),
      units,
    );
    const today = this.d.today();
    const bad = isBad(input.score);
    const comment = input.comment ? input.comment : null;
    let due: string | null = null;
    let dueNote: string | null = null;
    if (bad) {
      try {
        due = this.d.calendar().addWorkdays(today, R.followUpWorkdays);
      } catch (e) {
        if (!(e instanceof CalendarError)) throw e;
        dueNote = `无法计算整改答复期限：${e.message}`;
      }
    }
    // The office's accounts are told of a 差评 in their notification centre.
    const officeUsers = bad ? await this.officeAccounts(office) : [];
    const now = new Date().toISOString();
    try {
      await db.kysely.transaction().execute(async (trx) => {
        await lockCase(trx, db.dialect, caseId);
        // Read again under the case's lock: a second rating sent at the same moment finds the first.
        const again = await trx.selectFrom('ratings').select(['rated_on', 'score']).where('case_id', '=', caseId).executeTakeFirst();
        if (again) throw alreadyError(again);
        const { id: ratingId } = await trx
          .insertInto('ratings')
          .values({
            case_id: caseId,
            procedure: p.id,
            rater_user_id: actor.id,
            score: input.score,
            comment,
            office_role: office.role,
            office_level: office.level,
            office_county: office.county,
            office_township: office.township,
            office_village: office.village,
            office_unit: office.unit,
            office_label: office.label,
            rated_on: today,
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        let followUpId: number | null = null;
        if (bad) {
          followUpId = Number(
            (
              await trx
                .insertInto('rating_followups')
                .values({
                  rating_id: Number(ratingId),
                  case_id: caseId,
                  opened_on: today,
                  due_on: due,
                  due_note: dueNote,
                  status: 'open',
                  reply: null,
                  replied_by_id: null,
                  replied_by_name: null,
                  replied_at: null,
                  replied_on: null,
                  citation: R.followUpCitation,
                })
                .returning('id')
                .executeTakeFirstOrThrow()
            ).id,
          );
          const body = maskPersonalData(
            `“${p.name}”（${caseId}）的申请人评价为“${levelLabel(input.score)}”：${comment ?? ''}。请核实整改，并于 ${due ?? '期限内'}前答复申请人（${R.basis}）。`,
          );
          if (officeUsers.length)
            await trx
              .insertInto('notifications')
              .values(
                officeUsers.map((u) => ({
                  user_id: u,
                  case_id: caseId,
                  kind: 'rating_followup',
                  title: '收到差评，请核实整改并答复',
                  body,
                  created_at: now,
                  read_at: null,
                })),
              )
              .execute();
        }
        // The chain keeps the score and a hash of the comment (the comment itself stays in the ratings table).
        await appendEvent(trx, db.dialect, {
          case_id: caseId,
          at: now,
          on_date: today,
          actor_id: actor.id,
          actor_name: actor.name,
          actor_role: actor.role,
          action: 'rating',
          from_state: row.state,
          to_state: row.state,
          reason: `${levelLabel(input.score)}（${input.score} 星）`,
          data_json: JSON.stringify({
            ratingId: Number(ratingId),
            score: input.score,
            commentSha256: comment === null ? null : sha256(comment),
            office: { role: office.role, county: office.county, township: office.township, village: office.village, unit: office.unit },
            followUp: followUpId === null ? null : { id: followUpId, due },
          }),
          rules_json: JSON.stringify([{ cites: R.basis }]),
        });
      });
    } catch (e) {
      // The unique key on the case: another request's rating won between the check and the insert.
      const code = (e as { code?: string }).code ?? '';
      if (code === '23505' || code.startsWith('SQLITE_CONSTRAINT')) {
        const r = await already();
        if (r) throw alreadyError(r);
      }
      throw e;
    }
    return this.forCase(actor, caseId);
  }

  /** Active accounts of the office rated (its role, at its place, of its unit). */
  private async officeAccounts(o: Office): Promise<number[]> {
    let q = this.d.db.kysely.selectFrom('users').select('id').where('role', '=', o.role).where('disabled', '=', 0);
    const level = o.level as AreaLevel | 'city';
    if (level !== 'city') for (const k of levelsDownTo(level)) q = q.where(k, '=', o[k]);
    if (o.unit) q = q.where('unit', '=', o.unit);
    return (await q.execute()).map((u) => Number(u.id));
  }

  /**
   * The ratings the actor may see, with their follow-ups: on cases it may read, of its own office or of an
   * office below it in its area. A person or unit acting for itself sees its ratings on its cases' pages only.
   */
  private async visible(actor: Actor, f: { followUpsOnly?: boolean; followUpId?: number } = {}) {
    if (seesOwnCasesOnly(actor.role)) throw new CaseError('好差评的整改和统计仅供办理单位及其上级部门查看；您的评价见各案件页。', 403);
    const { db, procedures } = this.d;
    const readable = db.kysely.selectFrom('cases').select('id').where(caseFilter(procedures.values(), actor));
    let q = db.kysely
      .selectFrom('ratings')
      .leftJoin('rating_followups', 'rating_followups.rating_id', 'ratings.id')
      .selectAll('ratings')
      .select([
        'rating_followups.id as f_id',
        'rating_followups.opened_on as f_opened_on',
        'rating_followups.due_on as f_due_on',
        'rating_followups.due_note as f_due_note',
        'rating_followups.status as f_status',
        'rating_followups.reply as f_reply',
        'rating_followups.replied_by_id as f_replied_by_id',
        'rating_followups.replied_by_name as f_replied_by_name',
        'rating_followups.replied_at as f_replied_at',
        'rating_followups.replied_on as f_replied_on',
        'rating_followups.citation as f_citation',
      ])
      .where('ratings.case_id', 'in', readable);
    if (f.followUpsOnly) q = q.where('rating_followups.id', 'is not', null);
    if (f.followUpId !== undefined) q = q.where('rating_followups.id', '=', f.followUpId);
    const rows = await q.orderBy('ratings.id', 'desc').execute();
    return rows
      .map((r) => {
        const followUp: FollowUpRow | undefined =
          r.f_id === null || r.f_id === undefined
            ? undefined
            : {
                id: Number(r.f_id),
                rating_id: Number(r.id),
                case_id: r.case_id,
                opened_on: r.f_opened_on!,
                due_on: r.f_due_on ?? null,
                due_note: r.f_due_note ?? null,
                status: r.f_status!,
                reply: r.f_reply ?? null,
                replied_by_id: r.f_replied_by_id === null || r.f_replied_by_id === undefined ? null : Number(r.f_replied_by_id),
                replied_by_name: r.f_replied_by_name ?? null,
                replied_at: r.f_replied_at ?? null,
                replied_on: r.f_replied_on ?? null,
                citation: r.f_citation!,
              };
        return { rating: { ...r, id: Number(r.id) } as RatingRow, followUp };
      })
      .filter(({ rating }) => isOwnOffice(actor, officeOfRow(rating)) || isAbove(actor, officeOfRow(rating)));
  }

  /** The 差评 follow-ups the actor answers (its own office's) or oversees (offices below it), open ones first, the earliest due first. */
  async followUps(actor: Actor, f: { status?: 'open' | 'replied'; page?: number; pageSize?: number }) {
    const rows = (await this.visible(actor, { followUpsOnly: true })).filter((r) => !f.status || r.followUp!.status === f.status);
    rows.sort((a, b) => {
      const ka = `${a.followUp!.status === 'open' ? 0 : 1}${a.followUp!.due_on ?? '9999'}${String(a.followUp!.id).padStart(10, '0')}`;
      const kb = `${b.followUp!.status === 'open' ? 0 : 1}${b.followUp!.due_on ?? '9999'}${String(b.followUp!.id).padStart(10, '0')}`;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    const page = f.page ?? 1;
    const pageSize = f.pageSize ?? 20;
    const slice = rows.slice((page - 1) * pageSize, page * pageSize);
    const cases = slice.length
      ? await this.d.db.kysely
          .selectFrom('cases')
          .select(['id', 'title', 'procedure'])
          .where(
            'id',
            'in',
            slice.map((r) => r.rating.case_id),
          )
          .execute()
      : [];
    const byId = new Map(cases.map((c) => [c.id, c]));
    return {
      total: rows.length,
      open: rows.filter((r) => r.followUp!.status === 'open').length,
      page,
      pageSize,
      items: slice.map(({ rating, followUp }) => {
        const c = byId.get(rating.case_id);
        return {
          ...this.ratingView(rating, followUp, actor),
          caseTitle: maskPersonalData(c?.title ?? rating.case_id),
          procedure: { id: rating.procedure, name: this.d.procedures.get(rating.procedure)?.name ?? rating.procedure },
        };
      }),
    };
  }

  /** The office rated answers a 差评: once, in one transaction with its audit event and the applicant's notification. */
  async reply(actor: Actor, followUpId: number, input: z.infer<typeof ReplyInput>) {
    const { db } = this.d;
    const found = seesOwnCasesOnly(actor.role) ? undefined : (await this.visible(actor, { followUpId }))[0];
    if (!found) throw new CaseError(`差评整改事项不存在：${followUpId}`, 404);
    const { rating, followUp } = found;
    const office = officeOfRow(rating);
    if (!isOwnOffice(actor, office)) throw new CaseError(`该差评由被评价的办理单位（${office.label}）核实整改并答复。`, 403);
    if (followUp!.status !== 'open') throw new CaseError(`该差评已于 ${followUp!.replied_on} 答复，不能重复答复。`, 409);
    const row = await this.d.engine.readable(actor, rating.case_id);
    const p = this.d.engine.procedure(row.procedure);
    const today = this.d.today();
    const now = new Date().toISOString();
    await db.kysely.transaction().execute(async (trx: Transaction<Database>) => {
      await lockCase(trx, db.dialect, rating.case_id);
      const r = await trx
        .updateTable('rating_followups')
        .set({ status: 'replied', reply: input.reply, replied_by_id: actor.id, replied_by_name: actor.name, replied_at: now, replied_on: today })
        .where('id', '=', followUpId)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new CaseError('该差评已由他人同时答复，请刷新后查看。', 409);
      await trx
        .insertInto('notifications')
        .values({
          user_id: Number(rating.rater_user_id),
          case_id: rating.case_id,
          kind: 'rating_reply',
          title: '您的评价已答复',
          body: maskPersonalData(`您对“${p.name}”（${rating.case_id}）的评价（${levelLabel(Number(rating.score))}）已由${office.label}答复：${input.reply}`),
          created_at: now,
          read_at: null,
        })
        .execute();
      await appendEvent(trx, db.dialect, {
        case_id: rating.case_id,
        at: now,
        on_date: today,
        actor_id: actor.id,
        actor_name: actor.name,
        actor_role: actor.role,
        action: 'rating_reply',
        from_state: row.state,
        to_state: row.state,
        reason: null,
        data_json: JSON.stringify({
          ratingId: Number(rating.id),
          followUpId,
          replySha256: sha256(input.reply),
          due: followUp!.due_on,
          late: Boolean(followUp!.due_on && today > followUp!.due_on),
        }),
        rules_json: JSON.stringify([{ cites: followUp!.citation }]),
      });
    });
    const after = (await this.visible(actor, { followUpId }))[0];
    return this.ratingView(after.rating, after.followUp, actor);
  }

  /**
   * Per office: ratings, average, share of 差评, open and overdue follow-ups — for the office itself and the
   * county and city roles above it (on cases they may read).
   */
  async summary(actor: Actor) {
    const rows = await this.visible(actor);
    const today = this.d.today();
    const by = new Map<
      string,
      {
        office: Office & { roleLabel: string };
        own: boolean;
        count: number;
        sum: number;
        bad: number;
        byScore: Record<number, number>;
        open: number;
        overdue: number;
      }
    >();
    for (const { rating, followUp } of rows) {
      const o = officeOfRow(rating);
      const key = [o.role, o.county, o.township, o.village, o.unit].join('|');
      let e = by.get(key);
      if (!e)
        by.set(
          key,
          (e = {
            office: { ...o, roleLabel: roleLabel(o.role) },
            own: isOwnOffice(actor, o),
            count: 0,
            sum: 0,
            bad: 0,
            byScore: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
            open: 0,
            overdue: 0,
          }),
        );
      const s = Number(rating.score);
      e.count++;
      e.sum += s;
      e.byScore[s] = (e.byScore[s] ?? 0) + 1;
      if (isBad(s)) e.bad++;
      if (followUp?.status === 'open') {
        e.open++;
        if (followUp.due_on && today > followUp.due_on) e.overdue++;
      }
    }
    const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
    const offices = [...by.values()]
      .map((e) => ({
        office: {
          role: e.office.role,
          roleLabel: e.office.roleLabel,
          label: e.office.label,
          county: e.office.county,
          township: e.office.township,
          village: e.office.village,
        },
        own: e.own,
        count: e.count,
        average: round(e.sum / e.count),
        bad: e.bad,
        badShare: round(e.bad / e.count, 4),
        byScore: e.byScore,
        openFollowUps: e.open,
        overdueFollowUps: e.overdue,
      }))
      .sort(
        (a, b) =>
          Number(b.own) - Number(a.own) || b.overdueFollowUps - a.overdueFollowUps || b.badShare - a.badShare || (a.office.label < b.office.label ? -1 : 1),
      );
    const count = rows.length;
    const sum = rows.reduce((n, r) => n + Number(r.rating.score), 0);
    const bad = rows.filter((r) => isBad(Number(r.rating.score))).length;
    return {
      asOf: today,
      basis: R.basis,
      total: {
        count,
        average: count ? round(sum / count) : null,
        bad,
        badShare: count ? round(bad / count, 4) : null,
        openFollowUps: offices.reduce((n, o) => n + o.openFollowUps, 0),
        overdueFollowUps: offices.reduce((n, o) => n + o.overdueFollowUps, 0),
      },
      offices,
    };
  }
}
