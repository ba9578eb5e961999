// The text shown for a page of search hits on SQLite, read from the documents' data at each unit's
// path (store.ts unitTexts): the text of the library is stored once (migration 0021). Only the parts
// a page needs leave the database — a unit, a title, a table — through SQLite's JSON functions, not
// whole documents, which cost more to carry and parse than the rest of a search.
import { sql } from 'kysely';
import type { Db } from '../db/connection.js';
import { tableText, titlesText, unitText } from './store.js';
import type { Table, Unit } from './types.js';

type Key = string | number;

/** The keys, in the document's data, of the parts a unit's text is made of. */
function partsOf(path: string): Key[][] {
  if (path === 't') return [['title'], ['documentTitle']];
  if (path === 'n') return [['noticeText']];
  if (path.startsWith('x')) return [['tables', Number(path.slice(1))]];
  if (!/^u\d+(\.\d+)*$/.test(path)) throw new Error(`not a unit path: ${path}`);
  return [
    path
      .slice(1)
      .split('.')
      .flatMap((i, depth) => [depth === 0 ? 'units' : 'children', Number(i)]),
  ];
}

/** Each requested part of a document's data as a JSON value, in the order asked. */
async function readParts(db: Db, requests: { doc: string; keys: Key[] }[]): Promise<unknown[]> {
  if (requests.length === 0) return [];
  const out = new Array<unknown>(requests.length).fill(null);
  const list = JSON.stringify(requests.map((r) => [r.doc, `$${r.keys.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('')}`]));
  const rows = await sql<{ i: number; v: string | null }>`
    SELECT j.key AS i, d.data_json -> (j.value ->> '$[1]') AS v FROM json_each(${list}) j JOIN documents d ON d.id = j.value ->> '$[0]'`.execute(db.kysely);
  for (const r of rows.rows) out[Number(r.i)] = r.v === null ? null : JSON.parse(r.v);
  return out;
}

/** The text and label of each hit (a document and a unit path), exactly as unitTexts gives them. */
export async function hitTexts(db: Db, hits: { doc_id: string; path: string }[]): Promise<{ text: string; label: string | null }[]> {
  const shapes = hits.map((h) => partsOf(h.path));
  const requests = hits.flatMap((h, i) => shapes[i].map((keys) => ({ doc: h.doc_id, keys })));
  const values = await readParts(db, requests);
  let next = 0;
  const parts = shapes.map((s) => s.map(() => values[next++]));
  // Tables printed inside a unit are part of its text: a second, rarer read.
  const tableRequests = hits.flatMap((h, i) =>
    h.path.startsWith('u') ? ((parts[i][0] as Unit | null)?.tables ?? []).map((t) => ({ doc: h.doc_id, keys: ['tables', t] as Key[] })) : [],
  );
  const tables = (await readParts(db, tableRequests)) as Table[];
  let nextTable = 0;
  return hits.map((h, i) => {
    const [first, second] = parts[i];
    if (h.path === 't') return { text: titlesText(first as string, second as string | null).trim(), label: '标题' };
    if (h.path === 'n') return { text: String(first ?? '').trim(), label: '通知' };
    if (h.path.startsWith('x')) {
      const table = first as Table | null;
      return { text: table ? tableText(table).trim() : '', label: table?.caption ?? '表格' };
    }
    const unit = first as Unit | null;
    if (!unit) return { text: '', label: null };
    const own = unit.tables.map(() => tables[nextTable++]);
    return { text: unitText(unit, own).trim(), label: unit.label ?? unit.heading };
  });
}
