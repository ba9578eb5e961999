// The web app as the server sends it: fingerprinted assets compressed ahead (brotli or gzip, as the browser
// accepts) and cached for a year; the page itself revalidated; client routes answered with the page.
// Needs the built app in dist/web (npm test builds it before the tests).
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { openCalendar } from '../../src/calendar/service.js';
import { freshDb } from '../helpers/databases.js';
import type { Db } from '../../src/db/connection.js';

const WEB_ROOT = resolve('dist/web');
let app: FastifyInstance;
let db: Db;
let asset: string;

beforeAll(async () => {
  db = await freshDb('sqlite');
  app = await buildApp({ db, calendar: await openCalendar(db), adminToken: 'test-admin', webRoot: WEB_ROOT });
  // A script of the build (every one is fingerprinted and precompressed).
  asset = readdirSync(resolve(WEB_ROOT, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .sort()[0];
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('the web app over HTTP', () => {
  it('sends a script brotli-compressed to a browser that accepts it, and caches it for a year', async () => {
    const plain = await app.inject({ url: `/assets/${asset}`, headers: { 'accept-encoding': 'identity' } });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await app.inject({ url: `/assets/${asset}`, headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    const gz = await app.inject({ url: `/assets/${asset}`, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
  });

  it('revalidates the page itself, and answers a client route with it', async () => {
    const page = await app.inject({ url: '/', headers: { 'accept-encoding': 'identity' } });
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body).toContain('<div id="root">');
    const route = await app.inject({ url: '/cases/ZJD-1', headers: { 'accept-encoding': 'identity' } });
    expect(route.statusCode).toBe(200);
    expect(route.body).toContain('<div id="root">');
    expect((await app.inject({ url: '/api/nothing-here' })).statusCode).toBe(404);
  });
});
