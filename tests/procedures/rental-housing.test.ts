// 保障性租赁住房 (承市政办字〔2022〕48号): the rules table-driven from src/procedures/rental-housing/cases (70 平方米
// boundaries, rent equal to market, 15 % vs 15.01 %, conversion vs new land, counties with and without their own
// figures), the citations against the library, and through the HTTP API on both databases: the leading group's
// joint review (each member once; the decision when the last has spoken), the numbered 项目认定书, the hand-offs
// and the joint acceptance, the county's parameters, the rental register's checks at letting, the server's
// spot-check draw and the findings' follow-up, the yearly plan against the recognised units.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { drawFrom } from '../../src/procedures/shared/draw.js';
import { parseGazette } from '../../src/gazette/parse.js';
import { readerFor, type LocalRow } from '../../src/engine/parameters.js';
import { findPersonalData } from '../../src/engine/personal-data.js';
import { anchorOf, assessProject, PROJECT_RULES, QUOTES, RENTAL_HOUSING_PARAMETERS } from '../../src/procedures/rental-housing/rules.js';
import { ProjectSchema } from '../../src/procedures/rental-housing/form.js';
import { PROJECT_EXAMPLE } from '../../src/procedures/rental-housing/index.js';
import { rentalHousingProcedure } from '../../src/procedures/rental-housing/procedure.js';
import { apiClient, testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';

const DIR = 'src/procedures/rental-housing/cases';
const DOC = '承市政办字〔2022〕48号';

/** Merges a patch into the base; null removes a field; arrays are replaced. */
function merge(base: any, patch: any): any {
  const out = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (v && typeof v === 'object' && !Array.isArray(v) && base[k] && typeof base[k] === 'object') out[k] = merge(base[k], v);
    else out[k] = v;
  }
  return out;
}

interface RuleCase {
  name: string;
  patch: object;
  local: { key: string; scope: string; from: string; value: number | string; source: string }[];
  expect: { recognisable: boolean; fails: string[]; infos?: string[]; benefits?: number; message?: string };
}

