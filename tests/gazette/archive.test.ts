// An archive of many issues on both databases: a folder of generated issues (renumbered, without contents,
// an extract, a bad file, a file whose 文号 another issue holds) ingests file by file with every issue number
// and issuer right and nothing of a refused file stored; the library is browsable by year; relations between
// documents resolve whichever issue comes first, are recorded by administrators with who and why, change a
// document's status as of a date, and reach the governance of the procedures the document governs.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/connection.js';
import { ingestArchive, issueFiles, type ArchiveSummary } from '../../src/gazette/archive.js';
import { ingestGazette } from '../../src/gazette/store.js';
import { governingStatus, ruleSetFor, withDocumentRelations } from '../../src/engine/governance.js';
import { PROCEDURES } from '../../src/procedures/registry.js';
import { testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';
import { SAMPLE, extract, renumbered, variants, withoutToc } from './variants.js';

/** A later county issue: its 细则 replaces 隆政发〔2022〕11号 from 2028-01-01 (原《…》同时废止). */
const SUCCESSOR = `承德市人民政府公报

编辑：承德市人民政府办公室

2027 年第 9 号

隆化县人民政府关于印发《隆化县农村宅基地审批和住房建设管理实施细则》的通知

隆政发〔2027〕3号

2027 年 11 月 20 日

各乡镇人民政府，县直各部门：

现将《隆化县农村宅基地审批和住房建设管理实施细则》印发给你们，请认真贯彻执行。

隆化县农村宅基地审批和住房建设管理实施细则

第一条 为规范农村宅基地审批，根据《村卫生室管理办法（试行）》和有关规定，制定本细则。

第二条 本细则自 2028 年 1 月 1 日起施行，原《隆化县农村宅基地审批和住房建设管理实施细则（试行）》（隆政发〔2022〕11号）同时废止。
`;

describe.each(ENGINES)('an archive of issues on %s', (engine) => {
  let db: Db;
  let app: FastifyInstance;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  let summary: ArchiveSummary;
  const dir = mkdtempSync(join(tmpdir(), 'zhengwu-archive-'));
  const files: Record<string, string | Buffer> = {
    '2022-04.txt': SAMPLE,
    '2023-07.txt': renumbered(SAMPLE, 2023, 7),
    '2024-01-无目录.txt': withoutToc(renumbered(SAMPLE, 2024, 1)),
    '2025-12-节选.txt': extract(renumbered(SAMPLE, 2025, 12), [12, 13, 16]),
    '2026-01-重号.txt': renumbered(SAMPLE, 2023, 7).replace('2023 年第 7 号', '2026 年第 1 号'),
    '2026-02-损坏.txt': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]),
    '说明.md': '不是公报',
  };
  beforeAll(async () => {
    platform = await testPlatform(engine, { demo: false, users: ['admin'] });
    ({ db, app } = platform);
    // The successor arrives first: its reference to 11号 resolves when 11号's issue comes.
    expect((await ingestGazette(db, Buffer.from(SUCCESSOR))).status).toBe('created');
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    summary = await ingestArchive(db, issueFiles(dir));
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('ingests every issue file of the folder and refuses the bad ones with the reason, storing nothing of them', async () => {
    expect(summary.files.map((f) => [f.file.split('/').pop(), f.status, f.issueId, f.documents])).toEqual([
      ['2022-04.txt', 'created', '2022年第4号', 17],
      ['2023-07.txt', 'created', '2023年第7号', 17],
      ['2024-01-无目录.txt', 'created', '2024年第1号', 17],
      ['2025-12-节选.txt', 'created', '2025年第12号', 3],
      ['2026-01-重号.txt', 'refused', null, 0],
      ['2026-02-损坏.txt', 'refused', null, 0],
    ]);
    expect(summary).toMatchObject({ created: 4, replaced: 0, unchanged: 0, refused: 2 });
    expect(summary.files[4].reason).toMatch(/已收录在 2023年第7号 中/);
    expect(summary.files[5].reason).toMatch(/不是文本文件/);
    expect(await db.kysely.selectFrom('gazette_issues').select('id').where('id', '=', '2026年第1号').execute()).toEqual([]);
    expect(await db.kysely.selectFrom('documents').select('id').where('issue_id', '=', '2026年第1号').execute()).toEqual([]);
    // Again: nothing new.
    const again = await ingestArchive(db, issueFiles(dir));
    expect(again).toMatchObject({ created: 0, unchanged: 4, refused: 2 });
  });

  it('stores every issue number, and every document with its 文号 and issuer', async () => {
    const expected = variants().filter((v) => ['改编号（2023年第7号）', '改编号且无目录（2024年第1号）', '节选3篇含解读（2025年第12号）'].includes(v.name));
    for (const v of expected) {
      const issue = (await app.inject({ url: `/api/issues/${encodeURIComponent(v.issueNumber)}` })).json();
      expect(issue.number).toBe(v.issueNumber);
      expect(issue.editor).toBe('承德市人民政府办公室');
      expect(issue.documents.map((d: any) => [d.number, d.issuer])).toEqual(v.documents.map((d) => [d.number, d.issuer]));
    }
  });

  it('lists the issues by year, newest first, with the years the library holds', async () => {
    const all = (await app.inject({ url: '/api/issues' })).json();
    expect(all.items.map((i: any) => i.id)).toEqual(['2027年第9号', '2025年第12号', '2024年第1号', '2023年第7号', '2022年第4号']);
    expect(all.years).toEqual([2027, 2025, 2024, 2023, 2022].map((year) => ({ year, issues: 1 })));
    const y = (await app.inject({ url: '/api/issues?year=2023' })).json();
    expect(y).toMatchObject({ total: 1, year: 2023 });
    expect(y.items.map((i: any) => i.id)).toEqual(['2023年第7号']);
    expect((await app.inject({ url: '/api/issues?year=23' })).statusCode).toBe(400);
  });

  it('resolves references between issues, by 文号 and by title, and lists the others as unresolved', async () => {
    const successor = (await app.inject({ url: `/api/documents/${encodeURIComponent('隆政发〔2027〕3号')}` })).json();
    expect(successor.relations.outgoing).toEqual([
      expect.objectContaining({ kind: 'replaces', otherId: '隆政发〔2022〕11号', origin: 'parser', anchor: '第二条' }),
    ]);
    expect(successor.relations.unresolved.map((r: any) => [r.kind, r.other])).toEqual([['cites', '村卫生室管理办法（试行）']]);
    const old = (await app.inject({ url: `/api/documents/${encodeURIComponent('隆政发〔2022〕11号')}` })).json();
    expect(old.relations.incoming).toContainEqual(expect.objectContaining({ kind: 'replaces', otherId: '隆政发〔2027〕3号', label: '被替代：' }));
    // 47号 implements the plan of 24号 (《承德市养老服务体系“十四五”规划》, as 47号 prints it), in its own issue.
    const plan = (await app.inject({ url: `/api/documents/${encodeURIComponent('承市政字〔2023〕24号')}` })).json();
    expect(plan.relations.incoming).toContainEqual(expect.objectContaining({ kind: 'implements', otherId: '承市政办字〔2023〕47号' }));
  });

  it('records a relation by an administrator only, with who and why, and shows the status as of a date', async () => {
    const url = `/api/documents/${encodeURIComponent('隆政发〔2022〕11号')}/relations`;
    const payload = { kind: 'extends', source: '隆政发〔2024〕9号', validUntil: '2027-12-31', reason: '县政府常务会议决定延期至新细则施行' };
    expect((await app.inject({ method: 'POST', url, payload })).statusCode).toBe(401);
    const bad = await app.inject({ method: 'POST', url, payload: { ...payload, validUntil: undefined }, headers: platform.api.as('admin') });
    expect(bad.statusCode).toBe(400);
    const r = await app.inject({ method: 'POST', url, payload, headers: platform.api.as('admin') });
    expect(r.statusCode).toBe(201);
    const asOf = async (day: string) => (await app.inject({ url: `/api/documents/${encodeURIComponent('隆政发〔2022〕11号')}?asOf=${day}` })).json();
    const doc = await asOf('2026-11-02');
    expect(doc.relations.incoming).toContainEqual(
      expect.objectContaining({
        kind: 'extends',
        other: '隆政发〔2024〕9号',
        origin: 'admin',
        recordedBy: 'admin',
        reason: payload.reason,
        validUntil: '2027-12-31',
      }),
    );
    expect(doc.validity).toMatchObject({ status: 'in_force', label: '现行有效', asOf: '2026-11-02', effectiveUntil: '2027-12-31' });
    expect((await asOf('2024-01-01')).validity.status).toBe('in_force');
    expect((await asOf('2028-03-01')).validity).toMatchObject({
      status: 'expired',
      label: '已被替代',
      endedBy: { by: '隆政发〔2027〕3号', from: '2028-01-01' },
    });
    expect((await app.inject({ url: `/api/documents/${encodeURIComponent('隆政发〔2022〕11号')}?asOf=2026-13-01` })).statusCode).toBe(400);
  });

  it('gives the homestead procedure the extension recorded once as a relation: in force on 2026-11-02, decisions allowed', async () => {
    const homestead = PROCEDURES.get('homestead')!;
    const documents = homestead.ruleSets.map((s) => s.governingDocument);
    // Nothing is recorded per procedure in this database: only the relations decide.
    expect(await db.kysely.selectFrom('governance_records').select('id').execute()).toEqual([]);
    const records = await withDocumentRelations(db, [], documents);
    expect(records.map((r) => [r.kind, r.document, r.validUntil])).toEqual([
      ['successor', '隆政发〔2027〕3号', null],
      ['extension', '隆政发〔2024〕9号', '2027-12-31'],
    ]);
    const status = (day: string) => governingStatus(ruleSetFor(homestead.ruleSets, records, day), records, day);
    expect(status('2026-11-02')).toMatchObject({ status: 'in_force', decisionsAllowed: true, effectiveUntil: '2027-12-31' });
    expect(status('2026-11-02').message).toContain('隆政发〔2024〕9号');
    // After its extended term: replaced by 隆政发〔2027〕3号, read from the gazette.
    expect(status('2028-03-01')).toMatchObject({ status: 'expired', decisionsAllowed: true, successor: { document: '隆政发〔2027〕3号' } });
    // Every procedure resting on 11号 sees it.
    for (const p of [...PROCEDURES.values()].filter((x) => x.ruleSets.some((s) => s.governingDocument === '隆政发〔2022〕11号'))) {
      const rs = await withDocumentRelations(
        db,
        [],
        p.ruleSets.map((s) => s.governingDocument),
      );
      expect(governingStatus(ruleSetFor(p.ruleSets, rs, '2026-11-02'), rs, '2026-11-02').decisionsAllowed).toBe(true);
    }
  });
});
