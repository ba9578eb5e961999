// Relations between documents as the parser reads them: in the bundled issue (implements, interprets,
// cites, with 文号 and titles) and in the words an issue uses to amend, repeal, extend or replace another.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGazette } from '../../src/gazette/parse.js';
import { resolveRef, refKey, type DocKeys } from '../../src/gazette/relations.js';

const parsed = parseGazette(readFileSync('data/gazettes/2022-04.txt', 'utf8'));
const rel = (id: string) => parsed.documents.find((d) => d.id === id)!.relations ?? [];
const pick = (id: string, kind: string) => rel(id).filter((r) => r.kind === kind);

describe('relations read in the bundled issue', () => {
  it('counts them by kind', () => {
    const all = parsed.documents.flatMap((d) => d.relations ?? []);
    const byKind = Object.fromEntries(['interprets', 'implements', 'cites'].map((k) => [k, all.filter((r) => r.kind === k).length]));
    expect(byKind).toEqual({ interprets: 3, implements: 11, cites: 99 });
    expect(all.filter((r) => !['interprets', 'implements', 'cites'].includes(r.kind))).toEqual([]);
  });
  it('reads 47号 as implementing the 养老服务体系 plan, by its title and by 为贯彻落实《…》', () => {
    expect(pick('承市政办字〔2022〕47号', 'implements').map((r) => [r.targetTitle, r.anchor])).toEqual([
      ['承德市养老服务体系建设“十四五”规划', null],
      ['承德市养老服务体系“十四五”规划', '前言'],
    ]);
  });
  it('reads 为贯彻落实《…》（文号） with the 文号 in brackets', () => {
    expect(pick('承市政办字〔2022〕46号', 'implements').map((r) => [r.targetNumber, r.targetTitle])).toEqual([
      ['国办发〔2021〕26号', '国务院办公厅关于完善科技成果评价机制的指导意见'],
      ['冀政办字〔2021〕161号', '河北省人民政府办公厅关于完善科技成果评价机制的实施意见'],
    ]);
  });
  it('links each 政策解读 to the document it explains', () => {
    expect(parsed.documents.filter((d) => d.kind === 'interpretation').map((d) => pick(d.id, 'interprets').map((r) => r.targetNumber))).toEqual([
      ['承市政字〔2022〕16号'],
      ['承市政办字〔2022〕50号'],
      ['承市政办字〔2022〕51号'],
    ]);
  });
  it('reads 根据《村卫生室管理办法（试行）》 in 隆政办规〔2022〕1号 as a citation with its 文号, and never a document citing itself', () => {
    expect(pick('隆政办规〔2022〕1号', 'cites').find((r) => r.targetTitle === '村卫生室管理办法（试行）')).toMatchObject({
      targetNumber: '国卫基层发〔2014〕33号',
    });
    for (const d of parsed.documents.filter((x) => x.number)) expect(rel(d.id).filter((r) => r.targetNumber === d.number)).toEqual([]);
    expect(parsed.documents.flatMap((d) => rel(d.id)).filter((r) => r.targetTitle && r.targetTitle.length < 5)).toEqual([]);
    // The notice of 42号 issues its two plans: they are not citations of others.
    expect(rel('承市政办字〔2022〕42号').map((r) => r.targetTitle)).not.toContain('承德市市本级2022年度土地储备计划');
  });
});

describe('words that amend, repeal, extend or replace', () => {
  const issue = (body: string) =>
    parseGazette(
      `承德市人民政府公报\n\n编辑：承德市人民政府办公室\n\n2026 年第 3 号\n\n隆化县人民政府关于印发《隆化县农村宅基地审批和住房建设管理实施细则》的通知\n\n隆政发〔2026〕2号\n\n2026 年 3 月 1 日\n\n各乡镇人民政府，县直各部门：\n\n现将《隆化县农村宅基地审批和住房建设管理实施细则》印发给你们，请认真贯彻执行。\n\n隆化县农村宅基地审批和住房建设管理实施细则\n\n${body}\n`,
    ).documents[0].relations!;
  it('原《…》（文号）同时废止 replaces', () => {
    expect(issue('第一条 本细则自 2026 年 4 月 1 日起施行，原《隆化县农村宅基地审批和住房建设管理实施细则（试行）》（隆政发〔2022〕11 号）同时废止。')).toEqual(
      [expect.objectContaining({ kind: 'replaces', targetNumber: '隆政发〔2022〕11号', anchor: '第一条' })],
    );
  });
  it('废止《…》 and 《…》予以废止 repeal', () => {
    const r = issue('第一条 废止《隆化县农村宅基地管理暂行办法》。\n\n第二条 《隆化县村民建房管理规定》予以废止。');
    expect(r.map((x) => [x.kind, x.targetTitle])).toEqual([
      ['repeals', '隆化县农村宅基地管理暂行办法'],
      ['repeals', '隆化县村民建房管理规定'],
    ]);
  });
  it('《…》有效期延长至 … extends, with the new last day', () => {
    expect(issue('第一条 《隆化县农村宅基地审批和住房建设管理实施细则（试行）》（隆政发〔2022〕11号）有效期延长至 2027 年 12 月 31 日。')).toEqual([
      expect.objectContaining({ kind: 'extends', targetNumber: '隆政发〔2022〕11号', validUntil: '2027-12-31' }),
    ]);
  });
  it('对《…》作如下修改 amends', () => {
    expect(issue('第一条 对《隆化县农村宅基地审批和住房建设管理实施细则（试行）》作如下修改：').map((x) => x.kind)).toEqual(['amends']);
  });
});

describe('resolving a reference to a document of the library', () => {
  const docs: DocKeys[] = [
    { id: 'A〔2022〕1号', issue_id: '2022年第4号', date: '2022-06-22', title_key: refKey('承德市养老服务体系建设“十四五”规划'), notice_key: 'x' },
    { id: 'B〔2023〕1号', issue_id: '2023年第1号', date: '2023-01-01', title_key: refKey('承德市生态环境保护“十四五”规划'), notice_key: 'y' },
    { id: 'B〔2024〕1号', issue_id: '2024年第1号', date: '2024-01-01', title_key: refKey('承德市生态环境保护“十四五”规划'), notice_key: 'z' },
  ];
  const ids = new Set(docs.map((d) => d.id));
  it('by 文号, exact title, or a near title (a few characters dropped)', () => {
    expect(resolveRef({ number: 'A〔2022〕1号', key: null }, docs, ids)).toBe('A〔2022〕1号');
    expect(resolveRef({ number: null, key: refKey('承德市养老服务体系“十四五”规划') }, docs, ids)).toBe('A〔2022〕1号');
    expect(resolveRef({ number: null, key: refKey('承德市生态环境保护“十三五”规划') }, docs, ids)).toBeNull();
    expect(resolveRef({ number: '国办发〔2021〕26号', key: refKey('国务院办公厅关于完善科技成果评价机制的指导意见') }, docs, ids)).toBeNull();
  });
  it('between documents of the same title: the same issue, else the latest not after the citing one', () => {
    const key = refKey('承德市生态环境保护“十四五”规划');
    expect(resolveRef({ number: null, key }, docs, ids, { source: null, issue: '2024年第1号', date: null })).toBe('B〔2024〕1号');
    expect(resolveRef({ number: null, key }, docs, ids, { source: null, issue: 'x', date: '2023-06-01' })).toBe('B〔2023〕1号');
  });
});
