// A runner process killed (SIGKILL) while it delivers: the job stays leased, the lease runs out, the next
// `jobs run-due` delivers it again with the same delivery id — at least once, never lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../src/db/connection.js';

describe('jobs run-due survives kill -9 during delivery', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhengwu-jobs-crash-'));
  const url = `sqlite:${join(dir, 'jobs.sqlite')}`;
  const received: { delivery: string; answered: boolean }[] = [];
  let hang = true;
  let server: Server;
  let hook = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const entry = { delivery: String(req.headers['x-zhengwu-delivery']), answered: !hang };
        received.push(entry);
        if (!hang) res.writeHead(204).end(); // while `hang`, the request is left open: the runner waits in fetch
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const db = await openDb(url);
    await db.kysely
      .insertInto('jobs')
      .values({
        kind: 'webhook',
        dedup_key: 'webhook:crash',
        run_at: '2020-01-01T00:00:00.000Z',
        payload_json: JSON.stringify({ event: 'case.changed', caseId: 'ZJD-CRASH' }),
        status: 'pending',
        attempts: 0,
        lease_until: null,
        last_error: null,
        created_at: 'x',
        done_at: null,
      })
      .execute();
    await db.close();
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('delivers the job again after the killed runner’s lease runs out', async () => {
    const env = { ...process.env, DATABASE_URL: url, ZHENGWU_WEBHOOK_URL: hook, ZHENGWU_WEBHOOK_SECRET: 's', ZHENGWU_JOB_LEASE_MS: '1500' };
    const child = spawn(process.execPath, ['bin/zhengwu.js', 'jobs', 'run-due'], { env, stdio: 'ignore' });
    for (let i = 0; i < 200 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(received).toHaveLength(1); // the runner is inside the delivery
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const db = await openDb(url);
    expect(await db.kysely.selectFrom('jobs').select(['status', 'attempts']).executeTakeFirstOrThrow()).toEqual({ status: 'running', attempts: 1 });
    await db.close();
    hang = false;
    await new Promise((r) => setTimeout(r, 1700)); // the lease runs out
    // Run asynchronously: the receiving server lives in this process and must keep answering.
    const again = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const c = spawn(process.execPath, ['bin/zhengwu.js', 'jobs', 'run-due'], { env });
      let stdout = '';
      c.stdout.on('data', (d) => (stdout += d));
      c.on('exit', (status) => resolve({ status, stdout }));
    });
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/完成 1/);
    expect(received.map((r) => r.delivery)).toEqual([received[0].delivery, received[0].delivery]); // same id: the receiver de-duplicates
    const after = await openDb(url);
    expect(await after.kysely.selectFrom('jobs').select(['status', 'attempts']).executeTakeFirstOrThrow()).toEqual({ status: 'done', attempts: 2 });
    await after.close();
  });
});
