// Phones (issue 14) in a real Chromium at 390 px, with a desktop check at 1366 px: the header leaves a
// cited article in view, the plans' indicator table stays readable, and an applicant sees where each
// case stands on 我的申请. Set ZHENGWU_SCREENSHOTS=/some/dir to keep the screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { apiClient } from '../helpers/api.js';
import { APPLICATIONS } from '../helpers/fixtures.js';
import { newPage, pageWidth, PHONE, shot, signIn, startPlatform, type Platform } from '../helpers/browser.js';

const TODAY = '2026-11-27';
const DESKTOP = { width: 1366, height: 900 };
const VIEWPORTS = [
  ['phone', PHONE],
  ['desktop', DESKTOP],
] as const;
const LAW = '隆政发〔2022〕11号';
const docUrl = (id: string, anchor?: string) => `/docs/${encodeURIComponent(id)}${anchor ? `#${encodeURIComponent(anchor)}` : ''}`;

let platform: Platform;
let filed: { id: string; title: string; state: { label: string } };

beforeAll(async () => {
  platform = await startPlatform({ name: 'phone', today: TODAY, gazette: true, demoAccounts: true });
  const api = apiClient(platform.app, 'test');
  await api.signIn(['zhangsan']);
  filed = await api.ok(api.file('zhangsan', 'homestead', APPLICATIONS.homestead.application));
});

afterAll(async () => {
  await platform?.close();
});

/** What the reader sees without scrolling (the shot helper keeps the whole page). */
async function view(page: Page, name: string) {
  if (process.env.ZHENGWU_SCREENSHOTS) await page.screenshot({ path: `${process.env.ZHENGWU_SCREENSHOTS}/${name}.png` });
}

const fits = async (page: Page, width: number) => expect(await pageWidth(page)).toBeLessThanOrEqual(width + 2);

/** The article's top lies below the header's bottom and within the screen. */
const articleInView = (page: Page, anchor: string) =>
  expect
    .poll(() =>
      page.locator(`[id="${anchor}"]`).evaluate((el) => {
        const top = el.getBoundingClientRect().top;
        const header = document.querySelector('.app-header')!.getBoundingClientRect().bottom;
        return top >= header && top < window.innerHeight / 2 && window.scrollY > 300;
      }),
    )
    .toBe(true);

/** A box lies within the screen's width. */
async function within(locator: Locator, width: number) {
  const b = (await locator.boundingBox())!;
  expect(b.x).toBeGreaterThanOrEqual(0);
  expect(b.x + b.width).toBeLessThanOrEqual(width);
}

describe('on a phone (issue 14)', () => {
  it('keeps the header compact and lands a citation below it', async () => {
    for (const [name, viewport] of VIEWPORTS) {
      const page = await newPage(platform, viewport);
      await signIn(platform, page, 'zhangsan', 'demo-applicant');
      // A citation link of the procedure, followed in the app.
      await page.goto(`${platform.base}/homestead`);
      const publicity = page.getByTestId('procedure-state').filter({ hasText: '村级公示' });
      await publicity.getByTestId('cite-link').click();
      await page.getByTestId('doc-title').waitFor();
      await articleInView(page, '第十六条第二款第（四）项');
      await fits(page, viewport.width);
      await view(page, `citation-${name}`);
      // The header is two short rows on a phone: the search box waits behind its icon.
      const header = (await page.locator('.app-header').boundingBox())!;
      if (viewport === PHONE) {
        expect(header.height).toBeLessThanOrEqual(76);
        expect(await page.getByTestId('search-input').isVisible()).toBe(false);
        await page.getByTestId('search-toggle').click();
        const input = page.getByTestId('search-input').locator('input');
        await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
        await within(page.getByTestId('search-input'), viewport.width);
        await view(page, `search-open-${name}`);
        await input.fill('宅基');
        await input.press('Enter');
        await page.getByTestId('search-result').first().waitFor();
        expect(await page.getByTestId('search-input').isVisible()).toBe(false);
        await fits(page, viewport.width);
      } else {
        expect(await page.getByTestId('search-input').isVisible()).toBe(true);
        expect(await page.getByTestId('search-toggle').isVisible()).toBe(false);
      }
      // A citable link opened directly (the article the issue names).
      await page.goto(`${platform.base}${docUrl(LAW, '第十六条')}`);
      await page.getByTestId('doc-title').waitFor();
      await articleInView(page, '第十六条');
      await view(page, `article-${name}`);
      // Its permalink, followed within the page.
      await page.locator('[id="第二十条"] .permalink-anchor').first().click();
      await articleInView(page, '第二十条');
      await page.context().close();
    }
  });

  it('shows the plans’ indicator table readable at 390 px', async () => {
    for (const [name, viewport] of VIEWPORTS) {
      const page = await newPage(platform, viewport);
      await page.goto(`${platform.base}/plans?document=${encodeURIComponent('承市政字〔2022〕16号')}`);
      const table = page.getByTestId('indicator-table');
      await table.getByText('单位地区生产总值能源消耗降低').waitFor();
      await fits(page, viewport.width);
      // Every 类别 and 指标 cell is at least three characters wide (not one character per line).
      const narrowest = await table.locator('td.indicator-category, td.indicator-name').evaluateAll((cells) =>
        Math.min(
          ...cells.map((el) => {
            const s = getComputedStyle(el);
            return (el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight)) / parseFloat(s.fontSize);
          }),
        ),
      );
      expect(narrowest).toBeGreaterThanOrEqual(3);
      expect(await table.locator('td.indicator-category').filter({ hasText: '环境风险防控' }).count()).toBeGreaterThan(0);
      await shot(page, `plans-${name}`);
      await table.evaluate((el) => el.scrollIntoView());
      await view(page, `plans-table-${name}`);

      // An indicator's page with its tables, for the department that files it.
      await signIn(platform, page, 'sthjj', 'demo-department');
      await page.goto(`${platform.base}/plans/indicators/z2022-16-t2-7?year=2023`);
      await page.getByTestId('status-table').waitFor();
      await page.getByTestId('report-form').waitFor();
      await fits(page, viewport.width);
      await shot(page, `plans-indicator-${name}`);
      await page.context().close();
    }
  });

  it('shows the applicant each case’s title, current step and deadline on 我的申请', async () => {
    for (const [name, viewport] of VIEWPORTS) {
      const page = await newPage(platform, viewport);
      await signIn(platform, page, 'zhangsan', 'demo-applicant');
      await page.goto(`${platform.base}/cases`);
      const row = page.getByTestId('case-row').filter({ hasText: filed.id });
      await row.waitFor();
      await fits(page, viewport.width);
      const step = row.getByTestId('case-step');
      expect(await step.textContent()).toBe(filed.state.label);
      for (const part of [row.getByRole('link', { name: filed.title }), step, row.getByTestId('deadline-tag'), row.getByText('2026-11-09 前')]) {
        expect(await part.isVisible()).toBe(true);
        await within(part, viewport.width);
      }
      expect(await row.getByTestId('deadline-tag').getAttribute('data-status')).toBe('overdue');
      await shot(page, `cases-${name}`);
      // The title opens the case.
      await row.getByRole('link', { name: filed.title }).click();
      await page.getByTestId('case-title').waitFor();
      await page.context().close();
    }
  });
});
