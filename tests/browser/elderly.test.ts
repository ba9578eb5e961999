// 养老服务 in a real Chromium: a village official on a 390 px phone opens the visits page, sees the two
// 特殊困难老年人 of 大汤头沟村 not yet visited this month (a third person, not in difficulty, is not listed),
// records a telephone visit to one of them, and sees the list and the 月探访率 move (0 % → 50 %); the visit
// is in the person's case. The 县民政局 then sees the 高龄津贴 roster with 金额未设定.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, pageWidth, PHONE, shot, signIn, startPlatform, type Platform } from '../helpers/browser.js';
import { apiClient } from '../helpers/api.js';

let platform: Platform;
const TODAY = '2026-11-27';
const ids: Record<string, string> = {};
const PLACE = { county: '隆化县', township: '汤头沟镇', village: '大汤头沟村' };
const dibao = [{ category: 'dibao', source: '隆化县民政局低保名册', since: '2020-03-01' }];

beforeAll(async () => {
  platform = await startPlatform({ name: 'elderly', today: TODAY, demoAccounts: true, gazette: true });
  const api = apiClient(platform.app, 'test');
  await api.signIn(['cwh-dtgt']);
  const file = async (name: string, idNumber: string, household: string, categories: unknown[]) =>
    (await api.ok(api.file('cwh-dtgt', 'elderly-register', { person: { name, idNumber }, place: PLACE, household, categories, enteredOn: TODAY })))
      .id as string;
  ids.wang = await file('王桂兰', '130825194612150025', 'alone', dibao); // turns 80 on 2026-12-15
  ids.li = await file('李德福', '130825194105030010', 'with_family', dibao); // 85, 高龄 on 低保
  ids.zhao = await file('赵玉珍', '130825195601100027', 'with_family', []); // 70, not in difficulty
});

afterAll(async () => {
  await platform?.close();
});

