// The audit trail: every change of a case is an append-only event in the case's own hash chain (hash =
// SHA-256 of the previous event's hash and the event's fields, the first event's previous hash derived from
// the case id). The head of each chain — its number of events and last hash — is kept on the case row,
// which the version-guarded UPDATE locks anyway: appends to different cases share no row. Signed Merkle
// checkpoints over all case heads (audit-checkpoints.ts) keep the whole history tamper-evident.
import { createHash } from 'node:crypto';
import { CompiledQuery, type Kysely, type Selectable, type Transaction } from 'kysely';
import { isBusy, preparedOnPostgres, type Db } from '../db/connection.js';
import type { CaseEventTable, Database } from '../db/schema.js';
import { loadCheckpoints } from './audit-checkpoints.js';

const sha256 = (b: string | Uint8Array) => createHash('sha256').update(b).digest('hex');

export type EventInput = Omit<CaseEventTable, 'seq' | 'case_seq' | 'prev_hash' | 'hash'>;

/** The fields an event's hash covers after its position: the case first, so that an event cannot move to another case. */
const FIELDS = [
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

type Hashed = Pick<CaseEventTable, (typeof FIELDS)[number]>;

const chainHash = (prevHash: string, position: number, e: Hashed) =>
  createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(JSON.stringify([position, ...FIELDS.map((k) => e[k] ?? null)]))
    .digest('hex');

/** The hash of the case's `case_seq`-th event. */
export const eventHash = (prevHash: string, e: Hashed & { case_seq: number }): string => chainHash(prevHash, e.case_seq, e);

/** The hash of an event of the former global chain (before 0020_case_chains), over its global position. */
export const legacyEventHash = (prevHash: string, e: Hashed & { seq: number }): string => chainHash(prevHash, e.seq, e);

/** The "previous hash" of a case's first event: derived from the case id. */
export const caseGenesis = (caseId: string): string => sha256(`zhengwu-case-chain\n${caseId}`);

/** An event as read back. */
export type StoredEvent = Selectable<CaseEventTable>;

/** An event as stored, its numbers as numbers (PostgreSQL returns some as strings). */
export function storedEvent<T extends StoredEvent>(r: T): T {
  return { ...r, seq: Number(r.seq), case_seq: Number(r.case_seq), actor_id: r.actor_id === null ? null : Number(r.actor_id) };
}

/** The hash an event must carry: per case, or for an event of the former global chain (seq ≤ `legacyEnd`) over its global position. */
export const expectedHash = (e: StoredEvent, legacyEnd: number): string =>
  Number(e.seq) <= legacyEnd ? legacyEventHash(e.prev_hash, storedEvent(e)) : eventHash(e.prev_hash, storedEvent(e));

/** The end of the former global chain, frozen by 0020_case_chains (seq 0: the database began with chains per case). */
export async function legacyHead(db: Kysely<Database>): Promise<{ seq: number; hash: string }> {
  const h = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  return { seq: Number(h?.seq ?? 0), hash: h?.hash ?? 'GENESIS' };
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
  const sql = dialect === 'postgres' ? preparedOnPostgres(placeholders(dialect, text)) : text;
  const r = await db.executeQuery<R>(CompiledQuery.raw(sql, params as unknown[]));
  return { rows: r.rows, changed: Number(r.numAffectedRows ?? 0) };
}

/**
 * Locks a case's row until the transaction ends (PostgreSQL; SQLite transactions here begin IMMEDIATE and are
 * already exclusive): what is read of the case after it — its state, its notices, its rating — stays as read,
 * and its chain is appended to by this transaction alone.
 */
export async function lockCase(trx: Transaction<Database>, dialect: Db['dialect'], caseId: string): Promise<void> {
  if (dialect === 'postgres') await run(trx, dialect, 'SELECT 1 FROM cases WHERE id = ? FOR UPDATE', [caseId]);
}

/** A case's change that goes with its event: columns to set, on the condition that the case is still at `version`. */
export interface CaseChange {
  set: [string, unknown][];
  version: number;
}

const STORED = ['case_seq', ...FIELDS, 'prev_hash', 'hash'] as const;
const READ_HEAD = 'SELECT chain_events, chain_hash FROM cases WHERE id = ?';
const INSERT_EVENT = `INSERT INTO case_events (${STORED.join(', ')}) VALUES (${STORED.map(() => '?').join(', ')})`;

/** Appends an event to its case's chain (inside the transaction that changes the case); returns its position. */
export async function appendEvent(trx: Transaction<Database>, dialect: Db['dialect'], e: EventInput): Promise<number> {
  const n = await appendEventAfter(trx, dialect, e, null);
  if (n === null) throw new Error(`case ${e.case_id} is missing`);
  return n;
}

/**
 * Appends an event and writes the case's change with it, guarded by the case's version: when the case is no
 * longer at that version nothing is written and null is returned. Either way the case row carries the new head.
 */
export async function appendEventAfter(
  trx: Transaction<Database>,
  dialect: Db['dialect'],
  e: EventInput,
  change: CaseChange | null,
  /** The head as the caller read it with the case (SQLite): tried first, the write guarded by it. */
  known?: { events: number; hash: string },
): Promise<number | null> {
  if (dialect === 'postgres') return appendOnPostgres(trx, e, change);
  // SQLite: the transaction is exclusive; the head is read, the case and its head written, the event inserted.
  // With the head the caller already read, the write itself checks it is still the head (an upload or a notice
  // may have appended since): one statement fewer; when it has moved, the head is read here.
  if (known) {
    const n = await writeAfterHead(trx, dialect, e, change, known.events, known.hash, true);
    if (n !== null) return n;
  }
  const { rows } = await run<{ chain_events: number; chain_hash: string }>(trx, dialect, READ_HEAD, [e.case_id]);
  if (!rows[0]) return null;
  return writeAfterHead(trx, dialect, e, change, Number(rows[0].chain_events), rows[0].chain_hash, false);
}

/** The statements appending an event after the head `events`/`headHash`: the case's update (guarded by its version and, with `guardHead`, by the head) and the event's insert. */
function afterHead(e: EventInput, change: CaseChange | null, events: number, headHash: string, guardHead: boolean) {
  const n = events + 1;
  const prev = n === 1 ? caseGenesis(e.case_id) : headHash;
  const hash = eventHash(prev, { ...e, case_seq: n });
  const set: [string, unknown][] = [...(change?.set ?? []), ['chain_events', n], ['chain_hash', hash]];
  const update = `UPDATE cases SET ${set.map(([k]) => `${k} = ?`).join(', ')} WHERE id = ?${change ? ' AND version = ?' : ''}${guardHead ? ' AND chain_events = ?' : ''}`;
  const params = [...set.map(([, v]) => v), e.case_id, ...(change ? [change.version] : []), ...(guardHead ? [events] : [])];
  const row: Record<string, unknown> = { ...e, case_seq: n, prev_hash: prev, hash };
  return { n, update, params, insert: STORED.map((k) => row[k] ?? null) };
}

async function writeAfterHead(
  trx: Transaction<Database>,
  dialect: Db['dialect'],
  e: EventInput,
  change: CaseChange | null,
  events: number,
  headHash: string,
  guardHead: boolean,
): Promise<number | null> {
  const w = afterHead(e, change, events, headHash, guardHead);
  if ((await run(trx, dialect, w.update, w.params)).changed !== 1) return null;
  await run(trx, dialect, INSERT_EVENT, w.insert);
  return w.n;
}

/**
 * SQLite, for an action that writes nothing but the case and its event: the same statements as above in one
 * synchronous IMMEDIATE transaction on the connection, past the query builder and its queue — nothing else of
 * this process can run between them. `undefined` when a transaction of the query builder is open on the
 * connection (it is awaiting between statements) or another process holds the write lock: the caller then
 * queues as usual.
 */
export function appendEventAloneSqlite(
  db: Db,
  e: EventInput,
  change: CaseChange,
  known: { events: number; hash: string },
  /** What the change sets in motion (jobs, notifications), written in the same transaction. */
  also: InsertWith[] = [],
): number | null | undefined {
  const sqlite = db.sqlite!;
  if (sqlite.inTransaction) return undefined;
  const statement = db.statement!;
  const write = (events: number, hash: string, guardHead: boolean) => {
    const w = afterHead(e, change, events, hash, guardHead);
    if (statement(w.update).run(w.params).changes !== 1) return null;
    statement(INSERT_EVENT).run(w.insert);
    return w.n;
  };
  try {
    statement('BEGIN IMMEDIATE').run();
  } catch (busy) {
    // Another process holds the write lock: the queued path waits for it without holding up the event loop.
    if (isBusy(busy)) return undefined;
    throw busy;
  }
  try {
    let n = write(known.events, known.hash, true);
    if (n === null) {
      // The head moved since the case was read (an upload, a notice): read it here, as appendEventAfter does.
      const head = statement(READ_HEAD).get(e.case_id) as { chain_events: number; chain_hash: string } | undefined;
      n = head ? write(Number(head.chain_events), head.chain_hash, false) : null;
    }
    if (n !== null) for (const x of also) insertNow(statement, x);
    statement('COMMIT').run();
    return n;
  } catch (err) {
    if (sqlite.inTransaction) statement('ROLLBACK').run();
    throw err;
  }
}

// In a SELECT list a parameter has no column to take its type from: each is cast to its column's.
const typedParam = (k: string) => (k === 'actor_id' ? '?::integer' : '?::text');

/**
 * PostgreSQL: one statement locks the case's row, computes the event's hash from the head it holds (the server
 * hashes: SHA-256 of the previous hash, a newline and the JSON array of the position and the hashed fields, the
 * array after the position serialised by us, as `eventHash` does), writes the case's change with the new head,
 * and inserts the event. The row lock is the only one taken: appends to other cases do not wait for it.
 */
/** Rows inserted with a step's write (its jobs, its notifications), written only when the write is. */
export interface InsertWith {
  table: string;
  /** Each column with its PostgreSQL type (a parameter in VALUES has no column to take its type from). */
  columns: [name: string, type: 'text' | 'integer'][];
  rows: unknown[][];
  /** A unique column whose existing value makes a row a no-op (a job's de-duplication key). */
  skipExisting?: string;
}

/** SQLite, inside a synchronous transaction: the rows of an InsertWith, through prepared statements. */
function insertNow(statement: NonNullable<Db['statement']>, x: InsertWith): void {
  const text = `INSERT INTO ${x.table} (${x.columns.map(([c]) => c).join(', ')}) VALUES (${x.columns.map(() => '?').join(', ')})${
    x.skipExisting ? ` ON CONFLICT (${x.skipExisting}) DO NOTHING` : ''
  }`;
  for (const r of x.rows) statement(text).run(r);
}

async function appendOnPostgres(
  db: Kysely<Database> | Transaction<Database>,
  e: EventInput,
  change: CaseChange | null,
  also: InsertWith[] = [],
): Promise<number | null> {
  const rest = JSON.stringify(FIELDS.map((k) => e[k] ?? null)).slice(1);
  const set = change?.set ?? [];
  const inserts = also.filter((i) => i.rows.length > 0);
  const text =
    'WITH h AS (SELECT chain_events, chain_hash FROM cases WHERE id = ? FOR UPDATE), ' +
    'p AS (SELECT chain_events + 1 AS k, CASE WHEN chain_events = 0 THEN ?::text ELSE chain_hash END AS prev FROM h), ' +
    `n AS (SELECT k, prev, encode(sha256(convert_to(prev || E'\\n[' || k || ',' || ?::text, 'UTF8')), 'hex') AS hash FROM p), ` +
    `g AS (UPDATE cases SET ${set.map(([k]) => `${k} = ?, `).join('')}chain_events = n.k, chain_hash = n.hash FROM n ` +
    `WHERE cases.id = ?${change ? ' AND cases.version = ?' : ''} RETURNING n.k, n.prev, n.hash), ` +
    `e AS (INSERT INTO case_events (${STORED.join(', ')}) SELECT g.k, ${FIELDS.map(typedParam).join(', ')}, g.prev, g.hash FROM g) ` +
    // What goes with the step, inserted only when the case's row was written (a stale version writes nothing).
    inserts
      .map((x, i) => {
        const cols = x.columns.map(([c]) => c).join(', ');
        const values = x.rows.map(() => `(${x.columns.map(([, t]) => `?::${t}`).join(', ')})`).join(', ');
        const skip = x.skipExisting ? ` ON CONFLICT (${x.skipExisting}) DO NOTHING` : '';
        return `, w${i} AS (INSERT INTO ${x.table} (${cols}) SELECT * FROM (VALUES ${values}) AS v (${cols}) WHERE EXISTS (SELECT 1 FROM g)${skip}) `;
      })
      .join('') +
    'SELECT k FROM g';
  // Parameters in the order they appear.
  const { rows } = await run<{ k: number | string }>(db, 'postgres', text, [
    e.case_id,
    caseGenesis(e.case_id),
    rest,
    ...set.map(([, v]) => v),
    e.case_id,
    ...(change ? [change.version] : []),
    ...FIELDS.map((k) => e[k] ?? null),
    ...inserts.flatMap((x) => x.rows.flat()),
  ]);
  return rows[0] ? Number(rows[0].k) : null;
}

/**
 * PostgreSQL, outside a transaction: the case's change, its event and what goes with it (`also`) as one statement,
 * atomic on its own — for an action that writes nothing else (no related case read again), one round trip in all.
 */
export async function appendEventAlone(db: Kysely<Database>, e: EventInput, change: CaseChange, also: InsertWith[] = []): Promise<number | null> {
  return appendOnPostgres(db, e, change, also);
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
 * Checks the chains of cases event by event, in each case's order: position, link to the previous event of the
 * same case (or the case's genesis), hash. Events of the former global chain (seq ≤ the frozen legacy head) keep
 * their global links and hashes; with `global` they are also checked in their global order, as before.
 */
export class ChainWalker {
  readonly problems: ChainProblem[] = [];
  /** Each case's head as its events say: how many, the last hash. */
  readonly heads = new Map<string, { events: number; hash: string }>();
  /** The hashes at positions someone asked for (`want`), by `caseId#position`. */
  readonly at = new Map<string, string>();
  private readonly wanted = new Set<string>();
  /** Hashes of the former global chain at global positions asked for (its signed checkpoints). */
  readonly legacyAt = new Map<number, string>();
  private readonly legacyWanted = new Set<number>();
  private legacyPrev = 'GENESIS';
  private legacyNext = 1;

  constructor(
    private readonly legacy: { seq: number; hash: string },
    private readonly global: boolean,
  ) {}

  want(caseId: string, position: number): void {
    this.wanted.add(`${caseId}#${position}`);
  }

  wantLegacy(seq: number): void {
    this.legacyWanted.add(seq);
  }

  add(raw: StoredEvent): void {
    const r = storedEvent(raw);
    const legacy = r.seq <= this.legacy.seq;
    const head = this.heads.get(r.case_id) ?? { events: 0, hash: caseGenesis(r.case_id) };
    if (legacy && this.global) {
      if (r.seq !== this.legacyNext || r.prev_hash !== this.legacyPrev)
        this.problems.push({
          seq: r.seq,
          problem: 'deleted_or_reordered',
          message: `事件 #${r.seq} 之前的链断开：${r.seq !== this.legacyNext ? `缺少事件 #${this.legacyNext}${r.seq - 1 > this.legacyNext ? `–#${r.seq - 1}` : ''}（被删除）` : '前序哈希不符（事件被删除、插入或调换顺序）'}。`,
          caseId: r.case_id,
        });
      this.legacyPrev = r.hash;
      this.legacyNext = r.seq + 1;
      if (this.legacyWanted.has(r.seq)) this.legacyAt.set(r.seq, r.hash);
    }
    if (r.case_seq !== head.events + 1 || (!legacy && r.prev_hash !== head.hash))
      this.problems.push({
        seq: r.seq,
        problem: 'deleted_or_reordered',
        message:
          r.case_seq > head.events + 1
            ? `案件 ${r.case_id} 的事件 #${r.seq}（第 ${r.case_seq} 个）之前的链断开：缺少本案第 ${head.events + 1}${r.case_seq - 1 > head.events + 1 ? `–${r.case_seq - 1}` : ''} 个事件（被删除）。`
            : `案件 ${r.case_id} 的事件 #${r.seq}（第 ${r.case_seq} 个）之前的链断开：前序哈希或序号不符（事件被删除、插入、调换顺序或移自其他案件）。`,
        caseId: r.case_id,
      });
    if ((legacy ? legacyEventHash(r.prev_hash, r) : eventHash(r.prev_hash, r)) !== r.hash)
      this.problems.push({
        seq: r.seq,
        problem: 'edited',
        message: `事件 #${r.seq}（案件 ${r.case_id}，${r.action}）的内容被修改：哈希不符。`,
        caseId: r.case_id,
      });
    this.heads.set(r.case_id, { events: r.case_seq, hash: r.hash });
    const key = `${r.case_id}#${r.case_seq}`;
    if (this.wanted.has(key)) this.at.set(key, r.hash);
  }

  /** The head a case row carries against its events; a removed last event shows here (unless the row was rewritten too). */
  checkHead(caseId: string, row: { chain_events?: number; chain_hash?: string }): void {
    const head = this.heads.get(caseId) ?? { events: 0, hash: '' };
    if (Number(row.chain_events ?? 0) !== head.events || (head.events > 0 && row.chain_hash !== head.hash))
      this.problems.push({
        seq: null,
        problem: 'head_mismatch',
        message: `案件 ${caseId} 的链尾不符：案件记录为 ${row.chain_events ?? 0} 个事件，实际为 ${head.events} 个（末尾事件被删除或改动）。`,
        caseId,
      });
  }

  /** The former global chain still ends where it was frozen. */
  checkLegacyEnd(): void {
    if (this.global && this.legacy.seq > 0 && (this.legacyNext - 1 !== this.legacy.seq || this.legacyPrev !== this.legacy.hash))
      this.problems.push({
        seq: this.legacy.seq,
        problem: 'head_mismatch',
        message: `迁移前的审计链尾不符：记录的最后事件为 #${this.legacy.seq}，实际为 #${this.legacyNext - 1}（末尾事件被删除或改动）。`,
      });
  }
}

/**
 * Walks every case's chain (edited, deleted, reordered or moved events, and the head on each case row), then
 * checks every case against the replay of its events (state, version, application, record, documents), every
 * stored blob against its hash, and the signed checkpoints (with the key kept outside the database).
 */
export async function verifyAuditChain(
  db: Db,
  opts: { auditKey?: string | null } = {},
): Promise<{ events: number; cases: number; blobs: number; checkpoints: number; problems: ChainProblem[] }> {
  const walker = new ChainWalker(await legacyHead(db.kysely), true);
  const checkpoints = await loadCheckpoints(db.kysely);
  for (const c of checkpoints.legacy) walker.wantLegacy(Number(c.events));
  for (const [caseId, n] of checkpoints.positions()) walker.want(caseId, n);
  let count = 0;
  const replays = new Map<string, CaseReplay>();
  const problems = walker.problems;
  // Read in pages so that a large chain does not load at once.
  for (let after = 0; ;) {
    const rows = await db.kysely.selectFrom('case_events').selectAll().where('seq', '>', after).orderBy('seq').limit(2000).execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      count++;
      walker.add(r);
      let replay = replays.get(r.case_id);
      if (!replay) replays.set(r.case_id, (replay = emptyReplay()));
      try {
        replayEvent(replay, r);
      } catch {
        problems.push({ seq: Number(r.seq), problem: 'edited', message: `事件 #${r.seq} 的数据无法读取。`, caseId: r.case_id });
      }
      after = Number(r.seq);
    }
  }
  walker.checkLegacyEnd();
  // Every case against its replay and its chain's head.
  let cases = 0;
  for (let after = ''; ;) {
    const rows = await db.kysely
      .selectFrom('cases')
      .select(['id', 'state', 'version', 'application_json', 'data_json', 'county', 'township', 'village', 'chain_events', 'chain_hash'])
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
      walker.checkHead(row.id, row);
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
  problems.push(...checkpoints.check(walker, opts.auditKey ?? null));
  return { events: count, cases, blobs, checkpoints: checkpoints.count, problems };
}

export { keyId, writeCheckpoint, proveCase, verifyCaseProof } from './audit-checkpoints.js';
