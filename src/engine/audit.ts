// The audit trail: every state change is an append-only event in one hash
// chain (hash = SHA-256 of the previous hash and the event's fields). The
// chain head is a single row that every append updates, which serialises
// appends and lets verification notice a removed last event.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Db } from '../db/connection.js';
import type { CaseEventTable, Database } from '../db/schema.js';

export type EventInput = Omit<CaseEventTable, 'seq' | 'prev_hash' | 'hash'>;

const HASHED_FIELDS = [
  'seq',
  'case_id',
  'at',
  'on_date',
  'actor_id',
  'actor_name',
  'actor_role',
  'action',
  'from_state',
  'to_state',
  'reason',
  'data_json',
  'rules_json',
] as const;

export function eventHash(prevHash: string, e: Omit<CaseEventTable, 'prev_hash' | 'hash'>): string {
  const fields = HASHED_FIELDS.map((k) => e[k] ?? null);
  return createHash('sha256').update(prevHash).update('\n').update(JSON.stringify(fields)).digest('hex');
}

/** A statement written with `?` placeholders, numbered for PostgreSQL (`$1`, …) from `from`. */
export function placeholders(dialect: Db['dialect'], text: string, from = 1): string {
  if (dialect !== 'postgres') return text;
  let n = from;
  return text.replace(/\?/g, () => `$${n++}`);
}

/** Runs one statement as written, past the query builder (the engine's hot path: a few statements per action). */
export async function run<R = Record<string, unknown>>(
  db: Kysely<Database> | Transaction<Database>,
  dialect: Db['dialect'],
  text: string,
  params: readonly unknown[],
): Promise<{ rows: R[]; changed: number }> {
  const r = await db.executeQuery<R>(CompiledQuery.raw(placeholders(dialect, text), params as unknown[]));
  return { rows: r.rows, changed: Number(r.numAffectedRows ?? 0) };
}

// The head as a transaction holds it: read once under its lock, then advanced by each append of that
// transaction (a draw that changes several cases, a step that opens another case), so it is neither
// read nor locked twice.
const heldHeads = new WeakMap<Transaction<Database>, { seq: number; hash: string }>();

async function heldHead(trx: Transaction<Database>, dialect: Db['dialect']) {
  let head = heldHeads.get(trx);
  if (!head) {
    // FOR UPDATE on PostgreSQL; SQLite transactions here begin IMMEDIATE and are already exclusive.
    const { rows } = await run<{ seq: number | string; hash: string }>(
      trx,
      dialect,
      `SELECT seq, hash FROM audit_head WHERE id = 1${dialect === 'postgres' ? ' FOR UPDATE' : ''}`,
      [],
    );
    if (!rows[0]) throw new Error('audit_head is missing');
    head = { seq: Number(rows[0].seq), hash: rows[0].hash };
    heldHeads.set(trx, head);
  }
  return head;
}

/** Takes the chain head's row lock (PostgreSQL; SQLite transactions are already exclusive) and reads the head. */
export async function lockAuditHead(trx: Transaction<Database>, dialect: Db['dialect']): Promise<void> {
  await heldHead(trx, dialect);
}

const EVENT_COLUMNS = [...HASHED_FIELDS, 'prev_hash', 'hash'] as const;
const INSERT_EVENT = `INSERT INTO case_events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`;

export async function appendEvent(trx: Transaction<Database>, dialect: Db['dialect'], e: EventInput): Promise<number> {
  return (await appendEventAfter(trx, dialect, e, null))!;
}

/**
 * Appends an event after a statement that must change exactly one row (a case's `UPDATE … WHERE …`, its text
 * ending with its WHERE clause): when it changes none, nothing is written and null is returned.
 */
