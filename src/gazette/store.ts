// Stores parsed issues. Ingesting is idempotent (same bytes → nothing
// changes) and atomic (the file is parsed completely before anything is
// written, and all writes happen in one transaction).
import { DomainError } from '../platform/errors.js';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import type { Db } from '../db/connection.js';
import type { Database } from '../db/schema.js';
import { parseGazette, decodeGazette } from './parse.js';
import type { ParsedIssue } from './types.js';
import { indexTokens } from './tokens.js';
import { facetTokens } from './facets.js';
import { compressSource } from './source.js';
import type { GazetteDocument, Table, Unit } from './types.js';
import { docKeys, forgetRelations, storeRelations } from './relation-store.js';

export interface IngestResult {
  issueId: string;
  status: 'created' | 'unchanged' | 'replaced';
  documents: number;
  warnings: string[];
}

export class DocumentConflictError extends DomainError {
  constructor(message: string) {
    super(message, 409, 'conflict');
  }
}

// Ingests are serialized, so that two clients sending the same new issue at
// once get "created" and "unchanged" rather than a unique-key violation.
// PostgreSQL: a transaction-level advisory lock (released at commit or
// rollback). SQLite: transactions begin IMMEDIATE (db/connection.ts), which
// already takes the database's single write lock.
const INGEST_LOCK_KEY = 0x7a68_6777; // "zhgw": any constant, shared by every ingest.

