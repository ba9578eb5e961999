// Turns the plain text of a printed issue into blocks: paragraphs and tables.
// The text comes from a print layout: lines are wrapped, paragraphs are split
// by page breaks (a blank line in the middle of a sentence), and tables are
// markdown fragments. Rules here are general, never tied to a line number.

import { squeezeCjkSpaces } from './normalize.js';

export interface ParagraphBlock {
  type: 'para';
  text: string; // spaces next to CJK removed
  raw: string; // as printed (lines joined)
  line: number; // 1-based line of the first line
  listItem: boolean; // printed as a markdown list item ("- ")
}
export interface TableBlock {
  type: 'table';
  rows: string[][]; // raw cells, separator rows removed
  line: number;
}
export type Block = ParagraphBlock | TableBlock;

/** A line that starts a new unit: headings, numbered items, notes, attachments. */
export const MARKER =
  /^(?:第[一二三四五六七八九十百零〇]+[章节条]|[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)]|[①②③④⑤⑥⑦⑧⑨⑩]|附件|注[：:]|●|表\s*\d)/;

const SENTENCE_END = /[。；;！!？?：:…]$/;
/** A printed full line is about 40 characters; a shorter unfinished line is a heading or title, not a page break. */
const MIN_BROKEN_LINE = 38;

export function isTableLine(line: string): boolean {
  return /^\s*\|.*\|\s*$/.test(line);
}

function isSeparatorRow(line: string): boolean {
  return /^\s*\|(\s*:?-{2,}:?\s*\|)+\s*$/.test(line);
}

function splitRow(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split('|').map((c) => c.trim());
}

export function endsSentence(text: string): boolean {
  return SENTENCE_END.test(text.trim());
}

/** A paragraph is finished when it ends a sentence or closes a bracket ("（市发改委牵头）"). */
export function endsParagraph(text: string): boolean {
  return endsSentence(text) || /[）)]$/.test(text.trim());
}

/** A paragraph still being read: its pieces, their total length and the last piece. */
interface OpenParagraph {
  block: ParagraphBlock;
  text: string[];
  raw: string[];
  length: number;
  tail: string;
}

export function toBlocks(source: string): Block[] {
  const lines = source
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .replace(/\ufeff/g, '')
    .split('\n');
  const blocks: Block[] = [];
  let para: ParagraphBlock | null = null;
  let table: TableBlock | null = null;
  let blankSince = false;
  // The last paragraph is built from pieces and joined once when the next block starts: joining and
  // re-squeezing the whole paragraph for every wrapped line made a long paragraph quadratic. Lines are
  // trimmed, so no run of spaces crosses a line and squeeze(a + b) = squeeze(a) + squeeze(b).
  let open: OpenParagraph | null = null;
  const closePara = () => {
    if (!open) return;
    open.block.text = open.text.join('');
    open.block.raw = open.raw.join('');
    open = null;
  };

  const closeTable = () => {
    if (table) blocks.push(table);
    table = null;
  };

  for (let i = 0; i < lines.length; i++) {
    // trimEnd() strips the same characters as /\s+$/, without the regex's quadratic backtracking over inner spaces.
    const rawLine = lines[i].trimEnd();
    const lineNo = i + 1;
    if (rawLine.trim() === '') {
      blankSince = true;
      closeTable();
      continue;
    }
    if (isTableLine(rawLine)) {
      para = null;
      closePara(); // a paragraph never continues after a table
      if (!table) table = { type: 'table', rows: [], line: lineNo };
      if (!isSeparatorRow(rawLine)) table.rows.push(splitRow(rawLine));
      blankSince = false;
      continue;
    }
    closeTable();
    let content = rawLine.trim();
    let listItem = false;
    if (/^[-*]\s+/.test(content)) {
      content = content.replace(/^[-*]\s+/, '');
      listItem = true;
    }
    const squeezed = squeezeCjkSpaces(content);
    const startsUnit = listItem || MARKER.test(squeezed);
    const last = blocks[blocks.length - 1];
    const prev: ParagraphBlock | null = para ?? (last && last.type === 'para' ? last : null);
    // prev is the open paragraph; its text ends as its last piece does, so the end-of-sentence
    // tests read that piece, not the whole paragraph.
    const prevOpen: OpenParagraph | null = prev !== null && open !== null && open.block === prev ? open : null;
    const prevTail = prevOpen ? prevOpen.tail : (prev?.text ?? '');
    const prevLength = prevOpen ? prevOpen.length : (prev?.text.length ?? 0);
    const canContinue =
      prev !== null &&
      !startsUnit &&
      !(blankSince ? endsParagraph(prevTail) : endsSentence(prevTail)) &&
      (blankSince
        ? // page break: only a long unfinished paragraph continues over a blank line
          prevLength >= MIN_BROKEN_LINE && !looksLikeTitle(squeezed)
        : // a wrapped line of the same paragraph
          true);
    if (canContinue && prev && (para !== null || blankSince)) {
      if (!prevOpen) closePara();
      const o: OpenParagraph = prevOpen ?? { block: prev, text: [prev.text], raw: [prev.raw], length: prev.text.length, tail: prev.text };
      o.raw.push(content);
      o.text.push(squeezed);
      o.length += squeezed.length;
      o.tail = squeezed;
      open = o;
      para = prev;
    } else {
      closePara();
      para = { type: 'para', text: squeezed, raw: content, line: lineNo, listItem };
      blocks.push(para);
      open = { block: para, text: [squeezed], raw: [content], length: squeezed.length, tail: squeezed };
    }
    blankSince = false;
  }
  closePara();
  closeTable();
  return blocks;
}

/** Short line without closing punctuation: a title, an issuer, a heading. */
export function looksLikeTitle(text: string): boolean {
  return text.length < MIN_BROKEN_LINE && !endsSentence(text) && !/[，,、]$/.test(text);
}
