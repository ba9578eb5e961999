// 宅基地审批 through the HTTP API on SQLite and PostgreSQL: both review tracks,
// deadlines across the Spring Festival and National Day, authorization by
// role and jurisdiction, concurrent officials, and the audit chain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/connection.js';
import { verifyAuditChain } from '../../src/engine/audit.js';
import { baseApplication, deepMerge } from '../../src/procedures/homestead/fixtures.js';
import { apiClient, testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';

const TODAY = '2026-11-27';

describe.each(ENGINES)('homestead cases on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let api: ReturnType<typeof apiClient>;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    platform = await testPlatform(engine, {
      today: TODAY,
      users: ['admin', 'county', 'township-tgt', 'township-hmy', 'village-tgt', 'village-hmy', 'zhangsan', 'lisi'],
    });
    ({ db, app, api } = platform);
  });
  afterAll(async () => {
    await platform?.close();
  });

  const as = (user: string) => api.as(user);
  const submit = (user: string, application: unknown) => api.file(user, 'homestead', application);
  const get = (user: string, id: string) => api.get(user, id);
  const act = (user: string, id: string, action: string, date: string, payload?: unknown, version?: number) =>
    api.act(user, id, action, date, payload, version);
  const ok = (p: Promise<{ statusCode: number; json: () => any; body: string }>) => api.ok(p);
  const app2026 = (date: string, patch: unknown = {}) => deepMerge(deepMerge(baseApplication(), { applicationDate: date }), patch);

  it('refuses a wrong password and an unknown token', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'zhangsan', password: 'nope' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().message).toBe('用户名或密码错误。');
    const anon = await app.inject({ url: '/api/cases' });
    expect(anon.statusCode).toBe(401);
    const fake = await app.inject({ url: '/api/cases', headers: { authorization: 'Bearer forged' } });
    expect(fake.statusCode).toBe(401);
  });

  it('runs the village-collective track from application to registration, across the Spring Festival', async () => {
    const c = await ok(submit('zhangsan', app2026('2026-02-10')));
    expect(c.state.id).toBe('village_review');
    // 02-10 + 5 working days: 11, 12, 13, 14 (make-up Saturday), then the holiday to 02-23, then 24
    expect(c.deadline).toMatchObject({ due: '2026-02-24', cites: '隆政发〔2022〕11号 第十六条第二款第（二）项' });
    expect(c.application.applicant.idNumber).toBe('130825********2011');
    expect(c.application.applicant.phone).toBe('138****5678');
    expect(c.assessment.decision).toBe('eligible');
    // 隆政发〔2022〕11号 expired on 2024-07-03 (第三十五条); the demo data records an assumed extension, marked 【演示】.
    expect(c.assessment.governingDocumentStatus).toMatchObject({
      status: 'in_force',
      effectiveUntil: '2027-12-31',
      decisionsAllowed: true,
      validityCites: '隆政发〔2022〕11号 第三十五条',
    });
    expect(c.assessment.governingDocumentStatus.message).toContain('【演示】');
    const id = c.id;

    await ok(act('village-tgt', id, 'accept_complete', '2026-02-12'));
    const meeting = await ok(act('village-tgt', id, 'record_meeting', '2026-02-13', { present: 20, agree: 11 }));
    expect(meeting.state.id).toBe('publicity');
    expect(meeting.deadline).toMatchObject({ kind: 'minimum', earliestEnd: '2026-02-27' });
    const early = await act('village-tgt', id, 'end_publicity', '2026-02-26', { objections: 'none' });
    expect(early.statusCode).toBe(422);
    expect(early.json().message).toMatch(/公示时间不少于 5 个工作日.*仅 4 个工作日/);
    const report = await ok(act('village-tgt', id, 'end_publicity', '2026-02-27', { objections: 'not_upheld' }));
    expect(report.state.id).toBe('village_report');
    expect(report.deadline.due).toBe('2026-03-05'); // 28 (make-up Saturday), 2, 3, 4, 5 March
    const tw = await ok(act('village-tgt', id, 'report_to_township', '2026-03-03'));
    expect(tw.state.id).toBe('township_review');
    expect(tw.deadline).toMatchObject({ due: '2026-03-31', cites: '隆政发〔2022〕11号 第十六条第四款第（一）项' });

    const noInspection = await act('township-tgt', id, 'approve', '2026-03-10');
    expect(noInspection.statusCode).toBe(422);
    expect(noInspection.json().message).toMatch(/一到场/);
    await ok(act('township-tgt', id, 'site_inspection', '2026-03-05', { findings: '四至清楚，地类为建设用地', conformsToPlan: true }));
    const op = await ok(
      act('township-tgt', id, 'record_department_opinion', '2026-03-19', {
        department: '县供电公司',
        requestedOn: '2026-03-06',
        opinion: '同意，注意避让线路',
      }),
    );
    expect(op.record.departmentOpinions[0]).toMatchObject({ workdays: 9, withinLimit: false });
    const ext = await ok(act('township-tgt', id, 'extend_deadline', '2026-03-20', { reason: '需征求电力部门意见' }));
    expect(ext.deadline.due).toBe('2026-04-15'); // 20 + 10 working days from 03-03, Qingming 04-04..06 off
    const again = await act('township-tgt', id, 'extend_deadline', '2026-03-21', { reason: '再次延长' });
    expect(again.statusCode).toBe(422);
    expect(again.json().message).toMatch(/只能延长一次/);
    const tooEarly = await app.inject({ url: `/api/cases/${id}/certificates/homestead-approval`, headers: as('zhangsan') });
    expect(tooEarly.statusCode).toBe(409);
    const approved = await ok(act('township-tgt', id, 'approve', '2026-03-25'));
    for (const cert of ['homestead-approval', 'planning-permit']) {
      const pdf = await app.inject({ url: `/api/cases/${id}/certificates/${cert}`, headers: as('zhangsan') });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.rawPayload.length).toBeGreaterThan(5000);
      expect((await app.inject({ url: `/api/cases/${id}/certificates/${cert}`, headers: as('lisi') })).statusCode).toBe(404);
    }
    expect(approved.state.id).toBe('approved');
    expect(approved.record.approval).toMatchObject({ date: '2026-03-25', needsConstructionPermit: false, published: true });

    await ok(act('zhangsan', id, 'request_stakeout', '2026-04-01'));
    const stake = await get('zhangsan', id);
    expect(stake.json().deadline.due).toBe('2026-04-16'); // 10 working days, Qingming 04-04..06 off
    await ok(act('township-tgt', id, 'stake_out', '2026-04-08', { note: '已丈量批放' }));
    await ok(act('zhangsan', id, 'report_completion', '2026-09-25', { completedOn: '2026-09-20' }));
    const acc = await get('township-tgt', id);
    expect(acc.json().record.completion).toMatchObject({ workdays: 4, reportedLate: false });
    // 10 working days after 09-25: 28, 29, 30, National Day 10-01..07, 8, 9, 10 (make-up Saturday), 12, 13, 14, 15
    expect(acc.json().deadline.due).toBe('2026-10-15');
    const failed = await ok(act('township-tgt', id, 'accept_works', '2026-10-09', { passed: false, opinion: '超出批准四至，整改后重新申请验收' }));
    expect(failed.state.id).toBe('construction');
    await ok(act('zhangsan', id, 'report_completion', '2026-10-20', { completedOn: '2026-10-19' }));
    await ok(act('township-tgt', id, 'accept_works', '2026-10-22', { passed: true, opinion: '按批准面积和四至建设，验收合格' }));
    const done = await ok(act('township-tgt', id, 'hand_off_registration', '2026-10-23'));
    expect(done.state).toMatchObject({ id: 'registered', terminal: true });
    expect(done.actions).toEqual([]);
    expect(done.timeline.map((e: any) => e.action)).toEqual([
      'submit',
      'accept_complete',
      'record_meeting',
      'end_publicity',
      'report_to_township',
      'site_inspection',
      'record_department_opinion',
      'extend_deadline',
      'approve',
      'request_stakeout',
      'stake_out',
      'report_completion',
      'accept_works',
      'report_completion',
      'accept_works',
      'hand_off_registration',
    ]);
    expect(done.timeline.find((e: any) => e.action === 'approve').rules.some((r: any) => r.cites === '隆政发〔2022〕11号 第十八条')).toBe(true);
  });

  it('stores uploaded documents content-addressed, checks size and type, and audits the upload', async () => {
    const c = await ok(submit('zhangsan', app2026('2026-04-01')));
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('户口本扫描件')]);
    const upload = (user: string, body: Buffer, type: string, kind = 'household_register', name = '户口本.png') =>
      app.inject({
        method: 'POST',
        url: `/api/cases/${c.id}/documents?kind=${kind}&name=${encodeURIComponent(name)}`,
        payload: body,
        headers: { ...as(user), 'content-type': type },
      });
    const r = await upload('zhangsan', png, 'image/png');
    expect(r.statusCode).toBe(201);
    const { sha256 } = r.json();
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    const again = await upload('village-tgt', png, 'image/png', 'publicity_photos', '公示照片.png');
    expect(again.json().sha256).toBe(sha256); // same bytes, same address
    expect(
      Number(
        (
          await db.kysely
            .selectFrom('blobs')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('sha256', '=', sha256)
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(1);
    const wrongType = await upload('zhangsan', png, 'application/pdf');
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().message).toMatch(/与文件内容（image\/png）不符/);
    const text = await upload('zhangsan', Buffer.from('hello'), 'image/jpeg');
    expect(text.statusCode).toBe(400);
    expect(text.json().message).toMatch(/只接受 PDF、PNG 或 JPEG/);
    const big = await upload('zhangsan', Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(10 * 1024 * 1024)]), 'application/pdf');
    expect(big.statusCode).toBe(400);
    expect(big.json().message).toMatch(/文件过大/);
    const badKind = await upload('zhangsan', png, 'image/png', 'selfie');
    expect(badKind.statusCode).toBe(400);
    expect((await upload('township-hmy', png, 'image/png')).statusCode).toBe(404);
    const list = (await app.inject({ url: `/api/cases/${c.id}/documents`, headers: as('township-tgt') })).json().items;
    expect(list.map((d: any) => d.kind)).toEqual(['household_register', 'publicity_photos']);
    const file = await app.inject({ url: `/api/cases/${c.id}/documents/${sha256}`, headers: as('zhangsan') });
    expect(file.rawPayload.equals(png)).toBe(true);
    const view = (await get('zhangsan', c.id)).json();
    expect(view.timeline.filter((e: any) => e.action === 'upload_document')).toHaveLength(2);
    expect(view.version).toBe(1);
  });

  it('runs the villager-group track: quorum of two thirds, then the village check', async () => {
    const group = { plot: { owner: 'group' } };
    const noQuorum = await ok(submit('zhangsan', app2026('2026-05-11', group)));
    expect(noQuorum.state.id).toBe('group_review');
    await ok(act('village-tgt', noQuorum.id, 'accept_complete', '2026-05-12'));
    const refused = await ok(act('village-tgt', noQuorum.id, 'record_group_meeting', '2026-05-13', { households: 30, present: 19, agree: 19 }));
    expect(refused.state.id).toBe('refused_by_village');
    expect(refused.record.groupMeeting).toMatchObject({ quorum: false, passed: false });

    const c = await ok(submit('zhangsan', app2026('2026-05-11', group)));
    await ok(act('village-tgt', c.id, 'accept_complete', '2026-05-12'));
    const pub = await ok(act('village-tgt', c.id, 'record_group_meeting', '2026-05-13', { households: 30, present: 20, agree: 11 }));
    expect(pub.state.id).toBe('group_publicity');
    const check = await ok(act('village-tgt', c.id, 'end_publicity', '2026-05-20', { objections: 'none' }));
    expect(check.state.id).toBe('village_check');
    expect(check.deadline.due).toBe('2026-05-27');
    await ok(act('village-tgt', c.id, 'approve_check', '2026-05-21'));
    const tw = await ok(act('village-tgt', c.id, 'report_to_township', '2026-05-22'));
    expect(tw.state.id).toBe('township_review');
  });

  it('returns an incomplete form for correction, then refuses in writing with reasons', async () => {
    const c = await ok(submit('zhangsan', app2026('2026-06-01')));
    const back = await ok(act('village-tgt', c.id, 'return_for_correction', '2026-06-02', { reason: '四邻协议书缺少北邻签字' }));
    expect(back.state.id).toBe('correction');
    const corrected = app2026('2026-06-01', { neighbours: { opinion: '四邻均已签字' } });
    const re = await ok(act('zhangsan', c.id, 'resubmit', '2026-06-03', { application: corrected }));
    expect(re.state.id).toBe('village_review');
    expect(re.application.neighbours.opinion).toBe('四邻均已签字');
    await ok(act('village-tgt', re.id, 'accept_complete', '2026-06-04'));
    await ok(act('village-tgt', re.id, 'record_meeting', '2026-06-05', { present: 10, agree: 6 }));
    await ok(act('village-tgt', re.id, 'end_publicity', '2026-06-12', { objections: 'none' }));
    await ok(act('village-tgt', re.id, 'report_to_township', '2026-06-15'));
    const refuse = await ok(act('township-tgt', re.id, 'refuse', '2026-06-16', { reason: '拟用地涉及基本农田' }));
    expect(refuse.state.id).toBe('refusal_notice');
    expect(refuse.deadline.due).toBe('2026-06-24'); // 5 working days; Dragon Boat 06-19 off
    const final = await ok(act('township-tgt', re.id, 'notify_refusal', '2026-06-18'));
    expect(final.state).toMatchObject({ id: 'refused', terminal: true });
  });

  it('a township official can neither read nor act on another township’s case; an applicant sees only their own', async () => {
    const c = await ok(submit('zhangsan', app2026('2026-07-01')));
    expect((await get('township-hmy', c.id)).statusCode).toBe(404);
    expect((await act('township-hmy', c.id, 'accept_complete', '2026-07-02', undefined, 1)).statusCode).toBe(404);
    expect((await get('village-hmy', c.id)).statusCode).toBe(404);
    expect((await get('lisi', c.id)).statusCode).toBe(404);
    expect((await get('county', c.id)).statusCode).toBe(200);
    expect((await get('township-tgt', c.id)).statusCode).toBe(200);
    // the right village, the wrong role
    const wrongRole = await act('zhangsan', c.id, 'accept_complete', '2026-07-02');
    expect(wrongRole.statusCode).toBe(403);
    expect(wrongRole.json().message).toMatch(/村级组织/);
    // county departments read, they do not act
    expect((await act('county', c.id, 'accept_complete', '2026-07-02')).statusCode).toBe(403);
    const lisiList = (await app.inject({ url: '/api/cases', headers: as('lisi') })).json();
    expect(lisiList.total).toBe(0);
    const zsList = (await app.inject({ url: '/api/cases?pageSize=100', headers: as('zhangsan') })).json();
    expect(zsList.items.every((x: any) => x.jurisdiction.village === '大汤头沟村')).toBe(true);
    expect((await app.inject({ url: '/api/cases', headers: as('township-hmy') })).json().total).toBe(0);
    // an applicant cannot file for another village
    const elsewhere = await submit('lisi', app2026('2026-07-01'));
    expect(elsewhere.statusCode).toBe(403);
  });

  it('two officials acting at once: one wins, the other gets a conflict and nothing is half-written', async () => {
    const c = await ok(submit('zhangsan', app2026('2026-08-03')));
    const [a, b] = await Promise.all([
      act('village-tgt', c.id, 'accept_complete', '2026-08-04', undefined, 1),
      act('village-tgt', c.id, 'return_for_correction', '2026-08-04', { reason: '缺少户口本' }, 1),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().message).toMatch(/已被他人/);
    const now = (await get('village-tgt', c.id)).json();
    expect(now.version).toBe(2);
    expect(now.timeline).toHaveLength(2);
  });

  it('bad input names the field and stores nothing', async () => {
    const before = (await app.inject({ url: '/api/cases?pageSize=200', headers: as('admin') })).json().total;
    const bad = await submit('zhangsan', app2026('2026-08-03', { applicant: { idNumber: '130825198503152019' }, plot: { area: -5 } }));
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().details.map((d: any) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['applicant.idNumber', 'plot.area']));
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/procedures/homestead/cases',
      payload: '{"applicant":',
      headers: { ...as('zhangsan'), 'content-type': 'application/json' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().message).toMatch(/JSON/);
    // A date after today: refused from the village's clerk entering it …
    const future = await submit('village-tgt', app2026('2026-12-01'));
    expect(future.statusCode).toBe(422);
    expect(future.json().message).toMatch(/晚于今天/);
    const badMeeting = await act('village-tgt', (await ok(submit('zhangsan', app2026('2026-08-10')))).id, 'accept_complete', '2026-08-09');
    expect(badMeeting.statusCode).toBe(400);
    expect(badMeeting.json().message).toMatch(/不能早于/);
    expect((await app.inject({ url: '/api/cases?pageSize=200', headers: as('admin') })).json().total).toBe(before + 1);
    // … and not taken from a villager at all: the system records the day it receives the application.
    const typed = await ok(submit('zhangsan', app2026('2026-12-01')));
    expect([typed.applicationDate, typed.application.applicationDate]).toEqual([TODAY, TODAY]);
  });

  it('shows due and overdue steps in the inbox and on the dashboards', async () => {
    const inbox = (await app.inject({ url: '/api/inbox', headers: as('village-tgt') })).json().items;
    expect(inbox.length).toBeGreaterThan(0);
    expect(inbox.every((c: any) => c.state.actor === 'village')).toBe(true);
    expect(inbox[0].deadline.status).toBe('overdue'); // filed in summer, today is 2026-11-27
    const dash = (await app.inject({ url: '/api/dashboard', headers: as('county') })).json();
    expect(dash.byTownship['汤头沟镇'].total).toBeGreaterThan(3);
    expect(dash.byTownship['汤头沟镇'].overdue).toBeGreaterThan(0);
    expect((await app.inject({ url: '/api/dashboard', headers: as('zhangsan') })).statusCode).toBe(403);
  });

  it('an administrator records an extension of the governing document; the status says so', async () => {
    const before = (await app.inject({ url: '/api/procedures/homestead' })).json();
    expect(before.governingDocumentStatus).toMatchObject({ status: 'in_force', effectiveUntil: '2027-12-31' });
    expect(before.governingDocumentStatus.extensions[0].note).toMatch(/^【演示】假设/);
    expect(before.rules.find((r: any) => r.id === 'new_plot_area')).toMatchObject({
      cites: '隆政发〔2022〕11号 第十八条',
      link: `/docs/${encodeURIComponent('隆政发〔2022〕11号')}#${encodeURIComponent('第十八条')}`,
    });
    const denied = await app.inject({
      method: 'POST',
      url: '/api/procedures/homestead/governance',
      payload: { kind: 'extension', document: '隆政发〔2024〕9号', validUntil: '2027-07-03' },
      headers: as('township-tgt'),
    });
    expect(denied.statusCode).toBe(403);
    const r = await app.inject({
      method: 'POST',
      url: '/api/procedures/homestead/governance',
      payload: { kind: 'extension', document: '隆政发〔2024〕9号', validUntil: '2028-07-03' },
      headers: as('admin'),
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ status: 'in_force', effectiveUntil: '2028-07-03' });
    const c = await ok(submit('zhangsan', app2026('2026-09-01')));
    expect(c.assessment.governingDocumentStatus.status).toBe('in_force');
  });

  it('generates the township ledger and the quarterly report, in Excel too', async () => {
    const l = (await app.inject({ url: '/api/homestead/ledger', headers: as('township-tgt') })).json();
    expect(l.rows.length).toBeGreaterThan(5);
    expect(l.rows.every((r: any) => r.township === '汤头沟镇')).toBe(true);
    const registered = l.rows.find((r: any) => r.state === '已移交不动产登记');
    expect(registered).toMatchObject({ approvedOn: '2026-03-25', stakeout: '2026-04-08', acceptance: '2026-10-22' });
    expect((await app.inject({ url: '/api/homestead/ledger', headers: as('zhangsan') })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/homestead/ledger', headers: as('township-hmy') })).json().rows).toEqual([]);
    const q1 = (await app.inject({ url: '/api/homestead/quarterly?year=2026&quarter=1', headers: as('county') })).json();
    expect(q1.townships).toEqual([expect.objectContaining({ township: '汤头沟镇', received: 1, approved: 1, approvedArea: 180 })]);
    const xlsx = await app.inject({ url: '/api/homestead/quarterly.xlsx?year=2026&quarter=1', headers: as('county') });
    expect(xlsx.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as any);
    const ws = wb.getWorksheet('分乡镇统计')!;
    expect(ws.getRow(1).getCell(1).value).toBe('乡镇（街道）');
    expect(ws.getRow(2).values).toEqual([undefined, '汤头沟镇', 1, 1, 180, 0, 0, 0, 0, expect.any(Number)]);
    const led = await app.inject({ url: '/api/homestead/ledger.xlsx', headers: as('township-tgt') });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(led.rawPayload as any);
    expect(wb2.getWorksheet('审批管理台账')!.rowCount).toBe(l.rows.length + 1);
    const badQ = await app.inject({ url: '/api/homestead/quarterly?year=2026&quarter=5', headers: as('county') });
    expect(badQ.statusCode).toBe(400);
  });

  it('keeps one file per household, with each event checked against its hash', async () => {
    const c = (await app.inject({ url: '/api/cases?pageSize=1', headers: as('zhangsan') })).json().items[0];
    const a = (await app.inject({ url: `/api/cases/${c.id}/archive`, headers: as('zhangsan') })).json();
    expect(a.integrity.intact).toBe(true);
    expect(a.events.length).toBeGreaterThan(0);
    expect(a.events[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await app.inject({ url: `/api/cases/${c.id}/archive`, headers: as('lisi') })).statusCode).toBe(404);
  });

  it('keeps every change in an unbroken hash chain, and notices tampering', async () => {
    const clean = await verifyAuditChain(db);
    expect(clean.problems).toEqual([]);
    expect(clean.events).toBeGreaterThan(30);
    const viaApi = await app.inject({ url: '/api/audit/verify', headers: as('admin') });
    expect(viaApi.json().problems).toEqual([]);
    expect((await app.inject({ url: '/api/audit/verify', headers: as('county') })).statusCode).toBe(403);

    await db.kysely.updateTable('case_events').set({ reason: '篡改' }).where('seq', '=', 5).execute();
    const edited = await verifyAuditChain(db);
    expect(edited.problems).toEqual([expect.objectContaining({ seq: 5, problem: 'edited' })]);

    await db.kysely.deleteFrom('case_events').where('seq', '=', 9).execute();
    const deleted = await verifyAuditChain(db);
    expect(deleted.problems.map((p) => p.problem)).toContain('deleted_or_reordered');
    // The chain is per case: the gap is named in the case's own numbering, before its next event.
    expect(deleted.problems.find((p) => p.problem === 'deleted_or_reordered')!.message).toMatch(
      /事件 #\d+（第 \d+ 个）之前的链断开：缺少本案第 \d+ 个事件（被删除）/,
    );
  });
});
