// The parser reads in linear time: every step reads what it has not seen yet, so a large or hostile file
// cannot hold the server. These are behavioural checks on inputs that used to take minutes to hours
// (a re-scan of everything seen so far at every line, item or cell); none of them asserts a timing —
// a return to quadratic work shows up as a test running past vitest's timeout. `npm run bench` prints
// the figures.
import { describe, expect, it } from 'vitest';
import { toBlocks } from '../../src/gazette/blocks.js';
import { firstContaining, parseGazette } from '../../src/gazette/parse.js';
import { indexTokens } from '../../src/gazette/tokens.js';
import { readValidity } from '../../src/gazette/validity.js';
import { assembleTable } from '../../src/gazette/tables.js';

const COVER = '承德市人民政府公报\n\n2022 年第 4 号\n\n';
const NOTICE = '承德市人民政府\n\n关于某事的通知\n\n承政字〔2023〕1 号\n\n2023 年 1 月 5 日\n\n各县：\n\n';
const CHARS = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定';

/** `n` wrapped lines of 6–10 CJK characters, none ending a sentence; every fifth has a space inside, as converted text does. */
function shortLines(n: number): string[] {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    let s = '';
    for (let k = 6 + Math.floor(next() * 5); k > 0; k--) s += CHARS[Math.floor(next() * CHARS.length)];
    lines.push(i % 5 === 0 ? `${s.slice(0, 3)} ${s.slice(3)}` : s);
  }
  return lines;
}

