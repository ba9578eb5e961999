// The audit chain per case, on both databases: each event links to the previous event of its own case (the
// first to a genesis derived from the case id), the head sits on the case row; a signed Merkle checkpoint over
// all case heads catches a case cut short or rewritten; a case's inclusion in the signed root can be proved
// alone; and a database written with the former global chain verifies clean after 0020_case_chains.
import { createHash, createHmac } from 'node:crypto';
import { Migrator, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCalendar } from '../../src/calendar/service.js';
import { openDb, type Db } from '../../src/db/connection.js';
import { migrateToLatest, migrations } from '../../src/db/migrations.js';
import {
  appendEvent,
  appendEventAfter,
  caseGenesis,
  eventHash,
  legacyEventHash,
  proveCase,
  storedEvent,
  verifyAuditChain,
  verifyCaseProof,
  writeCheckpoint,
} from '../../src/engine/audit.js';
import { CaseEngine } from '../../src/engine/cases.js';
import { PLACE, TODAY, township, twoStates } from '../helpers/two-states.js';
import { ENGINES, freshDatabaseUrl, freshDb } from '../helpers/databases.js';

const KEY = 'test-audit-key-kept-outside-the-db';
const procedure = twoStates({ id: 'chain-test', name: '审计链测试事项', idPrefix: 'CT' });
const actor = township;

const engineOn = async (db: Db) => {
  const calendar = await openCalendar(db);
  return new CaseEngine({ db, calendar: () => calendar.calendar(), procedures: new Map([[procedure.id, procedure]]), today: () => TODAY });
};

/** Files a case and moves it `steps` times: 1 + steps events. */
async function caseWith(engine: CaseEngine, title: string, steps: number): Promise<string> {
  const id = await engine.file(procedure.id, actor, { title, date: TODAY });
  for (let v = 1; v <= steps; v++) await engine.apply(actor, id, v % 2 ? 'forward' : 'back', { version: v, payload: { note: `${title}${v}` } });
  return id;
}

