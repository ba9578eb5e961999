// Signed checkpoints of the audit: a Merkle root over every case's chain head (its number of events and last
// hash, leaves sorted by case id), signed with a key kept outside the database (ZHENGWU_AUDIT_KEY). A case head
// commits to the case's whole history, so the root of the last checkpoint catches any history before it that
// was rewritten with recomputed hashes, or cut short, on any case. Each checkpoint stores only the leaves that
// changed since the one before (audit_checkpoint_leaves); the full set is the latest leaf of each case.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Db } from '../db/connection.js';
import type { AuditCheckpointTable, Database } from '../db/schema.js';

type Checkpoint = Selectable<AuditCheckpointTable>;
import type { ChainProblem, ChainWalker } from './audit.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A case's head as a checkpoint signs it. */
export interface Leaf {
  caseId: string;
  events: number;
  hash: string;
}

export const leafHash = (l: Leaf) => sha256(`zhengwu-audit-leaf\n${l.caseId}\n${l.events}\n${l.hash}`);
const nodeHash = (left: string, right: string) => sha256(`zhengwu-audit-node\n${left}\n${right}`);
// By code unit, not by a database collation: the same order wherever the root is computed.
const byCase = (a: Leaf, b: Leaf) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0);

/** The tree's levels, leaves (sorted by case) first; an odd last node goes up a level unchanged. */
function levels(leaves: Leaf[]): string[][] {
  const out = [leaves.map(leafHash)];
  while (out[out.length - 1].length > 1) {
    const below = out[out.length - 1];
    const up: string[] = [];
    for (let i = 0; i < below.length; i += 2) up.push(i + 1 < below.length ? nodeHash(below[i], below[i + 1]) : below[i]);
    out.push(up);
  }
  return out;
}

export function merkleRoot(leaves: Leaf[]): string {
  const l = levels([...leaves].sort(byCase));
  return l[l.length - 1][0] ?? sha256('zhengwu-audit-empty');
}

/** A short public name of a key, so checkpoints say which key signed them without revealing it. */
export const keyId = (key: string) => sha256(`zhengwu-audit-key:${key}`).slice(0, 12);
const merkleSignature = (key: string, leaves: number, events: number, root: string) =>
  createHmac('sha256', key).update(`zhengwu-audit-merkle\n${leaves}\n${events}\n${root}`).digest('hex');
// Checkpoints of the former global chain (before 0020_case_chains): its head at a global position.
const legacySignature = (key: string, events: number, head: string) =>
  createHmac('sha256', key).update(`zhengwu-audit-checkpoint\n${events}\n${head}`).digest('hex');
