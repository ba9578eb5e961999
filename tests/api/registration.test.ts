// Accounts for real people on both databases: self-registration of villagers and enterprises (validation with
// nothing written, duplicates, the 统一社会信用代码 check digit), confirmation by the right village / township /
// county office only, rejection with its reason shown at sign-in, the SMS code flow through a fake gateway
// (attempts, expiry, resend limits, the code never stored in clear), password reset by code, and temporary
// passwords that must be changed before anything else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/connection.js';
import { jobHandlers } from '../../src/jobs/handlers.js';
import { JobRunner } from '../../src/jobs/runner.js';
import { PROCEDURES } from '../../src/procedures/registry.js';
import { creditCodeCheckChar, creditCodeIssue } from '../../src/registration/credit-code.js';
import { apiClient, testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';

// Codes computed with the GB 32100-2015 weights (3^i mod 31) — and checked against an independent computation.
const VALID_CODES = ['91350100M000100Y43', '91130800MA07T6QK1Q', '92130825MA0F3W8Q1Q', '91130825MA0D1K2P39', '93130825MA0E7L8N6M'];

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts codes whose check character matches, in any case', () => {
    for (const c of VALID_CODES) expect(creditCodeIssue(c)).toBeNull();
    expect(creditCodeIssue('91130800ma07t6qk1q')).toBeNull();
    expect(creditCodeCheckChar('91110000100000000')).toBe('R');
  });
  it('refuses a wrong check character, a wrong length, letters outside the alphabet and a non-numeric area code', () => {
    expect(creditCodeIssue('91130800MA07T6QK1R')).toMatch(/校验位不正确/);
    expect(creditCodeIssue('91350100M000100Y4')).toMatch(/应为 18 位/);
    expect(creditCodeIssue('91130800MA07T6QKIQ')).toMatch(/不能含有“I”/);
    expect(creditCodeIssue('91130800MA07T6QKOQ')).toMatch(/不能含有“O”/);
    expect(creditCodeIssue('91A30800MA07T6QK1Q')).toMatch(/行政区划码/);
    // Every single-character change of a valid code is caught.
    const base = VALID_CODES[1];
    for (let i = 0; i < 17; i++) {
      const alt = base[i] === '1' ? '2' : '1';
      expect(creditCodeIssue(base.slice(0, i) + alt + base.slice(i + 1)), `position ${i}`).not.toBeNull();
    }
  });
});

const PASSWORD = 'cunmin-mima-2026';
const villager = (phone: string, extra: object = {}) => ({
  kind: 'applicant',
  name: '赵六',
  phone,
  password: PASSWORD,
  county: '隆化县',
  township: '汤头沟镇',
  village: '大汤头沟村',
  ...extra,
});

