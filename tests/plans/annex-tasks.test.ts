// 承市政办字〔2022〕46号 and 48号 (with its 附件 部门责任分工), added to the monitored set:
// their tasks, read from the parsed sample issue and checked against the printed text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGazette } from '../../src/gazette/parse.js';
import { extractPlans } from '../../src/plans/extract.js';
import { planInfo, PLAN_NUMBERS } from '../../src/plans/plans.js';
import { normalizeUnit } from '../../src/plans/units.js';

const docs = parseGazette(readFileSync('data/gazettes/2022-04.txt')).documents;
const { indicators, tasks } = extractPlans(docs);
const N46 = '承市政办字〔2022〕46号';
const N48 = '承市政办字〔2022〕48号';
const of = (n: string) => tasks.filter((t) => t.document === n);
const byId = (id: string) => tasks.find((t) => t.id === id)!;
const roles = (id: string, role: string) =>
  byId(id)
    .units.filter((u) => u.role === role)
    .map((u) => u.unit);

describe('the monitored set', () => {
  it('has nine plans; 46号 and 48号 are owned by the units their texts name', () => {
    expect(PLAN_NUMBERS).toHaveLength(9);
    expect(planInfo(N46)).toMatchObject({ owner: '市科技局', ownerBasis: expect.stringContaining('五、（一）：市科技局牵头我市科技成果评价改革的组织实施') });
    expect(planInfo(N48)).toMatchObject({
      owner: '市住房和城乡建设局',
      ownerBasis: expect.stringMatching(/四、（二）.*市保障性安居工程领导小组.*附件第1段：市住房和城乡建设局牵头全市保障性租赁住房工作/),
    });
    expect(tasks).toHaveLength(271);
  });
  it('neither document adds an indicator', () => {
    expect(indicators.filter((i) => i.document === N46 || i.document === N48)).toEqual([]);
    expect(indicators).toHaveLength(119);
  });
  it('48号 四、（三） (the 督办 basis) is the document now monitored', () => {
    expect(
      docs
        .find((d) => d.number === N48)!
        .units.flatMap((u) => u.children)
        .find((u) => u.anchor === '四、（三）')!.text,
    ).toMatch(/约谈、督办/);
  });
});

describe('46号: the thirteen numbered measures with their printed 责任单位', () => {
  it('二、（一）…（六）, 三、（一）…（三）, 四、（一）…（四); 五、组织实施 is not a task', () => {
    expect(of(N46).map((t) => t.anchor)).toEqual([
      '二、（一）',
      '二、（二）',
      '二、（三）',
      '二、（四）',
      '二、（五）',
      '二、（六）',
      '三、（一）',
      '三、（二）',
      '三、（三）',
      '四、（一）',
      '四、（二）',
      '四、（三）',
      '四、（四）',
    ]);
    expect(of(N46).every((t) => t.responsibilityText?.startsWith('责任单位：') && t.dueYear === 2025)).toBe(true);
  });
  it('units as printed, aliases normalised', () => {
    expect(byId('b2022-46-二、（一）')).toMatchObject({
      title: '开展科技成果多元价值评价',
      responsibilityText: '责任单位：市科技局',
      citation: `${N46} 二、（一）`,
    });
    expect(roles('b2022-46-二、（一）', 'lead')).toEqual(['市科技局']);
    expect(roles('b2022-46-二、（三）', 'lead')).toEqual(['市科技局', '市人力资源和社会保障局', '市教育局']);
    expect(roles('b2022-46-三、（三）', 'lead')).toEqual(['市国资委', '市教育局', '市科技局', '市纪委监委机关']);
    const t = byId('b2022-46-四、（四）');
    expect(t.title).toBe('推进知识产权金融创新');
    expect(t.units.map((u) => [u.unit, u.printed, u.role])).toEqual([
      ['市市场监督管理局', '市市场监督管理局', 'lead'],
      ['市地方金融监管局', '市地方金融监管局', 'lead'],
      ['承德银保监分局', '承德银保监分局', 'lead'],
      ['人民银行承德市中心支行', '人行承德市中心支行', 'lead'],
    ]);
  });
});

