// Relations in the database: written at ingest (what the parser read) or by an administrator, resolved to
// documents of the library whenever either end arrives, and read back for a document in both directions.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../db/schema.js';
import { normalizeDocNumber } from './normalize.js';
import { docKeys, nearTitle, refKey, resolveRef, RELATION_LABEL, type DocKeys, type RelationKind } from './relations.js';
import type { GazetteDocument } from './types.js';
import type { TermChanges } from './validity.js';

export { docKeys };

/** Before an issue is replaced: its parser relations go, and relations that reached its documents wait to be resolved again. */
export async function forgetRelations(trx: Kysely<Database>, issueId: string) {
  const ids = trx.selectFrom('documents').select('id').where('issue_id', '=', issueId);
  // An issue's parser relations are those whose source is one of its documents (by the source's index;
  // migration 0022 dropped the index on issue_id to keep the database within 3× its source text).
  await trx.deleteFrom('document_relations').where('source_id', 'in', ids).where('origin', '=', 'parser').execute();
  await trx.updateTable('document_relations').set({ target_id: null }).where('target_id', 'in', ids).execute();
  await trx.updateTable('document_relations').set({ source_id: null }).where('source_id', 'in', ids).execute();
}

/** Writes the relations the parser read in an issue's documents and resolves what can be resolved. */
export async function storeRelations(trx: Kysely<Database>, dialect: Dialect, issueId: string, documents: GazetteDocument[]) {
  await insertRelations(trx, issueId, documents);
  await resolveRelations(
    trx,
    dialect,
    documents.map((d) => d.id),
  );
}

/** Writes the relations the parser read in an issue's documents, unresolved. */
export async function insertRelations(trx: Kysely<Database>, issueId: string, documents: GazetteDocument[]) {
  const now = new Date().toISOString();
  const rows = documents.flatMap((d) =>
    (d.relations ?? []).map((r) => ({
      kind: r.kind,
      source: d.id,
      source_id: d.id,
      target: r.target,
      target_number: r.targetNumber,
      target_key: r.targetTitle ? refKey(r.targetTitle) : null,
      target_id: null,
      valid_until: r.validUntil,
      effective_date: null,
      anchor: r.anchor,
      quote: r.quote.slice(0, 1000),
      origin: 'parser',
      issue_id: issueId,
      reason: null,
      recorded_by: null,
      recorded_at: now,
    })),
  );
  for (let i = 0; i < rows.length; i += 200)
    await trx
      .insertInto('document_relations')
      .values(rows.slice(i, i + 200))
      .execute();
}

type Dialect = 'sqlite' | 'postgres';
const KEY_COLUMNS = ['id', 'issue_id', 'date', 'title_key', 'notice_key'] as const;

async function libraryKeys(trx: Kysely<Database>, only?: string[]): Promise<DocKeys[]> {
  let q = trx.selectFrom('documents').select(KEY_COLUMNS);
  if (only) q = q.where('id', 'in', only.length ? only : ['\u0000']);
  return q.execute();
}

/**
 * The documents of the library that resolveRef can answer for these references: those with one of their
 * 文号 or one of their title keys, and those whose title is near one of their keys. Resolving against
 * them gives what resolving against the whole library gives, in the same order (a full scan's: rowid on
 * SQLite, the heap's on PostgreSQL), which decides between documents of the same title and date. The
 * near titles are found among the distinct title keys (an index-only read), not by reading every document.
 * Each kind of match is a query of its own, which reads its key from its index and the rest from the head
 * of the row: on SQLite the keys are stored after the document's data, whose overflow pages a read of them
 * from the row walks. A key a document was not found by is left null: it matches none of these references
 * (else the document would have been found by it), which is all resolveRef asks of it.
 */
