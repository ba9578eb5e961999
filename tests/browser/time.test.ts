// Time that acts, in a real Chromium: a village official is reminded of a time limit, lets it pass, and
// the township sees the 督办, comments and closes it; the applicant reads the progress in the bell.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers } from '../../src/jobs/handlers.js';
import { JobRunner } from '../../src/jobs/runner.js';
import { baseApplication, deepMerge } from '../../src/procedures/homestead/fixtures.js';
import { PROCEDURES } from '../../src/procedures/registry.js';
import { apiClient } from '../helpers/api.js';
import { newPage, pageWidth, PHONE, shot, signIn, startPlatform, type Platform } from '../helpers/browser.js';

const TODAY = '2026-11-27';
let platform: Platform;
let caseId = '';

beforeAll(async () => {
  platform = await startPlatform({ name: 'time', today: TODAY, demoAccounts: true });
  const api = apiClient(platform.app, 'test');
  await api.signIn(['zhangsan']);
  caseId = (await api.ok(api.file('zhangsan', 'homestead', deepMerge(baseApplication(), { applicationDate: '2026-11-16' })))).id;
  // The village's 5 working days end on 11-23; the runner sends the reminder and, after the breach, the 督办.
  await new JobRunner(platform.db, jobHandlers({ procedures: PROCEDURES, delivery: {}, today: () => TODAY })).runDue(new Date('2026-11-25T09:00:00+08:00'));
});

afterAll(async () => {
  await platform?.close();
});

describe('reminders and 督办 in the browser', () => {
  it('shows the village its reminder in the bell', async () => {
    const page = await newPage(platform, PHONE);
    await signIn(platform, page, 'village-tgt', 'demo-village');
    await expect.poll(() => page.getByTestId('nav-notifications').getAttribute('aria-label')).toBe('通知，1 条未读');
    await page.getByTestId('nav-notifications').click();
    await page.getByTestId('notification').first().waitFor();
    expect(await page.getByTestId('notification').first().textContent()).toMatch(/临期提醒.*将于 2026-11-23 到期/);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(page, 'notifications-phone');
    await page.getByTestId('read-all').click();
    await expect.poll(() => page.getByTestId('nav-notifications').getAttribute('aria-label')).toBe('通知，0 条未读');
    await page.context().close();
  });

  it('lets the township comment on and close the 督办', async () => {
    const page = await newPage(platform, { width: 1366, height: 900 });
    await signIn(platform, page, 'township-tgt', 'demo-township');
    // The dashboard counts open 督办 per supervising office.
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('supervision-summary').waitFor();
    expect(await page.getByTestId('supervision-summary').textContent()).toMatch(/未办结督办（1）.*乡镇人民政府（街道办事处）1/);
    await page.getByTestId('nav-supervision').click();
    await page.getByTestId('supervision-item').first().waitFor();
    expect(await page.getByTestId('supervision-item').first().textContent()).toMatch(/期限 2026-11-23 已过（隆政发〔2022〕11号 第十六条第二款第（二）项）/);
    await page.getByTestId('supervision-comment').click();
    await page.getByTestId('supervision-text').fill('请于下周一前完成初审');
    await page.getByTestId('supervision-confirm').click();
    await page.getByText('已提交督办意见。').waitFor();
    await page.getByText('督办中', { exact: true }).click();
    await page.getByTestId('supervision-close').waitFor();
    await shot(page, 'supervision-desktop');
    await page.getByTestId('supervision-close').click();
    await page.getByTestId('supervision-text').fill('已完成初审');
    await page.getByTestId('supervision-confirm').click();
    await page.getByText('督办已办结。').waitFor();
    // On a phone: the inbox with the township's recurring duty, and the 督办 list.
    const phone = await newPage(platform, PHONE);
    await signIn(platform, phone, 'township-tgt', 'demo-township');
    await phone.goto(`${platform.base}/inbox`);
    await phone.getByTestId('duty').first().waitFor();
    expect(await phone.getByTestId('duty').first().textContent()).toMatch(/宅基地审批办理情况季度报备（2026Q4）.*截止 2026-12-31/);
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(phone, 'inbox-duties-phone');
    await phone.goto(`${platform.base}/supervision`);
    await phone.getByText('已办结', { exact: true }).click();
    await phone.getByTestId('supervision-item').first().waitFor();
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(phone, 'supervision-phone');
    await phone.context().close();
    await page.goto(`${platform.base}/cases/${encodeURIComponent(caseId)}`);
    await expect.poll(() => page.getByTestId('timeline-item').count()).toBe(4);
    await page.context().close();
  });
});
