// 包干制 (承市科规〔2022〕2号): each negative-list item, and a project through HTTP on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/connection.js';
import { verifyAuditChain } from '../../src/engine/audit.js';
import { BaoganProjectSchema, expenseFindings } from '../../src/procedures/baogan/procedure.js';
import { ExpenseSchema } from '../../src/procedures/baogan/rules.js';
import { drawFrom } from '../../src/procedures/baogan/spot-check.js';
import { apiClient, testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';

const PROJECT = {
  applicationDate: '2026-03-02',
  unit: '河北某大学科研院',
  county: '双桥区',
  title: '滦河流域土壤重金属迁移机理研究',
  kind: 'basic_research',
  leader: { name: '王芳', idNumber: '130825198706202023', phone: '13912345678' },
  members: [
    { name: '王芳', idNumber: '130825198706202023' },
    { name: '张三', idNumber: '130825198503152011' },
  ],
  grant: 300000,
  period: { from: '2026-04-01', to: '2028-03-31' },
};
const OK_EXPENSE = { category: 'business', amount: 12000, description: '土壤样品测试化验费', nature: 'research', payee: '某检测中心', invoiceGenuine: true };
const project = BaoganProjectSchema.parse(PROJECT);
const fails = (e: object) =>
  expenseFindings(project, ExpenseSchema.parse({ ...OK_EXPENSE, ...e }), '2026-05-01')
    .filter((f) => f.outcome === 'fail')
    .map((f) => `${f.citation.article}${f.citation.item}`);

describe('negative list (五、（一）–（九）)', () => {
  it.each([
    ['（一）虚假票据', { invoiceGenuine: false }, ['五、（一）']],
    ['（二）以合作经费套取', { viaCooperation: true, cooperationGenuine: false }, ['五、（二）']],
    // 五、（六） says exactly this (虚列名单、虚报冒领劳务费); 五、（三） (以发放劳务费名义套取资金) applies too.
    ['（三）（六）劳务费付给名单外人员', { category: 'labour', payee: '李四' }, ['五、（三）', '五、（六）']],
    ['（四）与项目无关', { nature: 'unrelated' }, ['五、（四）']],
    ['（五）个人及家庭支出', { nature: 'personal' }, ['五、（五）']],
    ['（六）冒领劳务费（身份证号不符）', { category: 'labour', payee: '张三', payeeIdNumber: '130825196001015018' }, ['五、（六）']],
    ['（七）挪用', { divertedFromProject: true }, ['五、（七）']],
    ['（八）罚款', { nature: 'fine' }, ['五、（八）']],
    ['（八）捐款', { nature: 'donation' }, ['五、（八）']],
    ['（八）赞助', { nature: 'sponsorship' }, ['五、（八）']],
    ['（八）投资', { nature: 'investment' }, ['五、（八）']],
    ['（九）其他不得开支', { nature: 'other_forbidden' }, ['五、（九）']],
    ['合规的业务费', {}, []],
    ['合规的劳务费（项目成员）', { category: 'labour', payee: '张三', payeeIdNumber: '130825198503152011' }, []],
    // 四、（三）: 劳务费 includes 支付给临时聘请的咨询专家的费用 …
    ['四、（三）临时聘请的咨询专家的专家咨询费', { category: 'labour', labourKind: 'consulting_expert', payee: '赵教授' }, []],
    // … but 专家咨询费不得支付给参与项目及其项目管理相关的工作人员.
    [
      '四、（三）专家咨询费付给项目成员',
      { category: 'labour', labourKind: 'consulting_expert', payee: '张三', payeeIdNumber: '130825198503152011' },
      ['四、（三）'],
    ],
  ])('%s', (_n, e, expected) => {
    expect(fails(e)).toEqual(expected);
  });

  it('refuses a budget in the application (四、) and projects before 2022 (二、)', () => {
    const withBudget = BaoganProjectSchema.safeParse({ ...PROJECT, budget: { equipment: 1000 } });
    expect(withBudget.success).toBe(false);
    expect(withBudget.error!.issues[0].message).toMatch(/无需编制预算.*budget/);
    const early = BaoganProjectSchema.safeParse({ ...PROJECT, applicationDate: '2021-12-01' });
    expect(early.error!.issues[0].message).toMatch(/自 2022 年起/);
  });
});

describe.each(ENGINES)('包干制 project on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let api: ReturnType<typeof apiClient>;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    platform = await testPlatform(engine, { users: ['qiye-b', 'qiye-a', 'kjj', 'kj-longhua'] });
    ({ db, app, api } = platform);
  });
  const as = (u: string) => api.as(u);
  const ok = (p: Promise<{ statusCode: number; json: () => any; body: string }>) => api.ok(p);
  const act = (user: string, id: string, action: string, date: string, payload?: unknown) => api.act(user, id, action, date, payload);
  afterAll(async () => {
    await platform?.close();
  });

  it('funds only after the commitment, refuses negative-list expenses with the item cited, closes with approved and disclosed accounts', async () => {
    const c = await ok(api.file('qiye-b', 'baogan', PROJECT));
    expect(c.state.id).toBe('review');
    expect((await app.inject({ url: `/api/cases/${c.id}`, headers: as('qiye-a') })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/cases/${c.id}`, headers: as('kjj') })).statusCode).toBe(200);
    await ok(act('kjj', c.id, 'approve_project', '2026-03-20'));
    const early = await act('kjj', c.id, 'disburse', '2026-03-21', { amount: 300000 });
    expect(early.statusCode).toBe(409); // not in the funding state: the commitment comes first
    const wrongSigner = await act('qiye-b', c.id, 'sign_commitment', '2026-03-23', { signature: '张三', agreesToText: true });
    expect(wrongSigner.statusCode).toBe(422);
    const signed = await ok(act('qiye-b', c.id, 'sign_commitment', '2026-03-23', { signature: '王芳', agreesToText: true }));
    expect(signed.record.commitment.text).toContain('不截留、挪用、侵占项目经费');
    await ok(act('kjj', c.id, 'disburse', '2026-03-25', { amount: 300000 }));

    await ok(act('qiye-b', c.id, 'record_expense', '2026-05-06', OK_EXPENSE));
    const fine = await act('qiye-b', c.id, 'record_expense', '2026-05-07', { ...OK_EXPENSE, nature: 'fine', description: '环保罚款' });
    expect(fine.statusCode).toBe(422);
    expect(fine.json().message).toMatch(/承市科规〔2022〕2号 五、（八）/);
    const outsider = await act('qiye-b', c.id, 'record_expense', '2026-05-07', { ...OK_EXPENSE, category: 'labour', payee: '李四' });
    expect(outsider.json().message).toMatch(/五、（三）.*李四/);
    expect(outsider.json().message).toMatch(/五、（六）.*李四.*不在项目成员名单上/);
    const over = await act('qiye-b', c.id, 'record_expense', '2026-05-08', { ...OK_EXPENSE, amount: 290000 });
    expect(over.json().message).toMatch(/超过资助经费/);
    await ok(
      act('qiye-b', c.id, 'record_expense', '2026-06-01', {
        ...OK_EXPENSE,
        category: 'labour',
        payee: '张三',
        payeeIdNumber: '130825198503152011',
        amount: 8000,
        description: '研究生劳务费',
      }),
    );

    const draw = await ok(app.inject({ method: 'POST', url: '/api/baogan/spot-checks', payload: { count: 1, date: '2026-07-01' }, headers: as('kjj') }));
    expect(draw.drawn).toEqual([c.id]);
    expect((await app.inject({ method: 'POST', url: '/api/baogan/spot-checks', payload: { count: 1 }, headers: as('qiye-b') })).statusCode).toBe(403);
    // The bureau cannot pick a project itself: the selection is the server's alone …
    const steered = await act('kjj', c.id, 'select_for_spot_check', '2026-07-01', {
      drawId: 'x',
      method: '随机',
      seed: '0'.repeat(64),
      pool: [c.id],
      rule: 'x',
      count: 1,
    });
    expect(steered.statusCode).toBe(403);
    expect(steered.json().message).toMatch(/由系统执行/);
    // … and anyone can re-do the draw from the seed and pool the audit records.
    const event = (await ok(api.get('kjj', c.id))).timeline.find((e: any) => e.action === 'select_for_spot_check');
    expect(event.data.spotChecks.at(-1)).toMatchObject({ drawId: draw.drawId, seed: draw.seed, pool: [c.id] });
    expect(drawFrom(draw.seed, [c.id], 1)).toEqual(draw.drawn);
    await ok(act('kjj', c.id, 'record_spot_check', '2026-07-10', { drawId: draw.drawId, result: 'compliant' }));

    const accounts = await ok(act('qiye-b', c.id, 'submit_final_accounts', '2026-11-02'));
    expect(accounts.record.finalAccounts).toMatchObject({ total: 20000, byCategory: { 业务费: 12000, 劳务费: 8000 } });
    const disclosure = { financeOffice: '财务处 李会计', researchOffice: '科研处 赵处长', disclosedOn: '2026-11-09', disclosedWhere: '院内公示栏及内网' };
    // 六、: the accounts, the science report and the self-evaluation are all disclosed inside the unit.
    const partial = await act('qiye-b', c.id, 'approve_final_accounts', '2026-11-10', {
      ...disclosure,
      disclosedFinalAccounts: true,
      disclosedScienceReport: true,
    });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().message).toMatch(/项目验收自我评价报告/);
    const closed = await ok(
      act('qiye-b', c.id, 'approve_final_accounts', '2026-11-10', {
        ...disclosure,
        disclosedFinalAccounts: true,
        disclosedScienceReport: true,
        disclosedSelfEvaluation: true,
      }),
    );
    expect(closed.state.id).toBe('closed');
    expect(closed.timeline.map((e: any) => e.action)).toEqual([
      'submit',
      'approve_project',
      'sign_commitment',
      'disburse',
      'record_expense',
      'record_expense',
      'select_for_spot_check',
      'record_spot_check',
      'submit_final_accounts',
      'approve_final_accounts',
    ]);
    expect((await verifyAuditChain(db)).problems).toEqual([]);
  });

  it('draws atomically: parallel draws either record all their selections or none', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await ok(api.file('qiye-b', 'baogan', PROJECT));
      await ok(act('kjj', c.id, 'approve_project', '2026-03-20'));
      await ok(act('qiye-b', c.id, 'sign_commitment', '2026-03-23', { signature: '王芳', agreesToText: true }));
      await ok(act('kjj', c.id, 'disburse', '2026-03-25', { amount: 300000 }));
      ids.push(c.id);
    }
    const before = Number(
      (
        await db.kysely
          .selectFrom('case_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', '=', 'select_for_spot_check')
          .executeTakeFirstOrThrow()
      ).n,
    );
    const draws = await Promise.all(
      Array.from({ length: 6 }, () => app.inject({ method: 'POST', url: '/api/baogan/spot-checks', payload: { count: 2 }, headers: as('kjj') })),
    );
    expect(draws.map((r) => (r.statusCode === 201 || r.statusCode === 409 ? 'ok' : r.body))).toEqual(draws.map(() => 'ok'));
    const won = draws.filter((r) => r.statusCode === 201).map((r) => r.json());
    expect(won.length).toBeGreaterThan(0);
    const after = Number(
      (
        await db.kysely
          .selectFrom('case_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', '=', 'select_for_spot_check')
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(after - before).toBe(won.reduce((n, d) => n + d.drawn.length, 0));
    const recorded = (await db.kysely.selectFrom('case_events').select('data_json').where('action', '=', 'select_for_spot_check').execute()).map((e) =>
      JSON.parse(e.data_json).spotChecks.at(-1),
    );
    for (const d of won) {
      const entry = recorded.find((x: any) => x.drawId === d.drawId);
      expect(drawFrom(entry.seed, entry.pool, d.drawn.length)).toEqual(d.drawn);
    }
    expect((await verifyAuditChain(db)).problems).toEqual([]);
  });
});
