// Indicators and tasks of the nine plans, read from the parsed sample issue
// and checked row by row against its tables.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGazette } from '../../src/gazette/parse.js';
import type { GazetteDocument } from '../../src/gazette/types.js';
import { extractPlans, type Indicator } from '../../src/plans/extract.js';
import { parseFigure } from '../../src/plans/figures.js';
import { normalizeUnit, parseResponsibility } from '../../src/plans/units.js';

const parsed = parseGazette(readFileSync('data/gazettes/2022-04.txt'));
const docs = parsed.documents;
const { indicators, tasks } = extractPlans(docs);
const doc = (n: string) => docs.find((d) => d.number === n) as GazetteDocument;
const byId = (id: string) => indicators.find((i) => i.id === id) as Indicator;
const clean = (s: string) =>
  s
    .replace(/\s+/g, '')
    .replace(/_\{([^}]*)\}/g, '$1')
    .replace(/[()]/g, (c) => (c === '(' ? '（' : '）'));

describe('indicator tables, row by row', () => {
  const cases: [string, number, string, number][] = [
    // document, table index, id prefix, rows
    ['承市政字〔2022〕16号', 0, 'z2022-16-t1-', 18],
    ['承市政字〔2022〕16号', 1, 'z2022-16-t2-', 19],
    ['承市政字〔2022〕24号', 0, 'z2022-24-t1-', 10],
    ['承市政办字〔2022〕49号', 0, 'b2022-49-t1-', 7],
    ['承市政办字〔2022〕51号', 0, 'b2022-51-t1-', 27],
  ];
  it.each(cases)('%s table %i: one indicator per printed row, figures as printed', (number, index, prefix, count) => {
    const t = doc(number).tables[index];
    expect(t.rows).toHaveLength(count);
    const header = t.header.map(clean);
    const nameCol = header.findIndex((h) => /^(二级)?指标$/.test(h));
    const targetCol = header.findIndex((h) => /2025年(目标值|指标值)|^2025年$|2020年目标值/.test(h));
    t.rows.forEach((row, r) => {
      const ind = byId(`${prefix}${r + 1}`);
      expect(ind, `row ${r + 1}`).toBeDefined();
      expect(ind.document).toBe(number);
      expect(ind.citation.row).toBe(r + 1);
      expect(ind.citation.table).toBe(t.caption);
      expect(ind.citation.anchor).toBe(t.unitAnchor);
      // The name is the printed name cell (less its row number and unit).
      expect(clean(row[nameCol])).toContain(ind.name.replace(/\*/g, ''));
      // The target is the printed cell, its value read from it.
      expect(ind.target.text).toBe(clean(row[targetCol]));
      expect(ind.target.value).toBe(parseFigure(row[targetCol]).value);
    });
  });

  it('表1-1 keeps the 十三五 results and their printed assessment', () => {
    const pm = byId('z2022-16-t1-6');
    expect(pm).toMatchObject({
      period: '十三五',
      name: '市区细颗粒物（PM2.5）浓度',
      unit: 'ug/m³',
      target: { year: 2020, value: 35 },
      attribute: '约束性',
      comparison: 'lte',
      direction: 'lower',
    });
    expect(pm.result).toEqual({ year: 2020, value: 27, text: '27', assessment: '完成' });
    expect(byId('z2022-16-t1-13').flags.map((f) => f.code)).toContain('no_result');
  });

  it("表2-1: baseline 2020, target 2025, attribute, blank targets flagged and the other plan's figure shown but not adopted", () => {
    expect(byId('z2022-16-t2-7')).toMatchObject({
      name: '城镇生活垃圾无害化处理率',
      unit: '%',
      baseline: { year: 2020, value: 95, text: '95' },
      target: { year: 2025, value: 100, text: '100' },
      attribute: '约束性',
      comparison: 'gte',
    });
    expect(byId('z2022-16-t2-5')).toMatchObject({ name: '地表水劣Ⅴ类水体比例', comparison: 'lte', direction: 'lower' });
    const energy = byId('z2022-16-t2-14');
    expect(energy.target).toEqual({ year: 2025, value: null, text: '' });
    expect(energy.flags.map((f) => f.code)).toContain('blank_target');
    expect(energy.flags.map((f) => f.message).join()).toMatch(/承市政字〔2022〕26号 二、载明"比2020年下降17\.5%"（未自动采用）/);
    expect(byId('z2022-16-t2-15').flags.map((f) => f.code)).toEqual(['blank_target']);
    expect(byId('z2022-16-t2-1')).toMatchObject({ comparison: 'status', direction: 'lower', target: { value: null, text: '完成省定目标任务' } });
    expect(byId('z2022-16-t2-9').alsoStatedIn.map((c) => c.document)).toEqual(['承市政字〔2022〕26号']);
  });

  it('51号: units inside the figures, no attribute column, a target below its baseline and a baseline on another base year are flagged', () => {
    expect(byId('b2022-51-t1-8')).toMatchObject({
      name: '3岁以下儿童系统管理率',
      baseline: { value: 90.09 },
      target: { value: 91 },
      attribute: null,
      category: '防控出生缺陷和发育障碍致残',
    });
    expect(byId('b2022-51-t1-1')).toMatchObject({ comparison: 'gt', target: { value: 80, text: '>80%' }, baseline: { value: null, text: '—' } });
    expect(byId('b2022-51-t1-15').flags.map((f) => f.code)).toEqual(['target_below_baseline']);
    const accidents = byId('b2022-51-t1-18');
    expect(accidents).toMatchObject({ comparison: 'decrease_by', unit: '%', target: { value: 10 }, baseline: { year: 2020, value: 0 } });
    expect(accidents.flags.map((f) => f.code)).toEqual(['baseline_not_comparable']);
    expect(byId('b2022-51-t1-20')).toMatchObject({ target: { value: 8, text: '力争达到8人' }, unit: '人', comparison: 'gte' });
    // The 领域 is a section of the plan: its measures' lead units report.
    expect(byId('b2022-51-t1-2').reporter).toBe('市卫生健康委');
    expect(byId('b2022-51-t1-18').reporter).toBe('市应急管理局');
  });

  it('49号: units printed with the figures', () => {
    expect(byId('b2022-49-t1-4')).toMatchObject({
      name: '每百户居民拥有社区综合服务设施面积',
      unit: '平方米',
      baseline: { year: 2020, value: 22 },
      target: { value: 30, text: '≥30平方米' },
      comparison: 'gte',
      attribute: '预期性',
    });
  });
});

