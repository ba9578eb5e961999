// 养老服务 (承市政字〔2022〕24号, 承市政办字〔2022〕47号): the rule cases of src/procedures/elderly/cases (ages
// and the 80th birthday, 29 February, who is a 特殊困难老年人, the 高龄津贴 roster of a month with and without a
// county standard), the quotes against the library, the register, visits and roster through the HTTP API on
// both databases, and `zhengwu elderly allowance-roster`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { parseGazette } from '../../src/gazette/parse.js';
import { findUnit } from '../../src/gazette/structure.js';
import { findPersonalData } from '../../src/engine/personal-data.js';
import { FactsSchema, elderlyModules } from '../../src/procedures/elderly/index.js';
import { factsOf, registerProcedure } from '../../src/procedures/elderly/register.js';
import { rateProcedure } from '../../src/procedures/elderly/rate.js';
import { filingProcedure } from '../../src/procedures/elderly/filing.js';
import { SERVICE_LIST, serviceListView, servicesFor } from '../../src/procedures/elderly/services.js';
import { allowanceRoster, type RateRow, type RegisterRow } from '../../src/procedures/elderly/views.js';
import { assessElderly, CATEGORIES, OPINION, PLAN, QUOTES, type Category } from '../../src/procedures/elderly/rules.js';
import { apiClient, testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';

const CASES_DIR = 'src/procedures/elderly/cases';
const base = JSON.parse(readFileSync(join(CASES_DIR, '_base.json'), 'utf8'));
const CASES = readdirSync(CASES_DIR)
  .filter((f) => f.endsWith('.json') && !f.startsWith('_'))
  .sort()
  .map((file) => ({ file, ...JSON.parse(readFileSync(join(CASES_DIR, file), 'utf8')) }));
const PERSON_CASES = CASES.filter((c) => c.kind === 'person');
const ROSTER_CASES = CASES.filter((c) => c.kind === 'roster');

/** A valid 身份证号 of 隆化县 for a birth date and a sequence (odd: a man, even: a woman). */
function idFor(birth: string, seq: number): string {
  const body = `130825${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((n, c, i) => n + Number(c) * w[i], 0);
  return body + '10X98765432'[sum % 11];
}

describe('elderly rule cases', () => {
  it('cover both sides of the 80th birthday, 29 February, every category and every roster outcome', () => {
    expect(new Set(PERSON_CASES.map((c) => c.expect.allowance).filter((x) => x !== undefined))).toEqual(new Set([true, false]));
    expect(new Set(PERSON_CASES.map((c) => c.expect.special).filter((x) => x !== undefined))).toEqual(new Set([true, false]));
    const cats = new Set(PERSON_CASES.flatMap((c) => ({ ...base, ...c.patch }).categories));
    expect(cats).toEqual(new Set(Object.keys(CATEGORIES)));
    expect(new Set(ROSTER_CASES.map((c) => c.expect.status).filter(Boolean))).toEqual(new Set(['turns80', 'continuing', 'left']));
    expect(new Set(ROSTER_CASES.map((c) => c.expect.included))).toEqual(new Set([true, false]));
  });

  it.each(PERSON_CASES.map((c) => [`${c.file} ${c.name}`, c] as const))('%s', (_n, c) => {
    const input = FactsSchema.parse({ ...base, ...c.patch });
    const categories: Partial<Record<Category, { source: string }>> = {};
    for (const k of input.categories) categories[k] = { source: '测试' };
    const r = assessElderly({ idNumber: input.idNumber, household: input.household, categories, asOf: input.asOf });
    const e = c.expect;
    if (e.age !== undefined) expect(r.age).toBe(e.age);
    if (e.turns80On) expect(r.turns80On).toBe(e.turns80On);
    if (e.allowance !== undefined) expect(r.allowance).toBe(e.allowance);
    if (e.special !== undefined) expect(r.special).toBe(e.special);
    for (const why of e.reasons ?? []) expect(r.reasons.join('；')).toContain(why);
    const facts = { idNumber: input.idNumber, household: input.household, categories, asOf: input.asOf };
    if (e.services) expect(servicesFor(facts).sort()).toEqual(e.services);
    const special = r.findings.find((f) => f.rule === 'special_difficulty')!;
    expect(special.outcome).toBe(r.special ? 'pass' : 'info');
    expect(special.cites).toBe(`${PLAN} 三、（一）2.`);
    expect(r.findings.find((f) => f.rule === 'high_age_allowance')!.cites).toBe(`${OPINION} 二、（二）1.（6）`);
  });

  it.each(ROSTER_CASES.map((c) => [`${c.file} ${c.name}`, c] as const))('%s', (_n, c) => {
    const row: RegisterRow = {
      id: 'LNR-1',
      state: c.person.leaving ? c.person.leaving.kind : 'active',
      county: '隆化县',
      township: '汤头沟镇',
      village: '大汤头沟村',
      application: {
        person: { name: '测试', idNumber: c.person.idNumber },
        place: { county: '隆化县', township: '汤头沟镇', village: '大汤头沟村' },
        household: 'alone',
        categories: [],
        enteredOn: c.person.enteredOn,
      },
      record: c.person.leaving ? { leaving: { ...c.person.leaving, note: '' } } : {},
    };
    const rates: RateRow[] = c.rates.map((r: any, i: number) => ({
      id: `R-${i}`,
      state: r.state,
      application: { county: '隆化县', enteredOn: '2026-01-01', ...r },
    }));
    // A person who moved within the county: the old entry, closed by the move.
    const before: RegisterRow[] = c.movedFrom
      ? [
          {
            ...row,
            id: 'LNR-0',
            state: 'moved',
            village: c.movedFrom.village,
            application: { ...row.application, enteredOn: '2020-01-02' },
            record: { leaving: { kind: 'moved', on: c.movedFrom.on, note: '' } },
          },
        ]
      : [];
    const roster = allowanceRoster([...before, row], rates, '隆化县', c.month);
    const line = roster.lines[0];
    const e = c.expect;
    expect(Boolean(line)).toBe(e.included);
    if (c.movedFrom) {
      expect(roster.totals.amount).toBe(e.total);
      expect(roster.lines.map((l) => [l.village, l.days])).toEqual(e.daysByEntry);
    }
    if (e.amountStatus) expect(roster.amountStatus).toBe(e.amountStatus);
    if (!line) return;
    if (e.status) expect(line.status).toBe(e.status);
    if (e.entitledFrom) expect(line.entitledFrom).toBe(e.entitledFrom);
    if (e.stopOn) expect(line.stopOn).toBe(e.stopOn);
    if (e.days !== undefined) expect(line.days).toBe(e.days);
    if ('amount' in e) expect(line.amount).toBe(e.amount);
    if (line.amount === null) expect(line.note).toMatch(/金额未设定|按文件核定/);
    expect(line.idNumber).not.toBe(c.person.idNumber);
  });
});

describe('citations against the library', () => {
  const docs = parseGazette(readFileSync('data/gazettes/2022-04.txt')).documents;
  const quotes = Object.entries(QUOTES).flatMap(([doc, qs]) => Object.entries(qs).map(([anchor, text]) => [doc, anchor, text] as const));
  it.each(quotes)('%s %s: the quote is the text', (doc, anchor, text) => {
    const d = docs.find((x) => x.number === doc)!;
    const unit = findUnit(d.units, anchor.split('#')[0]);
    expect(unit, anchor).not.toBeNull();
    expect(unit!.text).toContain(text);
  });
  const serviceQuotes = SERVICE_LIST.flatMap((s) => s.citations.map((c) => [s.name, c.citation.document, c.citation.article, c.quote] as const));
  it.each(serviceQuotes)('基本养老服务清单 %s: %s %s quotes the text', (_name, doc, anchor, quote) => {
    const unit = findUnit(docs.find((x) => x.number === doc)!.units, anchor);
    expect(unit, anchor).not.toBeNull();
    expect(unit!.text).toContain(quote);
  });
  it('the service list gives 服务对象、服务内容、服务标准、支出责任 for each item and invents no amount', () => {
    for (const s of serviceListView()) {
      for (const f of ['recipients', 'content', 'standard', 'spending', 'responsible'] as const) expect(s[f].length, `${s.name} ${f}`).toBeGreaterThan(1);
      expect(s.citations.length).toBeGreaterThan(0);
      expect(`${s.standard}${s.spending}`).not.toMatch(/\d+\s*元/);
    }
  });
  it('every action and FAQ cites a quoted anchor', () => {
    const cited = [
      ...registerProcedure.actions.map((a) => a.citation),
      ...rateProcedure.actions.map((a) => a.citation),
      ...filingProcedure.actions.map((a) => a.citation),
      ...(filingProcedure.materials ?? []).map((m) => m.citation),
      ...elderlyModules.flatMap((m) => (m.ui.faqs ?? []).map((f) => f.citation)),
    ];
    for (const c of cited) expect(QUOTES[c.document]?.[c.article + (c.item ?? '')], `${c.document} ${c.article}`).toBeTruthy();
  });
  it('the target 月探访率 100 % is row 6 of the plan’s table and 二、（一）6. of the opinion; 高龄 is 80 周岁以上', () => {
    const table = docs.find((x) => x.number === PLAN)!.tables.find((t: any) => t.unitAnchor === '二、（三）')!;
    expect(table.rows[5]).toEqual(['6.特殊困难老年人月探访率（%）', '100', '预期性']);
    expect(QUOTES[OPINION]['二、（一）6.']).toContain('100%');
    expect(QUOTES[OPINION]['二、（二）1.（6）']).toContain('80周岁以上');
    // Neither document sets an amount: no 元 in the texts the allowance rests on.
    expect(findUnit(docs.find((x) => x.number === OPINION)!.units, '二、（二）1.（6）')!.text).not.toMatch(/\d+\s*元/);
  });
});

const TODAY = '2026-11-27';
const DTGT = { county: '隆化县', township: '汤头沟镇', village: '大汤头沟村' };
const XY = { ...DTGT, village: '西窑村' };
const person = (name: string, idNumber: string, place = DTGT, o: { household?: string; categories?: unknown[]; enteredOn?: string } = {}) => ({
  person: { name, idNumber, phone: '13912345678' },
  place,
  household: o.household ?? 'alone',
  categories: o.categories ?? [{ category: 'dibao', source: '隆化县民政局低保名册', since: '2020-03-01' }],
  enteredOn: o.enteredOn ?? '2026-11-02',
});

describe.each(ENGINES)('老年人名册、探访与高龄津贴 on %s', (engine) => {
  let app: FastifyInstance;
  let api: ReturnType<typeof apiClient>;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    platform = await testPlatform(engine, {
      today: TODAY,
      gazettes: ['data/gazettes/2022-04.txt'],
      users: ['cwh-dtgt', 'cwh-xy', 'township-tgt', 'township-hmy', 'mzj-longhua', 'mzj-city', 'county', 'admin', 'ylfw-tgt', 'pgjg-longhua'],
    });
    ({ app, api } = platform);
  });
  afterAll(async () => {
    await platform?.close();
  });
  const ok = (p: Promise<{ statusCode: number; json: () => any; body: string }>) => api.ok(p);
  const get = (user: string, url: string) => app.inject({ url, headers: api.as(user) });

  it('a village enters its older people; the 身份证号 and phone are masked; only its area reads them', async () => {
    const wang = await ok(api.file('cwh-dtgt', 'elderly-register', person('王桂兰', idFor('1946-12-15', 2))));
    ids.wang = wang.id;
    expect(wang.state.id).toBe('active');
    const text = JSON.stringify(wang);
    expect(findPersonalData(text)).toEqual([]);
    expect(text).toContain('130825********0025'.slice(0, 6));
    // The rules on the entry: a 低保 woman living alone is a 特殊困难老年人; she turns 80 on 2026-12-15.
    const msgs = wang.assessment.findings.map((f: any) => f.message).join('\n');
    expect(msgs).toMatch(/属特殊困难老年人：经济困难（最低生活保障对象）的独居（空巢）老年人/);
    expect(msgs).toMatch(/2026-12-15 满 80 周岁/);
    ids.li = (await ok(api.file('cwh-dtgt', 'elderly-register', person('李德福', idFor('1941-05-03', 1), DTGT, { household: 'with_family' })))).id; // 85, 高龄 on 低保
    ids.zhao = (
      await ok(api.file('cwh-dtgt', 'elderly-register', person('赵玉珍', idFor('1956-01-10', 2), DTGT, { household: 'with_family', categories: [] })))
    ).id; // 70, not special
    ids.sun = (await ok(api.file('cwh-xy', 'elderly-register', person('孙秀英', idFor('1950-07-07', 2), XY)))).id; // 西窑村, alone on 低保

    // Nobody is entered twice (the roster would pay twice), not even by another village.
    const twice = await api.file('cwh-xy', 'elderly-register', person('王桂兰', idFor('1946-12-15', 2), XY));
    expect(twice.statusCode).toBe(422);
    expect(twice.json().message).toMatch(/王桂兰已在隆化县汤头沟镇大汤头沟村的老年人名册中（在册），不能重复登记/);
    // A village cannot enter people of another village.
    const other = await api.file('cwh-xy', 'elderly-register', person('钱某', idFor('1950-07-08', 1)));
    expect(other.statusCode).toBe(403);
    for (const [user, sees] of [
      ['cwh-dtgt', true],
      ['cwh-xy', false],
      ['township-tgt', true],
      ['township-hmy', false],
      ['mzj-longhua', true],
      ['mzj-city', true],
      ['county', false],
    ] as const) {
      expect((await api.get(user, ids.wang)).statusCode, user).toBe(sees ? 200 : 404);
    }
  });

  it('the 基本养老服务清单 is public, each item with its articles; a person’s line lists the services they may receive', async () => {
    const list = await ok(app.inject({ url: '/api/elderly/services' }));
    expect(list.items.map((i: any) => i.id)).toEqual(SERVICE_LIST.map((i) => i.id));
    expect(list.items.find((i: any) => i.id === 'high_age_allowance')).toMatchObject({
      recipients: '80周岁以上老年人（自满 80 周岁之日起）',
      standard: expect.stringMatching(/^文件未规定/),
      citations: [expect.objectContaining({ cites: `${PLAN} 三、（一）3.` }), expect.objectContaining({ cites: `${OPINION} 二、（二）1.（6）` })],
    });
    const v = await ok(get('cwh-dtgt', '/api/elderly/visits?month=2026-11'));
    const wang = v.people.find((p: any) => p.name === '王桂兰');
    expect(wang.services).toEqual(['ability_assessment', 'regular_visits', 'public_institution', 'family_doctor', 'emergency_call']);
    expect(v.people.find((p: any) => p.name === '李德福').services).toContain('high_age_allowance');
  });

  it('refuses a bad 身份证号 and a place outside the area tree, naming the field', async () => {
    const bad = await api.file('cwh-dtgt', 'elderly-register', person('错号', '130825194612150020'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: any) => d.field)).toContain('person.idNumber');
    const nowhere = await api.file('cwh-dtgt', 'elderly-register', person('无村', idFor('1950-01-01', 1), { ...DTGT, village: '不存在村' }));
    expect(nowhere.statusCode).toBe(400);
  });

  const visitRate = async () => {
    const list = await ok(get('admin', '/api/plans/indicators?year=2025'));
    const ind = list.indicators.filter((i: any) => i.name.includes('特殊困难老年人月探访率'));
    expect(ind.length).toBeGreaterThan(0);
    const details = await Promise.all(ind.map((i: any) => ok(app.inject({ url: `/api/plans/indicators/${encodeURIComponent(i.id)}` }))));
    // The table row (24号) and its restatement (47号 二、（一）6.) show the same computed figure, to anyone.
    expect(new Set(details.map((d: any) => JSON.stringify(d.computed))).size).toBe(1);
    // The list of indicators (the plan page) carries the same figure beside the reported ones.
    for (const i of ind) expect(i.computed).toMatchObject({ value: details[0].computed.value, unit: '%', period: details[0].computed.period });
    return details[0].computed;
  };

  it('the plan indicator 月探访率 is counted from the register before any visit: 0 of 3', async () => {
    const c = await visitRate();
    expect(c).toMatchObject({ value: 0, unit: '%', computedAt: TODAY, numerator: { count: 0 }, denominator: { count: 3 } });
    expect(c.period).toBe('2026-11（截至 2026-11-27）');
    expect(c.formula).toMatch(/÷/);
    expect(c.cites).toEqual([`${PLAN} 二、（三）`, `${OPINION} 二、（一）6.`]);
    expect(c.previous).toEqual({ period: '2026-10', value: null, numerator: 0, denominator: 0 }); // nobody on the register yet
    expect(findPersonalData(JSON.stringify(c))).toEqual([]);
    expect(JSON.stringify(c)).not.toContain('王桂兰');
  });

  it('visits: the village records one on a day; the 月探访率 and who is overdue, per village, township and county', async () => {
    let v = await ok(get('cwh-dtgt', '/api/elderly/visits?month=2026-11'));
    // 王桂兰 and 李德福 are special in 大汤头沟村 (赵玉珍 is not); nobody visited yet.
    const village = (o: any, name: string) => o.villages.find((x: any) => x.village === name);
    expect(village(v, '大汤头沟村')).toMatchObject({ special: 2, visited: 0, rate: 0 });
    expect(
      village(v, '大汤头沟村')
        .overdue.map((p: any) => p.name)
        .sort(),
    ).toEqual(['李德福', '王桂兰']);
    expect(village(v, '西窑村')).toBeUndefined(); // another village's people are not the village's to see
    expect(findPersonalData(JSON.stringify(v))).toEqual([]);

    // Not yet visited this month: flagged on the case, with the article.
    const before = await ok(api.get('cwh-dtgt', ids.wang));
    expect(before.flags).toEqual([
      expect.objectContaining({ code: 'visit_due', message: expect.stringMatching(/本月（2026-11）尚未探访（尚无探访记录）/), cites: `${PLAN} 三、（一）3.` }),
    ]);
    expect((await ok(api.get('cwh-dtgt', ids.zhao))).flags).toEqual([]); // not in difficulty
    const visited = await ok(
      api.act('cwh-dtgt', ids.wang, 'visit', '2026-11-20', {
        visitor: '刘桂芝（村妇联主任）',
        method: 'home',
        found: '独居，身体尚可，冬季取暖煤不足',
        help: '联系镇民政办送煤 500 公斤',
        risk: true,
      }),
    );
    expect(visited.state.id).toBe('active');
    expect(visited.flags).toEqual([]);
    expect(visited.record.visits).toEqual([
      expect.objectContaining({ on: '2026-11-20', method: 'home', found: '独居，身体尚可，冬季取暖煤不足', risk: true, by: expect.any(String) }),
    ]);
    // A visit needs what was found.
    expect((await api.act('cwh-dtgt', ids.li, 'visit', TODAY, { visitor: '刘桂芝', method: 'phone', found: '' })).statusCode).toBe(400);
    // Another village cannot record a visit here.
    expect((await api.act('cwh-xy', ids.li, 'visit', TODAY, { visitor: '某', method: 'phone', found: '电话问候' })).statusCode).toBe(404);

    v = await ok(get('township-tgt', '/api/elderly/visits?month=2026-11'));
    expect(village(v, '大汤头沟村')).toMatchObject({ special: 2, visited: 1, rate: 50 });
    expect(village(v, '大汤头沟村').overdue.map((p: any) => p.name)).toEqual(['李德福']);
    expect(village(v, '西窑村')).toMatchObject({ special: 1, visited: 0, rate: 0 });
    expect(v.townships).toEqual([{ county: '隆化县', township: '汤头沟镇', special: 3, visited: 1, rate: 33.3 }]);
    expect(v.total).toMatchObject({ special: 3, visited: 1, rate: 33.3 });
    expect(v.target).toBe(100);
    // December: the November visit does not count.
    const dec = await ok(get('mzj-longhua', '/api/elderly/visits?month=2026-12'));
    expect(dec.total).toMatchObject({ special: 3, visited: 0, rate: 0 });
    expect((await get('county', '/api/elderly/visits')).statusCode).toBe(403);
    // The plan indicator moved with the visit, per county and township too.
    const c = await visitRate();
    expect(c).toMatchObject({ value: 33.3, numerator: { count: 1 }, denominator: { count: 3 } });
    expect(c.breakdown).toEqual([
      { label: '隆化县', value: 33.3, numerator: 1, denominator: 3 },
      { label: '隆化县 汤头沟镇', value: 33.3, numerator: 1, denominator: 3 },
    ]);
  });

  it('an update of household or categories changes who is special, with its reason kept', async () => {
    const r = await ok(
      api.act('cwh-dtgt', ids.zhao, 'update', TODAY, {
        household: 'left_behind',
        categories: [{ category: 'low_income', source: '隆化县民政局低收入家庭认定', since: '2026-11-15' }],
        reason: '子女外出务工，新认定为低收入家庭',
      }),
    );
    expect(r.record.changes[0].what).toMatch(/与子女或其他亲属同住 → 留守（子女长期外出）/);
    const v = await ok(get('cwh-dtgt', `/api/elderly/visits?month=2026-11`));
    expect(v.villages.find((x: any) => x.village === '大汤头沟村')).toMatchObject({ special: 3, visited: 1 });
    const same = await api.act('cwh-dtgt', ids.zhao, 'update', TODAY, {
      household: 'left_behind',
      categories: [{ category: 'low_income', source: '隆化县民政局低收入家庭认定', since: '2026-11-15' }],
      reason: '再次提交',
    });
    expect(same.statusCode).toBe(422);
  });

  it('能力综合评估 (三、（一）1.): the agency records the result; a valid finding of 失能 counts for the rules until it expires', async () => {
    const qian = await ok(api.file('cwh-dtgt', 'elderly-register', person('钱秀兰', idFor('1955-03-03', 2), DTGT, { household: 'with_family' })));
    const line = async () => (await ok(get('cwh-dtgt', '/api/elderly/visits?month=2026-11'))).people.find((p: any) => p.name === '钱秀兰');
    expect((await line()).special).toBe(false); // 低保, with her family, 71: not in difficulty
    const result = { standard: '（测试）国家标准名称及编号', level: '中度失能', disabled: true, validUntil: '2027-11-26' };
    expect((await api.act('cwh-dtgt', qian.id, 'assess_ability', TODAY, result)).statusCode).toBe(403);
    expect((await api.act('pgjg-longhua', qian.id, 'assess_ability', TODAY, { ...result, validUntil: TODAY })).statusCode).toBe(422);
    const r = await ok(api.act('pgjg-longhua', qian.id, 'assess_ability', TODAY, result));
    expect(r.record.assessments).toEqual([{ on: TODAY, agency: '隆化县某老年人能力评估机构', ...result }]);
    const l = await line();
    expect(l.special).toBe(true);
    expect(l.reasons.join()).toMatch(/失能/);
    expect(l.services).toContain('care_subsidy');
    expect(l.assessment).toMatchObject({ level: '中度失能', validUntil: '2027-11-26' });
    // After its validity the finding no longer counts.
    const row = { application: person('钱秀兰', idFor('1955-03-03', 2)) as any, record: r.record };
    expect(factsOf(row, '2027-11-26').categories.disabled_care?.source).toMatch(/老年人能力综合评估（隆化县某老年人能力评估机构，2026-11-27：中度失能）/);
    expect(factsOf(row, '2027-11-27').categories.disabled_care).toBeUndefined();
    await ok(api.act('cwh-dtgt', qian.id, 'leave', TODAY, { kind: 'moved', on: TODAY, note: '随子女迁往双桥区' }));
  });

  it('the 高龄津贴 roster: 金额未设定 without a county standard; with one, the amounts; a death stops it on its day', async () => {
    let roster = await ok(get('mzj-longhua', '/api/elderly/allowance?month=2026-12'));
    expect(roster.amountStatus).toBe('金额未设定');
    expect(roster.lines.map((l: any) => [l.name, l.status, l.entitledFrom, l.amount])).toEqual([
      ['李德福', 'continuing', '2021-05-03', null],
      ['王桂兰', 'turns80', '2026-12-15', null],
    ]);
    expect(roster.totals).toMatchObject({ people: 2, turns80: 1, amount: null });

    // Only the 县民政局 enters the standard, with its document.
    const rate = {
      county: '隆化县',
      monthlyAmount: 100,
      partialMonth: 'by_day',
      document: '测试用文件（非真实标准）',
      effectiveFrom: '2026-01-01',
      enteredOn: TODAY,
    };
    expect((await api.file('township-tgt', 'elderly-allowance-rate', rate)).statusCode).toBe(403);
    const noDoc = await api.file('mzj-longhua', 'elderly-allowance-rate', { ...rate, document: '' });
    expect(noDoc.statusCode).toBe(400);
    await ok(api.file('mzj-longhua', 'elderly-allowance-rate', rate));
    roster = await ok(get('township-tgt', '/api/elderly/allowance?month=2026-12'));
    expect(roster.standard).toMatchObject({ monthlyAmount: 100, document: '测试用文件（非真实标准）', effectiveFrom: '2026-01-01' });
    expect(roster.lines.map((l: any) => [l.name, l.days, l.amount])).toEqual([
      ['李德福', 31, 100],
      ['王桂兰', 17, 54.84],
    ]);
    expect(roster.totals.amount).toBe(154.84);

    // 李德福 dies on 2026-11-25: not on December's roster; on November's with his stop date.
    const left = await ok(api.act('cwh-dtgt', ids.li, 'leave', TODAY, { kind: 'deceased', on: '2026-11-25', note: '病故' }));
    expect(left.state.id).toBe('deceased');
    expect((await api.act('cwh-dtgt', ids.li, 'visit', TODAY, { visitor: '某', method: 'phone', found: '电话问候' })).statusCode).toBe(409);
    roster = await ok(get('mzj-longhua', '/api/elderly/allowance?month=2026-12'));
    expect(roster.lines.map((l: any) => l.name)).toEqual(['王桂兰']);
    const nov = await ok(get('mzj-longhua', '/api/elderly/allowance?month=2026-11'));
    expect(nov.lines).toEqual([expect.objectContaining({ name: '李德福', status: 'left', stopOn: '2026-11-25', stopReason: '死亡', days: 25, amount: 83.33 })]);
    // The dead are no longer counted among those to visit.
    const v = await ok(get('cwh-dtgt', '/api/elderly/visits?month=2026-11'));
    expect(v.villages.find((x: any) => x.village === '大汤头沟村').overdue.map((p: any) => p.name)).not.toContain('李德福');
    // A leaving date after today is refused.
    expect((await api.act('cwh-dtgt', ids.zhao, 'leave', TODAY, { kind: 'moved', on: '2026-12-01' })).statusCode).toBe(422);
  });

  it('the city reads any county’s roster by name; a county only its own; the village none', async () => {
    expect((await get('mzj-city', '/api/elderly/allowance?month=2026-12')).statusCode).toBe(400);
    const city = await ok(get('mzj-city', `/api/elderly/allowance?month=2026-12&county=${encodeURIComponent('隆化县')}`));
    expect(city.lines.map((l: any) => l.name)).toEqual(['王桂兰']);
    expect((await get('mzj-longhua', `/api/elderly/allowance?month=2026-12&county=${encodeURIComponent('滦平县')}`)).statusCode).toBe(403);
    expect((await get('cwh-dtgt', '/api/elderly/allowance?month=2026-12')).statusCode).toBe(403);
    expect((await get('mzj-longhua', '/api/elderly/allowance?month=2026-13')).statusCode).toBe(400);
  });

  it('备案信用承诺 (三、（四）2.): the institution files for itself, the 县民政局 records it, the commitment and its fulfilment are public; the contact is not', async () => {
    const filing = {
      institution: { name: '隆化县汤头沟镇某养老服务中心', creditCode: '52130825MJ1234567X', kind: 'institution', beds: 60 },
      place: DTGT,
      address: '大汤头沟村',
      services: '生活照料、助餐、康复护理',
      commitment: { agreed: true, text: '本中心按照养老机构服务安全基本规范等国家标准开展服务，接受社会监督。' },
      contact: { name: '周院长', phone: '13812345678' },
      filedOn: TODAY,
    };
    // Only for itself, and only with the commitment.
    const other = await api.file('ylfw-tgt', 'elderly-institution-filing', { ...filing, institution: { ...filing.institution, name: '别的养老院' } });
    expect(other.statusCode).toBe(422);
    expect(other.json().message).toMatch(/只能为本单位（隆化县汤头沟镇某养老服务中心）备案/);
    const noPromise = await api.file('ylfw-tgt', 'elderly-institution-filing', { ...filing, commitment: { agreed: false, text: filing.commitment.text } });
    expect(noPromise.statusCode).toBe(400);
    expect(noPromise.json().details.map((d: any) => d.field)).toContain('commitment.agreed');

    const c = await ok(api.file('ylfw-tgt', 'elderly-institution-filing', filing));
    expect(c.state.id).toBe('received');
    expect((await ok(app.inject({ url: '/api/elderly/commitments' }))).items).toEqual([]); // not public before it is recorded
    expect((await api.act('township-tgt', c.id, 'record', TODAY)).statusCode).toBe(404); // the 备案 is the county's
    await ok(api.act('mzj-longhua', c.id, 'record', TODAY));
    await ok(api.act('mzj-longhua', c.id, 'credit', TODAY, { result: 'broken', basis: '“双随机、一公开”抽查', finding: '消防通道堆放杂物，未按承诺整改' }));
    const pub = await ok(app.inject({ url: `/api/elderly/commitments?county=${encodeURIComponent('隆化县')}` }));
    expect(pub.items).toEqual([
      expect.objectContaining({
        name: '隆化县汤头沟镇某养老服务中心',
        creditCode: '52130825MJ1234567X',
        commitment: filing.commitment.text,
        statement: expect.stringContaining('按有关法律、法规和国家标准开展服务活动'),
        recordedOn: TODAY,
        credit: [expect.objectContaining({ on: TODAY, result: 'broken', resultLabel: '未履行承诺（失信）', by: '隆化县民政局' })],
      }),
    ]);
    expect(JSON.stringify(pub)).not.toMatch(/周院长|13812345678|138\*\*\*\*5678/);
  });

  it('exports the month’s roster to Excel for the finance office, personal data masked', async () => {
    const r = await get('mzj-longhua', '/api/elderly/allowance.xlsx?month=2026-12');
    expect(r.statusCode).toBe(200);
    expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain('高龄津贴名册-隆化县-2026-12.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as never);
    const sheet = wb.worksheets[0];
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((x) => String(x ?? ''))));
    expect(rows[0]).toContain('享受起始日（满80周岁）');
    const wang = rows.find((x) => x.includes('王桂兰'))!;
    expect(wang).toEqual(expect.arrayContaining(['2026-12-15', '54.84']));
    expect(rows.at(-1)).toEqual(expect.arrayContaining(['合计', '54.84']));
    expect(findPersonalData(rows.flat().join('\n'))).toEqual([]);
  });
});

describe('zhengwu elderly allowance-roster (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhengwu-elderly-'));
  const env = { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'cli.sqlite')}` };
  const run = (...args: string[]) => spawnSync(process.execPath, ['bin/zhengwu.js', ...args], { env, encoding: 'utf8' });

  beforeAll(async () => {
    // A register of 大汤头沟村 filed through the server as the village would: 王桂兰 turns 80 on 2026-12-15, 李德福 is 85.
    const { openDb } = await import('../../src/db/connection.js');
    const { buildApp } = await import('../../src/server/app.js');
    const { openCalendar } = await import('../../src/calendar/service.js');
    const { ensureDemoData } = await import('../../src/server/demo.js');
    const db = await openDb(env.DATABASE_URL);
    await ensureDemoData(db);
    const app = await buildApp({ db, calendar: await openCalendar(db), adminToken: 'test-admin', webRoot: '/nonexistent', today: () => '2026-11-02' });
    const api = apiClient(app, 'test-admin');
    await api.signIn(['cwh-dtgt']);
    await api.ok(api.file('cwh-dtgt', 'elderly-register', person('王桂兰', idFor('1946-12-15', 2))));
    await api.ok(api.file('cwh-dtgt', 'elderly-register', person('李德福', idFor('1941-05-03', 1))));
    await api.ok(api.file('cwh-dtgt', 'elderly-register', person('赵玉珍', idFor('1956-01-10', 2))));
    await app.close();
    await db.close();
  });

  it('--json prints the month’s roster per county: entitled from the 80th birthday, 金额未设定 without a standard, masked', () => {
    const r = run('elderly', 'allowance-roster', '--month', '2026-12', '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.month).toBe('2026-12');
    expect(out.counties).toHaveLength(1);
    const c = out.counties[0];
    expect(c).toMatchObject({ county: '隆化县', from: '2026-12-01', to: '2026-12-31', standard: null, amountStatus: '金额未设定' });
    expect(c.lines.map((l: any) => [l.name, l.status, l.entitledFrom, l.days, l.amount])).toEqual([
      ['李德福', 'continuing', '2021-05-03', 31, null],
      ['王桂兰', 'turns80', '2026-12-15', 17, null],
    ]);
    expect(c.totals).toEqual({ people: 2, turns80: 1, left: 0, amount: null });
    expect(findPersonalData(r.stdout)).toEqual([]);
  });

  it('assess --json: age, the 80th birthday, the allowance, who is special and the services, each finding with its article and words', () => {
    const f = join(dir, 'p.json');
    writeFileSync(f, JSON.stringify({ idNumber: idFor('1946-12-15', 2), household: 'alone', categories: ['dibao'], asOf: '2026-12-15' }));
    const r = run('elderly', 'assess', f, '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ age: 80, turns80On: '2026-12-15', allowance: true, special: true });
    expect(out.services.map((s: any) => s.id)).toContain('high_age_allowance');
    for (const x of out.findings) expect(x.citation.text.length).toBeGreaterThan(5);
    expect(findPersonalData(r.stdout)).toEqual([]);
    writeFileSync(f, JSON.stringify({ idNumber: idFor('1946-12-15', 2), household: 'somewhere', asOf: '2026-12-15' }));
    const bad = run('elderly', 'assess', f);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/household/);
  });

  it('prints the roster in Chinese without --json; refuses a bad month or county, naming it', () => {
    const text = run('elderly', 'allowance-roster', '--month', '2026-12');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/隆化县：2 人（本月满 80 周岁 1 人，停发 0 人），金额未设定/);
    expect(text.stdout).toMatch(/王桂兰 .* 自 2026-12-15 起 本月满 80 周岁（新增） 金额未设定/);
    const bad = run('elderly', 'allowance-roster', '--month', '2026-13', '--json');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/month：月份“2026-13”格式应为 YYYY-MM/);
    const county = run('elderly', 'allowance-roster', '--month', '2026-12', '--county', '不存在县');
    expect(county.status).toBe(1);
    expect(county.stderr).toMatch(/county/);
  });
});
