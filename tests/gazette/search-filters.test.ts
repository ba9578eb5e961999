// Search filters (document, issuer, validity) are terms of the index query (src/gazette/facets.ts):
// the same hits as filtering every match by its document, on both engines and on days around every
// validity boundary of the sample; and the query plans show the index doing the filtering — a
// filtered search that joins every match of a word to its document before limiting, or that counts
// or ranks every match of its words rather than the newest filtered window, fails here.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { documentFacet, facetQuery, facetTokens, issuerFacet, type FacetQuery } from '../../src/gazette/facets.js';
import { listDocuments, search, type SearchFilter } from '../../src/gazette/library.js';
import { ingestGazette } from '../../src/gazette/store.js';
import { validityOn, type ValidityStatus } from '../../src/gazette/validity.js';
import { ENGINES, freshDb } from '../helpers/databases.js';

const STATUSES: ValidityStatus[] = ['in_force', 'expired', 'not_yet'];

/** Whether a unit with these filter tokens satisfies the query, read as the index reads it. */
function satisfies(tokens: string, q: FacetQuery): boolean {
  const has = new Set(tokens.split(' '));
  return q.all.every((t) => has.has(t)) && q.any.every((g) => g.some((t) => has.has(t))) && q.none.every((g) => !g.some((t) => has.has(t)));
}

describe('validity as index tokens', () => {
  it('selects exactly the documents validityOn gives that status, for random documents and days', () => {
    let seed = 5;
    const next = (k: number) => Math.floor(((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * k);
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    // Dates near each other as often as far apart, so that every level of the decomposition is crossed.
    const date = (base: string | null): string => {
      if (base && next(2)) {
        const [y, m, d] = base.split('-').map(Number);
        return `${pad(y + next(3) - 1, 4)}-${pad(next(2) ? m : 1 + next(12), 2)}-${pad(next(2) ? d : 1 + next(31), 2)}`;
      }
      return `${pad(1890 + next(230), 4)}-${pad(1 + next(12), 2)}-${pad(1 + next(31), 2)}`;
    };
    for (let round = 0; round < 20_000; round++) {
      const today = date(null);
      const maybe = () => (next(4) === 0 ? null : date(today));
      const doc = { id: 'x', issuer: null, date: maybe(), validFrom: maybe(), validUntil: maybe() };
      const tokens = facetTokens(doc);
      const status = validityOn(doc, today);
      for (const v of STATUSES) expect([today, doc, v, satisfies(tokens, facetQuery({ validity: v }, today))]).toEqual([today, doc, v, v === status]);
    }
  });

  it('names documents and issuers by tokens of their own', () => {
    const tokens = facetTokens({ id: '隆政发〔2022〕11号', issuer: '隆化县人民政府', date: '2022-07-04', validFrom: null, validUntil: null });
    expect(satisfies(tokens, facetQuery({ document: '隆政发〔2022〕11号', issuer: '隆化县人民政府' }, '2026-01-01'))).toBe(true);
    expect(satisfies(tokens, facetQuery({ document: '隆政发〔2022〕12号' }, '2026-01-01'))).toBe(false);
    expect(satisfies(tokens, facetQuery({ issuer: '隆化县人民政府办公室' }, '2026-01-01'))).toBe(false);
    expect(documentFacet('a')).not.toBe(issuerFacet('a'));
  });
});

describe.each(ENGINES)('filtered search on %s', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb(engine);
    await ingestGazette(db, readFileSync('data/gazettes/2022-04.txt'));
  });
  afterAll(async () => {
    await db?.close();
  });

  const key = (h: { docId: string; anchor: string | null; snippet: string }) => `${h.docId}#${h.anchor}#${h.snippet}`;
  const everything = async (q: string, f: SearchFilter, today: string) => {
    const r = await search(db, q, { ...f, pageSize: 100 }, today);
    expect(r.total).toBeLessThanOrEqual(100);
    return { total: r.total, keys: r.items.map(key).sort() };
  };

  // Around every validity boundary of the sample: documents dated 2022-05-26…07-13, in force from
  // 06-15 and 07-04, ending 2024-07-03, 2027-06-14 and 2027-06-30.
  const DAYS = ['2022-06-01', '2022-06-15', '2022-07-04', '2024-07-03', '2024-07-04', '2027-06-30', '2027-07-01'];

  it.each(['宅基', '科技', '揭榜', '管理办法'])('finds for %s what filtering every match by its document finds', async (q) => {
    const docs = (await listDocuments(db, { pageSize: 1000 })).items;
    const byId = new Map(docs.map((d) => [d.id, d]));
    const issuers = [...new Set(docs.map((d) => d.issuer).filter((x): x is string => Boolean(x)))];
    let nonEmpty = 0;
    for (const today of DAYS) {
      const all = await search(db, q, { pageSize: 100 }, today);
      expect(all.total).toBeLessThanOrEqual(100);
      const matching = (keep: (d: (typeof docs)[number]) => boolean) =>
        all.items
          .filter((h) => keep(byId.get(h.docId)!))
          .map(key)
          .sort();
      for (const validity of STATUSES) {
        const got = await everything(q, { validity }, today);
        const want = matching((d) => validityOn(d, today) === validity);
        expect([today, validity, got.keys]).toEqual([today, validity, want]);
        expect(got.total).toBe(want.length);
        if (want.length) nonEmpty++;
      }
      for (const issuer of issuers) {
        const got = await everything(q, { issuer, validity: 'in_force' }, today);
        expect([today, issuer, got.keys]).toEqual([today, issuer, matching((d) => d.issuer === issuer && validityOn(d, today) === 'in_force')]);
      }
    }
    for (const d of docs) {
      const got = await everything(q, { document: d.id }, DAYS[0]);
      expect([d.id, got.keys]).toEqual([d.id, (await everything(q, {}, DAYS[0])).keys.filter((k) => k.startsWith(`${d.id}#`))]);
    }
    expect(nonEmpty).toBeGreaterThan(3);
  });

  it.skipIf(engine !== 'sqlite')('counts at most the window of a filtered search too, and says there are more', async () => {
    const filter = { issuer: '隆化县人民政府' };
    const all = await search(db, '宅基', { ...filter, pageSize: 100 });
    expect(all.total).toBeGreaterThan(10);
    const windowed = await search(db, '宅基', { ...filter, pageSize: 100, rankWindow: 10 });
    expect(windowed).toMatchObject({ total: 10, totalIsLowerBound: true });
    expect(windowed.items.every((h) => h.issuer === '隆化县人民政府')).toBe(true);
  });

  it('filters inside the index query: the plan never joins the matches to the documents', async () => {
    const filter: SearchFilter = { issuer: '隆化县人民政府', validity: 'expired', rankWindow: 10, pageSize: 5 };
    // A database of its own: connection.ts caches prepared statements, and capture() sees only new ones.
    const own = await freshDb(engine);
    try {
      await ingestGazette(own, readFileSync('data/gazettes/2022-04.txt'));
      const statements = await capture(own, () => search(own, '宅基', filter, '2026-11-30'));
      await expectIndexFiltering(own, statements);
    } finally {
      await own.close();
    }
  });
});

