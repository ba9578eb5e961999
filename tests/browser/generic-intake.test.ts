// The generic screens serve the procedures that never had a page of their own, in a real Chromium:
// a village files a 动态巡查 record with a violation (a list of objects, names typed as tags) and the
// township orders the works stopped with a form drawn from the action's schema; an enterprise files a
// 包干制 project (members, period, a fixed project kind) on a 390 px phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, pageWidth, PHONE, shot, signIn, startPlatform, type Platform } from '../helpers/browser.js';
import type { Page } from 'playwright-core';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({ name: 'generic-intake', today: '2026-11-27', demoAccounts: true });
});

afterAll(async () => {
  await platform?.close();
});

async function typeDate(page: Page, testId: string, day: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(day);
  await input.press('Enter');
}

describe('generic intake and action forms for existing procedures', () => {
  it('动态巡查: filed by the village with a violation, acted on by the township', async () => {
    const page = await newPage(platform, { width: 1366, height: 900 });
    await signIn(platform, page, 'village-tgt', 'demo-village');
    await page.goto(`${platform.base}/services`);
    await page.getByTestId('apply-homestead-patrol').click();
    await page.getByTestId('intake-page').waitFor();
    expect(await page.getByTestId('field-village').inputValue()).toBe('大汤头沟村');
    // A patrol recorded the day after: an earlier day, with why (it goes into the audit).
    await typeDate(page, 'field-applicationDate', '2026-11-26');
    await page.getByTestId('field-paperReason').fill('2026-11-26 巡查，次日补录');
    await page.getByTestId('field-grid').fill('第三网格');
    await page.getByTestId('field-patrollers').click();
    await page.keyboard.type('赵六');
    await page.keyboard.press('Enter');
    await page.getByTestId('field-findings').fill('巡查发现一处未批先建');
    await page.getByTestId('add-violations').click();
    await page.getByTestId('field-violations.0.type').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '未批先建' }).click();
    await page.getByTestId('field-violations.0.location').fill('村东头');
    await page.getByTestId('field-violations.0.party').fill('钱七');
    await page.getByTestId('field-violations.0.description').fill('未经批准开挖地基');
    await shot(page, 'patrol-intake-desktop');
    await page.getByTestId('intake-submit').click();
    await page.waitForURL(/\/cases\/XC-/);
    expect(await page.getByTestId('case-state').getAttribute('data-state')).toBe('investigation');
    expect(await page.getByTestId('application-view').textContent()).toContain('未经批准开挖地基');
    const caseUrl = page.url();
    await page.context().close();

    const township = await newPage(platform, PHONE);
    await signIn(platform, township, 'township-tgt', 'demo-township');
    await township.goto(caseUrl);
    await township.getByTestId('action-order_stop').click();
    await township.getByTestId('action-form').waitFor();
    await township.getByTestId('field-payload.note').fill('已现场责令停止施工');
    await township.getByTestId('action-confirm').click();
    await township.getByTestId('action-modal').waitFor({ state: 'hidden' });
    await expect.poll(() => township.getByTestId('case-state').getAttribute('data-state')).toBe('stopped');
    expect(await pageWidth(township)).toBeLessThanOrEqual(PHONE.width + 2);
    await township.context().close();
  });

  it('包干制: an enterprise files a project on a phone', async () => {
    const phone = await newPage(platform, PHONE);
    await signIn(platform, phone, 'qiye-a', 'demo-enterprise');
    await phone.goto(`${platform.base}/procedures/baogan/apply`);
    await phone.getByTestId('intake-page').waitFor();
    expect(await phone.getByTestId('field-unit').inputValue()).toBe('承德钒钛新材料有限公司');
    expect(await phone.getByTestId('field-kind').inputValue()).toBe('基础研究类'); // a fixed value, shown by its label
    // An enterprise does not choose the date: the system records the day it receives the application.
    expect(await phone.getByTestId('field-applicationDate').isDisabled()).toBe(true);
    expect(await phone.getByTestId('field-applicationDate').inputValue()).toBe('2026-11-27');
    await phone.getByTestId('field-title').fill('钒钛磁铁矿伴生元素赋存机理研究');
    await phone.getByTestId('field-leader.name').fill('孙八');
    await phone.getByTestId('field-leader.idNumber').fill('11010519491231002X');
    await phone.getByTestId('field-leader.phone').fill('13812345678');
    // One member row is there from the start (at least one is required).
    await phone.getByTestId('field-members.0.name').fill('孙八');
    await phone.getByTestId('field-members.0.idNumber').fill('11010519491231002X');
    await phone.getByTestId('field-grant').fill('200000');
    await typeDate(phone, 'field-period.from', '2027-01-01');
    await typeDate(phone, 'field-period.to', '2028-12-31');
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(phone, 'baogan-intake-phone');
    await phone.getByTestId('intake-submit').click();
    await phone.waitForURL(/\/cases\/BG/);
    expect(await phone.getByTestId('case-state').getAttribute('data-state')).toBe('review');
    await phone.context().close();
  });
});
