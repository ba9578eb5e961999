// Stores parsed issues. Ingesting is idempotent (same bytes → nothing
// changes) and atomic (the file is parsed completely before anything is
// written, and all writes happen in one transaction).
import { createHash } from 'node:crypto';
import type { Db } from '../db/connection.js';
import { parseGazette, decodeGazette } from './parse.js';
import { walkUnits } from './structure.js';
import { indexTokens } from './tokens.js';
import type { GazetteDocument } from './types.js';

export interface IngestResult {
  issueId: string;
  status: 'created' | 'unchanged' | 'replaced';
  documents: number;
  warnings: string[];
}

export class DocumentConflictError extends Error {}

export async function ingestGazette(db: Db, bytes: Uint8Array): Promise<IngestResult> {
  const text = decodeGazette(bytes);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const same = await db.kysely.selectFrom('gazette_issues').select(['id']).where('source_sha256', '=', sha).executeTakeFirst();
  if (same) {
    const n = await db.kysely.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where('issue_id', '=', same.id).executeTakeFirstOrThrow();
    return { issueId: same.id, status: 'unchanged', documents: Number(n.n), warnings: [] };
  }
  const parsed = parseGazette(text);
  const issueId = parsed.issue.number ?? `未编号-${sha.slice(0, 8)}`;
  return db.kysely.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('gazette_issues').select('id').where('id', '=', issueId).executeTakeFirst();
    if (existing) {
      // A corrected text of the same issue replaces the earlier one.
      const ids = trx.selectFrom('documents').select('id').where('issue_id', '=', issueId);
      await trx.deleteFrom('search_units').where('doc_id', 'in', ids).execute();
      await trx.deleteFrom('documents').where('issue_id', '=', issueId).execute();
      await trx.deleteFrom('gazette_issues').where('id', '=', issueId).execute();
    }
    const clash = await trx
      .selectFrom('documents')
      .select(['id', 'issue_id'])
      .where('id', 'in', parsed.documents.map((d) => d.id))
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
        source_text: text,
        ingested_at: new Date().toISOString(),
      })
      .execute();
    for (const d of parsed.documents) {
      await trx.insertInto('documents').values(documentRow(issueId, d)).execute();
      const units = searchUnits(d);
      for (let i = 0; i < units.length; i += 200) {
        await trx.insertInto('search_units').values(units.slice(i, i + 200)).execute();
      }
    }
    return { issueId, status: existing ? 'replaced' : 'created', documents: parsed.documents.length, warnings: parsed.warnings } as IngestResult;
  });
}

function documentRow(issueId: string, d: GazetteDocument) {
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
    data_json: JSON.stringify(d),
  };
}

/** What is searchable: the titles, the notice, every unit with its own text, and table rows (with the unit that holds them). */
export function searchUnits(d: GazetteDocument) {
  const rows: { doc_id: string; anchor: string | null; label: string | null; text: string; tokens: string }[] = [];
  const add = (anchor: string | null, label: string | null, text: string) => {
    const t = text.trim();
    if (t) rows.push({ doc_id: d.id, anchor, label, text: t, tokens: indexTokens(t) });
  };
  add(null, '标题', [d.title, d.documentTitle].filter(Boolean).join('\n'));
  if (d.noticeText) add(null, '通知', d.noticeText);
  for (const { unit } of walkUnits(d.units)) {
    const tableText = unit.tables.map((i) => tableAsText(d, i)).join('\n');
    add(unit.anchor, unit.label ?? unit.heading, [unit.heading && unit.heading !== unit.text ? unit.heading : '', unit.text, tableText].filter(Boolean).join('\n'));
  }
  for (const t of d.tables) if (!t.unitAnchor) add(null, t.caption ?? '表格', tableAsText(d, t.index));
  return rows;
}

function tableAsText(d: GazetteDocument, index: number): string {
  const t = d.tables[index];
  return [t.caption ?? '', t.header.join(' '), ...t.rows.map((r) => r.join(' '))].filter(Boolean).join('\n');
}

export function parsedFromRow(row: { data_json: string }): GazetteDocument {
  return JSON.parse(row.data_json) as GazetteDocument;
}

