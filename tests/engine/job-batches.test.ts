// Database-only jobs (reminders, escalations) run in one transaction per batch, each behind a savepoint: on
// both databases a job that fails is undone alone and retried later, the others' effects commit with their
// outcome, and jobs that reach outside (mail, webhooks) or open their own transactions run on their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { enqueue } from '../../src/jobs/queue.js';
import { databaseOnly, JobRunner, type JobHandler } from '../../src/jobs/runner.js';
import { ENGINES, freshDb } from '../helpers/databases.js';

const NOW = new Date('2026-11-27T09:00:00+08:00');

describe.each(ENGINES)('job batches on %s', (engineName) => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb(engineName);
  });
  afterAll(async () => {
    await db?.close();
  });

  const note = (ctx: { db: Db }, title: string) =>
    ctx.db.kysely
      .insertInto('notifications')
      .values({ user_id: 0, case_id: null, kind: 'test', title, body: title, created_at: NOW.toISOString(), read_at: null })
      .execute();
  const titles = async () => (await db.kysely.selectFrom('notifications').select('title').orderBy('title').execute()).map((r) => r.title);
  const status = async (key: string) => db.kysely.selectFrom('jobs').select(['status', 'last_error']).where('dedup_key', '=', key).executeTakeFirstOrThrow();

  it('commits each job’s effects with its outcome, undoes a failing one alone, and runs the others outside the batch', async () => {
    const inTransaction: Record<string, boolean> = {};
    const handlers: Record<string, JobHandler> = {
      ok: databaseOnly(async (p: { title: string }, ctx) => {
        inTransaction[p.title] = ctx.db.kysely.isTransaction;
        await note(ctx, p.title);
        return 'done';
      }),
      broken: databaseOnly(async (p: { title: string }, ctx) => {
        await note(ctx, p.title);
        throw new Error('坏了');
      }),
      outside: async (p: { title: string }, ctx) => {
        inTransaction[p.title] = ctx.db.kysely.isTransaction;
        await note(ctx, p.title);
        return 'done';
      },
    };
    const at = new Date(NOW.getTime() - 60_000);
    await enqueue(db.kysely, [
      { kind: 'ok', key: 'ok-1', runAt: at, payload: { title: '甲' } },
      { kind: 'broken', key: 'broken-1', runAt: at, payload: { title: '乙' } },
      { kind: 'ok', key: 'ok-2', runAt: at, payload: { title: '丙' } },
      { kind: 'outside', key: 'outside-1', runAt: at, payload: { title: '丁' } },
    ]);
    const r = await new JobRunner(db, handlers).runDue(NOW);
    expect(r).toEqual({ claimed: 4, done: 3, skipped: 0, retried: 1, failed: 0 });
    // The failing job's notification is gone with it; the others' stayed.
    expect(await titles()).toEqual(['丁', '丙', '甲'].sort());
    expect(await status('broken-1')).toEqual({ status: 'pending', last_error: '坏了' });
    for (const k of ['ok-1', 'ok-2', 'outside-1']) expect((await status(k)).status).toBe('done');
    expect(inTransaction).toEqual({ 甲: true, 丙: true, 丁: false });
  });

  // An expiry due before an escalation must move the case first: batching keeps the order the jobs were claimed in.
  it('runs the jobs in the order they are due, database-only or not', async () => {
    const order: string[] = [];
    // Two handlers: databaseOnly marks the function it is given.
    const mark = () => async (p: { title: string }) => {
      order.push(p.title);
      return 'done' as const;
    };
    const handlers: Record<string, JobHandler> = { local: databaseOnly(mark()), outside: mark() };
    const at = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);
    await enqueue(db.kysely, [
      { kind: 'local', key: 'order-1', runAt: at(30), payload: { title: '一' } },
      { kind: 'outside', key: 'order-2', runAt: at(20), payload: { title: '二' } },
      { kind: 'local', key: 'order-3', runAt: at(10), payload: { title: '三' } },
    ]);
    expect(await new JobRunner(db, handlers).runDue(NOW)).toMatchObject({ claimed: 3, done: 3 });
    expect(order).toEqual(['一', '二', '三']);
  });
});
