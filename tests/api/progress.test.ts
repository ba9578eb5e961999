// 办件进度查询 without signing in: case number + the last 6 characters of the applicant's 身份证号. It answers
// where the case stands and nothing personal; a wrong tail and an unknown number get the same answer; lookups
// are limited per address, signed in or not. The 受理回执 (PDF) says what was received and the time limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRESS_LOOKUPS_PER_MINUTE } from '../../src/engine/routes.js';
import { receiptContent } from '../../src/engine/cases.js';
import { streetServiceModule } from '../fixtures/procedures/test-street-service/index.js';
import { buildRegistry, MODULES } from '../../src/procedures/registry.js';
import { testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';

const ID = '11010519491231002X';
const registry = buildRegistry([...MODULES, streetServiceModule]);

describe.each(ENGINES)('public progress lookup on %s', (engine) => {
  let p: Awaited<ReturnType<typeof testPlatform>>;
  let caseId: string;
  let n = 0;
  // Each lookup from its own address unless a test means to exhaust one.
  const lookup = (body: object, ip = `10.55.${n >> 8}.${(n++ % 250) + 1}`) =>
    p.app.inject({ method: 'POST', url: '/api/progress', payload: body, remoteAddress: ip });

  beforeAll(async () => {
    p = await testPlatform(engine, { registry, users: ['test-resident', 'test-community-xdj'] });
    const filed = await p.api.ok(
      p.api.file('test-resident', 'test-street-service', {
        applicationDate: '2026-11-23',
        resident: { name: '王五', idNumber: ID, phone: '13912345678' },
        county: '双桥区',
        township: '西大街街道',
        village: '西大街社区居民委员会',
        service: 'repair',
        households: 2,
      }),
    );
    caseId = filed.id;
    await p.api.ok(p.api.act('test-community-xdj', caseId, 'forward', '2026-11-24', { opinion: '同意' }));
  });
  afterAll(async () => p?.close());

  it('answers the current step, the dates and the deadline, and nothing personal', async () => {
    const r = await lookup({ caseId, idTail: '31002x' });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({
      caseId,
      procedure: '【测试】街道便民服务登记',
      receivedOn: '2026-11-23',
      state: { label: '街道审核', terminal: false },
      applicantMustAct: false,
    });
    expect(body.steps).toEqual([
      { date: '2026-11-23', step: '社区初审' },
      { date: '2026-11-24', step: '街道审核' },
    ]);
    expect(body.deadline).toMatchObject({ label: '5 个工作日内审核', due: '2026-12-01' });
    const text = JSON.stringify(body);
    for (const secret of [ID, '王五', '13912345678', '西大街社区', '测试·西大街社区居委会']) expect(text).not.toContain(secret);
  });

  it('answers a wrong tail and an unknown number alike, and refuses a malformed tail in Chinese', async () => {
    const wrong = await lookup({ caseId, idTail: '310021' });
    const unknown = await lookup({ caseId: 'TST-20261123-0000000000', idTail: '31002X' });
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrong.json().message).toBe(unknown.json().message);
    const bad = await lookup({ caseId, idTail: '12' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/身份证号后 6 位应为 6 位数字/);
  });

  it(`allows ${PROGRESS_LOOKUPS_PER_MINUTE} lookups a minute from one address, signed in or not`, async () => {
    const codes: number[] = [];
    for (let i = 0; i < PROGRESS_LOOKUPS_PER_MINUTE + 2; i++) {
      const r = await p.app.inject({
        method: 'POST',
        url: '/api/progress',
        payload: { caseId, idTail: '000000' },
        remoteAddress: '10.66.0.1',
        headers: p.api.as('test-resident'),
      });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, PROGRESS_LOOKUPS_PER_MINUTE).every((c) => c === 404)).toBe(true);
    expect(codes.slice(PROGRESS_LOOKUPS_PER_MINUTE)).toEqual([429, 429]);
  });
});

describe.each(ENGINES)('受理回执 on %s', (engine) => {
  let p: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    p = await testPlatform(engine, { registry, users: ['test-resident', 'test-street-tdpl'] });
  });
  afterAll(async () => p?.close());

  it('is a PDF for whoever may read the case, and nobody else', async () => {
    const filed = await p.api.ok(
      p.api.file('test-resident', 'test-street-service', {
        applicationDate: '2026-11-23',
        resident: { name: '王五', idNumber: ID, phone: '13912345678' },
        county: '双桥区',
        township: '西大街街道',
        village: '西大街社区居民委员会',
        service: 'repair',
        households: 2,
      }),
    );
    const r = await p.app.inject({ url: `/api/cases/${filed.id}/receipt`, headers: p.api.as('test-resident') });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await p.app.inject({ url: `/api/cases/${filed.id}/receipt`, headers: p.api.as('test-street-tdpl') })).statusCode).toBe(404);
    expect((await p.app.inject({ url: `/api/cases/${filed.id}/receipt` })).statusCode).toBe(401);
  });

  it('says what was received, when, by whom, and every time limit with its article', () => {
    const def = registry.procedures.get('test-street-service')!;
    const content = receiptContent(
      def,
      {
        id: 'TST-1',
        title: '王五 · 西大街社区居民委员会',
        application_date: '2026-11-23',
        county: '双桥区',
        township: '西大街街道',
        village: '西大街社区居民委员会',
      },
      { state: def.states[0], due: '2026-11-26' },
    );
    const rows = Object.fromEntries(content.rows);
    expect(rows).toMatchObject({
      办理事项: '【测试】街道便民服务登记',
      办件编号: 'TST-1',
      受理日期: '2026-11-23',
      受理单位: '双桥区西大街街道西大街社区居民委员会',
      本环节期限: '2026-11-26',
    });
    expect(rows['办理时限']).toBe('社区初审：3 个工作日内初审（【测试】合成办事规则 第二条）\n街道审核：5 个工作日内审核（【测试】合成办事规则 第三条）');
    expect(content.basis).toEqual(['【测试】合成办事规则']);
  });
});
