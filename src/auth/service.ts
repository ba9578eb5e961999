// Users, sign-in and sessions. Tokens are random, stored only as hashes, and expire.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/connection.js';
import type { Role } from '../engine/procedure.js';
import { hashPassword, verifyPassword } from './passwords.js';

export interface Actor {
  id: number;
  username: string;
  name: string;
  role: Role;
  county: string | null;
  township: string | null;
  village: string | null;
  unit: string | null;
}

export const SESSION_HOURS = 8;
const tokenHash = (t: string) => createHash('sha256').update(t).digest('hex');

export class AuthError extends Error {
  constructor(message: string, readonly status: 401 | 403 = 401) {
    super(message);
    this.name = 'AuthError';
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

export async function createUser(db: Db, u: NewUser): Promise<number> {
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
      demo: u.demo ? 1 : 0,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function login(db: Db, username: string, password: string, now = new Date()): Promise<{ token: string; expiresAt: string; actor: Actor }> {
  const u = await db.kysely.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  // Same message whether the user exists or not.
  if (!u || !(await verifyPassword(password, u.password_hash))) throw new AuthError('用户名或密码错误。');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
  await db.kysely.insertInto('sessions').values({ token_hash: tokenHash(token), user_id: u.id, expires_at: expiresAt, created_at: now.toISOString() }).execute();
  return { token, expiresAt, actor: toActor(u) };
}

export async function logout(db: Db, token: string): Promise<void> {
  await db.kysely.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
}

export async function actorForToken(db: Db, token: string, now = new Date()): Promise<Actor> {
  const row = await db.kysely
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.role', 'users.county', 'users.township', 'users.village', 'users.unit', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!row) throw new AuthError('登录已失效，请重新登录。');
  if (row.expires_at <= now.toISOString()) {
    await db.kysely.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
    throw new AuthError('登录已过期，请重新登录。');
  }
  return toActor(row);
}

function toActor(u: { id: number; username: string; display_name: string; role: string; county: string | null; township: string | null; village: string | null; unit: string | null }): Actor {
  return { id: Number(u.id), username: u.username, name: u.display_name, role: u.role as Role, county: u.county, township: u.township, village: u.village, unit: u.unit };
}

/** Demo accounts for each role, created on the first start only; clearly marked as demo. */
export const DEMO_ACCOUNTS: NewUser[] = [
  { username: 'admin', password: 'demo-admin', displayName: '演示·系统管理员', role: 'admin' },
  { username: 'county', password: 'demo-county', displayName: '演示·隆化县农业农村局', role: 'county', county: '隆化县' },
  { username: 'township-tgt', password: 'demo-township', displayName: '演示·汤头沟镇人民政府', role: 'township', county: '隆化县', township: '汤头沟镇' },
  { username: 'township-hmy', password: 'demo-township', displayName: '演示·韩麻营镇人民政府', role: 'township', county: '隆化县', township: '韩麻营镇' },
  { username: 'village-tgt', password: 'demo-village', displayName: '演示·汤头沟村宅基地协管员', role: 'village', county: '隆化县', township: '汤头沟镇', village: '汤头沟村' },
  { username: 'village-hmy', password: 'demo-village', displayName: '演示·韩麻营村宅基地协管员', role: 'village', county: '隆化县', township: '韩麻营镇', village: '韩麻营村' },
  { username: 'zhangsan', password: 'demo-applicant', displayName: '演示·张三（汤头沟村村民）', role: 'applicant', county: '隆化县', township: '汤头沟镇', village: '汤头沟村' },
  { username: 'lisi', password: 'demo-applicant', displayName: '演示·李四（韩麻营村村民）', role: 'applicant', county: '隆化县', township: '韩麻营镇', village: '韩麻营村' },
  // 揭榜挂帅 / 包干制 (承市科规〔2022〕1号、2号)
  { username: 'kjj', password: 'demo-science', displayName: '演示·承德市科学技术局', role: 'science_bureau', unit: '承德市科学技术局' },
  { username: 'kj-longhua', password: 'demo-science', displayName: '演示·隆化县科技管理部门', role: 'county_science', county: '隆化县', unit: '隆化县科学技术和工业信息化局' },
  { username: 'qiye-a', password: 'demo-enterprise', displayName: '演示·承德钒钛新材料有限公司', role: 'enterprise', county: '隆化县', unit: '承德钒钛新材料有限公司' },
  { username: 'qiye-b', password: 'demo-enterprise', displayName: '演示·河北某大学科研院', role: 'enterprise', county: '双桥区', unit: '河北某大学科研院' },
  { username: 'expert', password: 'demo-expert', displayName: '演示·评审专家王教授', role: 'expert', unit: '专家库' },
  // 规划实施监测
  { username: 'plan-office', password: 'demo-plan', displayName: '演示·承德市人民政府办公室', role: 'plan_office', unit: '市政府办公室' },
  { username: 'sthjj', password: 'demo-department', displayName: '演示·承德市生态环境局', role: 'department', unit: '市生态环境局' },
  { username: 'mzj', password: 'demo-department', displayName: '演示·承德市民政局', role: 'department', unit: '市民政局' },
];

export async function ensureDemoAccounts(db: Db): Promise<NewUser[]> {
  const any = await db.kysely.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return [];
  for (const u of DEMO_ACCOUNTS) await createUser(db, { ...u, demo: true });
  return DEMO_ACCOUNTS;
}
