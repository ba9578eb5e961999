// Calling the HTTP API as signed-in demo users, for the procedure tests.
import type { FastifyInstance } from 'fastify';
import { DEMO_ACCOUNTS } from '../../src/procedures/registry.js';
import { filingClock, onFilingDay, registerFilingClock } from './filing-day.js';

type Reply = { statusCode: number; json: () => any; body: string };

export function apiClient(app: FastifyInstance, adminToken: string, accounts = DEMO_ACCOUNTS) {
  const tokens: Record<string, string> = {};
  const ids: Record<string, number> = {};
  const as = (user: string) => ({ authorization: `Bearer ${tokens[user]}` });
  const client = {
    tokens,
    ids,
    as,
    /** Signs in demo users (or others with their password). */
    async signIn(users: (string | [string, string])[]) {
      for (const u of users) {
        const [username, password] = typeof u === 'string' ? [u, accounts.find((d) => d.username === u)!.password] : u;
        // Each person signs in from an address of their own (sign-in is rate-limited per address).
        const r = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username, password },
          remoteAddress: `127.0.${Object.keys(tokens).length >> 8}.${(Object.keys(tokens).length % 250) + 2}`,
        });
        if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.body}`);
        tokens[username] = r.json().token;
        ids[username] = r.json().actor.id;
      }
    },
    /** The reply's JSON, or an error showing what the server said. */
    async ok(p: Promise<Reply> | Reply) {
      const r = await p;
      if (r.statusCode >= 300) throw new Error(`${r.statusCode} ${r.body}`);
      return r.json();
    },
    get: (user: string, id: string) => app.inject({ url: `/api/cases/${id}`, headers: as(user) }),
    /** Files as a user; `paperReason`: an official entering a paper application received before today. */
    file: (user: string, procedure: string, body: unknown, paperReason?: string) =>
      onFilingDay(app, procedure, body, () =>
        app.inject({
          method: 'POST',
          url: `/api/procedures/${procedure}/cases${paperReason ? `?paperReason=${encodeURIComponent(paperReason)}` : ''}`,
          payload: body as object,
          headers: as(user),
        }),
      ),
    /** Takes an action with the case's current version (read as administrator unless given). */
    async act(user: string, id: string, action: string, date: string, payload?: unknown, version?: number) {
      const v = version ?? (await app.inject({ url: `/api/cases/${id}`, headers: { authorization: `Bearer ${adminToken}` } })).json().version;
      return app.inject({ method: 'POST', url: `/api/cases/${id}/actions/${action}`, payload: { version: v, date, payload }, headers: as(user) });
    },
  };
  return client;
}

/**
 * One test platform on a fresh database of the given engine: demo data (unless `demo: false`, which gives
 * the demo accounts without the demo governance record, or `demo: 'none'`, which gives no accounts at all),
 * the app with a fixed today (or a function giving it, for a test that moves the day), and signed-in users.
 * `gazettes` are ingested first and `accounts` created after the demo data, both before the app is built.
 */
export async function testPlatform(
  engine: import('./databases.js').Engine,
  opts: {
    today?: string | (() => string);
    users?: (string | [string, string])[];
    demo?: boolean | 'none';
    registry?: import('../../src/procedures/registry.js').Registry;
    /** Gazette text files to ingest (paths such as 'data/gazettes/2022-04.txt'). */
    gazettes?: string[];
    /** Further accounts; sign them in as [username, password]. */
    accounts?: import('../../src/auth/service.js').NewUser[];
    /** SQLite: how long a statement waits in all for another process's write lock (15 s in production). */
    busyTimeoutMs?: number;
  } = {},
) {
  const { freshDb } = await import('./databases.js');
  const { buildApp } = await import('../../src/server/app.js');
  const { openCalendar } = await import('../../src/calendar/service.js');
  const { ensureDemoData } = await import('../../src/server/demo.js');
  const { createUser, ensureDemoAccounts } = await import('../../src/auth/service.js');
  const db = await freshDb(engine, { busyTimeoutMs: opts.busyTimeoutMs });
  if (opts.gazettes?.length) {
    const { readFileSync } = await import('node:fs');
    const { ingestGazette } = await import('../../src/gazette/store.js');
    for (const path of opts.gazettes) await ingestGazette(db, readFileSync(path));
  }
  if (opts.demo === false) await ensureDemoAccounts(db, DEMO_ACCOUNTS);
  else if (opts.demo !== 'none') await ensureDemoData(db);
  if (opts.registry) await ensureDemoAccounts(db, opts.registry.demoUsers, { force: true });
  for (const account of opts.accounts ?? []) await createUser(db, account);
  const given = opts.today ?? '2026-11-27';
  const clock = filingClock(typeof given === 'function' ? given : () => given);
  const app = await buildApp({
    db,
    calendar: await openCalendar(db),
    adminToken: 'test-admin',
    webRoot: '/nonexistent',
    today: clock.today,
    registry: opts.registry,
  });
  registerFilingClock(app, clock, opts.registry);
  const api = apiClient(app, 'test-admin', opts.registry?.demoUsers);
  if (opts.users?.length) await api.signIn(opts.users);
  return {
    db,
    app,
    api,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
