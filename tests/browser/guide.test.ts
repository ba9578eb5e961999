// 办事指南 in a real Chromium, as a villager reads it on a phone before applying (signed out) and as it prints:
// the basics (who applies, no fee, the legal limits with their articles, the results), where to go, the questions
// answered from the articles; printed, without the site's header and buttons, every answer open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, pageWidth, PHONE, shot, startPlatform, type Platform } from '../helpers/browser.js';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({ name: 'guide', today: '2026-11-27', gazette: true, demoAccounts: true });
});

afterAll(async () => {
  await platform?.close();
});

describe('办事指南', () => {
  it('reads on a phone and prints without the site around it', async () => {
    const phone = await newPage(platform, PHONE);
    await phone.goto(`${platform.base}/homestead`);
    const basics = phone.getByTestId('guide-basics');
    await basics.waitFor();
    expect(await basics.textContent()).toMatch(/收费标准\s*不收费/);
    expect(await basics.textContent()).toContain('20 个工作日');
    expect(await phone.getByTestId('guide-points').textContent()).toMatch(/尚未登记/);
    const faqs = phone.getByTestId('guide-faqs');
    expect(await faqs.locator('.ant-collapse-item').count()).toBe(4);
    await faqs.locator('.ant-collapse-header').first().click();
    await expect.poll(() => faqs.textContent()).toContain('不超过 200 平方米');
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(phone, 'guide-phone');
    if (process.env.ZHENGWU_SCREENSHOTS) await basics.screenshot({ path: `${process.env.ZHENGWU_SCREENSHOTS}/guide-basics-phone.png` });
    expect(await phone.getByTestId('guide-json').getAttribute('href')).toBe('/api/procedures/homestead/guide?download=1');

    await phone.emulateMedia({ media: 'print' });
    expect(await phone.locator('.app-header').isVisible()).toBe(false);
    expect(await phone.getByTestId('guide-print').isVisible()).toBe(false);
    // Every answer prints, not only the one opened.
    expect(await faqs.textContent()).toContain('书面通知申请人');
    await shot(phone, 'guide-print');
    await phone.context().close();

    const desk = await newPage(platform, { width: 1366, height: 900 });
    await desk.goto(`${platform.base}/procedures/village-doctor-roster`);
    await desk.getByTestId('guide-faqs').waitFor();
    expect(await desk.getByTestId('guide-faqs').textContent()).toContain('空白村');
    // A limit in years reads as the text counts it (一、（五）：满 2 年), not as working days.
    expect(await desk.getByTestId('procedure-states').textContent()).toContain('满 2 年');
    expect(await desk.getByTestId('procedure-states').textContent()).not.toContain('2 个工作日内');
    await shot(desk, 'guide-desktop');
    await desk.context().close();
  });
});
