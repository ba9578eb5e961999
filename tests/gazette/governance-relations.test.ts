// An extension of 隆政发〔2022〕11号 recorded once as a relation between documents is honoured by the homestead
// procedure through the API, on both databases (cases.ts reads relations through governance.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { baseApplication, deepMerge } from '../../src/procedures/homestead/fixtures.js';
import { testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';

describe.each(ENGINES)('a relation as a governance record on %s', (engine) => {
  let app: FastifyInstance;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    platform = await testPlatform(engine, { today: '2026-11-02', demo: false, gazettes: ['data/gazettes/2022-04.txt'], users: ['admin'] });
    ({ app } = platform);
  });
  afterAll(async () => {
    await platform?.close();
  });
  const assess = async () =>
    (
      await app.inject({
        method: 'POST',
        url: '/api/procedures/homestead/assess',
        payload: deepMerge(baseApplication(), { applicationDate: '2026-11-02' }) as object,
      })
    ).json();

  it('makes the homestead procedure in force on 2026-11-02 with decisions allowed', async () => {
    expect((await assess()).governingDocumentStatus).toMatchObject({ status: 'expired', decisionsAllowed: false });
    const r = await app.inject({
      method: 'POST',
      url: `/api/documents/${encodeURIComponent('隆政发〔2022〕11号')}/relations`,
      payload: { kind: 'extends', source: '隆政发〔2024〕9号', validUntil: '2027-12-31', reason: '县政府决定延期' },
      headers: platform.api.as('admin'),
    });
    expect(r.statusCode).toBe(201);
    expect((await assess()).governingDocumentStatus).toMatchObject({ status: 'in_force', decisionsAllowed: true, effectiveUntil: '2027-12-31' });
    for (const id of ['homestead', 'homestead-transfer'])
      expect((await app.inject({ url: `/api/procedures/${id}` })).json().governingDocumentStatus).toMatchObject({
        status: 'in_force',
        effectiveUntil: '2027-12-31',
      });
  });
});
