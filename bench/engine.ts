// The case engine against a bare loop doing the same work per transition: insert an event with a SHA-256
// hash chained to the case's previous event and a version-guarded `UPDATE cases … WHERE version = ?` that also
// stores the case's chain head (event count, last hash), one transaction each. Contenders run
// interleaved, round after round, and the medians are compared, so a shared machine's noise falls on both.
// On PostgreSQL (ZHENGWU_TEST_PG_URL or DATABASE_URL) also with 4 concurrent writers, each on its own case.
// Prints figures only; never fails on a timing. Runs alone: node --import tsx bench/engine.ts
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { z } from 'zod';
import type { Actor } from '../src/auth/service.js';
import { openCalendar } from '../src/calendar/service.js';
import { openDb, type Db } from '../src/db/connection.js';
import { CaseEngine } from '../src/engine/cases.js';
import type { ProcedureDefinition } from '../src/engine/procedure.js';
import { bpmnContender } from './peer.js';
import { record } from './summary.js';

const ROUNDS = Number(process.env.BENCH_ENGINE_ROUNDS ?? 15);
const TODAY = '2026-11-27';
const PLACE = { county: '隆化县', township: '汤头沟镇', village: '大汤头沟村' };
const cite = { document: '基准测试', article: '第一条', item: null };

/**
 * A minimal procedure: a case moves between two offices' states, each move recording a note. `deadline`: each
 * state has a time limit of 10 working days, so each move computes its due date on the calendar and queues the
 * reminder and the escalation (written in the same transaction) — the common case of a real step.
 */
const benchProcedure = (deadline: boolean): ProcedureDefinition<{ title: string; date: string }> => ({
  id: deadline ? 'bench-deadline' : 'bench-transfer',
  name: '基准测试事项',
  idPrefix: 'BENCH',
  applicationSchema: z.object({ title: z.string(), date: z.string() }),
  filedBy: ['township'],
  access: { read: { township: 'township' } },
  ruleSets: [{ id: 'bench', governingDocument: '基准测试', period: { from: '2000-01-01', until: null }, validityCitation: null, rules: [] }],
  applicationDate: (a) => a.date,
  jurisdiction: () => PLACE,
  initialState: () => 'a',
  assess: () => ({ decision: 'eligible', findings: [] }),
  states: ['a', 'b'].map((id) => ({
    id,
    label: id === 'a' ? '甲' : '乙',
    actor: 'township',
    ...(deadline ? { limit: { kind: 'due' as const, workdays: 10, label: '10 个工作日内办理', citation: cite } } : {}),
  })),
  actions: [
    { id: 'forward', label: '转乙', from: ['a'], to: 'b', roles: ['township'], citation: cite, payload: z.object({ note: z.string() }), record: (_c, p) => p },
    { id: 'back', label: '转甲', from: ['b'], to: 'a', roles: ['township'], citation: cite, payload: z.object({ note: z.string() }), record: (_c, p) => p },
  ],
  documentKinds: [],
  certificates: [],
  title: (a) => a.title,
});

const actor: Actor = { id: 0, username: 'bench', name: '基准', role: 'township', ...PLACE, unit: null };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** A contender: `run(n)` takes n transitions (across `writers` concurrent writers) and resolves when done. */
interface Contender {
  name: string;
  n: number;
  run(n: number): Promise<void>;
  close(): Promise<void>;
}

async function engineContender(db: Db, name: string, n: number, writers: number, deadline = false): Promise<Contender> {
  const calendar = await openCalendar(db);
  const procedure = benchProcedure(deadline);
  const engine = new CaseEngine({ db, calendar: () => calendar.calendar(), procedures: new Map([[procedure.id, procedure]]), today: () => TODAY });
  const cases: { id: string; version: number; state: string }[] = [];
  for (let w = 0; w < writers; w++) cases.push({ id: await engine.file(procedure.id, actor, { title: `基准案件 ${w}`, date: TODAY }), version: 1, state: 'a' });
  let k = 0;
  const one = async (c: (typeof cases)[number]) => {
    const action = c.state === 'a' ? 'forward' : 'back';
    c.version = await engine.apply(actor, c.id, action, { version: c.version, payload: { note: `第 ${k++} 次` } });
    c.state = c.state === 'a' ? 'b' : 'a';
  };
  return {
    name,
    n,
    async run(total) {
      await Promise.all(
        cases.map(async (c) => {
          for (let i = 0; i < total / writers; i++) await one(c);
        }),
      );
    },
    close: () => db.close(),
  };
}

