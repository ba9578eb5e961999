// A step taken with `Prefer: return=minimal` (RFC 7240): the same step, version check and audit event, answered
// with the case's id and new version instead of the rebuilt case view; without the header, the full view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATIONS } from '../helpers/fixtures.js';
import { testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';

describe.each(ENGINES)('Prefer: return=minimal on %s', (engine) => {
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    platform = await testPlatform(engine, { today: '2026-11-02', users: ['zhangsan', 'village-tgt'] });
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('takes the step and answers only the id and the new version; a stale version is still refused', async () => {
    const { app, api } = platform;
    const filed = await api.ok(api.file('zhangsan', 'homestead', APPLICATIONS.homestead.application));
    const step = (version: number) =>
      app.inject({
        method: 'POST',
        url: `/api/cases/${filed.id}/actions/accept_complete`,
        payload: { version },
        headers: { ...api.as('village-tgt'), prefer: 'return=minimal' },
      });
    const r = await step(filed.version);
    expect(r.statusCode).toBe(200);
    expect(r.headers['preference-applied']).toBe('return=minimal');
    expect(r.json()).toEqual({ id: filed.id, version: filed.version + 1 });
    const view = await api.ok(api.get('village-tgt', filed.id));
    expect([view.version, view.state.id]).toEqual([filed.version + 1, 'village_meeting']);
    expect(view.timeline.at(-1)).toMatchObject({ action: 'accept_complete' });
    expect((await step(filed.version)).statusCode).toBe(409);
  });

  it('answers the full case view without the header', async () => {
    const { api } = platform;
    const filed = await api.ok(api.file('zhangsan', 'homestead', APPLICATIONS.homestead.application));
    const r = await api.act('village-tgt', filed.id, 'accept_complete', '2026-11-02');
    expect(r.statusCode).toBe(200);
    expect(r.headers['preference-applied']).toBeUndefined();
    expect(r.json()).toMatchObject({ id: filed.id, version: filed.version + 1, state: { id: 'village_meeting' } });
  });
});
