// 科技成果评价 (承市政办字〔2022〕46号) in a real Chromium, on the generic screens: an enterprise files its result on a
// 390 px phone; an expert scores each criterion of the 清单 after declaring no interest; 市科技局 is refused a
// conclusion resting on the completers' titles (二、（三）) and concludes on the market test; the result is in the
// 成果库.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { CATEGORIES } from '../../src/procedures/science-evaluation/rules.js';
import { actionForm, newPage, pageWidth, PHONE, shot, signIn, startPlatform, type Platform } from '../helpers/browser.js';

let platform: Platform;
let caseUrl = '';
const TODAY = '2026-11-27';

beforeAll(async () => {
  platform = await startPlatform({ name: 'science-evaluation', today: TODAY, demoAccounts: true });
});

afterAll(async () => {
  await platform?.close();
});

/** Picks an option of an AntD Select; a long list is searched by typing first. */
async function choose(scope: Page | Locator, page: Page, testId: string, text: string) {
  await scope.getByTestId(testId).click();
  await page.keyboard.type(text.slice(0, 4).replace(/[（、].*$/, ''));
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${text}"]`).click();
}

describe('科技成果评价', () => {
  it('an enterprise files its result on a phone', async () => {
    const phone = await newPage(platform, PHONE);
    await signIn(platform, phone, 'qiye-a', 'demo-enterprise');
    await phone.goto(`${platform.base}/procedures/science-evaluation/apply`);
    await phone.getByTestId('intake-page').waitFor();
    await choose(phone, phone, 'field-category', '技术开发和产业化成果');
    await phone.getByTestId('field-title').fill('钒钛磁铁矿尾矿综合利用技术');
    await phone.getByTestId('field-unit').fill('承德钒钛新材料有限公司');
    await phone.getByTestId('field-field').fill('钒钛新材料');
    await phone.getByTestId('field-summary').fill('以钒钛磁铁矿尾矿为原料制备建材的成套工艺，已在两家企业应用。');
    await phone.getByTestId('field-completers.0.name').fill('李工');
    await phone.getByTestId('field-completers.0.contribution').fill('工艺路线设计与中试');
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(phone, 'evaluation-intake-phone');
    await phone.getByTestId('intake-submit').click();
    await phone.waitForURL(/\/cases\/KJPJ-/);
    caseUrl = phone.url();
    await phone.getByTestId('case-state').waitFor();
    expect(await phone.getByTestId('case-state').getAttribute('data-state')).toBe('review');
    await phone.context().close();
  });

  it('an expert scores the criteria; the bureau is refused a conclusion on titles and concludes on the market test', async () => {
    const expert = await newPage(platform, { width: 1366, height: 900 });
    await signIn(platform, expert, 'expert', 'demo-expert');
    await expert.goto(caseUrl);
    await expert.getByTestId('action-score').click();
    const form = actionForm(expert, 'score');
    await form.waitFor();
    await form.getByTestId('field-payload.conflictOfInterest').getByText('否', { exact: true }).click();
    await form.getByTestId('field-payload.declaration').fill('与完成单位、完成人无利益关联');
    const criteria = CATEGORIES.development.criteria;
    for (let i = 0; i < criteria.length; i++) {
      await form.getByTestId('add-payload.scores').click();
      await choose(form, expert, `field-payload.scores.${i}.criterion`, criteria[i]);
      await form.getByTestId(`field-payload.scores.${i}.score`).fill(String(80 + i * 5));
    }
    await shot(expert, 'evaluation-score-desktop');
    await form.getByTestId('action-confirm').click();
    await expert.locator('.ant-modal').waitFor({ state: 'hidden' });
    // Recorded on the case: one expert's scores for the three criteria (80, 85, 90 → 85).
    const id = decodeURIComponent(caseUrl.split('/cases/')[1]);
    const row = await platform.db.kysely.selectFrom('cases').select('data_json').where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.data_json).scores).toEqual([expect.objectContaining({ expert: '演示·评审专家王教授', average: 85 })]);
    await expert.context().close();

    const bureau = await newPage(platform, { width: 1366, height: 900 });
    await signIn(platform, bureau, 'kjj', 'demo-science');
    await bureau.goto(caseUrl);
    await bureau.getByTestId('action-conclude').click();
    const c = actionForm(bureau, 'conclude');
    await c.waitFor();
    await c.getByTestId('field-payload.passed').getByText('是', { exact: true }).click();
    await choose(c, bureau, 'field-payload.grounds', '完成人的职称、头衔');
    await bureau.keyboard.press('Escape');
    await c.getByTestId('field-payload.conclusion').fill('完成人为正高级工程师，成果可靠。');
    await c.getByTestId('action-confirm').click();
    // Refused with the article; nothing typed is lost.
    await expect
      .poll(async () => (await bureau.locator('.ant-modal').textContent()) ?? '')
      .toMatch(/不得以完成人的职称、头衔为依据（承市政办字〔2022〕46号 二、（三）/);
    expect(await c.getByTestId('field-payload.conclusion').inputValue()).toBe('完成人为正高级工程师，成果可靠。');
    await shot(bureau, 'evaluation-refused-desktop');
    // The grounds changed to the market test: concluded, in the 成果库.
    await c.getByTestId('field-payload.grounds').locator('.ant-select-selection-item-remove').first().click();
    // The tag goes with an animation: wait until it is gone, or the next choice would be added beside it.
    await expect.poll(() => c.getByTestId('field-payload.grounds').locator('.ant-select-selection-item', { hasText: '职称' }).count()).toBe(0);
    await choose(c, bureau, 'field-payload.grounds', '市场检验（合同金额、估值、占有率）');
    await bureau.keyboard.press('Escape');
    await c.getByTestId('field-payload.conclusion').fill('技术交易合同金额 320 万元，已在两家企业应用。');
    await c.getByTestId('action-confirm').click();
    await expect.poll(() => bureau.getByTestId('case-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('in_library');
    const library = await (await fetch(`${platform.base}/api/science/library`)).json();
    expect(library.results.map((r: { title: string }) => r.title)).toContain('钒钛磁铁矿尾矿综合利用技术');
    await bureau.context().close();
  });
});