export async function appendEventAfter(
  trx: Transaction<Database>,
  dialect: Db['dialect'],
  e: EventInput,
  guard: { text: string; params: readonly unknown[] } | null,
): Promise<number | null> {
  if (dialect === 'postgres' && !heldHeads.has(trx)) {
    const appended = await appendLockingHead(trx, e, guard);
    if (appended) heldHeads.set(trx, appended);
    return appended?.seq ?? null;
  }
  const head = await heldHead(trx, dialect);
  const seq = head.seq + 1;
  const row: Record<string, unknown> = { ...e, seq, prev_hash: head.hash };
  const hash = eventHash(head.hash, row as Omit<CaseEventTable, 'prev_hash' | 'hash'>);
  row.hash = hash;
  const values = EVENT_COLUMNS.map((k) => row[k] ?? null);
  if (dialect === 'postgres') {
    // The head is already held: the statement, the event and the new head in one round trip.
    const text = guard
      ? `WITH g AS (${guard.text} RETURNING 1), ` +
        `e AS (INSERT INTO case_events (${EVENT_COLUMNS.join(', ')}) SELECT ${EVENT_COLUMNS.map(typedParam).join(', ')} WHERE EXISTS (SELECT 1 FROM g)), ` +
        `h AS (UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1 AND EXISTS (SELECT 1 FROM g)) ` +
        `SELECT count(*)::int AS n FROM g`
      : `WITH e AS (${INSERT_EVENT}) UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`;
    const { rows } = await run<{ n: number }>(trx, dialect, text, [...(guard?.params ?? []), ...values, seq, hash]);
    if (guard && Number(rows[0]?.n ?? 0) !== 1) return null;
  } else {
    if (guard && (await run(trx, dialect, guard.text, guard.params)).changed !== 1) return null;
    await run(trx, dialect, INSERT_EVENT, values);
    await run(trx, dialect, 'UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1', [seq, hash]);
  }
  head.seq = seq;
  head.hash = hash;
  return seq;
}

// In a SELECT list a parameter has no column to take its type from: each is cast to its column's.
const typedParam = (k: string) => (k === 'seq' || k === 'actor_id' ? '?::integer' : '?::text');

/**
 * PostgreSQL, the head not yet held: one statement locks the head, runs the guarded statement, and appends the
 * event hashed by the server from the head it locked. The lock is held from that statement to the commit only,
 * not across a round trip more; and the head is locked before the case (the guard reads it), as in every writer.
 * The hash is `eventHash`'s: SHA-256 of the previous hash, a newline and the JSON array of the hashed fields, whose
 * first element, the sequence number, only the server knows here; the rest of the array is serialised by us.
 */
async function appendLockingHead(
  db: Kysely<Database> | Transaction<Database>,
  e: EventInput,
  guard: { text: string; params: readonly unknown[] } | null,
): Promise<{ seq: number; hash: string } | null> {
  const rest = JSON.stringify(HASHED_FIELDS.slice(1).map((k) => e[k as keyof EventInput] ?? null)).slice(1);
  const stored = EVENT_COLUMNS.filter((k) => k !== 'seq' && k !== 'prev_hash' && k !== 'hash');
  const text =
    'WITH h AS (SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE), ' +
    (guard ? `g AS (${guard.text} AND EXISTS (SELECT 1 FROM h) RETURNING 1), ` : '') +
    `n AS (SELECT h.seq + 1 AS seq, h.hash AS prev, encode(sha256(convert_to(h.hash || E'\\n[' || (h.seq + 1) || ',' || ?::text, 'UTF8')), 'hex') AS hash FROM h` +
    (guard ? ' WHERE EXISTS (SELECT 1 FROM g)), ' : '), ') +
    `e AS (INSERT INTO case_events (seq, ${stored.join(', ')}, prev_hash, hash) SELECT n.seq, ${stored.map(typedParam).join(', ')}, n.prev, n.hash FROM n), ` +
    'u AS (UPDATE audit_head SET seq = n.seq, hash = n.hash FROM n WHERE audit_head.id = 1) ' +
    'SELECT seq, hash FROM n';
  // Parameters in the order they appear: the guard's, the serialised fields, then the stored columns.
  const { rows } = await run<{ seq: number | string; hash: string }>(db, 'postgres', text, [
    ...(guard?.params ?? []),
    rest,
    ...stored.map((k) => e[k as keyof EventInput] ?? null),
  ]);
  return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : null;
}

