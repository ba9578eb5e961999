// Several clients ingesting the same new issue at once, through HTTP and the
// CLI, on SQLite and on PostgreSQL: one stores it, the others answer
// "unchanged" (or 409 for a real conflict); never a 500, a stack trace or a
// half-written issue.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openCalendar } from '../../src/calendar/service.js';
import { openDb, type Db } from '../../src/db/connection.js';
import { buildApp } from '../../src/server/app.js';
import { ENGINES, countRows, freshDatabaseUrl, freshDb } from '../helpers/databases.js';

const SAMPLE_FILE = 'data/gazettes/2022-04.txt';
const SAMPLE = readFileSync(SAMPLE_FILE);
// Another issue reprinting the same 文号: a real conflict with the sample.
const OTHER_ISSUE = SAMPLE.toString('utf8').replace('2022 年第 4 号', '2022 年第 5 号');
const ADMIN = { authorization: 'Bearer test-admin', 'content-type': 'text/plain' };

describe.each(ENGINES)('concurrent ingest over HTTP on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await freshDb(engine);
    app = await buildApp({ db, calendar: await openCalendar(db), adminToken: 'test-admin', webRoot: '/nonexistent' });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });
  const post = (body: Buffer | string) => app.inject({ method: 'POST', url: '/api/gazettes', payload: body, headers: ADMIN });

  it('10 parallel POSTs of one new issue: one 201, nine 200 "unchanged", the issue stored once', async () => {
    const replies = await Promise.all(Array.from({ length: 10 }, () => post(SAMPLE)));
    const statuses = replies.map((r) => r.statusCode);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    for (const r of replies.filter((x) => x.statusCode !== 201)) {
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ issueId: '2022年第4号', status: 'unchanged', documents: 17 });
    }
    const counts = await countRows(db);
    expect(counts).toMatchObject({ issues: 1, documents: 17 });
    // Not one search unit twice: exactly what a single ingest writes.
    const again = await post(SAMPLE);
    expect(again.json().status).toBe('unchanged');
    expect(await countRows(db)).toEqual(counts);
  });

  it('parallel ingests of two issues sharing 文号 are serialized: the later ones get 409, nothing is half-written', async () => {
    const before = await countRows(db);
    await db.kysely.deleteFrom('gazette_issues').execute(); // documents and search units cascade
    expect(await countRows(db)).toEqual({ issues: 0, documents: 0, units: 0 });
    const bodies = Array.from({ length: 10 }, (_, i) => (i % 2 ? OTHER_ISSUE : SAMPLE));
    const replies = await Promise.all(bodies.map(post));
    const statuses = replies.map((r) => r.statusCode);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    const winner = replies.find((r) => r.statusCode === 201)!.json().issueId;
    for (const r of replies.filter((x) => x.statusCode !== 201)) {
      if (r.statusCode === 200) expect(r.json()).toMatchObject({ issueId: winner, status: 'unchanged' });
      else {
        expect(r.statusCode).toBe(409);
        expect(r.json().message).toMatch(new RegExp(`已收录在 ${winner} 中`));
      }
    }
    expect((await app.inject({ url: '/api/issues' })).json().items.map((i: any) => i.id)).toEqual([winner]);
    expect(await countRows(db)).toEqual(before);
  });
});

/** Runs the CLI without waiting, so that several run at once. */
function runCli(args: string[], databaseUrl: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/zhengwu.js', ...args], { env: { ...process.env, DATABASE_URL: databaseUrl } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe.each(ENGINES)('concurrent CLI ingests on %s', (engine) => {
  const dir = mkdtempSync(join(tmpdir(), 'zhengwu-concurrent-'));
  const other = join(dir, '2022-05.txt');
  writeFileSync(other, OTHER_ISSUE);

  async function stored(url: string) {
    const db = await openDb(url);
    try {
      return { counts: await countRows(db), issues: (await db.kysely.selectFrom('gazette_issues').select('id').execute()).map((r) => r.id) };
    } finally {
      await db.close();
    }
  }

  it('4 parallel ingests of one file into a fresh database: all exit 0, one imports, the issue stored once', async () => {
    // Fresh and not yet migrated: the four processes also migrate it at once.
    const url = await freshDatabaseUrl(engine);
    const runs = await Promise.all(Array.from({ length: 4 }, () => runCli(['gazette', 'ingest', SAMPLE_FILE], url)));
    for (const r of runs) {
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr).not.toMatch(/database is locked|duplicate key/i);
      expect(r.status, r.stderr).toBe(0);
    }
    const out = runs.map((r) => r.stdout.trim());
    expect(out.filter((o) => /^已导入：2022年第4号，17 篇文件。$/.test(o))).toHaveLength(1);
    expect(out.filter((o) => /^未变化（同一文件已导入）：2022年第4号，17 篇文件。$/.test(o))).toHaveLength(3);
    const { counts, issues } = await stored(url);
    expect(issues).toEqual(['2022年第4号']);
    expect(counts.documents).toBe(17);
  });

  it('parallel ingests of two conflicting issues: one imports, the other prints one Chinese line and exits 1', async () => {
    const url = await freshDatabaseUrl(engine);
    const runs = await Promise.all([runCli(['gazette', 'ingest', SAMPLE_FILE], url), runCli(['gazette', 'ingest', other], url)]);
    for (const r of runs) expect(r.stderr).not.toMatch(/\n\s+at /);
    const ok = runs.filter((r) => r.status === 0);
    const refused = runs.filter((r) => r.status !== 0);
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0].status).toBe(1);
    expect(refused[0].stderr.trim()).toMatch(/^错误：文号 \S+ 已收录在 2022年第[45]号 中，不能在 2022年第[45]号 中重复收录。$/);
    const { counts, issues } = await stored(url);
    expect(issues).toHaveLength(1);
    expect(counts.documents).toBe(17);
  });
});