describe('rental-housing rule cases', () => {
  const base = JSON.parse(readFileSync(`${DIR}/_base.json`, 'utf8'));
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json') && !f.startsWith('_'));
  it('has a case for every rule that can fail and for both parameter levels', () => {
    const cases = files.map((f) => JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8')) as RuleCase);
    const failing = new Set(cases.flatMap((c) => c.expect.fails));
    for (const id of [
      'small_units_mainly',
      'rent_below_market',
      'park_support_ratio',
      'park_no_commercial_flats',
      'conversion_conditions',
      'quality_and_fit_out',
    ])
      expect(failing, id).toContain(id);
    expect(cases.some((c) => c.local.length > 0)).toBe(true);
    expect(files.length).toBeGreaterThanOrEqual(20);
  });
  it.each(files)('%s', (file) => {
    const c = JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8')) as RuleCase;
    const project = ProjectSchema.parse(merge(base, c.patch));
    const rows: LocalRow[] = c.local.map((l, i) => ({
      id: i + 1,
      key: l.key,
      scope: l.scope,
      effective_from: l.from,
      value_json: JSON.stringify(l.value),
      source: l.source,
      entered_at: '2026-01-01T00:00:00Z',
    }));
    const r = assessProject(project, readerFor(RENTAL_HOUSING_PARAMETERS, rows, project.filedOn));
    expect(r.recognisable, c.name).toBe(c.expect.recognisable);
    expect(r.findings.filter((f) => f.outcome === 'fail').map((f) => f.rule)).toEqual(c.expect.fails);
    for (const id of c.expect.infos ?? []) expect(r.findings.find((f) => f.rule === id)?.outcome, id).toBe('info');
    if (c.expect.benefits !== undefined) expect(r.benefits.map((b) => b.name)).toHaveLength(c.expect.benefits);
    if (c.expect.message) expect(r.findings.map((f) => f.message).join(' ')).toContain(c.expect.message);
    // Every benefit names its article; no benefit without recognition.
    for (const b of r.benefits) expect(b.cites).toMatch(/^承市政办字〔2022〕48号 [二三四]、/);
    if (!r.recognisable) expect(r.benefits).toEqual([]);
  });

  it('gives the tax and residential-price treatment only to conversions of non-residential stock (三、（四）（五）)', () => {
    const reader = readerFor(RENTAL_HOUSING_PARAMETERS, [], '2026-11-02');
    const conversion = assessProject(PROJECT_EXAMPLE, reader).benefits.map((b) => b.cites);
    expect(conversion).toEqual([`${DOC} 三、（四）`, `${DOC} 三、（四）`, `${DOC} 三、（五）`, `${DOC} 三、（一）2.`, `${DOC} 三、（二）`]);
    const newLand = assessProject(ProjectSchema.parse(merge(base, { kind: 'new_land', conversion: null, land: { rightsChange: true } })), reader);
    expect(newLand.benefits.map((b) => b.name)).toEqual(['按保障性租赁住房建筑面积（4990 平方米）免收城市基础设施配套费']);
  });
});

describe('citations against the library', () => {
  const doc = parseGazette(readFileSync('data/gazettes/2022-04.txt')).documents.find((d) => d.number === DOC)!;
  const find = (units: any[], anchor: string): any => {
    for (const u of units) {
      if (u.anchor === anchor) return u;
      const c = find(u.children, anchor);
      if (c) return c;
    }
    return null;
  };
  const anchors = [
    ...new Set([
      ...Object.keys(QUOTES).map(anchorOf),
      ...PROJECT_RULES.map((r) => r.citation.article),
      ...rentalHousingProcedure.actions.map((a) => a.citation.article),
      ...RENTAL_HOUSING_PARAMETERS.flatMap((p) => [...p.values.map((v) => v.citation.article), ...(p.local ? [p.local.delegatedBy.article] : [])]),
    ]),
  ];
  it.each(anchors)('%s exists', (a) => expect(find(doc.units, a), a).not.toBeNull());
  it.each(Object.keys(QUOTES))('%s: the quote is the text', (k) => expect(find(doc.units, anchorOf(k)).text.replace(/\n/g, '')).toContain(QUOTES[k]));
  it('the figures the parameters carry are the ones quoted', () => {
    expect(QUOTES['二、（二）']).toContain('70平方米');
    expect(RENTAL_HOUSING_PARAMETERS.find((p) => p.key === 'rental_housing.small_unit_max_m2')!.values[0].value).toBe(70);
    expect(QUOTES['三、（一）1.']).toContain('15%');
    expect(RENTAL_HOUSING_PARAMETERS.find((p) => p.key === 'rental_housing.park_support_ratio_max_pct')!.values[0].value).toBe(15);
  });
});

describe('the server draw is a pure function of seed and pool', () => {
  it('reproduces from what the audit records, and differs with another seed', () => {
    const pool = Array.from({ length: 40 }, (_, i) => `BZF-1/Z${i + 1}`);
    const seed = 'ab'.repeat(32);
    expect(drawFrom(seed, pool, 5)).toEqual(drawFrom(seed, [...pool].reverse(), 5));
    expect(drawFrom(seed, pool, 5)).not.toEqual(drawFrom('cd'.repeat(32), pool, 5));
    expect(drawFrom(seed, pool, 99)).toHaveLength(40);
  });
});

const TODAY = '2026-11-27';
const MEMBERS = ['zjj-shuangqiao', 'fgj-shuangqiao', 'czj-shuangqiao', 'zrj-shuangqiao', 'xzspj-shuangqiao'];

describe.each(ENGINES)('保障性租赁住房 on %s', (engine) => {
  let app: FastifyInstance;
  let api: ReturnType<typeof apiClient>;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    platform = await testPlatform(engine, { today: TODAY, users: [...MEMBERS, 'zjj-city', 'qiye-zl', 'admin', 'qiye-a', 'wsy-tgt'] });
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
  const act = (u: string, id: string, a: string, payload?: unknown, date = TODAY) => api.act(u, id, a, date, payload);
  const inbox = async (u: string) => (await ok(app.inject({ url: '/api/inbox', headers: api.as(u) }))).items ?? [];
  const setParameter = (u: string, key: string, body: object) =>
    app.inject({ method: 'POST', url: `/api/parameters/${key}/values`, payload: body, headers: api.as(u) });
  const review = (u: string, id: string, agree = true) => act(u, id, 'review_opinion', { agree, opinion: agree ? '同意建设方案' : '户型面积偏大，建议调整' });

  /** Files the example project and brings it to the leading group. */
  const toReview = async (patch: object = {}) => {
    const c = await ok(api.file('qiye-zl', 'rental-housing', merge(PROJECT_EXAMPLE, patch)));
    await ok(act('zjj-shuangqiao', c.id, 'accept'));
    return c;
  };
  /** Through the joint review and the 认定书, the hand-offs and the acceptance, into operation. */
  const toOperating = async () => {
    const c = await toReview();
    for (const m of MEMBERS) await ok(review(m, c.id));
    await ok(act('zjj-shuangqiao', c.id, 'issue_recognition'));
    for (const step of ['approval', 'planning', 'construction', 'fire'])
      await ok(act('zjj-shuangqiao', c.id, 'record_handoff', { step, department: '双桥区行政审批局', reference: `${step}-2026-01` }));
    await ok(act('zjj-shuangqiao', c.id, 'record_acceptance', { passed: true, participants: '住建、规划、消防', opinion: '验收合格' }));
    return c;
  };

  it('joint review: every member once, the case waiting for those who have not spoken; all agree → 待出具认定书', async () => {
    const c = await toReview();
    expect(c.state.id).toBe('completeness');
    const before = await ok(api.get('fgj-shuangqiao', c.id));
    expect(before.state).toMatchObject({ id: 'joint_review', waitingFor: ['county_housing', 'county_drc', 'county_finance', 'county_nrp', 'county_approval'] });
    expect((await inbox('czj-shuangqiao')).map((x: any) => x.id)).toContain(c.id);
    await ok(review('fgj-shuangqiao', c.id));
    await refused(review('fgj-shuangqiao', c.id), 409, /县发展和改革局已于 2026-11-27 提出审查意见/);
    // Outside the group: 403, nothing recorded.
    await refused(review('qiye-zl', c.id), 403, /须由/);
    const mid = await ok(api.get('zjj-shuangqiao', c.id));
    expect(mid.state.id).toBe('joint_review');
    expect(mid.state.waitingFor).not.toContain('county_drc');
    expect(mid.record.joint.review_opinion.open.county_drc).toMatchObject({ agree: true, opinion: '同意建设方案', date: TODAY });
    expect((await inbox('fgj-shuangqiao')).map((x: any) => x.id)).not.toContain(c.id);
    expect((await ok(api.get('fgj-shuangqiao', c.id))).actions.map((a: any) => a.id)).not.toContain('review_opinion');
    for (const m of ['zjj-shuangqiao', 'czj-shuangqiao', 'zrj-shuangqiao']) await ok(review(m, c.id));
    expect((await ok(api.get('zjj-shuangqiao', c.id))).state.id).toBe('joint_review');
    const done = await ok(review('xzspj-shuangqiao', c.id));
    expect(done.state.id).toBe('to_certify');
    expect(done.record.joint.review_opinion.open).toEqual({});
    expect(done.record.joint.review_opinion.rounds).toHaveLength(1);
    expect(Object.keys(done.record.joint.review_opinion.rounds[0].opinions)).toHaveLength(5);
    // The audit replays the whole case, opinions included.
    const audit = await ok(app.inject({ url: '/api/audit/verify', headers: { authorization: 'Bearer test-admin' } }));
    expect(audit.problems).toEqual([]);
  });

  it('one member against → 未通过; the housing department returns it, the enterprise revises, a new round starts empty', async () => {
    const c = await toReview();
    for (const m of MEMBERS.slice(0, 4)) await ok(review(m, c.id));
    const decided = await ok(review('xzspj-shuangqiao', c.id, false));
    expect(decided.state.id).toBe('not_passed');
    await ok(act('zjj-shuangqiao', c.id, 'return_for_correction', { reason: '按领导小组意见调整户型' }));
    await ok(act('qiye-zl', c.id, 'resubmit', { application: { ...PROJECT_EXAMPLE, units: [{ floorArea: 40, count: 100 }] } }));
    const again = await ok(act('zjj-shuangqiao', c.id, 'accept'));
    expect(again.state).toMatchObject({ id: 'joint_review', waitingFor: expect.arrayContaining(['county_approval']) });
    expect(again.state.waitingFor).toHaveLength(5);
    expect(again.record.joint.review_opinion.rounds).toHaveLength(1);
    expect(again.record.joint.review_opinion.rounds[0].to).toBe('not_passed');
  });

  it('issues a numbered 项目认定书 (PDF) listing the benefits with their articles; 用地 refused when the land rights do not change; acceptance waits for the hand-offs', async () => {
    const c = await toReview();
    for (const m of MEMBERS) await ok(review(m, c.id));
    const recognised = await ok(act('zjj-shuangqiao', c.id, 'issue_recognition'));
    expect(recognised.state.id).toBe('recognised');
    expect(recognised.record.recognition.benefits.map((b: any) => b.cites)).toContain(`${DOC} 三、（五）`);
    const cert = recognised.certificates.find((x: any) => x.id === 'project-recognition');
    expect(cert.available).toBe(true);
    const pdf = await app.inject({ url: cert.url, headers: api.as('qiye-zl') });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toMatch(/pdf/);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeGreaterThan(5000);
    await refused(
      act('zjj-shuangqiao', c.id, 'record_handoff', { step: 'land', department: '双桥区自然资源和规划局', reference: 'x' }),
      422,
      /不涉及土地权属变化.*不再办理用地手续（承市政办字〔2022〕48号 三、（二））/,
    );
    await ok(act('zjj-shuangqiao', c.id, 'record_handoff', { step: 'approval', department: '双桥区行政审批局', reference: '双审批备〔2026〕1号' }));
    await refused(
      act('zjj-shuangqiao', c.id, 'record_handoff', { step: 'approval', department: '双桥区行政审批局', reference: 'again' }),
      422,
      /立项手续已登记/,
    );
    await refused(
      act('zjj-shuangqiao', c.id, 'record_acceptance', { passed: true, participants: '住建', opinion: '合格' }),
      422,
      /尚未登记规划、施工、消防手续，不能联合验收/,
    );
  });

  it('refuses to recognise a project whose rent is not below the market rent, with the article', async () => {
    const c = await toReview({ rent: { planned: 25 } });
    for (const m of MEMBERS) await ok(review(m, c.id));
    await refused(
      act('zjj-shuangqiao', c.id, 'issue_recognition'),
      422,
      /不符合认定条件：承市政办字〔2022〕48号 二、（二）（计划租金 25 元\/平方米·月，不低于市场租金 25/,
    );
  });

  it('county parameters: recorded by the county housing department for its own county only, with the local document; absent values shown as absent', async () => {
    const key = 'rental_housing.exit_conditions';
    const body = {
      scope: '双桥区',
      effectiveFrom: '2026-01-01',
      value: '购买住房或不再在双桥区就业的，合同期满退出',
      source: '双政办字〔2026〕1号 双桥区保障性租赁住房管理办法',
    };
    await refused(setParameter('fgj-shuangqiao', key, body), 403, /由县住房和城乡建设局录入/);
    await refused(setParameter('zjj-shuangqiao', key, { ...body, scope: '滦平县' }), 403, /只能录入本县（双桥区）/);
    await refused(setParameter('zjj-shuangqiao', 'rental_housing.park_support_ratio_max_pct', { ...body, value: 20 }), 403, /由公报规定/);
    const bad = await setParameter('zjj-shuangqiao', 'rental_housing.small_unit_max_m2', { ...body, value: '很大', effectiveFrom: '2026-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toMatch(/生效日期/);
    const before = await ok(app.inject({ url: '/api/parameters?procedure=rental-housing' }));
    const entry = before.items.find((p: any) => p.key === key);
    expect(entry.local.counties.every((c: any) => c.current === null)).toBe(true);
    const saved = await ok(setParameter('zjj-shuangqiao', key, body));
    expect(saved.local.counties.find((c: any) => c.county === '双桥区').current).toMatchObject({ value: body.value, level: 'local', source: body.source });
    expect(saved.local.counties.find((c: any) => c.county === '滦平县').current).toBeNull();
    expect(saved.local.entries.at(-1)).toMatchObject({ county: '双桥区', enteredBy: '演示·双桥区住房和城乡建设局' });
    const small = before.items.find((p: any) => p.key === 'rental_housing.small_unit_max_m2');
    expect(small.gazette).toEqual([{ from: '2022-06-30', value: 70, cites: `${DOC} 二、（二）`, link: expect.stringContaining('#') }]);
  });

  it('rental register: letting checked against the county conditions, the 公租房 list and the market rent; a spot check drawn by the server; findings followed up', async () => {
    const c = await toOperating();
    const tenancy = {
      room: '3-101',
      floorArea: 35,
      tenant: { name: '林青', idNumber: '130802199505061025', phone: '13931400002' },
      household: 1,
      start: '2026-12-01',
      end: '2027-11-30',
      monthlyRent: 600,
      meetsCountyConditions: true,
    };
    // Before the county records its entry conditions (二、（六）), no letting can be checked: refused, saying so.
    await refused(act('qiye-zl', c.id, 'let_unit', tenancy), 422, /双桥区尚未录入保障性租赁住房准入条件.*二、（二）（六）/);
    await ok(
      setParameter('zjj-shuangqiao', 'rental_housing.entry_conditions', {
        scope: '双桥区',
        effectiveFrom: '2026-01-01',
        value: '在双桥区就业、无自有住房',
        source: '双桥区保障性租赁住房管理办法',
      }),
    );
    // A household in 公租房 may not rent (二、（五）).
    const listed = await ok(
      api.file(
        'zjj-shuangqiao',
        'rental-housing-public-rental',
        {
          county: '双桥区',
          head: { name: '吴海', idNumber: '130802198803120033' },
          members: [{ name: '吴妻', idNumber: '130802199001013011' }],
          since: '2024-03-01',
          source: '双桥区 2024 年第一批公租房保障家庭名单',
        },
        '测试：录入历史名单',
      ),
    );
    await refused(
      act('qiye-zl', c.id, 'let_unit', { ...tenancy, tenant: { name: '吴妻', idNumber: '130802199001013011', phone: '13931400003' } }),
      422,
      new RegExp(`承租人家庭已享受公租房保障（双桥区公租房保障家庭名单 ${listed.id}），不得申请保障性租赁住房（二、（五））`),
    );
    // 1 000 元 for 35 平方米 is 28.57 元/平方米·月, over the market rent of 25.
    await refused(act('qiye-zl', c.id, 'let_unit', { ...tenancy, monthlyRent: 1000 }), 422, /租金 28\.57 元\/平方米·月，不低于市场租金 25 元/);
    const let1 = await ok(act('qiye-zl', c.id, 'let_unit', tenancy));
    expect(let1.record.tenancies).toHaveLength(1);
    expect(let1.record.tenancies[0]).toMatchObject({ no: 'Z1', rentPerM2: 17.14 });
    // The tenant's identity is masked in every response.
    expect(findPersonalData(JSON.stringify(let1))).toEqual([]);
    await ok(act('qiye-zl', c.id, 'let_unit', { ...tenancy, room: '3-102', tenant: { name: '沈舟', idNumber: '130802199708182011', phone: '13931400004' } }));
    await refused(act('qiye-zl', c.id, 'let_unit', { ...tenancy, room: '3-103' }), 422, /该承租人在本项目已有未结束的租赁/);
    // The enterprise cannot draw; the county draws two of the county's lettings.
    await refused(
      app.inject({ method: 'POST', url: '/api/rental-housing/spot-checks', payload: { count: 2 }, headers: api.as('qiye-zl') }),
      403,
      /县住房和城乡建设部门/,
    );
    const draw = await ok(app.inject({ method: 'POST', url: '/api/rental-housing/spot-checks', payload: { count: 1 }, headers: api.as('zjj-shuangqiao') }));
    expect(draw.drawn).toHaveLength(1);
    expect(draw.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(drawFrom(draw.seed, draw.pool, 1)).toEqual(draw.drawn);
    expect(draw.pool).toContain(`${c.id}/Z1`);
    // Only this project is in operation: the drawn letting is one of its two.
    const [drawnId, t] = draw.drawn[0].split('/');
    expect(drawnId).toBe(c.id);
    const after = await ok(api.get('zjj-shuangqiao', c.id));
    expect(after.record.spotChecks.at(-1)).toMatchObject({ drawId: draw.drawId, tenancies: [t], seed: draw.seed, poolSize: 2 });
    // Not drawn: refused; a finding needs its measure.
    await refused(act('zjj-shuangqiao', c.id, 'record_spot_check', { drawId: draw.drawId, tenancy: 'Z99', result: 'ok' }), 422, /不在抽查批次/);
    await refused(act('zjj-shuangqiao', c.id, 'record_spot_check', { drawId: draw.drawId, tenancy: t, result: 'sublet' }), 422, /请填写处理措施/);
    const found = await ok(
      act('zjj-shuangqiao', c.id, 'record_spot_check', {
        drawId: draw.drawId,
        tenancy: t,
        result: 'sublet',
        note: '实际居住人非承租人',
        measure: '责令限期收回',
      }),
    );
    expect(found.flags.map((f: any) => f.code)).toContain('spot_check_open');
    const closed = await ok(act('zjj-shuangqiao', c.id, 'close_finding', { drawId: draw.drawId, tenancy: t, closure: '已收回房屋，重新配租' }));
    expect(closed.flags.map((f: any) => f.code)).not.toContain('spot_check_open');
    // The yearly assessment moves the rent check: a letting at 17.14 is over a new market rent of 17.
    const reassessed = await ok(
      act('zjj-shuangqiao', c.id, 'assess_market_rent', { value: 17, assessedBy: '双桥区住房和城乡建设局', document: '2026 年度市场租金评估' }),
    );
    expect(reassessed.flags.map((f: any) => f.code)).toContain('rent_not_below_market');
  });

  it('the yearly plan against the units recognised, per county; the enterprise and other counties see nothing of it', async () => {
    const plan = await ok(
      api.file(
        'zjj-shuangqiao',
        'rental-housing-plan',
        {
          county: '双桥区',
          year: 2026,
          targetUnits: 500,
          fiveYearTarget: 3000,
          document: '双桥区 2026 年保障性租赁住房年度建设计划',
          publishedOn: '2026-03-15',
        },
        '测试：补录已公布的计划',
      ),
    );
    await refused(
      api.file(
        'zjj-shuangqiao',
        'rental-housing-plan',
        { county: '双桥区', year: 2026, targetUnits: 10, fiveYearTarget: 3000, document: '重复的计划文件', publishedOn: '2026-03-16' },
        '测试',
      ),
      422,
      /已登记，请在原计划上调整/,
    );
    await ok(act('zjj-shuangqiao', plan.id, 'adjust', { targetUnits: 400, reason: '用地调整' }));
    const o = await ok(app.inject({ url: '/api/rental-housing/overview?year=2026', headers: api.as('zjj-shuangqiao') }));
    expect(o.counties).toHaveLength(1);
    const sq = o.counties[0];
    expect(sq).toMatchObject({ county: '双桥区', keyArea: true, plan: { target: 400 } });
    // Every project recognised in 2026 by the tests above counts its 100 units.
    expect(sq.recognisedUnits % 100).toBe(0);
    expect(sq.recognisedUnits).toBeGreaterThanOrEqual(200);
    expect(sq.progress).toBe(Math.round((sq.recognisedUnits / 400) * 1000) / 10);
    const city = await ok(app.inject({ url: '/api/rental-housing/overview?year=2026', headers: api.as('zjj-city') }));
    expect(city.counties.length).toBe(12);
    expect(city.counties.find((x: any) => x.county === '滦平县')).toMatchObject({
      plan: null,
      recognisedUnits: 0,
      missingParameters: expect.arrayContaining(['准入条件', '退出条件']),
    });
    await refused(app.inject({ url: '/api/rental-housing/overview', headers: api.as('qiye-zl') }), 403, /仅供住房和城乡建设部门/);
    await refused(app.inject({ url: '/api/rental-housing/overview?county=滦平县', headers: api.as('zjj-shuangqiao') }), 403, /只能查看本县/);
  });
});