/**
 * PostgreSQL, outside a transaction: the guarded statement and its event as one statement, atomic on its own —
 * for an action that writes nothing else (no follow-up, no related case read again), one round trip in all.
 */
export async function appendEventAlone(db: Kysely<Database>, e: EventInput, guard: { text: string; params: readonly unknown[] }): Promise<number | null> {
  return (await appendLockingHead(db, e, guard))?.seq ?? null;
}

export interface ChainProblem {
  seq: number | null;
  problem:
    | 'edited'
    | 'deleted_or_reordered'
    | 'head_mismatch'
    | 'case_state'
    | 'case_version'
    | 'application'
    | 'area'
    | 'record'
    | 'document_missing'
    | 'document_unrecorded'
    | 'blob_tampered'
    | 'checkpoint_signature'
    | 'checkpoint_history';
  message: string;
  caseId?: string;
}

/** Keys of an event's data that describe the event, not the case record. */
const EVENT_ONLY = new Set(['applicationReplaced', 'applicationSha256', 'movedTo', 'openedBy']);
const sha256 = (b: string | Uint8Array) => createHash('sha256').update(b).digest('hex');

/** What replaying a case's events says the case row must hold. */
export interface CaseReplay {
  state: string | null;
  version: number;
  record: Record<string, unknown>;
  applicationSha256: string | null;
  /** Where the last move put the case (null: never moved; the place is then the application's). */
  area: { county: string; township: string; village: string } | null;
  uploads: { sha256: string; kind: string; name: string }[];
}

export function emptyReplay(): CaseReplay {
  return { state: null, version: 0, record: {}, applicationSha256: null, area: null, uploads: [] };
}

/**
 * Events recorded on a case without changing it (its version, state and record stay): the system's 督办,
 * the applicant's 好差评 rating of a finished case with the office's reply (src/ratings/), and the acting
 * office's 一次性告知书 (src/engine/notices.ts).
 */
export const SYSTEM_EVENTS = new Set(['escalate', 'supervision', 'rating', 'rating_reply', 'one_time_notice']);

export function replayEvent(r: CaseReplay, e: { action: string; to_state: string | null; data_json: string }): void {
  if (SYSTEM_EVENTS.has(e.action)) return;
  const data = JSON.parse(e.data_json) as Record<string, unknown>;
  if (e.action === 'upload_document') {
    r.uploads.push({ sha256: String(data.sha256), kind: String(data.kind), name: String(data.name) });
    return;
  }
  r.version++;
  r.state = e.to_state;
  if (typeof data.applicationSha256 === 'string') r.applicationSha256 = data.applicationSha256;
  if (data.movedTo && typeof data.movedTo === 'object') r.area = data.movedTo as CaseReplay['area'];
  if (e.action !== 'submit') for (const [k, v] of Object.entries(data)) if (!EVENT_ONLY.has(k)) r.record[k] = v;
}

const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x,
  );

