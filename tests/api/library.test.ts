// The library through HTTP, on SQLite and on PostgreSQL.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openCalendar } from '../../src/calendar/service.js';
import type { Db } from '../../src/db/connection.js';
import { testPlatform } from '../helpers/api.js';
import { ENGINES, countRows } from '../helpers/databases.js';

const SAMPLE = readFileSync('data/gazettes/2022-04.txt');
const ADMIN = { authorization: 'Bearer test-admin' };
const enc = encodeURIComponent;

describe.each(ENGINES)('gazette library on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    platform = await testPlatform(engine, { demo: 'none' });
    ({ db, app } = platform);
  });
  afterAll(async () => {
    await platform?.close();
  });

  const ingest = (body: Buffer | string, headers: Record<string, string> = ADMIN) =>
    app.inject({ method: 'POST', url: '/api/gazettes', payload: body, headers: { 'content-type': 'text/plain', ...headers } });

  it('refuses to ingest without admin credentials, and changes nothing', async () => {
    const r = await ingest(SAMPLE, {});
    expect(r.statusCode).toBe(401);
    expect(r.json().message).toMatch(/管理员/);
    expect(await countRows(db)).toEqual({ issues: 0, documents: 0, units: 0 });
  });

  it('refuses garbage with a clear Chinese message and leaves the database empty', async () => {
    for (const [body, msg] of [
      ['', /为空/],
      [Buffer.from([0, 1, 2, 3, 255]), /不是文本文件/],
      ['这只是一段普通的文字。', /不是政府公报/],
    ] as const) {
      const r = await ingest(body as Buffer | string);
      expect(r.statusCode).toBeGreaterThanOrEqual(400);
      expect(r.json().message).toMatch(msg);
    }
    expect(await countRows(db)).toEqual({ issues: 0, documents: 0, units: 0 });
  });

  it('ingests the sample once; the same file again changes nothing', async () => {
    const first = await ingest(SAMPLE);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ issueId: '2022年第4号', status: 'created', documents: 17 });
    const counts = await countRows(db);
    expect(counts.documents).toBe(17);
    expect(counts.units).toBeGreaterThan(300);
    const again = await ingest(SAMPLE);
    expect(again.statusCode).toBe(200);
    expect(again.json().status).toBe('unchanged');
    expect(await countRows(db)).toEqual(counts);
  });

  it('a corrected text of the same issue replaces it; an issue that clashes with the library is refused whole', async () => {
    const before = await countRows(db);
    const corrected = SAMPLE.toString('utf8').replace('加快建设京津冀水源涵养功能区', '加快建设京津冀水源涵养功能区（更正）');
    const r = await ingest(corrected);
    expect(r.statusCode).toBe(200);
    expect(r.json().status).toBe('replaced');
    expect(await countRows(db)).toEqual(before);
    const hit = (await app.inject({ url: `/api/search?q=${enc('更正')}` })).json();
    expect(hit.total).toBe(1);
    // Another issue that reprints 文号 already in the library: nothing of it is stored.
    const otherIssue = SAMPLE.toString('utf8').replace('2022 年第 4 号', '2022 年第 5 号');
    const clash = await ingest(otherIssue);
    expect(clash.statusCode).toBe(409);
    expect(clash.json().message).toMatch(/已收录在 2022年第4号 中/);
    expect(await countRows(db)).toEqual(before);
    expect((await app.inject({ url: '/api/issues' })).json().items.map((i: any) => i.id)).toEqual(['2022年第4号']);
    const restore = await ingest(SAMPLE);
    expect(restore.json().status).toBe('replaced');
    expect(await countRows(db)).toEqual(before);
  });

  it('lists documents in gazette order with validity as of today', async () => {
    const r = await app.inject({ url: '/api/documents?issue=' + enc('2022年第4号') });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.total).toBe(17);
    expect(body.items.map((d: any) => d.seq)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    const homestead = body.items.find((d: any) => d.number === '隆政发〔2022〕11号');
    expect(homestead.validity).toMatchObject({ status: 'expired', label: '已失效' });
    const jiebang = body.items.find((d: any) => d.number === '承市科规〔2022〕1号');
    expect(jiebang.validity.label).toBe('现行有效');
    const page2 = (await app.inject({ url: '/api/documents?pageSize=5&page=2' })).json();
    expect(page2.items.map((d: any) => d.seq)).toEqual([6, 7, 8, 9, 10]);
    const expired = (await app.inject({ url: '/api/documents?validity=expired' })).json();
    expect(expired.items.map((d: any) => d.number)).toEqual(['隆政发〔2022〕11号']);
  });

  it('returns one document by 文号 in any spelling, with its structure and links', async () => {
    const r = await app.inject({ url: `/api/documents/${enc('隆政发[2022] 11 号')}` });
    expect(r.statusCode).toBe(200);
    const d = r.json();
    expect(d).toMatchObject({ number: '隆政发〔2022〕11号', validFrom: '2022-07-04', validUntil: '2024-07-03', articleCount: 35 });
    expect(d.units[3].children.map((u: any) => u.anchor)).toContain('第十六条');
    const interp = (await app.inject({ url: `/api/documents/${enc('解读:承市政字〔2022〕16号')}` })).json();
    expect(interp.interprets).toBe('承市政字〔2022〕16号');
    expect(interp.citations).toEqual([
      expect.objectContaining({ number: '承市政字〔2022〕16号', inLibrary: true, link: `/docs/${enc('承市政字〔2022〕16号')}` }),
    ]);
    const plan = (await app.inject({ url: `/api/documents/${enc('承市政字〔2022〕16号')}` })).json();
    expect(plan.interpretations.map((x: any) => x.id)).toEqual(['解读:承市政字〔2022〕16号']);
    expect(plan.citedBy.map((x: any) => x.id)).toEqual(['解读:承市政字〔2022〕16号']);
    const notInLibrary = d.citations.find((c: any) => c.number === '中农发〔2019〕11号');
    expect(notInLibrary).toMatchObject({ inLibrary: false, link: null });
  });

  it('lists, for every document, exactly the documents whose parsed citations name it (cited by)', async () => {
    const docs = await db.kysely.selectFrom('documents').select(['id', 'data_json']).execute();
    const cites = new Map(docs.map((d) => [d.id, (JSON.parse(d.data_json).citations as { number: string }[]).map((c) => c.number)]));
    let pairs = 0;
    for (const d of docs) {
      const expected = docs.filter((o) => o.id !== d.id && cites.get(o.id)!.includes(d.id)).map((o) => o.id);
      const got = (await app.inject({ url: `/api/documents/${enc(d.id)}` })).json().citedBy.map((x: { id: string }) => x.id);
      expect(got.sort()).toEqual(expected.sort());
      pairs += expected.length;
    }
    expect(pairs).toBeGreaterThan(0); // in this issue: the 解读 of 16号 cites it
  });

  it('answers 404 in Chinese for an unknown document', async () => {
    const r = await app.inject({ url: `/api/documents/${enc('承市政字〔2099〕1号')}` });
    expect(r.statusCode).toBe(404);
    expect(r.json().message).toMatch(/文库中没有文件/);
  });

  it.each(['宅基', '养老', '揭榜'])('finds the two-character query %s, ranked, highlighted, with the unit hit', async (q) => {
    const r = await app.inject({ url: `/api/search?q=${enc(q)}` });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.total).toBeGreaterThan(3);
    expect(body.items.length).toBeGreaterThan(0);
    for (const h of body.items) expect(h.snippet).toContain(`<mark>${q}</mark>`);
    const scores = body.items.map((h: any) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(body.items.some((h: any) => h.anchor)).toBe(true);
  });

  it('finds the article that governs a phrase and links to it', async () => {
    const body = (await app.inject({ url: `/api/search?q=${enc('不予批准')}&document=${enc('隆政发〔2022〕11号')}` })).json();
    const anchors = body.items.map((h: any) => h.anchor);
    expect(anchors).toContain('第十四条');
    const hit = body.items.find((h: any) => h.anchor === '第十四条');
    expect(hit.link).toBe(`/docs/${enc('隆政发〔2022〕11号')}#${enc('第十四条')}`);
    expect(body.items.every((h: any) => h.number === '隆政发〔2022〕11号')).toBe(true);
  });

  it('matches only adjacent characters for longer queries', async () => {
    const exact = (await app.inject({ url: `/api/search?q=${enc('宅基地协管员')}` })).json();
    expect(exact.total).toBeGreaterThan(0);
    for (const h of exact.items) expect(h.snippet.replace(/<\/?mark>/g, '')).toContain('宅基地协管员');
    const none = (await app.inject({ url: `/api/search?q=${enc('地基宅')}` })).json();
    expect(none.total).toBe(0);
    expect(none.items).toEqual([]);
  });

  it('takes a 文号 typed as the query (any spelling) straight to its document', async () => {
    for (const q of ['隆政发〔2022〕11号', '隆政发[2022]11号', '隆政发（2022）11 号']) {
      const r = (await app.inject({ url: `/api/search?q=${enc(q)}` })).json();
      expect(r.documentMatch).toMatchObject({ number: '隆政发〔2022〕11号', link: `/docs/${enc('隆政发〔2022〕11号')}` });
    }
    expect((await app.inject({ url: `/api/search?q=${enc('宅基地')}` })).json().documentMatch).toBeNull();
  });

  it('says why a filtered search is empty, and what to try when nothing matches at all', async () => {
    const filtered = (await app.inject({ url: `/api/search?q=${enc('宅基地')}&issuer=${enc('承德市科学技术局')}` })).json();
    expect(filtered.total).toBe(0);
    expect(filtered.hint).toMatch(/^“宅基地”在全部文件中有 (超过 )?\d+ 条结果，但不符合所选的筛选条件/);
    const none = (await app.inject({ url: `/api/search?q=${enc('地基宅')}` })).json();
    expect(none.hint).toMatch(/没有找到“地基宅”.*输入文号/);
    expect((await app.inject({ url: `/api/search?q=${enc('宅基地')}` })).json().hint).toBeNull();
  });

  it('filters by issuer and validity, and paginates', async () => {
    const byIssuer = (await app.inject({ url: `/api/search?q=${enc('科技')}&issuer=${enc('承德市科学技术局')}` })).json();
    expect(byIssuer.total).toBeGreaterThan(0);
    expect(byIssuer.items.every((h: any) => h.issuer === '承德市科学技术局')).toBe(true);
    const expired = (await app.inject({ url: `/api/search?q=${enc('宅基')}&validity=expired` })).json();
    expect(expired.items.every((h: any) => h.validity.status === 'expired')).toBe(true);
    expect(expired.total).toBeGreaterThan(0);
    const inForce = (await app.inject({ url: `/api/search?q=${enc('宅基')}&validity=in_force` })).json();
    expect(inForce.items.every((h: any) => h.validity.status === 'in_force')).toBe(true);
    const all = (await app.inject({ url: `/api/search?q=${enc('宅基')}` })).json();
    expect(expired.total + inForce.total).toBe(all.total);
    const p1 = (await app.inject({ url: `/api/search?q=${enc('养老')}&pageSize=5&page=1` })).json();
    const p2 = (await app.inject({ url: `/api/search?q=${enc('养老')}&pageSize=5&page=2` })).json();
    expect(p1.items).toHaveLength(5);
    expect(p2.items[0].snippet === p1.items[0].snippet && p2.items[0].docId === p1.items[0].docId && p2.items[0].anchor === p1.items[0].anchor).toBe(false);
  });

  // The window applies to the embedded database's FTS5 path only.
  it.skipIf(engine !== 'sqlite')('counts and ranks at most a window of the newest matches of a very common term, and says there are more', async () => {
    const { search } = await import('../../src/gazette/library.js');
    const all = await search(db, '宅基', { pageSize: 100 });
    const windowed = await search(db, '宅基', { pageSize: 100, rankWindow: 10 });
    expect(windowed).toMatchObject({ total: 10, totalIsLowerBound: true });
    expect(windowed.items).toHaveLength(10);
    const ids = await db.kysely.selectFrom('search_units').select(['id', 'doc_id', 'anchor']).orderBy('id', 'desc').execute();
    const matching = ids.filter((u) => all.items.some((h) => h.docId === u.doc_id && h.anchor === u.anchor));
    const newest = new Set(matching.slice(0, 10).map((u) => `${u.doc_id}#${u.anchor}`));
    for (const h of windowed.items) expect(newest.has(`${h.docId}#${h.anchor}`)).toBe(true);
    const scores = windowed.items.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(all.totalIsLowerBound).toBe(false);
    expect(all.total).toBeGreaterThan(10);
  });

  it('rejects bad queries and parameters clearly', async () => {
    const empty = await app.inject({ url: '/api/search?q=' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toMatch(/检索词/);
    const badValidity = await app.inject({ url: `/api/search?q=${enc('宅基')}&validity=maybe` });
    expect(badValidity.statusCode).toBe(400);
    const punct = await app.inject({ url: `/api/search?q=${enc('，。')}` });
    expect(punct.statusCode).toBe(400);
    expect(punct.json().message).toMatch(/没有可检索的文字/);
  });

  it('computes working days and loads a new year only for administrators', async () => {
    const r = await app.inject({ url: '/api/workdays/add?date=2026-09-28&n=5' });
    expect(r.json().result).toBe('2026-10-10');
    const out = await app.inject({ url: '/api/workdays/add?date=2026-12-28&n=5' });
    expect(out.statusCode).toBe(422);
    expect(out.json().message).toMatch(/2027 年的节假日安排尚未收录/);
    const schedule = { holidays: { '2027-01-01': '元旦' }, workdays: {} };
    const denied = await app.inject({ method: 'PUT', url: '/api/workdays/years/2027', payload: schedule });
    expect(denied.statusCode).toBe(401);
    const badJson = await app.inject({
      method: 'PUT',
      url: '/api/workdays/years/2027',
      payload: '{oops',
      headers: { ...ADMIN, 'content-type': 'application/json' },
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().message).toMatch(/JSON/);
    const ok = await app.inject({ method: 'PUT', url: '/api/workdays/years/2027', payload: schedule, headers: ADMIN });
    expect(ok.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/workdays/add?date=2026-12-31&n=1' })).json().result).toBe('2027-01-04');
    // persisted: a new calendar service reads it back from the database
    const again = await openCalendar(db);
    expect(again.calendar().covers(2027)).toBe(true);
  });

  it('serves the OpenAPI description', async () => {
    const r = await app.inject({ url: '/api/docs/json' });
    expect(r.statusCode).toBe(200);
    const paths = Object.keys(r.json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/documents', '/api/documents/{number}', '/api/search', '/api/gazettes', '/api/workdays/add']));
  });
});
