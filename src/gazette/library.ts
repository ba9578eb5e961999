// Reading the library: documents, one document with its links, and search.
import { DomainError } from '../platform/errors.js';
import { sql } from 'kysely';
import { todayIso } from '../calendar/dates.js';
import type { Db } from '../db/connection.js';
import { normalizeDocNumber } from './normalize.js';
import { parsedFromRow } from './store.js';
import { hitTexts } from './snippets.js';
import { facetQuery, type FacetQuery } from './facets.js';
import { queryNeedles, queryTerms, type QueryTerm } from './tokens.js';
import type { GazetteDocument, TocSection } from './types.js';
import { VALIDITY_LABEL, statusOn, validityOn, type ValidityStatus } from './validity.js';
import { relationsOf, termChanges } from './relation-store.js';

export interface DocumentSummary {
  id: string;
  issueId: string;
  seq: number;
  kind: 'notice' | 'interpretation';
  number: string | null;
  title: string;
  documentTitle: string | null;
  issuer: string | null;
  date: string | null;
  interprets: string | null;
  validFrom: string | null;
  validUntil: string | null;
  validity: { status: ValidityStatus; label: string; asOf: string };
  articleCount: number;
  tableCount: number;
  truncated: boolean;
}

type DocRow = {
  id: string;
  issue_id: string;
  seq: number;
  kind: string;
  number: string | null;
  title: string;
  document_title: string | null;
  issuer: string | null;
  date: string | null;
  interprets: string | null;
  valid_from: string | null;
  valid_until: string | null;
  article_count: number;
  table_count: number;
  truncated: number;
};

function summary(r: DocRow, today: string): DocumentSummary {
  const status = validityOn({ validFrom: r.valid_from, validUntil: r.valid_until, date: r.date }, today);
  return {
    id: r.id,
    issueId: r.issue_id,
    seq: Number(r.seq),
    kind: r.kind as DocumentSummary['kind'],
    number: r.number,
    title: r.title,
    documentTitle: r.document_title,
    issuer: r.issuer,
    date: r.date,
    interprets: r.interprets,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    validity: { status, label: VALIDITY_LABEL[status], asOf: today },
    articleCount: Number(r.article_count),
    tableCount: Number(r.table_count),
    truncated: Boolean(Number(r.truncated)),
  };
}

const SUMMARY_COLUMNS = [
  'id',
  'issue_id',
  'seq',
  'kind',
  'number',
  'title',
  'document_title',
  'issuer',
  'date',
  'interprets',
  'valid_from',
  'valid_until',
  'article_count',
  'table_count',
  'truncated',
] as const;

export interface ListFilter {
  issue?: string;
  issuer?: string;
  kind?: string;
  validity?: ValidityStatus;
  page?: number;
  pageSize?: number;
}

export async function listDocuments(db: Db, f: ListFilter = {}, today = todayIso()) {
  // Filtering and paging happen in the database; validity uses the same SQL as search.
  let q = db.kysely.selectFrom('documents as d');
  if (f.issue) q = q.where('d.issue_id', '=', f.issue);
  if (f.issuer) q = q.where('d.issuer', '=', f.issuer);
  if (f.kind) q = q.where('d.kind', '=', f.kind);
  if (f.validity) q = q.where(validityCondition(f.validity, today));
  const pageSize = f.pageSize ?? 50;
  const page = f.page ?? 1;
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = (await q
    .select(SUMMARY_COLUMNS.map((c) => `d.${c}` as const))
    .orderBy('d.issue_id', 'desc')
    .orderBy('d.seq')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()) as DocRow[];
  // Recorded extensions, repeals and replacements change the badge (the validity filter reads the printed term).
  const changes = await termChanges(
    db.kysely,
    rows.map((r) => r.id),
  );
  const items = rows.map((r) => {
    const s = summary(r, today);
    const c = changes.get(r.id);
    if (!c) return s;
    const v = statusOn({ validFrom: r.valid_from, validUntil: r.valid_until, date: r.date }, c, today);
    return { ...s, validity: { status: v.status, label: v.label, asOf: today } };
  });
  return { total: Number(n), page, pageSize, items };
}

