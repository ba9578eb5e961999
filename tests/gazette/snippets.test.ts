// The text of a search hit is read from its document's data at the unit's path (the text is stored
// once, migration 0021): for every unit of the bundled issue — titles, notices, units with the
// tables printed inside them, tables of their own — it is the text that was indexed.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.js';
import { parseGazette } from '../../src/gazette/parse.js';
import { hitTexts } from '../../src/gazette/snippets.js';
import { documentRow, ingestGazette, searchUnits, storedJson, unitTexts } from '../../src/gazette/store.js';
import type { GazetteDocument, Unit } from '../../src/gazette/types.js';
import { ENGINES, freshDb } from '../helpers/databases.js';

const SAMPLE = readFileSync('data/gazettes/2022-04.txt', 'utf8');

/** The sample's document with the most tables, its tables taken out of their units. */
function unanchored(): GazetteDocument {
  const d = parseGazette(SAMPLE).documents.reduce((a, b) => (b.tables.length > a.tables.length ? b : a));
  const free = (units: Unit[]): Unit[] => units.map((u) => ({ ...u, tables: [], children: free(u.children) }));
  return { ...d, id: '表格:独立', number: null, units: free(d.units), tables: d.tables.map((t) => ({ ...t, unitAnchor: null })) };
}

describe.each(ENGINES)('hit texts on %s', (engine) => {
  const sqliteOnly = it.skipIf(engine !== 'sqlite');
  let db: Db;
  beforeAll(async () => {
    db = await freshDb(engine);
    await ingestGazette(db, Buffer.from(SAMPLE));
    // The sample prints every table inside a unit: a document whose tables stand on their own.
    await db.kysely.insertInto('documents').values(documentRow('2022年第4号', unanchored())).execute();
  });
  afterAll(async () => {
    await db?.close();
  });

  sqliteOnly('reads every unit of the sample as it was indexed, whatever its kind', async () => {
    const units = [...parseGazette(SAMPLE).documents, unanchored()].flatMap((d) => searchUnits(d));
    const kinds = new Set(units.map((u) => u.path[0]));
    expect([...kinds].sort()).toEqual(['n', 't', 'u', 'x']);
    // Units with tables printed inside them are among them.
    expect(units.some((u) => u.path.startsWith('u') && u.text.includes('\n') && /\S+ \S+/.test(u.text))).toBe(true);
    expect(await hitTexts(db, units)).toEqual(units.map((u) => ({ text: u.text, label: u.label })));
  });

  sqliteOnly('reads the paths the index stores, and nothing for a unit the document lacks', async () => {
    const stored = await db.kysely.selectFrom('search_units').select(['doc_id', 'path']).orderBy('id').execute();
    expect(stored.length).toBeGreaterThan(300);
    const docs = parseGazette(SAMPLE).documents;
    expect(stored).toEqual(docs.flatMap((d) => unitTexts(d).map((u) => ({ doc_id: d.id, path: u.path }))));
    expect(await hitTexts(db, [{ doc_id: docs[0].id, path: 'u999' }])).toEqual([{ text: '', label: null }]);
  });

  it.skipIf(engine !== 'postgres')('keeps on PostgreSQL the text and label of every unit as indexed', async () => {
    const stored = await db.kysely.selectFrom('search_units').select(['doc_id', 'label', 'text']).orderBy('id').execute();
    expect(stored.length).toBeGreaterThan(300);
    const docs = parseGazette(SAMPLE).documents;
    expect(stored).toEqual(docs.flatMap((d) => unitTexts(d).map((u) => ({ doc_id: d.id, label: u.label, text: u.text }))));
  });
});

describe('stored documents', () => {
  it('keep everything but the relations, which document_relations holds', () => {
    for (const d of parseGazette(SAMPLE).documents) {
      const { relations: _relations, ...rest } = d;
      expect(JSON.parse(storedJson(d))).toEqual(JSON.parse(JSON.stringify(rest)));
    }
  });
});