const EVENT_COLUMNS = `seq INTEGER PRIMARY KEY, case_seq INTEGER NOT NULL, case_id TEXT NOT NULL, at TEXT, on_date TEXT, actor_id INTEGER, actor_name TEXT, actor_role TEXT,
  action TEXT, from_state TEXT, to_state TEXT, reason TEXT, data_json TEXT, rules_json TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL`;
const CASE_COLUMNS =
  "id TEXT PRIMARY KEY, state TEXT NOT NULL, version INTEGER NOT NULL, data_json TEXT NOT NULL, updated_at TEXT NOT NULL, chain_events INTEGER NOT NULL DEFAULT 0, chain_hash TEXT NOT NULL DEFAULT ''";

/** What a transition writes, with its chain hash over the case's previous event; `n`: its position in the case. */
function eventRow(caseId: string, n: number, from: string, to: string, k: number, prev: string) {
  const e = {
    case_id: caseId,
    at: new Date().toISOString(),
    on_date: TODAY,
    actor_id: 0,
    actor_name: '基准',
    actor_role: 'township',
    action: from === 'a' ? 'forward' : 'back',
    from_state: from,
    to_state: to,
    reason: null,
    data_json: JSON.stringify({ note: `第 ${k} 次` }),
    rules_json: '[]',
  };
  return { case_seq: n, ...e, prev_hash: prev, hash: sha(`${prev}\n${JSON.stringify([n, ...Object.values(e)])}`) };
}

function bareSqlite(file: string): Contender {
  const s = new SQLite(file);
  s.pragma('journal_mode = WAL');
  s.pragma('synchronous = NORMAL');
  s.exec(`CREATE TABLE cases (${CASE_COLUMNS}); CREATE TABLE case_events (${EVENT_COLUMNS}); CREATE INDEX case_events_case ON case_events (case_id, seq);`);
  s.prepare("INSERT INTO cases (id, state, version, data_json, updated_at) VALUES ('C1', 'a', 1, '{}', '')").run();
  const ins = s.prepare(
    'INSERT INTO case_events (case_seq, case_id, at, on_date, actor_id, actor_name, actor_role, action, from_state, to_state, reason, data_json, rules_json, prev_hash, hash) VALUES (@case_seq, @case_id, @at, @on_date, @actor_id, @actor_name, @actor_role, @action, @from_state, @to_state, @reason, @data_json, @rules_json, @prev_hash, @hash)',
  );
  const upd = s.prepare(
    'UPDATE cases SET state = ?, version = version + 1, data_json = ?, updated_at = ?, chain_events = ?, chain_hash = ? WHERE id = ? AND version = ?',
  );
  let state = 'a';
  let version = 1;
  let prev = 'GENESIS';
  let k = 0;
  const step = s.transaction(() => {
    const to = state === 'a' ? 'b' : 'a';
    const e = eventRow('C1', version, state, to, k++, prev);
    ins.run(e);
    if (upd.run(to, e.data_json, e.at, version, e.hash, 'C1', version).changes !== 1) throw new Error('version');
    prev = e.hash;
    state = to;
    version++;
  });
  return {
    name: 'bare better-sqlite3',
    n: 2000,
    async run(n) {
      for (let i = 0; i < n; i++) step.immediate();
    },
    close: async () => void s.close(),
  };
}

/**
 * The bare pg loop, each case's chain head on its row; `head`: every transaction also goes through one global
 * chain-head row (read FOR UPDATE, then updated), as the engine's audit chain did before 0020_case_chains — its
 * scaling from 1 to 4 writers against the plain loop's is the cost of that global lock.
 */
