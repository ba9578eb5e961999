// Parses the plain text of one gazette issue into its items.
// Shape of a numbered item: issuer/title line(s) → 文号 alone on a line →
// date → 主送 → notice text → title of the issued document → its body.
// Interpretations start with a title such as 《…》解读 / 关于《…》的政策解读.

import { DomainError } from '../platform/errors.js';
import { toBlocks, endsSentence, type Block, type ParagraphBlock } from './blocks.js';
import { findDocNumbers, normalizeDocNumber, parseChineseDate, squeezeCjkSpaces, titleKey, toAsciiDigits } from './normalize.js';
import { buildStructure, walkUnits } from './structure.js';
import type { Citation, GazetteDocument, IssueMeta, ParsedIssue, TocSection } from './types.js';
import { readValidity } from './validity.js';
import { findRelations } from './relations.js';

/** A user error: the file is not a gazette issue we can read. The message is shown as is. */
export class GazetteFormatError extends DomainError {
  constructor(message: string) {
    super(message, 422, 'not_a_gazette');
  }
}

/** Decodes a file's bytes, refusing what is not UTF-8 text. */
export function decodeGazette(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new GazetteFormatError('文件为空：没有可解析的公报内容。');
  if (bytes.includes(0)) throw new GazetteFormatError('文件不是文本文件（含有二进制内容），请提供公报的纯文本（UTF-8）。');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new GazetteFormatError('文件不是 UTF-8 编码的文本，请将公报转换为 UTF-8 纯文本后再导入。');
  }
  const control = text.match(/[\u0001-\u0008\u000e-\u001f]/g)?.length ?? 0;
  if (control > 0 && control > text.length / 1000) throw new GazetteFormatError('文件含有大量控制字符，不是公报的纯文本。');
  if (text.trim() === '') throw new GazetteFormatError('文件为空：只有空白字符，没有可解析的公报内容。');
  return text;
}

interface ItemStart {
  kind: 'notice' | 'interpretation';
  start: number; // block index where the header begins
  numberAt: number; // block index of the 文号 line (notices) or of the title (interpretations)
  headerEnd: number; // first block after the header
}

const RE_PAGE_REF = /[（(]\s*\d{1,4}\s*[）)]\s*$/;
const RE_DOT_LEADER = /[….·．]{3,}/;
// `\s*(?:的\s*)?` reads as `\s*(?:的)?\s*` did, without trying every split of a run of spaces (quadratic).
const RE_INTERPRETATION = /^(?:(.{0,30}?)关于)?《([^》]+)》\s*(?:的\s*)?(?:政策)?解读$/;
// The masthead: the gazette's name, its romanised name, the 编辑 line, the issue number, the contents heading.
// Never part of an item's header, even when no contents page separates them from the first item.
const RE_ISSUE_NUMBER = /^(\d{4})\s*年\s*第\s*(\d{1,3})\s*(?:号|期)$/;
function isMastheadLine(text: string): boolean {
  const t = toAsciiDigits(text).trim();
  return /公报$/.test(t) || /^编辑\s*[:：]/.test(t) || RE_ISSUE_NUMBER.test(t) || /^[A-Z][A-Z\s]{5,}$/.test(t) || /^目\s*录$/.test(t);
}
const RE_ISSUER_ONLY = /^[\u4e00-\u9fa5（）()]{2,30}(人民政府办公室|人民政府|办公室|委员会|局|厅|部|院|管委会)$/;