describe.each(ENGINES)('audit chains per case on %s', (engineName) => {
  let db: Db;
  let engine: CaseEngine;
  let ids: string[];
  beforeAll(async () => {
    db = await freshDb(engineName);
    engine = await engineOn(db);
    ids = [];
    for (let i = 0; i < 5; i++) ids.push(await caseWith(engine, `案${i}`, 2 + (i % 2)));
  });
  afterAll(async () => {
    await db?.close();
  });
  const problems = async () => (await verifyAuditChain(db, { auditKey: KEY })).problems;
  const events = (id: string) => db.kysely.selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('seq').execute();

  it('links each event to the previous event of its own case, from a genesis of the case id, the head on the case row', async () => {
    for (const id of ids) {
      const chain = await events(id);
      expect(chain.map((e) => Number(e.case_seq))).toEqual(chain.map((_e, i) => i + 1));
      let prev = caseGenesis(id);
      for (const e of chain) {
        expect(e.prev_hash).toBe(prev);
        expect(eventHash(prev, storedEvent(e))).toBe(e.hash);
        prev = e.hash;
      }
      const row = await db.kysely.selectFrom('cases').select(['chain_events', 'chain_hash']).where('id', '=', id).executeTakeFirstOrThrow();
      expect([Number(row.chain_events), row.chain_hash]).toEqual([chain.length, prev]);
    }
    expect(await problems()).toEqual([]);
  });

  it('refuses an event moved to another case: its hash covers its case and position', async () => {
    const [e] = await events(ids[0]);
    const moved = storedEvent({ ...e, case_id: ids[1] });
    expect(eventHash(e.prev_hash, moved)).not.toBe(e.hash);
  });

  it('links to the real head when the head the caller read has moved since (an upload or notice appended between)', async () => {
    // A database of its own: the events below are written by hand, past the engine, so the case's replay
    // (state, version, record) does not match them; what is checked here is the chain alone.
    const db = await freshDb(engineName);
    const id = await caseWith(await engineOn(db), '旧链尾', 1);
    const events = (id: string) => db.kysely.selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('seq').execute();
    const read = await db.kysely.selectFrom('cases').select(['version', 'chain_events', 'chain_hash']).where('id', '=', id).executeTakeFirstOrThrow();
    const base = {
      case_id: id,
      at: new Date().toISOString(),
      on_date: TODAY,
      actor_id: 0,
      actor_name: '乡镇',
      actor_role: 'township',
      reason: null,
      rules_json: '[]',
    };
    const other = { ...base, action: 'upload', from_state: 'b', to_state: 'b', data_json: '{"file":"x"}' };
    await db.kysely.transaction().execute((trx) => appendEvent(trx, db.dialect, other));
    const step = { ...base, action: 'forward', from_state: 'b', to_state: 'b', data_json: '{}' };
    const stale = { events: Number(read.chain_events), hash: read.chain_hash! };
    const n = await db.kysely
      .transaction()
      .execute((trx) => appendEventAfter(trx, db.dialect, step, { set: [['version', Number(read.version) + 1]], version: Number(read.version) }, stale));
    expect(n).toBe(Number(read.chain_events) + 2);
    const chain = await events(id);
    expect(chain.at(-1)!.prev_hash).toBe(chain.at(-2)!.hash);
    // A stale version is still refused, whichever head the caller read.
    const refused = await db.kysely
      .transaction()
      .execute((trx) => appendEventAfter(trx, db.dialect, step, { set: [['version', 99]], version: Number(read.version) }, stale));
    expect(refused).toBeNull();
    const found = (await verifyAuditChain(db, { auditKey: KEY })).problems.map((p) => p.problem);
    expect(found.filter((p) => p !== 'case_version' && p !== 'record')).toEqual([]);
    await db.close();
  });

  it('signs a Merkle root over every case head, proves one case under it, and adds only the changed heads', async () => {
    expect(await writeCheckpoint(db, KEY)).toMatchObject({ cases: 5, events: 3 + 4 + 3 + 4 + 3 });
    const proof = (await proveCase(db, ids[2]))!;
    expect(proof).toMatchObject({ leaves: 5, leaf: { caseId: ids[2], events: 3 } });
    expect(verifyCaseProof(proof)).toBe(true);
    expect(verifyCaseProof({ ...proof, leaf: { ...proof.leaf, events: 2 } })).toBe(false);
    expect(await proveCase(db, 'CT-NO-SUCH-CASE')).toBeNull();
    // One case moves on: the next checkpoint stores its head alone; the proof of another case still holds.
    await engine.apply(actor, ids[4], 'forward', { version: 3, payload: { note: '再转' } });
    expect(await writeCheckpoint(db, KEY)).toMatchObject({ cases: 5, events: 18 });
    const leaves = await db.kysely.selectFrom('audit_checkpoint_leaves').select(['checkpoint_id', 'case_id']).orderBy('checkpoint_id').execute();
    expect(leaves.length).toBe(6);
    expect(leaves[5].case_id).toBe(ids[4]);
    expect(verifyCaseProof((await proveCase(db, ids[2]))!)).toBe(true);
    expect(await problems()).toEqual([]);
  });

  it('notices a case’s last event removed: on the case row’s head, and after a checkpoint even with the head rewritten', async () => {
    const chain = await events(ids[1]);
    const last = chain[chain.length - 1];
    await db.kysely.deleteFrom('case_events').where('seq', '=', last.seq).execute();
    expect((await problems()).map((p) => `${p.problem}:${p.caseId}`)).toContain(`head_mismatch:${ids[1]}`);
    // The head rewritten to the event before (and the case row to what that event left), as someone without the key could.
    const before = chain[chain.length - 2];
    await db.kysely
      .updateTable('cases')
      .set({
        chain_events: chain.length - 1,
        chain_hash: before.hash,
        state: before.to_state,
        version: chain.length - 1,
        data_json: JSON.stringify({ note: '案12' }),
      })
      .where('id', '=', ids[1])
      .execute();
    const found = await problems();
    expect(found.map((p) => p.problem)).not.toContain('head_mismatch');
    expect(found).toEqual([expect.objectContaining({ problem: 'checkpoint_history', caseId: ids[1], message: expect.stringMatching(/现只有 3 个.*截断/) })]);
  });
});

