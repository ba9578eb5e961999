// 规划实施监测 in a real Chromium: a department files a figure with the form,
// the indicator's status appears, and the dashboard counts change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPage as openPage, PHONE, shot, signIn as signInAs, startPlatform, type Platform } from '../helpers/browser.js';

// The server's today; the browser keeps its own clock.
const TODAY = '2024-03-01';

let platform: Platform;
let base = '';
const newPage = () => openPage(platform);
const signIn = (page: Page, username: string, password: string) => signInAs(platform, page, username, password);

const count = async (page: Page, status: string) =>
  Number((await page.getByTestId(`count-${status}`).locator('.ant-statistic-content-value').textContent())?.trim());

beforeAll(async () => {
  platform = await startPlatform({ name: 'plans', today: TODAY, gazette: true, demoAccounts: true, fixBrowserClock: false });
  base = platform.base;
});

afterAll(async () => {
  await platform?.close();
});

describe('规划实施监测 in the browser', () => {
  it('shows the plans, indicators with data-quality flags, and tasks without signing in', async () => {
    const page = await newPage();
    await page.goto(`${base}/plans`);
    await expect.poll(() => page.getByTestId('plan-card').count()).toBe(9);
    await page.getByTestId('plan-card').filter({ hasText: '生态环境保护' }).click();
    await page.getByTestId('indicator-table').getByText('单位地区生产总值能源消耗降低').waitFor();
    expect(await page.getByTestId('indicator-table').locator('.row-flagged').count()).toBeGreaterThan(3);
    await shot(page, 'plans');
  });

  it('a department files a figure and the dashboard changes', async () => {
    const page = await newPage();
    await signIn(page, 'sthjj', 'demo-department');
    expect(new URL(page.url()).pathname).toBe('/plans/dashboard'); // a plan user lands on the work, not on 案件
    await page.goto(`${base}/plans/dashboard?year=2023`);
    await page.getByTestId('count-no_data').waitFor();
    const before = { onTrack: await count(page, 'on_track'), noData: await count(page, 'no_data') };
    expect(before.onTrack).toBe(0);

    await page.goto(`${base}/plans/indicators/z2022-16-t2-7?year=2023`);
    expect(await page.getByTestId('indicator-name').textContent()).toBe('城镇生活垃圾无害化处理率');
    const form = page.getByTestId('report-form');
    // Validation in Chinese before anything is sent.
    await form.getByTestId('report-submit').click();
    await form.getByText('请填写数值').waitFor();
    await form.locator('input[data-testid="report-value"], [data-testid="report-value"] input').first().fill('98.5');
    await form.getByTestId('report-note').fill('城管部门年报，全市口径');
    await form.getByTestId('report-submit').click();
    await page.getByTestId('history-table').getByText('城管部门年报，全市口径').waitFor();
    // 95 (2020) → 100 (2025): the path value for 2023 is 98; 98.5 is on track.
    await shot(page, 'plans-indicator');
    await expect.poll(() => page.getByTestId('status-table').locator('tr', { hasText: '2023' }).getByTestId('status-on_track').count()).toBe(1);

    await page.goto(`${base}/plans/dashboard?year=2023`);
    await page.getByTestId('count-on_track').waitFor();
    await expect.poll(() => count(page, 'on_track')).toBe(before.onTrack + 1);
    expect(await count(page, 'no_data')).toBe(before.noData - 1);
    await page.getByTestId('chart-trend').locator('svg').waitFor();
    await shot(page, 'plans-dashboard');
  });

  it('another department cannot file this indicator (no form)', async () => {
    const page = await newPage();
    await signIn(page, 'mzj', 'demo-department');
    await page.goto(`${base}/plans/indicators/z2022-16-t2-7?year=2023`);
    await page.getByTestId('indicator-name').waitFor();
    expect(await page.getByTestId('report-form').count()).toBe(0);
  });

  it('shows the land plan with every total checked', async () => {
    const page = await newPage();
    await page.goto(`${base}/plans/land`);
    expect(await page.getByTestId('land-checks-summary').textContent()).toMatch(/0 项不一致/);
    expect(await page.getByTestId('supply-table').locator('tbody tr').count()).toBe(40);
    expect(await page.getByTestId('reserve-table').locator('tbody tr').count()).toBe(48);
    await page.getByTestId('land-chart').locator('svg').waitFor();
    await shot(page, 'plans-land');
  });

  it('opens a task with its progress form for the lead department, on a desktop and a phone', async () => {
    for (const [viewport, name] of [
      [{ width: 1366, height: 900 }, 'task-desktop'],
      [PHONE, 'task-phone'],
    ] as const) {
      const page = await openPage(platform, viewport);
      await signIn(page, 'sthjj', 'demo-department');
      // A task 市生态环境局 leads, opened by its link (the drawer reads ?task=).
      const tasks = (await platform.app.inject({ url: '/api/plans/tasks' })).json().tasks as {
        id: string;
        document: string;
        units: { unit: string; role: string }[];
      }[];
      const task = tasks.find((t) => t.units.some((u) => u.unit === '市生态环境局' && u.role === 'lead'))!;
      await page.goto(`${base}/plans?document=${encodeURIComponent(task.document)}&task=${encodeURIComponent(task.id)}`);
      await page.getByTestId('task-detail').waitFor();
      // The drawer fits the screen (the indicator table behind it still overflows a phone: issue 14).
      // Once the drawer has slid in, it lies within the screen.
      await expect
        .poll(async () => {
          const b = (await page.getByTestId('task-detail').boundingBox())!;
          return b.x >= 0 && b.x + b.width <= viewport.width;
        })
        .toBe(true);
      if (process.env.ZHENGWU_SCREENSHOTS) await page.screenshot({ path: `${process.env.ZHENGWU_SCREENSHOTS}/${name}.png` });
      await page.context().close();
    }
  });
});
