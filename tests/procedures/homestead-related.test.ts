// The other 宅基地 procedures on the same engine: transfer within the
// collective (第二十三、二十四条), reclaiming a plot (第二十五条), and the
// flag for two years without works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { baseApplication, deepMerge } from '../../src/procedures/homestead/fixtures.js';
import { apiClient, testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';

const TRANSFER = {
  applicationDate: '2026-05-06',
  transferor: { name: '王五', idNumber: '130825196001015018', phone: '13912345678', county: '隆化县', township: '汤头沟镇', village: '大汤头沟村' },
  transferee: {
    name: '张三',
    idNumber: '130825198503152011',
    phone: '13812345678',
    village: '大汤头沟村',
    isCollectiveMember: true,
    meetsApplicationConditions: true,
  },
  plot: { certificateNo: '隆集用(2010)第0123号', area: 160, address: '大汤头沟村二组' },
  byInheritance: false,
  paid: true,
  materials: { agreement: true, paymentReceipt: true, originalCertificate: true, deedTaxReceipt: true },
};

describe.each(ENGINES)('related homestead procedures on %s', (engine) => {
  let app: FastifyInstance;
  let api: ReturnType<typeof apiClient>;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    platform = await testPlatform(engine, { users: ['zhangsan', 'village-tgt', 'township-tgt', 'county'] });
    ({ app, api } = platform);
  });
  const as = (u: string) => api.as(u);
  const ok = (p: Promise<{ statusCode: number; json: () => any; body: string }>) => api.ok(p);
  const act = (user: string, id: string, action: string, date: string, payload?: unknown) => api.act(user, id, action, date, payload);
  afterAll(async () => {
    await platform?.close();
  });

  const file = (user: string, procedure: string, body: unknown) => api.file(user, procedure, body);

  it('transfers a plot within the collective after the group and village consent', async () => {
    const c = await ok(file('zhangsan', 'homestead-transfer', TRANSFER));
    expect(c.state.id).toBe('group_consent');
    expect(c.assessment.decision).toBe('eligible');
    await ok(act('village-tgt', c.id, 'group_agree', '2026-05-07'));
    await ok(act('village-tgt', c.id, 'village_agree', '2026-05-08'));
    const filed = await ok(act('township-tgt', c.id, 'approve_filing', '2026-05-11'));
    expect(filed.state.id).toBe('filed');
    expect(filed.application.transferee.idNumber).toBe('130825********2011');
  });

  it('refuses to file a transfer outside the collective, citing 第二十三条第（一）项', async () => {
    const c = await ok(
      file(
        'zhangsan',
        'homestead-transfer',
        deepMerge(TRANSFER, { transferee: { village: '韩麻营村', isCollectiveMember: false }, materials: { deedTaxReceipt: false } }),
      ),
    );
    expect(c.assessment.decision).toBe('ineligible');
    expect(c.assessment.findings.filter((f: any) => f.outcome === 'fail').map((f: any) => f.cites)).toEqual([
      '隆政发〔2022〕11号 第二十三条第（一）项',
      '隆政发〔2022〕11号 第二十四条',
    ]);
    await ok(act('village-tgt', c.id, 'group_agree', '2026-05-07'));
    await ok(act('village-tgt', c.id, 'village_agree', '2026-05-08'));
    const r = await act('township-tgt', c.id, 'approve_filing', '2026-05-11');
    expect(r.statusCode).toBe(422);
    expect(r.json().message).toMatch(/第二十三条第（一）项/);
  });

  it('flags an approved plot with no works for two years, and the village can have it reclaimed', async () => {
    const c = await ok(file('zhangsan', 'homestead', deepMerge(baseApplication(), { applicationDate: '2024-03-04' })));
    await ok(act('village-tgt', c.id, 'accept_complete', '2024-03-05'));
    await ok(act('village-tgt', c.id, 'record_meeting', '2024-03-06', { present: 9, agree: 5 }));
    await ok(act('village-tgt', c.id, 'end_publicity', '2024-03-13', { objections: 'none' }));
    await ok(act('village-tgt', c.id, 'report_to_township', '2024-03-14'));
    await ok(act('township-tgt', c.id, 'site_inspection', '2024-03-15', { findings: '符合', conformsToPlan: true }));
    const approved = await ok(act('township-tgt', c.id, 'approve', '2024-03-20'));
    expect(approved.flags).toEqual([expect.objectContaining({ code: 'unused_two_years', cites: '隆政发〔2022〕11号 第二十五条第（五）项' })]);
    const dash = await ok(app.inject({ url: '/api/dashboard', headers: as('county') }));
    expect(dash.flagged.map((x: any) => x.id)).toContain(c.id);

    const reclaim = {
      applicationDate: '2026-11-02',
      county: '隆化县',
      township: '汤头沟镇',
      village: '大汤头沟村',
      holder: { name: '张三' },
      plot: { address: '大汤头沟村三组东侧', area: 180, approvedOn: '2024-03-20' },
      ground: 'unused_two_years',
      homesteadCaseId: c.id,
      facts: '批准后至今未开工',
    };
    expect((await file('zhangsan', 'homestead-reclaim', reclaim)).statusCode).toBe(403); // only the village files a reclaim
    const r = await ok(file('village-tgt', 'homestead-reclaim', reclaim));
    expect(r.assessment.findings.map((f: any) => f.cites)).toEqual(['隆政发〔2022〕11号 第二十五条第（五）项', '隆政发〔2022〕11号 第二十五条第（五）项']);
    const done = await ok(act('township-tgt', r.id, 'approve_reclaim', '2026-11-05'));
    expect(done.state.id).toBe('reclaimed');

    const early = await ok(file('village-tgt', 'homestead-reclaim', { ...reclaim, plot: { ...reclaim.plot, approvedOn: '2025-06-01' } }));
    expect(early.assessment.decision).toBe('ineligible');
    const refused = await act('township-tgt', early.id, 'approve_reclaim', '2026-11-05');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toMatch(/未满二年/);
  });

  it('records patrols and follows a violation to a penalty decision', async () => {
    const patrol = {
      applicationDate: '2026-10-12',
      county: '隆化县',
      township: '汤头沟镇',
      village: '大汤头沟村',
      grid: '大汤头沟村第三网格',
      patrollers: ['赵六'],
      findings: '例行巡查',
    };
    const clean = await ok(file('village-tgt', 'homestead-patrol', patrol));
    expect(clean.state).toMatchObject({ id: 'recorded', terminal: true });
    const found = await ok(
      file('village-tgt', 'homestead-patrol', {
        ...patrol,
        violations: [{ type: '未批先建', location: '三组村口', party: '钱七', description: '未取得批准书擅自建房' }],
      }),
    );
    expect(found.state.id).toBe('investigation');
    expect(found.assessment.findings[0]).toMatchObject({ outcome: 'fail', cites: '隆政发〔2022〕11号 第三十一条' });
    await ok(act('township-tgt', found.id, 'order_stop', '2026-10-13', { note: '已下达责令停止建设通知书' }));
    const done = await ok(act('township-tgt', found.id, 'penalize', '2026-10-20', { note: '依法作出行政处罚决定' }));
    expect(done.state.id).toBe('handled');
    expect((await file('zhangsan', 'homestead-patrol', patrol)).statusCode).toBe(403);
  });
});