async function expectIndexFiltering(db: Db, statements: Statement[]) {
  const index = statements.filter((s) => /search_fts|tsv @@/.test(s.sql));
  expect(index.length).toBeGreaterThan(0);
  const issuerToken = issuerFacet('隆化县人民政府');
  const hasFilter = (s: Statement) => s.params.some((p) => typeof p === 'string' && p.includes(issuerToken));
  for (const s of index) expect((await explain(db, s)).join('\n')).not.toMatch(/\bdocuments\b|\bd\b/);
  if (db.dialect === 'sqlite') {
    for (const s of index) {
      // The filter is a term of the index query, whose scan drives its loop (nothing is read before it
      // for every match)…
      expect(hasFilter(s)).toBe(true);
      const plan = await explain(db, s);
      const fts = plan.findIndex((l) => l.includes('SCAN search_fts'));
      expect(fts).toBeGreaterThanOrEqual(0);
      expect(plan.slice(0, fts).filter((l) => /\b(SCAN|SEARCH)\b/.test(l))).toEqual([]);
      // …and yields the newest matches in order, so that LIMIT stops it at the window: neither the count
      // nor the ranking sorts, scores or counts every match of the words.
      expect(s.sql).toMatch(/ORDER BY rowid DESC LIMIT \?/);
      expect(plan[fts + 1] ?? '').not.toMatch(/TEMP B-TREE/);
    }
    const ranking = index.filter((s) => /bm25/.test(s.sql));
    expect(ranking).toHaveLength(1);
    expect(ranking[0].params).toContain(10); // the window (rankWindow)
  } else {
    for (const s of index) {
      // The filter is a term of the index query, and the GIN index answers it with the words (seq scans
      // disabled, as the table is tiny).
      expect(hasFilter(s)).toBe(true);
      expect((await explain(db, s)).join('\n')).toMatch(new RegExp(`Bitmap Index Scan on search_units_tsv[\\s\\S]*${issuerToken}`));
    }
  }
}

type Statement = { sql: string; params: unknown[] };

/** Records every statement `run` sends to the database. */
async function capture(db: Db, run: () => Promise<unknown>): Promise<Statement[]> {
  const seen: Statement[] = [];
  if (db.sqlite) {
    const sqlite = db.sqlite;
    const prepare = sqlite.prepare.bind(sqlite);
    (sqlite as { prepare: unknown }).prepare = (source: string) => {
      const st = prepare(source);
      for (const m of ['all', 'get', 'run', 'iterate'] as const) {
        const f = st[m].bind(st) as (...a: unknown[]) => unknown;
        (st as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => (
          seen.push({ sql: source, params: a.length === 1 && Array.isArray(a[0]) ? a[0] : a }),
          f(...a)
        );
      }
      return st;
    };
    try {
      await run();
    } finally {
      (sqlite as { prepare: unknown }).prepare = prepare;
    }
  } else {
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
      if (typeof a[0] === 'string') seen.push({ sql: a[0], params: (a[1] as unknown[]) ?? [] });
      return (query as (...x: unknown[]) => unknown).apply(this, a);
    } as typeof query;
    try {
      await run();
    } finally {
      pg.Client.prototype.query = query;
    }
  }
  return seen;
}

async function explain(db: Db, s: Statement): Promise<string[]> {
  if (db.sqlite) {
    const rows = db.sqlite.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...(s.params as unknown[])) as { detail: string }[];
    return rows.map((r) => r.detail);
  }
  return db.kysely.connection().execute(async (c) => {
    const { sql } = await import('kysely');
    await sql`SET enable_seqscan = off`.execute(c);
    try {
      const text = s.sql.replace(/\$(\d+)/g, (_m, i) => `'${String(s.params[Number(i) - 1]).replace(/'/g, "''")}'`);
      const r = await sql.raw<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`).execute(c);
      return r.rows.map((x) => x['QUERY PLAN']);
    } finally {
      await sql`RESET enable_seqscan`.execute(c);
    }
  });
}
