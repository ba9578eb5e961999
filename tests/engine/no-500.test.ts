// Property-style: no action of any procedure answers 500, whatever state the case is in and whatever
// payload — generated from the schemas the server publishes, plus hostile shapes — by every role the
// action names, on both databases. Cases are put into each state directly, so records are incomplete
// in ways no normal flow produces (a case filed under an older definition, a record corrected by hand).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/connection.js';
import { DEMO_ACCOUNTS, PROCEDURES } from '../../src/procedures/registry.js';
import { apiClient, testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';
import { exampleFor } from '../helpers/fixtures.js';
import { payloadsFor } from '../helpers/payloads.js';

const TODAY = '2026-11-27';
// The demo accounts of every role, from the registry (two of a role at most; both enterprises take part).
const USERS: Record<string, string[]> = {};
for (const u of DEMO_ACCOUNTS) if ((USERS[u.role] ??= []).length < 2) USERS[u.role].push(u.username);

describe.each(ENGINES)('no action answers 500 on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let api: ReturnType<typeof apiClient>;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    // …and every example's filer (a module's own enterprise account among them).
    const filers = [...PROCEDURES.keys()].flatMap((p) => [exampleFor(p)?.filer, exampleFor(p)?.needs?.filer]).filter((u): u is string => Boolean(u));
    platform = await testPlatform(engine, { today: TODAY, users: [...new Set([...Object.values(USERS).flat(), ...filers])] });
    ({ db, app, api } = platform);
  });
  afterAll(async () => {
    await platform?.close();
  });

  const cases = [...PROCEDURES.keys()].flatMap(
    (p) =>
      [
        [p, 'accumulated'],
        [p, 'empty'],
      ] as const,
  );
  // "accumulated": the record grows with every accepted action; "empty": each attempt starts from a bare record.
  it.each(cases)('%s (%s record): every state × action × role × payload', async (procedure, mode) => {
    const info = await api.ok(app.inject({ url: `/api/procedures/${procedure}` }));
    const fixture = exampleFor(procedure)!;
    expect(fixture, `a fixture for ${procedure}`).toBeDefined();
    // A case the example refers to (an enrolment names its exam) is filed first.
    const application = fixture.needs
      ? {
          ...(fixture.application as object),
          [fixture.needs.field]: (await api.ok(api.file(fixture.needs.filer, fixture.needs.procedure, fixture.needs.application))).id,
        }
      : fixture.application;
    const filed = await api.ok(api.file(fixture.filer, procedure, application));
    // Both enterprises take part, so owner- and party-only actions get past the door.
    await db.kysely
      .insertInto('case_parties')
      .values({ case_id: filed.id, user_id: api.ids['qiye-b'], role_in_case: 'challenger', added_at: new Date().toISOString() })
      .execute();
    const hints = { today: TODAY, userIds: [api.ids['qiye-b'], api.ids['qiye-a']] };
    const statuses: Record<number, number> = {};
    let tried = 0;
    let accepted = 0;
    let withSchema = 0;
    const failures: string[] = [];
    let schemaPassed = 0;
    for (const state of info.states as { id: string }[]) {
      // Every certificate, in every state, for the filer and an official: issued, or refused with a reason.
      await db.kysely
        .updateTable('cases')
        .set({ state: state.id, ...(mode === 'empty' ? { data_json: '{}' } : {}) })
        .where('id', '=', filed.id)
        .execute();
      const certs = (await api.ok(app.inject({ url: `/api/cases/${filed.id}`, headers: api.as('admin') }))).certificates as { url: string }[];
      for (const cert of certs) {
        for (const user of [fixture.filer, 'admin']) {
          const r = await app.inject({ url: cert.url, headers: api.as(user) });
          if (r.statusCode >= 500) failures.push(`${state.id} · ${cert.url} · ${user} → ${r.statusCode} ${r.body.slice(0, 120)}`);
        }
      }
      for (const action of (info.actions as { id: string; from: string[]; roles: string[]; payloadSchema: any }[]).filter((a) => a.from.includes(state.id))) {
        let passedOne = false;
        for (const role of action.roles) {
          for (const user of USERS[role] ?? []) {
            for (const payload of payloadsFor(action.payloadSchema, hints)) {
              await db.kysely
                .updateTable('cases')
                .set({ state: state.id, state_entered_on: '2026-11-02', ...(mode === 'empty' ? { data_json: '{}' } : {}) })
                .where('id', '=', filed.id)
                .execute();
              const version = Number((await db.kysely.selectFrom('cases').select('version').where('id', '=', filed.id).executeTakeFirstOrThrow()).version);
              const r = await app.inject({
                method: 'POST',
                url: `/api/cases/${filed.id}/actions/${action.id}`,
                payload: { version, payload },
                headers: api.as(user),
              });
              tried++;
              statuses[r.statusCode] = (statuses[r.statusCode] ?? 0) + 1;
              if (r.statusCode >= 500)
                failures.push(`${state.id} · ${action.id} · ${user} · ${JSON.stringify(payload)?.slice(0, 80)} → ${r.statusCode} ${r.body.slice(0, 120)}`);
              if (r.statusCode < 300) accepted++;
              if (r.statusCode !== 400) passedOne = true;
              const view = await app.inject({ url: `/api/cases/${filed.id}`, headers: api.as('admin') });
              if (view.statusCode >= 500) failures.push(`view after ${state.id} · ${action.id} → ${view.statusCode}`);
              const body = r.json();
              expect(typeof body.message === 'string' || r.statusCode < 300, `${action.id}: an error has a message`).toBe(true);
            }
          }
        }
        if (action.payloadSchema) {
          withSchema++;
          if (passedOne) schemaPassed++;
        }
      }
    }
    expect(failures).toEqual([]);
    expect(tried).toBeGreaterThanOrEqual(info.actions.length);
    // The generator is only useful if its payloads get past schema validation most of the time.
    // (A procedure whose actions take no payload, such as an exam's 截止报名, has nothing to generate.)
    if (withSchema > 0) expect(schemaPassed / withSchema).toBeGreaterThan(0.8);
    expect(accepted).toBeGreaterThan(0);
  });
});