export function parseGazette(input: string | Uint8Array): ParsedIssue {
  const text = typeof input === 'string' ? input : decodeGazette(input);
  if (text.trim() === '') throw new GazetteFormatError('文件为空：没有可解析的公报内容。');
  const blocks = toBlocks(text);
  const warnings: string[] = [];
  const starts = findItemStarts(blocks);
  const head = blocks.slice(0, starts[0]?.start ?? blocks.length);
  const issue = parseIssueMeta(head);
  if (starts.length === 0) {
    throw new GazetteFormatError(
      issue.title
        ? '未在文件中找到任何公文：没有独立成行的文号（如“承市政字〔2022〕16号”），也没有政策解读。'
        : '这不是政府公报：文件中既没有公报标题，也没有独立成行的文号（如“承市政字〔2022〕16号”）。',
    );
  }
  if (issue.toc.length === 0) warnings.push('未找到目录，已直接按正文识别各篇公文。');

  const documents: GazetteDocument[] = [];
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k];
    const end = starts[k + 1]?.start ?? blocks.length;
    const doc = s.kind === 'notice' ? parseNotice(blocks, s, end, k + 1) : parseInterpretation(blocks, s, end, k + 1);
    documents.push(doc);
  }
  // Link interpretations to the document they explain, by title.
  const linked = interpretationTargets(documents);
  for (const d of documents) {
    if (d.kind !== 'interpretation' || !d.interprets) continue;
    const target = linked.get(titleKey(d.interprets));
    d.interprets = target?.number ?? null;
    // Unresolved interpretations are named by issue and position, unique across the library.
    d.id = target?.number ? `解读:${target.number}` : `解读:${issue.number ?? '未编号'}-${d.seq}`;
  }
  for (const d of documents) d.relations = findRelations(d);
  // Ids must be unique within an issue (a 文号 printed twice would clash).
  const seen = new Map<string, number>();
  for (const d of documents) {
    const n = (seen.get(d.id) ?? 0) + 1;
    seen.set(d.id, n);
    if (n > 1) {
      warnings.push(`文号 ${d.id} 在本期出现了 ${n} 次，后一篇以“${d.id}#${n}”区分。`);
      d.id = `${d.id}#${n}`;
    }
  }
  const last = documents[documents.length - 1];
  const lastBlock = blocks[blocks.length - 1];
  if (lastBlock.type === 'para' && !endsSentence(lastBlock.text) && !/[）)”"》]$/.test(lastBlock.text)) {
    last.truncated = true;
    warnings.push(`最后一篇（${last.title}）在文件末尾中断，内容不完整。`);
  }
  return { issue, documents, warnings };
}

/**
 * For the title key of each interpretation, the first notice whose document title has that key or whose
 * title contains it. Comparing every interpretation with every notice was quadratic in the number of
 * items; here exact keys are looked up in a map and contained keys are found in one Aho–Corasick pass
 * over the notices' titles.
 */
function interpretationTargets(documents: GazetteDocument[]): Map<string, GazetteDocument | undefined> {
  const notices = documents.filter((o) => o.kind === 'notice');
  const keys = [...new Set(documents.filter((d) => d.kind === 'interpretation' && d.interprets).map((d) => titleKey(d.interprets!)))];
  const exact = new Map<string, number>(); // document title key → first notice
  notices.forEach((o, i) => {
    const k = titleKey(o.documentTitle ?? '');
    if (!exact.has(k)) exact.set(k, i);
  });
  const titles = notices.map((o) => titleKey(o.title));
  const contained = firstContaining(titles, keys);
  const out = new Map<string, GazetteDocument | undefined>();
  keys.forEach((k, p) => {
    const a = exact.get(k) ?? Infinity;
    const b = contained[p] < 0 ? Infinity : contained[p];
    out.set(k, a === Infinity && b === Infinity ? undefined : notices[Math.min(a, b)]);
  });
  return out;
}

/** For each pattern, the index of the first text that contains it (-1 if none): Aho–Corasick, linear in the input. */
export function firstContaining(texts: string[], patterns: string[]): number[] {
  const found = patterns.map(() => -1);
  // A pattern longer than every text cannot occur; leaving it out bounds the automaton by the texts.
  const longest = texts.reduce((m, t) => Math.max(m, t.length), 0);
  const goto = new Map<number, number>(); // node * 0x10000 + UTF-16 code unit → node
  const out: number[] = [-1]; // node → pattern ending there
  patterns.forEach((p, i) => {
    if (p === '') {
      if (texts.length) found[i] = 0;
      return;
    }
    if (p.length > longest) return;
    let node = 0;
    for (let k = 0; k < p.length; k++) {
      const key = node * 0x10000 + p.charCodeAt(k);
      let next = goto.get(key);
      if (next === undefined) {
        next = out.push(-1) - 1;
        goto.set(key, next);
      }
      node = next;
    }
    if (out[node] < 0) out[node] = i;
    else found[i] = -2; // a duplicate: resolved from the first copy below
  });
  // Failure links by breadth-first order, and the nearest pattern node on each failure chain.
  const fail = new Array<number>(out.length).fill(0);
  const dict = new Array<number>(out.length).fill(0);
  const children = new Map<number, [number, number][]>();
  for (const [key, child] of goto) {
    const parent = Math.floor(key / 0x10000);
    const list = children.get(parent) ?? [];
    list.push([key % 0x10000, child]);
    children.set(parent, list);
  }
  const queue: number[] = [0];
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q];
    for (const [c, child] of children.get(node) ?? []) {
      if (node !== 0) {
        let f = fail[node];
        while (f !== 0 && !goto.has(f * 0x10000 + c)) f = fail[f];
        fail[child] = goto.get(f * 0x10000 + c) ?? 0;
      }
      dict[child] = out[fail[child]] >= 0 ? fail[child] : dict[fail[child]];
      queue.push(child);
    }
  }
  texts.forEach((t, j) => {
    let node = 0;
    for (let k = 0; k < t.length; k++) {
      const c = t.charCodeAt(k);
      while (node !== 0 && !goto.has(node * 0x10000 + c)) node = fail[node];
      node = goto.get(node * 0x10000 + c) ?? 0;
      // Patterns on a chain are suffixes of one another: once one is found, the rest of its chain was
      // found with it, so the walk stops there and each pattern is marked once.
      for (let m = out[node] >= 0 ? node : dict[node]; m !== 0 && found[out[m]] < 0; m = dict[m]) found[out[m]] = j;
    }
  });
  patterns.forEach((p, i) => {
    if (found[i] !== -2) return;
    let node = 0;
    for (let k = 0; k < p.length; k++) node = goto.get(node * 0x10000 + p.charCodeAt(k))!;
    found[i] = found[out[node]];
  });
  return found;
}

