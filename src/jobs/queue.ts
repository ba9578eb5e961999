// The job table is also the outbox: a job is written in the same transaction as the event that causes
// it, so nothing is lost if the process dies, and its key makes a second write of the same job a no-op.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

export interface NewJob {
  kind: string;
  /** De-duplication key: the same key is enqueued once, whoever enqueues it and however often. */
  key: string;
  runAt: Date;
  payload: unknown;
}

export async function enqueue(db: Kysely<Database> | Transaction<Database>, jobs: NewJob[]): Promise<void> {
  if (jobs.length === 0) return;
  const now = new Date().toISOString();
  await db
    .insertInto('jobs')
    .values(
      jobs.map((j) => ({
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
      })),
    )
    .onConflict((oc) => oc.column('dedup_key').doNothing())
    .execute();
}

/** The instant a Beijing calendar day begins (jobs dated by day run from 00:00 China time). */
export const beijingStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
