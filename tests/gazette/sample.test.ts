// The parser against the bundled sample issue (承德市人民政府公报 2022年第4号).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGazette } from '../../src/gazette/parse.js';
import { findUnit, walkUnits } from '../../src/gazette/structure.js';

const SAMPLE = readFileSync('data/gazettes/2022-04.txt');
const parsed = parseGazette(SAMPLE);
const doc = (id: string) => {
  const d = parsed.documents.find((x) => x.id === id);
  if (!d) throw new Error(`missing ${id}`);
  return d;
};

describe('issue metadata and table of contents', () => {
  it('reads title, number and editor', () => {
    expect(parsed.issue).toMatchObject({ title: '承德市人民政府公报', number: '2022年第4号', year: 2022, serial: 4, editor: '承德市人民政府办公室' });
  });
  it('reads the five TOC sections with 17 entries and their printed pages', () => {
    expect(parsed.issue.toc.map((s) => s.title)).toEqual(['市政府文件', '市政府办公室文件', '市政府部门文件', '各县（市、区）文件', '政策解读']);
    expect(parsed.issue.toc.map((s) => s.entries.length)).toEqual([3, 7, 2, 2, 3]);
    const entries = parsed.issue.toc.flatMap((s) => s.entries);
    expect(entries.map((e) => e.page)).toEqual([3, 29, 44, 50, 62, 67, 72, 76, 87, 94, 101, 105, 108, 110, 118, 119, 120]);
    // wrapped entries are joined, dot leaders removed
    expect(entries[3].title).toBe('承德市人民政府办公室关于印发承德市市本级2022年度国有建设用地供应计划和土地储备计划的通知');
    expect(entries[10].title).toBe('承德市科学技术局关于印发《承德市市级“揭榜挂帅”科技计划项目组织实施管理办法》的通知');
  });
});

