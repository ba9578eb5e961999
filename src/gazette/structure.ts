// Builds the addressable structure of one document from its body blocks.
// Regulations are 章 / 条 / 款 / 项; plans and opinions are 一、/（一）/ 1. /（1）.
// Every unit gets an anchor unique within the document, used in permalinks
// (/docs/隆政发〔2022〕11号#第十六条) and citations (第十四条第（三）项).

import type { Block, ParagraphBlock } from './blocks.js';
import { endsSentence, MARKER } from './blocks.js';
import { assembleTable, continuesTable } from './tables.js';
import { titleKey } from './normalize.js';
import type { Attachment, Table, Unit, UnitKind } from './types.js';

const NUM = '[一二三四五六七八九十百零〇]+';
// `\s*(?!\s)` takes a run of spaces whole. A shorter run never lets the rest match (texts are trimmed),
// and trying every shorter run made a long run of spaces before a line separator (U+2028) quadratic.
const RE_CHAPTER = new RegExp(`^(第${NUM}章)\\s*(?!\\s)(.*)$`);
const RE_SECTION = new RegExp(`^(第${NUM}节)\\s*(?!\\s)(.*)$`);
const RE_ARTICLE = new RegExp(`^(第${NUM}条)\\s*(?!\\s)(.*)$`);
const RE_L1 = /^([一二三四五六七八九十]+)[、．.]\s*(?!\s)(.*)$/;
const RE_L2 = /^[（(]([一二三四五六七八九十]+)[）)]\s*(?!\s)(.*)$/;
const RE_L3 = /^(\d{1,2})[.．、](?!\d)\s*(?!\s)(.*)$/;
const RE_L4 = /^[（(](\d{1,2})[）)]\s*(?!\s)(.*)$/;
const RE_ATTACHMENT_LIST = /^附件\s*[:：]\s*(?!\s)(?:(\d+)\s*[.．、]\s*(?!\s))?(.+)$/;
const RE_ATTACHMENT_HEAD = /^附件\s*(?!\s)(\d*)\s*$/;
const DOC_TITLE_END = /(规划|计划|方案|办法|规定|细则|意见|清单|承诺书|通知|纲要)([（(][^）)]*[）)])?$/;

export interface Structure {
  units: Unit[];
  tables: Table[];
  attachments: Attachment[];
  articleCount: number;
}

/** Level of a unit kind in the outline; deeper numbers nest inside smaller ones. */
const LEVEL: Record<UnitKind, number> = {
  part: 0,
  chapter: 1,
  section: 2,
  article: 3,
  clause: 4,
  item: 5,
  level1: 1,
  level2: 2,
  level3: 3,
  level4: 4,
  paragraph: 9,
};

function firstSentence(text: string): string {
  const m = /^(.{1,40}?)[。；;]/.exec(text);
  if (m) return m[1];
  return text.length <= 40 ? text : text.slice(0, 40) + '…';
}

