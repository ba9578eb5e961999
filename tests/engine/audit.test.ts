// The audit covers the whole case, on both databases: a state changed without an event, an edited
// application or record, a deleted document row, replaced file bytes, and a case's history rewritten with
// recomputed hashes (caught by the Merkle root of a checkpoint signed with a key kept outside the database).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/connection.js';
import { caseGenesis, eventHash, storedEvent, verifyAuditChain, writeCheckpoint } from '../../src/engine/audit.js';
import { merkleRoot } from '../../src/engine/audit-checkpoints.js';
import { apiClient, testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';
import { APPLICATIONS } from '../helpers/fixtures.js';

const KEY = 'test-audit-key-kept-outside-the-db';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe.each(ENGINES)('whole-case audit on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let api: ReturnType<typeof apiClient>;
  let ids: string[] = [];
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    platform = await testPlatform(engine, { users: ['zhangsan', 'village-tgt'] });
    ({ db, app, api } = platform);
    ids = [];
    for (let i = 0; i < 6; i++) {
      const c = await api.ok(api.file('zhangsan', 'homestead', APPLICATIONS.homestead.application));
      await api.ok(api.act('village-tgt', c.id, 'return_for_correction', '2026-11-03', { reason: '四邻协议书未签字' }));
      const up = await app.inject({
        method: 'POST',
        url: `/api/cases/${c.id}/documents?kind=id_card&name=id${i}.png`,
        payload: Buffer.concat([PNG, Buffer.from([i])]),
        headers: { ...api.as('zhangsan'), 'content-type': 'image/png' },
      });
      expect(up.statusCode, up.body).toBe(201);
      ids.push(c.id);
    }
  });
  afterAll(async () => {
    await platform?.close();
  });
  const problems = async () => (await verifyAuditChain(db, { auditKey: KEY })).problems;
  const kinds = async () => (await problems()).map((p) => `${p.problem}${p.caseId ? `:${ids.indexOf(p.caseId)}` : ''}`).sort();

  it('passes on an untouched database and signs a checkpoint', async () => {
    expect(await problems()).toEqual([]);
    expect(await writeCheckpoint(db, KEY)).toMatchObject({ events: 18 });
  });

  it('detects every kind of change made behind the engine’s back', async () => {
    await db.kysely.updateTable('cases').set({ state: 'approved' }).where('id', '=', ids[0]).execute();
    const row = await db.kysely.selectFrom('cases').select('application_json').where('id', '=', ids[1]).executeTakeFirstOrThrow();
    await db.kysely
      .updateTable('cases')
      .set({ application_json: row.application_json.replace('"area":180', '"area":199') })
      .where('id', '=', ids[1])
      .execute();
    await db.kysely
      .updateTable('cases')
      .set({ data_json: JSON.stringify({ correctionReason: '已改' }) })
      .where('id', '=', ids[2])
      .execute();
    await db.kysely.deleteFrom('case_documents').where('case_id', '=', ids[3]).execute();
    const doc = await db.kysely.selectFrom('case_documents').select('sha256').where('case_id', '=', ids[4]).executeTakeFirstOrThrow();
    await db.kysely
      .updateTable('blobs')
      .set({ data: Buffer.from('replaced bytes') })
      .where('sha256', '=', doc.sha256)
      .execute();
    await db.kysely.updateTable('cases').set({ version: 7 }).where('id', '=', ids[5]).execute();
    expect(await kinds()).toEqual(['application:1', 'blob_tampered', 'case_state:0', 'case_version:5', 'document_missing:3', 'record:2']);
    // A replaced file is not served, and the case archive says so.
    expect((await app.inject({ url: `/api/cases/${ids[4]}/documents/${doc.sha256}`, headers: api.as('zhangsan') })).statusCode).toBe(409);
    const archive = await api.ok(app.inject({ url: `/api/cases/${ids[4]}/archive`, headers: api.as('zhangsan') }));
    expect(archive.integrity.intact).toBe(false);
    expect(archive.integrity.problems.join()).toMatch(/文件内容与其哈希不符/);
  });

  it('catches history rewritten with recomputed hashes, and a forged checkpoint, with the key', async () => {
    // Rewrite case 0's first event and recompute its chain and head after it, as someone with write access but no key could.
    const rows = await db.kysely.selectFrom('case_events').selectAll().where('case_id', '=', ids[0]).orderBy('seq').execute();
    let prev = caseGenesis(ids[0]);
    for (const [i, r] of rows.entries()) {
      const e = storedEvent({ ...r, reason: i === 0 ? '改写的理由' : r.reason });
      const hash = eventHash(prev, e);
      await db.kysely.updateTable('case_events').set({ reason: e.reason, prev_hash: prev, hash }).where('seq', '=', r.seq).execute();
      prev = hash;
    }
    await db.kysely.updateTable('cases').set({ chain_hash: prev }).where('id', '=', ids[0]).execute();
    const after = await problems();
    expect(after.filter((p) => p.problem === 'checkpoint_history').map((p) => p.caseId)).toEqual([ids[0]]);
    expect(after.map((p) => p.problem)).not.toContain('edited'); // the chain itself looks intact: only the signed checkpoint tells
    expect(after.map((p) => p.problem)).not.toContain('head_mismatch');
    // Re-pointing the checkpoint at the new heads (leaf and root) without the key breaks its signature.
    await db.kysely.updateTable('audit_checkpoint_leaves').set({ hash: prev }).where('case_id', '=', ids[0]).execute();
    // The stored leaf alone re-pointed: the signed root over the heads no longer matches.
    expect((await problems()).filter((p) => p.problem === 'checkpoint_history')).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/默克尔根/) }),
    ]);
    const heads = await db.kysely.selectFrom('cases').select(['id', 'chain_events', 'chain_hash']).execute();
    await db.kysely
      .updateTable('audit_checkpoints')
      .set({ head_hash: merkleRoot(heads.map((h) => ({ caseId: h.id, events: Number(h.chain_events), hash: h.chain_hash ?? '' }))) })
      .execute();
    const forged = (await problems()).map((p) => p.problem);
    expect(forged).toContain('checkpoint_signature');
    // Without the key the forgery is consistent: that is what the key outside the database is for.
    expect((await verifyAuditChain(db)).problems.map((p) => p.problem)).not.toContain('checkpoint_history');
  });
});