describe('items in gazette order', () => {
  const expected: [string | null, string | null, string | null, 'notice' | 'interpretation'][] = [
    ['承市政字〔2022〕16号', '2022-05-27', '承德市人民政府', 'notice'],
    ['承市政字〔2022〕24号', '2022-06-22', '承德市人民政府', 'notice'],
    ['承市政字〔2022〕26号', '2022-07-13', '承德市人民政府', 'notice'],
    ['承市政办字〔2022〕42号', '2022-05-26', '承德市人民政府办公室', 'notice'],
    ['承市政办字〔2022〕46号', '2022-06-20', '承德市人民政府办公室', 'notice'],
    ['承市政办字〔2022〕47号', '2022-06-22', '承德市人民政府办公室', 'notice'],
    ['承市政办字〔2022〕48号', '2022-06-30', '承德市人民政府办公室', 'notice'],
    ['承市政办字〔2022〕49号', '2022-06-29', '承德市人民政府办公室', 'notice'],
    ['承市政办字〔2022〕50号', '2022-07-01', '承德市人民政府办公室', 'notice'],
    ['承市政办字〔2022〕51号', '2022-07-08', '承德市人民政府办公室', 'notice'],
    ['承市科规〔2022〕1号', '2022-07-01', '承德市科学技术局', 'notice'],
    ['承市科规〔2022〕2号', '2022-07-12', '承德市科学技术局', 'notice'],
    ['隆政办规〔2022〕1号', '2022-06-13', '隆化县人民政府办公室', 'notice'],
    ['隆政发〔2022〕11号', '2022-07-04', '隆化县人民政府', 'notice'],
    [null, null, '承德市人民政府', 'interpretation'],
    [null, null, null, 'interpretation'],
    [null, null, null, 'interpretation'],
  ];
  it('finds 14 notices and 3 interpretations with number, date, issuer', () => {
    expect(parsed.documents.map((d) => [d.number, d.date, d.issuer, d.kind])).toEqual(expected);
    expect(parsed.documents.map((d) => d.seq)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
  });
  it('links each interpretation to the document it explains', () => {
    expect(parsed.documents.slice(14).map((d) => d.interprets)).toEqual(['承市政字〔2022〕16号', '承市政办字〔2022〕50号', '承市政办字〔2022〕51号']);
    expect(parsed.documents.slice(0, 14).every((d) => d.interprets === null)).toBe(true);
  });
  it('reads recipients (主送), also when the notice text follows on the same line', () => {
    expect(doc('承市政字〔2022〕16号').recipients).toBe('各县（市、区）、自治县人民政府，承德高新区、御道口牧场管理区管委会，市政府各部门');
    expect(doc('隆政发〔2022〕11号').recipients).toBe('各乡镇人民政府、安州街道办事处,县政府有关部门');
    const d49 = doc('承市政办字〔2022〕49号');
    expect(d49.recipients).toBe('各县（市、区）、自治县人民政府，高新区管委会、御道口牧场管理区管委会，市政府各部门');
    expect(d49.noticeText).toMatch(/^现将《承德市城乡社区服务体系建设“十四五”规划》/);
  });
  it('reads the title of the issued document, across spacing and half-width brackets', () => {
    expect(doc('隆政发〔2022〕11号').documentTitle).toBe('隆化县农村宅基地审批和住房建设管理实施细则（试行）');
    expect(doc('承市政办字〔2022〕50号').documentTitle).toBe('承德市全民科学素质行动规划纲要实施方案(2021—2025年)');
    expect(doc('承市政办字〔2022〕42号').documentTitle).toBe('承德市市本级2022年度国有建设用地供应计划');
    expect(doc('承市政办字〔2022〕48号').documentTitle).toBeNull(); // an opinion issued directly, not a notice issuing a document
    expect(doc('承市政办字〔2022〕48号').title).toBe('承德市人民政府办公室关于加快发展保障性租赁住房的实施意见');
  });
  it('computes validity from the documents’ own words', () => {
    expect(doc('隆政发〔2022〕11号')).toMatchObject({ validFrom: '2022-07-04', validUntil: '2024-07-03' });
    expect(doc('承市科规〔2022〕1号')).toMatchObject({ validFrom: '2022-07-01', validUntil: '2027-06-30' });
    expect(doc('隆政办规〔2022〕1号')).toMatchObject({ validFrom: '2022-06-15', validUntil: '2027-06-14' });
    expect(doc('承市政字〔2022〕16号')).toMatchObject({ validFrom: null, validUntil: null });
    expect(doc('隆政发〔2022〕11号').validityText).toContain('有效期2年');
  });
});

describe('structure', () => {
  it('splits regulations into chapters and articles', () => {
    const d = doc('隆政发〔2022〕11号');
    expect(d.articleCount).toBe(35);
    expect(d.units.filter((u) => u.kind === 'chapter')).toHaveLength(9);
    expect(doc('承市科规〔2022〕1号').articleCount).toBe(29);
    const art16 = findUnit(d.units, '第十六条')!;
    expect(art16.kind).toBe('article');
    expect(art16.text).toMatch(/^农村村民申请宅基地建房/);
  });
  it('addresses 款 and 项 so they can be cited', () => {
    const d = doc('隆政发〔2022〕11号');
    const items14 = findUnit(d.units, '第十四条')!.children.filter((c) => c.kind === 'item');
    expect(items14.map((c) => c.anchor)).toEqual(['（一）', '（二）', '（三）', '（四）', '（五）', '（六）', '（七）'].map((l) => `第十四条第${l}项`));
    expect(findUnit(d.units, '第十四条第（一）项')!.text).toBe('年龄未满十八周岁的；');
    expect(findUnit(d.units, '第十六条第二款')!.text).toBe('村集体所有土地的宅基地和建房申请审查程序：');
    expect(findUnit(d.units, '第十六条第二款第（二）项')!.text).toMatch(/^村级组织初审。村级组织自收到农户书面申请5个工作日内/);
    // paragraphs between 项 (一) and 项 (二) belong to 项 (一)
    expect(findUnit(d.units, '第十六条第四款第（一）项')!.text).toContain('20个工作日内作出是否批准的决定');
    expect(findUnit(d.units, '第十六条第四款第（二）项')!.text).toMatch(/^开工申请/);
    const anchors = [...walkUnits(d.units)].map((x) => x.unit.anchor);
    expect(new Set(anchors).size).toBe(anchors.length);
  });
  it('nests plan headings 一、/（一）/1.', () => {
    const d = doc('承市政字〔2022〕16号');
    const top = d.units.filter((u) => u.kind === 'level1').map((u) => u.heading);
    expect(top).toEqual(['发展基础与面临形势', '指导思想、基本原则和主要目标及指标', '重点任务', '保障措施']);
    expect(findUnit(d.units, '三、（一）1.')!.heading).toBe('加快产业绿色转型升级');
  });
  it('joins a sentence broken by a page break', () => {
    const d = doc('承市政字〔2022〕16号');
    const u = findUnit(d.units, '一、（一）')!;
    expect(u.text).toContain('完成双峰寺水库饮用水源保护区划定及一级保护区隔离工程建设。深入推进');
  });
  it('keeps every item separate even when one ends without punctuation before the next header', () => {
    expect(doc('承市政字〔2022〕26号').tables.length).toBe(0);
    expect(doc('承市政办字〔2022〕42号').tables.length).toBe(4);
  });
  it('reads attachments', () => {
    expect(doc('承市政办字〔2022〕42号').attachments.map((a) => a.label)).toEqual(['附件1', '附件2', '附件3']);
    expect(doc('承市科规〔2022〕2号').attachments).toEqual([{ label: '附件', title: '项目负责人承诺书' }]);
    // the annex is printed without an "附件" heading: its title starts it
    const annex = findUnit(doc('承市科规〔2022〕2号').units, '附件')!;
    expect(annex).toMatchObject({ kind: 'part', heading: '项目负责人承诺书' });
    expect(annex.children.map((c) => c.anchor)).toEqual(['附件·（一）', '附件·（二）', '附件·（三）', '附件·（四）']);
  });
});

describe('tables', () => {
  it('joins 表2-1 split by a page break into 19 rows, fills merged 类别 cells, keeps blank targets blank', () => {
    const t = doc('承市政字〔2022〕16号').tables[1];
    expect(t.caption).toBe('表2-1承德市生态环境保护“十四五”规划指标体系');
    expect(t.fragments).toBe(2);
    expect(t.header).toEqual(['序号', '类别', '指标', '2020年现状值', '2025年指标值', '指标属性']);
    expect(t.rows).toHaveLength(19);
    expect(t.rows.map((r) => r[0])).toEqual(Array.from({ length: 19 }, (_, i) => String(i + 1)));
    expect(t.rows[1][1]).toBe('环境治理');
    expect(t.rows[7][1]).toBe('环境治理'); // first row after the page break
    expect(t.rows[13]).toEqual(['14', '应对气候变化', '单位地区生产总值能源消耗降低（%）', '—', '', '约束性']);
    expect(t.rows[12][4]).toBe('完成省定目标任务');
  });
  it('reads 表1-1 with 18 rows', () => {
    const t = doc('承市政字〔2022〕16号').tables[0];
    expect(t.rows).toHaveLength(18);
    expect(t.rows[8].slice(0, 3)).toEqual(['9', '污染减排', '化学需氧量排放量(万吨)']);
  });
  it('joins the elderly-care indicator table (10 rows over two pages)', () => {
    const t = doc('承市政字〔2022〕24号').tables[0];
    expect(t.fragments).toBe(2);
    expect(t.rows).toHaveLength(10);
    expect(t.rows[9]).toEqual(['10.老年大学覆盖面', '每个县（市、区）至少1所', '约束性']);
  });
  it('reads 27 disability-prevention indicators in 5 domains', () => {
    const t = doc('承市政办字〔2022〕51号').tables[0];
    expect(t.header).toEqual(['领域', '指标', '2020年', '2025年']);
    expect(t.rows).toHaveLength(27);
    expect(new Set(t.rows.map((r) => r[0])).size).toBe(5);
    expect(t.rows.every((r) => r[0] !== '')).toBe(true);
  });
  it('reads the 7 community indicators and the 4×6 evaluation list', () => {
    expect(doc('承市政办字〔2022〕49号').tables[0].rows).toHaveLength(7);
    const t = doc('承市政办字〔2022〕46号').tables[0];
    expect([t.rows.length, t.header.length]).toEqual([4, 6]);
  });
  it('joins the land tables split by repeated headers and mends numbers broken by spaces', () => {
    const d = doc('承市政办字〔2022〕42号');
    const supply = d.tables[1];
    expect(supply.fragments).toBe(4);
    const parcels = supply.rows.filter((r) => /^\d+$/.test(r[0]));
    expect(parcels).toHaveLength(40);
    const total = parcels.reduce((s, r) => s + Number(r[3]), 0);
    expect(total).toBeCloseTo(161.0708, 4);
    const reserve = d.tables[3];
    expect(reserve.rows[0].slice(0, 5)).toEqual(['', '总计', '', '239.6358', '756498']);
    const reserveParcels = reserve.rows.filter((r) => /^\d+$/.test(r[0]));
    expect(reserveParcels).toHaveLength(48);
    expect(reserveParcels.reduce((s, r) => s + Number(r[3]), 0)).toBeCloseTo(239.6358, 3);
  });
});

describe('citations', () => {
  it('collects cited 文号, normalised, without the document’s own number', () => {
    expect(doc('承市政字〔2022〕26号').citations.map((c) => c.number)).toEqual(['冀政字〔2022〕18号']);
    expect(doc('承市政办字〔2022〕42号').citations.map((c) => c.number)).toEqual(['国土资发〔2010〕117号']);
    expect(doc('隆政发〔2022〕11号').citations.map((c) => c.number)).toEqual([
      '中农发〔2019〕11号',
      '农经发〔2019〕6号',
      '冀农发〔2020〕52号',
      '冀农办〔2021〕24号',
    ]);
    expect(doc('承市政办字〔2022〕46号').citations.map((c) => c.number)).toEqual(['国办发〔2021〕26号', '冀政办字〔2021〕161号']);
    const own = parsed.documents.filter((d) => d.number).every((d) => !d.citations.some((c) => c.number === d.number));
    expect(own).toBe(true);
  });
  it('records the unit a citation is made in', () => {
    expect(doc('隆政发〔2022〕11号').citations[0].anchor).toBe('第一条');
    expect(doc('承市政办字〔2022〕48号').citations.find((c) => c.number === '建办标〔2021〕19号')!.anchor).toBe('二、（四）');
    expect(parsed.documents[14].citations.map((c) => c.number)).toEqual(['承市政字〔2022〕16号']);
  });
});
