// The job table is also the outbox: a job is written in the same transaction as the event that causes
// it, so nothing is lost if the process dies, and its key makes a second write of the same job a no-op.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { InsertWith } from '../engine/audit.js';

export interface NewJob {
  kind: string;
  /** De-duplication key: the same key is enqueued once, whoever enqueues it and however often. */
  key: string;
  runAt: Date;
  payload: unknown;
}

const jobRow = (j: NewJob, now: string) => ({
  kind: j.kind,
  dedup_key: j.key,
  run_at: j.runAt.toISOString(),
  payload_json: JSON.stringify(j.payload),
  status: 'pending',
  attempts: 0,
  lease_until: null,
  last_error: null,
  created_at: now,
  done_at: null,
});

export async function enqueue(db: Kysely<Database> | Transaction<Database>, jobs: NewJob[]): Promise<void> {
  if (jobs.length === 0) return;
  const now = new Date().toISOString();
  await db
    .insertInto('jobs')
    .values(jobs.map((j) => jobRow(j, now)))
    .onConflict((oc) => oc.column('dedup_key').doNothing())
    .execute();
}

const JOB_COLUMNS = Object.keys(jobRow({ kind: '', key: '', runAt: new Date(0), payload: null }, '')) as (keyof ReturnType<typeof jobRow>)[];

/** The jobs as rows inserted with a step's write in its one statement (PostgreSQL; audit.ts `InsertWith`). */
export function jobsInsert(jobs: NewJob[]): InsertWith {
  const now = new Date().toISOString();
  return {
    table: 'jobs',
    columns: JOB_COLUMNS.map((c) => [c, c === 'attempts' ? 'integer' : 'text']),
    rows: jobs.map((j) => {
      const row = jobRow(j, now);
      return JOB_COLUMNS.map((k) => row[k]);
    }),
    skipExisting: 'dedup_key',
  };
}

/** The instant a Beijing calendar day begins (jobs dated by day run from 00:00 China time). */
export const beijingStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
