// 受理回执 with the promised completion date, and the 一次性告知书, on SQLite and PostgreSQL. The figures of the
// promise are those of 隆政发〔2022〕11号 第十六条 on the official calendar: village track 5 (初审) + 5 (公示, its minimum)
// + 5 (上报) + 20 (乡镇) = 35 working days, group track 5 + 5 + 5 + 5 + 20 = 40; the village meeting has no limit and is
// named as not counted. A notice is issued only by the office acting on the current step, lists items of the
// procedure's materials list with their articles, is a PDF for whoever may read the case, tells the applicant through
// the notification centre and the e-mail job, and leaves the case (state, version, record) and the audit chain intact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptContent } from '../../src/engine/cases.js';
import { noticeContent, type NoticeRecord } from '../../src/engine/notice-content.js';
import { findPersonalData } from '../../src/engine/personal-data.js';
import { validateDefinition } from '../../src/engine/procedure.js';
import { NO_OVERALL_LIMIT } from '../../src/engine/promise.js';
import { baseApplication, deepMerge } from '../../src/procedures/homestead/fixtures.js';
import { REGISTRY } from '../../src/procedures/registry.js';
import { testPlatform } from '../helpers/api.js';
import { APPLICATIONS } from '../helpers/fixtures.js';
import { ENGINES } from '../helpers/databases.js';

const TODAY = '2026-11-27';
const ID = '130825196001015018';
const homestead = REGISTRY.procedures.get('homestead')!;

describe('the promised path of a definition', () => {
  it('is checked at start-up: states that exist, each step leading to the next, one path per start state', () => {
    expect(() => validateDefinition(homestead)).not.toThrow();
    const withPaths = (paths: string[][]) => ({ ...homestead, promise: { paths, until: '决定' } });
    expect(() => validateDefinition(withPaths([['village_review', 'publicity'], homestead.promise!.paths[1]]))).toThrow(
      /no action leads from village_review to publicity/,
    );
    expect(() => validateDefinition(withPaths([homestead.promise!.paths[0]]))).toThrow(/start state group_review needs exactly one path/);
    expect(() => validateDefinition(withPaths([['village_review', 'nowhere'], homestead.promise!.paths[1]]))).toThrow(/unknown state nowhere/);
  });
});

