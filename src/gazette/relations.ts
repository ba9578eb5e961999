// Relations between documents: 修改 (amends), 废止 (repeals), 延期 (extends), 替代 (replaces), 解读 (interprets),
// 实施 (implements), 引用 (cites). The parser reads them where the text says so; an administrator records the
// others. A relation names its other end as printed (a 文号 or a 《title》); it is resolved to a document of
// the library when one matches, at ingest of either end, and listed as unresolved otherwise.
import { findDocNumbers, normalizeDocNumber, parseChineseDate, titleKey, toAsciiDigits } from './normalize.js';
import { walkUnits } from './structure.js';
import type { GazetteDocument } from './types.js';

import { RELATION_KINDS, type RelationKind, type RelationRef } from './types.js';
export { RELATION_KINDS, type RelationKind, type RelationRef };

/** Labels: outgoing (this document … the other) and incoming (the other … this document). */
export const RELATION_LABEL: Record<RelationKind, { out: string; in: string; verb: string }> = {
  amends: { verb: '修改', out: '修改了', in: '被修改：' },
  repeals: { verb: '废止', out: '废止了', in: '被废止：' },
  extends: { verb: '延期', out: '延长了有效期：', in: '有效期被延长：' },
  replaces: { verb: '替代', out: '替代了', in: '被替代：' },
  interprets: { verb: '解读', out: '解读', in: '解读文件：' },
  implements: { verb: '实施', out: '贯彻落实', in: '被贯彻落实：' },
  cites: { verb: '引用', out: '引用', in: '被引用：' },
};

const RE_REF = /《([^《》]{2,80})》(?:\s*[（(]([^（）()]{4,40})[）)])?/g;
const DATE = '(\\d{4}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日)';
const RE_EXTEND_AFTER = new RegExp(`^(?:的)?有效期(?:延长|延续|顺延)?至\\s*${DATE}`);
const RE_EXTEND_AFTER2 = new RegExp(`^(?:的)?(?:有效期)?(?:延期|延长)至\\s*${DATE}`);
const RE_REPEAL_AFTER = /^(?:同时|即行|予以|一并)?(?:废止|停止执行|不再执行)/;
const RE_AMEND_AFTER = /^(?:的)?(?:部分条款)?(?:作|作出|进行)?(?:如下)?(?:修改|修订)/;
// In a sentence of purpose (为…), the reference follows a verb of implementing, maybe after other references.
const RE_PURPOSE_START = /^\s*为/;
const RE_IMPLEMENTING = /(?:贯彻落实|贯彻执行|贯彻|落实|实施)$/;
const RE_OTHER_REFS = /《[^》]*》(?:\s*[（(][^）)]*[）)])?/g;