describe.each(ENGINES)('registration on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let api: ReturnType<typeof apiClient>;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  let n = 0;
  // Each public request from an address of its own (they are rate limited per address).
  const post = (url: string, payload: unknown, user?: string) =>
    app.inject({ method: 'POST', url, payload: payload as object, headers: user ? api.as(user) : {}, remoteAddress: `10.9.${++n >> 8}.${(n % 250) + 1}` });
  const get = (url: string, user: string) => app.inject({ url, headers: api.as(user) });
  const login = (username: string, password: string) => post('/api/auth/login', { username, password });
  const count = async (t: 'users' | 'registrations') =>
    Number(
      (
        await db.kysely
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const events = (kind: string) => db.kysely.selectFrom('security_events').selectAll().where('kind', '=', kind).execute();

  beforeAll(async () => {
    delete process.env.ZHENGWU_WEBHOOK_URL;
    platform = await testPlatform(engine, { users: ['admin', 'zhangsan', 'village-tgt', 'township-tgt', 'township-hmy', 'village-hmy', 'county'] });
    ({ db, app, api } = platform);
  });
  afterAll(async () => {
    delete process.env.ZHENGWU_WEBHOOK_URL;
    await platform?.close();
  });

  it('refuses bad input in Chinese and writes nothing', async () => {
    const users = await count('users');
    const bad: [object, RegExp][] = [
      [villager('1381234567'), /手机号码应为 11 位/],
      [villager('13812345670', { password: 'short' }), /密码至少 10 位/],
      [villager('13812345670', { village: '幸福村' }), /“汤头沟镇”下没有“幸福村”/],
      [villager('13812345670', { village: '韩麻营村' }), /“汤头沟镇”下没有“韩麻营村”.*韩麻营镇/],
      [villager('13812345670', { county: '北京县' }), /没有|不是/],
      [villager('13812345670', { password: 'x13812345670x' }), /密码不能包含手机号码/],
      [villager('13812345670', { idNumber: '130825196001015019' }), /身份证号码不正确/],
      [{ ...villager('13812345670'), kind: 'robot' }, /请选择注册类型/],
      [
        { kind: 'enterprise', unit: '某公司', creditCode: '91130800MA07T6QK1R', name: '钱工', phone: '13812345670', password: PASSWORD, county: '隆化县' },
        /校验位不正确/,
      ],
      [
        { kind: 'enterprise', unit: '某公司', creditCode: VALID_CODES[1], name: '钱工', phone: '13812345670', password: PASSWORD, county: '北京市' },
        /县（市、区）/,
      ],
    ];
    for (const [body, message] of bad) {
      const r = await post('/api/register', body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().message).toMatch(message);
    }
    expect(await count('users')).toBe(users);
    expect(await count('registrations')).toBe(0);
  });

  it('a villager waits for the village or township; a duplicate is 409; another township neither sees nor confirms it', async () => {
    const r = await post('/api/register', villager('13812345671', { idNumber: '130825196001015018' }));
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ status: 'pending', username: '13812345671' });
    expect(r.json().message).toMatch(/待村（社区）或乡镇（街道）确认/);
    expect((await post('/api/register', villager('13812345671'))).statusCode).toBe(409);

    const denied = await login('13812345671', PASSWORD);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().message).toMatch(/^账号待村（社区）或乡镇（街道）确认/);
    // A wrong password says nothing about the registration.
    expect((await login('13812345671', 'wrong-password-1')).json().message).toBe('用户名或密码错误。');

    const mine = (await api.ok(get('/api/registrations?status=pending', 'village-tgt'))).items;
    expect(mine).toHaveLength(1);
    // The confirming official calls the person: the phone in full; the 身份证号 masked.
    expect(mine[0]).toMatchObject({ name: '赵六', phone: '13812345671', village: '大汤头沟村', idNumber: '130825********5018' });
    expect((await api.ok(get('/api/registrations', 'township-tgt'))).items).toHaveLength(1);
    expect((await api.ok(get('/api/registrations', 'township-hmy'))).items).toHaveLength(0);
    expect((await api.ok(get('/api/registrations', 'village-hmy'))).items).toHaveLength(0);
    expect((await api.ok(get('/api/registrations', 'county'))).items).toHaveLength(0); // the county confirms enterprises
    expect((await get('/api/registrations', 'zhangsan')).statusCode).toBe(403);
    expect((await get('/api/registrations', 'admin')).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/registrations' })).statusCode).toBe(401);

    const id = mine[0].id;
    expect((await post(`/api/registrations/${id}/confirm`, {}, 'township-hmy')).statusCode).toBe(404);
    expect((await post(`/api/registrations/${id}/confirm`, {}, 'village-hmy')).statusCode).toBe(404);
    expect((await post(`/api/registrations/${id}/confirm`, {}, 'zhangsan')).statusCode).toBe(403);
    expect((await post(`/api/registrations/${id}/confirm`, {}, 'village-tgt')).statusCode).toBe(200);
    expect((await post(`/api/registrations/${id}/confirm`, {}, 'township-tgt')).statusCode).toBe(409);

    const ok = await login('13812345671', PASSWORD);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().actor).toMatchObject({ role: 'applicant', county: '隆化县', township: '汤头沟镇', village: '大汤头沟村', name: '赵六' });
    const notes = (await app.inject({ url: '/api/notifications', headers: { authorization: `Bearer ${ok.json().token}` } })).json();
    expect(notes.items[0].title).toBe('账号已确认');
    const [e] = (await events('registration_confirmed')).filter((x) => x.username === '13812345671');
    expect(e.actor).toBe('village-tgt');
    // Elsewhere the phone is masked: the administrator's user list.
    const list = await get('/api/users?q=13812345671', 'admin');
    expect(list.json().items[0].username).toBe('138****5671');
    expect(list.body).not.toContain('13812345671');
  });

  it('a township rejects with a reason, shown at the next sign-in; the number may register again', async () => {
    await api.ok(post('/api/register', villager('13812345672', { name: '孙七' })));
    const [reg] = (await api.ok(get('/api/registrations?status=pending', 'township-tgt'))).items;
    expect((await post(`/api/registrations/${reg.id}/reject`, { reason: '' }, 'township-tgt')).statusCode).toBe(400);
    expect((await post(`/api/registrations/${reg.id}/reject`, { reason: 'x' }, 'township-hmy')).statusCode).toBe(404);
    expect((await post(`/api/registrations/${reg.id}/reject`, { reason: '本村无此村民，请核实所在村' }, 'township-tgt')).statusCode).toBe(200);
    const r = await login('13812345672', PASSWORD);
    expect(r.statusCode).toBe(403);
    expect(r.json().message).toMatch(/^注册未通过：本村无此村民，请核实所在村（演示·汤头沟镇人民政府）/);
    const [e] = await events('registration_rejected');
    expect(e).toMatchObject({ actor: 'township-tgt', username: '13812345672' });
    expect(JSON.parse(e.detail_json).reason).toBe('本村无此村民，请核实所在村');
    expect((await post(`/api/registrations/${reg.id}/confirm`, {}, 'township-tgt')).statusCode).toBe(409);
    // A refused registration gives the number back.
    expect((await post('/api/register', villager('13812345672', { name: '孙七', village: '小汤头沟村' }))).statusCode).toBe(201);
  });

  it('an enterprise waits for the county office of its county', async () => {
    const body = {
      kind: 'enterprise',
      unit: '隆化县某农业科技有限公司',
      creditCode: VALID_CODES[3].toLowerCase(),
      name: '钱工',
      phone: '13812345673',
      password: PASSWORD,
      county: '隆化县',
    };
    expect((await post('/api/register', body)).json()).toMatchObject({ status: 'pending' });
    expect((await login('13812345673', PASSWORD)).json().message).toMatch(/^账号待隆化县县级部门确认/);
    expect((await api.ok(get('/api/registrations', 'township-tgt'))).items.some((i: any) => i.kind === 'enterprise')).toBe(false);
    const [reg] = (await api.ok(get('/api/registrations?status=pending', 'county'))).items;
    expect(reg).toMatchObject({ unit: '隆化县某农业科技有限公司', creditCode: VALID_CODES[3], phone: '13812345673' });
    expect((await post(`/api/registrations/${reg.id}/confirm`, {}, 'township-tgt')).statusCode).toBe(404);
    expect((await post(`/api/registrations/${reg.id}/confirm`, {}, 'county')).statusCode).toBe(200);
    const ok = await login('13812345673', PASSWORD);
    expect(ok.json().actor).toMatchObject({ role: 'enterprise', unit: '隆化县某农业科技有限公司', county: '隆化县' });
  });

  it('without a channel, a forgotten password is reset by the village, township or administrator: a temporary one that must be changed', async () => {
    expect((await app.inject({ url: '/api/auth/channel' })).json()).toEqual({ sms: false });
    const req = await post('/api/auth/reset/request', { phone: '13812345671' });
    expect(req.statusCode).toBe(409);
    expect(req.json().message).toMatch(/请联系所在村（社区）、乡镇（街道）或管理员设置临时密码/);

    const [acct] = (await api.ok(get('/api/registrations/accounts', 'township-tgt'))).items.filter((i: any) => i.phone === '13812345671');
    expect((await post(`/api/users/${acct.userId}/temporary-password`, {}, 'township-hmy')).statusCode).toBe(404);
    expect((await post(`/api/users/${acct.userId}/temporary-password`, {}, 'zhangsan')).statusCode).toBe(403);
    expect((await post(`/api/users/${api.ids['township-hmy']}/temporary-password`, {}, 'township-tgt')).statusCode).toBe(404); // not a villager
    const set = await api.ok(post(`/api/users/${acct.userId}/temporary-password`, {}, 'township-tgt'));
    expect(set.temporaryPassword).toMatch(/^[A-Za-z2-9]{12}$/);
    const [e] = await events('temporary_password_set');
    expect(e).toMatchObject({ actor: 'township-tgt', username: '13812345671' });
    expect(e.detail_json).not.toContain(set.temporaryPassword);
    expect((await login('13812345671', PASSWORD)).statusCode).toBe(401);

    const signed = await login('13812345671', set.temporaryPassword);
    expect(signed.statusCode).toBe(200);
    expect(signed.json().actor.mustChangePassword).toBe(true);
    const h = { authorization: `Bearer ${signed.json().token}` };
    const blocked = await app.inject({ url: '/api/cases', headers: h });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().message).toMatch(/临时密码.*请先修改密码/);
    expect((await app.inject({ url: '/api/notifications', headers: h })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/me', headers: h })).json().mustChangePassword).toBe(true);
    const changed = await app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: h,
      payload: { current: set.temporaryPassword, next: 'xin-mima-2026-ok' },
    });
    expect(changed.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/cases', headers: h })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/me', headers: h })).json().mustChangePassword).toBeUndefined();

    // The administrator may set one for any account.
    const admin = await api.ok(post(`/api/users/${acct.userId}/temporary-password`, {}, 'admin'));
    expect((await login('13812345671', admin.temporaryPassword)).json().actor.mustChangePassword).toBe(true);
  });

  describe('with the SMS gateway configured', () => {
    const received: any[] = [];
    let server: Server;
    let runner: JobRunner;
    const lastCode = () => /验证码为 (\d{6})/.exec(received.at(-1).text)![1];
    const deliver = async () => {
      const before = received.length;
      await runner.runDue(new Date());
      expect(received.length).toBe(before + 1);
      return lastCode();
    };
    const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

    beforeAll(async () => {
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (d) => (body += d));
        req.on('end', () => {
          received.push(JSON.parse(body));
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
      process.env.ZHENGWU_WEBHOOK_URL = url;
      runner = new JobRunner(db, jobHandlers({ procedures: PROCEDURES, delivery: { webhookUrl: url } }));
      await db.kysely.updateTable('jobs').set({ status: 'done' }).where('status', '=', 'pending').execute();
    });
    afterAll(async () => {
      delete process.env.ZHENGWU_WEBHOOK_URL;
      await new Promise<void>((res) => server.close(() => res()));
    });

    it('sends a code by the webhook, limits wrong codes, resends and expiry; the code is stored only as a hash', async () => {
      expect((await app.inject({ url: '/api/auth/channel' })).json()).toEqual({ sms: true });
      const r = await post('/api/register', villager('13912345678', { name: '周八' }));
      expect(r.json()).toMatchObject({ status: 'pending_code' });
      expect(r.json().message).toMatch(/验证码已发送至 139\*\*\*\*5678/);
      expect((await login('13912345678', PASSWORD)).json().message).toMatch(/手机号尚未验证/);
      const code = await deliver();
      expect(received.at(-1)).toMatchObject({ event: 'sms.verification', phone: '13912345678' });
      // Stored: a hash, and the delivered job with the code scrubbed.
      const stored = JSON.stringify([
        await db.kysely.selectFrom('phone_codes').selectAll().execute(),
        await db.kysely.selectFrom('jobs').selectAll().execute(),
      ]);
      expect(stored).not.toContain(code);
      // The code is not for officials to confirm by hand.
      expect((await api.ok(get('/api/registrations?status=pending', 'village-tgt'))).items.some((i: any) => i.phone === '13912345678')).toBe(false);

      for (let i = 4; i >= 1; i--)
        expect((await post('/api/register/verify', { phone: '13912345678', code: wrong(code) })).json().message).toBe(`验证码不正确，还可以再试 ${i} 次。`);
      expect((await post('/api/register/verify', { phone: '13912345678', code: wrong(code) })).json().message).toMatch(/已输错 5 次，已失效/);
      expect((await post('/api/register/verify', { phone: '13912345678', code })).json().message).toMatch(/已输错 5 次，已失效/);

      // Resend: not within 60 s.
      const soon = await post('/api/register/resend', { phone: '13912345678' });
      expect(soon.statusCode).toBe(409);
      expect(soon.json().message).toMatch(/秒后再重新获取/);
      const back = (s: number) =>
        db.kysely
          .updateTable('phone_codes')
          .set({ last_sent_at: new Date(Date.now() - s * 1000).toISOString() })
          .execute();
      await back(61);
      expect((await post('/api/register/resend', { phone: '13912345678' })).statusCode).toBe(200);
      const second = await deliver();
      // Expired after 10 minutes.
      await db.kysely
        .updateTable('phone_codes')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .execute();
      expect((await post('/api/register/verify', { phone: '13912345678', code: second })).json().message).toMatch(/验证码已过期/);
      await back(61);
      await api.ok(post('/api/register/resend', { phone: '13912345678' }));
      const third = await deliver();
      const done = await post('/api/register/verify', { phone: '13912345678', code: third });
      expect(done.statusCode).toBe(200);
      expect(done.json().status).toBe('active');
      expect((await login('13912345678', PASSWORD)).statusCode).toBe(200);
      expect(await events('registration_verified')).toHaveLength(1);
    });

    it('resets a forgotten password by code, answering alike for an unknown number', async () => {
      const unknown = await post('/api/auth/reset/request', { phone: '13700000000' });
      expect(unknown.statusCode).toBe(200);
      await back61();
      const known = await post('/api/auth/reset/request', { phone: '13912345678' });
      expect(known.json().message).toBe(unknown.json().message);
      const code = await deliver();
      expect(received.at(-1).text).toMatch(/重置密码验证码/);
      expect((await post('/api/auth/reset/confirm', { phone: '13912345678', code: wrong(code), password: 'zhao-hui-mima-1' })).statusCode).toBe(403);
      expect((await post('/api/auth/reset/confirm', { phone: '13912345678', code, password: 'zhao-hui-mima-1' })).statusCode).toBe(200);
      expect((await login('13912345678', PASSWORD)).statusCode).toBe(401);
      expect((await login('13912345678', 'zhao-hui-mima-1')).statusCode).toBe(200);
      const resets = (await events('password_reset')).filter((e) => e.username === '13912345678');
      expect(resets.map((e) => JSON.parse(e.detail_json).by)).toEqual(['sms']);
      // A used code is gone.
      expect((await post('/api/auth/reset/confirm', { phone: '13912345678', code, password: 'zhao-hui-mima-2' })).statusCode).toBe(403);
    });

    const back61 = () =>
      db.kysely
        .updateTable('phone_codes')
        .set({ last_sent_at: new Date(Date.now() - 61_000).toISOString() })
        .execute();
  });
});
