// Decisions an official signs, checked against the articles through the HTTP API on both databases:
// a governing document out of force (隆政发〔2022〕11号 第三十五条), the township's extension only before
// its time limit ends (第十六条第四款第（一）项), figures that cannot fit the plot, the permit threshold
// (第二十条第二款). This database has the demo accounts but not the demo extension of 11号.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/connection.js';
import { parseGazette } from '../../src/gazette/parse.js';
import { baseApplication, deepMerge } from '../../src/procedures/homestead/fixtures.js';
import { PROCEDURES } from '../../src/procedures/registry.js';
import { apiClient, testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';

const TODAY = '2026-11-27';

describe.each(ENGINES)('legal fidelity of homestead decisions on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let api: ReturnType<typeof apiClient>;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    // Demo accounts without the demo extension of 11号.
    platform = await testPlatform(engine, { today: TODAY, demo: false, users: ['admin', 'township-tgt', 'village-tgt', 'zhangsan'] });
    ({ db, app, api } = platform);
  });
  afterAll(async () => {
    await platform?.close();
  });
  const ok = (p: Promise<{ statusCode: number; json: () => any; body: string }>) => api.ok(p);
  const act = (user: string, id: string, action: string, date: string, payload?: unknown) => api.act(user, id, action, date, payload);
  const application = (date: string, patch: unknown = {}) => deepMerge(deepMerge(baseApplication(), { applicationDate: date }), patch);
  const caseCount = async () =>
    Number(
      (
        await db.kysely
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** Files on `date` and brings the case to the township (20 working days from `reported`). */
  const toTownship = async (date: string, days: [string, string, string, string]) => {
    const c = await ok(api.file('zhangsan', 'homestead', application(date)));
    await ok(act('village-tgt', c.id, 'accept_complete', days[0]));
    await ok(act('village-tgt', c.id, 'record_meeting', days[1], { present: 20, agree: 15 }));
    await ok(act('village-tgt', c.id, 'end_publicity', days[2], { objections: 'none' }));
    await ok(act('village-tgt', c.id, 'report_to_township', days[3]));
    return c;
  };

  it('files under an expired document with a warning citing 第三十五条, but refuses to decide until an extension is recorded', async () => {
    const c = await toTownship('2026-03-02', ['2026-03-03', '2026-03-04', '2026-03-11', '2026-03-12']);
    const status = c.assessment.governingDocumentStatus;
    expect(status).toMatchObject({ status: 'expired', decisionsAllowed: false, validityCites: '隆政发〔2022〕11号 第三十五条' });
    expect(status.validityLink).toBe(`/docs/${encodeURIComponent('隆政发〔2022〕11号')}#${encodeURIComponent('第三十五条')}`);
    expect(status.message).toMatch(/已于 2024-07-03 失效.*第三十五条.*可以受理.*不能据此作出批准、不予批准决定或出具证书/);
    await ok(act('township-tgt', c.id, 'site_inspection', '2026-03-13', { findings: '四至清楚', conformsToPlan: true }));

    // The case page shows approve and refuse as blocked, with the reason.
    const view = await ok(api.get('township-tgt', c.id));
    expect(view.actions.find((a: any) => a.id === 'approve').blocked).toMatch(/第三十五条/);
    expect(view.actions.find((a: any) => a.id === 'refuse').blocked).toMatch(/第三十五条/);
    expect(view.actions.find((a: any) => a.id === 'site_inspection').blocked).toBeNull();

    for (const [action, payload] of [
      ['approve', undefined],
      ['refuse', { reason: '选址不符合规划' }],
    ] as const) {
      const r = await act('township-tgt', c.id, action, '2026-03-20', payload);
      expect(r.statusCode, action).toBe(422);
      expect(r.json().message).toMatch(/^不能办理“.*”：隆政发〔2022〕11号 已于 2024-07-03 失效（有效期届满（隆政发〔2022〕11号 第三十五条））/);
    }
    expect((await ok(api.get('township-tgt', c.id))).state.id).toBe('township_review');

    // An administrator records an extension (here of 宅基地 transfer: the record concerns the document, so it covers every procedure under it).
    const rec = await app.inject({
      method: 'POST',
      url: '/api/procedures/homestead-transfer/governance',
      payload: { kind: 'extension', document: '隆政发〔2024〕9号', validUntil: '2027-07-03' },
      headers: api.as('admin'),
    });
    expect(rec.statusCode).toBe(201);
    const approved = await ok(act('township-tgt', c.id, 'approve', '2026-03-20'));
    expect(approved.state.id).toBe('approved');
    expect(approved.assessment.governingDocumentStatus).toMatchObject({ status: 'in_force', decisionsAllowed: true, effectiveUntil: '2027-07-03' });
    expect(approved.assessment.governingDocumentStatus.message).toContain('隆政发〔2024〕9号');
    expect((await app.inject({ url: `/api/cases/${c.id}/certificates/homestead-approval`, headers: api.as('zhangsan') })).statusCode).toBe(200);

    // Without the record, no 批准书 is issued on the expired document either.
    await db.kysely.deleteFrom('governance_records').execute();
    const cert = await app.inject({ url: `/api/cases/${c.id}/certificates/homestead-approval`, headers: api.as('zhangsan') });
    expect(cert.statusCode).toBe(422);
    expect(cert.json().message).toMatch(/^不能出具《农村宅基地批准书》：.*第三十五条/);
  });

  it('extends the township time limit only before it ends; a late extension is refused and the case stays overdue', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/procedures/homestead/governance',
      payload: { kind: 'extension', document: '隆政发〔2024〕9号', validUntil: '2027-07-03' },
      headers: api.as('admin'),
    });
    const c = await toTownship('2026-09-01', ['2026-09-02', '2026-09-03', '2026-09-10', '2026-09-11']);
    const due = (await ok(api.get('township-tgt', c.id))).deadline;
    expect(due).toMatchObject({ due: '2026-10-15', status: 'overdue' }); // 20 working days from 09-11 across National Day
    const late = await act('township-tgt', c.id, 'extend_deadline', '2026-10-16', { reason: '需征求林业部门意见' });
    expect(late.statusCode).toBe(422);
    expect(late.json().message).toMatch(/期限已于 2026-10-15 届满.*须在期限届满前决定（隆政发〔2022〕11号 第十六条第四款第（一）项）.*逾期/);
    const after = await ok(api.get('township-tgt', c.id));
    expect(after.deadline).toMatchObject({ due: '2026-10-15', status: 'overdue' });
    expect(after.record.extension).toBeUndefined();
    // On the last day it is still in time.
    const onTime = await ok(act('township-tgt', c.id, 'extend_deadline', '2026-10-15', { reason: '需征求林业部门意见' }));
    expect(onTime.deadline.due).toBe('2026-10-29');
  });

  it('refuses at intake a floor area that cannot fit the footprint over the floors, and stores nothing', async () => {
    const before = await caseCount();
    const r = await api.file(
      'zhangsan',
      'homestead',
      application('2026-09-01', { plot: { area: 180 }, building: { footprint: 108, floors: 2, floorArea: 520 } }),
    );
    expect(r.statusCode).toBe(400);
    expect(r.json().details).toContainEqual({
      field: 'building.floorArea',
      message: expect.stringMatching(/建筑面积 520 平方米大于建筑占地面积 108 平方米 × 层数 2 = 216 平方米/),
    });
    expect(await caseCount()).toBe(before);
  });

  it('names the figures compared for the construction permit, which needs both limits (第二十条第二款)', async () => {
    const assess = async (patch: unknown) =>
      ok(app.inject({ method: 'POST', url: '/api/procedures/homestead/assess', payload: application('2026-09-01', patch) as object }));
    const one = await assess({ building: { investment: 150 } });
    expect(one.needsConstructionPermit).toBe(false);
    const finding = one.findings.find((f: any) => f.rule === 'construction_permit');
    expect(finding).toMatchObject({ outcome: 'info', cites: '隆政发〔2022〕11号 第二十条第二款' });
    expect(finding.message).toMatch(/工程投资额 150 万元达到 100 万元，建筑面积 220 平方米未达到 500 平方米：未同时达到限额.*无须开工许可/);
  });
});