export function buildStructure(blocks: Block[]): Structure {
  const isRegulation = blocks.some((b) => b.type === 'para' && RE_ARTICLE.test(b.text));
  const units: Unit[] = [];
  const tables: Table[] = [];
  const attachments: Attachment[] = [];
  const anchors = new Set<string>();
  const stack: Unit[] = [];
  let partPrefix = '';
  let articleCount = 0;
  let pendingFragments: string[][][] | null = null;
  let pendingCaption: string | null = null;
  let pendingAnchor: string | null = null;
  let inAttachmentList = false;
  let awaitingPartTitle: Unit | null = null;
  // Indexes kept as units and attachments are added, so that no lookup re-reads every unit or
  // attachment seen so far (that made long documents quadratic).
  const unitByAnchor = new Map<string, Unit>();
  const anchorSuffix = new Map<string, number>(); // wanted anchor → last n of `${wanted}·${n}` taken
  const clauseCount = new Map<Unit, number>(); // article → its 款 so far
  const partAnchors = new Set<string>(); // parts are always top-level units
  let otherParts = 0; // parts that are not attachments (a second document under the notice)
  const attachmentByLabel = new Map<string, Attachment>(); // first attachment with the label
  const attachmentIndex = new Map<Attachment, number>();
  const attachmentsByTitle = new Map<string, number[]>(); // titleKey → min-heap of attachment indexes
  let nextStops: number[] | null = null; // see nextItemContinues

  // Inside a regulation, 1. and （1） number the points of an item (项), so they nest below it.
  const levelOf = (kind: UnitKind) => (isRegulation && (kind === 'level3' || kind === 'level4') ? LEVEL[kind] + 3 : LEVEL[kind]);
  const uniqueAnchor = (wanted: string) => {
    // Every `${wanted}·${n}` up to the last one taken is in use already: start after it.
    let a = wanted;
    let n = anchorSuffix.get(wanted) ?? 1;
    while (anchors.has(a)) a = `${wanted}·${++n}`;
    if (n > 1) anchorSuffix.set(wanted, n);
    anchors.add(a);
    return a;
  };
  const current = () => stack[stack.length - 1];
  const open = (kind: UnitKind, label: string | null, heading: string | null, text: string, anchorBase: string) => {
    while (stack.length && levelOf(current().kind) >= levelOf(kind)) stack.pop();
    const unit: Unit = { anchor: uniqueAnchor(anchorBase), kind, label, heading, text, tables: [], children: [] };
    const parent = stack.length ? current() : null;
    (parent ? parent.children : units).push(unit);
    stack.push(unit);
    unitByAnchor.set(unit.anchor, unit);
    if (kind === 'clause' && parent) clauseCount.set(parent, (clauseCount.get(parent) ?? 0) + 1);
    if (kind === 'part') {
      partAnchors.add(unit.anchor);
      if (!unit.anchor.startsWith('附件')) otherParts++;
    }
    return unit;
  };
  const clausesOf = (article: Unit) => clauseCount.get(article) ?? 0;
  const indexTitle = (index: number) => {
    const key = titleKey(attachments[index].title);
    const heap = attachmentsByTitle.get(key) ?? [];
    attachmentsByTitle.set(key, heap);
    heapPush(heap, index);
  };
  const addAttachment = (a: Attachment) => {
    attachmentIndex.set(a, attachments.push(a) - 1);
    if (!attachmentByLabel.has(a.label)) attachmentByLabel.set(a.label, a);
    if (a.title) indexTitle(attachments.length - 1);
  };
  /** The first attachment titled `text` whose part has not started yet. */
  const announcedBy = (text: string): Attachment | undefined => {
    const heap = attachmentsByTitle.get(titleKey(text));
    // Once its part has started an attachment is never announced again: drop it for good.
    while (heap?.length && partAnchors.has(attachments[heap[0]].label)) heapPop(heap);
    return heap?.length ? attachments[heap[0]] : undefined;
  };
  const appendText = (text: string) => {
    const u = current();
    if (u) u.text = u.text ? `${u.text}\n${text}` : text;
    else open('paragraph', null, null, text, partPrefix + '前言');
  };
  const flushTable = () => {
    if (!pendingFragments) return;
    const t = assembleTable(pendingFragments);
    const index = tables.length;
    tables.push({ index, caption: pendingCaption, unitAnchor: pendingAnchor, ...t });
    const owner = pendingAnchor ? (unitByAnchor.get(pendingAnchor) ?? null) : null;
    owner?.tables.push(index);
    pendingFragments = null;
  };
  const nearest = (kind: UnitKind) => [...stack].reverse().find((u) => u.kind === kind);
  const anchorOf = (kinds: UnitKind[]) => {
    const parts = stack.filter((u) => kinds.includes(u.kind)).map((u) => u.label ?? '');
    return parts.join('');
  };

  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    if (block.type === 'table') {
      const prevBlock = blocks[i - 1];
      if (pendingFragments && prevBlock?.type === 'table' && continuesTable(pendingFragments[pendingFragments.length - 1], block.rows)) {
        pendingFragments.push(block.rows);
        continue;
      }
      flushTable();
      pendingFragments = [block.rows];
      pendingCaption = captionBefore(blocks, i);
      pendingAnchor = current()?.anchor ?? null;
      continue;
    }
    flushTable();
    const text = block.text;

    // Attachments: "附件：1. …" lists them; "附件 1" on its own line starts one.
    const list = RE_ATTACHMENT_LIST.exec(text);
    if (list && !endsSentence(text)) {
      // An unnumbered single attachment is just 附件, as its heading will say.
      addAttachment({ label: `附件${list[1] ?? (attachments.length ? attachments.length + 1 : '')}`, title: list[2].trim() });
      inAttachmentList = true;
      appendText(text);
      continue;
    }
    if (inAttachmentList) {
      const more = RE_L3.exec(text);
      if (more && !endsSentence(text) && text.length < 60) {
        addAttachment({ label: `附件${more[1]}`, title: more[2].trim() });
        appendText(text);
        continue;
      }
      inAttachmentList = false;
    }
    // An attachment announced in the notice ("附件：项目负责人承诺书") whose title is printed without a "附件" heading.
    const announced = isTitleLike(block) ? announcedBy(text) : undefined;
    if (announced && stack.length > 0) {
      stack.length = 0;
      partPrefix = announced.label + '·';
      open('part', announced.label, text, '', announced.label);
      continue;
    }
    const head = RE_ATTACHMENT_HEAD.exec(text);
    if (head) {
      const label = `附件${head[1]}`;
      stack.length = 0;
      partPrefix = label + '·';
      awaitingPartTitle = open('part', label, null, '', label);
      if (!attachmentByLabel.has(label)) addAttachment({ label, title: '' });
      continue;
    }
    if (awaitingPartTitle) {
      if (isTitleLike(block)) {
        awaitingPartTitle.heading = text;
        const a = attachmentByLabel.get(awaitingPartTitle.label!);
        if (a && !a.title) {
          a.title = text;
          indexTitle(attachmentIndex.get(a)!);
        }
        awaitingPartTitle = null;
        continue;
      }
      awaitingPartTitle = null;
    }
    // A second document printed under the same notice (e.g. a second plan).
    if (
      !isRegulation &&
      stack.length > 0 &&
      isTitleLike(block) &&
      !MARKER.test(text) &&
      !/专栏/.test(text) &&
      DOC_TITLE_END.test(text) &&
      nextIsStructural(blocks, i)
    ) {
      stack.length = 0;
      const n = otherParts + 2;
      partPrefix = `第${n}部分·`;
      open('part', null, text, '', `第${n}部分`);
      continue;
    }

    let m: RegExpExecArray | null;
    if ((m = RE_CHAPTER.exec(text))) {
      open('chapter', m[1], squeeze(m[2]), '', partPrefix + m[1]);
    } else if ((m = RE_SECTION.exec(text))) {
      open('section', m[1], squeeze(m[2]), '', partPrefix + anchorOf(['chapter']) + m[1]);
    } else if ((m = RE_ARTICLE.exec(text))) {
      articleCount++;
      open('article', m[1], null, m[2], partPrefix + m[1]);
    } else if (isRegulation && (m = RE_L2.exec(text)) && nearest('article')) {
      // Items of a later 款 are cited with it: 第十六条第二款第（一）项.
      const art = nearest('article')!;
      const clause = nearest('clause');
      const label = `（${m[1]}）`;
      open('item', label, null, m[2], `${(clause ?? art).anchor}第${label}项`);
    } else if (
      isRegulation &&
      current()?.kind === 'item' &&
      !MARKER_ANY.test(text) &&
      nextItemContinues(blocks, (nextStops ??= itemStops(blocks)), i, current()!.label)
    ) {
      // A paragraph between 项 (一) and 项 (二) is more text of 项 (一), not a new 款.
      appendText(text);
    } else if (isRegulation && nearest('article') && !MARKER_ANY.test(text)) {
      const art = nearest('article')!;
      const n = clausesOf(art) + 2;
      open('clause', `第${cn(n)}款`, null, text, `${art.anchor}第${cn(n)}款`);
    } else if ((m = RE_L1.exec(text)) && !isRegulation) {
      open('level1', `${m[1]}、`, headingOf(m[2]), m[2], partPrefix + `${m[1]}、`);
    } else if ((m = RE_L2.exec(text))) {
      const label = `（${m[1]}）`;
      open('level2', label, headingOf(m[2]), m[2], partPrefix + anchorOf(['level1', 'article']) + label);
    } else if ((m = RE_L3.exec(text))) {
      const label = `${m[1]}.`;
      open('level3', label, headingOf(m[2]), m[2], partPrefix + anchorOf(['level1', 'level2', 'article', 'item']) + label);
    } else if ((m = RE_L4.exec(text))) {
      const label = `（${m[1]}）`;
      open('level4', label, headingOf(m[2]), m[2], partPrefix + anchorOf(['level1', 'level2', 'level3', 'article', 'item']) + label);
    } else {
      // Plain paragraph: belongs to the innermost open unit, except after an
      // item list inside an article, where it is a new 款 of that article.
      const top = current();
      if (isRegulation && top && top.kind === 'item') {
        const art = nearest('article')!;
        const n = clausesOf(art) + 2;
        open('clause', `第${cn(n)}款`, null, text, `${art.anchor}第${cn(n)}款`);
      } else {
        appendText(text);
      }
    }
  }
  flushTable();
  return { units, tables, attachments, articleCount };
}