describe('特殊困难老年人探访', () => {
  it('a village official records a visit on a phone and the overdue list and 月探访率 follow', async () => {
    const phone = await newPage(platform, PHONE);
    await signIn(platform, phone, 'cwh-dtgt', 'demo-village');
    // From the list of services (办事) to the visits page.
    await phone.goto(`${platform.base}/services`);
    await phone.getByTestId('guide-elderly-register').click();
    await phone.waitForURL(/\/elderly$/);
    const overdue = phone.getByTestId('overdue-person');
    await phone.getByTestId('overdue').waitFor();
    await expect.poll(() => overdue.count()).toBe(2);
    expect((await overdue.evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))).sort()).toEqual(['李德福', '王桂兰']);
    expect(await phone.getByTestId('visit-rate').textContent()).toMatch(/0%.*0 \/ 2 人/);
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(phone, 'elderly-overdue-phone');

    const wang = phone.locator('[data-testid="overdue-person"][data-name="王桂兰"]');
    await wang.getByTestId('record-visit').click();
    const form = wang.getByTestId('visit-form');
    await form.waitFor();
    // The visitor is the signed-in account unless changed; what was found is required.
    expect(await form.getByTestId('visit-visitor').inputValue()).toBe('演示·大汤头沟村村民委员会（养老服务）');
    await form.getByTestId('visit-submit').click();
    await expect.poll(() => form.locator('.ant-form-item-explain-error').allTextContents()).toContain('请填写探访发现的情况');
    await form.getByTestId('visit-visitor').fill('刘桂芝（村妇联主任）');
    await form.getByText('电话').click();
    await form.getByTestId('visit-found').fill('独居，身体尚可，冬季取暖煤不足');
    await form.getByTestId('visit-help').fill('联系镇民政办送煤');
    await form.getByTestId('visit-risk').click();
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(phone, 'elderly-visit-form-phone');
    await form.getByTestId('visit-submit').click();

    await phone.getByTestId('visit-done').waitFor();
    expect(await phone.getByTestId('visit-done').textContent()).toContain(`已记录 ${TODAY} 对王桂兰的探访`);
    await expect.poll(() => overdue.count()).toBe(1);
    expect(await overdue.first().getAttribute('data-name')).toBe('李德福');
    await expect.poll(() => phone.getByTestId('visit-rate').textContent()).toMatch(/50%.*1 \/ 2 人/);
    expect(await phone.locator('[data-testid="village-rate"][data-village="大汤头沟村"]').textContent()).toContain('1/2');
    await shot(phone, 'elderly-visited-phone');

    // The visit is in 王桂兰's case, dated today, with what was found.
    const row = await platform.db.kysely.selectFrom('cases').select(['data_json', 'version']).where('id', '=', ids.wang).executeTakeFirstOrThrow();
    expect(JSON.parse(row.data_json).visits).toEqual([
      expect.objectContaining({
        on: TODAY,
        visitor: '刘桂芝（村妇联主任）',
        method: 'phone',
        found: '独居，身体尚可，冬季取暖煤不足',
        help: '联系镇民政办送煤',
        risk: true,
      }),
    ]);

    // The plan's 月探访率 (24号 table row 6) shows the figure counted from the visit log.
    const list = (await platform.app.inject({ url: '/api/plans/indicators?year=2025' })).json();
    const indicator = list.indicators.find(
      (i: { name: string; document: string }) => i.name.includes('特殊困难老年人月探访率') && i.document === '承市政字〔2022〕24号',
    );
    await phone.goto(`${platform.base}/plans/indicators/${encodeURIComponent(indicator.id)}`);
    await phone.getByTestId('computed-indicator').waitFor();
    expect(await phone.getByTestId('computed-value').textContent()).toBe('50%');
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(phone, 'elderly-plan-indicator-phone');
    await phone.context().close();
  });

  it('the 县民政局 sees the 高龄津贴 roster of the month with 金额未设定 until a standard is entered', async () => {
    const desk = await newPage(platform, { width: 1366, height: 900 });
    await signIn(platform, desk, 'mzj-longhua', 'demo-civil');
    await desk.waitForURL(/\/elderly/);
    await desk.goto(`${platform.base}/elderly?month=2026-12`);
    const roster = desk.getByTestId('allowance-roster');
    await roster.waitFor();
    await expect.poll(() => roster.getByTestId('roster-standard').textContent()).toContain('金额未设定');
    const text = (await roster.textContent()) ?? '';
    expect(text).toMatch(/隆化县 2 人，其中本月满 80 周岁 1 人/);
    expect(text).toContain('2026-12-15');
    expect(text).not.toContain('130825194612150025');
    // The bureau enters the standard through the form of 高龄津贴标准, with the document that sets it.
    await roster.getByTestId('enter-rate').click();
    await desk.waitForURL(/\/procedures\/elderly-allowance-rate\/apply$/);
    await desk.getByTestId('intake-page').waitFor();
    expect(await desk.getByText('设定标准的文件（名称及文号）').count()).toBeGreaterThan(0);
    await shot(desk, 'elderly-roster-desktop');
    await desk.context().close();
  });

  it('anyone reads the recorded institutions’ commitments and credit record, and the service list, on a phone without signing in', async () => {
    const api = apiClient(platform.app, 'test');
    await api.signIn(['ylfw-tgt', 'mzj-longhua']);
    const filed = await api.ok(
      api.file('ylfw-tgt', 'elderly-institution-filing', {
        institution: { name: '隆化县汤头沟镇某养老服务中心', creditCode: '52130825MJ1234567X', kind: 'institution', beds: 60 },
        place: PLACE,
        address: '大汤头沟村',
        services: '生活照料、助餐',
        commitment: { agreed: true, text: '本中心按国家标准开展服务，接受社会监督。' },
        contact: { name: '周院长', phone: '13812345678' },
        filedOn: TODAY,
      }),
    );
    await api.ok(api.act('mzj-longhua', filed.id, 'record', TODAY));
    await api.ok(api.act('mzj-longhua', filed.id, 'credit', TODAY, { result: 'kept', basis: '“双随机、一公开”抽查', finding: '按承诺开展服务' }));
    const phone = await newPage(platform, PHONE);
    await phone.goto(`${platform.base}/elderly/commitments`);
    await phone.getByTestId('commitment').waitFor();
    expect(await phone.getByTestId('commitment-text').textContent()).toBe('本中心按国家标准开展服务，接受社会监督。');
    expect(await phone.getByTestId('credit').textContent()).toContain('履行承诺');
    expect(await phone.getByTestId('service').count()).toBe(10);
    const text = (await phone.locator('body').textContent()) ?? '';
    expect(text).not.toContain('周院长');
    expect(text).not.toContain('13812345678');
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(phone, 'elderly-commitments-phone');
    await phone.context().close();
  });
});
