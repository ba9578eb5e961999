// What each job does. Reminders and escalations check that the case still waits in the same state for the
// same due date (an extension, a pause or an action in between makes them stale: skipped, not sent).
import { createHmac } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type { Actor } from '../auth/service.js';
import type { Db } from '../db/connection.js';
import { todayIso } from '../calendar/dates.js';
import { canReadCase } from '../engine/access.js';
import { CaseEngine, clockOf } from '../engine/cases.js';
import { openCalendar } from '../calendar/service.js';
import { maskPersonalData } from '../engine/personal-data.js';
import { ROLE_LABELS, type ProcedureDefinition, type Role } from '../engine/procedure.js';
import { citeText } from '../engine/rules.js';
import { notifyRole } from '../notifications/service.js';
import { DUTIES } from '../duties/catalogue.js';
import { openSupervision } from '../supervision/service.js';
import { databaseOnly, type JobHandler } from './runner.js';

export interface DeliveryConfig {
  /** smtp://user:pass@host:port (ZHENGWU_SMTP_URL) and the sender (ZHENGWU_MAIL_FROM). */
  smtpUrl?: string | null;
  mailFrom?: string;
  /** The webhook an SMS gateway or a 政务服务 platform listens on, and the shared secret for its signature. */
  webhookUrl?: string | null;
  webhookSecret?: string | null;
}

export function deliveryFromEnv(): DeliveryConfig {
  return {
    smtpUrl: process.env.ZHENGWU_SMTP_URL ?? null,
    mailFrom: process.env.ZHENGWU_MAIL_FROM ?? '政务 Zhengwu <noreply@localhost>',
    webhookUrl: process.env.ZHENGWU_WEBHOOK_URL ?? null,
    webhookSecret: process.env.ZHENGWU_WEBHOOK_SECRET ?? null,
  };
}

/** HMAC-SHA256 of the exact body, hex, sent as `X-Zhengwu-Signature: sha256=<hex>`. */
export const webhookSignature = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** Active users of a role who may read the case (the policy decides, as for every request). */
async function readersWithRole(db: Db, p: ProcedureDefinition<any>, row: any, role: Role) {
  const users = await db.kysely.selectFrom('users').selectAll().where('role', '=', role).where('disabled', '=', 0).execute();
  const out: { id: number }[] = [];
  for (const u of users) {
    const actor: Actor = {
      id: Number(u.id),
      username: u.username,
      name: u.display_name,
      role: u.role as Role,
      county: u.county,
      township: u.township,
      village: u.village,
      unit: u.unit,
    };
    if (await canReadCase(p, actor, row, async () => false)) out.push({ id: actor.id });
  }
  return out;
}

/** Active users of a role in an office (its unit, or its county and township). */
async function usersOf(db: Db, role: string, o: { county: string | null; township: string | null; unit: string | null }) {
  let q = db.kysely.selectFrom('users').select('id').where('role', '=', role).where('disabled', '=', 0);
  if (o.unit) q = q.where('unit', '=', o.unit);
  if (o.county) q = q.where('county', '=', o.county);
  if (o.township) q = q.where('township', '=', o.township);
  return (await q.execute()).map((u) => ({ id: Number(u.id) }));
}

/** A duty's occurrence for a reminder or escalation job, with the duty it belongs to. */
async function dutyOccurrence(db: Db, payload: { dutyId: string; period: string; scopeKey: string }) {
  const o = await db.kysely
    .selectFrom('duty_occurrences')
    .selectAll()
    .where('duty_id', '=', payload.dutyId)
    .where('period', '=', payload.period)
    .where('scope_key', '=', payload.scopeKey)
    .executeTakeFirst();
  return { o, d: DUTIES.find((x) => x.id === payload.dutyId) };
}

/** Who acts when the server itself takes a step (a time limit reached): recorded as 系统 in the audit. */
export const SYSTEM_ACTOR: Actor = {
  id: 0,
  username: 'system',
  name: '系统（期限届满自动办理）',
  role: 'admin',
  county: null,
  township: null,
  village: null,
  unit: null,
};

