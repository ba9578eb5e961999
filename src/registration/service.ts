// Accounts for real people (一网通办): a villager or an enterprise registers itself. The user name is the phone
// number. When a delivery channel is configured (ZHENGWU_WEBHOOK_URL, the SMS gateway), a 6-digit code goes out
// through a `webhook` job and the account is active once the code is entered; otherwise the account waits for an
// official to confirm it (注册待确认): the village or the township of a villager, the county office of an
// enterprise's county. Until then the account is disabled (no session can exist for it) and signing in tells why.
// Passwords are reset by a phone code (with a channel) or by a one-time temporary password set by the village or
// township (its villagers) or the administrator, which must be changed at the next sign-in.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/connection.js';
import type { Selectable, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { AuthError, securityEvent, type Actor } from '../auth/service.js';
import { PasswordSchema } from '../auth/users.js';
import { hashPassword } from '../auth/passwords.js';
import { InputError } from '../engine/assess.js';
import { maskIdNumber, maskPhone, validIdNumber } from '../engine/personal-data.js';
import { areaPathIssue, countyOf, townshipOf, villagesOf } from '../platform/areas.js';
import { enqueue } from '../jobs/queue.js';
import { deliveryFromEnv } from '../jobs/handlers.js';
import { notifyRole } from '../notifications/service.js';
import { creditCodeIssue } from './credit-code.js';
import type { RegistrationTable } from './migration.js';

/** Code rules: 6 digits, 10 minutes, 5 wrong entries; at most 5 sends an hour per phone and purpose, 60 s apart. */
export const CODE = { digits: 6, minutes: 10, attempts: 5, sendsPerHour: 5, resendSeconds: 60 } as const;

export type RegistrationKind = 'applicant' | 'enterprise';
export type Purpose = 'register' | 'reset';

/** Whether the SMS gateway is configured: read on each request, like the job runner reads its delivery. */
export const smsChannel = () => Boolean(deliveryFromEnv().webhookUrl);

const PHONE = /^1[3-9]\d{9}$/;
const PhoneField = z.string({ error: '请填写手机号码' }).trim().regex(PHONE, '手机号码应为 11 位数字，以 1 开头');
const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}过长（最多 ${max} 字）`);
const optionalPlace = z.string().trim().max(40).nullable().optional();

const ApplicantSchema = z.object({
  kind: z.literal('applicant'),
  name: text('姓名', 30),
  phone: PhoneField,
  password: PasswordSchema,
  county: text('县（市、区）', 40),
  township: text('乡镇（街道）', 40),
  village: text('村（社区）', 40),
  // Optional: the case engine matches cases by account, not by 身份证号. Checked when given.
  idNumber: z
    .string()
    .trim()
    .max(18)
    .nullable()
    .optional()
    .transform((v) => (v ? v.toUpperCase() : null))
    .refine((v) => v === null || validIdNumber(v), '身份证号码不正确（18 位，末位校验码须相符）'),
});
const EnterpriseSchema = z.object({
  kind: z.literal('enterprise'),
  unit: text('单位名称', 100),
  creditCode: z
    .string({ error: '请填写统一社会信用代码' })
    .trim()
    .transform((v) => v.toUpperCase())
    .superRefine((v, ctx) => {
      const issue = creditCodeIssue(v);
      if (issue) ctx.addIssue({ code: 'custom', message: issue });
    }),
  name: text('联系人姓名', 30),
  phone: PhoneField,
  password: PasswordSchema,
  county: text('县（市、区）', 40),
  township: optionalPlace,
  village: optionalPlace,
});
const RegisterSchema = z.discriminatedUnion('kind', [ApplicantSchema, EnterpriseSchema], {
  error: () => '请选择注册类型：村民个人（applicant）或企业 / 单位（enterprise）',
});

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) throw InputError.fromZod(r.error);
  return r.data;
}
const fieldError = (field: string, message: string) => new InputError([{ field, message }]);

const nowIso = () => new Date().toISOString();
const codeHash = (salt: string, code: string) => createHash('sha256').update(`${salt}:${code}`).digest('hex');

import { confirmerText } from './status.js';
export { registrationBlock } from './status.js';

// --- Phone codes ------------------------------------------------------------------------------------------

/**
 * Sends a new code to a phone through the `webhook` job (the SMS gateway): only its hash is kept. Refused within
 * 60 s of the last send and after 5 sends in an hour. The code itself appears only in the job's text, which the
 * webhook handler scrubs once delivered (src/jobs/handlers.ts).
 */
async function sendCode(trx: Transaction<Database>, purpose: Purpose, phone: string, now = new Date()): Promise<{ resendAfter: number }> {
  const row = await trx.selectFrom('phone_codes').selectAll().where('purpose', '=', purpose).where('phone', '=', phone).executeTakeFirst();
  const hourAgo = new Date(now.getTime() - 3600_000).toISOString();
  const fresh = !row || row.window_start < hourAgo;
  if (row && !fresh) {
    const wait = Math.ceil((new Date(row.last_sent_at).getTime() + CODE.resendSeconds * 1000 - now.getTime()) / 1000);
    if (wait > 0) throw new AuthError(`验证码已发送，请 ${wait} 秒后再重新获取。`, 409);
    if (row.sends >= CODE.sendsPerHour) throw new AuthError(`该手机号一小时内已获取 ${CODE.sendsPerHour} 次验证码，请稍后再试。`, 409);
  }
  const code = String(randomInt(0, 10 ** CODE.digits)).padStart(CODE.digits, '0');
  const salt = randomBytes(12).toString('hex');
  const values = {
    code_hash: codeHash(salt, code),
    salt,
    expires_at: new Date(now.getTime() + CODE.minutes * 60_000).toISOString(),
    attempts: 0,
    sends: fresh ? 1 : row!.sends + 1,
    window_start: fresh ? now.toISOString() : row!.window_start,
    last_sent_at: now.toISOString(),
  };
  if (row) await trx.updateTable('phone_codes').set(values).where('id', '=', row.id).execute();
  else
    await trx
      .insertInto('phone_codes')
      .values({ purpose, phone, ...values })
      .execute();
  const what = purpose === 'register' ? '注册' : '重置密码';
  await enqueue(trx, [
    {
      kind: 'webhook',
      key: `sms:${purpose}:${phone}:${randomBytes(8).toString('hex')}`,
      runAt: now,
      payload: {
        event: 'sms.verification',
        phone,
        text: `【政务】您的${what}验证码为 ${code}，${CODE.minutes} 分钟内有效。请勿告诉他人。`,
        expiresAt: values.expires_at,
      },
    },
  ]);
  return { resendAfter: CODE.resendSeconds };
}

/** Checks a code; a wrong one counts, the fifth wrong one ends the code; a right one is used up. */
async function useCode(db: Db, purpose: Purpose, phone: string, code: string, now = new Date()): Promise<void> {
  const row = await db.kysely.selectFrom('phone_codes').selectAll().where('purpose', '=', purpose).where('phone', '=', phone).executeTakeFirst();
  if (!row) throw new AuthError('请先获取验证码。', 403);
  if (row.attempts >= CODE.attempts) throw new AuthError(`验证码已输错 ${CODE.attempts} 次，已失效，请重新获取。`, 403);
  if (row.expires_at <= now.toISOString()) throw new AuthError(`验证码已过期（${CODE.minutes} 分钟内有效），请重新获取。`, 403);
  const a = Buffer.from(codeHash(row.salt, code));
  const b = Buffer.from(row.code_hash);
  if (!(a.length === b.length && timingSafeEqual(a, b))) {
    await db.kysely
      .updateTable('phone_codes')
      .set({ attempts: row.attempts + 1 })
      .where('id', '=', row.id)
      .execute();
    const left = CODE.attempts - row.attempts - 1;
    throw new AuthError(left > 0 ? `验证码不正确，还可以再试 ${left} 次。` : `验证码已输错 ${CODE.attempts} 次，已失效，请重新获取。`, 403);
  }
  await db.kysely.deleteFrom('phone_codes').where('id', '=', row.id).execute();
}

const CodeSchema = z.object({
  phone: PhoneField,
  code: z
    .string({ error: '请填写验证码' })
    .trim()
    .regex(/^\d{6}$/, '验证码为 6 位数字'),
});

// --- Registration -----------------------------------------------------------------------------------------

/** The place as the divisions name it (a village may be typed with its committee's full name). */
function canonicalPlace(county: string, township: string | null | undefined, village: string | null | undefined) {
  const c = countyOf(county);
  const t = c && township ? townshipOf(c.name, township) : null;
  const v = t && village ? (villagesOf(c!.name, t.name) ?? []).find((x) => x.name === village || x.fullName === village) : null;
  return { county: c?.name ?? county, township: t?.name ?? township ?? null, village: v?.name ?? village ?? null };
}

export async function register(db: Db, input: unknown, ip: string | null) {
  const r = parse(RegisterSchema, input);
  if (r.password.includes(r.phone)) throw fieldError('password', '密码不能包含手机号码');
  // A villager names 县/乡镇/村, an enterprise its county: real places of 承德市 (src/platform/areas.ts).
  const issue = r.kind === 'applicant' ? areaPathIssue(r, 'village') : areaPathIssue({ county: r.county }, 'county');
  if (issue) throw fieldError(issue.level, issue.message);
  if (r.kind === 'enterprise' && !countyOf(r.county)) throw fieldError('county', `请选择承德市的县（市、区）`);
  const place = r.kind === 'applicant' ? canonicalPlace(r.county, r.township, r.village) : { county: countyOf(r.county)!.name, township: null, village: null };
  const sms = smsChannel();
  const passwordHash = await hashPassword(r.password);
  const now = new Date();
  const result = await db.kysely.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('users').select(['id', 'disabled']).where('username', '=', r.phone).executeTakeFirst();
    if (taken) {
      // A registration that was refused, or never verified and whose code ran out, gives the number back.
      const old = await trx.selectFrom('registrations').selectAll().where('user_id', '=', taken.id).executeTakeFirst();
      const code = await trx.selectFrom('phone_codes').select('expires_at').where('purpose', '=', 'register').where('phone', '=', r.phone).executeTakeFirst();
      const stale = old && (old.status === 'rejected' || (old.status === 'pending_code' && (!code || code.expires_at <= now.toISOString())));
      if (!stale) throw new AuthError(`手机号 ${maskPhone(r.phone)} 已注册。忘记密码可在登录页找回。`, 409);
      await trx.deleteFrom('registrations').where('id', '=', old.id).execute();
      await trx.deleteFrom('sessions').where('user_id', '=', taken.id).execute();
      await trx.deleteFrom('users').where('id', '=', taken.id).execute();
    }
    const user = await trx
      .insertInto('users')
      .values({
        username: r.phone,
        password_hash: passwordHash,
        display_name: r.kind === 'enterprise' ? r.unit : r.name,
        role: r.kind,
        county: place.county,
        township: place.township,
        village: place.village,
        unit: r.kind === 'enterprise' ? r.unit : null,
        demo: 0,
        disabled: 1,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const status = sms ? 'pending_code' : 'pending';
    const reg = await trx
      .insertInto('registrations')
      .values({
        user_id: Number(user.id),
        kind: r.kind,
        name: r.name,
        phone: r.phone,
        county: place.county,
        township: place.township,
        village: place.village,
        unit: r.kind === 'enterprise' ? r.unit : null,
        credit_code: r.kind === 'enterprise' ? r.creditCode : null,
        id_number: r.kind === 'applicant' ? r.idNumber : null,
        status,
        reason: null,
        decided_by: null,
        decided_by_name: null,
        decided_at: null,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const sent = sms ? await sendCode(trx, 'register', r.phone, now) : null;
    return { id: Number(reg.id), status, resendAfter: sent?.resendAfter ?? null };
  });
  await securityEvent(db, {
    kind: 'registered',
    username: r.phone,
    actor: r.phone,
    ip,
    detail: { registration: result.id, kind: r.kind, status: result.status },
  });
  return {
    ...result,
    username: r.phone,
    message:
      result.status === 'pending_code'
        ? `验证码已发送至 ${maskPhone(r.phone)}，${CODE.minutes} 分钟内有效。`
        : `注册已提交，账号待${confirmerText(r.kind, place.county)}确认。确认后用手机号码登录。`,
  };
}

/** The code of a registration: the account is active and may sign in. */
export async function verifyRegistration(db: Db, input: unknown, ip: string | null) {
  const { phone, code } = parse(CodeSchema, input);
  const reg = await db.kysely.selectFrom('registrations').selectAll().where('phone', '=', phone).where('status', '=', 'pending_code').executeTakeFirst();
  if (!reg) throw new AuthError('没有待验证的注册：请先注册，或直接登录。', 404);
  await useCode(db, 'register', phone, code);
  await activate(db, reg.id, reg.user_id, { by: phone, name: '短信验证' });
  await securityEvent(db, { kind: 'registration_verified', username: phone, actor: phone, ip, detail: { registration: reg.id } });
  return { status: 'active', message: '手机号已验证，注册完成，请登录。' };
}

export async function resendRegistrationCode(db: Db, input: unknown) {
  const { phone } = parse(z.object({ phone: PhoneField }), input);
  if (!smsChannel()) throw new AuthError('短信通道未开通，注册由村（社区）、乡镇（街道）或县级部门确认。', 409);
  const reg = await db.kysely.selectFrom('registrations').select('id').where('phone', '=', phone).where('status', '=', 'pending_code').executeTakeFirst();
  if (!reg) throw new AuthError('没有待验证的注册：请先注册，或直接登录。', 404);
  const sent = await db.kysely.transaction().execute((trx) => sendCode(trx, 'register', phone));
  return { ...sent, message: `验证码已重新发送至 ${maskPhone(phone)}。` };
}

async function activate(db: Db, regId: number, userId: number, by: { by: string; name: string }) {
  await db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable('registrations')
      .set({ status: 'active', decided_by: by.by, decided_by_name: by.name, decided_at: nowIso() })
      .where('id', '=', regId)
      .execute();
    await trx.updateTable('users').set({ disabled: 0 }).where('id', '=', userId).execute();
  });
}

// --- Officials: pending registrations of their area ---------------------------------------------------------

/**
 * Which registrations an official decides: a village's villagers (村级组织), a township's villagers (乡镇人民政府),
 * and — for enterprises — the county office of the enterprise's county. That is the platform role `county`
 * (县级部门, src/platform/roles.ts), the only county-level office every installation has; the modules' county roles
 * (县卫生健康局, 县行政审批局 …) exist only when their procedure is registered and are about that procedure.
 */
function scopeOf(actor: Actor): { kind: RegistrationKind; county: string; township?: string; village?: string } | null {
  if (actor.role === 'village' && actor.county && actor.township && actor.village)
    return { kind: 'applicant', county: actor.county, township: actor.township, village: actor.village };
  if (actor.role === 'township' && actor.county && actor.township) return { kind: 'applicant', county: actor.county, township: actor.township };
  if (actor.role === 'county' && actor.county) return { kind: 'enterprise', county: actor.county };
  return null;
}

const requireScope = (actor: Actor) => {
  const s = scopeOf(actor);
  if (!s) throw new AuthError('只有村级组织、乡镇（街道）和县级部门确认本辖区的注册账号。', 403);
  return s;
};

function scoped(db: Db, s: NonNullable<ReturnType<typeof scopeOf>>) {
  let q = db.kysely.selectFrom('registrations').where('registrations.kind', '=', s.kind).where('registrations.county', '=', s.county);
  if (s.township) q = q.where('registrations.township', '=', s.township);
  if (s.village) q = q.where('registrations.village', '=', s.village);
  return q;
}

type RegistrationRow = Selectable<RegistrationTable>;

/** A registration as an official sees it: the phone in full (they call the person), the 身份证号 masked. */
const officialView = (r: RegistrationRow, mustChange?: number) => ({
  id: Number(r.id),
  userId: Number(r.user_id),
  kind: r.kind,
  name: r.name,
  phone: r.phone,
  county: r.county,
  township: r.township,
  village: r.village,
  unit: r.unit,
  creditCode: r.credit_code,
  idNumber: r.id_number ? maskIdNumber(r.id_number) : null,
  status: r.status,
  reason: r.reason,
  decidedBy: r.decided_by_name,
  decidedAt: r.decided_at,
  createdAt: r.created_at,
  ...(mustChange !== undefined ? { mustChangePassword: Boolean(mustChange) } : {}),
});

export async function listRegistrations(db: Db, actor: Actor, f: { status?: string } = {}) {
  const s = requireScope(actor);
  let q = scoped(db, s);
  if (f.status) q = q.where('registrations.status', '=', f.status);
  const rows = await q.selectAll().orderBy('registrations.id', 'desc').limit(200).execute();
  return { scope: s, items: rows.map((r) => officialView(r)) };
}

async function inScope(db: Db, actor: Actor, id: number) {
  const s = requireScope(actor);
  const r = await scoped(db, s).selectAll().where('registrations.id', '=', id).executeTakeFirst();
  // Outside the official's area answers exactly like "does not exist".
  if (!r) throw new AuthError('注册申请不存在或不在本辖区。', 404);
  return r;
}

export async function confirmRegistration(db: Db, actor: Actor, id: number) {
  const r = await inScope(db, actor, id);
  if (r.status !== 'pending')
    throw new AuthError(r.status === 'active' ? '该账号已确认。' : r.status === 'rejected' ? '该注册已退回。' : '该注册等待申请人输入短信验证码。', 409);
  await activate(db, r.id, r.user_id, { by: actor.username, name: actor.name });
  await securityEvent(db, { kind: 'registration_confirmed', username: r.phone, actor: actor.username, detail: { registration: r.id, role: actor.role } });
  await notifyRole(db, [{ id: r.user_id }], {
    caseId: null,
    kind: 'account',
    title: '账号已确认',
    body: `您的注册已由${actor.name}确认，欢迎使用一网通办。`,
  });
  return { ok: true, message: `已确认 ${r.unit ?? r.name} 的账号。` };
}

export async function rejectRegistration(db: Db, actor: Actor, id: number, input: unknown) {
  const { reason } = parse(z.object({ reason: text('退回理由', 200) }), input);
  const r = await inScope(db, actor, id);
  if (r.status !== 'pending') throw new AuthError(r.status === 'active' ? '该账号已确认，不能退回。' : '该注册已处理。', 409);
  await db.kysely
    .updateTable('registrations')
    .set({ status: 'rejected', reason, decided_by: actor.username, decided_by_name: actor.name, decided_at: nowIso() })
    .where('id', '=', r.id)
    .execute();
  await securityEvent(db, {
    kind: 'registration_rejected',
    username: r.phone,
    actor: actor.username,
    detail: { registration: r.id, role: actor.role, reason },
  });
  return { ok: true, message: `已退回 ${r.unit ?? r.name} 的注册。理由将在其登录时显示。` };
}

// --- Password reset ----------------------------------------------------------------------------------------

/** Self-service: a code to the account's phone. Answers the same whether or not the number is registered. */
export async function requestReset(db: Db, input: unknown, ip: string | null) {
  const { phone } = parse(z.object({ phone: PhoneField }), input);
  if (!smsChannel()) throw new AuthError('短信通道未开通：请联系所在村（社区）、乡镇（街道）或管理员设置临时密码。', 409);
  const u = await db.kysely.selectFrom('users').select('id').where('username', '=', phone).where('disabled', '=', 0).executeTakeFirst();
  if (u) {
    await db.kysely.transaction().execute((trx) => sendCode(trx, 'reset', phone));
    await securityEvent(db, { kind: 'password_reset_code_sent', username: phone, ip });
  }
  return { message: `如该手机号已注册，验证码已发送，${CODE.minutes} 分钟内有效。`, resendAfter: CODE.resendSeconds };
}

export async function confirmReset(db: Db, input: unknown, ip: string | null) {
  const { phone, code, password } = parse(CodeSchema.extend({ password: PasswordSchema }), input);
  if (password.includes(phone)) throw fieldError('password', '密码不能包含手机号码');
  const u = await db.kysely.selectFrom('users').select('id').where('username', '=', phone).where('disabled', '=', 0).executeTakeFirst();
  if (!u) throw new AuthError('验证码不正确或已过期，请重新获取。', 403);
  await useCode(db, 'reset', phone, code);
  await setPassword(db, Number(u.id), await hashPassword(password), false);
  await securityEvent(db, { kind: 'password_reset', username: phone, actor: phone, ip, detail: { by: 'sms' } });
  return { ok: true, message: '密码已重置，请用新密码登录。' };
}

async function setPassword(db: Db, userId: number, hash: string, mustChange: boolean) {
  await db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, failed_logins: 0, locked_until: null, password_changed_at: nowIso(), must_change_password: mustChange ? 1 : 0 })
      .where('id', '=', userId)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
  });
}

/** 12 characters without look-alikes (0/O, 1/l/I), read out over the phone. */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY2346789';
  return Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/**
 * A one-time temporary password, shown once to the official who sets it: the administrator for any account, the
 * village or township for the villagers (申请人) of its area. It must be changed at the next sign-in.
 */
export async function setTemporaryPassword(db: Db, actor: Actor, userId: number) {
  const u = await db.kysely.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  const mayReset =
    actor.role === 'admin' ||
    (u &&
      u.role === 'applicant' &&
      ((actor.role === 'township' && actor.county === u.county && actor.township === u.township) ||
        (actor.role === 'village' && actor.county === u.county && actor.township === u.township && actor.village === u.village)));
  if (!['admin', 'village', 'township'].includes(actor.role)) throw new AuthError('只有管理员和村（社区）、乡镇（街道）可以设置临时密码。', 403);
  if (!u || !mayReset) throw new AuthError('用户不存在或不在本辖区。', 404);
  if (u.disabled) throw new AuthError('该账号未启用（待确认、已退回或已停用），不能设置临时密码。', 409);
  const password = temporaryPassword();
  await setPassword(db, Number(u.id), await hashPassword(password), true);
  await securityEvent(db, { kind: 'temporary_password_set', username: u.username, actor: actor.username, detail: { role: actor.role } });
  return {
    temporaryPassword: password,
    message: `已为 ${u.display_name} 设置临时密码（只显示这一次）。请当面或电话告知本人；首次登录须修改密码。`,
  };
}

/** The villagers (active accounts) of an official's area, for 重置临时密码: phones in full, as for confirming. */
export async function listAccounts(db: Db, actor: Actor) {
  const s = requireScope(actor);
  const rows = await scoped(db, s)
    .innerJoin('users', 'users.id', 'registrations.user_id')
    .selectAll('registrations')
    .select('users.must_change_password')
    .where('registrations.status', '=', 'active')
    .orderBy('registrations.id', 'desc')
    .limit(200)
    .execute();
  return { items: rows.map((r) => officialView(r, r.must_change_password)) };
}
