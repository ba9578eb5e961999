// Generated variants of the bundled issue, as a county's archive holds them: other issues (renumbered,
// with their 文号 in another year), an issue printed without its table of contents, an extract of a few
// documents, and a reprint with other spacing, bracket widths and digits. Each variant comes with what a
// correct parse of it must find, derived from the parse of the bundled issue.
import { readFileSync } from 'node:fs';
import { parseGazette } from '../../src/gazette/parse.js';
import { normalizeDocNumber, squeezeCjkSpaces } from '../../src/gazette/normalize.js';

export const SAMPLE = readFileSync('data/gazettes/2022-04.txt', 'utf8');
const ORIGINAL = parseGazette(SAMPLE);

export interface ExpectedDocument {
  number: string | null;
  title: string;
  issuer: string | null;
  date: string | null;
}
export interface Variant {
  name: string;
  text: string;
  issueNumber: string;
  documents: ExpectedDocument[];
}

const MASTHEAD_NUMBER = '2022 年第 4 号';

function expected(renumber: (n: string) => string = (n) => n): ExpectedDocument[] {
  return ORIGINAL.documents.map((d) => ({ number: d.number ? renumber(d.number) : null, title: d.title, issuer: d.issuer, date: d.date }));
}

/** The text as issue `serial` of `year`, every 文号 of 2022 moved to `year` (dates are left as printed). */
export function renumbered(text: string, year: number, serial: number): string {
  return text.replace(MASTHEAD_NUMBER, `${year} 年第 ${serial} 号`).replace(/〔2022〕/g, `〔${year}〕`);
}
const moveYear = (year: number) => (n: string) => n.replace('〔2022〕', `〔${year}〕`);

/** Without the contents page: the masthead, then the first document. */
export function withoutToc(text: string): string {
  const start = text.indexOf('目 录');
  const lastEntry = text.indexOf('（120）');
  return text.slice(0, start) + text.slice(text.indexOf('\n', lastEntry) + 1);
}

/** Paragraphs as printed (blank-line separated), with the index of the paragraph each document starts at. */
function documentStarts(text: string): { paras: string[]; starts: number[] } {
  const paras = text.split(/\n\s*\n/);
  const starts = ORIGINAL.documents.map((d) => {
    if (d.kind === 'notice') {
      const noYear = (n: string | null) => n?.replace(/〔\d{4}〕/, '') ?? null;
      const at = paras.findIndex((p) => noYear(normalizeDocNumber(p.trim())) === noYear(d.number));
      // Walk back over the header lines until they spell the title.
      let joined = '';
      for (let k = at - 1; k >= 0; k--) {
        joined = paras[k].replace(/\s+/g, '') + joined;
        if (joined === d.title) return k;
      }
      throw new Error(`header of ${d.number} not found`);
    }
    const flat = paras.map((p) => (p.includes('|') ? '' : squeezeCjkSpaces(p).replace(/\s+/g, '')));
    const at = flat.findIndex((p) => p === d.title);
    if (at >= 0) return at;
    const two = flat.findIndex((p, i) => i > 0 && flat[i - 1] + p === d.title);
    if (two >= 0) return two - 1;
    throw new Error(`interpretation ${d.title} not found`);
  });
  return { paras, starts };
}

/** The masthead (no contents) and the documents at `indexes` only, as a county prints an extract. */
export function extract(text: string, indexes: number[]): string {
  const { paras, starts } = documentStarts(text);
  const masthead = text.slice(0, text.indexOf('目 录'));
  const body = indexes.map((i) => paras.slice(starts[i], starts[i + 1] ?? paras.length).join('\n\n'));
  return masthead + body.join('\n\n') + '\n';
}

const FULL_DIGIT = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/**
 * A reprint: CRLF line ends, paragraphs indented with ideographic spaces, more blank lines, 文号 in
 * half-width [ ], 【】 or （） brackets with full-width digits, dates in full-width digits, the masthead
 * number in full-width digits and 期,
 * half-width parentheses in titles, and spaces inside headers.
 */
export function reprint(text: string): string {
  let swap = 0;
  const lines = text.split('\n').map((line) => {
    const t = line.trim();
    if (t === MASTHEAD_NUMBER) return FULL_DIGIT('2022年第4期');
    if (normalizeDocNumber(t)) {
      swap++;
      const m = /^(.+?)\s*〔\s*(\d{4})\s*〕\s*(\d+)\s*号$/.exec(t)!;
      return [`${m[1]} [${m[2]}] ${m[3]} 号`, `${m[1]}【${FULL_DIGIT(m[2])}】${FULL_DIGIT(m[3])}号`, `${m[1]}（${m[2]}）${FULL_DIGIT(m[3])} 号`][swap % 3];
    }
    // Dates in full-width digits, without the spaces.
    if (/^\d{4} 年 \d{1,2} 月 \d{1,2} 日$/.test(t)) return FULL_DIGIT(t.replace(/\s+/g, ''));
    if (/关于/.test(t) && t.length < 60 && !/[。；]$/.test(t) && !t.startsWith('|'))
      return t.replace(/（/g, '(').replace(/）/g, ')').replace('关于', ' 关 于 ');
    if (t && !t.startsWith('|') && t.length > 40) return '\u3000\u3000' + t;
    return line;
  });
  return lines.join('\n').replace(/\n\n/g, '\n\n\n').replace(/\n/g, '\r\n');
}

export function variants(): Variant[] {
  const out: Variant[] = [
    { name: '原刊（2022年第4号）', text: SAMPLE, issueNumber: '2022年第4号', documents: expected() },
    { name: '无目录', text: withoutToc(SAMPLE), issueNumber: '2022年第4号', documents: expected() },
    { name: '改编号（2023年第7号）', text: renumbered(SAMPLE, 2023, 7), issueNumber: '2023年第7号', documents: expected(moveYear(2023)) },
    {
      name: '改编号且无目录（2024年第1号）',
      text: withoutToc(renumbered(SAMPLE, 2024, 1)),
      issueNumber: '2024年第1号',
      documents: expected(moveYear(2024)),
    },
    {
      name: '节选3篇（2022年第4号）',
      text: extract(SAMPLE, [1, 6, 13]),
      issueNumber: '2022年第4号',
      documents: [1, 6, 13].map((i) => expected()[i]),
    },
    {
      name: '节选3篇含解读（2025年第12号）',
      text: extract(renumbered(SAMPLE, 2025, 12), [12, 13, 16]),
      issueNumber: '2025年第12号',
      documents: [12, 13, 16].map((i) => expected(moveYear(2025))[i]),
    },
    { name: '重排本', text: reprint(SAMPLE), issueNumber: '2022年第4号', documents: expected() },
    { name: '重排本无目录', text: withoutToc(reprint(SAMPLE)), issueNumber: '2022年第4号', documents: expected() },
  ];
  return out;
}
