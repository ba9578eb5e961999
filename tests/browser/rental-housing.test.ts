// 保障性租赁住房 (承市政办字〔2022〕48号) in a real Chromium, from filing to the 项目认定书: an enterprise files a
// conversion project on the generic form (optional groups of other kinds of project left empty); the housing
// department accepts it; a member of the leading group gives its opinion and sees who is still awaited; when the
// last member has spoken the housing department issues the 认定书 and downloads the PDF; the county's page lists
// its parameters (absent ones as absent) and fits a 390 px phone.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../helpers/api.js';
import { caseAction, chooseOption, newPage, pageWidth, PHONE, pickDate, shot, signIn, startPlatform, type Platform } from '../helpers/browser.js';

let platform: Platform;
const TODAY = '2026-11-27';
let caseId = '';

beforeAll(async () => {
  platform = await startPlatform({ name: 'rental-housing', today: TODAY, demoAccounts: true });
});

afterAll(async () => {
  await platform?.close();
});

describe('保障性租赁住房项目认定', () => {
  it('an enterprise files a conversion project on the generic form', async () => {
    const page = await newPage(platform, { width: 1366, height: 900 });
    await signIn(platform, page, 'qiye-zl', 'demo-enterprise');
    await page.goto(`${platform.base}/procedures/rental-housing/apply`);
    await page.getByTestId('intake-page').waitFor();
    await page.getByTestId('field-owner.name').fill('承德某住房租赁有限公司');
    await page.getByTestId('field-owner.creditCode').fill('91130802MA0A1B2C3D');
    await page.getByTestId('field-owner.contact').fill('周经理');
    await page.getByTestId('field-owner.phone').fill('13831400001');
    await page.getByTestId('field-name').fill('西大街闲置办公楼改建项目');
    await chooseOption(page, 'field-place.county', '双桥区');
    await chooseOption(page, 'field-place.township', '西大街街道');
    await chooseOption(page, 'field-place.village', '西大街社区');
    await page.getByTestId('field-address').fill('西大街 18 号');
    await chooseOption(page, 'field-kind', '非居住存量房屋改建');
    await page.getByTestId('field-land.documents').fill('冀（2019）承德市不动产权第 0001234 号');
    await chooseOption(page, 'field-conversion.originalUse', '商业办公');
    for (const f of ['planningConforms', 'rightsUnchanged', 'safetyMet', 'residentsConsulted'])
      await page.getByTestId(`field-conversion.${f}`).getByText('是', { exact: true }).click();
    await page.getByTestId('field-units.0.floorArea').fill('35');
    await page.getByTestId('field-units.0.count').fill('80');
    await page.getByTestId('add-units').click();
    await page.getByTestId('field-units.1.floorArea').fill('85');
    await page.getByTestId('field-units.1.count').fill('20');
    await page.getByTestId('field-rent.planned').fill('18');
    await page.getByTestId('field-rent.market.value').fill('25');
    await pickDate(page, '[data-testid="field-rent.market.assessedOn"]', '2026-06-30');
    await page.getByTestId('field-rent.market.assessedBy').fill('双桥区住房和城乡建设局');
    await page.getByTestId('field-quality.standard').getByText('是', { exact: true }).click();
    await page.getByTestId('field-quality.basicFitOut').getByText('是', { exact: true }).click();
    // A multiple select stays open while the options are picked.
    await page.getByTestId('field-quality.utilities').click();
    for (const u of ['水', '电', '气', '暖', '路', '信']) await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${u}"]`).click();
    await page.keyboard.press('Escape');
    await pickDate(page, '[data-testid="field-schedule.start"]', '2027-03-01');
    await pickDate(page, '[data-testid="field-schedule.completion"]', '2027-10-31');
    // The enterprise does not choose the date of receipt.
    expect([await page.getByTestId('field-filedOn').isDisabled(), await page.getByTestId('field-filedOn').inputValue()]).toEqual([true, TODAY]);
    await shot(page, 'rental-intake-desktop');
    await page.getByTestId('intake-submit').click();
    await page.waitForURL(/\/cases\/BZF-/);
    caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await page.getByTestId('assessment').waitFor();
    const assessment = (await page.getByTestId('assessment').textContent()) ?? '';
    expect(assessment).toContain('小户型 80 套，占全部 100 套的 80%');
    expect(assessment).toContain('承市政办字〔2022〕48号 三、（一）2.');
    // Park and public-stock groups were left empty and not sent.
    const stored = await platform.db.kysely.selectFrom('cases').select('application_json').where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(Object.keys(JSON.parse(stored.application_json))).not.toContain('park');
    await page.context().close();
  });

  it('the leading group reviews jointly; the housing department issues and downloads the 项目认定书', async () => {
    const api = apiClient(platform.app, 'test');
    await api.signIn(['zjj-shuangqiao', 'czj-shuangqiao', 'zrj-shuangqiao', 'xzspj-shuangqiao']);
    await api.ok(api.act('zjj-shuangqiao', caseId, 'accept', TODAY));

    // 县发展和改革局 gives its opinion in the browser and sees who is still awaited.
    const drc = await newPage(platform, { width: 1366, height: 900 });
    await signIn(platform, drc, 'fgj-shuangqiao', 'demo-housing');
    await drc.goto(`${platform.base}/cases/${encodeURIComponent(caseId)}`);
    await drc.getByTestId('joint-review').waitFor();
    await caseAction(
      drc,
      'review_opinion',
      TODAY,
      async (form) => {
        await form.getByTestId('field-payload.agree').getByText('是', { exact: true }).click();
        await form.getByTestId('field-payload.opinion').fill('符合本县年度建设计划，同意。');
      },
      'joint_review',
    );
    await expect.poll(() => drc.getByTestId('opinion-county_drc').textContent()).toContain('符合本县年度建设计划，同意。');
    const waiting = (await drc.getByTestId('joint-waiting').textContent()) ?? '';
    expect(waiting).toContain('县财政局');
    expect(waiting).not.toContain('县发展和改革局');
    expect(await drc.getByTestId('action-review_opinion').count()).toBe(0);
    await shot(drc, 'rental-joint-review-desktop');
    await drc.context().close();

    for (const u of ['zjj-shuangqiao', 'czj-shuangqiao', 'zrj-shuangqiao', 'xzspj-shuangqiao'])
      await api.ok(api.act(u, caseId, 'review_opinion', TODAY, { agree: true, opinion: '同意' }));

    const housing = await newPage(platform, { width: 1366, height: 900 });
    await signIn(platform, housing, 'zjj-shuangqiao', 'demo-housing');
    await housing.goto(`${platform.base}/cases/${encodeURIComponent(caseId)}`);
    await expect.poll(() => housing.getByTestId('case-state').getAttribute('data-state')).toBe('to_certify');
    await caseAction(housing, 'issue_recognition', TODAY, async () => {}, 'recognised');
    const response = housing.waitForResponse((r) => r.url().includes('/certificates/project-recognition'));
    const download = housing.waitForEvent('download');
    await housing.getByTestId('cert-project-recognition').click();
    const res = await response;
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/pdf');
    const file = await download;
    expect(file.suggestedFilename()).toBe(`保障性租赁住房项目认定书-${caseId}.pdf`);
    expect(
      readFileSync((await file.path())!)
        .subarray(0, 4)
        .toString('latin1'),
    ).toBe('%PDF');
    await shot(housing, 'rental-recognised-desktop');
    await housing.context().close();
  });

  it('the county page on a phone: plan progress, parameters absent until recorded', async () => {
    const phone = await newPage(platform, PHONE);
    await signIn(platform, phone, 'zjj-shuangqiao', 'demo-housing');
    // The county housing department lands on its page.
    await phone.waitForURL(/\/rental-housing$/);
    await phone.getByTestId('rental-overview').waitFor();
    expect(await phone.getByTestId('rental-overview').textContent()).toContain('双桥区');
    await phone.getByTestId('param-missing-rental_housing.market_rent_per_m2').waitFor();
    expect(await phone.getByTestId('param-value-rental_housing.small_unit_max_m2').textContent()).toContain('70 平方米');
    // The 15 % the gazette alone sets is shown for every county, never as missing.
    expect(await phone.getByTestId('param-value-rental_housing.park_support_ratio_max_pct').textContent()).toContain('15 %');
    await phone.getByTestId('param-edit-rental_housing.market_rent_per_m2').click();
    const form = phone.getByTestId('param-form-rental_housing.market_rent_per_m2');
    await form.locator('input').first().fill('24');
    await pickDate(form, '.ant-picker input', '2026-07-01');
    await form.locator('#source').fill('双桥区 2026 年度市场租金评估结果');
    await phone.getByTestId('param-save-rental_housing.market_rent_per_m2').click();
    await expect.poll(() => phone.getByTestId('param-value-rental_housing.market_rent_per_m2').textContent()).toContain('24 元/平方米·月');
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(phone, 'rental-page-phone');
    await phone.context().close();
  });
});