describe.each(ENGINES)('承诺办结日期 and 一次性告知书 on %s', (engine) => {
  let p: Awaited<ReturnType<typeof testPlatform>>;
  let caseId: string; // a village-track case, brought to the township's review
  const app2026 = (date: string, patch: unknown = {}) => deepMerge(deepMerge(baseApplication(), { applicationDate: date }), patch);
  const issue = (user: string, id: string, body: unknown) =>
    p.app.inject({ method: 'POST', url: `/api/cases/${id}/notices`, payload: body as object, headers: p.api.as(user) });
  const count = async (table: 'case_events' | 'notifications' | 'jobs', where: (q: any) => any = (q) => q) =>
    Number((await where(p.db.kysely.selectFrom(table).select((eb: any) => eb.fn.countAll().as('n'))).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    p = await testPlatform(engine, { today: TODAY, users: ['zhangsan', 'lisi', 'village-tgt', 'township-tgt', 'township-hmy', 'county'] });
    // The applicant has an e-mail address: the notice goes out by the e-mail job like every other case message.
    await p.db.kysely.updateTable('users').set({ email: 'zhangsan@example.cn' }).where('username', '=', 'zhangsan').execute();
    const c = await p.api.ok(p.api.file('zhangsan', 'homestead', app2026('2026-09-21')));
    caseId = c.id;
    await p.api.ok(p.api.act('village-tgt', caseId, 'accept_complete', '2026-09-22'));
    await p.api.ok(p.api.act('village-tgt', caseId, 'record_meeting', '2026-09-23', { present: 20, agree: 15 }));
    await p.api.ok(p.api.act('village-tgt', caseId, 'end_publicity', '2026-10-15', { objections: 'none' }));
    const tw = await p.api.ok(p.api.act('village-tgt', caseId, 'report_to_township', '2026-10-16'));
    expect(tw.state.id).toBe('township_review');
  });
  afterAll(async () => p?.close());

  describe('承诺办结日期', () => {
    it('adds up the village track on the official calendar: 35 working days across 中秋 and 国庆', async () => {
      const c = await p.api.ok(p.api.get('zhangsan', caseId));
      expect(c.promise).toMatchObject({ date: '2026-11-16', workdays: 35, until: '乡镇作出是否批准的决定', notCounted: ['村民代表会议讨论'] });
      // Each step starts where the one before ended, had it used its full limit (09-25 中秋, 10-01..07 国庆 are not working days).
      expect(c.promise.steps.map((s: any) => [s.state, s.counted, s.amount, s.from, s.to])).toEqual([
        ['village_review', 'due', '5 个工作日', '2026-09-21', '2026-09-29'],
        ['village_meeting', 'none', null, '2026-09-29', '2026-09-29'],
        ['publicity', 'minimum', '5 个工作日', '2026-09-29', '2026-10-12'],
        ['village_report', 'due', '5 个工作日', '2026-10-12', '2026-10-19'],
        ['township_review', 'due', '20 个工作日', '2026-10-19', '2026-11-16'],
      ]);
      expect(c.promise.steps[4].cites).toBe('隆政发〔2022〕11号 第十六条第四款第（一）项');
      expect(c.promise.text).toBe(
        '2026-11-16（自受理之日起按各环节法定时限累计 35 个工作日，至乡镇作出是否批准的决定；村民代表会议讨论依据文件未规定时限，未计入）',
      );
      expect(c.promise.notes).toEqual([
        '乡镇审核审批（一到场）经批准可延长 10 个工作日（隆政发〔2022〕11号 第十六条第四款第（一）项），承诺办结日期相应顺延。',
        '农用地及未利用地转用审批的时间不计入乡镇审核审批（一到场）的时限（隆政发〔2022〕11号 第十六条第四款第（一）项）。',
        '退回补正的，初审期限自重新提交之日起重新计算（隆政发〔2022〕11号 第十六条第二款第（二）项、第三款第（二）项）。',
        '批准后的开工查验（二到场）和竣工验收（三到场）自申请人提出申请之日起另行计算（隆政发〔2022〕11号 第十六条第四款第（二）项、第（三）项）。',
      ]);
      // The promise is that of the receipt: later steps do not move it.
      expect((await p.api.ok(p.api.get('township-tgt', caseId))).promise.date).toBe('2026-11-16');
    });

    it('adds up the group track: 40 working days', async () => {
      const c = await p.api.ok(p.api.file('zhangsan', 'homestead', app2026('2026-09-21', { plot: { owner: 'group' } })));
      expect(c.state.id).toBe('group_review');
      expect(c.promise).toMatchObject({ date: '2026-11-23', workdays: 40, notCounted: ['村民小组会议讨论'] });
      expect(c.promise.steps.map((s: any) => s.to)).toEqual(['2026-09-29', '2026-09-29', '2026-10-12', '2026-10-19', '2026-10-26', '2026-11-23']);
    });

    it('says so when the calendar does not know the days, and when the text sets no overall limit', async () => {
      const late = await p.api.ok(p.api.file('zhangsan', 'homestead', app2026('2026-11-26')));
      expect(late.promise.date).toBeNull();
      expect(late.promise.text).toMatch(/^无法计算承诺办结日期：2027 年的节假日安排尚未收录/);
      const transfer = await p.api.ok(p.api.file('zhangsan', 'homestead-transfer', APPLICATIONS['homestead-transfer'].application));
      expect(transfer.promise).toMatchObject({ date: null, text: NO_OVERALL_LIMIT, steps: [] });
    });

    it('is printed on the 受理回执 with what it does not cover', async () => {
      const c = await p.api.ok(p.api.get('zhangsan', caseId));
      const row = { id: caseId, title: c.title, application_date: c.applicationDate, ...c.jurisdiction };
      const rows = Object.fromEntries(receiptContent(homestead, row, { state: homestead.states[0], due: null, promise: c.promise }).rows);
      expect(rows['承诺办结日期']).toContain('2026-11-16（自受理之日起按各环节法定时限累计 35 个工作日');
      expect(rows['承诺办结日期']).toContain('经批准可延长 10 个工作日');
      expect(rows['受理单位']).toBe('隆化县汤头沟镇大汤头沟村 村级组织 / 宅基地协管员');
      const transfer = REGISTRY.procedures.get('homestead-transfer')!;
      const none = receiptContent(transfer, row, {
        state: transfer.states[0],
        due: null,
        promise: { ...c.promise, date: null, text: NO_OVERALL_LIMIT, notes: [] },
      });
      expect(Object.fromEntries(none.rows)['承诺办结日期']).toBe(NO_OVERALL_LIMIT);
      const pdf = await p.app.inject({ url: `/api/cases/${caseId}/receipt`, headers: p.api.as('zhangsan') });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    });
  });

  describe('一次性告知书', () => {
    const valid = {
      items: [
        { material: 2, problem: 'missing' },
        { material: 5, problem: 'unclear', note: `照片模糊，看不清公示内容；拍摄人身份证 ${ID}` },
      ],
      deadline: { workdays: 5 },
    };

    it('is issued only by the office acting on the current step, in whose area the case is', async () => {
      const before = await count('case_events');
      for (const [user, status, message] of [
        ['village-tgt', 403, /由当前环节“乡镇审核审批（一到场）”的办理单位（乡镇人民政府（街道办事处））出具/],
        ['county', 403, /办理单位/],
        ['zhangsan', 403, /办理单位/],
        ['township-hmy', 404, /^案件不存在/],
        ['lisi', 404, /^案件不存在/],
      ] as const) {
        const r = await issue(user, caseId, valid);
        expect(r.statusCode, `${user}: ${r.body}`).toBe(status);
        expect(r.json().message).toMatch(message);
      }
      expect((await p.app.inject({ method: 'POST', url: `/api/cases/${caseId}/notices`, payload: valid })).statusCode).toBe(401);
      expect(await count('case_events')).toBe(before);
    });

    it('takes only items of the materials list, at least one, and a deadline; refuses the rest in Chinese and writes nothing', async () => {
      const before = { events: await count('case_events'), notes: await count('notifications'), jobs: await count('jobs') };
      const bad: [unknown, RegExp][] = [
        [{}, /请选择需要补正的材料/],
        [{ text: '材料不全，请补正' }, /请选择需要补正的材料|未知|不允许|unrecognized/i],
        [{ items: [], deadline: { workdays: 5 } }, /请至少选择一项需要补正的材料/],
        [
          { items: [{ material: 6 }], deadline: { workdays: 5 } },
          /items\.0\.material：第 1 项不在“农村宅基地和建房（规划许可）审批”的申请材料清单中（序号 0–5）/,
        ],
        [{ items: [{ material: -1 }], deadline: { workdays: 5 } }, /不在.*申请材料清单中/],
        [{ items: [{ material: 1.5 }], deadline: { workdays: 5 } }, /材料序号应为整数/],
        [{ items: [{ material: '农村建房四邻协议书' }], deadline: { workdays: 5 } }, /请选择材料/],
        [{ items: [{ material: 2 }, { material: 2 }], deadline: { workdays: 5 } }, /重复列出/],
        [{ items: [{ material: 2, problem: 'lost' }], deadline: { workdays: 5 } }, /missing（缺少）/],
        [{ items: [{ material: 2, note: '长'.repeat(201) }], deadline: { workdays: 5 } }, /说明不超过 200 字/],
        [{ items: [{ material: 2 }] }, /补正期限/],
        [{ items: [{ material: 2 }], deadline: { workdays: 5, date: '2026-12-31' } }, /其中一项/],
        [{ items: [{ material: 2 }], deadline: { workdays: 0 } }, /至少 1 个工作日/],
        [{ items: [{ material: 2 }], deadline: { workdays: 61 } }, /不超过 60 个工作日/],
        [{ items: [{ material: 2 }], deadline: { date: '2026-11-27' } }, /应晚于告知日期（2026-11-27）/],
        [{ items: [{ material: 2 }], deadline: { date: '2026-02-30' } }, /不存在/],
        [{ items: [{ material: 2 }], deadline: { date: '2028-01-01' } }, /不超过告知之日起一年/],
        [[1, 2], /JSON 对象/],
      ];
      for (const [body, message] of bad) {
        const r = await issue('township-tgt', caseId, body);
        expect(r.statusCode, `${JSON.stringify(body)} → ${r.body}`).toBe(400);
        expect(r.json().message, JSON.stringify(body)).toMatch(message);
      }
      // 2027 is not on the calendar yet: a deadline in working days that reaches it cannot be counted.
      const beyond = await issue('township-tgt', caseId, { items: [{ material: 2 }], deadline: { workdays: 40 } });
      expect(beyond.statusCode).toBe(422);
      expect(beyond.json().message).toMatch(/^无法计算补正期限：2027 年/);
      const stale = await issue('township-tgt', caseId, { ...valid, version: 1 });
      expect(stale.statusCode).toBe(409);
      expect({ events: await count('case_events'), notes: await count('notifications'), jobs: await count('jobs') }).toEqual(before);
    });

    it('is recorded without changing the case, tells the applicant by notification and e-mail job, and lists on the case', async () => {
      const before = await p.api.ok(p.api.get('township-tgt', caseId));
      expect(before.canIssueNotice).toBe(true);
      const r = await issue('township-tgt', caseId, { ...valid, version: before.version });
      expect(r.statusCode, r.body).toBe(201);
      const n = r.json();
      expect(n).toMatchObject({
        n: 1,
        number: `${caseId}-GZ1`,
        issuedOn: TODAY,
        issuedBy: '演示·汤头沟镇人民政府',
        office: '隆化县汤头沟镇 乡镇人民政府（街道办事处）',
        stateLabel: '乡镇审核审批（一到场）',
        deadline: { date: '2026-12-04', workdays: 5 },
        pdf: `/api/cases/${caseId}/notices/1.pdf`,
      });
      expect(n.items).toEqual([
        {
          material: 2,
          label: '农村建房四邻协议书',
          cites: '隆政发〔2022〕11号 第十七条第（三）项',
          link: expect.any(String),
          materialNote: null,
          problem: 'missing',
          problemLabel: '缺少',
          note: null,
        },
        expect.objectContaining({
          material: 5,
          label: '公示（会议讨论同意后公示）的影像资料',
          cites: '隆政发〔2022〕11号 第十七条第（六）项',
          problemLabel: '不清晰',
          note: '照片模糊，看不清公示内容；拍摄人身份证 130825********5018',
        }),
      ]);
      const after = await p.api.ok(p.api.get('zhangsan', caseId));
      expect(after.version).toBe(before.version);
      expect(after.state.id).toBe('township_review');
      expect(after.record).toEqual(before.record);
      expect(after.canIssueNotice).toBe(false);
      expect(after.notices).toHaveLength(1);
      expect(after.notices[0].items.map((i: any) => i.label)).toEqual(['农村建房四邻协议书', '公示（会议讨论同意后公示）的影像资料']);
      expect(after.timeline.at(-1)).toMatchObject({ action: 'one_time_notice', label: '一次性告知（补正材料）' });
      expect(findPersonalData(JSON.stringify(after))).toEqual([]);
      expect((await p.api.ok(p.app.inject({ url: `/api/cases/${caseId}/notices`, headers: p.api.as('county') }))).items).toHaveLength(1);
      // The step goes on with the version the official saw before the notice.
      const inspected = await p.api.act('township-tgt', caseId, 'site_inspection', TODAY, { findings: '四至清楚', conformsToPlan: true }, before.version);
      expect(inspected.statusCode, inspected.body).toBe(200);

      const inbox = await p.api.ok(p.app.inject({ url: '/api/notifications', headers: p.api.as('zhangsan') }));
      const note = inbox.items.find((i: any) => i.title === '一次性告知：请补正 2 项材料');
      expect(note).toMatchObject({ caseId, kind: 'action_needed' });
      expect(note.body).toContain('1. 农村建房四邻协议书（缺少）；2. 公示（会议讨论同意后公示）的影像资料（不清晰：照片模糊');
      expect(note.body).toContain('请于 2026-12-04 前一并补齐');
      expect(findPersonalData(note.body)).toEqual([]);
      const job = await p.db.kysely.selectFrom('jobs').selectAll().where('dedup_key', '=', `email:${caseId}:notice:1`).executeTakeFirstOrThrow();
      expect(job.kind).toBe('email');
      const mail = JSON.parse(job.payload_json);
      expect(mail).toMatchObject({ to: 'zhangsan@example.cn', subject: '【政务】一次性告知：请补正 2 项材料' });
      expect(findPersonalData(mail.text)).toEqual([]);

      // A second notice is numbered 2; a deadline may be a date.
      const second = await issue('township-tgt', caseId, {
        items: [{ material: 4, problem: 'nonconforming', note: '缺配偶页' }],
        deadline: { date: '2026-12-15' },
      });
      expect(second.statusCode, second.body).toBe(201);
      expect(second.json()).toMatchObject({ n: 2, number: `${caseId}-GZ2`, deadline: { date: '2026-12-15', workdays: null } });
    });

    it('is a numbered PDF for whoever may read the case, listing each item with its article, masked', async () => {
      for (const user of ['zhangsan', 'village-tgt', 'township-tgt', 'county']) {
        const r = await p.app.inject({ url: `/api/cases/${caseId}/notices/1.pdf`, headers: p.api.as(user) });
        expect(r.statusCode, user).toBe(200);
        expect(r.headers['content-type']).toBe('application/pdf');
        expect(r.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(r.rawPayload.toString('latin1')).not.toContain(ID);
      }
      expect((await p.app.inject({ url: `/api/cases/${caseId}/notices/1.pdf`, headers: p.api.as('lisi') })).json().message).toMatch(/^案件不存在/);
      expect((await p.app.inject({ url: `/api/cases/${caseId}/notices/1.pdf` })).statusCode).toBe(401);
      for (const n of ['3', 'x', '0', '01']) {
        const r = await p.app.inject({ url: `/api/cases/${caseId}/notices/${n}.pdf`, headers: p.api.as('zhangsan') });
        expect(r.statusCode, n).toBe(404);
        expect(r.json().message).toMatch(/^没有这份一次性告知书/);
      }
      // What the PDF prints, before it is rendered: every item, what is wrong, its article, the deadline, the office, the day.
      const event = await p.db.kysely
        .selectFrom('case_events')
        .select('data_json')
        .where('case_id', '=', caseId)
        .where('action', '=', 'one_time_notice')
        .orderBy('seq')
        .executeTakeFirstOrThrow();
      const notice = JSON.parse(event.data_json).notice as NoticeRecord;
      expect(notice.items[1].note).toContain(ID); // the record keeps what the official wrote; every output masks it
      const content = noticeContent(homestead, { id: caseId, title: '张三 · 大汤头沟村 · 分户新建' }, notice);
      const rows = Object.fromEntries(content.rows);
      expect(content).toMatchObject({ title: '一次性告知书', number: `${caseId}-GZ1`, issuer: '隆化县汤头沟镇 乡镇人民政府（街道办事处）', date: TODAY });
      expect(rows['补正材料 1']).toBe('农村建房四邻协议书：缺少\n依据：隆政发〔2022〕11号 第十七条第（三）项');
      expect(rows['补正材料 2']).toBe(
        '公示（会议讨论同意后公示）的影像资料：不清晰（照片模糊，看不清公示内容；拍摄人身份证 130825********5018）\n依据：隆政发〔2022〕11号 第十七条第（六）项',
      );
      expect(rows['补正期限']).toBe('2026-12-04 前（自告知之日起 5 个工作日内）');
      expect(rows['告知日期']).toBe(TODAY);
      expect(content.basis).toEqual(['隆政发〔2022〕11号 第十七条第（三）项', '隆政发〔2022〕11号 第十七条第（六）项']);
      expect(content.notes[0]).toMatch(/^以上 2 项是本申请需要补正的全部材料，一次性告知/);
      expect(findPersonalData(JSON.stringify(content))).toEqual([]);
    });

    it('serves any procedure that lists its materials (转让, by the village), and no other', async () => {
      const t = await p.api.ok(p.api.file('zhangsan', 'homestead-transfer', APPLICATIONS['homestead-transfer'].application));
      expect(t.state.actor).toBe('village');
      const r = await issue('village-tgt', t.id, { items: [{ material: 2, note: '有偿转让，未附票据' }], deadline: { workdays: 3 } });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json().items[0]).toMatchObject({ label: '收付款票据', cites: '隆政发〔2022〕11号 第二十四条第（一）项', materialNote: '有偿转让的' });
      const reclaim = await p.api.ok(p.api.file('village-tgt', 'homestead-reclaim', APPLICATIONS['homestead-reclaim'].application));
      const none = await issue('township-tgt', reclaim.id, { items: [{ material: 0 }], deadline: { workdays: 3 } });
      expect(none.statusCode).toBe(422);
      expect(none.json().message).toMatch(/没有列明申请材料/);
      // A finished case takes no notice.
      const w = await p.api.ok(p.api.file('zhangsan', 'homestead', app2026('2026-11-20')));
      await p.api.ok(p.api.act('zhangsan', w.id, 'withdraw', TODAY, { reason: '不再申请' }));
      const done = await issue('village-tgt', w.id, valid);
      expect(done.statusCode).toBe(409);
      expect(done.json().message).toMatch(/不能再出具一次性告知书/);
    });

    it('leaves the audit chain clean', async () => {
      const r = await p.app.inject({ url: '/api/audit/verify', headers: { authorization: 'Bearer test-admin' } });
      expect(r.statusCode).toBe(200);
      expect(r.json().problems).toEqual([]);
      expect(r.json().events).toBeGreaterThan(10);
    });
  });
});