async function candidates(trx: Kysely<Database>, dialect: Dialect, refs: { number: string | null; key: string | null }[]): Promise<DocKeys[]> {
  const numbers = [...new Set(refs.map((r) => r.number).filter((n): n is string => !!n))];
  const keys = [...new Set(refs.map((r) => r.key).filter((k): k is string => !!k))];
  const long = keys.filter((k) => k.length >= 8);
  const near = long.length
    ? (await trx.selectFrom('documents').select('title_key').distinct().where('title_key', 'is not', null).execute())
        .map((r) => r.title_key!)
        .filter((t) => long.some((k) => nearTitle(k, t)))
    : [];
  const titles = [...new Set([...keys, ...near])];
  const head = ['id', 'issue_id', 'date', sql.raw<string | number>(dialect === 'sqlite' ? 'rowid' : 'ctid').as('pos')] as const;
  const found = new Map<string, DocKeys & { pos: string | number }>();
  const add = (rows: { id: string; issue_id: string; date: string | null; pos: string | number; title_key?: string | null; notice_key?: string | null }[]) => {
    for (const r of rows) {
      const d = found.get(r.id) ?? { id: r.id, issue_id: r.issue_id, date: r.date, title_key: null, notice_key: null, pos: r.pos };
      if (r.title_key !== undefined) d.title_key = r.title_key;
      if (r.notice_key !== undefined) d.notice_key = r.notice_key;
      found.set(r.id, d);
    }
  };
  if (numbers.length) add(await trx.selectFrom('documents').select(head).where('id', 'in', numbers).execute());
  if (titles.length)
    add(
      await trx
        .selectFrom('documents')
        .select([...head, 'title_key'])
        .where('title_key', 'in', titles)
        .execute(),
    );
  if (keys.length)
    add(
      await trx
        .selectFrom('documents')
        .select([...head, 'notice_key'])
        .where('notice_key', 'in', keys)
        .execute(),
    );
  return [...found.values()].sort((a, b) => comparePos(a.pos, b.pos)).map(({ pos: _pos, ...d }) => d);
}

/** Orders rowids (SQLite) or ctids, "(page,item)" (PostgreSQL), as a scan of the table meets the rows. */
function comparePos(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [pa, ia] = String(a).slice(1, -1).split(',').map(Number);
  const [pb, ib] = String(b).slice(1, -1).split(',').map(Number);
  return pa - pb || ia - ib;
}

/**
 * The distinct keys of relations whose target is not resolved yet, one index step each (a loose index scan
 * over document_relations_open_key): there are far fewer of them than unresolved relations.
 */
async function openTargetKeys(trx: Kysely<Database>): Promise<string[]> {
  const r = await sql<{ k: string }>`
    WITH RECURSIVE open_keys(k) AS (
      SELECT min(target_key) FROM document_relations WHERE target_id IS NULL AND target_key IS NOT NULL
      UNION ALL
      SELECT (SELECT min(target_key) FROM document_relations WHERE target_id IS NULL AND target_key > open_keys.k) FROM open_keys WHERE open_keys.k IS NOT NULL)
    SELECT k FROM open_keys WHERE k IS NOT NULL`.execute(trx);
  return r.rows.map((x) => x.k);
}

/**
 * Resolves the unresolved ends of relations: every unresolved end against the documents just stored, and the
 * relations of those documents against the whole library. So a citation resolves whichever issue comes first.
 * Only the relations that can change are read — those of the new documents, those without a source, and
 * those whose target names a new document by 文号, by title or by a near title — and only the documents of
 * the library that they can resolve to: an ingest no longer reads every unresolved relation and every
 * document (which made it slower with each issue stored).
 */
