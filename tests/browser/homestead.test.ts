// 宅基地审批 in a real Chromium: an applicant fills in the form with live checks and
// submits; the village and the township officials take the case through review to
// approval from their inboxes; the township downloads the 农村宅基地批准书.
// Set ZHENGWU_SCREENSHOTS=/some/dir to keep desktop and phone screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  actionForm,
  caseAction,
  newPage as openPage,
  pageWidth,
  pickDate,
  PHONE,
  shot,
  signIn as signInAs,
  startPlatform,
  type Platform,
} from '../helpers/browser.js';
import { readFileSync } from 'node:fs';
import { ELIGIBILITY_GROUNDS, HOUSEHOLD_BASES, ZONES } from '../../src/procedures/homestead/form.js';

const TODAY = '2026-11-27';

let platform: Platform;
let base = '';
const newPage = (viewport?: { width: number; height: number }) => openPage(platform, viewport);
const signIn = (page: Page, username: string, password: string) => signInAs(platform, page, username, password);

const act = caseAction;

beforeAll(async () => {
  platform = await startPlatform({ name: 'homestead', today: TODAY, demoAccounts: true });
  base = platform.base;
});

afterAll(async () => {
  await platform?.close();
});

describe('宅基地审批 in the browser', () => {
  let caseId = '';

  it('shows the procedure with its time limits, citations and the expired governing document', async () => {
    const page = await newPage();
    await page.goto(`${base}/homestead`);
    expect(await page.getByTestId('procedure-name').textContent()).toBe('农村宅基地和建房（规划许可）审批');
    // 隆政发〔2022〕11号 expired on 2024-07-03; the demo database records an assumed extension, and says so.
    expect(await page.getByTestId('governing-status').getAttribute('data-status')).toBe('in_force');
    expect(await page.getByTestId('governing-status').textContent()).toContain('【演示】假设');
    expect(await page.getByTestId('procedure-state').count()).toBeGreaterThan(10);
    const publicity = page.getByTestId('procedure-state').filter({ hasText: '村级公示' });
    expect(await publicity.textContent()).toContain('不少于 5 个工作日');
    expect(await publicity.getByTestId('cite-link').getAttribute('href')).toBe(
      `/docs/${encodeURIComponent('隆政发〔2022〕11号')}#${encodeURIComponent('第十六条第二款第（四）项')}`,
    );
    expect(await page.getByTestId('procedure-rule').count()).toBeGreaterThan(5);
    // 申请材料 of 第十七条, each with its item.
    expect(await page.getByTestId('procedure-material').count()).toBe(6);
    expect(await page.getByTestId('procedure-material').first().textContent()).toContain('隆政发〔2022〕11号 第十七条第（一）项');
    await page.context().close();
  });

  it('sends a visitor to the login page with the server’s message when the session is gone', async () => {
    const page = await newPage();
    await page.goto(`${base}/login`);
    await page.evaluate(() => sessionStorage.setItem('zhengwu.token', 'forged'));
    await page.goto(`${base}/inbox`);
    await page.getByTestId('login-notice').waitFor();
    expect(await page.getByTestId('login-notice').textContent()).toContain('登录已失效');
    await page.context().close();
  });

  it('lets the applicant fill in the form with live checks and submit it', async () => {
    const page = await newPage();
    await signIn(page, 'zhangsan', 'demo-applicant');
    await page.goto(`${base}/homestead/apply`);
    // Prefilled from the account; the checks list what is still missing.
    await expect.poll(() => page.locator('#apply_applicant_village').inputValue()).toBe('大汤头沟村');
    await expect.poll(() => page.getByTestId('checks-pending').textContent()).toContain('请填写申请人姓名');

    await page.locator('#apply_applicant_name').fill('张三');
    await page.locator('#apply_applicant_idNumber').fill('130825198503152012'); // wrong check digit
    await page.locator('#apply_applicant_phone').fill('13812345678');
    // A touched field shows the server's message next to it.
    await expect
      .poll(() =>
        page
          .locator('.ant-form-item')
          .filter({ has: page.locator('#apply_applicant_idNumber') })
          .textContent(),
      )
      .toContain('校验位不符');
    await page.locator('#apply_applicant_idNumber').fill('130825198503152011');
    // The villager does not choose the date: the system records the day it receives the application.
    expect(await page.locator('#apply_applicationDate').isDisabled()).toBe(true);
    await page.getByText(ELIGIBILITY_GROUNDS.no_homestead).click();
    await page.getByText(HOUSEHOLD_BASES.couple_minor_children).click();
    await page.locator('#apply_plot_area').fill('180');
    await page.locator('#apply_plot_address').fill('大汤头沟村三组东侧');
    for (const [k, v] of Object.entries({ east: '村道', south: '李四宅', west: '耕地', north: '王五宅' }))
      await page.locator(`#apply_plot_boundaries_${k}`).fill(v);
    await page.getByText('建设用地', { exact: true }).click();
    await page.getByText(ZONES.outside_boundary).click();
    await page.getByText('分户新建', { exact: true }).click();
    await page.getByLabel('第 1 层层高').fill('3.3');
    await page.getByLabel('第 2 层层高').fill('3');
    await page.locator('#apply_building_footprint').fill('110');
    await page.locator('#apply_building_floorArea').fill('220');
    await page.locator('#apply_building_investment').fill('35');
    await page.locator('#apply_neighbours_opinion').fill('四邻无异议');
    await page.getByTestId('agreement-signed').check();
    await page.getByTestId('commitment-signed').check();
    // The 本人 row of the household follows the applicant.
    expect(await page.getByLabel('家庭成员 1 身份证号码').inputValue()).toBe('130825198503152011');

    // Live checks: every rule with its article.
    await page.getByTestId('decision').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('decision').getAttribute('data-decision')).toBe('eligible');
    const findings = page.getByTestId('checks-panel').getByTestId('finding');
    expect(await findings.count()).toBeGreaterThan(5);
    expect(await page.getByTestId('checks-panel').locator('[data-rule="new_plot_area"]').getAttribute('data-outcome')).toBe('pass');
    expect(await page.getByTestId('required-documents').textContent()).toContain('农村建房四邻协议书');
    await shot(page, 'apply-desktop');

    // The journey begins on 2026-03-02: the server receives the application that day.
    platform.setServerDay('2026-03-02');
    await page.getByTestId('submit-application').click();
    await page.waitForURL(/\/cases\/ZJD-20260302-/);
    platform.setServerDay(null);
    caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await expect.poll(() => page.getByTestId('case-state').getAttribute('data-state')).toBe('village_review');
    expect(await page.getByTestId('masked-id').textContent()).toBe('130825********2011');
    expect(await page.getByTestId('due-date').textContent()).toBe('2026-03-09');
    await page.context().close();
  });

  it('takes the case through the village from its inbox', async () => {
    const page = await newPage();
    await signIn(page, 'village-tgt', 'demo-village');
    expect(new URL(page.url()).pathname).toBe('/inbox');
    const row = page.getByTestId('case-row').filter({ hasText: caseId });
    await expect.poll(() => row.getByTestId('deadline-tag').getAttribute('data-status')).toBe('overdue');
    await row.getByRole('link').click();
    await page.getByTestId('case-title').waitFor();

    await act(page, 'accept_complete', '2026-03-03', async () => {}, 'village_meeting');
    await act(
      page,
      'record_meeting',
      '2026-03-04',
      async (form) => {
        await form.locator('#action_present').fill('20');
        await form.locator('#action_agree').fill('11');
      },
      'publicity',
    );
    expect(await page.getByTestId('earliest-end').textContent()).toBe('2026-03-11');

    // Too early: the server's refusal is shown in the modal.
    await page.getByTestId('action-end_publicity').click();
    const form = actionForm(page, 'end_publicity');
    await pickDate(form, '#action_date', '2026-03-10');
    await form.getByText('无异议', { exact: true }).click();
    await form.getByTestId('action-confirm').click();
    await form.getByTestId('action-error').waitFor();
    expect(await form.getByTestId('action-error').textContent()).toMatch(/公示时间不少于 5 个工作日.*仅 4 个工作日/);
    await pickDate(form, '#action_date', '2026-03-11');
    await form.getByTestId('action-confirm').click();
    await expect.poll(() => page.getByTestId('case-state').getAttribute('data-state')).toBe('village_report');

    await act(page, 'report_to_township', '2026-03-12', async () => {}, 'township_review');
    await expect.poll(() => page.getByTestId('timeline-item').count()).toBe(5);
    await page.context().close();
  });

  it('has the township inspect, approve and download the 农村宅基地批准书', async () => {
    const page = await newPage();
    await signIn(page, 'township-tgt', 'demo-township');
    await page.getByTestId('case-row').filter({ hasText: caseId }).getByRole('link').click();
    await page.getByTestId('case-title').waitFor();
    await act(
      page,
      'site_inspection',
      '2026-03-13',
      async (form) => {
        await form.locator('#action_findings').fill('四至清楚，地类为建设用地');
        await form.getByText('符合', { exact: true }).click();
      },
      'township_review',
    );
    await expect.poll(() => page.getByTestId('timeline-item').count()).toBe(6);
    // Without the (demo) extension the document was not in force on the application date: the case page
    // warns, citing 第三十五条, and the decisions are shown but cannot be taken.
    const demo = await platform.db.kysely.selectFrom('governance_records').selectAll().execute();
    await platform.db.kysely.deleteFrom('governance_records').execute();
    await page.getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => page.getByTestId('governing-status').getAttribute('data-status')).toBe('expired');
    expect(await page.getByTestId('governing-status').textContent()).toMatch(/可以受理，暂不能作出决定.*隆政发〔2022〕11号 第三十五条/);
    expect(await page.getByTestId('action-approve').isDisabled()).toBe(true);
    expect(await page.getByTestId('action-blocked-approve').textContent()).toMatch(/已于 2024-07-03 失效/);
    await shot(page, 'case-blocked-desktop');
    await platform.db.kysely
      .insertInto('governance_records')
      .values(demo.map(({ id: _id, ...r }) => r))
      .execute();
    await page.getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => page.getByTestId('action-approve').isDisabled()).toBe(false);
    await act(page, 'approve', '2026-03-16', async () => {}, 'approved');
    expect(await page.getByTestId('timeline-item').last().getAttribute('data-action')).toBe('approve');
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    await shot(page, 'case-desktop');

    const response = page.waitForResponse((r) => r.url().includes('/certificates/homestead-approval'));
    const download = page.waitForEvent('download');
    await page.getByTestId('cert-homestead-approval').click();
    const res = await response;
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/pdf');
    // The app fetches the file with the bearer token and saves it through an object URL.
    const file = await download;
    expect(file.suggestedFilename()).toBe(`农村宅基地批准书-${caseId}.pdf`);
    const bytes = readFileSync((await file.path())!);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    await page.context().close();
  });

  it('fits a phone screen: the form and the case page', async () => {
    const page = await newPage(PHONE);
    await signIn(page, 'zhangsan', 'demo-applicant');
    await page.goto(`${base}/homestead/apply`);
    await page.getByTestId('checks-pending').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(page, 'apply-phone');
    await page.goto(`${base}/cases/${encodeURIComponent(caseId)}`);
    await page.getByTestId('case-title').waitFor();
    await page.getByTestId('timeline').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(page, 'case-phone');
    await page.goto(`${base}/cases`);
    await page.getByTestId('case-row').first().waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width + 2);
    await page.context().close();
  });
});
