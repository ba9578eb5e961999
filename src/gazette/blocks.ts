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

export function toBlocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ').replace(/\ufeff/g, '').split('\n');
  const blocks: Block[] = [];
  let para: ParagraphBlock | null = null;
  let table: TableBlock | null = null;
  let blankSince = false;

  const closeTable = () => {
    if (table) blocks.push(table);
    table = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const rawLine = lines[i].replace(/\s+$/, '');
    const lineNo = i + 1;
    if (rawLine.trim() === '') {
      blankSince = true;
      closeTable();
      continue;
    }
    if (isTableLine(rawLine)) {
      para = null;
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
    const canContinue =
      prev !== null && !startsUnit && !(blankSince ? endsParagraph(prev.text) : endsSentence(prev.text)) &&
      (blankSince
        ? // page break: only a long unfinished paragraph continues over a blank line
          prev.text.length >= MIN_BROKEN_LINE && !looksLikeTitle(squeezed)
        : // a wrapped line of the same paragraph
          true);
    if (canContinue && prev && (para !== null || blankSince)) {
      prev.raw += content;
      prev.text = squeezeCjkSpaces(prev.raw);
      para = prev;
    } else {
      para = { type: 'para', text: squeezed, raw: content, line: lineNo, listItem };
      blocks.push(para);
    }
    blankSince = false;
  }
  closeTable();
  return blocks;
}

/** Short line without closing punctuation: a title, an issuer, a heading. */
export function looksLikeTitle(text: string): boolean {
  return text.length < MIN_BROKEN_LINE && !endsSentence(text) && !/[，,、]$/.test(text);
}
