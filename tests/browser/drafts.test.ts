// The long homestead form (第十七条's application, some 40 fields) on a phone: required fields marked from the
// schema the server validates against, and a draft kept on the device as it is typed, taken up after a reload,
// cleared on request, on submit and on signing out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, PHONE, shot, signIn, startPlatform, type Platform } from '../helpers/browser.js';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({ name: 'drafts', today: '2026-11-27', gazette: true, demoAccounts: true });
});

afterAll(async () => {
  await platform?.close();
});

describe('the homestead application form', () => {
  it('marks what is required and keeps a draft on the device', async () => {
    const page = await newPage(platform, PHONE);
    await signIn(platform, page, 'zhangsan', 'demo-applicant');
    await page.goto(`${platform.base}/homestead/apply`);
    await page.getByTestId('draft-note').waitFor();
    // The schema's required fields carry the mark: the applicant's name and 身份证号 do, the 村民小组 does not.
    await expect.poll(() => page.locator('label.ant-form-item-required[for="apply_applicant_name"]').count()).toBe(1);
    expect(await page.locator('label.ant-form-item-required[for="apply_applicant_idNumber"]').count()).toBe(1);
    expect(await page.locator('label.ant-form-item-required[for="apply_applicant_group"]').count()).toBe(0);
    expect(await page.locator('label.ant-form-item-required').count()).toBeGreaterThan(15);

    await page.locator('#apply_applicant_name').fill('张三丰');
    await page.locator('#apply_plot_address').fill('大汤头沟村东组');
    await expect.poll(() => page.getByTestId('draft-note').textContent()).toMatch(/草稿已自动保存在本设备/);
    await shot(page, 'draft-phone');
    await page.reload();
    await expect.poll(() => page.locator('#apply_applicant_name').inputValue()).toBe('张三丰');
    expect(await page.locator('#apply_plot_address').inputValue()).toBe('大汤头沟村东组');
    await page.getByTestId('draft-clear').click();
    await expect.poll(() => page.locator('#apply_applicant_name').inputValue()).toBe('');

    // Signing out removes a draft (it holds personal data).
    await page.locator('#apply_applicant_name').fill('李四');
    await expect.poll(() => page.getByTestId('draft-note').textContent()).toMatch(/草稿已自动保存/);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('zhengwu:draft:')).length)).toBe(1);
    await page.goto(`${platform.base}/`);
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('zhengwu:draft:')).length)).toBe(0);
    await page.context().close();
  });
});
