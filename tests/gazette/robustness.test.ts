// The parser against mutated copies of the sample (what other issues of the
// gazette will contain) and against garbage.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GazetteFormatError, parseGazette } from '../../src/gazette/parse.js';
import { findUnit } from '../../src/gazette/structure.js';

const SAMPLE = readFileSync('data/gazettes/2022-04.txt', 'utf8');
const original = parseGazette(SAMPLE);
const numbers = (text: string) => parseGazette(text).documents.map((d) => d.number);

describe('mutated copies of the sample', () => {
  it('reads numbers written with [ ] and inner spaces', () => {
    const mutated = SAMPLE.replace(/〔/g, '[').replace(/〕/g, '] ');
    expect(numbers(mutated)).toEqual(original.documents.map((d) => d.number));
  });
  it('reads numbers written with ［］ or 【】 and full-width digits', () => {
    const fw = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const mutated = SAMPLE.replace(/^(.*)〔(\d{4})〕[ \t]*(\d+)[ \t]*号[ \t]*$/gm, (_m, p, y, n) => `${p}【${fw(y)}】${fw(n)} 号`);
    expect(numbers(mutated)).toEqual(original.documents.map((d) => d.number));
  });
  it('reads headers with half-width punctuation everywhere', () => {
    const mutated = SAMPLE.replace(/（/g, '(').replace(/）/g, ')').replace(/，/g, ',').replace(/：/g, ':');
    const p = parseGazette(mutated);
    expect(p.documents.map((d) => [d.number, d.date, d.issuer])).toEqual(original.documents.map((d) => [d.number, d.date, d.issuer]));
    expect(p.documents.slice(0, 14).every((d) => d.recipients)).toBe(true);
    expect(p.documents.slice(14).map((d) => d.interprets)).toEqual(original.documents.slice(14).map((d) => d.interprets));
  });
  it('works without a table of contents, and says so', () => {
    const start = SAMPLE.indexOf('目 录');
    const firstHeader = SAMPLE.indexOf('承德市人民政府 关于印发');
    const mutated = SAMPLE.slice(0, start) + SAMPLE.slice(firstHeader);
    const p = parseGazette(mutated);
    expect(p.issue.toc).toEqual([]);
    expect(p.documents).toHaveLength(17);
    expect(p.warnings.join()).toContain('未找到目录');
  });
  it('marks a last item cut off mid-sentence as truncated', () => {
    const cut = SAMPLE.slice(0, SAMPLE.lastIndexOf('必须坚持政府主导') + 4);
    const p = parseGazette(cut);
    expect(p.documents).toHaveLength(17);
    expect(p.documents[16].truncated).toBe(true);
    expect(p.documents.slice(0, 16).some((d) => d.truncated)).toBe(false);
    expect(p.warnings.join()).toMatch(/中断/);
  });
  it('joins a paragraph split by a new page break in mid-sentence', () => {
    // A page ends after a full printed line (about 40 characters).
    const line = SAMPLE.split('\n').find((l) => l.startsWith('乡（镇）人民政府、街道办事处自受理宅基地和建房申请之日起'))!;
    const chars = [...line];
    const mutated = SAMPLE.replace(line, `${chars.slice(0, 45).join('')}\n\n${chars.slice(45).join('')}`);
    const before = findUnit(original.documents[13].units, '第十六条第四款第（一）项')!.text;
    const after = findUnit(parseGazette(mutated).documents[13].units, '第十六条第四款第（一）项')!.text;
    expect(after).toBe(before);
  });
  it('joins a table split over one more page, with a blank header row on the continuation', () => {
    const row = SAMPLE.split('\n').find((l) => l.startsWith('|') && l.includes('新生儿遗传代谢性疾病筛查率'))!;
    expect(row).toBeTruthy();
    const mutated = SAMPLE.replace(row, `${row}\n\n| | | | |\n|--|--|--|--|`);
    const t = parseGazette(mutated).documents[9].tables[0];
    expect(t.rows).toHaveLength(27);
    expect(t.fragments).toBe(2);
  });
  it('reads dates written in Chinese numerals', () => {
    const mutated = SAMPLE.replace('2022 年 7 月 4 日', '二〇二二年七月四日');
    expect(parseGazette(mutated).documents[13].date).toBe('2022-07-04');
  });
});

describe('garbage', () => {
  const refuse = (input: string | Uint8Array, message: RegExp) => {
    let err: unknown;
    try {
      parseGazette(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GazetteFormatError);
    expect((err as Error).message).toMatch(message);
  };
  it('refuses an empty file', () => refuse(new Uint8Array(), /文件为空/));
  it('refuses whitespace only', () => refuse(new TextEncoder().encode(' \n\n \t'), /文件为空/));
  it('refuses a binary file', () => refuse(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0, 255]), /不是文本文件/));
  it('refuses a non-UTF-8 text', () => refuse(new Uint8Array([0xb3, 0xd0, 0xb5, 0xc2, 0xca, 0xd0]), /UTF-8/));
  it('refuses a text that is not a gazette', () => refuse('今天天气很好。\n我们去公园散步。\n', /不是政府公报/));
  it('refuses JSON', () => refuse('{"issue": 1, "documents": []}', /不是政府公报/));
  it('refuses a gazette cover with no documents', () => refuse('承德市人民政府公报\n\n2022 年第 4 号\n', /未在文件中找到任何公文/));
  it('does not take a 文号 cited in running text for an item', () => {
    const p = parseGazette(
      '承德市人民政府公报\n\n承德市人民政府\n\n关于某事的通知\n\n承政字〔2023〕1 号\n\n2023 年 1 月 5 日\n\n各县：\n\n根据冀政字〔2022〕18号文件，现通知如下。\n',
    );
    expect(p.documents.map((d) => d.number)).toEqual(['承政字〔2023〕1号']);
    expect(p.documents[0].citations.map((c) => c.number)).toEqual(['冀政字〔2022〕18号']);
  });
});
