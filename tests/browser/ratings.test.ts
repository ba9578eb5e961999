// 好差评 in a real Chromium: a villager on a 390 px phone rates his refused homestead application 不满意 —
// the reason is asked for first — and sees the follow-up's due date; the township finds the 差评 on its inbox
// at 1366 px, answers it, and sees its figures on the dashboard; the villager reads the answer on the case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseApplication, deepMerge } from '../../src/procedures/homestead/fixtures.js';
import { apiClient } from '../helpers/api.js';
import { newPage, pageWidth, PHONE, shot, signIn, startPlatform, type Platform } from '../helpers/browser.js';

const TODAY = '2026-11-27';
const DESKTOP = { width: 1366, height: 900 };
let platform: Platform;
let caseId = '';

beforeAll(async () => {
  platform = await startPlatform({ name: 'ratings', today: TODAY, demoAccounts: true });
  const api = apiClient(platform.app, 'test');
  await api.signIn(['zhangsan', 'village-tgt', 'township-tgt']);
  // zhangsan's application, taken up by the village and refused in writing by the township of 汤头沟镇.
  caseId = (await api.ok(api.file('zhangsan', 'homestead', deepMerge(baseApplication(), { applicationDate: '2026-11-02' })))).id;
  await api.ok(api.act('village-tgt', caseId, 'accept_complete', '2026-11-03'));
  await api.ok(api.act('village-tgt', caseId, 'record_meeting', '2026-11-04', { present: 10, agree: 8 }));
  await api.ok(api.act('village-tgt', caseId, 'end_publicity', '2026-11-11', { objections: 'none' }));
  await api.ok(api.act('village-tgt', caseId, 'report_to_township', '2026-11-12'));
  await api.ok(api.act('township-tgt', caseId, 'refuse', '2026-11-13', { reason: '拟用地涉及基本农田' }));
  await api.ok(api.act('township-tgt', caseId, 'notify_refusal', '2026-11-16'));
});

afterAll(async () => {
  await platform?.close();
});

describe('好差评 in the browser', () => {
  it('a villager on a phone rates a finished case 不满意 with a reason; the township answers it', async () => {
    const phone = await newPage(platform, PHONE);
    await signIn(platform, phone, 'zhangsan', 'demo-applicant');
    await phone.goto(`${platform.base}/cases/${encodeURIComponent(caseId)}`);
    const card = phone.getByTestId('rating-card');
    await card.waitFor();
    await phone.getByTestId('rating-form').waitFor();
    // Two stars: 不满意, a 差评 — the form says it goes to the office with a deadline, and asks for the reason.
    await phone.getByTestId('rating-stars').locator('li.ant-rate-star').nth(1).click();
    expect(await phone.getByTestId('rating-level').textContent()).toBe('不满意');
    await phone.getByTestId('rating-bad-note').waitFor();
    expect(await phone.getByTestId('rating-bad-note').textContent()).toContain('15 个工作日内答复您（国办发〔2019〕51号）');
    await phone.getByTestId('rating-submit').click();
    expect(await phone.getByTestId('rating-comment-error').textContent()).toBe('差评请写明不满意的原因（至少 5 个字）');
    await phone.getByTestId('rating-comment').fill('不予批准只写了一句话，没有说明理由；打 13812345678 问了也没人说清楚。');
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(phone, 'rating-form-phone');
    await phone.getByTestId('rating-submit').click();
    const result = phone.getByTestId('rating-result');
    await result.waitFor();
    expect(await result.getAttribute('data-score')).toBe('2');
    expect(await phone.getByTestId('rating-result-comment').textContent()).toContain('138****5678');
    expect(await card.textContent()).not.toContain('13812345678');
    const followUp = phone.getByTestId('rating-followup');
    expect(await followUp.getAttribute('data-status')).toBe('open');
    expect(await followUp.textContent()).toMatch(/差评已转隆化县汤头沟镇 乡镇人民政府（街道办事处）核实整改，答复期限 2026-12-18（剩余 15 个工作日）/);
    // The rating is in the case's history.
    await expect.poll(() => phone.locator('[data-testid="timeline-item"][data-action="rating"]').count()).toBe(1);
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(phone, 'rating-done-phone');

    // The township, at its desk: the 差评 waits on its inbox with its due date; it answers.
    const desk = await newPage(platform, DESKTOP);
    await signIn(platform, desk, 'township-tgt', 'demo-township');
    await desk.goto(`${platform.base}/inbox`);
    const item = desk.getByTestId('followup-item');
    await item.waitFor();
    expect(await item.count()).toBe(1);
    expect(await item.textContent()).toMatch(/待答复.*不满意.*答复期限 2026-12-18/);
    expect(await item.textContent()).not.toContain('13812345678');
    await desk.getByTestId('followup-reply').click();
    await desk.getByTestId('reply-submit').click();
    expect(await desk.getByTestId('reply-error').textContent()).toBe('请填写核实和整改情况（至少 5 个字）');
    await desk.getByTestId('reply-text').fill('经核实，不予批准的理由是拟用地涉及基本农田；已补发书面说明，并安排专人上门解释。');
    await shot(desk, 'rating-inbox-desktop');
    await desk.getByTestId('reply-submit').click();
    await desk.getByText('已答复，申请人会收到通知。').waitFor();
    await expect.poll(() => desk.getByTestId('followup-item').count()).toBe(0);
    expect(await desk.getByTestId('followups-card').textContent()).toContain('已答复 1');
    // Its figures on the dashboard.
    await desk.goto(`${platform.base}/dashboard`);
    const summary = desk.getByTestId('ratings-summary');
    await summary.waitFor();
    await expect.poll(async () => (await summary.textContent()) ?? '').toMatch(/隆化县汤头沟镇 乡镇人民政府（街道办事处）本单位1.*2.*100%/);
    await shot(desk, 'rating-dashboard-desktop');
    await desk.context().close();

    // The villager reads the answer on the case and in the bell.
    await phone.reload();
    await phone.getByTestId('rating-reply-text').waitFor();
    expect(await phone.getByTestId('rating-followup').getAttribute('data-status')).toBe('replied');
    expect(await phone.getByTestId('rating-reply-text').textContent()).toContain('已补发书面说明');
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(phone, 'rating-replied-phone');
    await phone.getByTestId('nav-notifications').click();
    await phone.getByTestId('notification').first().waitFor();
    expect(await phone.getByTestId('notification').first().textContent()).toContain('您的评价已答复');
    await phone.context().close();
  });

  it('shows the township its 差评 and figures on a phone too', async () => {
    const phone = await newPage(platform, PHONE);
    await signIn(platform, phone, 'township-tgt', 'demo-township');
    await phone.goto(`${platform.base}/inbox`);
    await phone.getByTestId('followups-card').waitFor();
    await phone.getByTestId('followups-card').getByText('已答复 1').click();
    await phone.getByTestId('followup-item').waitFor();
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(phone, 'rating-inbox-phone');
    await phone.goto(`${platform.base}/dashboard`);
    await phone.getByTestId('ratings-summary').waitFor();
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(phone, 'rating-dashboard-phone');
    await phone.context().close();
  });
});
