// Migration 0021 on a library stored before it (each unit's text kept in search_units, the index built
// with prefix='7' on SQLite): the index is rebuilt from the stored documents, the copy of the text is
// dropped, and search answers exactly what a library ingested after 0021 answers — hits, order,
// scores, snippets, counts and filters — with the newest-first window kept in ingest order.
import { readFileSync } from 'node:fs';
import { Migrator, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/db/connection.js';
import { migrateToLatest, migrations } from '../../src/db/migrations.js';
import { facetTokens } from '../../src/gazette/facets.js';
import { search, type SearchFilter } from '../../src/gazette/library.js';
import { parseGazette } from '../../src/gazette/parse.js';
import { storeRelations } from '../../src/gazette/relation-store.js';
import { compressSource } from '../../src/gazette/source.js';
import { documentRow, ingestGazette, searchUnits } from '../../src/gazette/store.js';
import { ENGINES, countRows, freshDatabaseUrl, freshDb } from '../helpers/databases.js';
import type { Database } from '../../src/db/schema.js';

const SAMPLE = readFileSync('data/gazettes/2022-04.txt', 'utf8');
const ISSUES = [SAMPLE, SAMPLE.replace('2022 年第 4 号', '2022 年第 5 号').replace(/〔2022〕/g, '〔2105〕')];

/** Stores an issue as ingest did before 0021: the text of every unit in search_units as well. */
async function storeAsBefore(db: Db, text: string) {
  const k = db.kysely as unknown as Kysely<any>;
  const parsed = parseGazette(text);
  const id = parsed.issue.number!;
  await k
    .insertInto('gazette_issues')
    .values({
      id,
      number: id,
      title: parsed.issue.title,
      editor: parsed.issue.editor,
      toc_json: JSON.stringify(parsed.issue.toc),
      warnings_json: '[]',
      source_sha256: id,
      ingested_at: '2026-01-01T00:00:00.000Z',
      year: parsed.issue.year,
      serial: parsed.issue.serial,
    })
    .execute();
  await k
    .insertInto('gazette_sources')
    .values({ issue_id: id, text_gzip: compressSource(text) })
    .execute();
  for (const d of parsed.documents) {
    await k.insertInto('documents').values(documentRow(id, d)).execute();
    const facets = facetTokens(d);
    for (const u of searchUnits(d)) {
      if (db.dialect === 'sqlite') {
        const { id: rowid } = await k
          .insertInto('search_units')
          .values({ doc_id: u.doc_id, anchor: u.anchor, label: u.label, text: u.text })
          .returning('id')
          .executeTakeFirstOrThrow();
        await sql`INSERT INTO search_fts(rowid, tokens, facets) VALUES (${rowid}, ${u.tokens}, ${facets})`.execute(k);
      } else
        await sql`INSERT INTO search_units (doc_id, anchor, label, text, tsv)
          VALUES (${u.doc_id}, ${u.anchor}, ${u.label}, ${u.text}, to_tsvector('simple', ${u.tokens}) || to_tsvector('simple', ${facets}))`.execute(k);
    }
  }
  await storeRelations(db.kysely as Kysely<Database>, db.dialect, id, parsed.documents);
}

const QUERIES = ['宅基', '科技', '养老', '不予批准', '宅基地协管员', '地基宅', 'PM2.5', '审'];
const FILTERS: SearchFilter[] = [
  {},
  { issuer: '隆化县人民政府' },
  { issuer: '承德市科学技术局' },
  { validity: 'in_force' },
  { validity: 'expired' },
  { document: '隆政发〔2022〕11号' },
  { validity: 'in_force', issuer: '承德市人民政府办公室' },
];

describe.each(ENGINES)('migration 0021 on %s', (engine) => {
  let migrated: Db;
  let fresh: Db;
  beforeAll(async () => {
    migrated = await openDb(await freshDatabaseUrl(engine), { migrate: false });
    const before = Object.fromEntries(Object.entries(migrations(migrated.dialect)).filter(([name]) => name < '0021'));
    const { error } = await new Migrator({ db: migrated.kysely, provider: { getMigrations: async () => before } }).migrateToLatest();
    if (error) throw error;
    for (const text of ISSUES) await storeAsBefore(migrated, text);
    await migrateToLatest(migrated);
    fresh = await freshDb(engine);
    for (const text of ISSUES) expect((await ingestGazette(fresh, Buffer.from(text))).status).toBe('created');
  });
  afterAll(async () => {
    await migrated?.close();
    await fresh?.close();
  });

  it('keeps every unit, drops the copy of the text and of the relations, and on SQLite the prefix index', async () => {
    expect(await countRows(migrated)).toEqual(await countRows(fresh));
    const columns =
      engine === 'sqlite'
        ? (await sql<{ name: string }>`SELECT name FROM pragma_table_info('search_units')`.execute(migrated.kysely)).rows.map((r) => r.name)
        : (
            await sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'search_units'`.execute(migrated.kysely)
          ).rows.map((r) => r.name);
    // SQLite reads a hit's text from its document; PostgreSQL keeps it with the unit (no size target there).
    if (engine === 'sqlite') expect(columns.filter((c) => ['text', 'label', 'path'].includes(c))).toEqual(['path']);
    else expect(columns.filter((c) => ['text', 'label', 'path'].includes(c)).sort()).toEqual(['label', 'text']);
    const stored = await migrated.kysely.selectFrom('documents').select('data_json').execute();
    expect(stored.some((r) => 'relations' in JSON.parse(r.data_json))).toBe(false);
    if (engine === 'sqlite') {
      const { rows } = await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE name = 'search_fts'`.execute(migrated.kysely);
      expect(rows[0].sql).not.toMatch(/prefix/);
      // Units are indexed in the order they were ingested: the second issue's units come after the first's.
      const order = await sql<{ issue_id: string; lo: number; hi: number }>`
        SELECT d.issue_id, min(u.id) AS lo, max(u.id) AS hi FROM search_units u JOIN documents d ON d.id = u.doc_id GROUP BY d.issue_id ORDER BY lo`.execute(
        migrated.kysely,
      );
      expect(order.rows.map((r) => r.issue_id)).toEqual(['2022年第4号', '2022年第5号']);
      expect(order.rows[0].hi).toBeLessThan(order.rows[1].lo);
    }
  });

  it('answers every query and filter as a library ingested after 0021', async () => {
    const shape = (r: Awaited<ReturnType<typeof search>>) => ({
      total: r.total,
      totalIsLowerBound: r.totalIsLowerBound,
      hint: r.hint,
      items: r.items.map((h) => ({ ...h, score: h.score.toFixed(9) })),
    });
    let hits = 0;
    for (const q of QUERIES)
      for (const f of FILTERS)
        for (const rankWindow of [undefined, 7]) {
          const filter = { ...f, rankWindow, pageSize: 100 };
          const want = shape(await search(fresh, q, filter, '2026-11-30'));
          expect([q, filter, shape(await search(migrated, q, filter, '2026-11-30'))]).toEqual([q, filter, want]);
          hits += want.items.length;
        }
    expect(hits).toBeGreaterThan(500);
  });
});
