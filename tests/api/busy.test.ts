// The embedded database has one writer at a time across processes: while another process (an ingest from the
// command line) holds the write lock past the busy timeout, a step answers 503 in Chinese with Retry-After,
// writes nothing, and goes through once the lock is released.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import { baseApplication, deepMerge } from '../../src/procedures/homestead/fixtures.js';
import { testPlatform } from '../helpers/api.js';

const TODAY = '2026-11-27';

describe('a step while another process writes (SQLite)', () => {
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    platform = await testPlatform('sqlite', { today: TODAY, users: ['zhangsan', 'village-tgt'] });
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('answers 503 with Retry-After and writes nothing while the lock is held, and takes the step after', async () => {
    const { api, db } = platform;
    const filed = await api.ok(api.file('zhangsan', 'homestead', deepMerge(baseApplication(), { applicationDate: TODAY })));
    // Waiting 15 s for the lock is the production setting; here a tenth of a second.
    db.sqlite!.pragma('busy_timeout = 100');
    const other = new SQLite(db.url.slice('sqlite:'.length));
    other.exec('BEGIN IMMEDIATE');
    try {
      const r = await api.act('village-tgt', filed.id, 'accept_complete', TODAY, undefined, 1);
      expect(r.statusCode).toBe(503);
      expect(r.headers['retry-after']).toBe('5');
      expect(r.json()).toMatchObject({ error: 'busy', message: expect.stringContaining('数据库正忙') });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await api.ok(api.get('village-tgt', filed.id))).version).toBe(1);
    const after = await api.ok(api.act('village-tgt', filed.id, 'accept_complete', TODAY, undefined, 1));
    expect(after.version).toBe(2);
  });
});
