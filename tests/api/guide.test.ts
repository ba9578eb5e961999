// 办事指南 (issue: 一网通办): generated from the definition and the library, with the offices an administrator
// registers per area, questions answered from articles (checked against the library's text), and the JSON export.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { parseGazette } from '../../src/gazette/parse.js';
import { MODULES } from '../../src/procedures/registry.js';
import { apiClient, testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';

describe('常见问题 are answered from the articles they cite', () => {
  const docs = parseGazette(readFileSync('data/gazettes/2022-04.txt')).documents;
  const flat = (units: { anchor: string; text: string; children: any[] }[]): { anchor: string; text: string }[] =>
    units.flatMap((u) => [u, ...flat(u.children)]);
  // A question shared by the procedures of one document is checked once.
  const all = MODULES.flatMap((m) => (m.ui.faqs ?? []).map((f) => [`${m.definition.id} · ${f.question}`, f] as const));
  const faqs = all.filter(([, f], i) => all.findIndex(([, g]) => g.question === f.question) === i);
  it('covers the procedures with questions', () => expect(faqs.length).toBeGreaterThanOrEqual(9));
  it.each(faqs)('%s', (_name, f) => {
    const doc = docs.find((d) => d.number === f.citation.document)!;
    expect(doc, f.citation.document).toBeDefined();
    const unit = flat(doc.units).find((u) => u.anchor === f.citation.article + (f.citation.item ?? ''));
    expect(unit, f.citation.article + (f.citation.item ?? '')).toBeDefined();
    // Every figure of the answer is a figure of the article.
    const text = unit!.text.replace(/\s/g, '');
    for (const n of f.answer.match(/\d+/g) ?? []) expect(text, `${n} in ${unit!.anchor}`).toContain(n);
  });
});

describe.each(ENGINES)('办事指南 on %s', (engine) => {
  let app: FastifyInstance;
  let api: ReturnType<typeof apiClient>;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  const admin = { authorization: 'Bearer test-admin' };
  beforeAll(async () => {
    platform = await testPlatform(engine, { users: ['zhangsan'] });
    ({ app, api } = platform);
  });
  afterAll(async () => {
    await platform?.close();
  });
  const guide = async (id: string, q = '') => api.ok(app.inject({ url: `/api/procedures/${id}/guide${q}` }));
  const put = (body: object, headers: Record<string, string> = admin) => app.inject({ method: 'PUT', url: '/api/service-points', payload: body, headers });

  it('is public and generated from the definition: basis, conditions, materials, steps and limits, no fee, results, questions', async () => {
    const g = await guide('homestead');
    expect(g.name).toBe('农村宅基地和建房（规划许可）审批');
    expect(g.governingDocument).toMatchObject({ document: '隆政发〔2022〕11号' });
    expect(g.materials).toHaveLength(6);
    expect(g.materials.every((m: any) => m.cites.startsWith('隆政发〔2022〕11号 第十七条'))).toBe(true);
    expect(g.conditions.length).toBeGreaterThan(5);
    expect(g.timeLimits.legal).toContainEqual(expect.stringContaining('自受理之日起 20 个工作日内作出是否批准的决定'));
    expect(g.timeLimits.promised).toBeNull();
    expect(g.fees).toBe('不收费');
    expect(g.results).toEqual(expect.arrayContaining(['农村宅基地批准书']));
    expect(g.faqs.map((f: any) => f.cites)).toContain('隆政发〔2022〕11号 第十八条');
    expect(g.basis.map((b: any) => b.cites)).toEqual(expect.arrayContaining(['隆政发〔2022〕11号 第十六条第四款第（一）项']));
    expect(g.servicePoints).toEqual([]);
    expect(g.servicePointsNote).toMatch(/尚未登记/);
    // Every procedure has one.
    for (const m of MODULES) expect((await guide(m.definition.id)).id).toBe(m.definition.id);
    expect((await app.inject({ url: '/api/procedures/nope/guide' })).statusCode).toBe(404);
  });

  it('shows the offices registered for the reader’s area, the township’s before the county’s; only an administrator registers them', async () => {
    const point = {
      procedure: 'homestead',
      county: '隆化县',
      township: '汤头沟镇',
      office: '汤头沟镇人民政府便民服务中心',
      address: '汤头沟镇政府一楼',
      hours: '工作日 8:30–12:00，14:00–17:30',
      consultPhone: '0314-7000001',
      supervisePhone: '12345',
      promisedWorkdays: 15,
    };
    expect((await put(point, api.as('zhangsan'))).statusCode).toBe(401);
    const bad = await put({ ...point, consultPhone: '7000001' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/咨询电话应为带区号的固定电话/);
    const invented = await put({ ...point, township: '汤头镇' });
    expect(invented.statusCode).toBe(400);
    expect(invented.json().message).toMatch(/隆化县.*没有.*汤头镇/);
    expect((await put({ ...point, procedure: 'nope' })).statusCode).toBe(404);
    await api.ok(put(point));
    await api.ok(
      put({
        ...point,
        procedure: '*',
        township: '',
        office: '隆化县政务服务中心',
        address: '隆化县政务服务中心',
        consultPhone: '0314-7000000',
        promisedWorkdays: null,
      }),
    );
    // Saved again: replaced, not doubled.
    await api.ok(put({ ...point, address: '汤头沟镇政府一楼东侧' }));
    const here = await guide('homestead', `?county=${encodeURIComponent('隆化县')}&township=${encodeURIComponent('汤头沟镇')}`);
    expect(here.servicePoints.map((p: any) => [p.office, p.address])).toEqual([
      ['汤头沟镇人民政府便民服务中心', '汤头沟镇政府一楼东侧'],
      ['隆化县政务服务中心', '隆化县政务服务中心'],
    ]);
    expect(here.timeLimits.promised).toBe('15 个工作日（办理机构承诺）');
    const elsewhere = await guide('homestead', `?county=${encodeURIComponent('隆化县')}&township=${encodeURIComponent('韩麻营镇')}`);
    expect(elsewhere.servicePoints.map((p: any) => p.office)).toEqual(['隆化县政务服务中心']);
    const jiebang = await guide('jiebang', `?county=${encodeURIComponent('隆化县')}`);
    expect(jiebang.servicePoints.map((p: any) => p.office)).toEqual(['隆化县政务服务中心']);
  });

  it('exports the guide as a JSON file', async () => {
    const r = await app.inject({ url: '/api/procedures/village-doctor-roster/guide?download=1' });
    expect(r.statusCode).toBe(200);
    expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain('办事指南-乡村医生花名册.json');
    expect(r.json().faqs.map((f: any) => f.cites)).toContain('隆政办规〔2022〕1号 一、（四）');
  });
});
