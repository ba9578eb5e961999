// Task progress and 督办 through the HTTP API on SQLite and PostgreSQL: lead and co-unit reports,
// corrections as versions, authorization, 逾期 once a deadline year has passed, the 督办 cycle,
// dashboards, the department view and the 任务进展 sheet of the annual report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { apiClient, testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
/** 47号 二、（二）6.（37）"到2022年，培养培训75名养老院院长…": 市教育局、市人社局、市民政局 lead. */
const T37 = 'b2022-47-二、（二）6.（37）';
/** 51号 二、（二）1.: 市卫健委 leads, 市民政局 and 市妇联 co-operate. */
const TWJ = 'b2022-51-二、（二）1.';
/** 51号 二、（四）6.: 市生态环境局 leads; 市民政局 has no part. */
const TST = 'b2022-51-二、（四）6.';
const enc = encodeURIComponent;

describe.each(ENGINES)('task progress and 督办 on %s', (engine) => {
  let app: FastifyInstance;
  let today = '2022-06-01';
  let c: ReturnType<typeof apiClient>;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    platform = await testPlatform(engine, {
      today: () => today,
      gazettes: ['data/gazettes/2022-04.txt'],
      // A 卫健委 account, its unit spelled as 51号 prints it (normalised to 市卫生健康委).
      accounts: [{ username: 'wjw', password: 'test-wjw-password', displayName: '测试·市卫健委', role: 'department', unit: '市卫健委' }],
      users: ['plan-office', 'sthjj', 'mzj', 'zhangsan', ['wjw', 'test-wjw-password']],
    });
    ({ app, api: c } = platform);
  }, 60_000);
  afterAll(async () => {
    await platform?.close();
  });
  const report = (u: string | null, id: string, payload: object) =>
    app.inject({ method: 'POST', url: `/api/plans/tasks/${enc(id)}/reports`, headers: u ? c.as(u) : {}, payload });
  const task = (u: string, id: string, year = 2022) => app.inject({ url: `/api/plans/tasks/${enc(id)}?year=${year}`, headers: c.as(u) });
  const act = (u: string, sid: string, payload: object) =>
    app.inject({ method: 'POST', url: `/api/plans/supervisions/${sid}/actions`, headers: c.as(u), payload });
  const supervise = (u: string, id: string, payload: object) =>
    app.inject({ method: 'POST', url: `/api/plans/tasks/${enc(id)}/supervisions`, headers: c.as(u), payload });

  it('the lead unit files, a co-unit files its part, a correction is version 2, a stale version answers 409', async () => {
    const lead = await report('wjw', TWJ, {
      year: 2022,
      status: 'in_progress',
      note: '已印发出生缺陷防治实施方案',
      evidence: { name: '方案.png', mime: 'image/png', base64: PNG.toString('base64') },
      basedOnVersion: 0,
    });
    expect(lead.statusCode).toBe(201);
    expect(lead.json()).toMatchObject({ kind: 'lead', unit: '市卫生健康委', version: 1, status: 'in_progress', statusLabel: '推进中' });
    const co = await report('mzj', TWJ, { year: 2022, status: 'in_progress', note: '民政部门配合摸排困难家庭', basedOnVersion: 0 });
    expect(co.statusCode).toBe(201);
    expect(co.json()).toMatchObject({ kind: 'co', unit: '市民政局', version: 1 });
    const stale = await report('wjw', TWJ, { year: 2022, status: 'done', note: '更正', basedOnVersion: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toMatch(/牵头单位进展已被更新为第 1 版/);
    const second = await report('wjw', TWJ, { year: 2022, status: 'done', note: '更正：全年任务已完成', basedOnVersion: 1 });
    expect(second.json()).toMatchObject({ version: 2, status: 'done' });

    const d = await c.ok(task('plan-office', TWJ));
    expect(d.progress).toMatchObject({ year: 2022, status: 'done', statusLabel: '已完成', lead: { version: 2, note: '更正：全年任务已完成' } });
    expect(d.progress.co.map((r: any) => [r.unit, r.version])).toEqual([['市民政局', 1]]);
    expect(d.history.map((h: any) => [h.kind, h.version])).toEqual([
      ['co', 1],
      ['lead', 1],
      ['lead', 2],
    ]);
    expect(d.years.find((y: any) => y.year === 2022).status).toBe('done');
    expect(d).toMatchObject({ mayReport: null, maySupervise: true });
    expect((await c.ok(task('mzj', TWJ))).mayReport).toBe('co');
    // The co-unit reads the lead's evidence.
    const ev = await app.inject({ url: d.history.find((h: any) => h.evidence).evidence.link, headers: c.as('mzj') });
    expect(ev.statusCode).toBe(200);
    expect(ev.headers['content-type']).toBe('image/png');
    expect(Buffer.from(ev.rawPayload).equals(PNG)).toBe(true);
  });

  it('a department reports and reads only tasks it leads or co-operates on; errors are in Chinese', async () => {
    const other = await report('mzj', TST, { year: 2022, status: 'in_progress', note: '越权' });
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toMatch(/市民政局不是该任务.*的牵头或配合单位/);
    expect((await task('sthjj', TWJ)).statusCode).toBe(403);
    expect((await app.inject({ url: `/api/plans/task-evidence/${(await c.ok(task('wjw', TWJ))).history[1].id}`, headers: c.as('sthjj') })).statusCode).toBe(
      403,
    );
    const office = await report('plan-office', TWJ, { year: 2022, status: 'done', note: '代报' });
    expect(office.statusCode).toBe(403);
    expect(office.json().message).toMatch(/由牵头单位/);
    const citizen = await task('zhangsan', TWJ);
    expect(citizen.statusCode).toBe(403);
    expect(citizen.json().message).toMatch(/只有市直部门和市政府办公室/);
    expect((await report(null, TWJ, { year: 2022, status: 'done', note: '匿名' })).statusCode).toBe(401);
    expect((await task('mzj', 'no-such-task')).statusCode).toBe(404);

    const bad = await report('mzj', T37, { year: 2030, status: 'finished', note: ' ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: any) => d.field)).toEqual(['year', 'status', 'note']);
    expect(bad.json().message).toMatch(/年份应在 2021—2025 之间/);
    const long = await report('mzj', T37, { year: 2022, status: 'done', note: '长'.repeat(2001) });
    expect(long.json().details).toEqual([{ field: 'note', message: '情况说明不超过 2000 字' }]);
    const notPdf = await report('mzj', T37, {
      year: 2022,
      status: 'done',
      note: '说明',
      evidence: { name: 'x.pdf', mime: 'application/pdf', base64: Buffer.from('not a pdf').toString('base64') },
    });
    expect(notPdf.json().details[0].message).toMatch(/PDF、PNG 或 JPEG/);
    expect((await report('mzj', T37, { year: '2022', note: 1 })).statusCode).toBe(400);
    // PostgreSQL text cannot hold NUL: refused as input, never a 500.
    expect((await report('mzj', T37, { year: 2022, status: 'done', note: '说明\u0000' })).json().details[0].message).toMatch(/控制字符/);
    expect((await act('mzj', '%00', { action: 'answer', version: 1, note: '答复' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/plans/task-evidence/%00', headers: c.as('mzj') })).statusCode).toBe(404);

    // The task list shows progress only where the reader may see it.
    const list = await c.ok(app.inject({ url: `/api/plans/tasks?year=2022`, headers: c.as('mzj') }));
    expect(list.tasks.find((t: any) => t.id === TWJ).progress.status).toBe('done');
    expect(list.tasks.find((t: any) => t.id === TST).progress).toBeNull();
    const anon = await c.ok(app.inject({ url: `/api/plans/tasks?year=2022` }));
    expect(anon.tasks).toHaveLength(271);
    expect(anon.tasks.every((t: any) => t.progress === null)).toBe(true);
    expect(anon.tasks.find((t: any) => t.id === T37).deadlines).toEqual([{ year: 2022, quote: '到2022年，培养培训75名养老院院长、6000名养老护理人员' }]);
  });

  it('a task is flagged 逾期 once its deadline year has passed without a 已完成 lead report', async () => {
    expect((await c.ok(task('mzj', T37))).progress.overdue).toEqual([]);
    today = '2023-01-05';
    const late = (await c.ok(task('mzj', T37))).progress.overdue;
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ year: 2022, status: null });
    expect(late[0].quote).toMatch(/^到2022年，培养培训75名养老院院长/);
    expect(late[0].message).toMatch(/^逾期：原文"到2022年，培养培训75名养老院院长.*2022年未报送进展/);
    expect((await report('mzj', T37, { year: 2022, status: 'in_progress', note: '院长培训完成，护理人员培训进行中', basedOnVersion: 0 })).statusCode).toBe(201);
    expect((await c.ok(task('mzj', T37))).progress.overdue[0]).toMatchObject({ year: 2022, status: 'in_progress' });
    // A report for another year does not settle 2022.
    expect((await report('mzj', T37, { year: 2023, status: 'done', note: '2023年巩固提升' })).statusCode).toBe(201);
    expect((await c.ok(task('mzj', T37))).progress.overdue).toHaveLength(1);
    expect((await report('mzj', T37, { year: 2022, status: 'done', note: '全部完成：75名院长、6000名护理人员', basedOnVersion: 1 })).statusCode).toBe(201);
    expect((await c.ok(task('mzj', T37))).progress.overdue).toEqual([]);
  });

  it('督办: the plan office opens, the lead unit answers, the office sets a new date and closes it (验收销号)', async () => {
    const basis48 = '承市政办字〔2022〕48号 四、（三）';
    expect((await supervise('mzj', T37, { reason: '推进缓慢', dueDate: '2023-02-28', basis: basis48 })).statusCode).toBe(403);
    const past = await supervise('plan-office', T37, { reason: '推进缓慢', dueDate: '2023-01-05', basis: basis48 });
    expect(past.statusCode).toBe(400);
    expect(past.json().details).toEqual([{ field: 'dueDate', message: '办理期限应晚于今天（2023-01-05）' }]);
    const noDay = await supervise('plan-office', T37, { reason: '推进缓慢', dueDate: '2023-02-30', basis: '文件要求' });
    expect(noDay.json().details.map((d: any) => d.field)).toEqual(['dueDate', 'basis']);
    expect(noDay.json().details[0].message).toMatch(/不存在/);

    const opened = await supervise('plan-office', T37, { reason: '护理人员培训进度滞后于年度任务清单', dueDate: '2023-02-28', basis: basis48 });
    expect(opened.statusCode).toBe(201);
    const s = opened.json();
    expect(s).toMatchObject({ state: 'open', stateLabel: '督办中', version: 1, dueDate: '2023-02-28', basis: basis48, overdue: false, task: { id: T37 } });
    expect((await supervise('plan-office', T37, { reason: '再次督办', dueDate: '2023-03-01', basis: basis48 })).statusCode).toBe(409);
    const early = await act('plan-office', s.id, { action: 'close', version: 1, note: '销号' });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toMatch(/尚未答复/);
    expect((await act('sthjj', s.id, { action: 'answer', version: 1, note: '越权答复' })).statusCode).toBe(404);

    const answered = await c.ok(act('mzj', s.id, { action: 'answer', version: 1, note: '已完成75名院长培训，护理人员培训2月完成' }));
    expect(answered).toMatchObject({ state: 'answered', version: 2 });
    expect((await act('mzj', s.id, { action: 'answer', version: 1, note: '重复答复' })).statusCode).toBe(409);
    expect((await act('mzj', s.id, { action: 'close', version: 2, note: '自行销号' })).statusCode).toBe(403);
    const extended = await c.ok(act('plan-office', s.id, { action: 'extend', version: 2, dueDate: '2023-03-31', note: '护理人员培训延至3月底' }));
    expect(extended).toMatchObject({ state: 'open', dueDate: '2023-03-31', version: 3 });
    await c.ok(act('mzj', s.id, { action: 'answer', version: 3, note: '6000名护理人员培训已完成，附名单' }));
    expect((await act('plan-office', s.id, { action: 'close', version: 4 })).json().details).toEqual([{ field: 'note', message: '请填写验收意见' }]);
    const closed = await c.ok(act('plan-office', s.id, { action: 'close', version: 4, note: '经验收，培训任务完成，予以销号' }));
    expect(closed).toMatchObject({ state: 'closed', stateLabel: '已销号', version: 5 });
    expect(closed.closedAt).toBeTruthy();
    expect(closed.events.map((e: any) => e.action)).toEqual(['open', 'answer', 'extend', 'answer', 'close']);
    expect(closed.events.map((e: any) => e.actionLabel)).toEqual(['挂账督办', '牵头单位答复', '重新确定办理期限', '牵头单位答复', '验收销号']);
    expect((await act('mzj', s.id, { action: 'answer', version: 5, note: '追加' })).json().message).toMatch(/已验收销号/);

    // Reopened after a relapse; and a 督办 on a task the 民政局 only co-operates on: it may not answer.
    expect((await act('plan-office', s.id, { action: 'reopen', version: 5, note: '复查发现反弹' })).json().details[0].field).toBe('dueDate');
    expect(await c.ok(act('plan-office', s.id, { action: 'reopen', version: 5, note: '复查发现反弹', dueDate: '2023-06-30' }))).toMatchObject({
      state: 'open',
      version: 6,
    });
    const s2 = (
      await supervise('plan-office', TWJ, { reason: '请报送配合单位工作台账', dueDate: '2023-01-20', basis: '承市政字〔2022〕16号 三、（十一）5.' })
    ).json();
    expect(s2.basisSummary).toMatch(/挂账督办、全程跟踪、台账推进和验收销号/);
    expect((await act('mzj', s2.id, { action: 'answer', version: 1, note: '配合单位答复' })).statusCode).toBe(403);
    expect((await c.ok(task('mzj', TWJ))).supervisions).toHaveLength(1);
    expect((await c.ok(act('wjw', s2.id, { action: 'answer', version: 1, note: '已报送' }))).state).toBe('answered');
    expect((await act('plan-office', s2.id, { action: 'noop', version: 2 })).statusCode).toBe(400);
    expect((await c.ok(app.inject({ url: '/api/plans/supervisions?pending=true', headers: c.as('sthjj') }))).supervisions).toEqual([]);
    expect((await c.ok(app.inject({ url: '/api/plans/supervisions?pending=true', headers: c.as('plan-office') }))).supervisions).toHaveLength(2);
  });

  it('the dashboards and the department view count tasks by status, list overdue tasks and open 督办', async () => {
    const d = (await c.ok(app.inject({ url: '/api/plans/dashboard?year=2022', headers: c.as('plan-office') }))).tasks;
    expect(d.total).toBe(271);
    expect(d.counts).toEqual({ not_started: 0, in_progress: 0, done: 2, late: 0, none: 269 });
    expect(d.byPlan.find((p: any) => p.document === '承市政办字〔2022〕51号').counts.done).toBe(1);
    expect(d.overdue.map((o: any) => o.id).sort()).toEqual(['z2022-16-三、（八）2.', 'z2022-24-三、（二）3.']);
    expect(d.supervisions.map((s: any) => [s.taskId, s.state])).toEqual([
      [T37, 'open'],
      [TWJ, 'answered'],
    ]);
    const mine = (await c.ok(app.inject({ url: '/api/plans/dashboard?year=2022', headers: c.as('mzj') }))).tasks;
    expect(mine.overdue.map((o: any) => o.id)).toEqual(['z2022-24-三、（二）3.']);
    expect(mine.supervisions).toHaveLength(2);
    expect(mine.total).toBeLessThan(271);

    const v = await c.ok(app.inject({ url: `/api/plans/departments/${enc('市民政局')}?year=2022`, headers: c.as('mzj') }));
    expect(v.taskCounts.lead).toMatchObject({ done: 1, none: v.counts.lead - 1 });
    expect(v.taskCounts.co).toMatchObject({ done: 1, none: v.counts.co - 1 });
    expect(v.overdueTasks.map((o: any) => o.id)).toEqual(['z2022-24-三、（二）3.']);
    expect(v.supervisions.map((s: any) => s.taskId)).toEqual([T37, TWJ]);
    expect(v.tasks.find((t: any) => t.id === T37).progress).toMatchObject({ status: 'done', openSupervisions: 1 });
    const sthjj = await c.ok(app.inject({ url: `/api/plans/departments/${enc('市生态环境局')}?year=2022`, headers: c.as('sthjj') }));
    expect(sthjj.overdueTasks.map((o: any) => o.id)).toEqual(['z2022-16-三、（八）2.']);
    expect(sthjj.overdueTasks[0].overdue[0].quote).toMatch(/^到2022年底，实现农村生活污水/);
  });

  it('the annual report has a 任务进展 sheet, one row per task', async () => {
    const r = await app.inject({ url: '/api/plans/report.xlsx?year=2022', headers: c.as('plan-office') });
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as never);
    const ws = wb.getWorksheet('任务进展')!;
    expect(ws.getRow(1).values).toEqual([
      undefined,
      '规划',
      '出处',
      '任务',
      '牵头单位',
      '2022年进展',
      '情况说明',
      '版本',
      '配合单位报告',
      '逾期（截至 2023-01-05）',
      '未销号督办',
    ]);
    expect(ws.rowCount).toBe(272);
    const row = (citation: string) => ws.getRows(2, ws.rowCount - 1)!.find((x) => x.getCell(2).value === citation)!;
    const wj = row(`承市政办字〔2022〕51号 二、（二）1.`);
    expect([wj.getCell(1).value, wj.getCell(4).value, wj.getCell(5).value, wj.getCell(6).value, wj.getCell(7).value, wj.getCell(8).value]).toEqual([
      '残疾预防行动计划（承市政办字〔2022〕51号）',
      '市卫生健康委',
      '已完成',
      '更正：全年任务已完成',
      2,
      '市民政局：推进中',
    ]);
    expect(String(wj.getCell(3).value)).not.toMatch(/牵头|负责/); // the responsibility note is left out of the text
    expect(wj.getCell(10).value).toMatch(/^已答复，期限 2023-01-20/);
    const t37 = row(`承市政办字〔2022〕47号 二、（二）6.（37）`);
    expect(t37.getCell(9).value).toBe('');
    expect(t37.getCell(10).value).toMatch(/^督办中，期限 2023-06-30：护理人员培训进度滞后/);
    expect(row('承市政字〔2022〕16号 三、（八）2.').getCell(9).value).toMatch(/^逾期（2022年：到2022年底，实现农村生活污水/);
    expect(row('承市政字〔2022〕16号 三、（八）2.').getCell(5).value).toBe('未报送');

    const dept = await app.inject({ url: '/api/plans/report.xlsx?year=2022', headers: c.as('mzj') });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(dept.rawPayload as never);
    const v = await c.ok(app.inject({ url: `/api/plans/departments/${enc('市民政局')}?year=2022`, headers: c.as('mzj') }));
    expect(wb2.getWorksheet('任务进展')!.rowCount).toBe(1 + v.counts.lead + v.counts.co);
  });
});
