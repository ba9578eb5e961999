// Migration 0016: the search index holds the filters (facets.ts) and keeps the
// tokens only once. Until now the tokens of every unit were stored in
// search_units.tokens and again by the index (an external-content FTS5 table
// on SQLite, a generated tsvector on PostgreSQL).
//  SQLite: a contentless FTS5 table (content='', contentless_delete=1) with two
//    indexed columns, tokens and facets, written by ingest with the unit's id as
//    rowid; a trigger deletes a unit's entry with the unit. The text shown in
//    results stays in search_units.text.
//  PostgreSQL: tsv becomes a plain column written by ingest, the tokens of the
//    text followed by the facets, under the same GIN index.
// And the source text of each issue (~410 KB) moves out of gazette_issues into
// gazette_sources: in SQLite a column after it (ingested_at) could only be read
// by walking the text's overflow pages, on every row of the list of issues.
// It is kept gzip-compressed (about a third of its size): it is the record of
// what was ingested, read by nothing on the way of a request.
import { sql, type Kysely, type Migration } from 'kysely';
import { facetTokens } from './facets.js';
import { compressSource } from './source.js';
import { docKeys, findRelations } from './relations.js';
import { storeRelations } from './relation-store.js';
import type { Database } from '../db/schema.js';
import type { GazetteDocument } from './types.js';
import { insertSearchUnits, searchUnits, storedJson } from './store.js';

export function searchFacetsMigration(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('gazette_sources')
        .addColumn('issue_id', 'text', (c) => c.primaryKey().references('gazette_issues.id').onDelete('cascade'))
        .addColumn('text_gzip', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .execute();
      for (const id of (await db.selectFrom('gazette_issues').select('id').execute()).map((r) => r.id as string)) {
        const { source_text } = await db.selectFrom('gazette_issues').select('source_text').where('id', '=', id).executeTakeFirstOrThrow();
        await db
          .insertInto('gazette_sources')
          .values({ issue_id: id, text_gzip: compressSource(source_text as string) })
          .execute();
      }
      // SQLite rewrites the table without the column; no row is deleted, so no foreign key acts.
      await db.schema.alterTable('gazette_issues').dropColumn('source_text').execute();
      const docs = (await db.selectFrom('documents').select(['id', 'issuer', 'date', 'valid_from', 'valid_until']).execute()) as {
        id: string;
        issuer: string | null;
        date: string | null;
        valid_from: string | null;
        valid_until: string | null;
      }[];
      const facetsOf = (d: (typeof docs)[number]) =>
        facetTokens({ id: d.id, issuer: d.issuer, date: d.date, validFrom: d.valid_from, validUntil: d.valid_until });
      if (dialect === 'sqlite') {
        await sql`DROP TRIGGER search_units_ai`.execute(db);
        await sql`DROP TRIGGER search_units_ad`.execute(db);
        await sql`DROP TABLE search_fts`.execute(db);
        await sql`CREATE VIRTUAL TABLE search_fts USING fts5(tokens, facets, content='', contentless_delete=1, tokenize='unicode61', prefix='7')`.execute(db);
        for (const d of docs)
          await sql`INSERT INTO search_fts(rowid, tokens, facets) SELECT id, tokens, ${facetsOf(d)} FROM search_units WHERE doc_id = ${d.id}`.execute(db);
        await sql`CREATE TRIGGER search_units_ad AFTER DELETE ON search_units BEGIN DELETE FROM search_fts WHERE rowid = old.id; END`.execute(db);
        await db.schema.alterTable('search_units').dropColumn('tokens').execute();
      } else {
        await db.schema.alterTable('search_units').dropColumn('tsv').execute(); // and its index
        await sql`ALTER TABLE search_units ADD COLUMN tsv tsvector`.execute(db);
        for (const d of docs)
          await sql`UPDATE search_units SET tsv = to_tsvector('simple', tokens) || to_tsvector('simple', ${facetsOf(d)}) WHERE doc_id = ${d.id}`.execute(db);
        await sql`ALTER TABLE search_units ALTER COLUMN tsv SET NOT NULL`.execute(db);
        await db.schema.alterTable('search_units').dropColumn('tokens').execute();
        await sql`CREATE INDEX search_units_tsv ON search_units USING GIN (tsv)`.execute(db);
      }
    },
  };
}

