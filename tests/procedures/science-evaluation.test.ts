// 科技成果评价 (承市政办字〔2022〕46号) and the 科研诚信 record: the grounds a conclusion may rest on, table-driven from
// src/procedures/science-evaluation/cases (破“四唯” 二、（三）, patent counts 二、（四）); the quotes against the
// library; through the HTTP API on both databases: experts score the 清单's criteria after declaring their
// interests (an interested expert withdraws), the bureau concludes, the result enters the 成果库 and is matched
// with an open 揭榜挂帅 demand; misconduct found in an evaluation enters the 科研诚信 record, and 揭榜挂帅 then
// refuses that unit as challenger or demander (承市科规〔2022〕1号 第五条、第六条).
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { parseGazette } from '../../src/gazette/parse.js';
import { anchorOf, CATEGORIES, groundsRefusal, QUOTES, type Ground } from '../../src/procedures/science-evaluation/rules.js';
import { REGISTRY } from '../../src/procedures/registry.js';
import { APPLICATIONS } from '../helpers/fixtures.js';
import { apiClient, testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';

const DIR = 'src/procedures/science-evaluation/cases';
const DOC = '承市政办字〔2022〕46号';

describe('grounds of a conclusion (二、（三）（四）)', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
  it('covers every forbidden kind and both articles', () => {
    const all = files.map((f) => JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8')) as { grounds: Ground[]; refusedBy: string | null });
    for (const g of ['paper_count', 'patent_count', 'title', 'degree', 'award', 'post_or_projects'])
      expect(
        all.some((c) => c.grounds.includes(g as Ground)),
        g,
      ).toBe(true);
    expect(new Set(all.map((c) => c.refusedBy))).toEqual(new Set([null, '二、（三）', '二、（四）', '二、（三）（四）']));
  });
  it.each(files)('%s', (f) => {
    const c = JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8')) as { name: string; grounds: Ground[]; refusedBy: string | null };
    const r = groundsRefusal(c.grounds);
    if (c.refusedBy === null) expect(r, c.name).toBeNull();
    else expect(r, c.name).toContain(`${DOC} ${c.refusedBy}`);
  });
});

describe('46号 against the library', () => {
  const doc = parseGazette(readFileSync('data/gazettes/2022-04.txt')).documents.find((d) => d.number === DOC)!;
  const find = (units: any[], anchor: string): any => {
    for (const u of units) {
      if (u.anchor === anchor) return u;
      const c = find(u.children, anchor);
      if (c) return c;
    }
    return null;
  };
  it.each(Object.keys(QUOTES))('%s: the quote is the text', (k) =>
    expect(find(doc.units, anchorOf(k))?.text.replace(/\s/g, '')).toContain(QUOTES[k].replace(/\s/g, '')),
  );
  it('the 附件 清单 rows are the categories with their criteria', () => {
    const table = JSON.stringify(doc.tables);
    for (const c of ['基础研究', '应用研究', '专利战略', '立项前评']) expect(table).toContain(c);
    expect(table).toContain('T/CHTIA 001-2021');
    expect(Object.keys(CATEGORIES)).toEqual(['basic', 'applied', 'development', 'patent_strategy', 'pre_project']);
  });
});

const TODAY = '2026-11-27';

describe.each(ENGINES)('科技成果评价 on %s', (engine) => {
  let app: FastifyInstance;
  let api: ReturnType<typeof apiClient>;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    platform = await testPlatform(engine, {
      today: TODAY,
      users: ['qiye-a', 'qiye-b', 'kjj', 'expert', 'kj-longhua', 'admin', ['expert-2', 'expert-pass-2'], ['qiye-lh', 'enterprise-pass-1']],
      accounts: [
        { username: 'expert-2', password: 'expert-pass-2', displayName: '评审专家李研究员', role: 'expert', unit: '专家库' },
        {
          username: 'qiye-lh',
          password: 'enterprise-pass-1',
          displayName: '隆化某建材有限公司',
          role: 'enterprise',
          county: '隆化县',
          unit: '隆化某建材有限公司',
        },
      ],
    });
    ({ app, api } = platform);
  });
  afterAll(async () => {
    await platform?.close();
  });
  const ok = (p: Promise<{ statusCode: number; json: () => any; body: string }>) => api.ok(p);
  const refused = async (p: Promise<{ statusCode: number; json: () => any }>, status: number, message: RegExp) => {
    const r = await p;
    expect(r.statusCode, JSON.stringify(r.json())).toBe(status);
    expect(r.json().message).toMatch(message);
  };
  const act = (u: string, id: string, a: string, payload?: unknown) => api.act(u, id, a, TODAY, payload);
  const example = REGISTRY.module('science-evaluation')!.example!.application as any;
  /** Scores for the 清单's criteria of 技术开发和产业化, in order. */
  const sc = (...xs: number[]) => xs.map((score, i) => ({ criterion: CATEGORIES.development.criteria[i], score }));

  it('experts score the criteria after declaring interests; the conclusion rests on allowed grounds; the result enters the 成果库', async () => {
    // A unit files for itself only.
    await refused(api.file('qiye-a', 'science-evaluation', { ...example, unit: '别的公司' }), 422, /完成单位以登录账户所属单位为准/);
    const c = await ok(api.file('qiye-a', 'science-evaluation', example));
    expect(c.state.id).toBe('review');
    // An interested expert withdraws; the declaration stays; no second attempt.
    await ok(act('expert', c.id, 'score', { conflictOfInterest: true, declaration: '本人曾在该公司兼职' }));
    await refused(
      act('expert', c.id, 'score', { conflictOfInterest: false, declaration: '无利益关联', scores: sc(80, 80, 80) }),
      422,
      /已对本成果评分或声明回避/,
    );
    await refused(
      act('kjj', c.id, 'conclude', { passed: true, grounds: ['market'], conclusion: '市场检验良好，应用成效显著。' }),
      422,
      /至少须有一名无利益关联的专家完成评分/,
    );
    // The 清单's three criteria of 技术开发和产业化, each scored.
    await refused(
      act('expert-2', c.id, 'score', { conflictOfInterest: false, declaration: '无利益关联', scores: sc(90) }),
      422,
      /逐项评分，每项一次（缺少或重复：市场估值、市场占有率；重大工程或重点企业应用情况）/,
    );
    await refused(
      act('expert-2', c.id, 'score', { conflictOfInterest: false, declaration: '无利益关联', scores: [{ criterion: '研究内容先进性', score: 90 }] }),
      422,
      /“研究内容先进性”不是技术开发和产业化成果的评价指标/,
    );
    const scored = await ok(
      act('expert-2', c.id, 'score', { conflictOfInterest: false, declaration: '无利益关联', scores: sc(90, 80, 85), opinion: '合同金额真实' }),
    );
    // The bureau sees who withdrew and why; another expert sees only that someone did.
    expect((await ok(api.get('kjj', c.id))).record.withdrawals).toEqual([
      expect.objectContaining({ expert: '演示·评审专家王教授', declaration: '本人曾在该公司兼职' }),
    ]);
    expect(scored.record.withdrawals).toEqual([expect.objectContaining({ expert: '回避专家 1' })]);
    expect(scored.record.scores[0]).toMatchObject({
      average: 85,
      scores: [{ criterion: '技术交易合同金额', score: 90 }, expect.anything(), expect.anything()],
    });
    // Peer review is anonymous to the unit evaluated.
    const asUnit = await ok(api.get('qiye-a', c.id));
    expect(asUnit.record.scores[0]).toMatchObject({ expert: '评审专家 1', average: 85 });
    expect(JSON.stringify(asUnit)).not.toMatch(/李研究员|王教授/);
    // 破“四唯”: titles are no ground; paper counts never the only one; patent counts not alone.
    await refused(
      act('kjj', c.id, 'conclude', { passed: true, grounds: ['title', 'market'], conclusion: '完成人为正高级工程师。' }),
      422,
      /不得以完成人的职称、头衔为依据（承市政办字〔2022〕46号 二、（三）/,
    );
    await refused(
      act('kjj', c.id, 'conclude', { passed: true, grounds: ['paper_count'], conclusion: '发表论文二十篇以上。' }),
      422,
      /只以论文数量.*二、（三）/,
    );
    await refused(
      act('kjj', c.id, 'conclude', { passed: true, grounds: ['patent_count'], conclusion: '授权发明专利十项。' }),
      422,
      /只以专利申请量、授权量为依据（承市政办字〔2022〕46号 二、（四）/,
    );
    const done = await ok(
      act('kjj', c.id, 'conclude', { passed: true, grounds: ['market', 'application'], conclusion: '技术交易合同金额 320 万元，已在两家企业应用。' }),
    );
    expect(done.state.id).toBe('in_library');
    expect(done.record.conclusion).toMatchObject({
      passed: true,
      averageScore: 85,
      experts: 1,
      grounds: ['市场检验（合同金额、估值、占有率）', '转化应用成效'],
    });
    const library = await ok(app.inject({ url: '/api/science/library' }));
    expect(library.results.map((r: any) => r.id)).toContain(c.id);
  });

  it('matches a result of the 成果库 with an open 揭榜 demand on shared terms', async () => {
    const demand = await ok(
      api.file('qiye-lh', 'jiebang', {
        ...(APPLICATIONS.jiebang.application as any),
        title: '钒钛磁铁矿尾矿制备建材技术攻关',
        content: '利用钒钛磁铁矿尾矿制备新型建材，解决尾矿堆存问题。',
        // In 隆化县, so that its county science office recommends it (第七条).
        demander: { ...(APPLICATIONS.jiebang.application as any).demander, unit: '隆化某建材有限公司', county: '隆化县' },
      }),
    );
    for (const [u, a, p] of [
      ['kj-longhua', 'recommend'],
      ['expert', 'score', { score: 80, conflictOfInterest: false, declaration: '无利益关联' }],
      ['kjj', 'conclude_review', { selected: true }],
      ['kjj', 'publish_list', { deadline: '2026-12-31' }],
    ] as [string, string, unknown?][]) {
      const r = await act(u, demand.id, a, p);
      if (r.statusCode !== 200) throw new Error(`${a}: ${r.body}`);
    }
    const library = await ok(app.inject({ url: '/api/science/library' }));
    expect(library.demands.map((d: any) => d.id)).toContain(demand.id);
    const pair = library.matches.find((m: any) => m.demand === demand.id);
    expect(pair).toBeDefined();
    expect(pair.shared).toEqual(expect.arrayContaining(['尾矿', '建材']));
  });

  it('misconduct found in an evaluation enters the 科研诚信 record, and 揭榜挂帅 then refuses that unit', async () => {
    const c = await ok(api.file('qiye-a', 'science-evaluation', { ...example, title: '另一项成果的评价' }));
    const opened = await ok(
      act('kjj', c.id, 'record_misconduct', {
        subject: { kind: 'unit', name: '河北某大学科研院', unit: '' },
        conduct: 'assisting_fraud',
        finding: '为完成单位出具虚假的用户评价意见，经核查属实。',
        basis: '承市科信〔2026〕2号',
      }),
    );
    const integrityId = opened.record.opened.id as string;
    expect(integrityId).toMatch(/^KYCX-/);
    // The record is the bureau's; an enterprise does not see it.
    await refused(api.get('qiye-a', integrityId), 404, /案件不存在/);
    // 揭榜挂帅: the unit may no longer file a demand (近 3 年无不良信用记录), whatever it declares.
    await refused(
      api.file('qiye-b', 'jiebang', {
        ...(APPLICATIONS.jiebang.application as any),
        title: '另一项需求',
        applicationDate: TODAY,
        demander: { ...(APPLICATIONS.jiebang.application as any).demander, unit: '河北某大学科研院', county: '双桥区', creditClean3y: true },
      }),
      422,
      new RegExp(
        `“河北某大学科研院”近 3 年内有科研诚信失信记录（${integrityId}：2026-11-27 协助他人骗取评价）.*承市科规〔2022〕1号 第五条、第六条；承市政办字〔2022〕46号 三、（二）`,
      ),
    );
    // Revoked on review: the unit may file again.
    await ok(act('kjj', integrityId, 'revoke', { reason: '复核认定证据不足，予以撤销。' }));
    const again = await api.file('qiye-b', 'jiebang', {
      ...(APPLICATIONS.jiebang.application as any),
      title: '又一项需求',
      applicationDate: TODAY,
      demander: { ...(APPLICATIONS.jiebang.application as any).demander, unit: '河北某大学科研院', county: '双桥区' },
    });
    expect(again.statusCode, again.body).toBe(201);
  });
});