describe('each rule set’s period and validity clause are the ones the parser reads in the library', () => {
  const docs = parseGazette(readFileSync('data/gazettes/2022-04.txt')).documents;
  const sets = [...PROCEDURES.values()].flatMap((p) => p.ruleSets.map((s) => [p.id, s] as const));
  it.each(sets.map(([id, s]) => [`${id} · ${s.governingDocument}`, s] as const))('%s', (_name, set) => {
    const doc = docs.find((d) => d.number === set.governingDocument)!;
    expect(doc, set.governingDocument).toBeDefined();
    if (set.validityCitation === null) {
      // 承市科规〔2022〕2号 sets no term: it is in force from its date, open-ended.
      expect(doc.validityText).toBeNull();
      expect(set.period).toEqual({ from: doc.date, until: null });
      return;
    }
    expect(set.validityCitation.document).toBe(set.governingDocument);
    expect(set.validityCitation.article + (set.validityCitation.item ?? '')).toBe(doc.validityAnchor);
    expect(set.period).toEqual({ from: doc.validFrom, until: doc.validUntil });
  });
});

describe('each 申请材料 of the 办事指南 cites a unit of the library that names it', () => {
  const docs = parseGazette(readFileSync('data/gazettes/2022-04.txt')).documents;
  const flat = (units: { anchor: string; text: string; children: any[] }[]): { anchor: string; text: string }[] =>
    units.flatMap((u) => [u, ...flat(u.children)]);
  const materials = [...PROCEDURES.values()].flatMap((p) => (p.materials ?? []).map((m) => [`${p.id} · ${m.label}`, m] as const));
  it('covers the procedures that list materials', () => {
    expect(materials.length).toBeGreaterThanOrEqual(11); // 宅基地 第十七条 (6) and 转让 第二十四条 (5)
  });
  it.each(materials)('%s', (_name, m) => {
    const doc = docs.find((d) => d.number === m.citation.document)!;
    const unit = flat(doc.units).find((u) => u.anchor === m.citation.article + (m.citation.item ?? ''));
    expect(unit, `${m.citation.article}${m.citation.item ?? ''}`).toBeDefined();
    // The unit's text names the material (its first four characters, e.g. 转让协议, 农村宅基, 契税税票).
    const key = m.label.startsWith('第十七条') ? '第十七条材料' : m.label.slice(0, 4);
    expect(unit!.text.replace(/\s/g, '')).toContain(key);
  });
});
