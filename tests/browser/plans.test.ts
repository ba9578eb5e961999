// 规划实施监测 in a real Chromium: a department files a figure with the form,
// the indicator's status appears, and the dashboard counts change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { actorResolver } from '../../src/auth/routes.js';
import { ensureDemoAccounts } from '../../src/auth/service.js';
import { openCalendar } from '../../src/calendar/service.js';
import { openDb, type Db } from '../../src/db/connection.js';
import { ingestGazette } from '../../src/gazette/store.js';
import { plansMigration } from '../../src/plans/migration.js';
import { plansRoutes } from '../../src/plans/routes.js';
import { buildApp } from '../../src/server/app.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TODAY = '2024-03-01';
const WEB = process.env.ZHENGWU_WEB_ROOT ?? resolve('dist/web');

let db: Db;
let app: FastifyInstance;
let browser: Browser;
let base = '';

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  return context.newPage();
}

async function signIn(page: Page, username: string, password: string) {
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname !== '/login');
}

const SHOTS = process.env.ZHENGWU_SCREENSHOTS;
async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

const count = async (page: Page, status: string) => Number((await page.getByTestId(`count-${status}`).locator('.ant-statistic-content-value').textContent())?.trim());

beforeAll(async () => {
  if (!existsSync(join(WEB, 'index.html'))) execSync('npx vite build --logLevel warn', { cwd: resolve('.'), stdio: 'inherit' });
  db = await openDb(`sqlite:${join(mkdtempSync(join(tmpdir(), 'zhengwu-browser-')), 'plans.sqlite')}`);
  await plansMigration.up(db.kysely as never);
  await ingestGazette(db, readFileSync('data/gazettes/2022-04.txt'));
  await ensureDemoAccounts(db);
  app = await buildApp({ db, calendar: await openCalendar(db), adminToken: 'test', webRoot: WEB, today: () => TODAY });
  if (!app.hasRoute({ method: 'GET', url: '/api/plans' })) await app.register(plansRoutes, { db, actorOf: actorResolver(db, 'test'), today: () => TODAY });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await db?.close();
});

describe('规划实施监测 in the browser', () => {
  it('shows the plans, indicators with data-quality flags, and tasks without signing in', async () => {
    const page = await newPage();
    await page.goto(`${base}/plans`);
    expect(await page.getByTestId('plan-card').count()).toBe(7);
    await page.getByTestId('plan-card').filter({ hasText: '生态环境保护' }).click();
    await page.getByTestId('indicator-table').getByText('单位地区生产总值能源消耗降低').waitFor();
    expect(await page.getByTestId('indicator-table').locator('.row-flagged').count()).toBeGreaterThan(3);
    await shot(page, 'plans');
  });

  it('a department files a figure and the dashboard changes', async () => {
    const page = await newPage();
    await signIn(page, 'sthjj', 'demo-department');
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
});
