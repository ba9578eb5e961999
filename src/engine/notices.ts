// 一次性告知书, for every procedure that lists its 申请材料: the office acting on the current step tells the applicant
// once, in one notice, every material that is missing, unclear or does not conform — each item chosen from the
// procedure's materials list (never free text), with the article that requires it, a short note and a deadline.
// The notice is an audit event of the case (it changes neither its state, its version nor its record: SYSTEM_EVENTS),
// numbered per case under the case's row lock; the applicant is told in the notification centre and, like every case
// change, by e-mail and the webhook through the job outbox, in the same transaction.
import { z } from 'zod';
import type { Actor } from '../auth/service.js';
import { addDays, isoDate } from '../calendar/dates.js';
import { CalendarError, type WorkdayCalendar } from '../calendar/workdays.js';
import type { Db } from '../db/connection.js';
import { enqueue, type NewJob } from '../jobs/queue.js';
import { config } from '../platform/config.js';
import { seesOwnCasesOnly } from '../platform/roles.js';
import { InputError } from './assess.js';
import { appendEvent, lockCase } from './audit.js';
import { CaseError, type CaseEngine } from './cases.js';
import {
  canIssueNotice,
  NOTICE_ACTION,
  NOTICE_PROBLEMS,
  noticeContent,
  noticeNumber,
  noticesFromEvents,
  officeName,
  type NoticeItem,
  type NoticeProblem,
  type NoticeRecord,
} from './notice-content.js';
import { renderCertificate } from './pdf.js';
import { maskPersonalData } from './personal-data.js';
import { caseState, ROLE_LABELS } from './procedure.js';
import { citeLink, citeText } from './rules.js';

/** At most this many working days, or this many calendar days for a date, to supplement. */
export const MAX_SUPPLEMENT_WORKDAYS = 60;
export const MAX_SUPPLEMENT_DAYS = 365;

const PROBLEM_IDS = Object.keys(NOTICE_PROBLEMS) as [NoticeProblem, ...NoticeProblem[]];

export const NoticeBodySchema = z.strictObject(
  {
    items: z
      .array(
        z.strictObject({
          material: z.number({ error: '请选择材料：申请材料清单中的序号（从 0 起）' }).int('材料序号应为整数'),
          problem: z.enum(PROBLEM_IDS, { error: `问题应为 ${PROBLEM_IDS.map((k) => `${k}（${NOTICE_PROBLEMS[k]}）`).join('、')}` }).default('missing'),
          note: z.string({ error: '说明应为文字' }).trim().max(200, '说明不超过 200 字').optional(),
        }),
        { error: '请选择需要补正的材料（items）' },
      )
      .min(1, '请至少选择一项需要补正的材料')
      .max(50, '材料过多'),
    deadline: z
      .strictObject(
        {
          workdays: z
            .number({ error: '补正期限应为工作日数' })
            .int('补正期限应为整数个工作日')
            .min(1, '补正期限至少 1 个工作日')
            .max(MAX_SUPPLEMENT_WORKDAYS, `补正期限不超过 ${MAX_SUPPLEMENT_WORKDAYS} 个工作日`)
            .optional(),
          date: isoDate('补正截止日期').optional(),
        },
        { error: '请填写补正期限（deadline）：工作日数 workdays 或截止日期 date' },
      )
      .refine((d) => (d.workdays === undefined) !== (d.date === undefined), '补正期限请填写工作日数（workdays）或截止日期（date）其中一项'),
    /** The case version the official saw (optional): a case that changed since is refused with 409. */
    version: z.number({ error: '案件版本号应为整数' }).int('案件版本号应为整数').optional(),
  },
  { error: '请求体应为 JSON 对象：{ items, deadline }' },
);
export type NoticeBody = z.input<typeof NoticeBodySchema>;

export class NoticeService {
  constructor(
    private readonly deps: {
      db: Db;
      engine: CaseEngine;
      calendar: () => WorkdayCalendar;
      today: () => string;
    },
  ) {}

