// What an action's write guarantees, on both databases, now that it is a few prepared statements (one round
// trip on PostgreSQL): a stale version is refused and writes nothing; several actions in one transaction are
// all written or none, each case's chain head advancing with it; concurrent writers keep every chain unbroken; a
// deadline's reminder is queued when the deadline is set, not again by a step that keeps it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCalendar } from '../../src/calendar/service.js';
import type { Db } from '../../src/db/connection.js';
import { sql } from 'kysely';
import { appendEvent, appendEventAfter, appendEventAlone, appendEventAloneSqlite, verifyAuditChain } from '../../src/engine/audit.js';
import { notificationsInsert } from '../../src/notifications/service.js';
import { CaseEngine } from '../../src/engine/cases.js';
import { TODAY, township, townshipEvent, twoStates } from '../helpers/two-states.js';
import { ENGINES, freshDb } from '../helpers/databases.js';

const procedure = twoStates({ id: 'write-test', name: '写入测试事项', idPrefix: 'WT', extended: true });
const actor = township;

describe.each(ENGINES)('action writes on %s', (engineName) => {
  let db: Db;
  let engine: CaseEngine;
  beforeAll(async () => {
    db = await freshDb(engineName);
    const calendar = await openCalendar(db);
    engine = new CaseEngine({ db, calendar: () => calendar.calendar(), procedures: new Map([[procedure.id, procedure]]), today: () => TODAY });
  });
  afterAll(async () => {
    await db?.close();
  });

  const file = (title: string) => engine.file(procedure.id, actor, { title, date: TODAY });
  const events = async () =>
    Number(
      (
        await db.kysely
          .selectFrom('case_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  // A case's chain head, on its row.
  const head = async (id: string) => {
    const h = await db.kysely.selectFrom('cases').select(['chain_events', 'chain_hash']).where('id', '=', id).executeTakeFirstOrThrow();
    return { events: Number(h.chain_events), hash: h.chain_hash };
  };
  const row = (id: string) => db.kysely.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('moves a case, records the event and keeps the chain whole', async () => {
    const id = await file('一');
    expect(await engine.apply(actor, id, 'forward', { version: 1, payload: { note: '转' } })).toBe(2);
    const r = await row(id);
    expect([r.state, Number(r.version), JSON.parse(r.data_json)]).toEqual(['b', 2, { note: '转' }]);
    expect(r.due_on).not.toBeNull();
    expect((await verifyAuditChain(db)).problems).toEqual([]);
  });

  it('hashes any text alike wherever the hash is computed (the server hashes it on PostgreSQL)', async () => {
    const id = await file('引号"\\与换行');
    const odd = `"引号" 'single' \\反斜杠\\ \n换行\t制表 😀`;
    await engine.apply(actor, id, 'forward', { version: 1, payload: { note: odd, reason: odd } });
    await engine.applyAll(actor, [{ id, action: 'remark', body: { version: 2, payload: { note: `${odd}二`, reason: `${odd}二` } } }]);
    expect((await verifyAuditChain(db)).problems).toEqual([]);
  });

  it('refuses a stale version with 409 and writes nothing', async () => {
    const id = await file('二');
    await engine.apply(actor, id, 'forward', { version: 1, payload: { note: '先' } });
    const before = { events: await events(), head: await head(id), row: await row(id) };
    await expect(engine.apply(actor, id, 'remark', { version: 1, payload: { note: '后' } })).rejects.toMatchObject({ status: 409 });
    expect({ events: await events(), head: await head(id), row: await row(id) }).toEqual(before);
  });

  it('writes several actions in one transaction all or none, each case’s head advancing with its event', async () => {
    const [x, y] = [await file('三'), await file('四')];
    const before = { events: await events(), heads: [await head(x), await head(y)] };
    // The second step on x was prepared at version 1 too: the first one's write makes it stale inside the transaction.
    await expect(
      engine.applyAll(actor, [
        { id: y, action: 'forward', body: { version: 1, payload: { note: 'y' } } },
        { id: x, action: 'forward', body: { version: 1, payload: { note: 'x' } } },
        { id: x, action: 'finish', body: { version: 1 } },
      ]),
    ).rejects.toMatchObject({ status: 409 });
    expect({ events: await events(), heads: [await head(x), await head(y)] }).toEqual(before);
    expect([(await row(x)).version, (await row(y)).version].map(Number)).toEqual([1, 1]);
    await engine.applyAll(actor, [
      { id: y, action: 'forward', body: { version: 1, payload: { note: 'y' } } },
      { id: x, action: 'forward', body: { version: 1, payload: { note: 'x' } } },
    ]);
    expect([(await head(x)).events, (await head(y)).events]).toEqual([2, 2]);
    expect(await events()).toBe(before.events + 2);
    expect((await verifyAuditChain(db)).problems).toEqual([]);
  });

  it('keeps every chain whole under concurrent writers, and one of two officials acting on the same version wins', async () => {
    const ids = await Promise.all(['五', '六', '七', '八'].map(file));
    const versions = new Map(ids.map((id) => [id, 1]));
    await Promise.all(
      ids.map(async (id) => {
        for (let i = 0; i < 6; i++) {
          const action = i % 2 ? 'back' : 'forward';
          versions.set(id, await engine.apply(actor, id, action, { version: versions.get(id)!, payload: { note: `${i}` } }));
        }
      }),
    );
    const same = await Promise.allSettled([
      engine.apply(actor, ids[0], 'forward', { version: 7, payload: { note: '甲' } }),
      engine.apply(actor, ids[0], 'finish', { version: 7 }),
    ]);
    expect(same.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(same.find((s) => s.status === 'rejected')).toMatchObject({ reason: { status: 409 } });
    expect(Number((await row(ids[0])).version)).toBe(8);
    expect((await verifyAuditChain(db)).problems).toEqual([]);
  });

  // With one global chain head every append waited for the head's row lock until the other transaction committed:
  // here the second transaction would time out (lock_timeout) instead of appending.
  it.skipIf(engineName !== 'postgres')('appends to two cases in two open transactions, neither waiting for the other to commit', async () => {
    const [x, y] = [await file('十'), await file('十一')];
    const event = townshipEvent;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let appended!: () => void;
    const first = new Promise<void>((r) => (appended = r));
    const t1 = db.kysely.transaction().execute(async (trx) => {
      await sql`SET LOCAL lock_timeout = '2s'`.execute(trx);
      const change = {
        set: [
          ['state', 'b'],
          ['version', 2],
          ['data_json', '{"note":"并发"}'],
        ] as [string, unknown][],
        version: 1,
      };
      expect(await appendEventAfter(trx, db.dialect, event(x, 'forward', 'b', { note: '并发' }), change)).toBe(2);
      appended();
      await gate;
    });
    await first;
    try {
      await db.kysely.transaction().execute(async (trx) => {
        await sql`SET LOCAL lock_timeout = '2s'`.execute(trx);
        // A 督办 event: it changes nothing on the case but its chain.
        expect(await appendEvent(trx, db.dialect, event(y, 'escalate', 'a', { due: TODAY }))).toBe(2);
      });
    } finally {
      release();
      await t1;
    }
    expect([Number((await row(x)).version), Number((await row(y)).version)]).toEqual([2, 1]);
    expect((await verifyAuditChain(db)).problems).toEqual([]);
  });

  // On SQLite a plain step is one synchronous transaction past the query builder's queue; while another
  // transaction is open on the connection (awaiting between statements) it must queue behind it, not join it:
  // here that transaction rolls back, and the step must still be written, the other's row not.
  it('takes a step while another transaction is open: it waits its turn and is not undone by the other’s rollback', async () => {
    const id = await file('十二');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let opened!: () => void;
    const open = new Promise<void>((r) => (opened = r));
    const other = db.kysely.transaction().execute(async (trx) => {
      await trx
        .insertInto('notifications')
        .values({ user_id: 0, case_id: null, kind: 'test', title: '回滚', body: '回滚', created_at: new Date().toISOString(), read_at: null })
        .execute();
      opened();
      await gate;
      throw new Error('rolled back on purpose');
    });
    await open;
    const step = engine.apply(actor, id, 'forward', { version: 1, payload: { note: '排队' } });
    release();
    await expect(other).rejects.toThrow('rolled back on purpose');
    expect(await step).toBe(2);
    expect([(await row(id)).state, Number((await row(id)).version)]).toEqual(['b', 2]);
    expect(await db.kysely.selectFrom('notifications').select('id').where('title', '=', '回滚').execute()).toEqual([]);
    expect((await verifyAuditChain(db)).problems).toEqual([]);
  });

  it.skipIf(engineName !== 'sqlite')('writes a plain step alone only when no other transaction is open on the connection', async () => {
    const id = await file('十三');
    const h = { events: (await head(id)).events, hash: (await head(id)).hash ?? '' };
    const event = townshipEvent(id, 'forward', 'b', { note: '单独' });
    const change = {
      set: [
        ['state', 'b'],
        ['version', 2],
        ['data_json', '{"note":"单独"}'],
      ] as [string, unknown][],
      version: 1,
    };
    await db.kysely.transaction().execute(async () => {
      expect(appendEventAloneSqlite(db, event, change, h)).toBeUndefined();
    });
    expect(Number((await row(id)).version)).toBe(1);
    expect(appendEventAloneSqlite(db, event, change, h)).toBe(2);
    expect(appendEventAloneSqlite(db, event, change, h)).toBeNull(); // the version moved on
    expect([(await row(id)).state, Number((await row(id)).version), await head(id)]).toEqual(['b', 2, { events: 2, hash: expect.any(String) }]);
    expect((await verifyAuditChain(db)).problems).toEqual([]);
  });

  // The engine's statements are prepared once per connection on PostgreSQL; a migration that changes a table under a
  // prepared `SELECT *` (a server running across an upgrade) must not turn every read into an error.
  it.skipIf(engineName !== 'postgres')('keeps reading and writing a case after a migration added a column under its prepared statements', async () => {
    const own = await freshDb(engineName);
    try {
      const calendar = await openCalendar(own);
      const e = new CaseEngine({ db: own, calendar: () => calendar.calendar(), procedures: new Map([[procedure.id, procedure]]), today: () => TODAY });
      const id = await e.file(procedure.id, actor, { title: '迁移', date: TODAY });
      expect(await e.apply(actor, id, 'forward', { version: 1, payload: { note: '前' } })).toBe(2);
      await sql`ALTER TABLE cases ADD COLUMN added_by_a_migration text`.execute(own.kysely);
      expect(await e.apply(actor, id, 'back', { version: 2, payload: { note: '后' } })).toBe(3);
      expect((await e.get(actor, id)).version).toBe(3);
      expect((await verifyAuditChain(own)).problems).toEqual([]);
    } finally {
      await own.close();
    }
  });

  it.skipIf(engineName !== 'postgres')('inserts what goes with a step in its one statement only when the case was written', async () => {
    const id = await file('十四');
    const note = (title: string) => notificationsInsert([{ user_id: 0, case_id: id, kind: 'test', title, body: title, created_at: new Date().toISOString() }]);
    const change = (version: number) => ({
      set: [
        ['state', 'b'],
        ['version', version + 1],
        ['data_json', '{"note":"随附"}'],
      ] as [string, unknown][],
      version,
    });
    const event = townshipEvent(id, 'forward', 'b', { note: '随附' });
    expect(await appendEventAlone(db.kysely, event, change(5), [note('过期版本')])).toBeNull();
    expect(await appendEventAlone(db.kysely, event, change(1), [note('当前版本')])).toBe(2);
    const titles = await db.kysely.selectFrom('notifications').select('title').where('case_id', '=', id).execute();
    expect(titles.map((t) => t.title)).toEqual(['当前版本']);
    expect((await verifyAuditChain(db)).problems).toEqual([]);
  });

  it('queues a deadline’s reminder when the deadline is set, and a step that keeps it queues nothing', async () => {
    const id = await file('九');
    await engine.apply(actor, id, 'forward', { version: 1, payload: { note: '转' } });
    const jobs = () => db.kysely.selectFrom('jobs').select(['kind', 'dedup_key']).where('dedup_key', 'like', `%${id}%`).orderBy('dedup_key').execute();
    const queued = await jobs();
    expect(queued.map((j) => j.kind).sort()).toEqual(['escalate', 'reminder']);
    await engine.apply(actor, id, 'remark', { version: 2, payload: { note: '记' } });
    expect(await jobs()).toEqual(queued);
  });
});