describe('the numbered list of 47号 restates the 24号 table', () => {
  it('has ten items, each linked to its row, with responsible units as printed', () => {
    const list = indicators.filter((i) => i.document === '承市政办字〔2022〕47号');
    expect(list).toHaveLength(10);
    list.forEach((l, i) => expect(l.restates).toBe(`z2022-24-t1-${i + 1}`));
    expect(byId('b2022-47-l-1')).toMatchObject({ name: '养老服务床位总量', unit: '万张', target: { value: 2.5, text: '2.5万张以上' }, comparison: 'gte' });
    expect(byId('b2022-47-l-4').name).toBe('新建城区、新建居住区配套建设社区养老服务设施达标率');
    expect(
      byId('z2022-24-t1-4')
        .responsible.filter((u) => u.role === 'lead')
        .map((u) => u.unit),
    ).toEqual(['市自然资源和规划局', '市行政审批局', '市住房和城乡建设局']);
    expect(byId('z2022-24-t1-7').reporter).toBe('市卫生健康委'); // printed 市卫健委
  });
  it('flags wording that differs between the plan and its implementation opinions', () => {
    expect(byId('z2022-24-t1-5').flags.find((f) => f.code === 'name_differs')?.message).toMatch(/社区日间照料机构覆盖率.*社区养老服务机构覆盖率/);
    expect(byId('z2022-24-t1-9').flags.map((f) => f.code)).toEqual(['name_differs']);
    expect(byId('z2022-24-t1-1').flags).toEqual([]);
  });
});