/** Compares a case row and its documents with the replay of its events. */
export function checkCase(
  row: { id: string; state: string; version: number; application_json: string; data_json: string; county?: string; township?: string; village?: string },
  replay: CaseReplay,
  documents: { sha256: string; kind: string; name: string }[],
): ChainProblem[] {
  const out: ChainProblem[] = [];
  const add = (problem: ChainProblem['problem'], message: string) => out.push({ seq: null, problem, message, caseId: row.id });
  if (replay.state !== row.state) add('case_state', `案件 ${row.id} 的状态为“${row.state}”，事件记录为“${replay.state}”：状态被绕过审计修改。`);
  if (replay.version !== Number(row.version)) add('case_version', `案件 ${row.id} 的版本为 ${row.version}，事件记录为 ${replay.version}。`);
  if (replay.applicationSha256 && sha256(row.application_json) !== replay.applicationSha256)
    add('application', `案件 ${row.id} 的申请内容与提交（或补正）时记录的哈希不符：申请被绕过审计修改。`);
  const a = replay.area;
  if (a && row.county !== undefined && (a.county !== row.county || a.township !== row.township || a.village !== row.village))
    add(
      'area',
      `案件 ${row.id} 所在地为“${row.county}${row.township}${row.village}”，事件记录为“${a.county}${a.township}${a.village}”：所在地被绕过审计修改。`,
    );
  if (canonical(JSON.parse(row.data_json)) !== canonical(replay.record)) add('record', `案件 ${row.id} 的办理记录与事件记录不一致：记录被绕过审计修改。`);
  const key = (d: { sha256: string; kind: string; name: string }) => `${d.sha256}|${d.kind}|${d.name}`;
  const stored = documents.map(key);
  const uploaded = replay.uploads.map(key);
  for (const u of replay.uploads)
    if (!stored.includes(key(u))) add('document_missing', `案件 ${row.id} 的材料“${u.name}”（${u.sha256.slice(0, 12)}…）已上传登记，但材料记录被删除。`);
  for (const d of documents)
    if (!uploaded.includes(key(d))) add('document_unrecorded', `案件 ${row.id} 的材料“${d.name}”没有对应的上传事件：材料被绕过审计添加或改动。`);
  return out;
}

/**
 * Walks the whole chain (edited, deleted or reordered events), then checks every case against the replay
 * of its events (state, version, application, record, documents), every stored blob against its hash,
 * and the signed checkpoints of the chain's head (with the key kept outside the database).
 */