export async function resolveRelations(trx: Kysely<Database>, dialect: Dialect, newIds: string[]) {
  const fresh = await libraryKeys(trx, newIds);
  const freshIds = new Set(fresh.map((d) => d.id));
  // Another document's target can become a new document only by its 文号, its title keys or a title near them.
  const reachable = (await openTargetKeys(trx)).filter((k) =>
    fresh.some((d) => d.title_key === k || d.notice_key === k || (k.length >= 8 && d.title_key && nearTitle(k, d.title_key))),
  );
  const open = await trx
    .selectFrom('document_relations')
    .select(['id', 'source', 'source_id', 'target_number', 'target_key', 'target_id'])
    .where((eb) =>
      eb.or([
        eb('source_id', 'is', null),
        ...(freshIds.size ? [eb('source_id', 'in', [...freshIds])] : []),
        ...(freshIds.size ? [eb.and([eb('target_id', 'is', null), eb('target_number', 'in', [...freshIds])])] : []),
        ...(reachable.length ? [eb.and([eb('target_id', 'is', null), eb('target_key', 'in', reachable)])] : []),
      ]),
    )
    .orderBy('id')
    .execute();
  // The new documents' own relations are resolved against the whole library: the documents they can name.
  const ownRefs = open.filter((r) => r.target_id === null && r.source_id !== null && freshIds.has(r.source_id));
  const all = await candidates(
    trx,
    dialect,
    ownRefs.map((r) => ({ number: r.target_number, key: r.target_key })),
  );
  const allIds = new Set(all.map((d) => d.id));
  // The citing documents of the others (their issue and date decide between documents of the same title).
  const sources = [...new Set(open.map((r) => r.source_id).filter((s): s is string => s !== null && !freshIds.has(s)))];
  const byId = new Map([...fresh, ...(sources.length ? await libraryKeys(trx, sources) : [])].map((d) => [d.id, d]));
  for (const r of open) {
    const own = r.source_id !== null && freshIds.has(r.source_id);
    const [docs, ids] = own ? [all, allIds] : [fresh, freshIds];
    const set: { target_id?: string; source_id?: string } = {};
    if (r.target_id === null) {
      const src = r.source_id ? byId.get(r.source_id) : undefined;
      const at = { source: r.source_id, issue: src?.issue_id ?? null, date: src?.date ?? null };
      // The citing document competes too: a title that is its own (a table of it, a part) names no other document.
      const t = resolveRef({ number: r.target_number, key: r.target_key }, own || !src ? docs : [src, ...docs], ids, at);
      if (t && t !== r.source_id) set.target_id = t;
    }
    if (r.source_id === null) {
      const number = normalizeDocNumber(r.source);
      const s = resolveRef({ number, key: number ? null : refKey(r.source) }, fresh, freshIds);
      if (s) set.source_id = s;
    }
    if (set.target_id || set.source_id) await trx.updateTable('document_relations').set(set).where('id', '=', r.id).execute();
  }
}

type RelationRow = Selectable<Database['document_relations']>;

export interface RelationView {
  id: number;
  kind: RelationKind;
  /** 修改 / 废止 / … */
  verb: string;
  /** outgoing: this document → the other; incoming: the other → this document. */
  direction: 'outgoing' | 'incoming';
  label: string;
  /** The other document as printed (文号 or title). */
  other: string;
  /** The other document in the library, or null (unresolved). */
  otherId: string | null;
  otherTitle: string | null;
  link: string | null;
  anchor: string | null;
  quote: string | null;
  validUntil: string | null;
  effectiveDate: string | null;
  origin: 'parser' | 'admin';
  reason: string | null;
  recordedBy: string | null;
  recordedAt: string;
}

const STRENGTH: Record<RelationKind, number> = { replaces: 0, repeals: 1, extends: 2, amends: 3, interprets: 4, implements: 5, cites: 6 };

/** The relations of a document in both directions; one per kind and other document (the strongest words kept). */
export async function relationsOf(
  db: Kysely<Database>,
  id: string,
): Promise<{ outgoing: RelationView[]; incoming: RelationView[]; unresolved: RelationView[] }> {
  const rows = (await db
    .selectFrom('document_relations')
    .selectAll()
    .where((eb) => eb.or([eb('source_id', '=', id), eb('target_id', '=', id)]))
    .orderBy('id')
    .execute()) as RelationRow[];
  const others = [...new Set(rows.map((r) => (r.source_id === id ? r.target_id : r.source_id)).filter((x): x is string => !!x))];
  const titles = new Map(
    others.length
      ? (await db.selectFrom('documents').select(['id', 'title', 'document_title']).where('id', 'in', others).execute()).map((d) => [
          d.id,
          d.document_title ?? d.title,
        ])
      : [],
  );
  const views = rows.map((r): RelationView => {
    const outgoing = r.source_id === id && r.target_id !== id;
    const kind = r.kind as RelationKind;
    const otherId = outgoing ? r.target_id : r.source_id;
    return {
      id: Number(r.id),
      kind,
      verb: RELATION_LABEL[kind].verb,
      direction: outgoing ? 'outgoing' : 'incoming',
      label: outgoing ? RELATION_LABEL[kind].out : RELATION_LABEL[kind].in,
      other: outgoing ? r.target : r.source,
      otherId,
      otherTitle: otherId ? (titles.get(otherId) ?? null) : null,
      link: otherId ? `/docs/${encodeURIComponent(otherId)}` : null,
      anchor: r.anchor,
      quote: r.quote,
      validUntil: r.valid_until,
      effectiveDate: r.effective_date,
      origin: r.origin as RelationView['origin'],
      reason: r.reason,
      recordedBy: r.recorded_by,
      recordedAt: r.recorded_at,
    };
  });
  // Administrators' records are all kept (each is a decision); what the parser read is kept once per other document.
  const best = new Map<string, RelationView>();
  const kept: RelationView[] = [];
  for (const v of views) {
    if (v.origin === 'admin' || !v.otherId) {
      kept.push(v);
      continue;
    }
    const k = `${v.direction}|${v.otherId}`;
    const b = best.get(k);
    if (!b || STRENGTH[v.kind] < STRENGTH[b.kind]) best.set(k, v);
  }
  kept.push(...best.values());
  kept.sort((a, b) => STRENGTH[a.kind] - STRENGTH[b.kind] || a.id - b.id);
  return {
    outgoing: kept.filter((v) => v.direction === 'outgoing' && v.otherId),
    incoming: kept.filter((v) => v.direction === 'incoming'),
    unresolved: kept.filter((v) => v.direction === 'outgoing' && !v.otherId),
  };
}

