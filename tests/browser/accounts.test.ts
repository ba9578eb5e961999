// Accounts in a real Chromium: the administrator adds a township official on 用户管理; the official
// signs in and changes the password from the user menu; the page fits a 390 px phone.
import { DEMO_ACCOUNTS } from '../../src/procedures/registry.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, newPage, pageWidth, PHONE, shot, signIn, startPlatform, type Platform } from '../helpers/browser.js';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({ name: 'accounts', today: '2026-11-27', demoAccounts: true });
});

afterAll(async () => {
  await platform?.close();
});

describe('accounts in the browser', () => {
  it('an administrator adds a user; the user changes the password', async () => {
    const page = await newPage(platform, { width: 1366, height: 900 });
    await signIn(platform, page, 'admin', 'demo-admin');
    await page.getByTestId('user-menu').click();
    await page.getByText('用户管理', { exact: true }).click();
    await page.waitForURL(/\/admin\/users$/);
    // 20 to a page.
    await expect.poll(() => page.getByTestId('user-row').count()).toBe(Math.min(20, DEMO_ACCOUNTS.length));
    await page.getByTestId('user-add').click();
    await page.getByTestId('new-username').fill('hmy-officer');
    await page.getByTestId('new-display-name').fill('韩麻营镇经办人');
    await page.getByTestId('new-password').fill('short');
    await chooseOption(page, 'new-role', '乡镇人民政府（街道办事处）');
    await page.getByTestId('user-add-confirm').click();
    // The server names each field at fault next to it.
    await expect
      .poll(() => page.locator('.ant-modal .ant-form-item-explain-error').allTextContents())
      .toEqual(expect.arrayContaining(['密码至少 10 位', '乡镇人民政府（街道办事处）须填写所在县（市、区）']));
    await page.getByTestId('new-password').fill('a-long-passphrase');
    await page.getByTestId('new-county').fill('隆化县');
    await page.getByTestId('new-township').fill('韩麻营镇');
    await page.getByTestId('user-add-confirm').click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    // The new account is shown at once (the list searched for it), whatever page it falls on.
    await expect.poll(() => page.locator('[data-username="hmy-officer"]').count()).toBe(1);
    expect(await page.getByTestId('users-search').locator('input').inputValue()).toBe('hmy-officer');
    await shot(page, 'users-desktop');

    const phone = await newPage(platform, PHONE);
    await signIn(platform, phone, 'admin', 'demo-admin');
    await phone.goto(`${platform.base}/admin/users`);
    await expect.poll(() => phone.getByTestId('user-row').count()).toBe(Math.min(20, DEMO_ACCOUNTS.length + 1));
    expect(await phone.locator('.ant-pagination-total-text').textContent()).toBe(`共 ${DEMO_ACCOUNTS.length + 1} 个`);
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(phone, 'users-phone');
    await phone.context().close();
    await page.context().close();

    const official = await newPage(platform, PHONE);
    await signIn(platform, official, 'hmy-officer', 'a-long-passphrase');
    await official.getByTestId('user-menu').click();
    await official.getByText('修改密码', { exact: true }).click();
    await official.getByTestId('password-current').fill('a-long-passphrase');
    await official.getByTestId('password-next').fill('another-long-secret');
    await official.getByTestId('password-again').fill('another-long-secret');
    await official.getByTestId('password-confirm').click();
    await official.getByText('密码已修改。').waitFor();
    await shot(official, 'password-phone');
    await official.context().close();
    const again = await newPage(platform);
    await signIn(platform, again, 'hmy-officer', 'another-long-secret');
    expect(new URL(again.url()).pathname).not.toBe('/login');
    await again.context().close();
  });
});