function isStandaloneNumber(b: Block): boolean {
  return b.type === 'para' && normalizeDocNumber(b.text) !== null;
}

function isTocLike(text: string): boolean {
  return RE_PAGE_REF.test(text) || RE_DOT_LEADER.test(text);
}

function isHeaderLine(b: Block | undefined): b is ParagraphBlock {
  if (!b || b.type !== 'para') return false;
  const t = b.text;
  return (
    t.length <= 90 && !endsSentence(t) && !isTocLike(t) && !isMastheadLine(t) && !/^[（(]?[一二三四五六七八九十\d]+[、.．)）]/.test(t) && !t.startsWith('●')
  );
}

function findItemStarts(blocks: Block[]): ItemStart[] {
  const starts: ItemStart[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (isStandaloneNumber(b)) {
      // The header is the title/issuer lines just above the number (at most three).
      let start = i;
      while (start > 0 && i - start < 3 && isHeaderLine(blocks[start - 1]) && !isStandaloneNumber(blocks[start - 1])) start--;
      if (start === i) continue; // a number with no title above it is not an item header
      const prev = starts[starts.length - 1];
      if (prev && start < prev.headerEnd) continue;
      starts.push({ kind: 'notice', start, numberAt: i, headerEnd: i + 1 });
    } else if (b.type === 'para' && !isTocLike(b.text) && RE_INTERPRETATION.test(b.text)) {
      let start = i;
      if (isHeaderLine(blocks[i - 1]) && RE_ISSUER_ONLY.test((blocks[i - 1] as ParagraphBlock).text)) start = i - 1;
      starts.push({ kind: 'interpretation', start, numberAt: i, headerEnd: i + 1 });
    }
  }
  return starts;
}

function parseIssueMeta(head: Block[]): IssueMeta {
  let title: string | null = null;
  let number: string | null = null;
  let editor: string | null = null;
  let year: number | null = null;
  let serial: number | null = null;
  const toc: TocSection[] = [];
  let inToc = false;
  let pending = '';
  let tail = PAGE_REF_NONE; // how the end of `pending` reads against RE_PAGE_REF
  for (const b of head) {
    const lines = b.type === 'para' ? [b.text] : b.rows.map((r) => squeezeCjkSpaces(r.filter((c) => c.trim()).join('')));
    for (const line of lines) {
      if (!line) continue;
      if (!title && /公报$/.test(line)) {
        title = line;
        continue;
      }
      const ed = /^编辑\s*[:：]\s*(?!\s)(.+)$/.exec(line); // (?!\s): see structure.ts
      if (ed) {
        editor = ed[1].trim();
        continue;
      }
      const no = RE_ISSUE_NUMBER.exec(toAsciiDigits(line));
      if (no && !number) {
        year = Number(no[1]);
        serial = Number(no[2]);
        number = `${year}年第${serial}号`;
        continue;
      }
      if (/^目\s*录$/.test(line)) {
        inToc = true;
        continue;
      }
      if (!inToc) continue;
      if (line.startsWith('●')) {
        toc.push({ title: line.slice(1).trim(), entries: [] });
        pending = '';
        tail = PAGE_REF_NONE;
        continue;
      }
      pending += line;
      // The page reference is looked for only when the end of `pending` has one: running the regex over
      // an entry that keeps growing line by line (a contents page with no page numbers) was quadratic.
      tail = readPageRef(tail, line);
      const page = tail === PAGE_REF_MATCH ? RE_PAGE_REF.exec(pending) : null;
      if (page) {
        const entryTitle = trimEndMatching(pending.replace(RE_PAGE_REF, ''), /[….·．\s]/)
          .replace(RE_DOT_LEADER, '')
          .trim();
        const pageNo = Number(page[0].replace(/\D/g, ''));
        if (toc.length === 0) toc.push({ title: '', entries: [] });
        toc[toc.length - 1].entries.push({ title: entryTitle, page: pageNo });
        pending = '';
        tail = PAGE_REF_NONE;
      }
    }
  }
  return { title, number, year, serial, editor, toc };
}