  /** Issues a notice on a case; returns it as the case view lists it. Nothing is written unless every check passes. */
  async issue(actor: Actor, id: string, body: unknown) {
    const { db, engine } = this.deps;
    const row = await engine.readable(actor, id);
    const p = engine.procedure(row.procedure);
    const materials = p.materials ?? [];
    if (materials.length === 0) throw new CaseError(`“${p.name}”没有列明申请材料，不能出具一次性告知书。`, 422);
    const state = caseState(p, row);
    if (state.terminal || state.retired) throw new CaseError(`案件当前处于“${state.label}”，不能再出具一次性告知书。`, 409);
    if (!state.actor || seesOwnCasesOnly(state.actor)) throw new CaseError(`案件当前处于“${state.label}”，由申请人办理，不能出具一次性告知书。`, 409);
    if (!canIssueNotice(p, state, actor.role))
      throw new CaseError(`一次性告知书由当前环节“${state.label}”的办理单位（${ROLE_LABELS[state.actor]}）出具。`, 403);

    const parsed = NoticeBodySchema.safeParse(body);
    if (!parsed.success) throw InputError.fromZod(parsed.error);
    const input = parsed.data;
    if (input.version !== undefined && input.version !== Number(row.version))
      throw new CaseError(`案件已被他人更新（当前版本 ${row.version}，您看到的是 ${input.version}），请刷新后重试。`, 409);
    const issues: { field: string; message: string }[] = [];
    const seen = new Set<number>();
    input.items.forEach((it, i) => {
      if (it.material < 0 || it.material >= materials.length)
        issues.push({ field: `items.${i}.material`, message: `第 ${i + 1} 项不在“${p.name}”的申请材料清单中（序号 0–${materials.length - 1}）` });
      else if (seen.has(it.material)) issues.push({ field: `items.${i}.material`, message: `“${materials[it.material].label}”重复列出，每项材料只列一次` });
      seen.add(it.material);
    });
    const today = this.deps.today();
    let deadline: NoticeRecord['deadline'];
    if (input.deadline.date !== undefined) {
      const d = input.deadline.date;
      if (d <= today) issues.push({ field: 'deadline.date', message: `补正截止日期应晚于告知日期（${today}）` });
      else if (d > addDays(today, MAX_SUPPLEMENT_DAYS))
        issues.push({ field: 'deadline.date', message: `补正截止日期不超过告知之日起一年（${addDays(today, MAX_SUPPLEMENT_DAYS)}）` });
      deadline = { date: d, workdays: null };
    } else {
      const n = input.deadline.workdays!;
      try {
        deadline = { date: this.deps.calendar().addWorkdays(today, n), workdays: n };
      } catch (e) {
        if (!(e instanceof CalendarError)) throw e;
        throw new CaseError(`无法计算补正期限：${e.message}`, 422);
      }
    }
    if (issues.length) throw new InputError(issues);

    const items: NoticeItem[] = input.items.map((it) => {
      const m = materials[it.material];
      return {
        material: it.material,
        label: m.label,
        cites: citeText(m.citation),
        link: citeLink(m.citation),
        materialNote: m.note ?? null,
        problem: it.problem,
        problemLabel: NOTICE_PROBLEMS[it.problem],
        note: it.note ? it.note : null,
      };
    });
    const office = officeName(state.actor, row);
    const owner = row.applicant_user_id === null ? null : Number(row.applicant_user_id);
    const email = owner === null ? null : ((await db.kysely.selectFrom('users').select('email').where('id', '=', owner).executeTakeFirst())?.email ?? null);
    const webhook = Boolean(config().ZHENGWU_WEBHOOK_URL);

    const issued = await db.kysely.transaction().execute(async (trx) => {
      // Under the case's lock: the number is the next one for this case, and the step is still the one checked.
      await lockCase(trx, db.dialect, id);
      const current = await trx.selectFrom('cases').select(['state']).where('id', '=', id).executeTakeFirst();
      if (!current || current.state !== row.state) throw new CaseError('案件已被他人办理到其他环节，请刷新后重试。', 409);
      const { count } = await trx
        .selectFrom('case_events')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('case_id', '=', id)
        .where('action', '=', NOTICE_ACTION)
        .executeTakeFirstOrThrow();
      const n = Number(count) + 1;
      const notice: NoticeRecord = { n, number: noticeNumber(id, n), issuedOn: today, office, state: state.id, stateLabel: state.label, items, deadline };
      const now = new Date().toISOString();
      await appendEvent(trx, db.dialect, {
        case_id: id,
        at: now,
        on_date: today,
        actor_id: actor.id,
        actor_name: actor.name,
        actor_role: actor.role,
        action: NOTICE_ACTION,
        from_state: row.state,
        to_state: row.state,
        reason: `需补正 ${items.length} 项材料：${items.map((it) => `${it.label}（${it.problemLabel}）`).join('；')}；补正期限至 ${deadline.date}`,
        data_json: JSON.stringify({ notice }),
        rules_json: JSON.stringify([...new Map(items.map((it) => [it.cites, { cites: it.cites, link: it.link }])).values()]),
      });
      // The applicant is told as for every change of the case: in the notification centre now, by e-mail and webhook by job.
      const jobs: NewJob[] = [];
      if (owner !== null) {
        const title = `一次性告知：请补正 ${items.length} 项材料`;
        const text = maskPersonalData(
          `您的“${p.name}”（${id}）需要补正以下材料：${items.map((it, i) => `${i + 1}. ${it.label}（${it.problemLabel}${it.note ? `：${it.note}` : ''}）`).join('；')}。` +
            `请于 ${deadline.date} 前一并补齐，交${office}或在案件页上传。第 ${n} 号一次性告知书可在案件页查看和下载。`,
        );
        await trx
          .insertInto('notifications')
          .values({ user_id: owner, case_id: id, kind: 'action_needed', title, body: text, created_at: now, read_at: null })
          .execute();
        if (email) jobs.push({ kind: 'email', key: `email:${id}:notice:${n}`, runAt: new Date(), payload: { to: email, subject: `【政务】${title}`, text } });
      }
      if (webhook)
        jobs.push({
          kind: 'webhook',
          key: `webhook:${id}:notice:${n}`,
          runAt: new Date(),
          payload: {
            event: 'case.notice',
            caseId: id,
            procedure: p.id,
            state: row.state,
            notice: noticeNumber(id, n),
            deadline: deadline.date,
            date: today,
            at: now,
          },
        });
      await enqueue(trx, jobs);
      return n;
    });
    return (await this.list(actor, id)).find((x) => x.n === issued)!;
  }