describe('targets stated only in prose', () => {
  const prose = (doc: string, name: string) => indicators.find((i) => i.document === doc && i.source === 'paragraph' && i.name === name);
  it('reads the 节能减排 and 科学素质 targets', () => {
    expect(prose('承市政字〔2022〕26号', '单位地区生产总值能耗')).toMatchObject({
      comparison: 'decrease_by',
      target: { year: 2025, value: 17.5, text: '比2020年下降17.5%' },
      baseline: { year: 2020, value: 0 },
      unit: '%',
      citation: { anchor: '二、' },
    });
    expect(prose('承市政办字〔2022〕50号', '公民具备科学素质的比例')).toMatchObject({
      comparison: 'gte',
      target: { value: 15 },
      unit: '%',
      reporter: '市科协',
    });
    expect(prose('承市政字〔2022〕26号', '重点耗能行业能效达到标杆水平的比例')).toMatchObject({ comparison: 'gt', target: { value: 30 } });
    expect(prose('承市政字〔2022〕26号', '煤电总规模')).toMatchObject({ comparison: 'eq', target: { value: 170 }, unit: '万千瓦' });
    const cod = prose('承市政字〔2022〕26号', '化学需氧量重点工程减排量');
    expect(cod).toMatchObject({ target: { value: 1.27 }, unit: '万吨' });
    expect(prose('承市政字〔2022〕26号', '新增出租车比例')).toMatchObject({ target: { value: 80 }, reporter: '市交通运输局' });
  });
  it('two different figures for the same target in one plan (正文 90%, 专栏2 80%) are both kept and flagged', () => {
    const text = prose('承市政字〔2022〕16号', '城市建成区新增及更新的公交车中清洁能源及新能源车占比')!;
    const box = prose('承市政字〔2022〕16号', '新能源车辆占比')!;
    expect(text.target.value).toBe(90);
    expect(box).toMatchObject({
      target: { value: 80 },
      category: '专栏2应对气候变化示范重点工程',
      citation: { anchor: '三、（二）4.', table: '专栏2应对气候变化示范重点工程' },
    });
    expect(text.flags.map((f) => f.code)).toEqual(['conflicting_figures']);
    expect(box.flags[0].message).toMatch(/三、（三）3\.为"90%以上".*专栏2.*为"80%以上"/);
  });
  it("does not repeat a table row restated in the same plan's prose, but cites it", () => {
    expect(prose('承市政字〔2022〕16号', '农村生活污水治理率')).toBeUndefined();
    expect(byId('z2022-16-t2-6').alsoStatedIn.map((c) => c.anchor)).toEqual(['三、（八）2.']);
  });
  it('every indicator has the CLI contract fields', () => {
    for (const i of indicators) {
      expect(i.document).toMatch(/号$/);
      expect(typeof i.name).toBe('string');
      for (const f of [i.baseline, i.target]) {
        expect(Object.keys(f).sort()).toEqual(['text', 'value', 'year']);
        expect(f.value === null || typeof f.value === 'number').toBe(true);
      }
      expect(i.citation.text).toContain(i.document);
    }
    expect(new Set(indicators.map((i) => i.id)).size).toBe(indicators.length);
  });
});

