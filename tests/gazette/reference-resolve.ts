// The relation resolver before migration 0022, kept as the reference that tests/gazette/resolve.test.ts
// compares the indexed one with: it read every unresolved relation and every document of the library on
// each ingest. Verbatim but for its name and imports.
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { normalizeDocNumber } from '../../src/gazette/normalize.js';
import { refKey, resolveRef, type DocKeys } from '../../src/gazette/relations.js';

async function libraryKeys(trx: Kysely<Database>, only?: string[]): Promise<DocKeys[]> {
  let q = trx.selectFrom('documents').select(['id', 'issue_id', 'date', 'title_key', 'notice_key']);
  if (only) q = q.where('id', 'in', only.length ? only : ['\u0000']);
  return q.execute();
}

/**
 * Resolves the unresolved ends of relations: every unresolved end against the documents just stored, and the
 * relations of those documents against the whole library. So a citation resolves whichever issue comes first.
 */
export async function referenceResolveRelations(trx: Kysely<Database>, newIds: string[]) {
  const fresh = await libraryKeys(trx, newIds);
  const all = await libraryKeys(trx);
  const freshIds = new Set(fresh.map((d) => d.id));
  const allIds = new Set(all.map((d) => d.id));
  const open = await trx
    .selectFrom('document_relations')
    .select(['id', 'source', 'source_id', 'target_number', 'target_key', 'target_id'])
    .where((eb) => eb.or([eb('target_id', 'is', null), eb('source_id', 'is', null)]))
    .execute();
  const byId = new Map(all.map((d) => [d.id, d]));
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