// Migration 0019: an archive of many issues and the relations between their documents.
//  gazette_issues.year / serial: the issue list is ordered and filtered by them (2022年第10号 after 第9号).
//  documents.title_key / notice_key: the keys a title reference (《…》) is matched against (relations.ts).
//  document_relations: what a document says of another (parser) or an administrator records, both ends as
//    printed (文号 or title) and, once resolved, as documents of the library.
export function relationsMigration(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('gazette_issues').addColumn('year', 'integer').execute();
      await db.schema.alterTable('gazette_issues').addColumn('serial', 'integer').execute();
      for (const r of (await db.selectFrom('gazette_issues').select(['id', 'number']).execute()) as { id: string; number: string | null }[]) {
        const m = /^(\d{4})年第(\d+)号$/.exec(r.number ?? '');
        if (m)
          await db
            .updateTable('gazette_issues')
            .set({ year: Number(m[1]), serial: Number(m[2]) })
            .where('id', '=', r.id)
            .execute();
      }
      await db.schema.createIndex('gazette_issues_year').on('gazette_issues').columns(['year', 'serial']).execute();
      await db.schema.alterTable('documents').addColumn('title_key', 'text').execute();
      await db.schema.alterTable('documents').addColumn('notice_key', 'text').execute();
      for (const r of (await db.selectFrom('documents').select(['id', 'title', 'document_title']).execute()) as {
        id: string;
        title: string;
        document_title: string | null;
      }[])
        await db
          .updateTable('documents')
          .set(docKeys({ title: r.title, documentTitle: r.document_title }))
          .where('id', '=', r.id)
          .execute();
      await db.schema.createIndex('documents_title_key').on('documents').column('title_key').execute();
      await db.schema
        .createTable('document_relations')
        .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull()) // 文号 or title as given
        .addColumn('source_id', 'text') // the document of the library, once resolved
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('target_number', 'text')
        .addColumn('target_key', 'text')
        .addColumn('target_id', 'text')
        .addColumn('valid_until', 'text') // extends: the new last day
        .addColumn('effective_date', 'text') // repeals / replaces: from when (else the source's date)
        .addColumn('anchor', 'text')
        .addColumn('quote', 'text')
        .addColumn('origin', 'text', (c) => c.notNull()) // parser | admin
        .addColumn('issue_id', 'text') // parser: the issue it was read from (replaced with it)
        .addColumn('reason', 'text')
        .addColumn('recorded_by', 'text')
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('document_relations_source').on('document_relations').column('source_id').execute();
      await db.schema.createIndex('document_relations_target').on('document_relations').column('target_id').execute();
      await db.schema.createIndex('document_relations_issue').on('document_relations').column('issue_id').execute();
      // What the stored documents say of others, read again from their parsed form, issue by issue.
      const issues = (await db.selectFrom('gazette_issues').select('id').orderBy('id').execute()) as { id: string }[];
      for (const { id } of issues) {
        const docs = (await db.selectFrom('documents').select('data_json').where('issue_id', '=', id).execute()) as { data_json: string }[];
        const parsed = docs.map((r) => JSON.parse(r.data_json) as GazetteDocument);
        for (const d of parsed) d.relations = findRelations(d);
        await storeRelations(db as Kysely<Database>, dialect, id, parsed);
      }
    },
  };
}