describe('tasks and responsible units', () => {
  it('normalises unit aliases', () => {
    expect(normalizeUnit('市卫健委')).toBe('市卫生健康委');
    expect(normalizeUnit('市发改委')).toBe('市发展改革委');
    expect(normalizeUnit('市工信局')).toBe('市工业和信息化局');
    expect(normalizeUnit('市人社局')).toBe('市人力资源和社会保障局');
    expect(normalizeUnit('市市场监管局')).toBe('市市场监督管理局');
    expect(normalizeUnit('各县市区人民政府')).toBe('各县（市、区）人民政府');
  });
  it('reads 牵头 and 按职责分工负责', () => {
    const r = parseResponsibility('市残联、市卫健委牵头，市委宣传部、市教育局按职责分工负责');
    expect(r.units).toEqual([
      { unit: '市残联', printed: '市残联', role: 'lead' },
      { unit: '市卫生健康委', printed: '市卫健委', role: 'lead' },
      { unit: '市委宣传部', printed: '市委宣传部', role: 'co' },
      { unit: '市教育局', printed: '市教育局', role: 'co' },
    ]);
    expect(parseResponsibility('责任单位：市民政局，各县市区人民政府').units.map((u) => [u.unit, u.role])).toEqual([
      ['市民政局', 'lead'],
      ['各县（市、区）人民政府', 'implementing'],
    ]);
  });
  it('51号 二、（一）1.: leads and co-units as printed', () => {
    const t = tasks.find((x) => x.id === 'b2022-51-二、（一）1.')!;
    expect(t.units.filter((u) => u.role === 'lead').map((u) => u.unit)).toEqual(['市残联', '市卫生健康委']);
    expect(t.units.filter((u) => u.role === 'co').map((u) => u.unit)).toEqual([
      '市委宣传部',
      '市委网信办',
      '市教育局',
      '市司法局',
      '市生态环境局',
      '市交通运输局',
      '市应急管理局',
      '市总工会',
      '团市委',
    ]);
  });
  it('26号: the county governments implement every measure from the first one on', () => {
    const t26 = tasks.filter((t) => t.document === '承市政字〔2022〕26号');
    expect(t26).toHaveLength(20);
    for (const t of t26)
      expect(t.units.filter((u) => u.role === 'implementing').map((u) => u.unit)).toEqual([
        '各县（市、区）人民政府',
        '承德高新区管委会',
        '御道口牧场管理区管委会',
      ]);
    expect(t26[0].units.filter((u) => u.role === 'lead').map((u) => u.unit)).toEqual(['市工业和信息化局', '市发展改革委', '市生态环境局', '市市场监督管理局']);
  });
  it('50号: a note after the last item of a group covers the group', () => {
    const t = tasks.find((x) => x.id === 'b2022-50-二、（一）')!;
    expect(t.title).toBe('青少年科学素质提升行动');
    expect(t.units.filter((u) => u.role === 'lead').map((u) => u.unit)).toEqual(['市教育局', '市科协']);
    expect(t.note).toMatch(/适用于本组各项/);
    expect(tasks.filter((x) => x.document === '承市政办字〔2022〕50号')).toHaveLength(9);
  });
  it('47号: 47 measures and projects; one due in 2022', () => {
    const t47 = tasks.filter((t) => t.document === '承市政办字〔2022〕47号');
    expect(t47).toHaveLength(10 + 37 + 9);
    expect(t47.find((t) => t.anchor === '二、（二）6.（37）')!.dueYear).toBe(2022);
    expect(t47.find((t) => t.anchor === '二、（二）1.（4）')!.units[0].unit).toBe('市医疗保障局');
  });
  it('plans that print no units: measures are listed and assigned to the plan owner, said so', () => {
    const t16 = tasks.filter((t) => t.document === '承市政字〔2022〕16号');
    expect(t16.length).toBeGreaterThan(40);
    expect(t16.every((t) => t.responsibilityText === null && /原文未列责任单位/.test(t.note ?? ''))).toBe(true);
  });
  it('46号 and 48号 (with its 附件 部门责任分工) add 13 and 15 + 6 tasks (tests/plans/annex-tasks.test.ts checks them row by row)', () => {
    expect(tasks.filter((t) => t.document === '承市政办字〔2022〕46号')).toHaveLength(13);
    expect(tasks.filter((t) => t.document === '承市政办字〔2022〕48号')).toHaveLength(21);
    expect(tasks.filter((t) => t.document === '承市政办字〔2022〕48号' && t.anchor.startsWith('附件'))).toHaveLength(6);
    expect(tasks).toHaveLength(271);
  });
  it('every printed unit name is canonical (no alias left)', () => {
    const names = new Set(tasks.flatMap((t) => t.units.map((u) => u.unit)));
    for (const alias of ['市卫健委', '市发改委', '市工信局', '市人社局', '市市场监管局', '市住建局', '市住房城乡建设局', '人行承德市中心支行'])
      expect(names.has(alias)).toBe(false);
  });
});