describe.each(ENGINES)('migration 0020 on %s: a database of the former global chain', (engineName) => {
  let db: Db;
  const cases = ['OLD-1', 'OLD-2'];
  beforeAll(async () => {
    db = await openDb(await freshDatabaseUrl(engineName), { migrate: false });
    const before = Object.fromEntries(Object.entries(migrations(db.dialect)).filter(([name]) => name < '0020'));
    const { error } = await new Migrator({ db: db.kysely, provider: { getMigrations: async () => before } }).migrateToLatest();
    if (error) throw error;
    // Two cases written as the engine wrote them before: one global chain, interleaved, through one head row.
    const k = db.kysely as unknown as Kysely<any>;
    const now = '2026-11-27T08:00:00.000Z';
    const application = JSON.stringify({ title: '旧案', date: TODAY });
    for (const id of cases)
      await k
        .insertInto('cases')
        .values({
          id,
          procedure: procedure.id,
          state: 'a',
          version: 1,
          ...PLACE,
          applicant_user_id: null,
          title: '旧案',
          application_json: application,
          data_json: '{}',
          application_date: TODAY,
          state_entered_on: TODAY,
          due_on: null,
          due_note: null,
          created_at: now,
          updated_at: now,
          definition_version: 1,
        })
        .execute();
    let prev = 'GENESIS';
    const steps: [string, string, string | null, string][] = [
      ['OLD-1', 'submit', null, 'a'],
      ['OLD-2', 'submit', null, 'a'],
      ['OLD-1', 'forward', 'a', 'b'],
      ['OLD-2', 'forward', 'a', 'b'],
      ['OLD-1', 'back', 'b', 'a'],
    ];
    for (const [seq0, [caseId, action, from, to]] of steps.entries()) {
      const data = action === 'submit' ? { applicationSha256: createHash('sha256').update(application).digest('hex') } : { note: `${caseId}${seq0}` };
      const e = {
        seq: seq0 + 1,
        case_id: caseId,
        at: now,
        on_date: TODAY,
        actor_id: 0,
        actor_name: '乡镇',
        actor_role: 'township',
        action,
        from_state: from,
        to_state: to,
        reason: null,
        data_json: JSON.stringify(data),
        rules_json: '[]',
      };
      const hash = legacyEventHash(prev, e);
      await k
        .insertInto('case_events')
        .values({ ...e, prev_hash: prev, hash })
        .execute();
      if (action !== 'submit')
        await k
          .updateTable('cases')
          .set({ state: to, version: steps.slice(0, seq0 + 1).filter((s) => s[0] === caseId).length, data_json: JSON.stringify(data) })
          .where('id', '=', caseId)
          .execute();
      prev = hash;
      await k.updateTable('audit_head').set({ seq: e.seq, hash }).where('id', '=', 1).execute();
      // A checkpoint signed the old way after the fourth event.
      if (e.seq === 4)
        await k
          .insertInto('audit_checkpoints')
          .values({
            at: now,
            events: 4,
            head_hash: hash,
            key_id: createHash('sha256').update(`zhengwu-audit-key:${KEY}`).digest('hex').slice(0, 12),
            signature: createHmac('sha256', KEY).update(`zhengwu-audit-checkpoint\n4\n${hash}`).digest('hex'),
          })
          .execute();
    }
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db?.close();
  });
  const problems = async () => (await verifyAuditChain(db, { auditKey: KEY })).problems;

  it('verifies clean after migrating, the old checkpoint included, and each case continues its chain from its last event', async () => {
    expect(await problems()).toEqual([]);
    const heads = await db.kysely.selectFrom('cases').select(['id', 'chain_events']).orderBy('id').execute();
    expect(heads.map((h) => Number(h.chain_events))).toEqual([3, 2]);
    const engine = await engineOn(db);
    await engine.apply(actor, 'OLD-2', 'back', { version: 2, payload: { note: '迁移后' } });
    await engine.apply(actor, 'OLD-1', 'forward', { version: 3, payload: { note: '迁移后' } });
    const last = await db.kysely.selectFrom('case_events').selectAll().where('case_id', '=', 'OLD-2').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect([Number(last.case_seq), Number(last.seq)]).toEqual([3, 6]);
    expect(await writeCheckpoint(db, KEY)).toMatchObject({ cases: 2, events: 7 });
    expect(await problems()).toEqual([]);
  });

  it('still catches an event of the former global chain edited, or rewritten against its old signed checkpoint', async () => {
    await db.kysely.updateTable('case_events').set({ actor_name: '他人' }).where('seq', '=', 2).execute();
    expect(await problems()).toEqual([expect.objectContaining({ seq: 2, problem: 'edited' })]);
    // Recomputing the global part after it (and the head row) leaves the old checkpoint, and the new one, unmatched.
    const rows = await db.kysely.selectFrom('case_events').selectAll().where('seq', '<=', 5).orderBy('seq').execute();
    let prev = 'GENESIS';
    for (const r of rows) {
      const hash = legacyEventHash(prev, storedEvent(r));
      await db.kysely.updateTable('case_events').set({ prev_hash: prev, hash }).where('seq', '=', r.seq).execute();
      prev = hash;
    }
    await db.kysely.updateTable('audit_head').set({ hash: prev }).where('id', '=', 1).execute();
    const found = (await problems()).map((p) => p.problem);
    expect(found).toContain('checkpoint_history');
    expect(found).not.toContain('edited');
  });
});
