// A procedure with no screen of its own, in a real Chromium: the synthetic urban procedure
// (tests/fixtures/procedures/test-street-service), added to the registry by one line, is found on 办事,
// filed by a resident on the generic form (on a 390 px phone), and acted on by the 社区 with a form drawn
// from the action's payload schema; the case page shows the application from the schema's labels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegistry, MODULES } from '../../src/procedures/registry.js';
import { streetServiceModule } from '../fixtures/procedures/test-street-service/index.js';
import { newPage, pageWidth, PHONE, shot, signIn, startPlatform, type Platform } from '../helpers/browser.js';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({ name: 'modules', today: '2026-11-27', demoAccounts: true, registry: buildRegistry([...MODULES, streetServiceModule]) });
});

afterAll(async () => {
  await platform?.close();
});

describe('a procedure module without screens of its own', () => {
  it('is found, filed on the generic form and acted on with a generic action form', async () => {
    const phone = await newPage(platform, PHONE);
    await signIn(platform, phone, 'test-resident', 'test-resident-pass');
    await phone.goto(`${platform.base}/services`);
    const card = phone.getByTestId('service-test-street-service');
    await card.waitFor();
    expect(await card.textContent()).toContain('【测试】街道便民服务登记');
    await shot(phone, 'services-phone');
    await phone.getByTestId('apply-test-street-service').click();
    await phone.waitForURL(/\/procedures\/test-street-service\/apply$/);
    await phone.getByTestId('intake-page').waitFor();
    // The account's own area is filled in; labels come from the schema (区 / 街道 / 社区).
    expect(await phone.getByTestId('field-township').inputValue()).toBe('西大街街道');
    expect(await phone.locator('label[for$="village"]').first().textContent()).toBe('社区');

    // Submitting empty names the fields at fault; nothing typed is lost.
    await phone.getByTestId('field-resident.name').fill('王五');
    await phone.getByTestId('intake-submit').click();
    await expect
      .poll(() => phone.locator('.ant-form-item-explain-error').allTextContents())
      .toEqual(expect.arrayContaining(['请填写身份证号码', '请填写户数']));
    expect(await phone.getByTestId('field-resident.name').inputValue()).toBe('王五');

    await phone.getByTestId('field-resident.idNumber').fill('11010519491231002X');
    await phone.getByTestId('field-resident.phone').fill('13912345678');
    // The resident does not choose the date: today, recorded by the system.
    const date = phone.getByTestId('field-applicationDate');
    expect([await date.isDisabled(), await date.inputValue()]).toEqual([true, '2026-11-27']);
    await phone.getByTestId('field-service').click();
    await phone.locator('.ant-radio-wrapper').filter({ hasText: '老年助餐' }).click();
    await phone.getByTestId('field-households').fill('3');
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(phone, 'generic-intake-phone');
    await phone.getByTestId('intake-submit').click();
    await phone.waitForURL(/\/cases\/TST-/);
    const caseUrl = phone.url();
    // The application as filed, labelled from the schema, the 身份证号 masked.
    const view = phone.getByTestId('application-view');
    await view.waitFor();
    expect(await view.textContent()).toContain('老年助餐');
    expect(await view.textContent()).not.toContain('11010519491231002X');
    // The case version is for officials' concurrent edits, not shown to the resident.
    expect(await phone.getByTestId('case-version').count()).toBe(0);
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(phone, 'generic-case-phone');
    await phone.context().close();

    // The 社区 acts, with the form drawn from the action's payload schema.
    const desk = await newPage(platform, { width: 1366, height: 900 });
    await signIn(platform, desk, 'test-community-xdj', 'test-community-pass');
    await desk.goto(`${platform.base}/inbox`);
    await expect.poll(() => desk.locator('a[href^="/cases/TST-"]').count()).toBe(1);
    await desk.goto(caseUrl);
    await expect.poll(() => desk.getByTestId('case-version').count()).toBe(1);
    await desk.getByTestId('action-forward').click();
    const form = desk.getByTestId('action-form');
    await form.waitFor();
    expect(await form.locator('label').filter({ hasText: '社区意见' }).count()).toBe(1);
    await desk.getByTestId('action-confirm').click();
    await expect.poll(() => form.locator('.ant-form-item-explain-error').allTextContents()).toContain('请填写社区意见');
    await desk.getByTestId('field-payload.opinion').fill('情况属实，同意报街道');
    await desk.getByTestId('action-confirm').click();
    await desk.getByTestId('action-modal').waitFor({ state: 'hidden' });
    await expect.poll(async () => (await desk.getByTestId('case-state').textContent()) ?? '').toContain('街道审核');
    // What the action recorded, labelled from the procedure's record schema.
    expect(await desk.getByTestId('view-communityOpinion').textContent()).toBe('情况属实，同意报街道');
    await shot(desk, 'generic-case-desktop');
    await desk.context().close();

    // Anyone with the case number and the last 6 of the applicant's 身份证号 sees where it stands, on a phone, without signing in.
    const visitor = await newPage(platform, PHONE);
    await visitor.goto(`${platform.base}/services`);
    await visitor.getByTestId('progress-link').click();
    await visitor.getByTestId('progress-case').fill(decodeURIComponent(caseUrl.split('/cases/')[1]));
    await visitor.getByTestId('progress-id').fill('31002X');
    await visitor.getByTestId('progress-submit').click();
    await visitor.getByTestId('progress-result').waitFor();
    expect(await visitor.getByTestId('progress-state').textContent()).toBe('街道审核');
    expect(await visitor.getByTestId('progress-result').textContent()).not.toContain('王五');
    expect(await pageWidth(visitor)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(visitor, 'progress-phone');
    await visitor.context().close();
  });
});
