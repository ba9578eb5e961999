// The job runner at county scale: 100,000 open cases (BENCH_JOB_CASES), of which a day's worth of
// reminders are due (BENCH_JOBS_DUE, default 10,000); due items processed per second on the embedded
// database, next to a bare better-sqlite3 loop that claims and closes the same job rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDb } from '../src/db/connection.js';
import { jobHandlers } from '../src/jobs/handlers.js';
import { JobRunner } from '../src/jobs/runner.js';
import { PROCEDURES } from '../src/procedures/registry.js';
import { ensureDemoData } from '../src/server/demo.js';

export async function benchJobs() {
  const cases = Number(process.env.BENCH_JOB_CASES ?? 100_000);
  const due = Math.min(cases, Number(process.env.BENCH_JOBS_DUE ?? 10_000));
  const dir = mkdtempSync(join(tmpdir(), 'zhengwu-bench-jobs-'));
  const db = await openDb(`sqlite:${join(dir, 'jobs.sqlite')}`);
  await ensureDemoData(db);
  const now = new Date().toISOString();
  await db.kysely.transaction().execute(async (trx) => {
    for (let i = 0; i < cases; i += 500) {
      const rows = Array.from({ length: Math.min(500, cases - i) }, (_, k) => {
        const n = i + k;
        return {
          id: `ZJD-BENCH-${n}`,
          procedure: 'homestead',
          state: 'village_review',
          version: 1,
          county: '隆化县',
          township: n % 2 ? '汤头沟镇' : '韩麻营镇',
          village: n % 2 ? '大汤头沟村' : '韩麻营村',
          applicant_user_id: null,
          title: `基准 ${n}`,
          application_json: '{}',
          data_json: '{}',
          application_date: '2026-11-16',
          state_entered_on: '2026-11-16',
          due_on: '2026-11-23',
          due_note: null,
          created_at: now,
          updated_at: now,
          definition_version: 1,
        };
      });
      await trx.insertInto('cases').values(rows).execute();
    }
    for (let i = 0; i < due; i += 500) {
      const rows = Array.from({ length: Math.min(500, due - i) }, (_, k) => ({
        kind: 'reminder',
        dedup_key: `reminder:ZJD-BENCH-${i + k}`,
        run_at: '2026-11-19T00:00:00.000Z',
        payload_json: JSON.stringify({ caseId: `ZJD-BENCH-${i + k}`, state: 'village_review', due: '2026-11-23' }),
        status: 'pending',
        attempts: 0,
        lease_until: null,
        last_error: null,
        created_at: now,
        done_at: null,
      }));
      await trx.insertInto('jobs').values(rows).execute();
    }
  });
  const t0 = performance.now();
  const r = await new JobRunner(db, jobHandlers({ procedures: PROCEDURES, delivery: {}, today: () => '2026-11-20' })).runDue(
    new Date('2026-11-20T09:00:00+08:00'),
  );
  const seconds = (performance.now() - t0) / 1000;
  await db.close();
  // The bare loop: claim and close the same number of rows, one transaction per batch of 200, no handler.
  const SQLite = (await import('better-sqlite3')).default;
  const raw = new SQLite(join(dir, 'jobs.sqlite'));
  raw.prepare("UPDATE jobs SET status = 'pending', attempts = 0").run();
  const claim = raw.prepare(
    "UPDATE jobs SET status = 'running', attempts = attempts + 1 WHERE id IN (SELECT id FROM jobs WHERE status = 'pending' ORDER BY run_at LIMIT 200) RETURNING id",
  );
  const close = raw.prepare("UPDATE jobs SET status = 'done' WHERE id = ?");
  const t1 = performance.now();
  for (;;) {
    const ids = raw.transaction(() => claim.all() as { id: number }[])();
    if (ids.length === 0) break;
    for (const { id } of ids) close.run(id);
  }
  const bare = (performance.now() - t1) / 1000;
  raw.close();
  rmSync(dir, { recursive: true, force: true });
  return { cases, due, done: r.done, seconds, rate: r.claimed / seconds, bareRate: due / bare };
}