export function jobHandlers(deps: {
  procedures: Map<string, ProcedureDefinition<any>>;
  delivery?: DeliveryConfig;
  today?: () => string;
}): Record<string, JobHandler> {
  const delivery = deps.delivery ?? deliveryFromEnv();
  const today = () => deps.today?.() ?? todayIso();
  let transport: Transporter | null = null;
  /** The case, if it still waits in `state` for `due` with its clock running. */
  const waiting = async (db: Db, caseId: string, state: string, due: string) => {
    const row = await db.kysely.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
    if (!row || row.state !== state || row.due_on !== due) return null;
    if (clockOf(JSON.parse(row.data_json)).pausedSince) return null;
    const p = deps.procedures.get(row.procedure);
    const s = p?.states.find((x) => x.id === state);
    return p && s && !s.terminal ? { row, p, s } : null;
  };
  return {
    reminder: databaseOnly(async (payload: { caseId: string; state: string; due: string }, { db }) => {
      const w = await waiting(db, payload.caseId, payload.state, payload.due);
      if (!w || !w.s.actor) return 'skipped';
      const users = await readersWithRole(db, w.p, w.row, w.s.actor);
      await notifyRole(db, users, {
        caseId: w.row.id,
        kind: 'reminder',
        title: `临期提醒：${w.s.label}`,
        body: maskPersonalData(
          `${w.row.title}（${w.row.id}）的“${w.s.label}”将于 ${payload.due} 到期（${w.s.limit ? citeText(w.s.limit.citation) : ''}），请及时办理。`,
        ),
      });
      return 'done';
    }),
    escalate: databaseOnly(async (payload: { caseId: string; state: string; due: string; supervisor: Role }, { db }) => {
      const w = await waiting(db, payload.caseId, payload.state, payload.due);
      if (!w) return 'skipped';
      const opened = await openSupervision(db, {
        caseId: w.row.id,
        state: w.s.id,
        stateLabel: w.s.label,
        due: payload.due,
        supervisor: payload.supervisor,
        citation: w.s.limit ? citeText(w.s.limit.citation) : '',
        today: today(),
      });
      if (opened) {
        const users = await readersWithRole(db, w.p, w.row, payload.supervisor);
        await notifyRole(db, users, {
          caseId: w.row.id,
          kind: 'supervision',
          title: `督办：${w.s.label}逾期`,
          body: maskPersonalData(`${w.row.title}（${w.row.id}）的“${w.s.label}”期限 ${payload.due} 已过，已转${ROLE_LABELS[payload.supervisor]}督办。`),
        });
      }
      return opened ? 'done' : 'skipped';
    }),
    // A time limit the server acts on when it is reached: the state's onExpiry action, taken by the system on the due day.
    async expire(payload: { caseId: string; state: string; due: string; action: string }, { db }) {
      const w = await waiting(db, payload.caseId, payload.state, payload.due);
      if (!w || w.s.limit?.onExpiry !== payload.action) return 'skipped';
      const calendar = await openCalendar(db);
      const engine = new CaseEngine({ db, calendar: () => calendar.calendar(), procedures: deps.procedures, today });
      const date = payload.due <= today() ? payload.due : today();
      await engine.apply(SYSTEM_ACTOR, w.row.id, payload.action, { version: Number(w.row.version), date }, { internal: true, system: true });
      return 'done';
    },
    duty_reminder: databaseOnly(async (payload: { dutyId: string; period: string; scopeKey: string }, { db }) => {
      const { o, d } = await dutyOccurrence(db, payload);
      if (!o || o.status !== 'open' || !d) return 'skipped';
      const users = await usersOf(db, o.role, o);
      await notifyRole(db, users, {
        caseId: null,
        kind: 'reminder',
        title: `临期提醒：${d.title}`,
        body: `“${d.title}”（${o.period}）应于 ${o.due_on} 前完成（${d.cites}）。`,
      });
      return 'done';
    }),
    duty_escalate: databaseOnly(async (payload: { dutyId: string; period: string; scopeKey: string }, { db }) => {
      const { o, d } = await dutyOccurrence(db, payload);
      if (!o || o.status !== 'open' || o.escalated_on || !d) return 'skipped';
      await db.kysely.updateTable('duty_occurrences').set({ escalated_on: today() }).where('id', '=', o.id).execute();
      if (d.escalateTo) {
        const users = await usersOf(db, d.escalateTo, { county: o.county, township: null, unit: null });
        await notifyRole(db, users, {
          caseId: null,
          kind: 'supervision',
          title: `督办：${d.title}逾期`,
          body: `${o.unit ?? `${o.county ?? ''}${o.township ?? ''}`}的“${d.title}”（${o.period}）应于 ${o.due_on} 前完成，尚未报送（${d.cites}）。`,
        });
      }
      return 'done';
    }),
    async email(payload: { to: string; subject: string; text: string }) {
      if (!delivery.smtpUrl) return 'skipped';
      // nodemailer is loaded on the first e-mail, not at start (it adds about a tenth of a second to every command).
      transport ??= (await import('nodemailer')).default.createTransport(delivery.smtpUrl);
      await transport.sendMail({ from: delivery.mailFrom, to: payload.to, subject: payload.subject, text: maskPersonalData(payload.text) });
      return 'done';
    },
    async webhook(payload: Record<string, unknown>, { job, db, now }) {
      if (!delivery.webhookUrl) return 'skipped';
      // A verification code (src/registration/service.ts) goes to the SMS gateway with the number in full — the gateway
      // sends to it — and is useless once expired; after delivery the code is scrubbed from the stored job.
      const sms = payload.event === 'sms.verification';
      if (sms && typeof payload.expiresAt === 'string' && payload.expiresAt <= now.toISOString()) return 'skipped';
      const body = JSON.stringify({ ...(sms ? payload : maskPersonalData(payload)), deliveryId: job.id });
      const res = await fetch(delivery.webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(delivery.webhookSecret ? { 'x-zhengwu-signature': webhookSignature(delivery.webhookSecret, body) } : {}),
          'x-zhengwu-delivery': String(job.id),
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`webhook answered HTTP ${res.status}`);
      if (sms)
        await db.kysely
          .updateTable('jobs')
          .set({ payload_json: JSON.stringify({ ...payload, text: String(payload.text).replace(/\d{6}/g, '******') }) })
          .where('id', '=', job.id)
          .execute();
      return 'done';
    },
  };
}