const MARKER_ANY = /^(?:[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、](?!\d)|[一二三四五六七八九十]+、)/;

function cn(n: number): string {
  return ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][n] ?? String(n);
}
function squeeze(s: string): string {
  return s.replace(/\s+/g, '');
}
function headingOf(text: string): string {
  return firstSentence(text);
}
function isTitleLike(block: Block): block is ParagraphBlock {
  return block.type === 'para' && block.text.length <= 45 && !endsSentence(block.text) && !/[，,]/.test(block.text);
}
const CN_DIGITS = '一二三四五六七八九十';
/**
 * For each block index j, the first paragraph at or after j that is an article, a chapter or an item
 * (-1 if none). Computed once per document: looking ahead from every paragraph of a long item was quadratic.
 */
function itemStops(blocks: Block[]): number[] {
  const stops = new Array<number>(blocks.length + 1);
  stops[blocks.length] = -1;
  for (let j = blocks.length - 1; j >= 0; j--) {
    const b = blocks[j];
    stops[j] = b.type === 'para' && (RE_ARTICLE.test(b.text) || RE_CHAPTER.test(b.text) || RE_L2.test(b.text)) ? j : stops[j + 1];
  }
  return stops;
}

/** Whether the next numbered line of the article is the item after `label` (（一） → （二）). */
function nextItemContinues(blocks: Block[], stops: number[], i: number, label: string | null): boolean {
  const n = label ? CN_DIGITS.indexOf(label.replace(/[（）()]/g, '')) : -1;
  if (n < 0) return false;
  const j = stops[i + 1];
  if (j < 0) return false;
  const text = (blocks[j] as ParagraphBlock).text;
  if (RE_ARTICLE.test(text) || RE_CHAPTER.test(text)) return false;
  const m = RE_L2.exec(text)!;
  return m[1] === CN_DIGITS[n + 1];
}

