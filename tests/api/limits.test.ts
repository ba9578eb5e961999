// Hostile bodies cannot freeze the server: per-route body limits, a JSON depth limit checked before
// parsing, rate limits on sign-in and anonymous requests, and security headers. Measured on a real
// listening server: while hostile requests are answered, /api/health keeps answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { openCalendar } from '../../src/calendar/service.js';
import { openDb, type Db } from '../../src/db/connection.js';
import { buildApp } from '../../src/server/app.js';
import { jsonDepth } from '../../src/server/limits.js';

describe('request limits', () => {
  let db: Db;
  let app: FastifyInstance;
  let base = '';
  beforeAll(async () => {
    db = await openDb('sqlite::memory:');
    app = await buildApp({ db, calendar: await openCalendar(db), adminToken: 'limits-admin', webRoot: '/nonexistent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('measures nesting in one pass, strings and escapes included', () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[{{{"}]}', 50)).toBe(3);
    expect(jsonDepth('"\\"[["', 50)).toBe(0);
    expect(jsonDepth('['.repeat(1_000_000), 16)).toBe(17); // stops at the limit
  });

  it('refuses oversized and deeply nested JSON with a Chinese message, before any work', async () => {
    const nested = '['.repeat(500_000) + ']'.repeat(500_000); // 1 MB of nesting
    const big = JSON.stringify({ x: 'a'.repeat(19 * 1024 * 1024) });
    for (const [url, body] of [
      ['/api/procedures/homestead/assess', nested],
      ['/api/jiebang/funding', big],
      ['/api/auth/login', nested],
    ] as const) {
      const r = await fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(r.status, url).toBe(413);
      expect((await r.json()).message).toMatch(/请求内容过大（此接口上限 64 KB）/);
    }
    const deep = await fetch(`${base}/api/procedures/homestead/assess`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '['.repeat(40) + ']'.repeat(40),
    });
    expect(deep.status).toBe(400);
    expect((await deep.json()).message).toMatch(/嵌套过深/);
    const poisoned = await fetch(`${base}/api/jiebang/funding`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":"tech_breakthrough","agreementAmount":1000,"__proto__":{"isAdmin":true}}',
    });
    expect(poisoned.status).toBe(200);
    expect(({} as any).isAdmin).toBeUndefined();
  });

  it('keeps answering /api/health while hostile bodies arrive (longest stall reported)', async () => {
    const nested = '['.repeat(30_000) + ']'.repeat(30_000);
    let longest = 0;
    let stop = false;
    const probe = (async () => {
      while (!stop) {
        const t = performance.now();
        const r = await fetch(`${base}/api/health`);
        expect(r.status).toBe(200);
        longest = Math.max(longest, performance.now() - t);
        await new Promise((res) => setTimeout(res, 5));
      }
    })();
    const hostile = Array.from({ length: 40 }, (_, i) =>
      fetch(`${base}/api/procedures/homestead/assess`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer x${i}` },
        body: nested,
      }).then((r) => r.status),
    );
    const statuses = await Promise.all(hostile);
    stop = true;
    await probe;
    expect(statuses.every((s) => s === 400 || s === 413)).toBe(true);
    // A figure for the note, never a pass/fail on timing.
    console.log(`longest /api/health answer while 40 hostile 60 KB bodies arrived: ${longest.toFixed(1)} ms`);
  });

  it('sends security headers', async () => {
    const r = await fetch(`${base}/api/health`);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
  });

  it('rate-limits sign-in attempts from one address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 35; i++) {
      const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `nobody${i}`, password: 'x' }, remoteAddress: '10.9.9.9' });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, 30).every((c) => c === 401)).toBe(true);
    expect(codes.slice(30).every((c) => c === 429)).toBe(true);
    const limited = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' }, remoteAddress: '10.9.9.9' });
    expect(limited.json().message).toMatch(/请求过于频繁，请 \d+ 秒后再试/);
    // Another address is not affected.
    expect(
      (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' }, remoteAddress: '10.9.9.8' })).statusCode,
    ).toBe(401);
  });

  it('limits anonymous API requests per address, but never the web app’s own files (a page loads dozens of chunks)', async () => {
    const page: number[] = [];
    const api: number[] = [];
    for (let i = 0; i < 620; i++) {
      page.push((await app.inject({ url: `/assets/chunk-${i}.js`, remoteAddress: '10.7.7.7' })).statusCode);
      api.push((await app.inject({ url: '/api/health', remoteAddress: '10.7.7.7' })).statusCode);
    }
    expect(page.filter((c) => c === 429)).toEqual([]);
    expect(api.slice(0, 600).every((c) => c === 200)).toBe(true);
    expect(api.slice(600).every((c) => c === 429)).toBe(true);
  });
});

describe('malformed addresses', () => {
  it('answer 400 in Chinese, never 500', async () => {
    const db = await openDb('sqlite::memory:');
    const app = await buildApp({ db, calendar: await openCalendar(db), adminToken: 'x', webRoot: '/nonexistent' });
    for (const url of ['/api/documents/%E0%A4%A', '/api/cases/%00', '/api/cases/..%2f..%2fetc', '/..%2f..%2fetc%2fpasswd']) {
      const r = await app.inject({ url, headers: { authorization: 'Bearer x' } });
      expect(r.statusCode, url).toBeLessThan(500);
      if (r.statusCode === 400) expect(r.json().message).toMatch(/[\u4e00-\u9fff]/);
    }
    await app.close();
    await db.close();
  });
});

describe('a large gazette upload', () => {
  it('is parsed on a worker thread; /api/health keeps answering (longest stall reported)', async () => {
    const { readFileSync } = await import('node:fs');
    const { stopParseWorker } = await import('../../src/gazette/parse-off-thread.js');
    const db = await openDb('sqlite::memory:');
    const app = await buildApp({ db, calendar: await openCalendar(db), adminToken: 'x', webRoot: '/nonexistent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    // The sample with a long interpretation appended: about 6 MB.
    const text = readFileSync('data/gazettes/2022-04.txt', 'utf8') + `\n${'加强残疾预防工作，做好宣传引导。'.repeat(200_000)}\n`;
    let longest = 0;
    let stop = false;
    const probe = (async () => {
      while (!stop) {
        const t = performance.now();
        await fetch(`${base}/api/health`);
        longest = Math.max(longest, performance.now() - t);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const r = await fetch(`${base}/api/gazettes`, { method: 'POST', headers: { 'content-type': 'text/plain', authorization: 'Bearer x' }, body: text });
    stop = true;
    await probe;
    expect(r.status).toBe(201);
    expect((await r.json()).documents).toBe(17);
    console.log(`longest /api/health answer during a ${(Buffer.byteLength(text) / 2 ** 20).toFixed(1)} MiB gazette upload: ${longest.toFixed(0)} ms`);
    const bad = await fetch(`${base}/api/gazettes`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: 'Bearer x' },
      body: '这不是公报。',
    });
    expect(bad.status).toBe(422);
    await stopParseWorker();
    await app.close();
    await db.close();
  });
});
