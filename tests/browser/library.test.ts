// End-to-end check of the web app in a real Chromium: the built SPA served by
// the API server on a fresh SQLite library holding the sample gazette.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage as openPage, startPlatform, type Platform } from '../helpers/browser.js';
import { ingestGazette } from '../../src/gazette/store.js';
import { addRelation } from '../../src/gazette/relation-store.js';
import { SAMPLE, renumbered, withoutToc } from '../gazette/variants.js';

let platform: Platform;
let base = '';
const newPage = (viewport?: { width: number; height: number }) => openPage(platform, viewport);
const docUrl = (id: string, anchor?: string) => `${base}/docs/${encodeURIComponent(id)}${anchor ? `#${encodeURIComponent(anchor)}` : ''}`;

beforeAll(async () => {
  platform = await startPlatform({ name: 'library', gazette: true });
  base = platform.base;
});

afterAll(async () => {
  await platform?.close();
});

describe('web app', () => {
  it('shows the current issue with its table of contents', async () => {
    const page = await newPage();
    await page.goto(`${base}/`);
    await expect.poll(() => page.getByTestId('toc-entry').count()).toBe(17);
    await expect.poll(() => page.getByText('● 市政府文件').isVisible()).toBe(true);
    const link = page.getByRole('link', { name: '隆化县人民政府关于印发《隆化县农村宅基地审批和住房建设管理实施细则（试行）》的通知' });
    expect(await link.getAttribute('href')).toBe(`/docs/${encodeURIComponent('隆政发〔2022〕11号')}`);
    await page.context().close();
  });

  it('shows a document with its validity badge', async () => {
    const page = await newPage();
    await page.goto(docUrl('承市政字〔2022〕26号'));
    await expect.poll(() => page.getByTestId('doc-title').textContent()).toBe('承德市人民政府关于印发承德市“十四五”节能减排综合性实施方案的通知');
    const badge = page.getByTestId('validity-badge');
    expect(await badge.textContent()).toContain('现行有效');
    expect(await badge.getAttribute('data-status')).toBe('in_force');
    // A citation of a document that is not in the library is plain text.
    expect(await page.getByTestId('citation-link').count()).toBe(0);
    expect(await page.getByText('冀政字〔2022〕18号').first().isVisible()).toBe(true);
    await page.context().close();
  });

  it('follows a citation link to a document in the library', async () => {
    // In the sample gazette the only citation of a document that is itself in the
    // library is the interpretation citing the plan it explains.
    const page = await newPage();
    await page.goto(docUrl('解读:承市政字〔2022〕16号'));
    const link = page.getByTestId('citation-link').filter({ hasText: '承市政字〔2022〕16号' });
    await link.first().click();
    await expect.poll(() => page.getByTestId('doc-title').textContent()).toBe('承德市人民政府关于印发承德市生态环境保护“十四五”规划的通知');
    expect(decodeURIComponent(new URL(page.url()).pathname)).toBe('/docs/承市政字〔2022〕16号');
    // …which links back to its interpretation and renders its tables.
    expect(await page.getByTestId('interpretation-link').count()).toBeGreaterThan(0);
    expect(await page.locator('.doc-table table').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('scrolls to the article named in the URL hash', async () => {
    const page = await newPage();
    await page.goto(docUrl('隆政发〔2022〕11号', '第十六条'));
    const article = page.locator('[id="第十六条"]');
    await article.waitFor({ state: 'visible' });
    expect(await page.getByTestId('validity-badge').textContent()).toContain('已失效');
    await expect
      .poll(() =>
        article.evaluate((el) => {
          const r = el.getBoundingClientRect();
          return r.top >= 0 && r.top < window.innerHeight;
        }),
      )
      .toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
    await page.context().close();
  });

  it('searches through the header search input', async () => {
    const page = await newPage();
    await page.goto(`${base}/`);
    const input = page.getByTestId('search-input').locator('input');
    await input.fill('宅基');
    await input.press('Enter');
    await page.getByTestId('search-result').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/search');
    expect(await page.getByTestId('search-result').count()).toBeGreaterThan(1);
    expect(await page.getByTestId('search-result').first().locator('mark').first().textContent()).toContain('宅基');
    expect(await page.getByTestId('search-total').textContent()).toMatch(/共找到 \d+ 条结果/);
    await page.context().close();
  });

  it('shows an empty state when nothing matches', async () => {
    const page = await newPage();
    await page.goto(`${base}/search?q=${encodeURIComponent('量子计算机')}`);
    await page.getByText('未找到相关内容').waitFor();
    expect(await page.getByTestId('search-result').count()).toBe(0);
    await page.context().close();
  });

  it('fits a phone screen without horizontal scrolling', async () => {
    const page = await newPage({ width: 390, height: 844 });
    for (const id of ['承市政字〔2022〕16号', '隆政发〔2022〕11号']) {
      await page.goto(docUrl(id));
      await page.getByTestId('doc-title').waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, id).toBeLessThanOrEqual(390 + 2);
    }
    await page.context().close();
  });
});

// Last: these add issues to the library, which changes the home page of the tests above.
describe('an archive of issues and the relations between documents', () => {
  beforeAll(async () => {
    await ingestGazette(platform.db, Buffer.from(renumbered(SAMPLE, 2023, 7)));
    await ingestGazette(platform.db, Buffer.from(withoutToc(renumbered(SAMPLE, 2024, 1))));
    await addRelation(
      platform.db.kysely,
      '隆政发〔2022〕11号',
      { kind: 'extends', source: '隆政发〔2024〕9号', validUntil: '2027-12-31', reason: '县政府常务会议决定延期' },
      'admin',
    );
  });

  it('browses the issues by year and opens one printed without contents', async () => {
    const page = await newPage();
    await page.goto(`${base}/`);
    await expect.poll(() => page.getByTestId('archive-issue').count()).toBe(3);
    expect(await page.locator('.issue-meta').textContent()).toContain('2024年第1号');
    // Printed without contents: its documents in order.
    await expect.poll(() => page.getByTestId('toc-entry').count()).toBe(17);
    await page.getByTestId('issue-year').click();
    await page.getByTitle('2023 年（1 期）').click();
    await expect.poll(() => page.getByTestId('archive-issue').count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('year')).toBe('2023');
    await page.getByTestId('archive-issue').getByRole('link', { name: '2023年第7号' }).click();
    await expect.poll(() => page.locator('.issue-meta').textContent()).toContain('2023年第7号');
    await expect.poll(() => page.getByText('● 市政府文件').isVisible()).toBe(true);
    await page.context().close();
  });

  it('shows relations both ways, unresolved references, and the status on a chosen day', async () => {
    const page = await newPage();
    await page.goto(docUrl('承市政办字〔2022〕47号'));
    const implementsPlan = page.getByTestId('relation-outgoing').filter({ hasText: '承德市养老服务体系建设“十四五”规划' });
    await expect.poll(() => implementsPlan.count()).toBe(1);
    expect(await implementsPlan.getAttribute('data-kind')).toBe('implements');
    await page.goto(docUrl('隆政办规〔2022〕1号'));
    await expect.poll(() => page.getByTestId('relations-unresolved').textContent()).toContain('村卫生室管理办法（试行）');

    await page.goto(docUrl('隆政发〔2022〕11号'));
    const extension = page.getByTestId('relation-incoming').filter({ hasText: '隆政发〔2024〕9号' });
    await expect.poll(() => extension.count()).toBe(1);
    expect(await extension.textContent()).toContain('县政府常务会议决定延期');
    expect(await page.getByTestId('validity-badge').getAttribute('data-status')).toBe('in_force');
    const picker = page.getByPlaceholder('查看某日效力');
    await picker.click();
    await picker.fill('2028-02-01');
    await picker.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('asOf')).toBe('2028-02-01');
    await expect.poll(() => page.getByTestId('validity-badge').getAttribute('data-status')).toBe('expired');
    await page.context().close();
  });

  it('fits a phone screen with the archive, the relations and the date picker', async () => {
    const page = await newPage({ width: 390, height: 844 });
    for (const url of [`${base}/?year=2023`, docUrl('隆政发〔2022〕11号'), docUrl('承市政办字〔2022〕47号')]) {
      await page.goto(url);
      await page.locator('[data-testid="relations-card"], [data-testid="archive-issue"]').first().waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, url).toBeLessThanOrEqual(390 + 2);
    }
    await page.context().close();
  });
});