export interface NewRelation {
  kind: RelationKind;
  /** The other end: the document that acts on this one (source) or that this one acts on (target), by 文号 or title. */
  source?: string;
  target?: string;
  validUntil?: string | null;
  effectiveDate?: string | null;
  reason: string;
}

/** An administrator's record: appended with who and why, resolved now and again when the other end is ingested. */
export async function addRelation(db: Kysely<Database>, subject: string, r: NewRelation, by: string): Promise<number> {
  const given = (r.source ?? r.target ?? '').trim();
  const number = normalizeDocNumber(given);
  const other = number ?? given.replace(/^《|》$/g, '');
  const row = {
    kind: r.kind,
    source: r.source ? other : subject,
    source_id: r.source ? null : subject,
    target: r.source ? subject : other,
    target_number: r.source ? subject : number,
    target_key: r.source ? null : number ? null : refKey(other),
    target_id: r.source ? subject : null,
    valid_until: r.validUntil ?? null,
    effective_date: r.effectiveDate ?? null,
    anchor: null,
    quote: null,
    origin: 'admin',
    issue_id: null,
    reason: r.reason,
    recorded_by: by,
    recorded_at: new Date().toISOString(),
  };
  return db.transaction().execute(async (trx) => {
    const inserted = await trx.insertInto('document_relations').values(row).returning('id').executeTakeFirstOrThrow();
    const all = await libraryKeys(trx);
    const ids = new Set(all.map((d) => d.id));
    if (r.source) {
      const s = resolveRef({ number, key: number ? null : refKey(other) }, all, ids);
      if (s && s !== subject) await trx.updateTable('document_relations').set({ source_id: s }).where('id', '=', inserted.id).execute();
    } else {
      const t = resolveRef({ number, key: number ? null : refKey(other) }, all, ids);
      if (t && t !== subject) await trx.updateTable('document_relations').set({ target_id: t }).where('id', '=', inserted.id).execute();
    }
    return Number(inserted.id);
  });
}

export async function termChanges(db: Kysely<Database>, ids: string[]): Promise<Map<string, TermChanges>> {
  const out = new Map<string, TermChanges>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('document_relations as r')
    .leftJoin('documents as s', 's.id', 'r.source_id')
    .select([
      'r.target_id',
      'r.kind',
      'r.source',
      'r.source_id',
      'r.valid_until',
      'r.effective_date',
      'r.reason',
      'r.origin',
      'r.recorded_at',
      's.valid_from',
      's.date',
    ])
    .where('r.target_id', 'in', ids)
    .where('r.kind', 'in', ['extends', 'repeals', 'replaces'])
    .orderBy('r.id')
    .execute();
  for (const r of rows) {
    const t = out.get(r.target_id!) ?? { extensions: [], endings: [] };
    out.set(r.target_id!, t);
    if (r.kind === 'extends') {
      if (r.valid_until) t.extensions.push({ by: r.source, byId: r.source_id, validUntil: r.valid_until, reason: r.reason, origin: r.origin });
    } else
      t.endings.push({
        kind: r.kind as 'repeals' | 'replaces',
        by: r.source,
        byId: r.source_id,
        // From the date given, else when the repealing document takes effect, else when it was recorded.
        from: r.effective_date ?? r.valid_from ?? r.date ?? r.recorded_at.slice(0, 10),
        reason: r.reason,
        origin: r.origin,
      });
  }
  return out;
}
