// 揭榜挂帅 in a real Chromium: an enterprise's demand is recommended, scored and selected through
// the API; the science bureau publishes the 榜单 from its inbox; anyone sees it at /jiebang; a
// second enterprise (which cannot read the case) takes the list with 我要揭榜 and becomes a party;
// the bureau closes applications and picks the partner from the challengers. Funding calculator,
// payment ledger, the 包干制 rules page and a phone screen.
// Set ZHENGWU_SCREENSHOTS=/some/dir to keep desktop and phone screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { onFilingDay } from '../helpers/filing-day.js';
import { caseAction, newPage as openPage, pageWidth, pickDate, PHONE, shot, signIn as signInAs, startPlatform, type Platform } from '../helpers/browser.js';

const TODAY = '2026-11-27';
const TITLE = '高纯钒电解液低成本制备关键技术';

let platform: Platform;
let base = '';
const newPage = (viewport?: { width: number; height: number }) => openPage(platform, viewport);
const signIn = (page: Page, username: string, password: string) => signInAs(platform, page, username, password);

const act = caseAction;

/** The HTTP API as a signed-in user. */
async function as(username: string, password: string) {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const { token } = (await r.json()) as { token: string };
  const call = async (path: string, body?: unknown): Promise<any> => {
    // A filing happens on the application's own day (tests/helpers/filing-day.ts).
    const filing = /^\/api\/procedures\/([^/]+)\/cases$/.exec(path);
    if (filing && body !== undefined) return onFilingDay(platform.app, filing[1], body, () => send(path, body));
    return send(path, body);
  };
  const send = async (path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await res.json();
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(data)}`);
    return data;
  };
  const step = async (id: string, action: string, date: string, payload?: unknown) => {
    const c = await call(`/api/cases/${encodeURIComponent(id)}`);
    return call(`/api/cases/${encodeURIComponent(id)}/actions/${action}`, { version: c.version, date, payload });
  };
  return { call, step };
}

const DEMAND = {
  applicationDate: '2026-11-02',
  type: 'tech_breakthrough',
  title: TITLE,
  demander: {
    unit: '承德钒钛新材料有限公司',
    county: '隆化县',
    registeredInChengde: true,
    independentLegalPerson: true,
    creditClean3y: true,
    contact: { name: '赵工', phone: '13900000001' },
  },
  background: '全钒液流电池储能规模化应用，电解液成本占比高。',
  content: '开发以含钒浸出液为原料直接制备高纯电解液的短流程工艺。',
  keyTechnologies: [
    { name: '短流程除杂', indicator: '杂质总量 ≤ 50 ppm' },
    { name: '电解液稳定性', indicator: '-10–45 ℃ 下 30 天无沉淀' },
  ],
  transferForm: '',
  timeLimitMonths: 24,
  rdInvestment: 6_000_000,
  challengerRequirements: '具有钒化工或电化学储能研发基础的高校、科研院所或企业。',
  ipOwnership: '新产生的知识产权归需求方所有，揭榜方享有署名权。',
  benefitSharing: '按协议约定支付研发经费。',
  alreadyCityFunded: false,
  conditions: { urgentNeed: true, clearTargets: true, appliesFirstInOwnEnterprise: true, fundingCapacity: true },
};

beforeAll(async () => {
  platform = await startPlatform({ name: 'jiebang', today: TODAY, demoAccounts: true });
  base = platform.base;
});

afterAll(async () => {
  await platform?.close();
});

describe('揭榜挂帅 in the browser', () => {
  let caseId = '';

  it('prepares a selected demand through the API (file, recommend, score, conclude)', async () => {
    const a = await as('qiye-a', 'demo-enterprise');
    const created = await a.call('/api/procedures/jiebang/cases', DEMAND);
    caseId = created.id;
    expect(created.state.id).toBe('recommendation');
    await (await as('kj-longhua', 'demo-science')).step(caseId, 'recommend', '2026-11-03');
    await (
      await as('expert', 'demo-expert')
    ).step(caseId, 'score', '2026-11-04', { score: 86, conflictOfInterest: false, declaration: '本人与需求方无利益关系。' });
    const concluded = await (await as('kjj', 'demo-science')).step(caseId, 'conclude_review', '2026-11-05', { selected: true });
    expect(concluded.state.id).toBe('listing');
  });

  it('has the bureau publish the list from its inbox', async () => {
    const page = await newPage();
    await signIn(page, 'kjj', 'demo-science');
    expect(new URL(page.url()).pathname).toBe('/inbox');
    await page.getByTestId('case-row').filter({ hasText: caseId }).getByRole('link').click();
    await page.getByTestId('case-title').waitFor();
    // The expert's score with its declaration is on the case page.
    expect(await page.getByTestId('scores').textContent()).toContain('86');
    await act(
      page,
      'publish_list',
      '2026-11-06',
      async (form) => {
        await pickDate(form, '#action_deadline', '2026-12-31');
      },
      'open',
    );
    expect(await page.getByTestId('jiebang-record').textContent()).toContain('2026-11-06 发布，2026-12-31 截止揭榜');
    await page.context().close();
  });

  it('shows the published list to anyone, with details and the funding calculator', async () => {
    const page = await newPage();
    await page.goto(`${base}/jiebang`);
    const item = page.getByTestId('jiebang-item').filter({ hasText: TITLE });
    await item.waitFor();
    // 第二十九条: valid 5 years from 2022-07-01
    const validity = page.getByTestId('governing-status');
    await validity.waitFor();
    expect(await validity.getAttribute('data-status')).toBe('in_force');
    expect(await validity.textContent()).toContain('2027-06-30');
    expect(await item.getByTestId('item-status').textContent()).toBe('接受揭榜');
    expect(await item.getByTestId('applicant-count').textContent()).toBe('0');
    expect(await item.textContent()).toContain('杂质总量 ≤ 50 ppm');
    expect(await item.textContent()).toContain('2026-12-31');
    // Not signed in: the button asks to sign in first.
    expect(await item.getByTestId('apply-login').count()).toBe(1);
    await item.getByTestId('detail-button').click();
    await page.getByTestId('jiebang-detail').waitFor();
    expect(await page.getByTestId('jiebang-detail').textContent()).toContain('新产生的知识产权归需求方所有');
    await page.locator('.ant-drawer-close').click();

    const calc = page.getByTestId('funding-calculator');
    await calc.getByTestId('funding-amount').fill('4000000');
    await calc.getByTestId('funding-first').fill('1000000');
    await calc.getByTestId('funding-submit').click();
    await calc.getByTestId('funding-result').waitFor();
    expect(await calc.getByTestId('funding-ceiling').textContent()).toContain('1,600,000.00 元');
    expect(await calc.getByTestId('funding-first-tranche').textContent()).toContain('400,000.00 元');
    expect(await calc.getByTestId('funding-remainder').textContent()).toContain('1,200,000.00 元');
    expect(await calc.getByTestId('funding-recipient').textContent()).toBe('需求方');
    const href = await calc.getByTestId('funding-result').getByTestId('cite-link').first().getAttribute('href');
    expect(decodeURIComponent(href!)).toBe('/docs/承市科规〔2022〕1号#第十六条第二款');
    await shot(page, 'jiebang-desktop');
    await page.context().close();
  });

  it('lets another enterprise take the list: 我要揭榜 → applicant count 1 → the case is readable', async () => {
    const page = await newPage();
    await signIn(page, 'qiye-b', 'demo-enterprise');
    // Before applying, qiye-b cannot read the case.
    await page.goto(`${base}/cases/${encodeURIComponent(caseId)}`);
    await page.getByTestId('error-message').waitFor();

    await page.goto(`${base}/jiebang`);
    const item = page.getByTestId('jiebang-item').filter({ hasText: TITLE });
    await item.getByTestId('apply-button').click();
    const form = page.getByTestId('challenge-form');
    await form.waitFor();
    expect(await page.locator('#challenge_party_unit').inputValue()).toBe('河北某大学科研院');
    // The conditions of 第四–五条, checked as the form is filled in.
    expect(await form.getByTestId('challenge-conditions').locator('li[data-ok="false"]').count()).toBe(2);
    await page.locator('#challenge_party_contact_name').fill('钱教授');
    await page.locator('#challenge_party_contact_phone').fill('13900000002');
    await page.locator('#challenge_plan').fill('以萃取—反萃短流程替代沉钒焙烧，12 个月完成中试，24 个月达到全部指标。');
    await form.getByTestId('challenge-ownIP').check();
    await form.getByTestId('challenge-stableTeam').check();
    await expect.poll(() => form.getByTestId('challenge-conditions').locator('li[data-ok="false"]').count()).toBe(0);
    await form.getByTestId('challenge-submit').click();
    await page.getByTestId('applied-notice').waitFor();
    await expect.poll(() => item.getByTestId('applicant-count').textContent()).toBe('1');

    await page.getByTestId('applied-notice').getByRole('link').click();
    await page.getByTestId('case-title').waitFor();
    const row = page.getByTestId('challenger-row').filter({ hasText: '河北某大学科研院' });
    expect(await row.textContent()).toContain(TODAY);
    expect(await row.locator('[data-outcome="pass"]').count()).toBe(2);
    // Back on the list, the demand it took up says so and offers the case instead of a second 揭榜 (the server refuses one too: tests/procedures/jiebang.test.ts).
    await page.goto(`${base}/jiebang`);
    const again = page.getByTestId('jiebang-item').filter({ hasText: TITLE });
    await again.getByTestId('already-applied').waitFor();
    expect(await again.getByTestId('apply-button').count()).toBe(0);
    expect(await again.getByTestId('already-applied').getByRole('link').getAttribute('href')).toBe(`/cases/${encodeURIComponent(caseId)}`);
    await page.context().close();
  });

  it('has the bureau close applications and agree with the challenger chosen from the list', async () => {
    const page = await newPage();
    await signIn(page, 'kjj', 'demo-science');
    await page.goto(`${base}/cases/${encodeURIComponent(caseId)}`);
    await page.getByTestId('case-title').waitFor();
    await act(page, 'close_applications', TODAY, async () => {}, 'matching');
    await act(
      page,
      'agree_single',
      TODAY,
      async (form) => {
        await form.getByTestId('field-challengerUserId').click();
        await page.locator('.ant-select-item-option').filter({ hasText: '河北某大学科研院' }).click();
        await form.locator('#action_projectName').fill('高纯钒电解液短流程制备');
        await form.locator('#action_agreementAmount').fill('4000000');
      },
      'plan_approval',
    );
    expect(await page.getByTestId('challenger-row').first().textContent()).toContain('揭榜成功');
    expect(await page.getByTestId('funding').textContent()).toContain('1,600,000.00 元');
    await shot(page, 'jiebang-case-desktop');
    await page.goto(`${base}/jiebang/payments`);
    await page.getByTestId('payments-total').waitFor();
    expect(await page.getByTestId('payments-total').textContent()).toContain('共 0 笔');
    await page.goto(`${base}/baogan`);
    await page.getByTestId('negative-list').waitFor();
    expect(await page.getByTestId('negative-item').count()).toBe(9);
    await page.getByTestId('spot-check-submit').click();
    await page.locator('.ant-alert-error').waitFor();
    expect(await page.locator('.ant-alert-error').textContent()).toContain('没有可抽查的包干制项目');
    await page.context().close();
  });

  it('fits a phone screen: the list, the form and the case page', async () => {
    const page = await newPage(PHONE);
    await page.goto(`${base}/jiebang`);
    await page.getByTestId('jiebang-item').first().waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(page, 'jiebang-phone');
    await page.goto(`${base}/baogan`);
    await page.getByTestId('negative-list').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width + 2);
    await signIn(page, 'qiye-a', 'demo-enterprise');
    await page.goto(`${base}/jiebang/new`);
    await page.getByTestId('checks-pending').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width + 2);
    await page.goto(`${base}/cases/${encodeURIComponent(caseId)}`);
    await page.getByTestId('challengers').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(page, 'jiebang-case-phone');
    await page.context().close();
  });
});