/** The relations one parsed document states about others. */
export function findRelations(d: GazetteDocument): RelationRef[] {
  const out: RelationRef[] = [];
  const seen = new Set<string>();
  const own = new Set([titleKey(d.title), titleKey(d.documentTitle ?? '')].filter(Boolean));
  // An interpretation speaks of the document it explains throughout: that is one relation, 解读.
  const explained = d.kind === 'interpretation' ? /《([^》]+)》/.exec(d.title) : null;
  if (explained) own.add(titleKey(explained[1]));
  if (d.kind === 'interpretation' && d.interprets) own.add(d.interprets);
  const add = (r: RelationRef) => {
    // 《规划》《办法》: a short name for a document named before (以下简称), not a reference of its own.
    if (!r.targetNumber && r.targetTitle && r.targetTitle.replace(/\s/g, '').length < 5) return;
    if (r.kind !== 'interprets') {
      if (r.targetNumber && (r.targetNumber === d.number || own.has(r.targetNumber))) return;
      if (r.targetTitle && own.has(titleKey(r.targetTitle))) return;
    }
    const key = `${r.kind}|${r.targetNumber ?? titleKey(r.targetTitle ?? r.target)}`;
    if (seen.has(key)) return;
    // A plain citation of something already related more precisely adds nothing.
    if (r.kind === 'cites' && [...seen].some((k) => k.endsWith(`|${r.targetNumber ?? titleKey(r.targetTitle ?? r.target)}`))) return;
    seen.add(key);
    out.push(r);
  };

  if (d.kind === 'interpretation') {
    const m = /《([^》]+)》/.exec(d.title);
    if (m || d.interprets)
      add({
        kind: 'interprets',
        target: d.interprets ?? m![1],
        targetNumber: d.interprets,
        targetTitle: m ? m[1] : null,
        validUntil: null,
        anchor: null,
        quote: d.title,
      });
  }
  // The title itself: 关于（贯彻）落实X的实施意见 implements X.
  const t = /关于(?:贯彻落实|贯彻|落实)《?(.+?)》?的(?:实施意见|实施方案|实施细则|通知)$/.exec(d.documentTitle ?? d.title);
  if (t) add({ kind: 'implements', target: t[1], targetNumber: null, targetTitle: t[1], validUntil: null, anchor: null, quote: d.documentTitle ?? d.title });

  const texts: { text: string; anchor: string | null }[] = [];
  if (d.noticeText) for (const p of d.noticeText.split('\n')) texts.push({ text: p, anchor: null });
  for (const { unit } of walkUnits(d.units)) texts.push({ text: unit.text, anchor: unit.anchor });
  for (const { text, anchor } of texts) {
    for (const sentence of sentences(text)) {
      const issuing = /印发给你们|现予印发|现印发/.test(sentence);
      for (const m of sentence.matchAll(RE_REF)) {
        const title = m[1].trim();
        const bracket = m[2] ? normalizeDocNumber(toAsciiDigits(m[2])) : null;
        const before = sentence.slice(0, m.index);
        const after = toAsciiDigits(sentence.slice(m.index! + m[0].length)).replace(/\s+/g, '');
        const ref = { target: bracket ?? title, targetNumber: bracket, targetTitle: title, anchor, quote: sentence.trim() };
        const ext = RE_EXTEND_AFTER.exec(after) ?? RE_EXTEND_AFTER2.exec(after);
        if (ext) add({ ...ref, kind: 'extends', validUntil: parseChineseDate(ext[1]) });
        else if (RE_REPEAL_AFTER.test(after) || /废止$/.test(before)) add({ ...ref, kind: /原$/.test(before) ? 'replaces' : 'repeals', validUntil: null });
        else if (RE_AMEND_AFTER.test(after) || /(?:修改|修订)$/.test(before)) add({ ...ref, kind: 'amends', validUntil: null });
        else if (RE_PURPOSE_START.test(sentence) && RE_IMPLEMENTING.test(before.replace(RE_OTHER_REFS, '').replace(/[和、及与,，\s]+$/, '')))
          add({ ...ref, kind: 'implements', validUntil: null });
        else if (issuing && !bracket)
          continue; // the documents the notice itself issues
        else add({ ...ref, kind: 'cites', validUntil: null });
      }
      // 文号 cited without a title.
      for (const n of findDocNumbers(sentence))
        add({ kind: 'cites', target: n, targetNumber: n, targetTitle: null, validUntil: null, anchor, quote: sentence.trim() });
    }
  }
  return out;
}

function sentences(text: string): string[] {
  return text.split(/(?<=[。；;])/).filter((s) => s.trim());
}

/** What a relation end is matched against: a document's 文号 and the keys of its titles. */
export interface DocKeys {
  id: string;
  issue_id: string;
  date: string | null;
  title_key: string | null;
  notice_key: string | null;
}

/** The key of a title reference, as documents' title_key / notice_key hold it. */
export function refKey(title: string): string {
  return titleKey(title.replace(/^《|》$/g, ''));
}

/** The keys of a document: the title of what it issues (or its own title), and the notice's title. */
export function docKeys(d: { title: string; documentTitle: string | null }): { title_key: string; notice_key: string } {
  return { title_key: titleKey(d.documentTitle ?? d.title), notice_key: titleKey(d.title) };
}

/** Where a reference is read: its document, issue and date decide between documents of the same title. */
export interface RefContext {
  source: string | null;
  issue: string | null;
  date: string | null;
}

/**
 * The document a reference names: by 文号, then by exact title, then by a near title (the reference drops or
 * adds at most three characters, in order: 《承德市养老服务体系“十四五”规划》 is 承德市养老服务体系建设“十四五”规划).
 * Among documents of the same title: the citing document itself (a part of it), one of the same issue, else
 * the latest not after the citing document.
 */
export function resolveRef(ref: { number: string | null; key: string | null }, docs: DocKeys[], byId: Set<string>, at?: RefContext): string | null {
  if (ref.number && byId.has(ref.number)) return ref.number;
  const key = ref.key;
  if (!key) return null;
  let found = docs.filter((d) => d.title_key === key || d.notice_key === key);
  if (found.length === 0 && key.length >= 8) found = docs.filter((d) => d.title_key && nearTitle(key, d.title_key));
  if (found.length <= 1) return found[0]?.id ?? null;
  if (at?.source && found.some((d) => d.id === at.source)) return at.source;
  const same = found.find((d) => at?.issue && d.issue_id === at.issue);
  if (same) return same.id;
  const before = found.filter((d) => !at?.date || !d.date || d.date <= at.date);
  const pool = before.length ? before : found;
  return pool.reduce((a, b) => ((b.date ?? '') > (a.date ?? '') ? b : a)).id;
}

/** Whether one title key is the other with at most three characters dropped (resolveRef's near title). */
export function nearTitle(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 3 || a === b) return a === b;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let i = 0;
  for (let j = 0; j < long.length && i < short.length; j++) if (long[j] === short[i]) i++;
  return i === short.length;
}

/** An ISO date, or null. */
export function isoOrNull(s: string | null | undefined): string | null {
  return s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : null;
}
