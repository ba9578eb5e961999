// Time that acts, on both databases: a paused clock (农用地转用审批 is not counted in the township's
// 20 working days, 隆政发〔2022〕11号 第十六条第四款第（一）项) across holidays; reminders and escalation
// (督办) run by job runners — two at once send each reminder exactly once; notifications to the
// applicant; e-mail to a real SMTP server in-process; a signed webhook retried after failures; a runner
// that dies mid-job is replaced and the receiver de-duplicates by delivery id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import type { Db } from '../../src/db/connection.js';
import { jobHandlers, webhookSignature } from '../../src/jobs/handlers.js';
import { JobRunner } from '../../src/jobs/runner.js';
import { verifyAuditChain } from '../../src/engine/audit.js';
import { baseApplication, deepMerge } from '../../src/procedures/homestead/fixtures.js';
import { PROCEDURES } from '../../src/procedures/registry.js';
import { apiClient, testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';

const TODAY = '2026-11-27';

describe.each(ENGINES)('time that acts on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let api: ReturnType<typeof apiClient>;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    platform = await testPlatform(engine, { today: TODAY, users: ['zhangsan', 'village-tgt', 'township-tgt', 'county'] });
    ({ db, app, api } = platform);
    await db.kysely.updateTable('users').set({ email: 'zhangsan@example.cn' }).where('username', '=', 'zhangsan').execute();
  });
  afterAll(async () => {
    await platform?.close();
  });
  const ok = (p: Promise<{ statusCode: number; json: () => any; body: string }>) => api.ok(p);
  const act = (user: string, id: string, action: string, date: string, payload?: unknown) => api.act(user, id, action, date, payload);
  const toTownship = async (filed: string, days: [string, string, string, string], patch: unknown = {}) => {
    const c = await ok(api.file('zhangsan', 'homestead', deepMerge(deepMerge(baseApplication(), { applicationDate: filed }), patch)));
    await ok(act('village-tgt', c.id, 'accept_complete', days[0]));
    await ok(act('village-tgt', c.id, 'record_meeting', days[1], { present: 20, agree: 15 }));
    await ok(act('village-tgt', c.id, 'end_publicity', days[2], { objections: 'none' }));
    await ok(act('village-tgt', c.id, 'report_to_township', days[3]));
    return c.id as string;
  };
  const farmland = { plot: { landClass: '农用地' } };

  /** Files and takes a case through the village so that the township receives it on `received`. */
  const receivedOn = async (received: string, patch: unknown = farmland) => {
    const d = new Date(`${received}T00:00:00Z`);
    const day = (n: number) => new Date(d.getTime() - n * 86_400_000).toISOString().slice(0, 10);
    return toTownship(day(14), [day(14), day(14), day(7), received], patch);
  };

  // The township receives on `received`; its clock stops on `pause` and restarts on `resume`: the due date moves by the working days it stood still.
  it.each([
    // received, pause, resume, due before, due after, working days not counted
    ['2026-09-11', '2026-09-15', '2026-09-22', '2026-10-15', '2026-10-23', 6], // includes the 调休 Sunday 09-20
    ['2026-09-11', '2026-09-25', '2026-10-12', '2026-10-15', '2026-10-26', 7], // across National Day (10-01..07) and the 调休 Saturday 10-10
    ['2026-01-28', '2026-02-10', '2026-02-26', '2026-03-03', '2026-03-12', 7], // across the Spring Festival and its 调休 weekends
  ])('received %s, paused %s, resumed %s: due %s becomes %s (%i working days not counted)', async (received, pause, resume, dueBefore, dueAfter, paused) => {
    const id = await receivedOn(received);
    expect((await ok(api.get('township-tgt', id))).deadline).toMatchObject({ due: dueBefore, status: 'overdue' });
    const stopped = await ok(act('township-tgt', id, 'pause_for_conversion', pause, { submittedTo: '隆化县自然资源和规划局' }));
    expect(stopped.deadline).toMatchObject({ status: 'paused', pausedSince: pause, pausedLabel: '农用地及未利用地转用审批', due: dueBefore });
    // While stopped, no reminder or escalation is sent: the runner finds the case paused.
    const again = await act('township-tgt', id, 'pause_for_conversion', pause, { submittedTo: '隆化县自然资源和规划局' });
    expect(again.statusCode).toBe(409);
    const resumed = await ok(act('township-tgt', id, 'resume_after_conversion', resume, { approval: '承自然资转〔2026〕8号' }));
    expect(resumed.deadline).toMatchObject({ due: dueAfter, pausedSince: null });
    expect(resumed.deadline.pauses).toEqual([
      expect.objectContaining({ from: pause, to: resume, workdays: paused, cites: '隆政发〔2022〕11号 第十六条第四款第（一）项' }),
    ]);
  });

  it('refuses a pause the article does not give (建设用地 needs no 转用审批) and a resume without a pause', async () => {
    const id = await receivedOn('2026-11-02', {});
    const r = await act('township-tgt', id, 'pause_for_conversion', '2026-11-03', { submittedTo: '隆化县自然资源和规划局' });
    expect(r.statusCode).toBe(422);
    expect(r.json().message).toMatch(/建设用地，不需要办理/);
    expect((await act('township-tgt', id, 'resume_after_conversion', '2026-11-04', { approval: 'x号' })).statusCode).toBe(409);
  });

  it('reminds the village before its time limit, escalates a breach to the township once, even with two runners', async () => {
    const c = await ok(api.file('zhangsan', 'homestead', deepMerge(baseApplication(), { applicationDate: '2026-11-16' })));
    // 5 working days from 11-16: due 11-23; reminder 2 working days before (11-19), escalation on 11-24.
    expect(c.deadline.due).toBe('2026-11-23');
    const jobs = await db.kysely
      .selectFrom('jobs')
      .select(['kind', 'run_at'])
      .where('dedup_key', 'like', `%${c.id}%`)
      .where('kind', 'in', ['reminder', 'escalate'])
      .orderBy('kind')
      .execute();
    expect(jobs.map((j) => j.kind)).toEqual(['escalate', 'reminder']);
    expect(jobs.find((j) => j.kind === 'reminder')!.run_at).toBe(new Date('2026-11-19T00:00:00+08:00').toISOString());
    const handlers = jobHandlers({ procedures: PROCEDURES, delivery: {}, today: () => TODAY });
    const runners = [new JobRunner(db, handlers), new JobRunner(db, handlers)];
    await Promise.all(runners.map((r) => r.runDue(new Date('2026-11-25T09:00:00+08:00'))));
    await Promise.all(runners.map((r) => r.runDue(new Date('2026-11-25T09:00:00+08:00'))));
    const village = await ok(app.inject({ url: '/api/notifications', headers: api.as('village-tgt') }));
    expect(village.items.filter((n: any) => n.caseId === c.id && n.kind === 'reminder')).toHaveLength(1);
    expect(village.items.find((n: any) => n.caseId === c.id).body).toMatch(/将于 2026-11-23 到期/);
    const items = await ok(app.inject({ url: '/api/supervision', headers: api.as('township-tgt') }));
    const item = items.items.find((i: any) => i.caseId === c.id);
    expect(item).toMatchObject({
      state: 'village_review',
      breachedDue: '2026-11-23',
      supervisorRole: 'township',
      status: 'open',
      canHandle: true,
      citation: '隆政发〔2022〕11号 第十六条第二款第（二）项',
    });
    expect(items.items.filter((i: any) => i.caseId === c.id)).toHaveLength(1);
    const township = await ok(app.inject({ url: '/api/notifications', headers: api.as('township-tgt') }));
    expect(township.items.filter((n: any) => n.caseId === c.id && n.kind === 'supervision')).toHaveLength(1);
    // Another township and the applicant do not see it; the county (one level up) sees it but does not handle it.
    expect((await ok(app.inject({ url: '/api/supervision', headers: api.as('zhangsan') }))).items.some((i: any) => i.caseId === c.id)).toBe(true); // their own case, read-only
    const county = await ok(app.inject({ url: '/api/supervision', headers: api.as('county') }));
    expect(county.items.find((i: any) => i.caseId === c.id).canHandle).toBe(false);
    expect(
      (await app.inject({ method: 'POST', url: `/api/supervision/${item.id}`, headers: api.as('county'), payload: { action: 'close', text: '已办' } }))
        .statusCode,
    ).toBe(403);
    // The township comments with a new date, then closes it; each step is in the case's audit chain.
    const bad = await app.inject({
      method: 'POST',
      url: `/api/supervision/${item.id}`,
      headers: api.as('township-tgt'),
      payload: { action: 'comment', text: '请尽快初审', newDue: '2026-11-31' },
    });
    expect(bad.statusCode).toBe(400);
    const commented = await ok(
      app.inject({
        method: 'POST',
        url: `/api/supervision/${item.id}`,
        headers: api.as('township-tgt'),
        payload: { action: 'comment', text: '请于 12 月 1 日前完成初审', newDue: '2026-12-01' },
      }),
    );
    expect(commented).toMatchObject({ status: 'answered', newDue: '2026-12-01' });
    const closed = await ok(
      app.inject({
        method: 'POST',
        url: `/api/supervision/${item.id}`,
        headers: api.as('township-tgt'),
        payload: { action: 'close', text: '已完成初审，督办办结' },
      }),
    );
    expect(closed).toMatchObject({ status: 'closed', closingNote: '已完成初审，督办办结' });
    const view = await ok(api.get('township-tgt', c.id));
    expect(view.timeline.map((e: any) => e.action)).toEqual(['submit', 'escalate', 'supervision', 'supervision']);
    expect(view.version).toBe(1);
    expect((await verifyAuditChain(db)).problems).toEqual([]);
    const summary = await ok(app.inject({ url: '/api/supervision/summary', headers: api.as('county') }));
    expect(summary.open).toBeGreaterThanOrEqual(0);
  });

  it('tells the applicant when the case moves and when to 补正, and marks messages read', async () => {
    const c = await ok(api.file('zhangsan', 'homestead', deepMerge(baseApplication(), { applicationDate: '2026-11-23' })));
    await ok(act('village-tgt', c.id, 'return_for_correction', '2026-11-24', { reason: '四邻协议书未签字，请补签（联系 13812345678）' }));
    const mine = await ok(app.inject({ url: '/api/notifications?unread=1', headers: api.as('zhangsan') }));
    const forCase = mine.items.filter((n: any) => n.caseId === c.id);
    expect(forCase.map((n: any) => n.kind)).toEqual(['action_needed', 'case_moved']);
    expect(forCase[0].title).toBe('请办理：退回补正');
    expect(JSON.stringify(forCase)).not.toContain('13812345678');
    expect((await ok(app.inject({ method: 'POST', url: `/api/notifications/${forCase[0].id}/read`, headers: api.as('zhangsan') }))).marked).toBe(1);
    expect((await ok(app.inject({ method: 'POST', url: `/api/notifications/${forCase[0].id}/read`, headers: api.as('village-tgt') }))).marked).toBe(0); // not theirs
    const after = await ok(app.inject({ url: '/api/notifications', headers: api.as('zhangsan') }));
    expect(after.unread).toBe(mine.unread - 1);
    // E-mail jobs were written with the events (the applicant has an address).
    expect(await db.kysely.selectFrom('jobs').select('id').where('kind', '=', 'email').where('dedup_key', 'like', `%${c.id}%`).execute()).toHaveLength(2);
  });

  it('delivers e-mail to an SMTP server, masked', async () => {
    const received: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, cb) {
        let text = '';
        stream.on('data', (d) => (text += d.toString()));
        stream.on('end', () => (received.push(text), cb()));
      },
    });
    await new Promise<void>((res) => smtp.listen(0, '127.0.0.1', res));
    const port = (smtp.server.address() as AddressInfo).port;
    try {
      const handlers = jobHandlers({
        procedures: PROCEDURES,
        delivery: { smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`, mailFrom: 'zhengwu@example.cn' },
      });
      await db.kysely.updateTable('jobs').set({ status: 'done' }).where('kind', '!=', 'email').execute();
      const r = await new JobRunner(db, handlers).runDue(new Date('2026-12-31T00:00:00Z'));
      expect(r.failed).toBe(0);
      expect(r.done).toBeGreaterThanOrEqual(3);
      expect(received.length).toBe(r.done);
      expect(received.join('\n')).toMatch(/To: zhangsan@example.cn/);
      expect(received.join('\n')).not.toContain('13812345678');
    } finally {
      await new Promise<void>((res) => smtp.close(() => res()));
    }
  });

  it('signs webhook deliveries, retries a failing receiver, and a runner that dies mid-job is replaced (the receiver de-duplicates)', async () => {
    const deliveries: { id: string; body: string; signature: string }[] = [];
    let failures = 2;
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        if (failures-- > 0) return res.writeHead(503).end();
        deliveries.push({ id: String(req.headers['x-zhengwu-delivery']), body, signature: String(req.headers['x-zhengwu-signature']) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      await db.kysely.updateTable('jobs').set({ status: 'done' }).where('status', '=', 'pending').execute();
      await db.kysely
        .insertInto('jobs')
        .values({
          kind: 'webhook',
          dedup_key: 'webhook:test',
          run_at: '2026-11-27T00:00:00.000Z',
          payload_json: JSON.stringify({ event: 'case.changed', caseId: 'ZJD-X', note: '联系 13812345678' }),
          status: 'pending',
          attempts: 0,
          lease_until: null,
          last_error: null,
          created_at: 'x',
          done_at: null,
        })
        .execute();
      const handlers = jobHandlers({ procedures: PROCEDURES, delivery: { webhookUrl: url, webhookSecret: 'hook-secret' } });
      const runner = new JobRunner(db, handlers);
      let t = Date.parse('2026-11-27T01:00:00Z');
      for (let i = 0; i < 3; i++) {
        await runner.runDue(new Date(t));
        t += 3600_000; // back-off has passed
      }
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0].signature).toBe(webhookSignature('hook-secret', deliveries[0].body));
      expect(deliveries[0].body).not.toContain('13812345678');
      const job = await db.kysely.selectFrom('jobs').selectAll().where('dedup_key', '=', 'webhook:test').executeTakeFirstOrThrow();
      expect(job).toMatchObject({ status: 'done', attempts: 3 });
      // A runner that delivered but died before recording it: its lease runs out and another delivers again with the same id.
      await db.kysely
        .updateTable('jobs')
        .set({ status: 'running', lease_until: new Date(t - 1000).toISOString() })
        .where('id', '=', job.id)
        .execute();
      await runner.runDue(new Date(t));
      expect(deliveries).toHaveLength(2);
      expect(new Set(deliveries.map((d) => d.id)).size).toBe(1);
    } finally {
      await new Promise<void>((res) => server.close(() => res()));
    }
  });
});
