// 揭榜挂帅 projects through HTTP on both databases (承市科规〔2022〕1号).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createUser } from '../../src/auth/service.js';
import type { Db } from '../../src/db/connection.js';
import { apiClient, testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';
import { APPLICATIONS } from '../helpers/fixtures.js';

// The shared valid demand (tests/helpers/fixtures.ts), filed in March.
const DEMAND: Record<string, any> = { ...(APPLICATIONS.jiebang.application as Record<string, unknown>), applicationDate: '2026-03-02' };
const challenge = (unit: string, county = '双桥区') => ({
  party: { unit, county, registeredInChengde: true, independentLegalPerson: true, creditClean3y: true, contact: { name: '钱工', phone: '13612345678' } },
  equityRelationWithDemander: false,
  plan: '三阶段中试方案',
  ownIP: true,
  stableTeam: true,
});

describe.each(ENGINES)('揭榜挂帅 on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let api: ReturnType<typeof apiClient>;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    platform = await testPlatform(engine, {
      accounts: [{ username: 'qiye-c', password: 'demo-enterprise', displayName: '北京某研究院', role: 'enterprise', county: '北京', unit: '北京某研究院' }],
      users: ['qiye-a', 'qiye-b', ['qiye-c', 'demo-enterprise'], 'kjj', 'kj-longhua', 'expert', 'zhangsan'],
    });
    ({ db, app, api } = platform);
  });
  const as = (u: string) => api.as(u);
  const ok = (p: Promise<{ statusCode: number; json: () => any; body: string }>) => api.ok(p);
  const act = (user: string, id: string, action: string, date: string, payload?: unknown) => api.act(user, id, action, date, payload);
  afterAll(async () => {
    await platform?.close();
  });

  // Filed through the harness: on the demand's own date (the system records the day it receives it).
  const file = (demand: object = DEMAND) => ok(api.file('qiye-a', 'jiebang', demand));
  /** Drives a demand to implementation with one challenger (qiye-b). */
  const toInProgress = async () => {
    const c = await file();
    await ok(act('kj-longhua', c.id, 'recommend', '2026-03-03'));
    await ok(act('expert', c.id, 'score', '2026-03-05', { score: 85, conflictOfInterest: false, declaration: '与双方无利害关系' }));
    await ok(act('kjj', c.id, 'conclude_review', '2026-03-06', { selected: true }));
    await ok(act('kjj', c.id, 'publish_list', '2026-03-09', { deadline: '2026-04-30' }));
    await ok(act('qiye-b', c.id, 'apply', '2026-03-20', challenge('河北某大学科研院')));
    await ok(act('kjj', c.id, 'close_applications', '2026-05-04'));
    await ok(act('kjj', c.id, 'agree_single', '2026-05-06', { challengerUserId: api.ids['qiye-b'], projectName: '低碳冶炼', agreementAmount: 4000000 }));
    await ok(act('kjj', c.id, 'approve_plan', '2026-05-07'));
    await ok(act('kjj', c.id, 'end_publicity', '2026-05-12', { objections: 'none' }));
    await ok(act('qiye-a', c.id, 'sign_agreement', '2026-05-13'));
    await ok(
      act('kjj', c.id, 'issue_task_book', '2026-05-15', {
        startDate: '2026-06-01',
        endDate: '2028-05-31',
        indicators: [{ name: '吨铁能耗下降（%）', value: 15 }],
      }),
    );
    return c.id as string;
  };

  it('publishes a list, takes challengers, runs a 赛马制 race, and funds the winner in tranches', async () => {
    const c = await file();
    expect(c.state.id).toBe('recommendation');
    expect(c.assessment.decision).toBe('eligible');
    expect(c.assessment.governingDocumentStatus).toMatchObject({ document: '承市科规〔2022〕1号', status: 'in_force', validUntil: '2027-06-30' });
    expect((await app.inject({ url: `/api/cases/${c.id}`, headers: as('qiye-b') })).statusCode).toBe(404);
    await ok(act('kj-longhua', c.id, 'recommend', '2026-03-03'));
    const conflicted = await act('expert', c.id, 'score', '2026-03-05', { score: 90, conflictOfInterest: true, declaration: '曾任需求方顾问' });
    expect(conflicted.statusCode).toBe(422);
    expect(conflicted.json().message).toMatch(/回避/);
    await ok(act('expert', c.id, 'score', '2026-03-05', { score: 88, conflictOfInterest: false, declaration: '与双方无利害关系' }));
    await ok(act('kjj', c.id, 'conclude_review', '2026-03-06', { selected: true }));
    expect((await app.inject({ url: '/api/jiebang/list' })).json().items.some((i: any) => i.id === c.id)).toBe(false);
    await ok(act('kjj', c.id, 'publish_list', '2026-03-09', { deadline: '2026-04-30' }));
    const list = (await app.inject({ url: '/api/jiebang/list' })).json().items;
    expect(list.find((i: any) => i.id === c.id)).toMatchObject({
      version: expect.any(Number),
      status: '接受揭榜',
      demander: '承德钒钛新材料有限公司',
      typeLabel: '技术攻关类',
      deadline: '2026-04-30',
    });

    const self = await act('qiye-a', c.id, 'apply', '2026-03-20', challenge('承德钒钛新材料有限公司', '隆化县'));
    expect(self.statusCode).toBe(422);
    expect(self.json().message).toMatch(/同一单位.*第四条/);
    // 第四条 is judged on the account, not on the typed name: the demander's account typing another unit's name is refused …
    const disguised = await act('qiye-a', c.id, 'apply', '2026-03-20', challenge('河北某大学科研院'));
    expect(disguised.statusCode).toBe(422);
    expect(disguised.json().message).toMatch(/以登录账户所属单位为准.*承德钒钛新材料有限公司/);
    // … and so is a second account of the demander's own unit.
    await createUser(db, {
      username: 'qiye-a2',
      password: 'demo-enterprise',
      displayName: '钒钛公司二号账户',
      role: 'enterprise',
      county: '隆化县',
      unit: '承德钒钛新材料 有限公司',
    });
    await api.signIn([['qiye-a2', 'demo-enterprise']]);
    const sibling = await act('qiye-a2', c.id, 'apply', '2026-03-20', challenge('承德钒钛新材料 有限公司', '隆化县'));
    expect(sibling.statusCode).toBe(422);
    expect(sibling.json().message).toMatch(/第四条/);
    const villager = await act('zhangsan', c.id, 'apply', '2026-03-20', challenge('某合作社'));
    expect(villager.statusCode).toBe(404); // a villager cannot see a science project at all
    await ok(act('qiye-b', c.id, 'apply', '2026-03-20', challenge('河北某大学科研院')));
    expect((await app.inject({ url: `/api/cases/${c.id}`, headers: as('qiye-b') })).statusCode).toBe(200); // a party now
    // Once only; the public list tells each signed-in unit its own entries (no second 揭榜 button), and nobody else anything.
    const twice = await act('qiye-b', c.id, 'apply', '2026-03-20', challenge('河北某大学科研院'));
    expect([twice.statusCode, twice.json().message]).toEqual([422, '您已申报过该榜单。']);
    const mineFor = async (headers: Record<string, string>) =>
      ((await app.inject({ url: '/api/jiebang/list', headers })).json().items as { id: string; mine: string | null }[]).find((i) => i.id === c.id)!.mine;
    expect([await mineFor(as('qiye-b')), await mineFor(as('qiye-a')), await mineFor(as('qiye-c')), await mineFor({})]).toEqual([
      'challenger',
      'demander',
      null,
      null,
    ]);
    await ok(
      act('qiye-c', c.id, 'apply', '2026-03-25', {
        ...challenge('北京某研究院', '北京'),
        party: { ...challenge('北京某研究院', '北京').party, registeredInChengde: false },
      }),
    );
    const late = await act('qiye-c', c.id, 'apply', '2026-05-02', challenge('北京某研究院', '北京'));
    expect(late.statusCode).toBe(422);
    await ok(act('kjj', c.id, 'close_applications', '2026-05-04'));

    const noConsent = await act('kjj', c.id, 'start_race', '2026-05-06', {
      challengerUserIds: [api.ids['qiye-b'], api.ids['qiye-c']],
      demanderConsents: true,
      challengersConsent: false,
    });
    expect(noConsent.statusCode).toBe(400);
    const race = await ok(
      act('kjj', c.id, 'start_race', '2026-05-06', {
        challengerUserIds: [api.ids['qiye-b'], api.ids['qiye-c']],
        demanderConsents: true,
        challengersConsent: true,
      }),
    );
    expect(race.state.id).toBe('racing');
    const won = await ok(
      act('kjj', c.id, 'declare_race_winner', '2026-09-01', {
        challengerUserId: api.ids['qiye-c'],
        metTargetOn: '2026-08-28',
        projectName: '高钒钛铁精矿低碳冶炼',
        agreementAmount: 10000000,
      }),
    );
    expect(won.record.challengers.map((x: any) => [x.unit, x.status])).toEqual([
      ['河北某大学科研院', 'eliminated'],
      ['北京某研究院', 'winner'],
    ]);

    await ok(act('kjj', c.id, 'approve_plan', '2026-09-02'));
    const early = await act('kjj', c.id, 'end_publicity', '2026-09-06', { objections: 'none' });
    expect(early.statusCode).toBe(422);
    expect(early.json().message).toMatch(/自然日.*2026-09-07.*仅 4 天/);
    await ok(act('kjj', c.id, 'end_publicity', '2026-09-07', { objections: 'none' }));
    await ok(act('qiye-a', c.id, 'sign_agreement', '2026-09-08'));
    const tooLong = await act('kjj', c.id, 'issue_task_book', '2026-09-10', {
      startDate: '2026-10-01',
      endDate: '2029-10-31',
      indicators: [{ name: '吨铁能耗下降（%）', value: 15 }],
    });
    expect(tooLong.json().message).toMatch(/超过 3 年（自 2026-10-01 起 3 年至 2029-09-30，第二十一条）/);
    await ok(
      act('kjj', c.id, 'issue_task_book', '2026-09-10', {
        startDate: '2026-10-01',
        endDate: '2028-09-30',
        indicators: [{ name: '吨铁能耗下降（%）', value: 15 }],
      }),
    );

    const wrongPayer = await act('qiye-c', c.id, 'record_first_payment', '2026-10-10', { amount: 2500000, voucher: 'PZ-001' });
    expect(wrongPayer.statusCode).toBe(422);
    expect(wrongPayer.json().message).toMatch(/需求方拨付/);
    const noPayment = await act('kjj', c.id, 'pay_first_tranche', '2026-10-11');
    expect(noPayment.statusCode).toBe(422);
    await ok(act('qiye-a', c.id, 'record_first_payment', '2026-10-12', { amount: 2500000, voucher: 'PZ-001' }));
    const first = await ok(act('kjj', c.id, 'pay_first_tranche', '2026-10-15'));
    expect(first.record.payments[0]).toMatchObject({
      kind: 'first',
      amount: 500000,
      recipient: '承德钒钛新材料有限公司',
      cites: '承市科规〔2022〕1号 第十六条第二款',
    });

    const fine = await act('qiye-a', c.id, 'record_fund_use', '2026-10-16', { purpose: '支付环保罚款', amount: 1000 });
    expect(fine.json().message).toMatch(/不得用于支付罚款.*第十八条/);
    await ok(act('qiye-a', c.id, 'record_fund_use', '2026-10-16', { purpose: '中间试验', amount: 300000 }));
    const tooMuch = await act('qiye-a', c.id, 'record_fund_use', '2026-10-17', { purpose: '新产品开发', amount: 300000 });
    expect(tooMuch.json().message).toMatch(/超过已拨付的财政资助 500000 元/);
    const lowered = await act('kjj', c.id, 'amend_indicators', '2026-10-20', { indicators: [{ name: '吨铁能耗下降（%）', value: 12 }] });
    expect(lowered.json().message).toMatch(/不得降低考核指标/);

    const ext = await ok(
      act('qiye-c', c.id, 'request_extension', '2026-11-20', { months: 6, reason: '疫情导致设备延迟到货', demanderAgrees: true, forceMajeure: true }),
    );
    expect(ext.state.id).toBe('extension_review');
    const granted = await ok(act('kjj', c.id, 'decide_extension', '2026-11-23', { granted: true }));
    expect(granted.record.taskBook.endDate).toBe('2029-03-30');
    const second = await act('qiye-c', c.id, 'request_extension', '2026-11-24', { months: 3, reason: '再延期', demanderAgrees: true, forceMajeure: true });
    expect(second.json().message).toMatch(/最多延期 1 次/);

    await ok(act('kjj', c.id, 'accept_project', '2026-11-25', { passed: true, performance: '指标全部达成' }));
    const done = await ok(act('kjj', c.id, 'pay_remainder', '2026-11-26'));
    expect(done.state.id).toBe('completed');
    const ledger = (await app.inject({ url: '/api/jiebang/payments', headers: as('kjj') })).json();
    expect(ledger.items.filter((p: any) => p.caseId === c.id).map((p: any) => p.amount)).toEqual([500000, 1500000]);
    expect((await app.inject({ url: '/api/jiebang/payments', headers: as('qiye-a') })).statusCode).toBe(403);
  });

  it('refuses an extension asked less than 3 months before the end', async () => {
    const id = await toInProgress();
    await ok(act('kjj', id, 'amend_indicators', '2026-05-20', { indicators: [{ name: '吨铁能耗下降（%）', value: 16 }] }));
    const r = await act('qiye-b', id, 'request_extension', '2026-11-25', { months: 13, reason: 'x', demanderAgrees: true, forceMajeure: true });
    expect(r.statusCode).toBe(400); // more than 1 year
    // end 2028-05-31: the last day to ask is 2028-02-29; today is 2026-11-27, so the timing rule is tested on the guard directly
    const { JIEBANG_ACTIONS } = await import('../../src/procedures/jiebang/procedure.js');
    const guard = JIEBANG_ACTIONS.find((a) => a.id === 'request_extension')!.guard!;
    const ctx = (date: string) => ({ date, data: { taskBook: { endDate: '2028-05-31', indicators: [] } } }) as any;
    expect(guard(ctx('2028-02-29'), {})).toBeNull();
    expect(guard(ctx('2028-03-01'), {})).toMatch(
      /须在项目执行期结束（2028-05-31）前 3 个月，即 2028-02-29 前向市科技局申请延期.*承市科规〔2022〕1号 第二十三条/,
    );
  });

  it('counts only a granted extension as the one extension (第二十三条)', async () => {
    const id = await toInProgress();
    await ok(act('qiye-b', id, 'request_extension', '2026-07-01', { months: 6, reason: '设备供货中断（不可抗力）', demanderAgrees: true, forceMajeure: true }));
    const refused = await ok(act('kjj', id, 'decide_extension', '2026-07-03', { granted: false }));
    expect(refused.record.extension.granted).toBe(false);
    expect(refused.record.taskBook.endDate).toBe('2028-05-31');
    // A refused request is not "the one extension": a new request may be made …
    await ok(
      act('qiye-b', id, 'request_extension', '2026-08-03', { months: 4, reason: '洪灾致厂房受损（不可抗力）', demanderAgrees: true, forceMajeure: true }),
    );
    const granted = await ok(act('kjj', id, 'decide_extension', '2026-08-05', { granted: true }));
    expect(granted.record.taskBook.endDate).toBe('2028-09-30');
    expect(granted.record.extensionRequests.map((r: any) => r.granted)).toEqual([false, true]);
    // … but after a granted one, no further extension.
    const third = await act('qiye-b', id, 'request_extension', '2026-09-01', { months: 2, reason: '再延', demanderAgrees: true, forceMajeure: true });
    expect(third.statusCode).toBe(422);
    expect(third.json().message).toMatch(/最多延期 1 次.*2026-08-03.*2028-09-30.*第二十三条/);
  });

  it('terminates with the unspent money recovered and no penalty, or revokes with everything recovered and a penalty', async () => {
    const a = await toInProgress();
    await ok(act('qiye-a', a, 'record_first_payment', '2026-06-10', { amount: 1000000, voucher: 'PZ-9' }));
    const paid = await ok(act('kjj', a, 'pay_first_tranche', '2026-06-12'));
    expect(paid.record.payments[0].amount).toBe(400000); // 40% of 4,000,000 = 1,600,000 × 25%
    const noAudit = await act('kjj', a, 'terminate', '2026-08-01', { reason: '政策重大变化', diligenceProven: true, auditCompleted: false, spent: 0 });
    expect(noAudit.statusCode).toBe(400);
    const t = await ok(act('kjj', a, 'terminate', '2026-08-01', { reason: '政策重大变化', diligenceProven: true, auditCompleted: true, spent: 150000 }));
    expect(t.record.termination).toMatchObject({ recover: 250000, integrityPenalty: false });
    expect(t.state.id).toBe('terminated');

    const b = await toInProgress();
    await ok(act('qiye-a', b, 'record_first_payment', '2026-06-10', { amount: 2000000, voucher: 'PZ-10' }));
    await ok(act('kjj', b, 'pay_first_tranche', '2026-06-12'));
    const r = await ok(act('kjj', b, 'revoke', '2026-09-01', { reason: '双方严重分歧无法继续合作' }));
    expect(r.record.revocation).toMatchObject({ recover: 800000, integrityPenalty: true });
  });

  it('funds a major emergency project by a case-by-case amount decided by the city (第十七条)', async () => {
    const c = await file();
    for (const [u, a, d, p] of [
      ['kj-longhua', 'recommend', '2026-03-03'],
      ['expert', 'score', '2026-03-05', { score: 90, conflictOfInterest: false, declaration: '无利害关系' }],
      ['kjj', 'conclude_review', '2026-03-06', { selected: true }],
      ['kjj', 'publish_list', '2026-03-09', { deadline: '2026-04-30' }],
      ['qiye-b', 'apply', '2026-03-20', challenge('河北某大学科研院')],
      ['kjj', 'close_applications', '2026-05-04'],
      ['kjj', 'agree_single', '2026-05-06', { challengerUserId: api.ids['qiye-b'], projectName: '应急攻关', agreementAmount: 4000000 }],
    ] as [string, string, string, unknown?][])
      await ok(act(u, c.id, a, d, p));
    expect((await act('kjj', c.id, 'approve_plan', '2026-05-07', { caseByCaseAmount: 3500000 })).json().message).toMatch(/一事一议须注明/);
    await ok(act('kjj', c.id, 'approve_plan', '2026-05-07', { caseByCaseAmount: 3500000, cityDecision: '市政府常务会议纪要〔2026〕5号' }));
    for (const [u, a, d, p] of [
      ['kjj', 'end_publicity', '2026-05-12', { objections: 'none' }],
      ['qiye-a', 'sign_agreement', '2026-05-13'],
      ['kjj', 'issue_task_book', '2026-05-15', { startDate: '2026-06-01', endDate: '2027-05-31', indicators: [{ name: '指标', value: 1 }] }],
      ['qiye-a', 'record_first_payment', '2026-06-02', { amount: 2000000, voucher: 'PZ-E' }],
    ] as [string, string, string, unknown?][])
      await ok(act(u, c.id, a, d, p));
    const paid = await ok(act('kjj', c.id, 'pay_first_tranche', '2026-06-03'));
    expect(paid.record.payments[0]).toMatchObject({
      amount: 1750000,
      cites: '承市科规〔2022〕1号 第十六条第二款',
      ceiling: 3500000,
      ceilingCites: '承市科规〔2022〕1号 第十七条',
    });
  });

  it('refuses a demand already funded by the city (第十四条) at filing, and such a case before any list is published', async () => {
    const count = async () =>
      Number(
        (
          await db.kysely
            .selectFrom('cases')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const r = await app.inject({
      method: 'POST',
      url: '/api/procedures/jiebang/cases',
      payload: { ...DEMAND, alreadyCityFunded: true },
      headers: as('qiye-a'),
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().message).toMatch(/不予受理.*已获得财政科技资金支持.*承市科规〔2022〕1号 第十四条/);
    expect(await count()).toBe(before);
    // A case whose demand turns out to be funded already (a record corrected, or one filed before this check) is
    // stopped before the list is published, and never paid — with a refusal, not an error.
    const c = await file();
    await ok(act('kj-longhua', c.id, 'recommend', '2026-03-03'));
    await ok(act('expert', c.id, 'score', '2026-03-05', { score: 85, conflictOfInterest: false, declaration: '无利害关系' }));
    await ok(act('kjj', c.id, 'conclude_review', '2026-03-06', { selected: true }));
    await db.kysely
      .updateTable('cases')
      .set({ application_json: JSON.stringify({ ...c.application, demander: DEMAND.demander, alreadyCityFunded: true }) })
      .where('id', '=', c.id)
      .execute();
    const publish = await act('kjj', c.id, 'publish_list', '2026-03-09', { deadline: '2026-04-30' });
    expect(publish.statusCode).toBe(422);
    expect(publish.json().message).toMatch(/不能列入榜单.*第十四条/);
    const id = await toInProgress();
    await ok(act('qiye-a', id, 'record_first_payment', '2026-06-10', { amount: 1000000, voucher: 'PZ-14' }));
    const row = await db.kysely.selectFrom('cases').select('application_json').where('id', '=', id).executeTakeFirstOrThrow();
    await db.kysely
      .updateTable('cases')
      .set({ application_json: JSON.stringify({ ...JSON.parse(row.application_json), alreadyCityFunded: true }) })
      .where('id', '=', id)
      .execute();
    const pay = await act('kjj', id, 'pay_first_tranche', '2026-06-12');
    expect(pay.statusCode).toBe(422);
    expect(pay.json().message).toMatch(/不予拨付.*第十四条/);
  });

  it('tells an enterprise nothing about another enterprise’s unpublished demand, not even its version or state', async () => {
    const c = await file();
    for (const version of [1, 99]) {
      const r = await app.inject({
        method: 'POST',
        url: `/api/cases/${c.id}/actions/apply`,
        headers: as('qiye-b'),
        payload: { version, payload: challenge('河北某大学科研院') },
      });
      expect(r.statusCode).toBe(404);
      expect(r.json().message).toBe(`案件不存在：${c.id}`);
    }
  });

  it('takes the demander from the filing account, not from a typed name (第四条)', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/procedures/jiebang/cases',
      payload: { ...DEMAND, demander: { ...DEMAND.demander, unit: '河北某大学科研院' } },
      headers: as('qiye-a'),
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().message).toMatch(/需求方以登录账户所属单位为准.*承德钒钛新材料有限公司.*河北某大学科研院/);
  });
});
