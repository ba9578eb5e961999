// 规则参数 in a real Chromium: anyone reads the figures with their articles (390 px phone); an administrator runs a
// 测算 — the plot-area standard of 隆政发〔2022〕11号 第十八条 lowered to 170 平方米 — and sees which existing case
// would change its conclusion, without any case changing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../helpers/api.js';
import { newPage, pageWidth, PHONE, shot, signIn, startPlatform, type Platform } from '../helpers/browser.js';
import { baseApplication, deepMerge } from '../../src/procedures/homestead/fixtures.js';

let platform: Platform;
let caseId = '';

beforeAll(async () => {
  platform = await startPlatform({ name: 'parameters', today: '2026-11-27', demoAccounts: true });
  const api = apiClient(platform.app, 'test');
  await api.signIn(['zhangsan']);
  caseId = (await api.ok(api.file('zhangsan', 'homestead', deepMerge(baseApplication(), { applicationDate: '2026-11-02', plot: { area: 190 } })))).id;
});

afterAll(async () => {
  await platform?.close();
});

describe('规则参数', () => {
  it('anyone reads each figure with its article, on a phone', async () => {
    const phone = await newPage(platform, PHONE);
    await phone.goto(`${platform.base}/parameters?procedure=homestead`);
    await phone.getByTestId('parameters-table').waitFor();
    const current = phone.getByTestId('current-homestead.max_plot_area_m2');
    await current.waitFor();
    expect(await current.textContent()).toContain('200 平方米');
    expect(await current.locator('a').getAttribute('href')).toBe(`/docs/${encodeURIComponent('隆政发〔2022〕11号')}#${encodeURIComponent('第十八条')}`);
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(phone, 'parameters-phone');
    await phone.context().close();
  });

  it('an administrator runs a 测算 and sees the case whose conclusion would change', async () => {
    const page = await newPage(platform, { width: 1366, height: 900 });
    await signIn(platform, page, 'admin', 'demo-admin');
    await page.goto(`${platform.base}/parameters`);
    await page.getByTestId('reform').waitFor();
    await page.getByTestId('reform-key').click();
    await page.keyboard.type('每宗面积');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await page.getByTestId('reform-value').fill('170');
    await page.getByTestId('reform-run').click();
    const result = page.getByTestId('reform-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/共测算 1 件，结论改变 1 件/);
    expect(await result.textContent()).toContain('符合 → 不符合');
    expect(await result.textContent()).toContain('超过 170 平方米');
    await shot(page, 'parameters-reform-desktop');
    // Nothing changed: the case still passes the article's own 200 平方米.
    const row = await platform.db.kysely.selectFrom('cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(Number(row.version)).toBe(1);
    await page.context().close();
  });
});