function issueFromRow(r: {
  id: string;
  number: string | null;
  title: string | null;
  editor: string | null;
  toc_json: string;
  warnings_json: string;
  ingested_at: string;
}) {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    editor: r.editor,
    toc: JSON.parse(r.toc_json) as TocSection[],
    warnings: JSON.parse(r.warnings_json) as string[],
    ingestedAt: r.ingested_at,
  };
}
const ISSUE_COLUMNS = ['id', 'number', 'title', 'editor', 'toc_json', 'warnings_json', 'ingested_at'] as const;

/**
 * A page of issues, newest first (by year and serial: 第10号 after 第9号), optionally of one year, with the
 * years the library holds. The source text is kept in another table (migration 0016), so a row here is small.
 */
export async function listIssues(db: Db, { page = 1, pageSize = 50, year }: { page?: number; pageSize?: number; year?: number } = {}) {
  let q = db.kysely.selectFrom('gazette_issues');
  if (year !== undefined) q = q.where('year', '=', year);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select(ISSUE_COLUMNS)
    .orderBy(sql`COALESCE(year, 0)`, 'desc')
    .orderBy(sql`COALESCE(serial, 0)`, 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const years = await db.kysely
    .selectFrom('gazette_issues')
    .select(['year', (eb) => eb.fn.countAll<number>().as('issues')])
    .where('year', 'is not', null)
    .groupBy('year')
    .orderBy('year', 'desc')
    .execute();
  return {
    total: Number(n),
    page,
    pageSize,
    year: year ?? null,
    years: years.map((y) => ({ year: Number(y.year), issues: Number(y.issues) })),
    items: rows.map(issueFromRow),
  };
}

export async function getIssue(db: Db, id: string, today = todayIso()) {
  const row = await db.kysely.selectFrom('gazette_issues').select(ISSUE_COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const issue = issueFromRow(row);
  const docs = await listDocuments(db, { issue: id, pageSize: 1000 }, today);
  return { ...issue, documents: docs.items };
}

/** Finds a document by 文号 in any spelling ("隆政发[2022] 11 号") or by id. */
export async function getDocument(db: Db, key: string, today = todayIso()) {
  const id = normalizeDocNumber(key) ?? key.trim();
  const row = await db.kysely.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const doc = parsedFromRow(row);
  const citedNumbers = doc.citations.map((c) => c.number);
  const inLibrary = new Set(
    citedNumbers.length ? (await db.kysely.selectFrom('documents').select('id').where('id', 'in', citedNumbers).execute()).map((r) => r.id) : [],
  );
  const interpretations = await db.kysely.selectFrom('documents').select(['id', 'title']).where('interprets', '=', id).execute();
  const citedBy = await citingDocuments(db, id);
  const relations = await relationsOf(db.kysely, id);
  const changes = (await termChanges(db.kysely, [id])).get(id);
  return {
    ...doc,
    relations,
    issueId: row.issue_id,
    validity: statusOn({ validFrom: row.valid_from, validUntil: row.valid_until, date: row.date }, changes, today),
    citations: doc.citations.map((c) => ({
      ...c,
      inLibrary: inLibrary.has(c.number),
      link: inLibrary.has(c.number) ? `/docs/${encodeURIComponent(c.number)}` : null,
    })),
    interpretations,
    citedBy,
  } satisfies Omit<GazetteDocument, 'relations'> & Record<string, unknown>;
}

async function citingDocuments(db: Db, id: string) {
  // Candidates: the documents with a relation to this one (the parser records each 文号 a text cites as one,
  // indexed by its target), then their citations as parsed. A LIKE over every document's text, as before, read
  // the whole library for each document page.
  const rows = await db.kysely
    .selectFrom('documents')
    .select(['id', 'title', 'data_json'])
    .where('id', 'in', db.kysely.selectFrom('document_relations').select('source_id').where('target_id', '=', id).where('source_id', 'is not', null))
    .where('id', '!=', id)
    .execute();
  return rows.filter((r) => parsedFromRow(r).citations.some((c) => c.number === id)).map((r) => ({ id: r.id, title: r.title }));
}

export interface SearchFilter {
  /** At most this many matches are ranked by relevance (default RANK_WINDOW); the newest win beyond it. */
  rankWindow?: number;
  document?: string;
  issuer?: string;
  validity?: ValidityStatus;
  page?: number;
  pageSize?: number;
}

export interface SearchHit {
  docId: string;
  docTitle: string;
  number: string | null;
  issuer: string | null;
  anchor: string | null;
  label: string | null;
  snippet: string; // HTML-escaped, matches wrapped in <mark>
  score: number;
  validity: DocumentSummary['validity'];
  link: string;
}

export class SearchQueryError extends DomainError {
  constructor(message: string) {
    super(message, 400, 'bad_query');
  }
}

/** How many matches of one query are counted and ranked at most (see search); beyond it the answer says "more than". */
export const RANK_WINDOW = 5000;

export async function search(db: Db, query: string, f: SearchFilter = {}, today = todayIso()) {
  const q = query.trim();
  if (!q) throw new SearchQueryError('请输入检索词。');
  if (q.length > 100) throw new SearchQueryError('检索词过长（最多 100 个字）。');
  const terms = queryTerms(q);
  if (terms.length === 0) throw new SearchQueryError('检索词中没有可检索的文字。');
  const pageSize = Math.min(f.pageSize ?? 20, 100);
  const page = Math.max(f.page ?? 1, 1);

  const docFilter = f.document ? (normalizeDocNumber(f.document) ?? f.document) : undefined;
  // Filters are terms of the index query itself (see facets.ts): the index intersects them with the
  // words, so counting, windowing and ranking are the same with or without a filter.
  const facets = facetQuery({ document: docFilter, issuer: f.issuer, validity: f.validity }, today);
  let hits: Hit[] = [];
  let total = 0;
  let capped = false;
  if (facets.any.some((g) => g.length === 0)) {
    // A validity no date can have (none on that side of today): nothing matches.
  } else if (db.dialect === 'sqlite') {
    ({ hits, total, capped } = await searchFts(db, terms, facets, f.rankWindow ?? RANK_WINDOW, page, pageSize));
  } else {
    ({ hits, total } = await searchTsv(db, terms, facets, page, pageSize));
  }
  const docIds = [...new Set(hits.map((h) => h.doc_id))];
  const docs = docIds.length
    ? ((await db.kysely
        .selectFrom('documents')
        .select([...SUMMARY_COLUMNS])
        .where('id', 'in', docIds)
        .execute()) as DocRow[])
    : [];
  const byId = new Map(docs.map((d) => [d.id, summary(d, today)]));
  // On SQLite the text of a hit is read from its document's data (stored once, migration 0021).
  const texts =
    db.dialect === 'sqlite' ? await hitTexts(db, hits as { doc_id: string; path: string }[]) : hits.map((h) => ({ text: h.text!, label: h.label! }));
  const needles = queryNeedles(q);
  const items: SearchHit[] = hits.map((h, i) => {
    const d = byId.get(h.doc_id)!;
    return {
      docId: h.doc_id,
      docTitle: d.documentTitle ?? d.title,
      number: d.number,
      issuer: d.issuer,
      anchor: h.anchor,
      label: texts[i].label,
      snippet: highlight(texts[i].text, needles),
      score: Number(h.score),
      validity: d.validity,
      link: `/docs/${encodeURIComponent(h.doc_id)}${h.anchor ? `#${encodeURIComponent(h.anchor)}` : ''}`,
    };
  });
  // A 文号 typed as the query (in any spelling) goes straight to its document, whatever the text search finds.
  const number = normalizeDocNumber(q);
  const numbered = number ? await getDocument(db, number, today) : null;
  const documentMatch = numbered
    ? {
        number: numbered.number,
        title: numbered.documentTitle ?? numbered.title,
        validity: numbered.validity,
        link: `/docs/${encodeURIComponent(numbered.id)}`,
      }
    : null;
  // Nothing under the filters: say how many the words find without them, so the user knows why the list is empty.
  let hint: string | null = null;
  if (total === 0 && (docFilter || f.issuer || f.validity)) {
    const unfiltered = await countMatches(db, terms, RANK_WINDOW);
    if (unfiltered.total > 0)
      hint = `“${q}”在全部文件中有 ${unfiltered.totalIsLowerBound ? '超过 ' : ''}${unfiltered.total} 条结果，但不符合所选的筛选条件；可取消筛选后再看。`;
  } else if (total === 0 && !documentMatch) hint = `没有找到“${q}”。可以换一个词、减少字数，或输入文号（如 隆政发〔2022〕11号）直达文件。`;
  return { query: q, total, totalIsLowerBound: capped, page, pageSize, items, documentMatch, hint };
}

/** A ranked unit: on SQLite with the path of its text in its document, on PostgreSQL with its text and label. */
type Hit = { id: number; doc_id: string; anchor: string | null; path?: string; label?: string | null; text?: string; score: number };

const NO_FILTER: FacetQuery = { all: [], any: [], none: [] };

/** The FTS5 query: each term a phrase of adjacent bigrams (a single character a prefix), then the filter terms. */
export function ftsMatch(terms: QueryTerm[], facets: FacetQuery): string {
  let e = `(${terms.map((t) => `"${t.phrase.join(' ')}"${t.prefix ? '*' : ''}`).join(' AND ')})`;
  for (const t of facets.all) e += ` AND ${t}`;
  for (const g of facets.any) e += ` AND (${g.join(' OR ')})`;
  for (const g of facets.none) if (g.length) e = `(${e}) NOT (${g.join(' OR ')})`;
  return e;
}

/** The tsquery of the words alone (each term a phrase of adjacent tokens, a single character a prefix). */
function tsWords(terms: QueryTerm[]): string {
  return terms
    .map((t) => t.phrase.map((tok, i) => (t.prefix && i === t.phrase.length - 1 ? `${tok}:*` : tok)).join(' <-> '))
    .map((p) => `(${p})`)
    .join(' & ');
}

/** The words and the filter as one tsquery: the GIN index on tsv holds the filter tokens too. */
function tsFiltered(terms: QueryTerm[], facets: FacetQuery): string {
  return [
    `(${tsWords(terms)})`,
    ...facets.all,
    ...facets.any.map((g) => `(${g.join(' | ')})`),
    ...facets.none.filter((g) => g.length).map((g) => `!(${g.join(' | ')})`),
  ].join(' & ');
}

async function searchTsv(db: Db, terms: QueryTerm[], facets: FacetQuery, page: number, pageSize: number) {
  const words = tsWords(terms);
  // Ranking uses the words alone.
  const base = sql`FROM search_units u WHERE u.tsv @@ to_tsquery('simple', ${tsFiltered(terms, facets)})`;
  const count = await sql<{ n: string }>`SELECT count(*) AS n ${base}`.execute(db.kysely);
  const res = await sql<Hit>`
    SELECT u.id, u.doc_id, u.anchor, u.label, u.text, ts_rank_cd(u.tsv, to_tsquery('simple', ${words}), 1) AS score ${base}
    ORDER BY score DESC, u.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`.execute(db.kysely);
  return { hits: res.rows, total: Number(count.rows[0].n) };
}

/** How many units the words match without a filter (capped at the window on SQLite, as search counts). */
async function countMatches(db: Db, terms: QueryTerm[], window: number): Promise<{ total: number; totalIsLowerBound: boolean }> {
  if (db.dialect === 'sqlite') {
    const { n } = await newestMatches(db, ftsMatch(terms, NO_FILTER), window);
    return { total: Math.min(n, window), totalIsLowerBound: n > window };
  }
  const count = await sql<{ n: string }>`SELECT count(*) AS n FROM search_units u WHERE u.tsv @@ to_tsquery('simple', ${tsWords(terms)})`.execute(db.kysely);
  return { total: Number(count.rows[0].n), totalIsLowerBound: false };
}

/** How many of the newest window + 1 matches there are (only the count comes back). */
async function newestMatches(db: Db, match: string, window: number) {
  const r = await sql<{ n: number }>`
    SELECT count(*) AS n FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ${match} ORDER BY rowid DESC LIMIT ${window + 1})`.execute(db.kysely);
  return { n: Number(r.rows[0].n) };
}

/**
 * Count and rank inside the FTS index alone. One pass over the newest matches
 * gives the count (exact up to the window, "more than" beyond it): ranking, or
 * even counting, every match of a very common phrase costs time in proportion
 * to its matches. Beyond the window, the most recently ingested matches are
 * ranked (newest issues first). A filter is a term of the same index query
 * (facets.ts), so the window is the newest filtered matches, and the filter
 * column weighs nothing in bm25, so a filter does not change the order of what
 * it keeps. The index yields the window newest first and stops there (a scan
 * from the window's lower rowid up would walk each long doclist from its start),
 * and only the window is scored; only the page of hits is joined to its units.
 */
export async function searchFts(db: Db, terms: QueryTerm[], facets: FacetQuery, window: number, page: number, pageSize: number) {
  const match = ftsMatch(terms, facets);
  const { n } = await newestMatches(db, match, window);
  const capped = n > window;
  const total = Math.min(n, window);
  if (total === 0) return { hits: [] as Hit[], total, capped };
  const res = await sql<Hit>`
    SELECT u.id, u.doc_id, u.anchor, u.path, -r.rank AS score
    FROM (SELECT rowid, rank FROM (SELECT rowid, bm25(search_fts, 1.0, 0.0) AS rank FROM search_fts WHERE search_fts MATCH ${match} ORDER BY rowid DESC LIMIT ${window})
          ORDER BY rank, rowid LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}) r
    JOIN search_units u ON u.id = r.rowid ORDER BY r.rank, u.id`.execute(db.kysely);
  return { hits: res.rows, total, capped };
}

/** SQL condition on documents aliased `d` for a validity status on a day (mirrors validityOn). */
function validityCondition(v: ValidityStatus, today: string) {
  if (v === 'not_yet') return sql<boolean>`COALESCE(d.valid_from, d.date) > ${today}`;
  // validityOn says "not yet" first, also for a document whose end comes before its start.
  if (v === 'expired')
    return sql<boolean>`(d.valid_until IS NOT NULL AND d.valid_until < ${today} AND NOT COALESCE(COALESCE(d.valid_from, d.date) > ${today}, false))`;
  return sql<boolean>`((COALESCE(d.valid_from, d.date) IS NULL OR COALESCE(d.valid_from, d.date) <= ${today}) AND (d.valid_until IS NULL OR d.valid_until >= ${today}))`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A window of the text around the first match, with every match marked. */
export function highlight(text: string, needles: string[], radius = 60): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  const lower = flat.toLowerCase();
  const first =
    needles
      .map((n) => lower.indexOf(n.toLowerCase()))
      .filter((i) => i >= 0)
      .sort((a, b) => a - b)[0] ?? 0;
  const start = Math.max(0, first - radius);
  const end = Math.min(flat.length, first + radius * 2);
  const window = flat.slice(start, end);
  const parts: string[] = [];
  const re = new RegExp(needles.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
  let last = 0;
  for (const m of window.matchAll(re)) {
    parts.push(escapeHtml(window.slice(last, m.index)), `<mark>${escapeHtml(m[0])}</mark>`);
    last = m.index! + m[0].length;
  }
  parts.push(escapeHtml(window.slice(last)));
  return (start > 0 ? '…' : '') + parts.join('') + (end < flat.length ? '…' : '');
}

/** Shapes of the API answers, shared with the web app (type-only). */
export type IssueDetail = NonNullable<Awaited<ReturnType<typeof getIssue>>>;
export type DocumentDetail = NonNullable<Awaited<ReturnType<typeof getDocument>>>;
export type SearchResult = Awaited<ReturnType<typeof search>>;