const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Signs every case's current head, as one Merkle root, with a key kept outside the database. */
export async function writeCheckpoint(db: Db, key: string): Promise<{ events: number; cases: number; root: string; keyId: string } | null> {
  if (key.length < 16) throw new Error('审计签名密钥过短（至少 16 个字符）。');
  return db.kysely.transaction().execute(async (trx) => {
    const heads = await trx.selectFrom('cases').select(['id', 'chain_events', 'chain_hash']).where('chain_events', '>', 0).execute();
    if (heads.length === 0) return null;
    const leaves = heads.map((h) => ({ caseId: h.id, events: Number(h.chain_events), hash: h.chain_hash ?? '' })).sort(byCase);
    const root = merkleRoot(leaves);
    const events = leaves.reduce((n, l) => n + l.events, 0);
    const done = { events, cases: leaves.length, root, keyId: keyId(key) };
    const last = await trx
      .selectFrom('audit_checkpoints')
      .select(['head_hash', 'leaves'])
      .where('leaves', 'is not', null)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (last && last.head_hash === root && Number(last.leaves) === leaves.length) return done;
    const known = new Map(
      (
        await trx
          .selectFrom('audit_checkpoint_leaves')
          .select((eb) => ['case_id', eb.fn.max('events').as('events')])
          .groupBy('case_id')
          .execute()
      ).map((r) => [r.case_id, Number(r.events)]),
    );
    const { id } = await trx
      .insertInto('audit_checkpoints')
      .values({
        at: new Date().toISOString(),
        events,
        head_hash: root,
        leaves: leaves.length,
        key_id: keyId(key),
        signature: merkleSignature(key, leaves.length, events, root),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const changed = leaves.filter((l) => known.get(l.caseId) !== l.events);
    for (let i = 0; i < changed.length; i += 500)
      await trx
        .insertInto('audit_checkpoint_leaves')
        .values(changed.slice(i, i + 500).map((l) => ({ checkpoint_id: Number(id), case_id: l.caseId, events: l.events, hash: l.hash })))
        .execute();
    return done;
  });
}

/** The full set of leaves of checkpoint `upTo`: the latest leaf of each case among the checkpoints up to it. */
function leavesUpTo(rows: { checkpoint_id: number; case_id: string; events: number; hash: string }[], upTo: number): Leaf[] {
  const map = new Map<string, Leaf>();
  for (const r of rows) if (Number(r.checkpoint_id) <= upTo) map.set(r.case_id, { caseId: r.case_id, events: Number(r.events), hash: r.hash });
  return [...map.values()].sort(byCase);
}

const leafRows = (db: Kysely<Database>) =>
  db.selectFrom('audit_checkpoint_leaves').select(['checkpoint_id', 'case_id', 'events', 'hash']).orderBy('checkpoint_id').execute();

/** The checkpoints, loaded for `verifyAuditChain`: which positions the chain walk must note, and the check afterwards. */
export async function loadCheckpoints(db: Kysely<Database>) {
  const all = await db.selectFrom('audit_checkpoints').selectAll().orderBy('id').execute();
  const legacy = all.filter((c) => c.leaves === null);
  const merkle = all.filter((c) => c.leaves !== null);
  const rows = merkle.length ? await leafRows(db) : [];
  return {
    count: all.length,
    legacy,
    *positions(): Iterable<[string, number]> {
      for (const r of rows) yield [r.case_id, Number(r.events)];
    },
    check: (walker: ChainWalker, key: string | null): ChainProblem[] => [...checkLegacy(legacy, walker, key), ...checkMerkle(merkle, rows, walker, key)],
  };
}

function checkLegacy(checkpoints: Checkpoint[], walker: ChainWalker, key: string | null): ChainProblem[] {
  const out: ChainProblem[] = [];
  for (const c of checkpoints) {
    const n = Number(c.events);
    if (key) {
      if (c.key_id !== keyId(key)) continue; // signed with another key: cannot be checked with this one
      if (!sameText(legacySignature(key, n, c.head_hash), c.signature)) {
        out.push({ seq: n, problem: 'checkpoint_signature', message: `检查点 #${c.id}（事件 #${n}）的签名无效：检查点被伪造或改动。` });
        continue;
      }
    }
    if (walker.legacyAt.get(n) !== c.head_hash)
      out.push({
        seq: n,
        problem: 'checkpoint_history',
        message: `事件 #${n} 的哈希与 ${c.at.slice(0, 10)} 签名的检查点不符：此前的历史被改写（哈希被重新计算）。`,
      });
  }
  return out;
}

/**
 * Every Merkle checkpoint's signature (with the key), then the last one that can be checked against the chains
 * as they are now: each leaf against the hash the case's events give at that position — a case cut short or
 * rewritten is named — and the root over those hashes against the signed root.
 */
function checkMerkle(
  checkpoints: Checkpoint[],
  rows: { checkpoint_id: number; case_id: string; events: number; hash: string }[],
  walker: ChainWalker,
  key: string | null,
): ChainProblem[] {
  const out: ChainProblem[] = [];
  let last: Checkpoint | null = null;
  for (const c of checkpoints) {
    if (key) {
      if (c.key_id !== keyId(key)) continue;
      if (!sameText(merkleSignature(key, Number(c.leaves), Number(c.events), c.head_hash), c.signature)) {
        out.push({ seq: null, problem: 'checkpoint_signature', message: `检查点 #${c.id}（${c.leaves} 个案件）的签名无效：检查点被伪造或改动。` });
        continue;
      }
    }
    last = c;
  }
  if (!last) return out;
  const date = last.at.slice(0, 10);
  const leaves = leavesUpTo(rows, Number(last.id));
  const now: Leaf[] = [];
  const before = out.length;
  for (const l of leaves) {
    const hash = walker.at.get(`${l.caseId}#${l.events}`);
    const has = walker.heads.get(l.caseId)?.events ?? 0;
    if (hash === undefined)
      out.push({
        seq: null,
        problem: 'checkpoint_history',
        message: `案件 ${l.caseId} 在 ${date} 签名的检查点中有 ${l.events} 个事件，现只有 ${has} 个：事件被删除（截断）。`,
        caseId: l.caseId,
      });
    else if (hash !== l.hash)
      out.push({
        seq: null,
        problem: 'checkpoint_history',
        message: `案件 ${l.caseId} 第 ${l.events} 个事件的哈希与 ${date} 签名的检查点不符：此前的历史被改写（哈希被重新计算）。`,
        caseId: l.caseId,
      });
    now.push({ ...l, hash: hash ?? '' });
  }
  const events = leaves.reduce((n, l) => n + l.events, 0);
  if (out.length === before && (leaves.length !== Number(last.leaves) || events !== Number(last.events) || merkleRoot(now) !== last.head_hash))
    out.push({
      seq: null,
      problem: 'checkpoint_history',
      message: `${date} 签名的检查点 #${last.id}（${last.leaves} 个案件）的默克尔根与各案件的链不符：此前的历史或检查点记录被改写。`,
    });
  return out;
}

/** A case's inclusion in the last checkpoint: its leaf and the sibling hashes up to the signed root. */
export interface CaseProof {
  checkpointId: number;
  at: string;
  root: string;
  leaves: number;
  leaf: Leaf;
  path: { side: 'left' | 'right'; hash: string }[];
}

/** Proves that a case's head (as of the last checkpoint) is under its signed root; null when no checkpoint covers the case. */
export async function proveCase(db: Db, caseId: string): Promise<CaseProof | null> {
  const last = await db.kysely.selectFrom('audit_checkpoints').selectAll().where('leaves', 'is not', null).orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!last) return null;
  const leaves = leavesUpTo(await leafRows(db.kysely), Number(last.id));
  let index = leaves.findIndex((l) => l.caseId === caseId);
  if (index < 0) return null;
  const leaf = leaves[index];
  const path: CaseProof['path'] = [];
  for (const level of levels(leaves).slice(0, -1)) {
    const sibling = index ^ 1;
    if (sibling < level.length) path.push({ side: index % 2 ? 'left' : 'right', hash: level[sibling] });
    index >>= 1;
  }
  return { checkpointId: Number(last.id), at: last.at, root: last.head_hash, leaves: Number(last.leaves), leaf, path };
}

/** Recomputes the root from a proof (whoever holds the signed root can check a case without the other cases). */
export function verifyCaseProof(p: Pick<CaseProof, 'leaf' | 'path' | 'root'>): boolean {
  let h = leafHash(p.leaf);
  for (const s of p.path) h = s.side === 'left' ? nodeHash(s.hash, h) : nodeHash(h, s.hash);
  return h === p.root;
}