  /** The notices of a case, for whoever may read it. */
  async list(actor: Actor, id: string) {
    await this.deps.engine.readable(actor, id);
    const events = await this.deps.db.kysely
      .selectFrom('case_events')
      .select(['action', 'at', 'actor_name', 'data_json'])
      .where('case_id', '=', id)
      .where('action', '=', NOTICE_ACTION)
      .orderBy('seq')
      .execute();
    return noticesFromEvents(id, events);
  }

  /** A notice as PDF, for whoever may read the case. `n`: its number within the case (as typed in the URL). */
  async pdf(actor: Actor, id: string, n: string) {
    const row = await this.deps.engine.readable(actor, id);
    const p = this.deps.engine.procedure(row.procedure);
    const notFound = new CaseError(`没有这份一次性告知书：第 ${String(n).slice(0, 12)} 号`, 404);
    if (!/^[1-9]\d{0,5}$/.test(n)) throw notFound;
    const events = await this.deps.db.kysely
      .selectFrom('case_events')
      .select('data_json')
      .where('case_id', '=', id)
      .where('action', '=', NOTICE_ACTION)
      .orderBy('seq')
      .execute();
    const notice = events.map((e) => (JSON.parse(e.data_json) as { notice: NoticeRecord }).notice).find((x) => x.n === Number(n));
    if (!notice) throw notFound;
    return { number: notice.number, pdf: await renderCertificate(noticeContent(p, row, notice)) };
  }
}