describe('48号: fifteen measures of the text and six paragraphs of the annex', () => {
  it('21 tasks: 二、 and 三、 (no units printed; the owner tracks them) and 附件第1段…第6段', () => {
    const t48 = of(N48);
    expect(t48).toHaveLength(15 + 6);
    const text = t48.filter((t) => !t.anchor.startsWith('附件'));
    expect(text.map((t) => t.anchor)).toEqual([
      '二、（一）',
      '二、（二）',
      '二、（三）',
      '二、（四）',
      '二、（五）',
      '二、（六）',
      '三、（一）1.',
      '三、（一）2.',
      '三、（一）3.',
      '三、（二）',
      '三、（三）',
      '三、（四）',
      '三、（五）',
      '三、（六）1.',
      '三、（六）2.',
    ]);
    for (const t of text) {
      expect(t.units).toEqual([{ unit: '市住房和城乡建设局', printed: '市住房和城乡建设局', role: 'lead' }]);
      expect(t.responsibilityText).toBeNull();
      expect(t.note).toMatch(/^原文未列责任单位，由规划牵头部门市住房和城乡建设局跟踪/);
    }
    expect(t48.filter((t) => t.anchor.startsWith('附件')).map((t) => t.anchor)).toEqual([
      '附件第1段',
      '附件第2段',
      '附件第3段',
      '附件第4段',
      '附件第5段',
      '附件第6段',
    ]);
  });
  it('附件第1段: 市住房和城乡建设局 leads', () => {
    expect(byId('b2022-48-附件第1段')).toMatchObject({
      anchor: '附件第1段',
      citation: `${N48} 附件第1段`,
      title: '市住房和城乡建设局牵头全市保障性租赁住房工作',
      text: '市住房和城乡建设局牵头全市保障性租赁住房工作，负责指导保障性租赁住房计划申报、项目管理和监测评价。',
      units: [{ unit: '市住房和城乡建设局', printed: '市住房和城乡建设局', role: 'lead' }],
      dueYear: 2025,
    });
  });
  it('附件第3段: 市财政局 leads, the units it works with (会同) are co-units', () => {
    const t = byId('b2022-48-附件第3段');
    expect(t.text).toBe('市财政局负责会同市住房和城乡建设局下达中央财政补助资金，指导做好政府专项债券发行准备工作，会同市税务局负责税费减免工作。');
    expect(roles(t.id, 'lead')).toEqual(['市财政局']);
    expect(roles(t.id, 'co')).toEqual(['市住房和城乡建设局', '市税务局']);
    expect(t.note).toMatch(/会同/);
  });
  it('附件第2段: "配合相关部门" names no unit; 附件第6段: 人行 normalised', () => {
    const t2 = byId('b2022-48-附件第2段');
    expect(t2.text).toMatch(/^市发展改革委负责纳入国家和省保障性安居工程年度建设计划项目/);
    expect(t2.units).toEqual([{ unit: '市发展改革委', printed: '市发展改革委', role: 'lead' }]);
    expect(byId('b2022-48-附件第4段').units.map((u) => [u.unit, u.role])).toEqual([['市自然资源和规划局', 'lead']]);
    expect(byId('b2022-48-附件第5段').units.map((u) => [u.unit, u.role])).toEqual([['市行政审批局', 'lead']]);
    expect(byId('b2022-48-附件第6段')).toMatchObject({
      text: '人行承德市中心支行负责指导保障性租赁住房金融融资工作。',
      units: [{ unit: '人民银行承德市中心支行', printed: '人行承德市中心支行', role: 'lead' }],
    });
  });
  it("the housing department's spellings are one office; county governments keep the 26号 rule", () => {
    expect(normalizeUnit('市住建局')).toBe('市住房和城乡建设局');
    expect(normalizeUnit('市住房城乡建设局')).toBe('市住房和城乡建设局');
    expect(normalizeUnit('各县（市、区）政府')).toBe('各县（市、区）人民政府');
  });
});
