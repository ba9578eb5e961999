// The law in time (dated parameters): every figure a rule reads is a parameter with its article; a value recorded
// from a later document with an effective date changes new assessments only; a reform (what-if) re-assesses
// existing cases under changed values without touching them; an assessment traces the figures it read; a figure
// with no value on the case's date is said to be missing, never guessed. Through the HTTP API on both databases.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { evaluate, type Rule } from '../../src/engine/rules.js';
import { figure, type ParameterDef } from '../../src/engine/parameters.js';
import { baseApplication, deepMerge } from '../../src/procedures/homestead/fixtures.js';
import { PROCEDURES } from '../../src/procedures/registry.js';
import { apiClient, testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';

const TODAY = '2026-11-27';
const AREA = 'homestead.max_plot_area_m2';

describe('parameters of every procedure', () => {
  it('each declared figure has a value with its article, and every key is unique', () => {
    const defs = [...PROCEDURES.values()].flatMap((p) => p.parameters ?? []);
    const keys = new Set<string>();
    for (const d of defs) {
      expect(d.values.length > 0 || d.local !== undefined, d.key).toBe(true);
      for (const v of d.values) expect(v.citation.document, d.key).toBe(d.key.startsWith('homestead') ? '隆政发〔2022〕11号' : v.citation.document);
      keys.add(d.key);
    }
    // Shared by several procedures of one document (village-doctor's five), declared once each.
    expect(keys.size).toBeGreaterThanOrEqual(22);
    for (const k of [AREA, 'homestead.max_floors', 'village_doctor.retirement_age_female', 'jiebang.tech_breakthrough_cap', 'rental_housing.small_unit_max_m2'])
      expect(keys, k).toContain(k);
  });

  it('a rule whose figure has no value on the case date says so instead of guessing', () => {
    const def: ParameterDef = {
      key: 't.x',
      label: '测试上限',
      unit: '',
      kind: 'number',
      description: '',
      values: [{ from: '2030-01-01', value: 1, citation: { document: 'D', article: 'A', item: null } }],
    };
    const rule: Rule<number> = {
      id: 'r',
      citation: { document: 'D', article: 'A', item: null },
      summary: '',
      check: (n, ctx) => (n > figure(def, ctx) ? { outcome: 'fail', message: '超' } : { outcome: 'pass', message: '未超' }),
    };
    expect(evaluate([rule], 2, { date: '2026-01-01' })[0]).toMatchObject({
      outcome: 'fail',
      message: expect.stringContaining('“测试上限”在 2026-01-01 没有取值（未设定，不作推定）'),
    });
    expect(evaluate([rule], 2, { date: '2030-01-01' })[0]).toMatchObject({ outcome: 'fail', message: '超' });
  });
});

describe.each(ENGINES)('parameters over HTTP on %s', (engine) => {
  let app: FastifyInstance;
  let api: ReturnType<typeof apiClient>;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    platform = await testPlatform(engine, { today: TODAY, users: ['zhangsan', 'township-tgt', 'admin'] });
    ({ app, api } = platform);
  });
  afterAll(async () => {
    await platform?.close();
  });
  const admin = { authorization: 'Bearer test-admin' };
  const application = (date: string, area: number) => deepMerge(baseApplication(), { applicationDate: date, plot: { area } });
  const assess = async (date: string, area: number) =>
    (await api.ok(app.inject({ method: 'POST', url: '/api/procedures/homestead/assess', payload: application(date, area), headers: admin }))) as any;
  const areaFinding = (a: any) => a.findings.find((f: any) => f.rule === 'new_plot_area');

  it('traces the figures an assessment read, with their article', async () => {
    const a = await assess('2026-11-02', 190);
    expect(areaFinding(a)).toMatchObject({ outcome: 'pass', message: expect.stringContaining('未超过 200 平方米') });
    expect(a.parameters.find((p: any) => p.key === AREA)).toMatchObject({
      value: 200,
      from: '2022-07-04',
      source: '隆政发〔2022〕11号 第十八条',
      link: expect.stringContaining('#'),
    });
  });

  it('a value from a later document (recorded by an administrator) changes assessments from its date only', async () => {
    const officials = await app.inject({
      method: 'POST',
      url: `/api/parameters/${AREA}/values`,
      payload: { effectiveFrom: '2027-01-01', value: 180, source: '隆政发〔2026〕9号 第十八条' },
      headers: api.as('township-tgt'),
    });
    expect(officials.statusCode).toBe(403);
    expect(officials.json().message).toMatch(/由公报规定.*由管理员录入/);
    const county = await app.inject({
      method: 'POST',
      url: `/api/parameters/${AREA}/values`,
      payload: { scope: '隆化县', effectiveFrom: '2027-01-01', value: 180, source: '隆政发〔2026〕9号' },
      headers: admin,
    });
    expect(county.statusCode).toBe(400);
    const saved = await api.ok(
      app.inject({
        method: 'POST',
        url: `/api/parameters/${AREA}/values`,
        payload: { effectiveFrom: '2027-01-01', value: 180, source: '隆政发〔2026〕9号 第十八条' },
        headers: admin,
      }),
    );
    expect(saved.recorded).toEqual([expect.objectContaining({ effectiveFrom: '2027-01-01', value: 180, source: '隆政发〔2026〕9号 第十八条' })]);
    // Before the date: the article's 200; from it: 180 with the new document named.
    expect(areaFinding(await assess('2026-12-31', 190)).outcome).toBe('pass');
    const after = await assess('2027-01-04', 190);
    expect(areaFinding(after)).toMatchObject({ outcome: 'fail', message: expect.stringContaining('超过 180 平方米') });
    expect(after.parameters.find((p: any) => p.key === AREA)).toMatchObject({ value: 180, from: '2027-01-01', source: '隆政发〔2026〕9号 第十八条' });
  });

  it('a reform re-assesses existing cases under changed values, reports what changes, and writes nothing', async () => {
    const small = await api.ok(api.file('zhangsan', 'homestead', application('2026-11-02', 160)));
    const large = await api.ok(api.file('zhangsan', 'homestead', application('2026-11-03', 190)));
    const before = await api.ok(app.inject({ url: `/api/cases/${large.id}`, headers: admin }));
    const body = { procedure: 'homestead', changes: [{ key: AREA, value: 170, effectiveFrom: '2026-01-01' }], caseIds: [small.id, large.id] };
    const r = await api.ok(app.inject({ method: 'POST', url: '/api/parameters/reform', payload: body, headers: admin }));
    expect(r).toMatchObject({ total: 2, changed: 1 });
    const line = r.lines.find((l: any) => l.id === large.id);
    expect(line).toMatchObject({ before: '符合', after: '不符合', changed: true });
    expect(line.differences).toEqual([
      expect.objectContaining({ rule: 'new_plot_area', cites: '隆政发〔2022〕11号 第十八条', after: expect.stringContaining('超过 170 平方米') }),
    ]);
    expect(r.lines.find((l: any) => l.id === small.id)).toMatchObject({ changed: false });
    // Nothing was written: the case is as it was, and the recorded values are unchanged.
    const after = await api.ok(app.inject({ url: `/api/cases/${large.id}`, headers: admin }));
    expect([after.version, after.assessment.decision]).toEqual([before.version, before.assessment.decision]);
    const list = await api.ok(app.inject({ url: '/api/parameters?procedure=homestead' }));
    expect(list.items.find((p: any) => p.key === AREA).recorded).toHaveLength(1);
    // The same as Excel; and only for administrators, with a clear error on a key the procedure does not have.
    const x = await app.inject({ method: 'POST', url: '/api/parameters/reform?format=xlsx', payload: body, headers: admin });
    expect(x.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as any);
    expect(JSON.stringify(wb.worksheets[0].getSheetValues())).toContain('超过 170 平方米');
    const denied = await app.inject({ method: 'POST', url: '/api/parameters/reform', payload: body, headers: api.as('township-tgt') });
    expect(denied.statusCode).toBe(403);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/parameters/reform',
      payload: { ...body, changes: [{ key: 'homestead.nothing', value: 1, effectiveFrom: '2026-01-01' }] },
      headers: admin,
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toMatch(/没有参数 homestead\.nothing/);
  });
});