// Migration 0021: the text of the library is stored once, in documents.data_json. search_units kept a
// copy of every unit's text for the snippets (as much again as the source text); a unit now keeps its
// path in the document's data (unitTexts) and the snippet is read from there. The index is rebuilt
// from the stored documents, in the order they were ingested (the newest-first window of search reads
// rowids), so that what is indexed is exactly what the snippets are cut from. The relations a document
// states leave data_json too: document_relations holds them with their quotes, and every reader
// takes them from there.
//  SQLite: search_fts is created again without prefix='7' (a second index of every bigram, by its first
//    character, for one-character queries, which FTS5 answers from the term list without it), and
//    search_units loses its text, its label and its index by document.
//  PostgreSQL keeps each unit's text and label in search_units: reading the parts from the documents
//    (json #> path, which parses the document's text) cost a search there 5-8 ms more; its database has
//    no size target. Only the relations leave data_json.
export function searchStoreMigration(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<any>) {
      const docs = (
        await sql<{ id: string }>`SELECT d.id FROM documents d LEFT JOIN search_units u ON u.doc_id = d.id
          GROUP BY d.id, d.issue_id, d.seq ORDER BY min(u.id), d.issue_id, d.seq`.execute(db)
      ).rows.map((r) => r.id);
      if (dialect === 'sqlite') {
        await sql`DROP TRIGGER search_units_ad`.execute(db);
        await sql`DROP TABLE search_fts`.execute(db);
        await sql`DELETE FROM search_units`.execute(db);
        await db.schema.alterTable('search_units').dropColumn('text').execute();
        await db.schema.alterTable('search_units').dropColumn('label').execute();
        // Units are looked up by id; by document only when an issue is replaced (a scan then, rare).
        await db.schema.dropIndex('search_units_doc').execute();
        await sql`ALTER TABLE search_units ADD COLUMN path text NOT NULL DEFAULT ''`.execute(db);
        await sql`CREATE VIRTUAL TABLE search_fts USING fts5(tokens, facets, content='', contentless_delete=1, tokenize='unicode61')`.execute(db);
        await sql`CREATE TRIGGER search_units_ad AFTER DELETE ON search_units BEGIN DELETE FROM search_fts WHERE rowid = old.id; END`.execute(db);
      }
      for (const id of docs) {
        const row = (await db
          .selectFrom('documents')
          .select(['id', 'issuer', 'date', 'valid_from', 'valid_until', 'data_json'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow()) as {
          id: string;
          issuer: string | null;
          date: string | null;
          valid_from: string | null;
          valid_until: string | null;
          data_json: string;
        };
        const facets = facetTokens({ id: row.id, issuer: row.issuer, date: row.date, validFrom: row.valid_from, validUntil: row.valid_until });
        const doc = JSON.parse(row.data_json) as GazetteDocument;
        if (doc.relations) {
          await db
            .updateTable('documents')
            .set({ data_json: storedJson(doc) })
            .where('id', '=', id)
            .execute();
        }
        if (dialect === 'sqlite')
          await insertSearchUnits(
            db,
            dialect,
            searchUnits(doc).map((u) => ({ ...u, facets })),
          );
      }
    },
  };
}

// Migration 0022: an ingest resolves only the relations that can change (relation-store.ts resolveRelations),
// found by index rather than by reading every unresolved relation and every document, which made each
// ingest slower than the last (at 1,000 issues they were most of its time).
//  document_relations_open_key / _open_number: the unresolved targets by title key and by 文号; the distinct
//    keys of the unresolved are read one index step each.
//  document_relations_target holds the resolved targets only (every lookup by target_id names one), so that
//    it is small and SQLite, which has no statistics, does not prefer it to those two for target_id IS NULL.
//  documents_notice_key: a new document's relations are matched against the library's notice titles too.
//  document_relations_issue goes: an issue's parser relations are found by their source documents when it
//    is replaced (relation-store.ts forgetRelations), and its 2.9 MiB at 1,000 issues pay for part of these.
export function relationIndexesMigration(): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema.dropIndex('document_relations_target').execute();
      await sql`CREATE INDEX document_relations_target ON document_relations (target_id) WHERE target_id IS NOT NULL`.execute(db);
      await sql`CREATE INDEX document_relations_open_key ON document_relations (target_key) WHERE target_id IS NULL AND target_key IS NOT NULL`.execute(db);
      await sql`CREATE INDEX document_relations_open_number ON document_relations (target_number) WHERE target_id IS NULL AND target_number IS NOT NULL`.execute(
        db,
      );
      await db.schema.createIndex('documents_notice_key').on('documents').column('notice_key').execute();
      await db.schema.dropIndex('document_relations_issue').execute();
    },
  };
}
