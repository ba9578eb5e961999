// An ingest resolves only the relations that can change, found by index (migration 0022), and resolves
// them exactly as the resolver before it did, which read every unresolved relation and every document
// (tests/gazette/reference-resolve.ts): the same relations end at the same documents after every step of an
// archive's history — part of an issue, then whole issues citing it by 文号, by title and by near title
// (with documents of the same title and date in several issues), an administrator's records whose other end
// arrives later, a corrected issue replacing its earlier text — on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { parseGazette } from '../../src/gazette/parse.js';
import { addRelation, forgetRelations, insertRelations } from '../../src/gazette/relation-store.js';
import { documentRow, ingestGazette } from '../../src/gazette/store.js';
import { ENGINES, freshDb } from '../helpers/databases.js';
import { referenceResolveRelations } from './reference-resolve.js';
import { SAMPLE, extract } from './variants.js';

/** Stores an issue's documents and relations as ingest does, resolving them with the reference resolver. */
async function referenceIngest(db: Db, text: string) {
  const parsed = parseGazette(text);
  const issueId = parsed.issue.number!;
  await db.kysely.transaction().execute(async (trx) => {
    if (await trx.selectFrom('gazette_issues').select('id').where('id', '=', issueId).executeTakeFirst()) {
      await forgetRelations(trx, issueId);
      await trx.deleteFrom('documents').where('issue_id', '=', issueId).execute();
      await trx.deleteFrom('gazette_issues').where('id', '=', issueId).execute();
    }
    await trx
      .insertInto('gazette_issues')
      .values({
        id: issueId,
        number: parsed.issue.number,
        title: parsed.issue.title,
        editor: parsed.issue.editor,
        toc_json: '[]',
        warnings_json: '[]',
        source_sha256: `${issueId}:${text.length}`,
        ingested_at: '2026-01-01T00:00:00Z',
        year: parsed.issue.year,
        serial: parsed.issue.serial,
      })
      .execute();
    await trx
      .insertInto('documents')
      .values(parsed.documents.map((d) => documentRow(issueId, d)))
      .execute();
    await insertRelations(trx, issueId, parsed.documents);
    await referenceResolveRelations(
      trx,
      parsed.documents.map((d) => d.id),
    );
  });
}

const relations = (db: Db) =>
  db.kysely.selectFrom('document_relations').select(['id', 'kind', 'origin', 'source', 'source_id', 'target', 'target_id']).orderBy('id').execute();

describe.each(ENGINES)('resolving relations at ingest on %s', (engine) => {
  let now: Db;
  let before: Db;
  beforeAll(async () => {
    now = await freshDb(engine);
    before = await freshDb(engine);
  });
  afterAll(async () => {
    await now?.close();
    await before?.close();
  });

  it('ends every relation where the resolver that read the whole library ended it, step by step', async () => {
    const records = async (db: Db) => {
      await addRelation(
        db.kysely,
        '承市政办字〔2024〕47号',
        { kind: 'extends', target: '承市政办字〔2025〕50号', validUntil: '2030-01-01', reason: '测试' },
        'a',
      );
      await addRelation(db.kysely, '承市政字〔2024〕16号', { kind: 'repeals', source: '承市政字〔2025〕16号', reason: '测试' }, 'a');
      await addRelation(db.kysely, '承市政字〔2024〕16号', { kind: 'amends', source: '承德市养老服务体系建设“十四五”规划', reason: '测试' }, 'a');
    };
    const steps: [string, string | ((db: Db) => Promise<void>)][] = [
      ['part of 2023年第1号: 47号 and the interpretations, citing what is not stored yet', extract(moved(2023, 1), [5, 14, 15, 16])],
      ['2024年第2号: the titles they cite', moved(2024, 2)],
      ['records whose other end is not stored yet', records],
      ['2025年第3号: the same titles and dates again', moved(2025, 3)],
      ['2022年第4号: the 文号 they cite', SAMPLE],
      ['part of 2026年第1号: 47号 alone, among documents of its titles in four issues', extract(moved(2026, 1), [5])],
      ['2024年第2号 corrected: what reached it is resolved again', moved(2024, 2).replace('为贯彻落实', '为认真贯彻落实')],
    ];
    for (const [name, step] of steps) {
      if (typeof step === 'string') {
        expect((await ingestGazette(now, Buffer.from(step))).status).not.toBe('unchanged');
        await referenceIngest(before, step);
      } else {
        await step(now);
        await step(before);
      }
      expect([name, await relations(now)]).toEqual([name, await relations(before)]);
    }
    // A corrected issue brings its own relations again and leaves none of the earlier text's.
    const parsedRelations = parseGazette(steps[6][1] as string).documents.flatMap((d) => d.relations ?? []).length;
    const issue = await now.kysely.selectFrom('document_relations').select(['issue_id', 'source_id']).where('origin', '=', 'parser').execute();
    expect(issue.filter((r) => r.issue_id === '2024年第2号').length).toBe(parsedRelations);
    const stored = new Map((await now.kysely.selectFrom('documents').select(['id', 'issue_id']).execute()).map((d) => [d.id, d.issue_id]));
    expect(issue.filter((r) => stored.get(r.source_id!) !== r.issue_id)).toEqual([]);
    // The history resolved ends of every kind: by 文号 and by title across issues, and both ends of records.
    const rows = await relations(now);
    const issueOf = new Map((await now.kysely.selectFrom('documents').select(['id', 'issue_id']).execute()).map((d) => [d.id, d.issue_id]));
    const across = rows.filter((r) => r.origin === 'parser' && r.target_id && issueOf.get(r.target_id) !== issueOf.get(r.source_id!));
    expect(across.map((r) => [r.source_id, r.target, r.target_id])).toEqual(
      expect.arrayContaining([
        [expect.stringMatching(/^解读:2023年第1号/), '承市政字〔2022〕16号', '承市政字〔2022〕16号'],
        ['承市政办字〔2023〕47号', '承德市养老服务体系“十四五”规划', '承市政字〔2024〕24号'],
        ['承市政办字〔2026〕47号', '承德市养老服务体系“十四五”规划', expect.stringMatching(/^承市政字〔\d{4}〕24号$/)],
      ]),
    );
    expect(rows.filter((r) => r.origin === 'admin').map((r) => [r.source_id, r.target_id])).toEqual([
      ['承市政办字〔2024〕47号', '承市政办字〔2025〕50号'],
      ['承市政字〔2025〕16号', '承市政字〔2024〕16号'],
      [expect.stringMatching(/^承市政字〔\d{4}〕24号$/), '承市政字〔2024〕16号'],
    ]);
  });
});

/** The bundled issue as issue `serial` of `year`: its own 文号 in that year, what it cites as printed. */
const moved = (year: number, serial: number) =>
  SAMPLE.replace('2022 年第 4 号', `${year} 年第 ${serial} 号`).replace(/^(.*?)〔2022〕([ \t]*\d+[ \t]*号[ \t]*)$/gm, `$1〔${year}〕$2`);
