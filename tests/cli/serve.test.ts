// `zhengwu serve` as `npm start` runs it: bin/zhengwu.js starts the built bundle (build/bundle/), which must
// answer the API, the web app, the API documents and a certificate PDF, and stop cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { todayIso } from '../../src/calendar/dates.js';
import { baseApplication } from '../../src/procedures/homestead/fixtures.js';

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

describe('zhengwu serve', () => {
  it('starts on an empty file, loads the gazette, answers the API, the web app and its documents, and stops on SIGTERM', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'zhengwu-serve-'));
    const child = spawn(process.execPath, ['bin/zhengwu.js', 'serve', '--port', String(port), '--demo'], {
      env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'serve.sqlite')}`, ZHENGWU_ADMIN_TOKEN_FILE: join(dir, 'admin-token'), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    const base = `http://127.0.0.1:${port}`;
    try {
      for (let i = 0; ; i++) {
        if (child.exitCode !== null) throw new Error(`serve exited: ${out}`);
        const ok = await fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        if (i > 600) throw new Error(`serve did not answer: ${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(out).toContain('政务 Zhengwu 已启动');
      const home = await fetch(`${base}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('<div id="root">');
      const docs = (await (await fetch(`${base}/api/docs/json`)).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(docs.paths)).toContain('/api/search');
      const search = (await (await fetch(`${base}/api/search?q=${encodeURIComponent('宅基地')}`)).json()) as { total: number };
      expect(search.total).toBeGreaterThan(10);
      // A 受理回执 needs the PDF writer and its font, which the server loads on first use.
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'zhangsan', password: 'demo-applicant' }),
      });
      const { token } = (await login.json()) as { token: string };
      const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const filed = await fetch(`${base}/api/procedures/homestead/cases`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ ...baseApplication(), applicationDate: todayIso() }),
      });
      expect(filed.status).toBe(201);
      const { id } = (await filed.json()) as { id: string };
      const receipt = await fetch(`${base}/api/cases/${encodeURIComponent(id)}/receipt`, { headers: auth });
      expect([receipt.status, receipt.headers.get('content-type')]).toEqual([200, 'application/pdf']);
      expect(
        Buffer.from(await receipt.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    } finally {
      const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
