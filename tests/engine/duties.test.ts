// Recurring duties (obligations without a case) on both databases: made for the current period once per
// office, listed to the responsible office (and the one supervising it), closed by filing, reminded before
// and escalated after the due date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/connection.js';
import { DUTIES, periodOf } from '../../src/duties/catalogue.js';
import { jobHandlers } from '../../src/jobs/handlers.js';
import { JobRunner } from '../../src/jobs/runner.js';
import { PROCEDURES } from '../../src/procedures/registry.js';
import { apiClient, testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';

const TODAY = '2026-11-27';

describe('periods of the recurrences', () => {
  const quarterly = DUTIES.find((d) => d.id === 'homestead-quarterly-report')!.recurrence;
  const doctors = DUTIES.find((d) => d.id === 'village-doctor-post-needs')!.recurrence;
  const elderly = DUTIES.find((d) => d.id === 'elderly-plan-evaluation')!.recurrence;
  it.each([
    [quarterly, '2026-01-01', { period: '2026Q1', due: '2026-03-31' }],
    [quarterly, '2026-06-30', { period: '2026Q2', due: '2026-06-30' }],
    [quarterly, '2026-11-27', { period: '2026Q4', due: '2026-12-31' }],
    [doctors, '2026-02-10', { period: '2026', due: '2026-05-31' }],
    [elderly, '2023-04-01', { period: '2023', due: '2023-12-31' }],
    [elderly, '2024-04-01', null],
  ])('%j on %s → %j', (r, day, want) => {
    expect(periodOf(r, day)).toEqual(want);
  });
});

describe.each(ENGINES)('recurring duties on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let api: ReturnType<typeof apiClient>;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    platform = await testPlatform(engine, { today: TODAY, users: ['township-tgt', 'township-hmy', 'county', 'zhangsan', 'mzj'] });
    ({ db, app, api } = platform);
  });
  afterAll(async () => {
    await platform?.close();
  });
  const duties = async (u: string) => (await api.ok(app.inject({ url: '/api/duties', headers: api.as(u) }))).items;

  it('lists the catalogue with its articles, the modules’ duties among them', async () => {
    const cat = (await api.ok(app.inject({ url: '/api/duties/catalogue' }))).items;
    // Brought by the village-doctor module with its role 乡镇卫生院.
    expect(cat.find((d: any) => d.id === 'village-doctor-post-needs')).toMatchObject({
      cites: '隆政办规〔2022〕1号 一、（六）',
      responsible: '各乡镇卫生院',
    });
    expect(cat.find((d: any) => d.id === 'homestead-quarterly-report').cites).toBe('隆政发〔2022〕11号 第十六条第四款第（五）项');
  });

  it('puts the quarterly homestead report in each township’s inbox once; the county sees both; others none', async () => {
    const tgt = await duties('township-tgt');
    expect(tgt).toEqual([
      expect.objectContaining({
        dutyId: 'homestead-quarterly-report',
        period: '2026Q4',
        dueOn: '2026-12-31',
        office: '隆化县汤头沟镇',
        status: 'open',
        canFile: true,
      }),
    ]);
    expect(await duties('township-tgt')).toHaveLength(1); // asked again: not made twice
    expect((await duties('township-hmy')).map((d: any) => d.office)).toEqual(['隆化县韩麻营镇']);
    const county = await duties('county');
    expect(county.map((d: any) => d.office).sort()).toEqual(['隆化县汤头沟镇', '隆化县韩麻营镇']);
    expect(county.every((d: any) => d.canFile === false)).toBe(true);
    expect(await duties('zhangsan')).toEqual([]);
    expect(await duties('mzj')).toEqual([]); // 24号 evaluates in 2023 and 2025 only
  });

  it('is closed by filing, once, by the responsible office only', async () => {
    const [d] = await duties('township-tgt');
    expect((await app.inject({ method: 'POST', url: `/api/duties/${d.id}/file`, headers: api.as('township-hmy'), payload: { note: '报备' } })).statusCode).toBe(
      404,
    );
    expect((await app.inject({ method: 'POST', url: `/api/duties/${d.id}/file`, headers: api.as('county'), payload: { note: '报备' } })).statusCode).toBe(403);
    const empty = await app.inject({ method: 'POST', url: `/api/duties/${d.id}/file`, headers: api.as('township-tgt'), payload: { note: '' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toMatch(/季度审批办理情况/);
    const filed = await api.ok(
      app.inject({
        method: 'POST',
        url: `/api/duties/${d.id}/file`,
        headers: api.as('township-tgt'),
        payload: { note: '本季度受理 3 件，批准 2 件，已报县农业农村局备案' },
      }),
    );
    expect(filed).toMatchObject({ status: 'filed', filedOn: TODAY, late: false });
    expect(
      (await app.inject({ method: 'POST', url: `/api/duties/${d.id}/file`, headers: api.as('township-tgt'), payload: { note: '再报一次' } })).statusCode,
    ).toBe(409);
  });

  it('reminds the office before the due date and escalates an unfiled duty to the county after it', async () => {
    const runner = new JobRunner(db, jobHandlers({ procedures: PROCEDURES, delivery: {}, today: () => '2027-01-04' }));
    await runner.runDue(new Date('2027-01-04T09:00:00+08:00'));
    const hmy = (await api.ok(app.inject({ url: '/api/notifications', headers: api.as('township-hmy') }))).items;
    expect(hmy.filter((n: any) => n.kind === 'reminder' && /宅基地审批办理情况季度报备/.test(n.title))).toHaveLength(1);
    const tgt = (await api.ok(app.inject({ url: '/api/notifications', headers: api.as('township-tgt') }))).items;
    expect(tgt.filter((n: any) => n.kind === 'reminder')).toHaveLength(0); // filed before the reminder ran
    const county = (await api.ok(app.inject({ url: '/api/notifications', headers: api.as('county') }))).items;
    expect(county.filter((n: any) => n.kind === 'supervision' && /韩麻营镇.*季度报备.*尚未报送/.test(n.body))).toHaveLength(1);
    expect(county.some((n: any) => /汤头沟镇/.test(n.body))).toBe(false);
    const again = await runner.runDue(new Date('2027-01-05T09:00:00+08:00'));
    expect(again.claimed).toBe(0);
  });
});
