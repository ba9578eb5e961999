// Shared set-up of the browser tests: the platform in-process on a fresh SQLite
// file, serving the built web app, and Debian's Chromium through playwright-core.
import { filingClock, registerFilingClock } from './filing-day.js';
import { todayIso } from '../../src/calendar/dates.js';
import { execSync } from 'node:child_process';
import { ensureDemoAccounts } from '../../src/auth/service.js';
import type { Registry } from '../../src/procedures/registry.js';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { ensureDemoData } from '../../src/server/demo.js';
import { openCalendar } from '../../src/calendar/service.js';
import { openDb, type Db } from '../../src/db/connection.js';
import { ingestGazette } from '../../src/gazette/store.js';
import { buildApp } from '../../src/server/app.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PHONE = { width: 390, height: 844 };
export const WEB_ROOT = process.env.ZHENGWU_WEB_ROOT ?? resolve('dist/web');
const SHOTS = process.env.ZHENGWU_SCREENSHOTS;

export interface Platform {
  db: Db;
  app: FastifyInstance;
  browser: Browser;
  base: string;
  today?: string;
  /** The day the browser's clock shows (the server's today unless the test says otherwise). */
  clock?: string;
  /** Moves the server's clock to a day (null: back to today), for a journey that begins months ago. */
  setServerDay(day: string | null): void;
  close(): Promise<void>;
}

export async function startPlatform(opts: {
  name: string;
  today?: string;
  gazette?: boolean;
  demoAccounts?: boolean;
  fixBrowserClock?: boolean;
  registry?: Registry;
}): Promise<Platform> {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) execSync('npx vite build --logLevel warn', { cwd: resolve('.'), stdio: 'inherit' });
  const db = await openDb(`sqlite:${join(mkdtempSync(join(tmpdir(), 'zhengwu-browser-')), `${opts.name}.sqlite`)}`);
  if (opts.gazette) await ingestGazette(db, readFileSync('data/gazettes/2022-04.txt'));
  if (opts.demoAccounts) await ensureDemoData(db);
  // A test registry (with a synthetic module) brings its own accounts.
  if (opts.registry) await ensureDemoAccounts(db, opts.registry.demoUsers, { force: true });
  const today = opts.today;
  // Filings through the API in a test's setup happen on their own dates (tests/helpers/filing-day.ts).
  const clock = filingClock(() => today ?? todayIso());
  const app = await buildApp({
    db,
    calendar: await openCalendar(db),
    adminToken: 'test',
    webRoot: WEB_ROOT,
    today: clock.today,
    registry: opts.registry,
  });
  registerFilingClock(app, clock, opts.registry);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
  });
  return {
    db,
    app,
    browser,
    base,
    today,
    clock: opts.fixBrowserClock === false ? undefined : today,
    setServerDay: clock.set,
    async close() {
      await browser.close();
      await app.close();
      await db.close();
    },
  };
}

/** A page in zh-CN; when the platform has a fixed clock, the browser shows that day too. */
export async function newPage(p: Platform, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await p.browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  if (p.clock) await context.clock.setFixedTime(new Date(`${p.clock}T10:00:00+08:00`));
  return context.newPage();
}

export async function signIn(p: Platform, page: Page, username: string, password: string) {
  await page.goto(`${p.base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname !== '/login');
}

/** Types a day into an AntD DatePicker. */
export async function pickDate(scope: Page | Locator, selector: string, day: string) {
  const input = scope.locator(selector);
  await input.click();
  await input.press('ControlOrMeta+a');
  await input.pressSequentially(day);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(day);
}

/**
 * Picks an option of an AntD Select by its text, and checks the select shows it. A select whose options follow
 * another field (the 街道 of the county just chosen) may still be loading them when first opened, and a click on a
 * busy machine may land while the dropdown animates: then it is closed and tried again. `search`: the text is
 * typed first (long lists render only the options in view).
 */
export async function chooseOption(page: Page, testId: string, text: string, opts: { search?: boolean } = {}) {
  const select = page.getByTestId(testId);
  const option = page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
    .first();
  for (let attempt = 1; ; attempt++) {
    try {
      await select.click();
      if (opts.search) await page.keyboard.type(text);
      await option.click({ timeout: 5_000 });
      await expect.poll(() => select.textContent(), { timeout: 3_000 }).toContain(text);
      return;
    } catch (e) {
      if (attempt === 5) throw e;
      await page.keyboard.press('Escape');
    }
  }
}

export const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Keeps a screenshot when ZHENGWU_SCREENSHOTS names a folder. */
export async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** The open action form (a closing one may still be in the DOM). */
export const actionForm = (page: Page, action: string) => page.locator(`[data-testid="action-form"][data-action="${action}"]`);

/** Opens a case action's modal, dates it, fills it and confirms; waits for the new state and the modal to close. */
export async function caseAction(page: Page, action: string, day: string, fill: (form: Locator) => Promise<void>, nextState: string) {
  await page.getByTestId(`action-${action}`).click();
  const form = actionForm(page, action);
  await form.waitFor();
  await pickDate(form, '#action_date', day);
  await fill(form);
  await form.getByTestId('action-confirm').click();
  await expect.poll(() => page.getByTestId('case-state').getAttribute('data-state'), { timeout: 10_000 }).toBe(nextState);
  await page.locator('.ant-modal').waitFor({ state: 'hidden' });
}
