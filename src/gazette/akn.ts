// A document of the library as Akoma Ntoso 3.0 XML (OASIS LegalDocML), so that other legal tools can read it.
// FRBR identifiers follow the AKN naming convention under the jurisdiction cn-13-08 (China · Hebei 13 ·
// Chengde 08): work /akn/cn-13-08/act/<date>/<number>, expression …/zho@<date>, manifestation ….akn.
// A notice is an <act>; a policy interpretation is a <doc name="interpretation">. Units map to AKN's
// hierarchy: 章 chapter, 节 section, 条 article, 款 paragraph, 项 point, 一、/（一）/1./（1） hcontainer levels.
import { chineseNumeral, toAsciiDigits } from './normalize.js';
import type { GazetteDocument, Table, Unit, UnitKind } from './types.js';

const NS = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';
export const AKN_JURISDICTION = 'cn-13-08';

const esc = (s: string) =>
  // Characters XML 1.0 does not allow are dropped; the five special ones escaped.
  s
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** 隆政发〔2022〕11号 → 隆政发-2022-11 (the number component of the FRBR URI). */
export function numberComponent(d: Pick<GazetteDocument, 'number' | 'id' | 'seq'>): string {
  const n = d.number ? /^(.+?)〔(\d{4})〕(\d+)号$/.exec(d.number) : null;
  if (n) return `${n[1]}-${n[2]}-${n[3]}`;
  // Interpretations: named after what they explain, or their place in the issue.
  return d.id
    .replace(/^解读:/, 'jiedu-')
    .replace(/[〔〕]/g, '-')
    .replace(/号$/, '')
    .replace(/[\s/?#@!]+/g, '-');
}

export function frbrWork(d: GazetteDocument, issueYear: number | null): string {
  const type = d.kind === 'notice' ? 'act' : 'doc';
  const date = d.date ?? (issueYear ? String(issueYear) : '0000');
  return `/akn/${AKN_JURISDICTION}/${type}/${date}/${numberComponent(d)}`;
}

const ELEMENT: Record<UnitKind, { tag: string; name?: string; abbr: string }> = {
  part: { tag: 'hcontainer', name: 'part', abbr: 'hcontainer' },
  chapter: { tag: 'chapter', abbr: 'chp' },
  section: { tag: 'section', abbr: 'sec' },
  article: { tag: 'article', abbr: 'art' },
  clause: { tag: 'paragraph', abbr: 'para' },
  item: { tag: 'point', abbr: 'point' },
  level1: { tag: 'hcontainer', name: 'level1', abbr: 'hcontainer' },
  level2: { tag: 'hcontainer', name: 'level2', abbr: 'hcontainer' },
  level3: { tag: 'hcontainer', name: 'level3', abbr: 'hcontainer' },
  level4: { tag: 'hcontainer', name: 'level4', abbr: 'hcontainer' },
  paragraph: { tag: 'hcontainer', name: 'paragraph', abbr: 'hcontainer' },
};

/** The number in a label (第十六条 → 16, （三） → 3, 2. → 2), else the position among its siblings. */
function ordinal(label: string | null, position: number): string {
  const m = label ? /[第（(]?([一二三四五六七八九十百零〇\d]+)/.exec(toAsciiDigits(label)) : null;
  const n = m ? chineseNumeral(m[1]) : null;
  return String(n ?? position);
}

function paragraphs(text: string, indent: string): string {
  return text
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `${indent}<p>${esc(p)}</p>`)
    .join('\n');
}

function tableXml(t: Table, eId: string, indent: string): string {
  const row = (cells: string[], tag: 'th' | 'td') => `${indent}  <tr>${cells.map((c) => `<${tag}><p>${esc(c)}</p></${tag}>`).join('')}</tr>`;
  return [
    `${indent}<table eId="${eId}">`,
    ...(t.caption ? [`${indent}  <caption>${esc(t.caption)}</caption>`] : []),
    ...(t.header.length ? [row(t.header, 'th')] : []),
    ...t.rows.map((r) => row(r, 'td')),
    `${indent}</table>`,
  ].join('\n');
}

function unitXml(u: Unit, d: GazetteDocument, parent: string, position: number, used: Set<string>, indent: string): string {
  const el = ELEMENT[u.kind];
  const base = `${parent ? `${parent}__` : ''}${el.abbr}_${ordinal(u.label, position)}`;
  let eId = base;
  for (let k = 2; used.has(eId); k++) eId = `${base}-${k}`;
  used.add(eId);
  const open = `${indent}<${el.tag} eId="${eId}"${el.name ? ` name="${el.name}"` : ''}>`;
  const inner: string[] = [];
  if (u.label) inner.push(`${indent}  <num>${esc(u.label)}</num>`);
  if (u.heading && u.heading !== u.text) inner.push(`${indent}  <heading>${esc(u.heading)}</heading>`);
  const text = u.heading === u.text ? '' : u.text;
  const tables = u.tables.map((i, k) => tableXml(d.tables[i], `${eId}__table_${k + 1}`, `${indent}    `));
  const body = [text ? paragraphs(text, `${indent}    `) : '', ...tables].filter(Boolean).join('\n');
  if (u.children.length) {
    if (body) inner.push(`${indent}  <intro>`, body, `${indent}  </intro>`);
    u.children.forEach((c, k) => inner.push(unitXml(c, d, eId, k + 1, used, `${indent}  `)));
  } else inner.push(`${indent}  <content>`, body || `${indent}    <p/>`, `${indent}  </content>`);
  return [open, ...inner, `${indent}</${el.tag}>`].join('\n');
}

export interface AknSource {
  doc: GazetteDocument;
  issue: { id: string; number: string | null; title: string | null; year: number | null };
  /** When the export is made (FRBRManifestation date). */
  generated: string;
}

/** The document as an Akoma Ntoso XML text (UTF-8). */
export function toAkomaNtoso({ doc: d, issue, generated }: AknSource): string {
  const work = frbrWork(d, issue.year);
  const date = d.date ?? `${issue.year ?? '0000'}-01-01`;
  const expression = `${work}/zho@${d.date ?? ''}`;
  const manifestation = `${expression}/!main.akn`;
  const name = d.documentTitle ?? d.title;
  const type = d.kind === 'notice' ? 'act' : 'doc';
  const used = new Set<string>();
  const body = d.units.map((u, k) => unitXml(u, d, '', k + 1, used, '      ')).join('\n');
  const loose = d.tables.filter((t) => !t.unitAnchor).map((t) => tableXml(t, `table_${t.index + 1}`, '        '));
  const looseXml = loose.length
    ? `\n      <hcontainer eId="tables" name="tables">\n        <content>\n${loose.join('\n')}\n        </content>\n      </hcontainer>`
    : '';
  const notice = d.noticeText
    ? `\n    <preamble>\n${d.recipients ? `      <p class="recipients">${esc(d.recipients)}：</p>\n` : ''}${paragraphs(d.noticeText, '      ')}\n    </preamble>`
    : '';
  const validity = [
    `      <eventRef eId="evt_generation" date="${date}" source="#original" type="generation"/>`,
    ...(d.validFrom ? [`      <eventRef eId="evt_force" date="${d.validFrom}" source="#original" type="generation" refersTo="#entryIntoForce"/>`] : []),
    ...(d.validUntil ? [`      <eventRef eId="evt_end" date="${d.validUntil}" source="#original" type="repeal" refersTo="#endOfEfficacy"/>`] : []),
  ];
  const emptyBody =
    body || looseXml
      ? ''
      : '\n      <hcontainer eId="hcontainer_1" name="paragraph">\n        <content>\n          <p/>\n        </content>\n      </hcontainer>';
  return `<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="${NS}">
  <${type} name="${d.kind === 'notice' ? 'notice' : 'interpretation'}">
    <meta>
      <identification source="#zhengwu">
        <FRBRWork>
          <FRBRthis value="${esc(work)}/!main"/>
          <FRBRuri value="${esc(work)}"/>
          <FRBRalias value="${esc(d.number ?? d.id)}" name="文号"/>
          <FRBRdate date="${date}" name="成文日期"/>
          <FRBRauthor href="#issuer"/>
          <FRBRcountry value="${AKN_JURISDICTION}"/>
          <FRBRnumber value="${esc(numberComponent(d))}"/>
          <FRBRname value="${esc(name)}"/>
        </FRBRWork>
        <FRBRExpression>
          <FRBRthis value="${esc(expression)}/!main"/>
          <FRBRuri value="${esc(expression)}"/>
          <FRBRdate date="${date}" name="publication"/>
          <FRBRauthor href="#issuer"/>
          <FRBRlanguage language="zho"/>
        </FRBRExpression>
        <FRBRManifestation>
          <FRBRthis value="${esc(manifestation)}"/>
          <FRBRuri value="${esc(manifestation)}"/>
          <FRBRdate date="${generated}" name="generation"/>
          <FRBRauthor href="#zhengwu"/>
        </FRBRManifestation>
      </identification>
      <publication date="${date}" name="${esc(issue.title ?? '政府公报')}" showAs="${esc(`${issue.title ?? ''}${issue.number ?? issue.id}`)}" number="${esc(issue.number ?? issue.id)}"/>
      <lifecycle source="#zhengwu">
${validity.join('\n')}
      </lifecycle>
      <references source="#zhengwu">
        <original eId="original" href="${esc(work)}" showAs="${esc(name)}"/>
        <TLCOrganization eId="issuer" href="/ontology/organization/${AKN_JURISDICTION}/${esc(encodeURIComponent(d.issuer ?? 'unknown'))}" showAs="${esc(d.issuer ?? '（发文机关不详）')}"/>
        <TLCOrganization eId="zhengwu" href="/ontology/organization/zhengwu" showAs="政务 Zhengwu"/>
        <TLCConcept eId="entryIntoForce" href="/ontology/concept/entryIntoForce" showAs="施行"/>
        <TLCConcept eId="endOfEfficacy" href="/ontology/concept/endOfEfficacy" showAs="有效期届满"/>
      </references>
    </meta>
    <preface>
      <p class="title"><docTitle>${esc(d.title)}</docTitle></p>
${d.number ? `      <p class="number"><docNumber>${esc(d.number)}</docNumber></p>\n` : ''}${d.date ? `      <p class="date"><docDate date="${d.date}">${esc(d.date)}</docDate></p>\n` : ''}${d.issuer ? `      <p class="authority"><docAuthority>${esc(d.issuer)}</docAuthority></p>\n` : ''}    </preface>${notice}
    <${type === 'act' ? 'body' : 'mainBody'}>
${body}${looseXml}${emptyBody}
    </${type === 'act' ? 'body' : 'mainBody'}>
  </${type}>
</akomaNtoso>
`;
}