/** A binary min-heap of numbers. */
function heapPush(heap: number[], x: number) {
  let i = heap.push(x) - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (heap[p] <= heap[i]) break;
    [heap[p], heap[i]] = [heap[i], heap[p]];
    i = p;
  }
}
function heapPop(heap: number[]) {
  const last = heap.pop()!;
  if (heap.length === 0) return;
  heap[0] = last;
  for (let i = 0; ;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < heap.length && heap[l] < heap[m]) m = l;
    if (r < heap.length && heap[r] < heap[m]) m = r;
    if (m === i) return;
    [heap[m], heap[i]] = [heap[i], heap[m]];
    i = m;
  }
}

function nextIsStructural(blocks: Block[], i: number): boolean {
  for (let j = i + 1; j < Math.min(blocks.length, i + 3); j++) {
    const b = blocks[j];
    if (b.type === 'table') return true;
    if (/^单位[:：]/.test(b.text)) continue;
    return RE_L1.test(b.text) || RE_CHAPTER.test(b.text);
  }
  return false;
}
/** The caption of a table: the short title printed just above it (skipping a "单位：" line). */
function captionBefore(blocks: Block[], i: number): string | null {
  for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
    const b = blocks[j];
    if (b.type !== 'para') return null;
    if (/^单位[:：]/.test(b.text)) continue;
    if (b.text.length <= 60 && !endsSentence(b.text)) return b.text;
    return null;
  }
  return null;
}

export function findUnit(units: Unit[], anchor: string): Unit | null {
  for (const u of units) {
    if (u.anchor === anchor) return u;
    const c = findUnit(u.children, anchor);
    if (c) return c;
  }
  return null;
}

export function* walkUnits(units: Unit[], depth = 0): Generator<{ unit: Unit; depth: number }> {
  for (const u of units) {
    yield { unit: u, depth };
    yield* walkUnits(u.children, depth + 1);
  }
}
