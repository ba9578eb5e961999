// Accounts on both databases: lockout with back-off after wrong passwords (audited), the same work for
// unknown names, administrators managing users, users changing their own password, demo data only when
// asked for, and a rotating administrator token with an expiry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { LOCKOUT, login } from '../../src/auth/service.js';
import { adminTokenValid, rotateAdminToken } from '../../src/auth/users.js';
import type { Db } from '../../src/db/connection.js';
import { removeDemoData } from '../../src/server/demo.js';
import { wantsDemo } from '../../src/server/main.js';
import { apiClient, testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';

describe('when demo data is created', () => {
  it.each([
    [false, undefined, 'sqlite', false],
    [false, undefined, 'postgres', false],
    [false, 'embedded', 'sqlite', true], // npm start on the embedded database
    [false, 'embedded', 'postgres', false], // never on PostgreSQL without an explicit flag
    [true, undefined, 'postgres', true],
    [false, '1', 'postgres', true],
  ] as const)('flag %s, ZHENGWU_DEMO=%s, %s → %s', (flag, env, dialect, want) => {
    expect(wantsDemo(flag, env, dialect)).toBe(want);
  });
});

describe.each(ENGINES)('accounts on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let api: ReturnType<typeof apiClient>;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    platform = await testPlatform(engine, { users: ['admin', 'zhangsan', 'township-tgt'] });
    ({ db, app, api } = platform);
  });
  afterAll(async () => {
    await platform?.close();
  });
  const req = (user: string | null, method: string, url: string, payload?: unknown) =>
    app.inject({
      method: method as any,
      url,
      payload: payload as any,
      headers: user ? api.as(user) : {},
      remoteAddress: `10.0.0.${Math.floor(Math.random() * 200) + 2}`,
    });
  const events = async (kind: string) => (await db.kysely.selectFrom('security_events').selectAll().where('kind', '=', kind).execute()).length;

  it('locks an account after repeated wrong passwords, with a back-off, and audits it', async () => {
    const wrong = () => req(null, 'POST', '/api/auth/login', { username: 'lisi', password: 'wrong-password' });
    for (let i = 0; i < LOCKOUT.after; i++) expect((await wrong()).statusCode).toBe(401);
    const locked = await req(null, 'POST', '/api/auth/login', { username: 'lisi', password: 'demo-applicant' });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().message).toMatch(/连续输错密码已被临时锁定，请于 .*（北京时间）后再试/);
    expect(await events('account_locked')).toBe(1);
    expect(await events('login_failed')).toBe(LOCKOUT.after - 1);
    // Two minutes later (the first lock lasts one): the right password works and clears the count.
    const later = new Date(Date.now() + 2 * 60_000);
    const ok = await login(db, 'lisi', 'demo-applicant', later);
    expect(ok.actor.username).toBe('lisi');
    const row = await db.kysely.selectFrom('users').select(['failed_logins', 'locked_until']).where('username', '=', 'lisi').executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
    // Five more failures lock it for 1 minute; attempts while locked do not count; the next failure after the lock doubles it.
    for (let i = 0; i < LOCKOUT.after + 1; i++) await login(db, 'lisi', 'nope', later).catch(() => null);
    const once = await db.kysely.selectFrom('users').select('locked_until').where('username', '=', 'lisi').executeTakeFirstOrThrow();
    expect(Math.round((Date.parse(once.locked_until!) - later.getTime()) / 60_000)).toBe(1);
    const after = new Date(later.getTime() + 90_000);
    await expect(login(db, 'lisi', 'nope', after)).rejects.toThrow('用户名或密码错误');
    const twice = await db.kysely.selectFrom('users').select('locked_until').where('username', '=', 'lisi').executeTakeFirstOrThrow();
    expect(Math.round((Date.parse(twice.locked_until!) - after.getTime()) / 60_000)).toBe(2);
  });

  it('spends the same password work on an unknown name as on a known one', async () => {
    const time = async (username: string) => {
      const t = performance.now();
      await login(db, username, 'not-the-password').catch(() => null);
      return performance.now() - t;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time('county'));
      unknown.push(await time(`nobody-${i}`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    // Reported, not asserted (timings never fail a test): both run scrypt once.
    console.log(`sign-in, median of 4: known user ${median(known).toFixed(1)} ms, unknown user ${median(unknown).toFixed(1)} ms`);
    expect(await events('login_failed')).toBeGreaterThan(0);
  });

  it('lets an administrator add, change, disable, reset and remove users; others may not', async () => {
    expect((await req('zhangsan', 'GET', '/api/users')).statusCode).toBe(403);
    expect((await req(null, 'GET', '/api/users')).statusCode).toBe(401);
    const bad = await req('admin', 'POST', '/api/users', { username: 'v2', password: 'short', displayName: '村协管员', role: 'village', county: '隆化县' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .details.map((d: any) => d.field)
        .sort(),
    ).toEqual(['password', 'township', 'username', 'village']);
    const created = await req('admin', 'POST', '/api/users', {
      username: 'village-2',
      password: 'a-long-passphrase',
      displayName: '大汤头沟村二号协管员',
      role: 'village',
      county: '隆化县',
      township: '汤头沟镇',
      village: '大汤头沟村',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(
      (await req('admin', 'POST', '/api/users', { username: 'village-2', password: 'a-long-passphrase', displayName: 'x', role: 'admin' })).statusCode,
    ).toBe(409);
    await api.signIn([['village-2', 'a-long-passphrase']]);
    expect((await req('village-2', 'GET', '/api/me')).json().village).toBe('大汤头沟村');
    const list = await req('admin', 'GET', '/api/users?q=village&pageSize=2');
    expect(list.json()).toMatchObject({ total: 3, pageSize: 2 }); // village-tgt, village-hmy, village-2
    expect(list.json().items).toHaveLength(2);
    // Disabling ends the sessions and refuses sign-in.
    expect((await req('admin', 'PATCH', `/api/users/${id}`, { disabled: true })).json().disabled).toBe(true);
    expect((await req('village-2', 'GET', '/api/me')).statusCode).toBe(401);
    const refused = await req(null, 'POST', '/api/auth/login', { username: 'village-2', password: 'a-long-passphrase' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toMatch(/已停用/);
    await req('admin', 'PATCH', `/api/users/${id}`, { disabled: false });
    expect((await req('admin', 'PATCH', `/api/users/${id}`, { role: 'township', village: null })).statusCode).toBe(200);
    expect((await req('admin', 'POST', `/api/users/${id}/password`, { password: 'another-long-one' })).statusCode).toBe(200);
    expect((await req(null, 'POST', '/api/auth/login', { username: 'village-2', password: 'another-long-one' })).statusCode).toBe(200);
    const removed = await req('admin', 'DELETE', `/api/users/${id}`);
    expect(removed.json()).toMatchObject({ result: 'removed' });
    expect(await events('user_added')).toBe(1);
    expect(await events('user_removed')).toBe(1);
  });

  it('lets a user change their own password with the current one', async () => {
    expect((await req('township-tgt', 'POST', '/api/me/password', { current: 'wrong', next: 'a-new-long-secret' })).statusCode).toBe(403);
    const short = await req('township-tgt', 'POST', '/api/me/password', { current: 'demo-township', next: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toMatch(/至少 10 位/);
    expect((await req('township-tgt', 'POST', '/api/me/password', { current: 'demo-township', next: 'a-new-long-secret' })).statusCode).toBe(200);
    expect((await req(null, 'POST', '/api/auth/login', { username: 'township-tgt', password: 'demo-township' })).statusCode).toBe(401);
    expect((await req(null, 'POST', '/api/auth/login', { username: 'township-tgt', password: 'a-new-long-secret' })).statusCode).toBe(200);
  });

  it('rotates the administrator token: the new one works, the old one stops, and it expires', async () => {
    const first = await rotateAdminToken(db);
    const asToken = (t: string) => app.inject({ url: '/api/users', headers: { authorization: `Bearer ${t}` } });
    expect((await asToken(first.token)).statusCode).toBe(200);
    const rotated = await app.inject({ method: 'POST', url: '/api/admin-token/rotate', headers: { authorization: `Bearer ${first.token}` } });
    expect(rotated.statusCode).toBe(200);
    expect((await asToken(first.token)).statusCode).toBe(401);
    expect((await asToken(rotated.json().token)).statusCode).toBe(200);
    expect(await adminTokenValid(db, rotated.json().token, new Date(Date.now() + 31 * 86_400_000))).toBe(false);
    expect((await req('zhangsan', 'POST', '/api/admin-token/rotate')).statusCode).toBe(403);
  });

  it('removes the demo data with one call: unused demo accounts deleted, those that acted disabled, 【演示】 records gone', async () => {
    const r = await removeDemoData(db);
    expect(r.removed.length + r.disabled.length).toBeGreaterThan(10);
    expect(r.governance).toBe(1);
    const left = await db.kysely.selectFrom('users').select(['username', 'disabled']).where('demo', '=', 1).execute();
    expect(left.every((u) => u.disabled === 1)).toBe(true);
  });
});
