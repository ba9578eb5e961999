// Runs due jobs: each server (or `zhengwu jobs run-due`) claims a batch with a lease in the database —
// PostgreSQL skips rows another runner has locked (FOR UPDATE SKIP LOCKED), SQLite has a single writer —
// so a job runs once even with several servers; a runner killed mid-job leaves a lease that expires and
// the job runs again (at least once; handlers are idempotent or de-duplicated by key). Failures retry
// with a doubling back-off, up to a limit.
import { sql } from 'kysely';
import { transactionDb, type Db } from '../db/connection.js';
import type { Selectable } from 'kysely';
import type { JobTable } from '../db/schema.js';

type Job = Selectable<JobTable>;

/** Database-only jobs written per transaction (a batch of reminders: tens of milliseconds of write lock). */
const TRANSACTION_JOBS = 50;

export type JobOutcome = 'done' | 'skipped';
export type JobHandler = ((payload: any, ctx: { db: Db; now: Date; job: { id: number; attempts: number; kind: string } }) => Promise<JobOutcome>) & {
  /** The handler only reads and writes the database (no mail, no request out, no transaction of its own): run in a batch's transaction. */
  databaseOnly?: boolean;
};

/** A handler marked database-only (see JobHandler.databaseOnly); the function given is left as it is. */
export const databaseOnly = (h: JobHandler): JobHandler =>
  Object.assign((payload: any, ctx: Parameters<JobHandler>[1]) => h(payload, ctx), { databaseOnly: true });

export interface RunResult {
  claimed: number;
  done: number;
  skipped: number;
  retried: number;
  failed: number;
}

export class JobRunner {
  constructor(
    private readonly db: Db,
    private readonly handlers: Record<string, JobHandler>,
    private readonly opts: {
      batch?: number;
      leaseMs?: number;
      maxAttempts?: number;
      log?: (msg: string, err?: unknown) => void;
    } = {},
  ) {}

  private async claim(now: Date, batch: number): Promise<Job[]> {
    const lease = new Date(now.getTime() + (this.opts.leaseMs ?? 60_000)).toISOString();
    const at = now.toISOString();
    return this.db.kysely.transaction().execute(async (trx) => {
      let due = trx
        .selectFrom('jobs')
        .select('id')
        .where((eb) =>
          eb.or([eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', at)]), eb.and([eb('status', '=', 'running'), eb('lease_until', '<', at)])]),
        )
        .orderBy('run_at')
        .limit(batch);
      if (this.db.dialect === 'postgres') due = due.forUpdate().skipLocked();
      const ids = (await due.execute()).map((r) => r.id);
      if (ids.length === 0) return [];
      return trx
        .updateTable('jobs')
        .set({ status: 'running', lease_until: lease, attempts: sql`attempts + 1` })
        .where('id', 'in', ids)
        .returningAll()
        .execute();
    });
  }

  /** Runs every job due at `now`, batch after batch. */
  async runDue(now = new Date()): Promise<RunResult> {
    const result: RunResult = { claimed: 0, done: 0, skipped: 0, retried: 0, failed: 0 };
    const batch = this.opts.batch ?? 200;
    const local = (job: Job) => this.handlers[job.kind]?.databaseOnly === true;
    for (;;) {
      const jobs = await this.claim(now, batch);
      result.claimed += jobs.length;
      // In the order claimed (an expiry due before an escalation moves the case first). A run of jobs that only
      // write to the database (reminders, escalations) goes in one transaction, each behind a savepoint: a job's
      // effects commit with its outcome, and one that fails is undone alone. At most TRANSACTION_JOBS in one
      // transaction: on SQLite it holds the only write lock meanwhile. The others (mail, webhooks, steps through
      // the engine) reach outside or open transactions of their own, and run each on its own.
      for (let i = 0; i < jobs.length;) {
        if (!local(jobs[i])) {
          result[await this.runOne(jobs[i++], now, this.db)]++;
          continue;
        }
        const run: Job[] = [];
        while (i < jobs.length && local(jobs[i]) && run.length < TRANSACTION_JOBS) run.push(jobs[i++]);
        const outcomes = await this.db.kysely.transaction().execute(async (trx) => {
          const db = transactionDb(this.db, trx);
          const out: Exclude<keyof RunResult, 'claimed'>[] = [];
          for (const [k, job] of run.entries()) {
            await sql.raw(`SAVEPOINT job_${k}`).execute(trx);
            out.push(await this.runOne(job, now, db, () => sql.raw(`ROLLBACK TO SAVEPOINT job_${k}`).execute(trx)));
            await sql.raw(`RELEASE SAVEPOINT job_${k}`).execute(trx);
          }
          return out;
        });
        // Counted once committed.
        for (const o of outcomes) result[o]++;
      }
      if (jobs.length < batch) return result;
    }
  }

  /** Runs a job and records its outcome; `undo`, in a batch: rolls its effects back before a failure is recorded. */
  private async runOne(job: Job, now: Date, db: Db, undo?: () => Promise<unknown>): Promise<Exclude<keyof RunResult, 'claimed'>> {
    const attempts = Number(job.attempts);
    // The attempt count fences the update: a runner whose lease expired cannot overwrite a newer run.
    const mine = (q: any) => q.where('id', '=', job.id).where('attempts', '=', attempts);
    const handler = this.handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      const outcome = await handler(JSON.parse(job.payload_json), { db, now, job: { id: Number(job.id), attempts, kind: job.kind } });
      await mine(db.kysely.updateTable('jobs').set({ status: outcome, done_at: new Date().toISOString(), lease_until: null, last_error: null })).execute();
      return outcome;
    } catch (err) {
      await undo?.();
      const max = this.opts.maxAttempts ?? 8;
      const message = err instanceof Error ? err.message : String(err);
      this.opts.log?.(`job ${job.id} (${job.kind}) attempt ${attempts} failed: ${message}`, err);
      if (attempts >= max) {
        await mine(db.kysely.updateTable('jobs').set({ status: 'failed', lease_until: null, last_error: message })).execute();
        return 'failed';
      }
      const backoff = Math.min(2 ** (attempts - 1) * 30_000, 6 * 3600_000);
      await mine(
        db.kysely
          .updateTable('jobs')
          .set({ status: 'pending', lease_until: null, last_error: message, run_at: new Date(now.getTime() + backoff).toISOString() }),
      ).execute();
      return 'retried';
    }
  }

  /** Runs due jobs every `intervalMs` in this process (unref'd: it never keeps the process alive). */
  start(intervalMs = 30_000): () => void {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await this.runDue();
      } catch (e) {
        this.opts.log?.('job runner tick failed', e);
      } finally {
        running = false;
      }
    };
    const timer = setInterval(tick, intervalMs);
    timer.unref();
    void tick();
    return () => clearInterval(timer);
  }
}
