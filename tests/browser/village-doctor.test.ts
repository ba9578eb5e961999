// 乡村医生 (隆政办规〔2022〕1号) in a real Chromium: a 乡镇卫生院 on a 390 px phone lands on its register,
// sees the 空白村 of its township, opens a doctor and tries to move him — the village list comes from the
// area tree — and is refused because his village would be left without a long-term doctor (一、（四））;
// nothing changes. The county health bureau reads the register of any township at 1366 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPage, pageWidth, PHONE, pickDate, shot, signIn, startPlatform, type Platform } from '../helpers/browser.js';
import { apiClient } from '../helpers/api.js';

let platform: Platform;
let doctorId = '';
const TODAY = '2026-11-27';

beforeAll(async () => {
  platform = await startPlatform({ name: 'village-doctor', today: TODAY, demoAccounts: true });
  const api = apiClient(platform.app, 'test');
  await api.signIn(['wsy-tgt']);
  const entry = (name: string, idNumber: string, village: string) => ({
    doctor: { name, idNumber },
    qualification: { certificate: 'village_doctor', certificateNo: `XC-${name}`, registeredOn: '2012-05-01' },
    basis: 'existing',
    posting: { county: '隆化县', township: '汤头沟镇', village },
    enteredOn: '2026-11-02',
  });
  // 山前村 has one doctor; 西窑村 two.
  // Entered from the paper register the centre kept before (dated 2026-11-02, with why).
  const paper = '2026-11-02 从纸质花名册补录';
  doctorId = (await api.ok(api.file('wsy-tgt', 'village-doctor-roster', entry('赵德山', '130825196803081017', '山前村'), paper))).id;
  await api.ok(api.file('wsy-tgt', 'village-doctor-roster', entry('钱玉芬', '130825196805061028', '西窑村'), paper));
  await api.ok(api.file('wsy-tgt', 'village-doctor-roster', entry('孙丽', '130825199603150026', '西窑村'), paper));
});

afterAll(async () => {
  await platform?.close();
});

describe('乡村医生花名册', () => {
  it('a 乡镇卫生院 on a phone is refused a move that would leave a 空白村', async () => {
    const phone = await newPage(platform, PHONE);
    await signIn(platform, phone, 'wsy-tgt', 'demo-health');
    // The health centre lands on its register.
    await phone.waitForURL(/\/village-doctor$/);
    const blank = phone.getByTestId('blank-villages');
    await blank.waitFor();
    const blankText = (await blank.textContent()) ?? '';
    expect(blankText).toContain('大汤头沟村'); // nobody registered there
    expect(blankText).not.toContain('山前村');
    expect(await phone.getByTestId('doctor').count()).toBe(3);
    expect(await pageWidth(phone)).toBeLessThanOrEqual(PHONE.width + 2);
    await shot(phone, 'village-doctor-register-phone');

    // 登记村医: the generic form offers the township's villages from the area tree.
    await phone.goto(`${platform.base}/procedures/village-doctor-roster/apply`);
    await phone.getByTestId('intake-page').waitFor();
    await phone.getByTestId('field-posting.village').click();
    await phone.locator('.ant-select-item-option').filter({ hasText: '大汤头沟村' }).first().waitFor();
    expect(await phone.locator('.ant-select-item-option').filter({ hasText: '汤头沟村' }).allTextContents()).not.toContain('汤头沟村');
    await phone.keyboard.press('Escape');
    await shot(phone, 'village-doctor-intake-phone');

    await phone.goto(`${platform.base}/cases/${doctorId}`);
    await phone.getByTestId('action-move').click();
    const form = phone.locator('[data-testid="action-form"][data-action="move"]');
    await form.waitFor();
    // The villages offered are those of 汤头沟镇 from the area tree; his own is marked and cannot be chosen.
    await form.getByTestId('field-payload.village').click();
    await phone.locator('.ant-select-item-option').filter({ hasText: '西窑村' }).first().waitFor();
    expect(await phone.locator('.ant-select-item-option-disabled').filter({ hasText: '山前村（现所在村）' }).count()).toBe(1);
    await phone.locator('.ant-select-item-option').filter({ hasText: '西窑村' }).first().click();
    await form.getByTestId('field-payload.reason').fill('西窑村服务人口多');
    // A typed day outside the allowed range is refused with the range, never replaced by today; nothing is sent.
    await pickDate(form, '#action_date', '2026-10-01');
    await form.getByTestId('action-confirm').click();
    await expect
      .poll(() => form.locator('.ant-form-item-explain-error').allTextContents())
      .toContain('办理日期须在 2026-11-02 至 2026-11-27 之间，您填写的是 2026-10-01');
    expect(await form.locator('#action_date').inputValue()).toBe('2026-10-01');
    expect(await form.getByTestId('action-error').count()).toBe(0);
    await pickDate(form, '#action_date', TODAY);
    await shot(phone, 'village-doctor-move-phone');
    await form.getByTestId('action-confirm').click();
    const error = form.getByTestId('action-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/调配后汤头沟镇山前村将没有长期在岗村医，形成村医“空白村”，不允许调配（隆政办规〔2022〕1号 一、（四））/);
    await shot(phone, 'village-doctor-refused-phone');
    // Nothing changed.
    const row = await platform.db.kysely.selectFrom('cases').select(['village', 'version']).where('id', '=', doctorId).executeTakeFirstOrThrow();
    expect([row.village, Number(row.version)]).toEqual(['山前村', 1]);
    await phone.context().close();
  });

  it('the county health bureau reads the register of any township on a desktop', async () => {
    const desk = await newPage(platform, { width: 1366, height: 900 });
    await signIn(platform, desk, 'wjj-longhua', 'demo-health');
    await desk.waitForURL(/\/village-doctor/);
    await desk.goto(`${platform.base}/village-doctor?township=${encodeURIComponent('汤头沟镇')}`);
    await desk.getByTestId('villages').waitFor();
    expect(await desk.getByTestId('doctor').count()).toBe(3);
    expect(await desk.getByTestId('township-select').count()).toBe(1);
    expect(await pageWidth(desk)).toBeLessThanOrEqual(1366 + 2);
    await shot(desk, 'village-doctor-register-desktop');
    await desk.context().close();
  });
});
