// 注册 in a real Chromium: a villager registers on a 390 px phone (县/乡镇/村 from the area tree) and sees 待确认;
// signing in before confirmation says why; the village officer confirms on the inbox at 1366 px; the villager signs in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, newPage, pageWidth, PHONE, shot, signIn, startPlatform, type Platform } from '../helpers/browser.js';

let platform: Platform;

beforeAll(async () => {
  delete process.env.ZHENGWU_WEBHOOK_URL; // no SMS channel: the village or township confirms
  platform = await startPlatform({ name: 'registration', today: '2026-11-27', demoAccounts: true });
});

afterAll(async () => {
  await platform?.close();
});

describe('registration in the browser', () => {
  it('a villager registers on a phone, waits for the village, is confirmed and signs in', async () => {
    const phone = await newPage(platform, PHONE);
    await phone.goto(`${platform.base}/login`);
    await phone.getByTestId('login-register').click();
    await phone.waitForURL(/\/register$/);
    await phone.getByTestId('register-name').fill('赵六');
    await phone.getByTestId('register-phone').fill('13812345671');
    await chooseOption(phone, 'register-county', '隆化县', { search: true });
    await chooseOption(phone, 'register-township', '汤头沟镇', { search: true });
    await chooseOption(phone, 'register-village', '大汤头沟村', { search: true });
    await phone.getByTestId('register-password').fill('cunmin-mima-2026');
    await phone.getByTestId('register-again').fill('cunmin-mima-2026');
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(phone, 'register-phone');
    await phone.getByTestId('register-submit').click();
    await phone.getByTestId('register-pending').waitFor();
    expect(await phone.getByTestId('register-pending').textContent()).toMatch(/待确认.*村（社区）或乡镇（街道）确认/);
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(phone, 'register-pending-phone');

    // Before confirmation, signing in says why.
    await phone.goto(`${platform.base}/login`);
    await phone.getByTestId('login-username').fill('13812345671');
    await phone.getByTestId('login-password').fill('cunmin-mima-2026');
    await phone.getByTestId('login-submit').click();
    await expect.poll(() => phone.getByTestId('login-error').textContent()).toMatch(/账号待村（社区）或乡镇（街道）确认/);

    const officer = await newPage(platform, { width: 1366, height: 900 });
    await signIn(platform, officer, 'village-tgt', 'demo-village');
    await officer.goto(`${platform.base}/inbox`);
    const card = officer.getByTestId('pending-accounts');
    await expect.poll(() => card.getByTestId('registration-row').count()).toBe(1);
    expect(await card.getByTestId('registration-row').textContent()).toMatch(/赵六.*13812345671.*汤头沟镇大汤头沟村/);
    await shot(officer, 'register-inbox-desktop');
    await card.getByTestId('registration-confirm').click();
    await expect.poll(() => card.getByTestId('registration-row').count()).toBe(0);
    await officer.context().close();

    await signIn(platform, phone, '13812345671', 'cunmin-mima-2026');
    await expect.poll(() => phone.getByTestId('user-menu').textContent()).toContain('赵六');
    await shot(phone, 'register-signed-in-phone');
    await phone.context().close();
  });
});
