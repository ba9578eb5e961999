// 好差评 through the HTTP API on SQLite and PostgreSQL: only the filer of a finished case rates it, once;
// a 差评 needs a reason and opens a follow-up for the office that handled the case, due in 15 working days;
// only that office answers, and the applicant is told; per-office figures for the office and those above it;
// comments masked everywhere; the audit chain still verifies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/connection.js';
import { findPersonalData } from '../../src/engine/personal-data.js';
import { baseApplication, deepMerge } from '../../src/procedures/homestead/fixtures.js';
import { apiClient, testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';

const PHONE = '13812345678';
const ID = '130825198503152011';
const BAD_COMMENT = `乡镇答复太慢，打电话 ${PHONE} 也没人回；身份证 ${ID}`;

describe.each(ENGINES)('好差评 on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let api: ReturnType<typeof apiClient>;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  let day = '2026-11-27';
  const bodies: string[] = [];
  // Every answer is kept, to check afterwards that no personal value went out unmasked.
  const call = async (user: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const r = await app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }), headers: user ? api.as(user) : {} });
    bodies.push(r.body);
    return r;
  };
  const rate = (user: string | null, id: string, payload: unknown) => call(user, 'POST', `/api/cases/${id}/rating`, payload);
  const ratingOf = (user: string, id: string) => call(user, 'GET', `/api/cases/${id}/rating`);
  const followUps = async (user: string, query = '') => call(user, 'GET', `/api/ratings/followups${query}`);
  const summary = (user: string) => call(user, 'GET', '/api/ratings/summary');
  const events = async (id: string) =>
    Number(
      (
        await db.kysely
          .selectFrom('case_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('case_id', '=', id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const ratingRows = async () =>
    Number(
      (
        await db.kysely
          .selectFrom('ratings')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const tgt = (date: string) => deepMerge(baseApplication(), { applicationDate: date });
  const hmy = (date: string) =>
    deepMerge(baseApplication(), {
      applicationDate: date,
      applicant: { name: '李四', idNumber: '130825196001015018', phone: '13612345678', township: '韩麻营镇', village: '韩麻营村' },
      household: { members: [{ name: '李四', idNumber: '130825196001015018', relation: '本人' }] },
    });
  /** zhangsan's case taken up by the village and refused in writing by the township of 汤头沟镇. */
  const refusedByTownship = async () => {
    const c = await api.ok(api.file('zhangsan', 'homestead', tgt('2026-11-02')));
    await api.ok(api.act('village-tgt', c.id, 'accept_complete', '2026-11-03'));
    await api.ok(api.act('village-tgt', c.id, 'record_meeting', '2026-11-04', { present: 10, agree: 8 }));
    await api.ok(api.act('village-tgt', c.id, 'end_publicity', '2026-11-11', { objections: 'none' }));
    await api.ok(api.act('village-tgt', c.id, 'report_to_township', '2026-11-12'));
    await api.ok(api.act('township-tgt', c.id, 'refuse', '2026-11-13', { reason: '拟用地涉及基本农田' }));
    const done = await api.ok(api.act('township-tgt', c.id, 'notify_refusal', '2026-11-16'));
    expect(done.state).toMatchObject({ id: 'refused', terminal: true });
    return c.id as string;
  };

  let refused: string; // zhangsan's, refused by 汤头沟镇
  let refused2: string; // another, for an open follow-up
  let withdrawn: string; // zhangsan's, withdrawn before anyone took it up
  let villageRefused: string; // lisi's, refused by the meeting of 韩麻营村
  let open: string; // zhangsan's, still in the village's review

  beforeAll(async () => {
    platform = await testPlatform(engine, {
      today: () => day,
      users: ['admin', 'county', 'township-tgt', 'township-hmy', 'village-tgt', 'village-hmy', 'zhangsan', 'lisi', ['county-lp', 'lp-county-pass']],
      accounts: [{ username: 'county-lp', password: 'lp-county-pass', displayName: '滦平县农业农村局', role: 'county', county: '滦平县' }],
    });
    ({ db, app, api } = platform);
    refused = await refusedByTownship();
    refused2 = await refusedByTownship();
    const w = await api.ok(api.file('zhangsan', 'homestead', tgt('2026-11-20')));
    await api.ok(api.act('zhangsan', w.id, 'withdraw', '2026-11-23', { reason: '家庭计划有变' }));
    withdrawn = w.id;
    const v = await api.ok(api.file('lisi', 'homestead', hmy('2026-11-02')));
    await api.ok(api.act('village-hmy', v.id, 'accept_complete', '2026-11-03'));
    await api.ok(api.act('village-hmy', v.id, 'record_meeting', '2026-11-04', { present: 10, agree: 3 }));
    villageRefused = v.id;
    open = (await api.ok(api.file('zhangsan', 'homestead', tgt('2026-11-25')))).id;
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('lets only the filer rate, only a finished case; others are refused as they would be for the case itself', async () => {
    const before = await events(refused);
    const notFinished = await rate('zhangsan', open, { score: 5 });
    expect(notFinished.statusCode).toBe(409);
    expect(notFinished.json().message).toMatch(/案件尚未办结（当前环节：.+），办结后才能评价/);
    expect((await api.ok(ratingOf('zhangsan', open))).canRate).toBe(false);

    // An official who reads the case may see it but not rate it; whoever cannot read it is told it does not exist.
    const official = await rate('village-tgt', refused, { score: 5 });
    expect(official.statusCode).toBe(403);
    expect(official.json().message).toBe('只有提交本申请的申请人（单位）可以评价。');
    expect((await rate('admin', refused, { score: 5 })).statusCode).toBe(403);
    for (const stranger of ['lisi', 'township-hmy', 'county-lp']) {
      const r = await rate(stranger, refused, { score: 5 });
      expect(r.statusCode, stranger).toBe(404);
      expect(r.json().message).toBe(`案件不存在：${refused}`);
      expect((await ratingOf(stranger, refused)).statusCode).toBe(404);
    }
    // …even with a body that would not pass: the case is not theirs to learn about.
    expect((await rate('lisi', refused, {})).statusCode).toBe(404);
    expect((await rate(null, refused, { score: 5 })).statusCode).toBe(401);
    const view = await api.ok(ratingOf('zhangsan', refused));
    expect(view).toMatchObject({ canRate: true, whyNot: null, rating: null, terminal: true });
    expect(view.levels.map((l: { label: string }) => l.label)).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
    expect(await events(refused)).toBe(before);
    expect(await ratingRows()).toBe(0);
  });

  it('asks a 差评 for its reason and refuses what is not a rating, writing nothing', async () => {
    const noReason = await rate('zhangsan', refused, { score: 2 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('差评请写明不满意的原因（至少 5 个字）');
    const tooShort = await rate('zhangsan', refused, { score: 1, comment: '  不好  ' });
    expect(tooShort.statusCode).toBe(400);
    for (const bad of [{ score: 6 }, { score: 0 }, { score: 2.5, comment: '还可以吧吧吧' }, { score: '5' }, {}, { score: 4, comment: 'x'.repeat(501) }]) {
      const r = await rate('zhangsan', refused, bad);
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(r.json().message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await ratingRows()).toBe(0);
  });

  it('records a 差评 with a follow-up for the township that refused, due in 15 working days; a second rating is refused', async () => {
    const before = (await api.ok(api.get('admin', refused))).version;
    const r = await rate('zhangsan', refused, { score: 2, comment: BAD_COMMENT });
    expect(r.statusCode, r.body).toBe(201);
    const v = r.json();
    expect(v.canRate).toBe(false);
    expect(v.rating).toMatchObject({
      score: 2,
      label: '不满意',
      bad: true,
      ratedOn: '2026-11-27',
      mine: true,
      office: { role: 'township', label: '隆化县汤头沟镇 乡镇人民政府（街道办事处）' },
      // 2026-11-27 (Friday) + 15 working days: 30 Nov, 1–4, 7–11, 14–18 December.
      followUp: { status: 'open', openedOn: '2026-11-27', dueOn: '2026-12-18', workdaysLeft: 15, overdue: false, canReply: false, reply: null },
    });
    expect(v.rating.comment).toBe('乡镇答复太慢，打电话 138****5678 也没人回；身份证 130825********2011');

    const again = await rate('zhangsan', refused, { score: 5 });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('本案已于 2026-11-27 评价（不满意），每件只能评价一次。');
    // The case itself is unchanged (its version, state and record): the rating is an event beside it.
    const c = await api.ok(api.get('zhangsan', refused));
    expect(c.version).toBe(before);
    expect(c.state.id).toBe('refused');
    const rated = c.timeline.filter((e: { action: string }) => e.action === 'rating');
    expect(rated).toHaveLength(1);
    expect(rated[0]).toMatchObject({ label: '评价服务（好差评）', reason: '不满意（2 星）', from: 'refused', to: 'refused' });
    expect(JSON.stringify(c.timeline)).not.toContain(PHONE);

    // The township's accounts are told.
    const notes = await api.ok(call('township-tgt', 'GET', '/api/notifications'));
    const n = notes.items.find((i: { kind: string }) => i.kind === 'rating_followup');
    expect(n).toMatchObject({ caseId: refused, title: '收到差评，请核实整改并答复' });
    expect(n.body).toContain('2026-12-18');
    expect(n.body).not.toContain(PHONE);
  });

  it('takes one of two ratings sent at the same moment', async () => {
    // The same score from both (which one wins varies with the database's timing; the sums below must not).
    const [a, b] = await Promise.all([rate('zhangsan', withdrawn, { score: 5 }), rate('zhangsan', withdrawn, { score: 5, comment: '挺好' })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const kept = await api.ok(ratingOf('zhangsan', withdrawn));
    // Nobody took the withdrawn case up: the office that receives the applications, the village, is rated.
    expect(kept.rating.office).toMatchObject({ role: 'village', label: '隆化县汤头沟镇大汤头沟村 村级组织 / 宅基地协管员' });
    expect(kept.rating.followUp).toBeNull();
    const rows = await db.kysely.selectFrom('ratings').selectAll().where('case_id', '=', withdrawn).execute();
    expect(rows).toHaveLength(1);
    expect(await db.kysely.selectFrom('case_events').select('seq').where('case_id', '=', withdrawn).where('action', '=', 'rating').execute()).toHaveLength(1);
  });

  it('shows a follow-up to its office and the county above, and lets only the office answer, once; the applicant is told', async () => {
    await api.ok(rate('lisi', villageRefused, { score: 4 }));
    const mine = await api.ok(followUps('township-tgt'));
    expect(mine.total).toBe(1);
    expect(mine.items[0]).toMatchObject({ caseId: refused, label: '不满意', followUp: { status: 'open', dueOn: '2026-12-18', canReply: true } });
    expect(mine.items[0].comment).not.toContain(PHONE);
    const county = await api.ok(followUps('county'));
    expect(county.items.map((i: { caseId: string }) => i.caseId)).toEqual([refused]);
    expect(county.items[0].followUp.canReply).toBe(false);
    for (const none of ['township-hmy', 'village-tgt', 'village-hmy', 'county-lp']) expect((await api.ok(followUps(none))).total, none).toBe(0);
    expect((await followUps('zhangsan')).statusCode).toBe(403);

    const id = mine.items[0].followUp.id;
    const reply = (user: string, text: unknown) => call(user, 'POST', `/api/ratings/followups/${id}/reply`, { reply: text });
    const text = `经核实，审批意见已书面送达；已安排专人回访，联系电话 13912345678。`;
    for (const stranger of ['township-hmy', 'village-tgt', 'zhangsan', 'county-lp']) {
      const r = await reply(stranger, text);
      expect(r.statusCode, stranger).toBe(404);
      expect(r.json().message).toBe(`差评整改事项不存在：${id}`);
    }
    const above = await reply('county', text);
    expect(above.statusCode).toBe(403);
    expect(above.json().message).toBe('该差评由被评价的办理单位（隆化县汤头沟镇 乡镇人民政府（街道办事处））核实整改并答复。');
    expect((await reply('admin', text)).statusCode).toBe(403);
    expect((await reply('township-tgt', '好的')).statusCode).toBe(400);
    expect((await reply('township-tgt', 42)).statusCode).toBe(400);

    const answered = await api.ok(reply('township-tgt', text));
    expect(answered.followUp).toMatchObject({
      status: 'replied',
      repliedOn: '2026-11-27',
      late: false,
      canReply: false,
      reply: '经核实，审批意见已书面送达；已安排专人回访，联系电话 139****5678。',
    });
    const twice = await reply('township-tgt', text);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toBe('该差评已于 2026-11-27 答复，不能重复答复。');

    const notes = await api.ok(call('zhangsan', 'GET', '/api/notifications'));
    const n = notes.items.find((i: { kind: string }) => i.kind === 'rating_reply');
    expect(n).toMatchObject({ caseId: refused, title: '您的评价已答复', readAt: null });
    expect(n.body).toContain('已由隆化县汤头沟镇 乡镇人民政府（街道办事处）答复：经核实');
    expect(n.body).not.toContain('13912345678');
    const seen = await api.ok(ratingOf('zhangsan', refused));
    expect(seen.rating.followUp).toMatchObject({ status: 'replied', repliedBy: expect.stringContaining('汤头沟镇') });
    const c = await api.ok(api.get('zhangsan', refused));
    expect(c.timeline.map((e: { action: string }) => e.action).slice(-2)).toEqual(['rating', 'rating_reply']);
    expect(c.timeline.at(-1).label).toBe('答复差评');
    expect((await api.ok(followUps('township-tgt', '?status=open'))).total).toBe(0);
    expect((await api.ok(followUps('township-tgt', '?status=replied'))).total).toBe(1);
  });

  it('sums the ratings per office for the office itself and the offices above it, with overdue follow-ups', async () => {
    await api.ok(rate('zhangsan', refused2, { score: 1, comment: '审批结果没有说明理由' }));
    const asCounty = await api.ok(summary('county'));
    expect(asCounty.total).toEqual({ count: 4, average: 3, bad: 2, badShare: 0.5, openFollowUps: 1, overdueFollowUps: 0 });
    const row = (s: any, label: string) => s.offices.find((o: { office: { label: string } }) => o.office.label === label);
    expect(row(asCounty, '隆化县汤头沟镇 乡镇人民政府（街道办事处）')).toMatchObject({
      own: false,
      count: 2,
      average: 1.5,
      bad: 2,
      badShare: 1,
      byScore: { 1: 1, 2: 1, 3: 0, 4: 0, 5: 0 },
      openFollowUps: 1,
      overdueFollowUps: 0,
    });
    expect(row(asCounty, '隆化县汤头沟镇大汤头沟村 村级组织 / 宅基地协管员')).toMatchObject({ count: 1, average: 5, badShare: 0 });
    expect(row(asCounty, '隆化县韩麻营镇韩麻营村 村级组织 / 宅基地协管员')).toMatchObject({ count: 1, average: 4 });

    // An office sees itself (and what lies below it), never a neighbour.
    const asTownship = await api.ok(summary('township-tgt'));
    expect(asTownship.offices.map((o: { office: { label: string }; own: boolean }) => [o.office.label, o.own])).toEqual([
      ['隆化县汤头沟镇 乡镇人民政府（街道办事处）', true],
      ['隆化县汤头沟镇大汤头沟村 村级组织 / 宅基地协管员', false],
    ]);
    expect((await api.ok(summary('township-hmy'))).offices.map((o: { office: { label: string } }) => o.office.label)).toEqual([
      '隆化县韩麻营镇韩麻营村 村级组织 / 宅基地协管员',
    ]);
    expect((await api.ok(summary('village-tgt'))).total.count).toBe(1);
    expect((await api.ok(summary('county-lp'))).total).toMatchObject({ count: 0, average: null });
    expect((await api.ok(summary('admin'))).total.count).toBe(4);
    expect((await summary('zhangsan')).statusCode).toBe(403);
    expect((await summary('lisi')).statusCode).toBe(403);

    // Past its due date, the open follow-up counts as overdue.
    day = '2026-12-21';
    const later = await api.ok(summary('county'));
    expect(row(later, '隆化县汤头沟镇 乡镇人民政府（街道办事处）')).toMatchObject({ openFollowUps: 1, overdueFollowUps: 1 });
    const overdue = (await api.ok(followUps('township-tgt', '?status=open'))).items[0];
    expect(overdue.followUp).toMatchObject({ overdue: true, dueOn: '2026-12-18' });
    const late = await api.ok(call('township-tgt', 'POST', `/api/ratings/followups/${overdue.followUp.id}/reply`, { reply: '已重新书面说明不予批准的理由。' }));
    expect(late.followUp).toMatchObject({ status: 'replied', late: true });
    expect((await api.ok(summary('county'))).total).toMatchObject({ openFollowUps: 0, overdueFollowUps: 0 });
    day = '2026-11-27';
  });

  it('keeps the rating from another party to the case (as a 揭榜 challenger is to the demand)', async () => {
    await db.kysely
      .insertInto('case_parties')
      .values({ case_id: refused, user_id: api.ids.lisi, role_in_case: 'subject', added_at: new Date().toISOString() })
      .execute();
    const asParty = await api.ok(ratingOf('lisi', refused));
    expect(asParty).toMatchObject({ canRate: false, rating: null, whyNot: '只有提交本申请的申请人（单位）可以评价。' });
    expect((await rate('lisi', refused, { score: 5 })).statusCode).toBe(403);
    await db.kysely.deleteFrom('case_parties').where('case_id', '=', refused).execute();
  });

  it('masks every comment and reply, publishes its routes, and leaves the audit chain verifiable', async () => {
    const leaked = bodies.flatMap((b) => findPersonalData(b));
    expect(leaked).toEqual([]);
    // The raw text is kept: only its output is masked.
    const stored = await db.kysely.selectFrom('ratings').select('comment').where('case_id', '=', refused).executeTakeFirstOrThrow();
    expect(stored.comment).toBe(BAD_COMMENT);
    const spec = (await app.inject({ url: '/api/openapi.json' })).json();
    for (const path of ['/api/cases/{id}/rating', '/api/ratings/followups', '/api/ratings/followups/{id}/reply', '/api/ratings/summary'])
      expect(spec.paths[path], path).toBeDefined();
    expect(spec.paths['/api/cases/{id}/rating'].post.requestBody).toBeDefined();

    const verify = await api.ok(app.inject({ url: '/api/audit/verify', headers: { authorization: 'Bearer test-admin' } }));
    expect(verify.problems).toEqual([]);
    expect(verify.cases).toBe(5);
    const archive = await api.ok(call('zhangsan', 'GET', `/api/cases/${refused}/archive`));
    expect(archive.integrity).toMatchObject({ intact: true, problems: [] });
    // A rating edited behind the platform no longer matches the hash its event keeps.
    const event = await db.kysely
      .selectFrom('case_events')
      .select('data_json')
      .where('case_id', '=', refused)
      .where('action', '=', 'rating')
      .executeTakeFirstOrThrow();
    const { createHash } = await import('node:crypto');
    expect(JSON.parse(event.data_json).commentSha256).toBe(createHash('sha256').update(BAD_COMMENT).digest('hex'));
  });
});