// RE_PAGE_REF = [（(] \s* \d{1,4} \s* [）)] \s* at the end. A match holds one opening bracket, its first
// character, so it starts at the last one; these states follow the text after it, character by character.
const PAGE_REF_NONE = 0; // no opening bracket, or something after it that cannot be a page reference
const PAGE_REF_OPEN = 1; // bracket, spaces
const PAGE_REF_DIGITS = 2; // … 1 to 4 digits: states 2–5
const PAGE_REF_SPACE = 6; // … digits, spaces
const PAGE_REF_MATCH = 7; // … closing bracket, spaces: RE_PAGE_REF matches
const RE_SPACE = /\s/;

function readPageRef(state: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '（' || ch === '(') state = PAGE_REF_OPEN;
    else if (state === PAGE_REF_NONE) continue;
    else if (RE_SPACE.test(ch)) state = state >= PAGE_REF_DIGITS && state < PAGE_REF_SPACE ? PAGE_REF_SPACE : state;
    else if (ch >= '0' && ch <= '9') state = state >= PAGE_REF_OPEN && state < PAGE_REF_DIGITS + 3 ? state + 1 : PAGE_REF_NONE;
    else if (ch === '）' || ch === ')') state = state >= PAGE_REF_DIGITS && state <= PAGE_REF_SPACE ? PAGE_REF_MATCH : PAGE_REF_NONE;
    else state = PAGE_REF_NONE;
  }
  return state;
}

/** `text` without the longest run at its end of characters matching `char` (as `/[…]+$/` without its backtracking). */
function trimEndMatching(text: string, char: RegExp): string {
  let end = text.length;
  while (end > 0 && char.test(text[end - 1])) end--;
  return text.slice(0, end);
}

function paraText(blocks: Block[]): string[] {
  return blocks.flatMap((b) => (b.type === 'para' ? [b.text] : b.rows.map((r) => r.join(' '))));
}

