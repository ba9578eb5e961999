// What every part of plan monitoring shares: the catalogue extracted from the
// library, who may read it, and checking and storing an evidence file. Kept
// apart from service.ts so that indicators (service.ts) and tasks (tasks.ts)
// can both use it without importing each other.
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Actor } from '../auth/service.js';
import type { Db } from '../db/connection.js';
import { RefusalError } from '../platform/errors.js';
import { MAX_DOCUMENT_BYTES, sniffMime } from '../platform/files.js';
import { extractPlans, loadPlanDocuments, type Indicator, type Task } from './extract.js';
import type { PlansDb } from './schema.js';

export interface Catalogue {
  indicators: Indicator[];
  tasks: Task[];
  byId: Map<string, Indicator>;
}

const cache = new WeakMap<Db, { key: string; cat: Catalogue }>();

/** Indicators and tasks extracted from the stored plan documents (re-extracted when the library changes). */
export async function catalogue(db: Db): Promise<Catalogue> {
  const docs = await loadPlanDocuments(db);
  const key = docs.map((d) => `${d.id}:${d.units.length}:${d.tables.length}`).join('|');
  const hit = cache.get(db);
  if (hit && hit.key === key) return hit.cat;
  const { indicators, tasks } = extractPlans(docs);
  const cat = { indicators, tasks, byId: new Map(indicators.map((i) => [i.id, i])) };
  cache.set(db, { key, cat });
  return cat;
}

export const pdb = (db: Db) => db.kysely as unknown as PlansDb;

export const canSeeAll = (a: Actor) => a.role === 'plan_office' || a.role === 'admin';

export function requireReader(a: Actor) {
  if (!canSeeAll(a) && a.role !== 'department') throw new RefusalError('只有市直部门和市政府办公室可以查看规划监测数据。', 403);
}

/** Control characters (line breaks and tabs aside): no form needs them, and PostgreSQL text cannot hold NUL. */
export const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Record ids are random UUIDs; anything else names no record (and never reaches the database). */
export const isRecordId = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export interface EvidenceInput {
  name: string;
  mime: string;
  base64: string;
}
export interface CheckedEvidence {
  sha256: string;
  name: string;
  mime: string;
  bytes: Buffer;
}

/** Checks an attached file (base64, type sniffed from the bytes, size limit); problems go to `issues`. */
export function checkEvidence(input: EvidenceInput | null | undefined, issues: { field: string; message: string }[]): CheckedEvidence | null {
  if (!input) return null;
  const before = issues.length;
  const bytes = Buffer.from(input.base64 ?? '', 'base64');
  const name = (input.name ?? '').trim();
  const mime = bytes.length ? sniffMime(bytes) : null;
  if (!name || name.length > 200 || /[\\/\u0000]/.test(name)) issues.push({ field: 'evidence.name', message: '佐证材料文件名不能为空、过长或包含路径' });
  if (!bytes.length) issues.push({ field: 'evidence', message: '佐证材料为空' });
  else if (bytes.length > MAX_DOCUMENT_BYTES) issues.push({ field: 'evidence', message: `佐证材料过大（上限 ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB）` });
  else if (!mime) issues.push({ field: 'evidence', message: '佐证材料只接受 PDF、PNG 或 JPEG 文件' });
  else if (input.mime !== mime) issues.push({ field: 'evidence.mime', message: `声明的类型 ${input.mime} 与文件内容（${mime}）不符` });
  if (issues.length > before) return null;
  return { sha256: createHash('sha256').update(bytes).digest('hex'), name, mime: mime!, bytes };
}

/** Stores the file content-addressed in `blobs` (once per content). */
export async function storeEvidence(trx: Transaction<any>, e: CheckedEvidence) {
  const exists = await trx.selectFrom('blobs').select('sha256').where('sha256', '=', e.sha256).executeTakeFirst();
  if (!exists) await trx.insertInto('blobs').values({ sha256: e.sha256, size: e.bytes.length, mime: e.mime, data: e.bytes }).execute();
}