async function barePg(url: string, writers: number, head = false): Promise<Contender> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const t = head ? 'head' : 'bare';
  await pool.query(
    `CREATE TABLE ${t}_cases (${CASE_COLUMNS}); CREATE TABLE ${t}_events (${EVENT_COLUMNS.replace('seq INTEGER PRIMARY KEY', 'seq BIGSERIAL PRIMARY KEY')});
     CREATE TABLE ${t}_head (id INTEGER PRIMARY KEY, hash TEXT NOT NULL); INSERT INTO ${t}_head VALUES (1, 'GENESIS');`,
  );
  const cases = Array.from({ length: writers }, (_, w) => ({ id: `C${w}`, state: 'a', version: 1, prev: 'GENESIS' }));
  for (const c of cases) await pool.query(`INSERT INTO ${t}_cases (id, state, version, data_json, updated_at) VALUES ($1, 'a', 1, '{}', '')`, [c.id]);
  let k = 0;
  const one = async (client: pg.PoolClient, c: (typeof cases)[number]) => {
    const to = c.state === 'a' ? 'b' : 'a';
    await client.query('BEGIN');
    try {
      const prev = head ? (await client.query(`SELECT hash FROM ${t}_head WHERE id = 1 FOR UPDATE`)).rows[0].hash : c.prev;
      const e = eventRow(c.id, c.version, c.state, to, k++, prev);
      await client.query(
        `INSERT INTO ${t}_events (case_seq, case_id, at, on_date, actor_id, actor_name, actor_role, action, from_state, to_state, reason, data_json, rules_json, prev_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
        Object.values(e),
      );
      const r = await client.query(
        `UPDATE ${t}_cases SET state = $1, version = version + 1, data_json = $2, updated_at = $3, chain_events = $4, chain_hash = $5 WHERE id = $6 AND version = $7`,
        [to, e.data_json, e.at, c.version, e.hash, c.id, c.version],
      );
      if (r.rowCount !== 1) throw new Error('version');
      if (head) await client.query(`UPDATE ${t}_head SET hash = $1 WHERE id = 1`, [e.hash]);
      await client.query('COMMIT');
      c.prev = e.hash;
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    }
    c.state = to;
    c.version++;
  };
  return {
    name: `${head ? 'bare pg + one head row' : 'bare pg'}${writers > 1 ? ` (${writers} writers)` : ''}`,
    n: 400,
    async run(total) {
      await Promise.all(
        cases.map(async (c) => {
          const client = await pool.connect();
          try {
            for (let i = 0; i < total / writers; i++) await one(client, c);
          } finally {
            client.release();
          }
        }),
      );
    },
    close: () => pool.end(),
  };
}

/** Runs the contenders interleaved; returns each one's median transitions per second. */
async function race(contenders: Contender[]): Promise<Map<string, number>> {
  const rates = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (const c of contenders) await c.run(Math.min(c.n, 50)); // warm-up: statement caches, JIT
  for (let r = 0; r < ROUNDS; r++) {
    // Alternate the order so that neither contender always runs after the other.
    for (const c of r % 2 ? [...contenders].reverse() : contenders) {
      const t0 = performance.now();
      await c.run(c.n);
      rates.get(c.name)!.push(c.n / ((performance.now() - t0) / 1000));
    }
  }
  return new Map([...rates].map(([k, v]) => [k, median(v)]));
}

async function freshPg(admin: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `zw_bench_${randomBytes(5).toString('hex')}`;
  const adminClient = async (f: (c: pg.Client) => Promise<unknown>) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      await f(c);
    } finally {
      await c.end();
    }
  };
  await adminClient((c) => c.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const drop = () =>
    adminClient(async (c) => {
      // A closed pool ends its connections without waiting: let them go before the drop, which would end them with an error.
      for (let i = 0; i < 50; i++) {
        const { rows } = await c.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
  return { url: url.toString(), drop };
}

const line = (label: string, engine: number, bare: number, target: string) =>
  console.log(
    `   ${label.padEnd(28)} engine ${engine.toFixed(0).padStart(6)}/s   bare ${bare.toFixed(0).padStart(6)}/s   ratio ${(engine / bare).toFixed(2)}  (target ${target})`,
  );

const engineRow = (what: string, engine: number, bare: number, reference: string, target: number | null) => ({
  what,
  now: `${engine.toFixed(0)}/s`,
  reference: `${reference} ${bare.toFixed(0)}/s`,
  ratio: (engine / bare).toFixed(2),
  target: target === null ? '—' : `≥ ${target}`,
  met: target === null ? null : engine / bare >= target,
});

export async function benchEngine() {
  console.log(`== Case engine: audited transitions (CaseEngine.apply) vs a bare loop, interleaved, median of ${ROUNDS} rounds`);
  const dir = mkdtempSync(join(tmpdir(), 'zhengwu-bench-engine-'));
  const results: Record<string, number> = {};
  try {
    const eng = await engineContender(await openDb(`sqlite:${join(dir, 'engine.sqlite')}`), 'engine sqlite', 400, 1);
    const due = await engineContender(await openDb(`sqlite:${join(dir, 'deadline.sqlite')}`), 'engine sqlite, deadline', 400, 1, true);
    const bare = bareSqlite(join(dir, 'bare.sqlite'));
    const peer = bpmnContender(400);
    const r = await race([eng, due, bare, peer]);
    await eng.close();
    await due.close();
    await bare.close();
    results.sqlite = r.get('engine sqlite')! / r.get(bare.name)!;
    line('SQLite, 1 writer', r.get('engine sqlite')!, r.get(bare.name)!, '≥ 0.33');
    record(engineRow('engine on SQLite, audited transitions/s', r.get('engine sqlite')!, r.get(bare.name)!, 'bare better-sqlite3 loop', 0.33));
    record(engineRow('  the same with a deadline and its jobs', r.get(due.name)!, r.get(bare.name)!, 'bare better-sqlite3 loop', null));
    line('  with deadline + jobs', r.get(due.name)!, r.get(bare.name)!, 'info');
    results.peer = r.get('engine sqlite')! / r.get(peer.name)!;
    record({
      what: 'engine vs a BPMN peer',
      now: `${r.get('engine sqlite')!.toFixed(0)}/s`,
      reference: `bpmn-engine in memory ${r.get(peer.name)!.toFixed(0)}/s`,
      ratio: `× ${results.peer.toFixed(1)}`,
      target: '≥ × 10',
      met: results.peer >= 10,
    });
    console.log(
      `   vs the BPMN peer              engine ${r.get('engine sqlite')!.toFixed(0).padStart(6)}/s   bpmn-engine ${r.get(peer.name)!.toFixed(0).padStart(6)}/s (in memory, no persistence)   × ${results.peer.toFixed(1)}  (target ≥ 10)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const admin = process.env.ZHENGWU_TEST_PG_URL ?? (process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined);
  if (!admin) {
    console.log('   PostgreSQL: skipped (set ZHENGWU_TEST_PG_URL or DATABASE_URL to a postgres:// URL)');
    return results;
  }
  const head: Record<number, { bare: number; head: number; engine: number; deadline: number }> = {};
  for (const writers of [1, 4]) {
    const a = await freshPg(admin);
    const b = await freshPg(admin);
    try {
      const eng = await engineContender(await openDb(a.url), 'engine pg', 200, writers);
      const c = await freshPg(admin);
      // The deadline variant writes in a transaction of several statements: the path a shared head row held longest.
      const due = await engineContender(await openDb(c.url), 'engine pg, deadline', 200, writers, true);
      const bare = await barePg(b.url, writers);
      const locked = await barePg(b.url, writers, true);
      const r = await race([eng, due, bare, locked]);
      await eng.close();
      await due.close();
      await c.drop();
      await bare.close();
      await locked.close();
      results[`pg${writers}`] = r.get('engine pg')! / r.get(bare.name)!;
      head[writers] = { bare: r.get(bare.name)!, head: r.get(locked.name)!, engine: r.get('engine pg')!, deadline: r.get(due.name)! };
      line(`PostgreSQL, ${writers} writer${writers > 1 ? 's' : ''}`, r.get('engine pg')!, r.get(bare.name)!, '≥ 0.5');
      record(engineRow(`engine on PostgreSQL, ${writers} writer${writers > 1 ? 's' : ''}`, r.get('engine pg')!, r.get(bare.name)!, 'bare pg loop', 0.5));
      record(engineRow('  the same with a deadline and its jobs', r.get(due.name)!, r.get(bare.name)!, 'bare pg loop', null));
      line('  with deadline + jobs', r.get(due.name)!, r.get(bare.name)!, 'info');
    } finally {
      await a.drop();
      await b.drop();
    }
  }
  // The former global chain head: the same bare loop with and without one head row, and how each scales to 4 writers.
  console.log(
    `   one chain-head row (bare pg): 1 writer ${head[1].head.toFixed(0)}/s (× ${(head[1].head / head[1].bare).toFixed(2)} of bare), ` +
      `4 writers ${head[4].head.toFixed(0)}/s (× ${(head[4].head / head[4].bare).toFixed(2)}); scaling 1→4 writers: ` +
      `bare × ${(head[4].bare / head[1].bare).toFixed(2)}, with the head row × ${(head[4].head / head[1].head).toFixed(2)}, engine × ${(head[4].engine / head[1].engine).toFixed(2)} (with deadline + jobs × ${(head[4].deadline / head[1].deadline).toFixed(2)})`,
  );
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchEngine();

/** For profiling one action (node --cpu-prof): the engine contender alone, without and with a deadline. */
export const benchEngineContenderForProfile = (db: Db) => engineContender(db, 'engine', 1, 1);
export const benchDeadlineContenderForProfile = (db: Db) => engineContender(db, 'engine', 1, 1, true);
