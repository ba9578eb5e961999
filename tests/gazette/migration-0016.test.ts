// Migration 0016 on a library ingested before it: the tokens move into the index with the filter
// tokens, the source text into gazette_sources, and search (filtered or not) finds what it found.
import { readFileSync } from 'node:fs';
import { Migrator, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/db/connection.js';
import { migrateToLatest, migrations } from '../../src/db/migrations.js';
import { listIssues, search } from '../../src/gazette/library.js';
import { parseGazette } from '../../src/gazette/parse.js';
import { decompressSource } from '../../src/gazette/source.js';
import { documentRow, searchUnits } from '../../src/gazette/store.js';
import { ENGINES, countRows, freshDatabaseUrl } from '../helpers/databases.js';

const TEXT = readFileSync('data/gazettes/2022-04.txt', 'utf8');

describe.each(ENGINES)('migration 0016 on %s', (engine) => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb(await freshDatabaseUrl(engine), { migrate: false });
    const before = Object.fromEntries(Object.entries(migrations(db.dialect)).filter(([name]) => name < '0015'));
    const { error } = await new Migrator({ db: db.kysely, provider: { getMigrations: async () => before } }).migrateToLatest();
    if (error) throw error;
    // The sample stored as ingest stored it before 0016: tokens in search_units (the index reads them
    // there), the source text inside gazette_issues.
    const k = db.kysely as unknown as Kysely<any>;
    const parsed = parseGazette(TEXT);
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
        source_sha256: 'x',
        source_text: TEXT,
        ingested_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    for (const d of parsed.documents) {
      // The columns of migration 0019 (title keys) did not exist yet.
      const { title_key: _t, notice_key: _n, ...row } = documentRow(id, d);
      await k.insertInto('documents').values(row).execute();
      await k
        .insertInto('search_units')
        .values(searchUnits(d).map(({ path: _path, ...u }) => u))
        .execute();
    }
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('keeps every unit and document, and moves the source text out of the list of issues', async () => {
    expect(await countRows(db)).toMatchObject({ issues: 1, documents: 17 });
    expect((await countRows(db)).units).toBeGreaterThan(300);
    const [source] = await db.kysely.selectFrom('gazette_sources').selectAll().execute();
    expect(decompressSource(source.text_gzip)).toBe(TEXT);
    expect((await listIssues(db)).items.map((i) => i.ingestedAt)).toEqual(['2026-01-01T00:00:00.000Z']);
    const columns = async (table: string) =>
      db.dialect === 'sqlite'
        ? (await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db.kysely)).rows.map((r) => r.name)
        : (await sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns WHERE table_name = ${table}`.execute(db.kysely)).rows.map(
            (r) => r.name,
          );
    expect(await columns('gazette_issues')).not.toContain('source_text');
    expect(await columns('search_units')).not.toContain('tokens');
  });

  it('then 0019 gives the issue its year and serial and the documents their title keys', async () => {
    expect(await db.kysely.selectFrom('gazette_issues').select(['year', 'serial']).execute()).toEqual([{ year: 2022, serial: 4 }]);
    const keys = await db.kysely.selectFrom('documents').select(['id', 'title_key']).where('id', '=', '承市政字〔2022〕24号').execute();
    expect(keys).toEqual([{ id: '承市政字〔2022〕24号', title_key: '承德市养老服务体系建设"十四五"规划' }]);
    expect((await listIssues(db, { year: 2022 })).total).toBe(1);
    // The relations the stored documents state, read from them: 47号 implements the plan of 24号.
    const rel = await db.kysely.selectFrom('document_relations').select(['kind', 'target_id']).where('source_id', '=', '承市政办字〔2022〕47号').execute();
    expect(rel).toContainEqual({ kind: 'implements', target_id: '承市政字〔2022〕24号' });
  });

  it('finds with and without filters what the sample holds', async () => {
    expect((await search(db, '宅基地协管员')).total).toBeGreaterThan(0);
    const byIssuer = await search(db, '科技', { issuer: '承德市科学技术局', pageSize: 100 });
    expect(byIssuer.total).toBeGreaterThan(0);
    expect(byIssuer.items.every((h) => h.issuer === '承德市科学技术局')).toBe(true);
    const inDocument = await search(db, '不予批准', { document: '隆政发〔2022〕11号' });
    expect(inDocument.items.map((h) => h.anchor)).toContain('第十四条');
    const expired = await search(db, '宅基', { validity: 'expired', pageSize: 100 }, '2026-11-30');
    const inForce = await search(db, '宅基', { validity: 'in_force', pageSize: 100 }, '2026-11-30');
    expect(expired.total).toBeGreaterThan(0);
    expect(expired.items.every((h) => h.number === '隆政发〔2022〕11号')).toBe(true);
    expect(expired.total + inForce.total).toBe((await search(db, '宅基', {}, '2026-11-30')).total);
  });
});
