// The date of receipt (issue: 一网通办): the day the system receives an application. A villager or a unit filing
// for itself cannot choose it (a back-dated application would start overdue in the village's inbox); an official
// entering a paper application received earlier gives that day and the reason, and both are in the audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { validateDefinition } from '../../src/engine/procedure.js';
import { PROCEDURES } from '../../src/procedures/registry.js';
import { apiClient, testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';
import { APPLICATIONS } from '../helpers/fixtures.js';

const TODAY = '2026-11-27';
const BACKDATED = { ...(APPLICATIONS.homestead.application as object), applicationDate: '2026-11-02' };

describe.each(ENGINES)('the date of receipt on %s', (engine) => {
  let app: FastifyInstance;
  let api: ReturnType<typeof apiClient>;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    platform = await testPlatform(engine, { today: TODAY, users: ['zhangsan', 'village-tgt'] });
    ({ app, api } = platform);
  });
  afterAll(async () => {
    await platform?.close();
  });
  // Straight to the API (the test harness would otherwise file it on its own date).
  const post = (user: string, body: object, paperReason?: string) =>
    app.inject({
      method: 'POST',
      url: `/api/procedures/homestead/cases${paperReason ? `?paperReason=${encodeURIComponent(paperReason)}` : ''}`,
      payload: body,
      headers: api.as(user),
    });

  it('a villager’s typed date is not taken: the case is received today and is not born overdue', async () => {
    const c = await api.ok(post('zhangsan', BACKDATED));
    expect([c.applicationDate, c.application.applicationDate]).toEqual([TODAY, TODAY]);
    expect(c.deadline).toMatchObject({ since: TODAY, status: 'on_time' });
    expect(c.deadline.workdaysLeft).toBeGreaterThan(0);
  });

  it('a clerk entering a paper application received earlier gives the reason; it is kept in the audit', async () => {
    const bare = await post('village-tgt', BACKDATED);
    expect(bare.statusCode).toBe(400);
    expect(bare.json().details).toEqual([
      { field: 'paperReason', message: expect.stringMatching(/申请日期 2026-11-02 早于今天（2026-11-27）：补录纸质申请的，请说明收件情况/) },
    ]);
    const c = await api.ok(post('village-tgt', BACKDATED, '2026-11-02 村委会窗口收到纸质申请，系统故障未及时录入'));
    expect(c.applicationDate).toBe('2026-11-02');
    expect(c.timeline[0].data.paperApplication).toEqual({
      receivedOn: '2026-11-02',
      enteredOn: TODAY,
      reason: '2026-11-02 村委会窗口收到纸质申请，系统故障未及时录入',
    });
    // Today's paper application needs no reason.
    expect((await post('village-tgt', { ...BACKDATED, applicationDate: TODAY })).statusCode).toBe(201);
  });
});

describe('a procedure people file for themselves', () => {
  it('must let the engine set the date of receipt', () => {
    const homestead = PROCEDURES.get('homestead')!;
    expect(() => validateDefinition({ ...homestead, withApplicationDate: undefined })).toThrow(/withApplicationDate/);
    expect(() => validateDefinition(homestead)).not.toThrow();
  });
});
