// Attachments of a case: content-addressed (SHA-256), size- and type-checked,
// stored with their audit event in one transaction.
import { canUpload } from './access.js';
import { createHash } from 'node:crypto';
import type { Actor } from '../auth/service.js';
import type { Db } from '../db/connection.js';
import { InputError } from './assess.js';
import { appendEvent } from './audit.js';
import { CaseError, type CaseEngine } from './cases.js';

export { MAX_DOCUMENT_BYTES, sniffMime, ACCEPTED_FILES } from '../platform/files.js';
import { MAX_DOCUMENT_BYTES, sniffMime } from '../platform/files.js';

export interface DocumentKind {
  kind: string;
  label: string;
}

export async function uploadDocument(
  db: Db,
  engine: CaseEngine,
  actor: Actor,
  caseId: string,
  kinds: DocumentKind[],
  input: { kind: string; name: string; declaredMime: string; bytes: Buffer },
) {
  const row = await engine.readable(actor, caseId);
  if (!canUpload(engine.procedure(row.procedure), actor)) throw new CaseError('您的角色只能查阅本案材料，不能上传。', 403);
  const issues: { field: string; message: string }[] = [];
  const kind = kinds.find((k) => k.kind === input.kind);
  if (!kind) issues.push({ field: 'kind', message: `材料类型应为：${kinds.map((k) => `${k.kind}（${k.label}）`).join('、')}` });
  const name = input.name.trim();
  if (!name || name.length > 200 || /[\\/\u0000]/.test(name)) issues.push({ field: 'name', message: '文件名不能为空、过长或包含路径' });
  if (input.bytes.length === 0) issues.push({ field: 'file', message: '文件为空' });
  if (input.bytes.length > MAX_DOCUMENT_BYTES) issues.push({ field: 'file', message: `文件过大（上限 ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB）` });
  const mime = input.bytes.length ? sniffMime(input.bytes) : null;
  if (input.bytes.length && !mime) issues.push({ field: 'file', message: '只接受 PDF、PNG 或 JPEG 文件' });
  if (mime && input.declaredMime !== mime) issues.push({ field: 'content-type', message: `声明的类型 ${input.declaredMime} 与文件内容（${mime}）不符` });
  if (issues.length) throw new InputError(issues);
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const now = new Date().toISOString();
  await db.kysely.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst();
    if (!exists) await trx.insertInto('blobs').values({ sha256, size: input.bytes.length, mime: mime!, data: input.bytes }).execute();
    await trx.insertInto('case_documents').values({ case_id: caseId, kind: input.kind, name, sha256, uploaded_by: actor.name, uploaded_at: now }).execute();
    await appendEvent(trx, db.dialect, {
      case_id: caseId,
      at: now,
      on_date: now.slice(0, 10),
      actor_id: actor.id,
      actor_name: actor.name,
      actor_role: actor.role,
      action: 'upload_document',
      from_state: row.state,
      to_state: row.state,
      reason: null,
      data_json: JSON.stringify({ kind: input.kind, name, sha256, size: input.bytes.length, mime }),
      rules_json: '[]',
    });
  });
  return { sha256, kind: input.kind, kindLabel: kind!.label, name, size: input.bytes.length, mime: mime! };
}

export async function listDocuments(db: Db, caseId: string, kinds: DocumentKind[]) {
  const rows = await db.kysely
    .selectFrom('case_documents')
    .innerJoin('blobs', 'blobs.sha256', 'case_documents.sha256')
    .select([
      'case_documents.kind',
      'case_documents.name',
      'case_documents.sha256',
      'case_documents.uploaded_by',
      'case_documents.uploaded_at',
      'blobs.size',
      'blobs.mime',
    ])
    .where('case_documents.case_id', '=', caseId)
    .orderBy('case_documents.id')
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    kindLabel: kinds.find((k) => k.kind === r.kind)?.label ?? r.kind,
    name: r.name,
    sha256: r.sha256,
    size: Number(r.size),
    mime: r.mime,
    uploadedBy: r.uploaded_by,
    uploadedAt: r.uploaded_at,
  }));
}

export async function readDocument(db: Db, caseId: string, sha256: string) {
  const row = await db.kysely
    .selectFrom('case_documents')
    .innerJoin('blobs', 'blobs.sha256', 'case_documents.sha256')
    .select(['case_documents.name', 'blobs.mime', 'blobs.data'])
    .where('case_documents.case_id', '=', caseId)
    .where('case_documents.sha256', '=', sha256)
    .executeTakeFirst();
  if (!row) throw new CaseError('该案件没有这个材料。', 404);
  const data = Buffer.from(row.data);
  // Content-addressed: bytes that no longer match their address were altered in storage; never serve them.
  if (createHash('sha256').update(data).digest('hex') !== sha256)
    throw new CaseError('该材料的存储内容与其登记的哈希不符，可能已被篡改，已停止提供；请联系管理员核查。', 409);
  return { name: row.name, mime: row.mime, data };
}