/** `parse` may run elsewhere (the server parses on a worker thread; the CLI in place). */
export async function ingestGazette(
  db: Db,
  bytes: Uint8Array,
  parse: (text: string) => ParsedIssue | Promise<ParsedIssue> = parseGazette,
  timing?: IngestTiming,
): Promise<IngestResult> {
  const text = decodeGazette(bytes);
  const sha = createHash('sha256').update(bytes).digest('hex');
  // Fast path without a lock: a file already stored is not parsed again.
  const stored = await unchanged(db.kysely, sha);
  if (stored) return stored;
  const t0 = performance.now();
  const parsed = await parse(text);
  if (timing) timing.parse += performance.now() - t0;
  const issueId = parsed.issue.number ?? `未编号-${sha.slice(0, 8)}`;
  try {
    return await db.kysely.transaction().execute(async (trx) => {
      if (db.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${INGEST_LOCK_KEY}::bigint)`.execute(trx);
      // Checked again under the lock: a concurrent ingest of the same file may have committed meanwhile.
      const same = await unchanged(trx, sha);
      if (same) return same;
      const existing = await trx.selectFrom('gazette_issues').select('id').where('id', '=', issueId).executeTakeFirst();
      if (existing) {
        // A corrected text of the same issue replaces the earlier one.
        const ids = trx.selectFrom('documents').select('id').where('issue_id', '=', issueId);
        await trx.deleteFrom('search_units').where('doc_id', 'in', ids).execute();
        await forgetRelations(trx, issueId);
        await trx.deleteFrom('documents').where('issue_id', '=', issueId).execute();
        await trx.deleteFrom('gazette_sources').where('issue_id', '=', issueId).execute();
        await trx.deleteFrom('gazette_issues').where('id', '=', issueId).execute();
      }
      const clash = await trx
        .selectFrom('documents')
        .select(['id', 'issue_id'])
        .where(
          'id',
          'in',
          parsed.documents.map((d) => d.id),
        )
        .executeTakeFirst();
      if (clash) throw new DocumentConflictError(`文号 ${clash.id} 已收录在 ${clash.issue_id} 中，不能在 ${issueId} 中重复收录。`);
      await trx
        .insertInto('gazette_issues')
        .values({
          id: issueId,
          number: parsed.issue.number,
          title: parsed.issue.title,
          editor: parsed.issue.editor,
          toc_json: JSON.stringify(parsed.issue.toc),
          warnings_json: JSON.stringify(parsed.warnings),
          source_sha256: sha,
          ingested_at: new Date().toISOString(),
          year: parsed.issue.year,
          serial: parsed.issue.serial,
        })
        .execute();
      await trx
        .insertInto('gazette_sources')
        .values({ issue_id: issueId, text_gzip: compressSource(text) })
        .execute();
      await storeDocuments(trx, db.dialect, issueId, parsed.documents, timing);
      await storeRelations(trx, db.dialect, issueId, parsed.documents);
      return { issueId, status: existing ? 'replaced' : 'created', documents: parsed.documents.length, warnings: parsed.warnings } as IngestResult;
    });
  } catch (e) {
    // Only a writer that bypasses the lock (e.g. an older version of this
    // program on the same database) can get here; the transaction was rolled
    // back, so nothing of this file is stored. Answer like a re-ingest if the
    // other writer stored the same file, else as a conflict — never a 500.
    if (!isUniqueViolation(e)) throw e;
    const same = await unchanged(db.kysely, sha);
    if (same) return same;
    throw new DocumentConflictError(`另一次导入同时写入了 ${issueId} 或其中文号的不同文本，本次导入未保存任何内容；请核对后重试。`);
  }
}

/** Where an ingest spent its time, in ms, summed over calls (the bench reads it). */
export interface IngestTiming {
  parse: number;
  tokenize: number;
  store: number;
}

/** Rows per multi-row INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const CHUNK = 400;

function chunks<T>(xs: T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/**
 * Writes the documents of an issue and their search units in a few multi-row
 * statements (inside the caller's transaction). The index entries are written
 * here too, from the tokens and the document's filter tokens (facets.ts).
 * On SQLite search_units keeps no text: a hit's snippet is read from its
 * document at the unit's path (snippets.ts), so the text is stored once
 * (migration 0021). On PostgreSQL each unit keeps its text beside its tsvector.
 */
async function storeDocuments(trx: Kysely<Database>, dialect: Db['dialect'], issueId: string, documents: GazetteDocument[], timing?: IngestTiming) {
  const t0 = performance.now();
  const units = documents.flatMap((d) => {
    const facets = facetTokens(d);
    return searchUnits(d).map((u) => ({ ...u, facets }));
  });
  const t1 = performance.now();
  for (const part of chunks(
    documents.map((d) => documentRow(issueId, d)),
    50,
  ))
    await trx.insertInto('documents').values(part).execute();
  await insertSearchUnits(trx, dialect, units);
  if (timing) {
    timing.tokenize += t1 - t0;
    timing.store += performance.now() - t1;
  }
}

/** A search unit as written: its place in its document, its tokens and its document's filter tokens. */
export type IndexedUnit = ReturnType<typeof searchUnits>[number] & { facets: string };

/** Writes search units and their index entries, in the given order (the order of rowids: newest last). */
export async function insertSearchUnits(trx: Kysely<any>, dialect: Db['dialect'], units: IndexedUnit[]) {
  if (dialect === 'sqlite') {
    // Ids are given, not taken from RETURNING (whose row order SQLite leaves open), so that each index
    // entry gets its unit's id as rowid. The transaction holds the write lock (BEGIN IMMEDIATE), and
    // AUTOINCREMENT never hands out an id twice, so the next ids are those after the sequence.
    const seq = await sql<{ seq: number }>`SELECT seq FROM sqlite_sequence WHERE name = 'search_units'`.execute(trx);
    let next = Number(seq.rows[0]?.seq ?? 0) + 1;
    for (const part of chunks(units)) {
      const rows = part.map((u) => ({ ...u, id: next++ }));
      // No text: a hit reads it from its document at the path (snippets.ts).
      await trx
        .insertInto('search_units')
        .values(rows.map(({ id, doc_id, anchor, path }) => ({ id, doc_id, anchor, path })))
        .execute();
      await sql`INSERT INTO search_fts(rowid, tokens, facets) VALUES ${sql.join(rows.map((r) => sql`(${r.id}, ${r.tokens}, ${r.facets})`))}`.execute(trx);
    }
  } else {
    // PostgreSQL keeps the text shown in results (see migration 0021).
    for (const part of chunks(units))
      await sql`INSERT INTO search_units (doc_id, anchor, label, text, tsv) VALUES ${sql.join(
        part.map((u) => sql`(${u.doc_id}, ${u.anchor}, ${u.label}, ${u.text}, to_tsvector('simple', ${u.tokens}) || to_tsvector('simple', ${u.facets}))`),
      )}`.execute(trx);
  }
}

/** The answer for a file whose exact bytes are already stored, or null. */
async function unchanged(q: Kysely<Database>, sha: string): Promise<IngestResult | null> {
  const same = await q.selectFrom('gazette_issues').select(['id']).where('source_sha256', '=', sha).executeTakeFirst();
  if (!same) return null;
  const n = await q
    .selectFrom('documents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('issue_id', '=', same.id)
    .executeTakeFirstOrThrow();
  return { issueId: same.id, status: 'unchanged', documents: Number(n.n), warnings: [] };
}

/** PostgreSQL unique_violation, or a SQLite UNIQUE / PRIMARY KEY constraint failure. */
function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * A document as stored in documents.data_json: everything but its relations, which document_relations
 * holds (with their quotes) and every reader takes from there (relation-store.ts); the text of the
 * library is kept once (migration 0021).
 */
export const storedJson = (d: GazetteDocument): string => JSON.stringify({ ...d, relations: undefined });

export function documentRow(issueId: string, d: GazetteDocument) {
  return {
    id: d.id,
    issue_id: issueId,
    seq: d.seq,
    kind: d.kind,
    number: d.number,
    title: d.title,
    document_title: d.documentTitle,
    issuer: d.issuer,
    date: d.date,
    recipients: d.recipients,
    interprets: d.interprets,
    valid_from: d.validFrom,
    valid_until: d.validUntil,
    validity_text: d.validityText,
    truncated: d.truncated ? 1 : 0,
    article_count: d.articleCount,
    table_count: d.tables.length,
    data_json: storedJson(d),
    ...docKeys(d),
  };
}

export interface UnitText {
  anchor: string | null;
  label: string | null;
  text: string;
  /** Where the text is in the document's data: t (titles), n (notice), u3.1 (units[3].children[1]), x2 (tables[2]). */
  path: string;
}

/**
 * What is searchable, in a fixed order: the titles, the notice, every unit with its own text, and
 * table rows (with the unit that holds them). A search unit stores the path of its text in the
 * document's data, and its snippet is read from there (snippets.ts): the text is stored once.
 */
export function unitTexts(d: GazetteDocument): UnitText[] {
  const rows: UnitText[] = [];
  const add = (anchor: string | null, label: string | null, text: string, path: string) => {
    const t = text.trim();
    if (t) rows.push({ anchor, label, text: t, path });
  };
  add(null, '标题', titlesText(d.title, d.documentTitle), 't');
  if (d.noticeText) add(null, '通知', d.noticeText, 'n');
  const walk = (units: Unit[], prefix: string) =>
    units.forEach((unit, i) => {
      const path = `${prefix}${i}`;
      add(
        unit.anchor,
        unit.label ?? unit.heading,
        unitText(
          unit,
          unit.tables.map((t) => d.tables[t]),
        ),
        `u${path}`,
      );
      walk(unit.children, `${path}.`);
    });
  walk(d.units, '');
  d.tables.forEach((t, i) => {
    if (!t.unitAnchor) add(null, t.caption ?? '表格', tableText(t), `x${i}`);
  });
  return rows;
}

/** The search units of a document: each text of unitTexts with its index tokens. */
export function searchUnits(d: GazetteDocument) {
  return unitTexts(d).map((u) => ({ doc_id: d.id, ...u, tokens: indexTokens(u.text) }));
}

// The texts of unitTexts, from the parts of a document they are made of (snippets.ts reads only those parts).
export const titlesText = (title: string, documentTitle: string | null) => [title, documentTitle].filter(Boolean).join('\n');

export const unitText = (unit: Pick<Unit, 'heading' | 'text'>, tables: Table[]) =>
  [unit.heading && unit.heading !== unit.text ? unit.heading : '', unit.text, tables.map(tableText).join('\n')].filter(Boolean).join('\n');

export const tableText = (t: Pick<Table, 'caption' | 'header' | 'rows'>) =>
  [t.caption ?? '', t.header.join(' '), ...t.rows.map((r) => r.join(' '))].filter(Boolean).join('\n');

export function parsedFromRow(row: { data_json: string }): GazetteDocument {
  return JSON.parse(row.data_json) as GazetteDocument;
}
