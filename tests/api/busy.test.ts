// The embedded database has one writer at a time across processes. While another process (an ingest from the
// command line) holds the write lock, a step waits for it in short steps with the event loop free — the server
// keeps answering — and goes through once the lock is released; past the wait's budget it answers 503 in
// Chinese with Retry-After and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import { baseApplication, deepMerge } from '../../src/procedures/homestead/fixtures.js';
import { testPlatform } from '../helpers/api.js';

const TODAY = '2026-11-27';

describe('a step while another process writes (SQLite)', () => {
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    // The wait's budget is 15 s in production; 1.5 s here.
    platform = await testPlatform('sqlite', { today: TODAY, users: ['zhangsan', 'village-tgt'], busyTimeoutMs: 1500 });
  });
  afterAll(async () => {
    await platform?.close();
  });
  const lockFromAnotherProcess = () => {
    const other = new SQLite(platform.db.url.slice('sqlite:'.length));
    other.exec('BEGIN IMMEDIATE');
    return () => {
      other.exec('ROLLBACK');
      other.close();
    };
  };
  const file = async () =>
    (await platform.api.ok(platform.api.file('zhangsan', 'homestead', deepMerge(baseApplication(), { applicationDate: TODAY })))).id as string;

  it('waits for the lock without stopping the server, then takes the step', async () => {
    const { api, app } = platform;
    const id = await file();
    const release = lockFromAnotherProcess();
    const step = api.act('village-tgt', id, 'accept_complete', TODAY, undefined, 1);
    try {
      // Time for the step to reach the lock (a wait that held the event loop would hold this timer too, and the
      // lock, released only below, would never come free for it).
      await new Promise((r) => setTimeout(r, 200));
      // Answered while the step still waits for the lock: the event loop is not held by the wait.
      expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
    } finally {
      release();
    }
    const r = await step;
    expect(r.statusCode).toBe(200);
    expect(r.json().version).toBe(2);
  });

  it('answers 503 with Retry-After and writes nothing when the lock is held past the budget', async () => {
    const { api } = platform;
    const id = await file();
    const release = lockFromAnotherProcess();
    try {
      const r = await api.act('village-tgt', id, 'accept_complete', TODAY, undefined, 1);
      expect(r.statusCode).toBe(503);
      expect(r.headers['retry-after']).toBe('5');
      expect(r.json()).toMatchObject({ error: 'busy', message: expect.stringContaining('数据库正忙') });
    } finally {
      release();
    }
    expect((await api.ok(api.get('village-tgt', id))).version).toBe(1);
    expect((await api.ok(api.act('village-tgt', id, 'accept_complete', TODAY, undefined, 1))).version).toBe(2);
  });
});
