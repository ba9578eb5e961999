// Users, sign-in and sessions. Tokens are random, stored only as hashes, and expire.
import { createHash, randomBytes } from 'node:crypto';
import { DomainError, InputError } from '../platform/errors.js';
import { areaPathIssue } from '../platform/areas.js';
import type { Db } from '../db/connection.js';
import type { Role } from '../engine/procedure.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { registrationBlock } from '../registration/status.js';

export interface Actor {
  id: number;
  username: string;
  name: string;
  role: Role;
  county: string | null;
  township: string | null;
  village: string | null;
  unit: string | null;
  /** Signed in with a temporary password: everything but /api/me and /api/me/password waits until it is changed. */
  mustChangePassword?: boolean;
}

export const SESSION_HOURS = 8;
const tokenHash = (t: string) => createHash('sha256').update(t).digest('hex');

export class AuthError extends DomainError {
  constructor(message: string, status: 401 | 403 | 404 | 409 | 423 = 401) {
    super(message, status, { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 423: 'locked' }[status]);
  }
}

export interface NewUser {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  county?: string | null;
  township?: string | null;
  village?: string | null;
  unit?: string | null;
  demo?: boolean;
}

// 【演示】 accounts share a handful of published passwords: each password is hashed once per process (real accounts
// each get their own salt), so setting up a demo database does not spend a scrypt on every one of its ~70 accounts.
const demoHashes = new Map<string, Promise<string>>();
function demoHash(password: string): Promise<string> {
  let h = demoHashes.get(password);
  if (!h) demoHashes.set(password, (h = hashPassword(password)));
  return h;
}

