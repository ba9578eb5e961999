// Plan monitoring through the HTTP API on SQLite and PostgreSQL: filing,
// corrections as versions, validation, authorization, dashboard, report, land.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { apiClient, testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';

const TODAY = '2024-03-01';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe.each(ENGINES)('plan monitoring on %s', (engine) => {
  let app: FastifyInstance;
  let api: ReturnType<typeof apiClient>;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    platform = await testPlatform(engine, { today: TODAY, gazettes: ['data/gazettes/2022-04.txt'], users: ['plan-office', 'sthjj', 'mzj', 'zhangsan'] });
    ({ app, api } = platform);
  }, 60_000);
  afterAll(async () => {
    await platform?.close();
  });
  const as = (u: string) => api.as(u);
  const file = (u: string, id: string, payload: object) =>
    app.inject({ method: 'POST', url: `/api/plans/indicators/${encodeURIComponent(id)}/reports`, headers: as(u), payload });

  it('lists the plans and the indicators publicly, without figures', async () => {
    const plans = (await app.inject({ url: '/api/plans' })).json();
    expect(plans.plans).toHaveLength(9);
    expect(plans.plans.find((p: any) => p.number === '承市政办字〔2022〕51号').indicators).toBe(27);
    const r = (await app.inject({ url: `/api/plans/indicators?document=${encodeURIComponent('承市政字〔2022〕16号')}` })).json();
    expect(r.year).toBe(2023);
    expect(r.indicators.length).toBeGreaterThan(37);
    expect(r.indicators.every((i: any) => i.reports.length === 0)).toBe(true);
  });

  it('a department files a figure with evidence; a correction is a new version and history is kept', async () => {
    const first = await file('sthjj', 'z2022-16-t2-7', {
      year: 2022,
      value: 96,
      note: '据城管部门统计',
      evidence: { name: '统计表.png', mime: 'image/png', base64: PNG.toString('base64') },
      basedOnVersion: 0,
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ version: 1, unit: '市生态环境局', value: 96 });
    const stale = await file('sthjj', 'z2022-16-t2-7', { year: 2022, value: 97, note: '更正', basedOnVersion: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toMatch(/第 1 版/);
    const second = await file('sthjj', 'z2022-16-t2-7', { year: 2022, value: 97.5, note: '更正：口径调整', basedOnVersion: 1 });
    expect(second.json().version).toBe(2);
    const one = (await app.inject({ url: '/api/plans/indicators/z2022-16-t2-7?year=2022', headers: as('sthjj') })).json();
    expect(one.history.map((h: any) => [h.version, h.value])).toEqual([
      [1, 96],
      [2, 97.5],
    ]);
    expect(one.reports.map((h: any) => h.value)).toEqual([97.5]);
    // 95 (2020) → 100 (2025): path value for 2022 is 97; 97.5 is on track.
    expect(one.status).toMatchObject({ year: 2022, status: 'on_track', value: 97.5, expected: 97 });
    const ev = await app.inject({ url: one.history[0].evidence.link, headers: as('plan-office') });
    expect(ev.statusCode).toBe(200);
    expect(ev.headers['content-type']).toBe('image/png');
    expect(Buffer.from(ev.rawPayload).equals(PNG)).toBe(true);
  });

  it('validates the form in Chinese', async () => {
    const r = await file('sthjj', 'z2022-16-t2-7', { year: 2030, value: 120, note: '' });
    expect(r.statusCode).toBe(400);
    const fields = r.json().details.map((d: any) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['year', 'value', 'note']));
    expect(r.json().message).toMatch(/年份|百分比|情况说明/);
    const q = await file('sthjj', 'z2022-16-t2-19', { year: 2023, value: 60.1, note: '林草局数据' });
    expect(q.statusCode).toBe(400);
    expect(q.json().details[0].field).toBe('assessment');
    const bad = await file('sthjj', 'z2022-16-t2-3', {
      year: 2023,
      value: 100,
      note: '说明',
      evidence: { name: 'x.pdf', mime: 'application/pdf', base64: Buffer.from('not a pdf').toString('base64') },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].message).toMatch(/PDF、PNG 或 JPEG/);
  });

  it("a department files only its own unit's figures; others may not", async () => {
    const other = await file('mzj', 'z2022-16-t2-7', { year: 2023, value: 99, note: '越权' });
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toMatch(/市民政局不是该指标的报送单位/);
    const citizen = await file('zhangsan', 'z2022-16-t2-7', { year: 2023, value: 99, note: '越权' });
    expect(citizen.statusCode).toBe(403);
    const anon = await app.inject({ method: 'POST', url: '/api/plans/indicators/z2022-16-t2-7/reports', payload: { year: 2023, value: 99, note: 'x' } });
    expect(anon.statusCode).toBe(401);
    // 民政局 files the 24号 beds target; the 47号 restatement points back to it.
    const restated = await file('mzj', 'b2022-47-l-1', { year: 2023, value: 2.4, note: '床位统计' });
    expect(restated.statusCode).toBe(409);
    expect(restated.json().message).toMatch(/z2022-24-t1-1/);
    expect((await file('mzj', 'z2022-24-t1-1', { year: 2023, value: 2.4, note: '床位统计' })).statusCode).toBe(201);
    // A qualitative target is filed with an assessment.
    expect((await file('sthjj', 'z2022-16-t2-19', { year: 2023, assessment: 'at_risk', note: '省定目标尚未下达' })).statusCode).toBe(201);
    // Departments see only their own figures; the plan office sees all.
    const mine = (await app.inject({ url: '/api/plans/indicators?year=2023', headers: as('mzj') })).json();
    expect(mine.indicators.find((i: any) => i.id === 'z2022-16-t2-7').reports).toEqual([]);
    const all = (await app.inject({ url: '/api/plans/indicators?year=2023', headers: as('plan-office') })).json();
    expect(all.indicators.find((i: any) => i.id === 'z2022-24-t1-1').reports[0].value).toBe(2.4);
    expect(all.indicators.find((i: any) => i.id === 'b2022-47-l-1').status.status).toBe('at_risk'); // mirrors 24号 (no baseline; 2.4 within 10% of 2.5)
  });

  it('department view: tasks across plans with roles and due years', async () => {
    const v = (await app.inject({ url: `/api/plans/departments/${encodeURIComponent('市民政局')}`, headers: as('mzj') })).json();
    expect(v.unit).toBe('市民政局');
    expect(new Set(v.tasks.map((t: any) => t.document))).toEqual(
      new Set(['承市政字〔2022〕24号', '承市政办字〔2022〕47号', '承市政办字〔2022〕49号', '承市政办字〔2022〕50号', '承市政办字〔2022〕51号']),
    );
    expect(v.tasks[0].dueYear).toBe(2022);
    expect(v.counts.lead).toBeGreaterThan(40);
    expect(v.indicators.some((i: any) => i.id === 'z2022-24-t1-1' && i.mayReport)).toBe(true);
    const forbidden = await app.inject({ url: `/api/plans/departments/${encodeURIComponent('市生态环境局')}`, headers: as('mzj') });
    expect(forbidden.statusCode).toBe(403);
    expect((await app.inject({ url: `/api/plans/departments/${encodeURIComponent('市卫健委')}`, headers: as('plan-office') })).json().unit).toBe(
      '市卫生健康委',
    );
  });

  it('dashboard counts and attention list (约束性 first)', async () => {
    const d = (await app.inject({ url: '/api/plans/dashboard?year=2023', headers: as('plan-office') })).json();
    expect(d.counts.at_risk).toBe(2);
    expect(d.attention[0]).toMatchObject({ id: 'z2022-16-t2-19', attribute: '约束性' });
    expect(d.byPlan.find((p: any) => p.document === '承市政字〔2022〕24号').counts.at_risk).toBe(1);
    const mine = (await app.inject({ url: '/api/plans/dashboard?year=2023', headers: as('mzj') })).json();
    expect(mine.attention.map((a: any) => a.id)).toEqual(['z2022-24-t1-1']);
    expect((await app.inject({ url: '/api/plans/dashboard', headers: as('zhangsan') })).statusCode).toBe(403);
  });

  it('exports the annual report to Excel', async () => {
    const r = await app.inject({ url: '/api/plans/report.xlsx?year=2022', headers: as('plan-office') });
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['总体情况', '按报送单位', '约束性及风险指标', '指标监测明细', '任务与责任单位', '任务进展']);
    const detail = wb.getWorksheet('指标监测明细')!;
    const row = detail.getRows(2, detail.rowCount - 1)!.find((x) => x.getCell(1).value === 'z2022-16-t2-7')!;
    expect(row.getCell(10).value).toBe(97.5);
    expect(row.getCell(12).value).toBe('进度正常');
  });

  it('land plans: every printed total agrees with its rows', async () => {
    const l = (await app.inject({ url: '/api/plans/land' })).json();
    expect(l.supplyParcels.rows).toHaveLength(40);
    expect(l.reserve.rows).toHaveLength(48);
    expect(l.checksFailed).toBe(0);
    expect(l.checksPassed).toBeGreaterThan(40);
  });
});