function parseNotice(blocks: Block[], s: ItemStart, end: number, seq: number): GazetteDocument {
  const headerText = blocks
    .slice(s.start, s.numberAt)
    .map((b) => (b as ParagraphBlock).text)
    .join('');
  const title = headerText.replace(/\s+/g, '');
  const number = normalizeDocNumber((blocks[s.numberAt] as ParagraphBlock).text)!;
  const issuer = issuerOf(title);
  let i = s.numberAt + 1;
  let date: string | null = null;
  const dateBlock = blocks[i];
  if (dateBlock?.type === 'para' && i < end) {
    date = parseChineseDate(dateBlock.text);
    if (date) i++;
  }
  // 主送: the addressees, up to the first colon of the next paragraph.
  let recipients: string | null = null;
  let firstNoticePara: string | null = null;
  const rb = blocks[i];
  if (rb?.type === 'para' && i < end) {
    const m = /^([^。：:]{2,200}?)[：:](.*)$/.exec(rb.text);
    if (m && /[、，,]|各|部门|政府|单位|管委会/.test(m[1]) && !/《/.test(m[1])) {
      recipients = m[1].trim();
      firstNoticePara = m[2].trim() || null;
      i++;
    }
  }
  // The issued document's title is printed as its own line after the notice.
  const issuedTitle = issuedTitleOf(title);
  let bodyStart = i;
  let documentTitle: string | null = null;
  const noticeParas: string[] = firstNoticePara ? [firstNoticePara] : [];
  if (issuedTitle) {
    const key = titleKey(issuedTitle);
    for (let j = i; j < Math.min(end, i + 8); j++) {
      const b = blocks[j];
      if (b.type !== 'para') break;
      const k = titleKey(b.text);
      const isTitle = !endsSentence(b.text) && k.length >= 6 && (k === key || key.startsWith(k) || k.startsWith(key));
      if (isTitle) {
        documentTitle = squeezeCjkSpaces(b.text);
        for (let n = i; n < j; n++) noticeParas.push((blocks[n] as ParagraphBlock).text);
        bodyStart = j + 1;
        break;
      }
    }
    if (!documentTitle) documentTitle = issuedTitle;
  }
  const body = blocks.slice(bodyStart, end);
  const structure = buildStructure(body);
  const allText = [...noticeParas, ...paraText(body)];
  const validity = readValidity(allText, date);
  const citations: Citation[] = [];
  const cited = new Set<string>([number]);
  // The deepest unit whose own text carries the validity sentence (units hold their children's text too).
  let validityAnchor: string | null = null;
  if (validity.text) {
    const needle = validity.text.replace(/\s/g, '');
    for (const { unit } of walkUnits(structure.units)) if (unit.anchor && unit.text.replace(/\s/g, '').includes(needle)) validityAnchor = unit.anchor;
  }
  for (const p of noticeParas) addCitations(citations, cited, p, null);
  for (const { unit } of walkUnits(structure.units)) addCitations(citations, cited, unit.text, unit.anchor);
  for (const t of structure.tables) for (const r of t.rows) addCitations(citations, cited, r.join(''), t.unitAnchor);
  return {
    seq,
    id: number,
    kind: 'notice',
    number,
    title,
    documentTitle,
    issuer,
    date,
    recipients,
    noticeText: noticeParas.length ? noticeParas.join('\n') : null,
    interprets: null,
    validFrom: validity.validFrom,
    validUntil: validity.validUntil,
    validityText: validity.text,
    validityAnchor,
    ...structure,
    citations,
    truncated: false,
  };
}

function parseInterpretation(blocks: Block[], s: ItemStart, end: number, seq: number): GazetteDocument {
  const headerText = blocks
    .slice(s.start, s.headerEnd)
    .map((b) => (b as ParagraphBlock).text)
    .join('');
  const title = headerText.replace(/\s+/g, '');
  const m = RE_INTERPRETATION.exec(squeezeCjkSpaces((blocks[s.numberAt] as ParagraphBlock).text));
  const explained = m ? m[2] : null;
  const issuer = s.start < s.numberAt ? (blocks[s.start] as ParagraphBlock).text : m?.[1] ? m[1].trim() || null : null;
  let i = s.headerEnd;
  let date: string | null = null;
  const db = blocks[i];
  if (db?.type === 'para' && i < end && parseChineseDate(db.text)) {
    date = parseChineseDate(db.text);
    i++;
  }
  const body = blocks.slice(i, end);
  const structure = buildStructure(body);
  const citations: Citation[] = [];
  const cited = new Set<string>();
  for (const { unit } of walkUnits(structure.units)) addCitations(citations, cited, unit.text, unit.anchor);
  return {
    seq,
    id: `解读:${seq}`, // replaced once the explained document is known
    kind: 'interpretation',
    number: null,
    title,
    documentTitle: null,
    issuer: issuer ? issuer.replace(/\s+/g, '') : null,
    date,
    recipients: null,
    noticeText: null,
    interprets: explained, // resolved to a 文号 by the caller
    validFrom: null,
    validUntil: null,
    validityText: null,
    validityAnchor: null,
    ...structure,
    citations,
    truncated: false,
  };
}

function addCitations(out: Citation[], seen: Set<string>, text: string, anchor: string | null) {
  for (const n of findDocNumbers(text)) {
    if (seen.has(n)) continue;
    seen.add(n);
    out.push({ number: n, anchor });
  }
}

/** The issuer is what precedes 关于 in the title ("承德市人民政府办公室关于印发…"). */
function issuerOf(title: string): string | null {
  const m = /^(.+?)关于/.exec(title);
  if (m) return m[1];
  const o = RE_ISSUER_ONLY.exec(title);
  return o ? o[0] : null;
}

/** "关于印发《X》的通知" → X; "关于印发X的通知" → X; other notices issue no separate document. */
function issuedTitleOf(title: string): string | null {
  const quoted = /印发《([^》]+)》/.exec(title);
  if (quoted) return quoted[1];
  const plain = /关于印发(.+?)的通知$/.exec(title);
  return plain ? plain[1] : null;
}