export async function verifyAuditChain(
  db: Db,
  opts: { auditKey?: string | null } = {},
): Promise<{ events: number; cases: number; blobs: number; checkpoints: number; problems: ChainProblem[] }> {
  const problems: ChainProblem[] = [];
  let prev = 'GENESIS';
  let expected = 1;
  let count = 0;
  const replays = new Map<string, CaseReplay>();
  const hashAt = new Map<number, string>();
  const checkpoints = await db.kysely.selectFrom('audit_checkpoints').selectAll().orderBy('id').execute();
  const wanted = new Set(checkpoints.map((c) => Number(c.events)));
  // Read in pages so that a large chain does not load at once.
  for (let after = 0; ;) {
    const rows = await db.kysely.selectFrom('case_events').selectAll().where('seq', '>', after).orderBy('seq').limit(2000).execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      count++;
      if (seq !== expected || r.prev_hash !== prev) {
        problems.push({
          seq,
          problem: 'deleted_or_reordered',
          message: `事件 #${seq} 之前的链断开：${seq !== expected ? `缺少事件 #${expected}${seq - 1 > expected ? `–#${seq - 1}` : ''}（被删除）` : '前序哈希不符（事件被删除、插入或调换顺序）'}。`,
        });
      }
      const recomputed = eventHash(r.prev_hash, { ...r, seq, actor_id: r.actor_id === null ? null : Number(r.actor_id) });
      if (recomputed !== r.hash) problems.push({ seq, problem: 'edited', message: `事件 #${seq}（案件 ${r.case_id}，${r.action}）的内容被修改：哈希不符。` });
      let replay = replays.get(r.case_id);
      if (!replay) replays.set(r.case_id, (replay = emptyReplay()));
      try {
        replayEvent(replay, r);
      } catch {
        problems.push({ seq, problem: 'edited', message: `事件 #${seq} 的数据无法读取。`, caseId: r.case_id });
      }
      if (wanted.has(seq)) hashAt.set(seq, r.hash);
      prev = r.hash;
      expected = seq + 1;
      after = seq;
    }
  }
  const head = await db.kysely.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (!head || Number(head.seq) !== expected - 1 || head.hash !== prev) {
    problems.push({
      seq: head ? Number(head.seq) : null,
      problem: 'head_mismatch',
      message: `链尾不符：记录的最后事件为 #${head?.seq ?? '?'}，实际为 #${expected - 1}（末尾事件被删除或改动）。`,
    });
  }
  // Every case against its replay.
  let cases = 0;
  for (let after = ''; ;) {
    const rows = await db.kysely
      .selectFrom('cases')
      .select(['id', 'state', 'version', 'application_json', 'data_json', 'county', 'township', 'village'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (rows.length === 0) break;
    const docs = await db.kysely
      .selectFrom('case_documents')
      .select(['case_id', 'sha256', 'kind', 'name'])
      .where(
        'case_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    for (const row of rows) {
      cases++;
      after = row.id;
      const replay = replays.get(row.id);
      if (!replay) {
        problems.push({ seq: null, problem: 'case_state', message: `案件 ${row.id} 没有任何事件记录：案件被绕过审计添加。`, caseId: row.id });
        continue;
      }
      problems.push(
        ...checkCase(
          row,
          replay,
          docs.filter((d) => d.case_id === row.id),
        ),
      );
      replays.delete(row.id);
    }
  }
  for (const id of replays.keys()) problems.push({ seq: null, problem: 'case_state', message: `案件 ${id} 有事件记录，但案件本身被删除。`, caseId: id });
  // Every blob against its content address.
  let blobs = 0;
  for (let after = ''; ;) {
    const rows = await db.kysely.selectFrom('blobs').select(['sha256', 'data']).where('sha256', '>', after).orderBy('sha256').limit(50).execute();
    if (rows.length === 0) break;
    for (const b of rows) {
      blobs++;
      after = b.sha256;
      if (sha256(Buffer.from(b.data)) !== b.sha256)
        problems.push({ seq: null, problem: 'blob_tampered', message: `材料文件 ${b.sha256.slice(0, 12)}… 的内容与其哈希不符：文件被替换。` });
    }
  }
  // Signed checkpoints: the signature, and the chain still passing through the signed head.
  for (const c of checkpoints) {
    const n = Number(c.events);
    if (opts.auditKey) {
      if (c.key_id !== keyId(opts.auditKey)) continue; // signed with another key: cannot be checked with this one
      const good = checkpointSignature(opts.auditKey, n, c.head_hash);
      if (good.length !== c.signature.length || !timingSafeEqual(Buffer.from(good), Buffer.from(c.signature))) {
        problems.push({ seq: n, problem: 'checkpoint_signature', message: `检查点 #${c.id}（事件 #${n}）的签名无效：检查点被伪造或改动。` });
        continue;
      }
    }
    if (hashAt.get(n) !== c.head_hash)
      problems.push({
        seq: n,
        problem: 'checkpoint_history',
        message: `事件 #${n} 的哈希与 ${c.at.slice(0, 10)} 签名的检查点不符：此前的历史被改写（哈希被重新计算）。`,
      });
  }
  return { events: count, cases, blobs, checkpoints: checkpoints.length, problems };
}

/** A short public name of a key, so checkpoints say which key signed them without revealing it. */
export const keyId = (key: string) => sha256(`zhengwu-audit-key:${key}`).slice(0, 12);
const checkpointSignature = (key: string, events: number, head: string) =>
  createHmac('sha256', key).update(`zhengwu-audit-checkpoint\n${events}\n${head}`).digest('hex');

/** Signs the chain's current head with a key kept outside the database (ZHENGWU_AUDIT_KEY). */
export async function writeCheckpoint(db: Db, key: string): Promise<{ events: number; headHash: string; keyId: string } | null> {
  if (key.length < 16) throw new Error('审计签名密钥过短（至少 16 个字符）。');
  const head = await db.kysely.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (!head || Number(head.seq) === 0) return null;
  const last = await db.kysely.selectFrom('audit_checkpoints').select('events').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (last && Number(last.events) === Number(head.seq)) return { events: Number(head.seq), headHash: head.hash, keyId: keyId(key) };
  await db.kysely
    .insertInto('audit_checkpoints')
    .values({
      at: new Date().toISOString(),
      events: Number(head.seq),
      head_hash: head.hash,
      key_id: keyId(key),
      signature: checkpointSignature(key, Number(head.seq), head.hash),
    })
    .execute();
  return { events: Number(head.seq), headHash: head.hash, keyId: keyId(key) };
}