export async function createUser(db: Db, u: NewUser): Promise<number> {
  // Demo and module accounts come here without the administrator's form (src/auth/users.ts): their place is
  // checked against the divisions of 承德市 all the same.
  const issue = areaPathIssue(u);
  if (issue) throw new InputError([{ field: issue.level, message: `${u.username}：${issue.message}` }]);
  const row = await db.kysely
    .insertInto('users')
    .values({
      username: u.username,
      password_hash: await (u.demo ? demoHash(u.password) : hashPassword(u.password)),
      display_name: u.displayName,
      role: u.role,
      county: u.county ?? null,
      township: u.township ?? null,
      village: u.village ?? null,
      unit: u.unit ?? null,
      demo: u.demo ? 1 : 0,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Wrong passwords in a row before an account is locked, and the lock's length: doubling from 1 minute, at most 1 hour. */
export const LOCKOUT = { after: 5, firstMinutes: 1, maxMinutes: 60 } as const;

// An unknown user name costs the same scrypt work as a known one, so timing does not tell which names exist.
let dummyHash: Promise<string> | null = null;
const DUMMY = () => (dummyHash ??= hashPassword(randomBytes(12).toString('hex')));

export async function securityEvent(db: Db, e: { kind: string; username?: string | null; actor?: string | null; ip?: string | null; detail?: object }) {
  await db.kysely
    .insertInto('security_events')
    .values({
      at: new Date().toISOString(),
      kind: e.kind,
      username: e.username ?? null,
      actor: e.actor ?? null,
      ip: e.ip ?? null,
      detail_json: JSON.stringify(e.detail ?? {}),
    })
    .execute();
}

const beijing = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

export async function login(
  db: Db,
  username: string,
  password: string,
  now = new Date(),
  ip: string | null = null,
): Promise<{ token: string; expiresAt: string; actor: Actor }> {
  const u = await db.kysely.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  if (!u) {
    await verifyPassword(password, await DUMMY());
    throw new AuthError('用户名或密码错误。');
  }
  if (u.locked_until && u.locked_until > now.toISOString()) {
    await verifyPassword(password, await DUMMY());
    throw new AuthError(`该账户因连续输错密码已被临时锁定，请于 ${beijing(u.locked_until)}（北京时间）后再试，或联系管理员。`, 423);
  }
  const ok = await verifyPassword(password, u.password_hash);
  if (!ok) {
    const failed = Number(u.failed_logins ?? 0) + 1;
    const locks = failed >= LOCKOUT.after;
    const minutes = Math.min(LOCKOUT.firstMinutes * 2 ** (failed - LOCKOUT.after), LOCKOUT.maxMinutes);
    const lockedUntil = locks ? new Date(now.getTime() + minutes * 60_000).toISOString() : null;
    await db.kysely.updateTable('users').set({ failed_logins: failed, locked_until: lockedUntil }).where('id', '=', u.id).execute();
    await securityEvent(db, { kind: locks ? 'account_locked' : 'login_failed', username, ip, detail: { failed, ...(locks ? { minutes, lockedUntil } : {}) } });
    throw new AuthError('用户名或密码错误。');
  }
  // A self-registered account waiting for its code or an official, or refused (with the reason), says so.
  if (u.disabled) throw new AuthError((await registrationBlock(db, Number(u.id))) ?? '该账户已停用，请联系管理员。', 403);
  if (u.failed_logins || u.locked_until) await db.kysely.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', u.id).execute();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await db.kysely
    .insertInto('sessions')
    .values({ token_hash: tokenHash(token), user_id: u.id, expires_at: expiresAt, created_at: now.toISOString() })
    .execute();
  return { token, expiresAt, actor: toActor(u) };
}

export async function logout(db: Db, token: string): Promise<void> {
  await db.kysely.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
}

export async function actorForToken(db: Db, token: string, now = new Date()): Promise<Actor> {
  const row = await db.kysely
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.county',
      'users.township',
      'users.village',
      'users.unit',
      'users.must_change_password',
      'sessions.expires_at',
    ])
    .where('sessions.token_hash', '=', tokenHash(token))
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
  if (!row) throw new AuthError('登录已失效，请重新登录。');
  if (row.expires_at <= now.toISOString()) {
    await db.kysely.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
    throw new AuthError('登录已过期，请重新登录。');
  }
  return toActor(row);
}

function toActor(u: {
  id: number;
  username: string;
  display_name: string;
  role: string;
  county: string | null;
  township: string | null;
  village: string | null;
  unit: string | null;
  must_change_password?: number;
}): Actor {
  return {
    id: Number(u.id),
    username: u.username,
    name: u.display_name,
    role: u.role as Role,
    county: u.county,
    township: u.township,
    village: u.village,
    unit: u.unit,
    ...(u.must_change_password ? { mustChangePassword: true } : {}),
  };
}

/** Demo accounts for each role, created on the first start only; clearly marked as demo. */

/** Removes the demo accounts (and their sessions); those that filed cases are disabled instead, so the cases keep their author. */
export async function removeDemoAccounts(db: Db): Promise<{ removed: string[]; disabled: string[] }> {
  const demo = await db.kysely.selectFrom('users').select(['id', 'username']).where('demo', '=', 1).execute();
  const removed: string[] = [];
  const disabled: string[] = [];
  for (const u of demo) {
    const r = await deleteOrDisableUser(db, u.id);
    (r === 'removed' ? removed : disabled).push(u.username);
  }
  return { removed, disabled };
}

/** Deletes a user who left no trace in cases, parties or plan reports; otherwise disables the account. */
export async function deleteOrDisableUser(db: Db, id: number): Promise<'removed' | 'disabled'> {
  return db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    const used =
      (await trx.selectFrom('cases').select('id').where('applicant_user_id', '=', id).executeTakeFirst()) ??
      (await trx.selectFrom('case_parties').select('case_id').where('user_id', '=', id).executeTakeFirst()) ??
      (await trx.selectFrom('case_events').select('seq').where('actor_id', '=', id).executeTakeFirst()) ??
      (await trx.selectFrom('plan_reports').select('id').where('reported_by_id', '=', id).executeTakeFirst());
    if (used) {
      await trx.updateTable('users').set({ disabled: 1 }).where('id', '=', id).execute();
      return 'disabled';
    }
    await trx.deleteFrom('users').where('id', '=', id).execute();
    return 'removed';
  });
}

/** Creates the demo accounts on an empty database; `force` adds those missing beside real users (never replacing one). */
export async function ensureDemoAccounts(db: Db, accounts: NewUser[], opts: { force?: boolean } = {}): Promise<NewUser[]> {
  const any = await db.kysely.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any && !opts.force) return [];
  const made: NewUser[] = [];
  for (const u of accounts) {
    const taken = await db.kysely.selectFrom('users').select('id').where('username', '=', u.username).executeTakeFirst();
    if (taken) continue;
    await createUser(db, { ...u, demo: true });
    made.push(u);
  }
  return made;
}
