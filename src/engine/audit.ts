// The audit trail: every state change is an append-only event in one hash
// chain (hash = SHA-256 of the previous hash and the event's fields). The
// chain head is a single row that every append updates, which serialises
// appends and lets verification notice a removed last event.
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Db } from '../db/connection.js';
import type { CaseEventTable, Database } from '../db/schema.js';

export type EventInput = Omit<CaseEventTable, 'seq' | 'prev_hash' | 'hash'>;

const HASHED_FIELDS = ['seq', 'case_id', 'at', 'on_date', 'actor_id', 'actor_name', 'actor_role', 'action', 'from_state', 'to_state', 'reason', 'data_json', 'rules_json'] as const;

export function eventHash(prevHash: string, e: Omit<CaseEventTable, 'prev_hash' | 'hash'>): string {
  const fields = HASHED_FIELDS.map((k) => e[k] ?? null);
  return createHash('sha256').update(prevHash).update('\n').update(JSON.stringify(fields)).digest('hex');
}

export async function appendEvent(trx: Transaction<Database>, dialect: Db['dialect'], e: EventInput): Promise<number> {
  let q = trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
  if (dialect === 'postgres') q = q.forUpdate();
  const head = await q.executeTakeFirstOrThrow();
  const seq = Number(head.seq) + 1;
  const hash = eventHash(head.hash, { ...e, seq });
  await trx.insertInto('case_events').values({ ...e, seq, prev_hash: head.hash, hash }).execute();
  await trx.updateTable('audit_head').set({ seq, hash }).where('id', '=', 1).execute();
  return seq;
}

export interface ChainProblem {
  seq: number | null;
  problem: 'edited' | 'deleted_or_reordered' | 'head_mismatch';
  message: string;
}

/** Walks the whole chain; reports edited, deleted or reordered events. */
export async function verifyAuditChain(db: Db): Promise<{ events: number; problems: ChainProblem[] }> {
  const problems: ChainProblem[] = [];
  let prev = 'GENESIS';
  let expected = 1;
  let count = 0;
  // Read in pages so that a large chain does not load at once.
  for (let after = 0; ; ) {
    const rows = await db.kysely.selectFrom('case_events').selectAll().where('seq', '>', after).orderBy('seq').limit(2000).execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      count++;
      if (seq !== expected || r.prev_hash !== prev) {
        problems.push({ seq, problem: 'deleted_or_reordered', message: `事件 #${seq} 之前的链断开：${seq !== expected ? `缺少事件 #${expected}${seq - 1 > expected ? `–#${seq - 1}` : ''}（被删除）` : '前序哈希不符（事件被删除、插入或调换顺序）'}。` });
      }
      const recomputed = eventHash(r.prev_hash, { ...r, seq, actor_id: r.actor_id === null ? null : Number(r.actor_id) });
      if (recomputed !== r.hash) problems.push({ seq, problem: 'edited', message: `事件 #${seq}（案件 ${r.case_id}，${r.action}）的内容被修改：哈希不符。` });
      prev = r.hash;
      expected = seq + 1;
      after = seq;
    }
  }
  const head = await db.kysely.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (!head || Number(head.seq) !== expected - 1 || head.hash !== prev) {
    problems.push({ seq: head ? Number(head.seq) : null, problem: 'head_mismatch', message: `链尾不符：记录的最后事件为 #${head?.seq ?? '?'}，实际为 #${expected - 1}（末尾事件被删除或改动）。` });
  }
  return { events: count, problems };
}