describe('linear-time parsing', () => {
  it('joins 128k short wrapped lines into one paragraph', () => {
    const lines = shortLines(128_000);
    const blocks = toBlocks(lines.join('\n'));
    expect(blocks).toHaveLength(1);
    const [para] = blocks;
    if (para.type !== 'para') throw new Error('expected a paragraph');
    expect(para.raw).toBe(lines.join(''));
    expect(para.text).toBe(lines.join('').replace(/ /g, ''));
    expect(para.line).toBe(1);

    const parsed = parseGazette(COVER + NOTICE + lines.join('\n') + '\n');
    expect(parsed.documents).toHaveLength(1);
    const [doc] = parsed.documents;
    expect(doc.recipients).toBe('各县');
    expect(doc.units).toHaveLength(1);
    expect(doc.units[0].text).toBe(para.text);
    expect(doc.units[0].text.length).toBe(lines.reduce((n, l) => n + l.replace(/ /g, '').length, 0));
    expect(doc.truncated).toBe(true); // no sentence ever ends
  });

  it('keeps a paragraph broken by page breaks in one piece and the short lines around it apart', () => {
    // A full printed line (≥ 38 characters) without a sentence end continues over a blank line.
    const full = '本条例所称农村宅基地是指农村村民用于建造住宅及其附属设施的集体建设用地包括住房附属用房';
    const text = Array.from({ length: 20_000 }, () => full).join('\n\n') + '。\n\n短标题\n\n另一个短标题';
    const blocks = toBlocks(text);
    expect(blocks.map((b) => (b.type === 'para' ? b.text.length : -1))).toEqual([20_000 * full.length + 1, 3, 6]);
  });

  it('links 15k interpretations to 15k notices by title', () => {
    const parts = [COVER];
    const n = 15_000;
    for (let i = 0; i < n; i++) {
      parts.push(
        `承德市人民政府\n\n关于印发第${i}号试点办法的通知\n\n承政字〔${2000 + Math.floor(i / 1000)}〕${i % 1000} 号\n\n2023 年 1 月 5 日\n\n各县：\n\n正文。\n\n`,
      );
      // Even: the issued document's title; odd: words of the notice's title.
      parts.push(i % 2 === 0 ? `《第${i}号试点办法》解读\n\n正文。\n\n` : `关于《第${i}号试点》的政策解读\n\n正文。\n\n`);
    }
    parts.push('《没有这份文件》解读\n\n正文。\n');
    const parsed = parseGazette(parts.join(''));
    expect(parsed.documents).toHaveLength(2 * n + 1);
    for (let i = 0; i < n; i++) {
      const notice = parsed.documents[2 * i];
      const interpretation = parsed.documents[2 * i + 1];
      expect(notice.number).toBe(`承政字〔${2000 + Math.floor(i / 1000)}〕${i % 1000}号`);
      expect(interpretation.interprets).toBe(notice.number);
      expect(interpretation.id).toBe(`解读:${notice.number}`);
    }
    const unresolved = parsed.documents[2 * n];
    expect(unresolved.interprets).toBeNull();
    expect(unresolved.id).toMatch(new RegExp(`^解读:.+-${2 * n + 1}$`)); // named by issue and position
  });

  it('finds the first text containing each pattern, as a scan of every pair would', () => {
    let seed = 11;
    const next = (k: number) => Math.floor(((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * k);
    const word = (len: number) => Array.from({ length: len }, () => 'ab甲乙'[next(4)]).join('');
    for (let round = 0; round < 50; round++) {
      const texts = Array.from({ length: next(12) }, () => word(next(14)));
      const patterns = Array.from({ length: 1 + next(12) }, () => word(next(6)));
      expect(firstContaining(texts, patterns)).toEqual(patterns.map((p) => texts.findIndex((t) => t.includes(p))));
    }
  });

  it('reads a contents page of 100k lines without page numbers', () => {
    const toc = Array.from({ length: 100_000 }, (_, i) => `目录行${i}`).join('\n\n');
    const parsed = parseGazette(`${COVER}目 录\n\n●市政府文件\n\n${toc}……（3）\n\n${NOTICE}正文。\n`);
    expect(parsed.issue.toc).toHaveLength(1);
    expect(parsed.issue.toc[0].entries).toHaveLength(1);
    expect(parsed.issue.toc[0].entries[0].page).toBe(3);
    expect(parsed.issue.toc[0].entries[0].title).toHaveLength(toc.replace(/\n/g, '').length);
  });

  it('reads a table whose continuation after a page break has 150k rows', () => {
    const rows = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `| ${i + 1} | ${i % 3 ? '' : '生态'} | ${tag}${i} |`).join('\n');
    const text = `${COVER}${NOTICE}表如下。\n\n| 序号 | 领域 | 指标 |\n|--|--|--|\n${rows('甲', 1_000)}\n\n| | | |\n|--|--|--|\n${rows('乙', 150_000)}\n`;
    const [doc] = parseGazette(text).documents;
    expect(doc.tables).toHaveLength(1);
    const [table] = doc.tables;
    expect(table.fragments).toBe(2);
    expect(table.rows).toHaveLength(151_000);
    expect(table.rows[1]).toEqual(['2', '生态', '甲1']); // merged cell of a grouping column filled
    expect(table.rows[1_000]).toEqual(['1', '生态', '乙0']);
    expect(table.rows.at(-1)).toEqual(['150000', '生态', '乙149999']);
  });

  it('handles a long run of spaces before a line separator in one line', () => {
    const spaces = '\u3000'.repeat(200_000);
    const text = `${COVER}${NOTICE}第一条${spaces}内容\u2028继续。\n\n附件：1.${spaces}标题\u2028续\n\n《某文件》${spaces}说明\n\na${' '.repeat(200_000)}b。\n`;
    const [doc] = parseGazette(text).documents;
    expect(doc.articleCount).toBe(0); // "第一条…\u2028…" is not an article heading: `.` stops at U+2028
    expect(doc.attachments).toEqual([]);
    expect(doc.units.at(-1)!.text.endsWith('a b。')).toBe(true);
  });

  it('indexes a unit of 1M characters of Latin words and one CJK run of 200k characters', () => {
    expect(indexTokens('abc '.repeat(250_000)).split(' ')).toHaveLength(250_000);
    expect(indexTokens('宅基地'.repeat(70_000)).split(' ')).toHaveLength(210_000 - 1);
  });

  it('reads a validity clause after a long run of spaces, and survives a table that is only a separator', () => {
    const spaces = '\u3000'.repeat(80_000);
    expect(readValidity([`本规定自2022年6月15日${spaces}起施行，有效期${spaces}5年。`], '2022-06-13')).toMatchObject({
      validFrom: '2022-06-15',
      validUntil: '2027-06-14',
    });
    expect(readValidity([`本细则自发文之日起施行，有效期${spaces}为${spaces}2年。`], '2022-07-04')).toMatchObject({ validUntil: '2024-07-03' });
    expect(assembleTable([[]])).toMatchObject({ header: [], rows: [] });
  });
});
