// 一次性告知 in a real Chromium: the township, acting on a homestead case in its review, ticks two materials of the
// 第十七条 list (each shown with its article), says what is wrong with one, and issues the notice; the villager, on a
// 390 px phone, finds it on the case page with both items, their articles and the deadline, the PDF, and the receipt
// with its promised date to print. Screenshots at 1366 px and 390 px when ZHENGWU_SCREENSHOTS names a folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseApplication, deepMerge } from '../../src/procedures/homestead/fixtures.js';
import { apiClient } from '../helpers/api.js';
import { newPage, pageWidth, PHONE, shot, signIn, startPlatform, type Platform } from '../helpers/browser.js';

const TODAY = '2026-11-27';
const DESKTOP = { width: 1366, height: 900 };
let platform: Platform;
let caseId: string;

beforeAll(async () => {
  platform = await startPlatform({ name: 'notices', today: TODAY, demoAccounts: true });
  // A village-track case received on 2026-09-21, brought to the township's review through the API.
  const api = apiClient(platform.app, 'test');
  await api.signIn(['zhangsan', 'village-tgt']);
  const c = await api.ok(api.file('zhangsan', 'homestead', deepMerge(baseApplication(), { applicationDate: '2026-09-21' })));
  caseId = c.id;
  await api.ok(api.act('village-tgt', caseId, 'accept_complete', '2026-09-22'));
  await api.ok(api.act('village-tgt', caseId, 'record_meeting', '2026-09-23', { present: 20, agree: 15 }));
  await api.ok(api.act('village-tgt', caseId, 'end_publicity', '2026-10-15', { objections: 'none' }));
  await api.ok(api.act('village-tgt', caseId, 'report_to_township', '2026-10-16'));
});

afterAll(async () => {
  await platform?.close();
});

describe('一次性告知 on the case page', () => {
  it('the township issues a notice of two missing materials, chosen from the list', async () => {
    const page = await newPage(platform, DESKTOP);
    await signIn(platform, page, 'township-tgt', 'demo-township');
    await page.goto(`${platform.base}/cases/${caseId}`);
    await page.getByTestId('notices-card').waitFor();
    expect(await page.getByTestId('notice').count()).toBe(0);
    await page.getByTestId('notice-issue').click();
    const form = page.getByTestId('notice-form');
    await form.waitFor();
    const materials = form.locator('.notice-material');
    // The six materials of 第十七条, each with its item.
    expect(await materials.count()).toBe(6);
    expect(await materials.nth(2).textContent()).toContain('农村建房四邻协议书');
    expect(await materials.nth(2).textContent()).toContain('隆政发〔2022〕11号 第十七条第（三）项');
    // Nothing chosen: refused in the form, nothing sent.
    await page.getByTestId('notice-submit').click();
    await expect.poll(() => form.textContent()).toContain('请至少选择一项需要补正的材料');
    await materials.nth(2).locator('input[type="checkbox"]').check();
    await materials.nth(5).locator('input[type="checkbox"]').check();
    await materials.nth(5).locator('.ant-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '不清晰' }).click();
    await page.getByTestId('notice-note-5').fill('照片模糊，看不清公示内容');
    await shot(page, 'notice-form-desktop');
    await page.getByTestId('notice-submit').click();
    await page.getByTestId('notice-modal').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('notice-item').count()).toBe(2);
    expect(await page.getByTestId('notice-deadline').textContent()).toContain('2026-12-04');
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('一次性告知（补正材料）');
    await shot(page, 'notice-issued-desktop');
    await page.context().close();

    // The same form on a phone: the list, the per-item fields and the deadline fit the screen.
    const phone = await newPage(platform, PHONE);
    await signIn(platform, phone, 'township-tgt', 'demo-township');
    await phone.goto(`${platform.base}/cases/${caseId}`);
    await phone.getByTestId('notice-issue').click();
    const phoneForm = phone.getByTestId('notice-form');
    await phoneForm.waitFor();
    await phoneForm.locator('.notice-material').nth(0).locator('input[type="checkbox"]').check();
    await phone.getByTestId('notice-note-0').waitFor();
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(phone, 'notice-form-phone');
    await phone.context().close();
  });

  it('the villager, on a 390 px phone, sees the notice with the two items, and the receipt with its promised date', async () => {
    const phone = await newPage(platform, PHONE);
    await signIn(platform, phone, 'zhangsan', 'demo-applicant');
    await phone.goto(`${platform.base}/cases/${caseId}`);
    const card = phone.getByTestId('notices-card');
    await card.waitFor();
    // A villager issues nothing: there is no button, only the notice.
    expect(await phone.getByTestId('notice-issue').count()).toBe(0);
    const items = card.getByTestId('notice-item');
    expect(await items.count()).toBe(2);
    expect(await items.nth(0).textContent()).toContain('农村建房四邻协议书');
    expect(await items.nth(0).textContent()).toContain('缺少');
    expect(await items.nth(0).textContent()).toContain('隆政发〔2022〕11号 第十七条第（三）项');
    expect(await items.nth(1).textContent()).toContain('公示（会议讨论同意后公示）的影像资料');
    expect(await items.nth(1).textContent()).toContain('不清晰');
    expect(await items.nth(1).textContent()).toContain('照片模糊，看不清公示内容');
    expect(await card.getByTestId('notice-deadline').textContent()).toContain('请于 2026-12-04 前一并补齐');
    await card.getByTestId('notice-pdf-1').waitFor();
    expect(await phone.getByTestId('promise-date').textContent()).toBe('2026-11-16');
    expect(await phone.getByTestId('promise-text').textContent()).toContain('35 个工作日');
    await phone.getByTestId('print-receipt').waitFor();
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width + 2);
    await card.scrollIntoViewIfNeeded();
    await shot(phone, 'notice-villager-phone');
    // The PDF downloads with the villager's own sign-in.
    const [download] = await Promise.all([phone.waitForEvent('download'), card.getByTestId('notice-pdf-1').click()]);
    expect(download.suggestedFilename()).toBe(`一次性告知书-${caseId}-GZ1.pdf`);
    await phone.context().close();

    const desktop = await newPage(platform, DESKTOP);
    await signIn(platform, desktop, 'zhangsan', 'demo-applicant');
    await desktop.goto(`${platform.base}/cases/${caseId}`);
    await desktop.getByTestId('notice-item').first().waitFor();
    await shot(desktop, 'notice-villager-desktop');
    await desktop.context().close();
  });
});
