// The gazette library at county scale, side by side with references measured in the same run
// (contenders interleaved round by round; medians and percentiles; on a shared machine only the
// ratios hold). Never fails on a timing.
//  - a corpus of N issues generated from the bundled one (renumbered issue and 文号, some words
//    changed), written to a temp dir and removed afterwards; N = BENCH_ISSUES (default 200; the
//    issue's figures are for BENCH_ISSUES=1000)
//  - the tokenizer against the previous one (tests/gazette/reference-tokenizer.ts)
//  - ingest per issue with its parse / units+tokens / store split, against parse + a bare
//    better-sqlite3 insert of the same rows into the same schema in one transaction
//  - search p50/p95/p99, unfiltered and filtered, against a bare FTS5 query (and, for a document
//    filter, the same filter as a rowid range), against the index steps of search before migration
//    0021 (bm25 over the filtered query) and against the previous filtered query, which joined every
//    match to its document before limiting
//  - database size against the source text, now and in the previous layout (tokens stored in
//    search_units and again in an external-content FTS5 table, source text inside gazette_issues),
//    the previous layout built for the first K = min(N, 100) issues only
//  - the list of issues against the same rows without ingested_at, and the previous unpaged query
//    on the previous layout
// Run alone: node --import tsx bench/gazette.ts
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHash } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { openDb, type Db } from '../src/db/connection.js';
import { facetQuery, facetTokens } from '../src/gazette/facets.js';
import { compressSource } from '../src/gazette/source.js';
import { ftsMatch, listIssues, search, type SearchFilter } from '../src/gazette/library.js';
import { decodeGazette, parseGazette } from '../src/gazette/parse.js';
import { documentRow, ingestGazette, searchUnits, type IngestTiming } from '../src/gazette/store.js';
import { indexTokens, queryTerms } from '../src/gazette/tokens.js';
import { referenceIndexTokens } from '../tests/gazette/reference-tokenizer.js';
import { record } from './summary.js';
import type { ParsedIssue } from '../src/gazette/types.js';

const SAMPLE = readFileSync('data/gazettes/2022-04.txt', 'utf8');

export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

/** Issue i of the corpus: the sample under a new issue number, every 文号 renumbered, some words changed. */
export function generatedIssue(i: number): string {
  const year = 2000 + Math.floor(i / 24);
  const serial = (i % 24) + 1;
  let t = SAMPLE.replace('2022 年第 4 号', `${year} 年第 ${serial} 号`);
  t = t.replace(/^(.*?)〔2022〕[ \t]*(\d+)[ \t]*号[ \t]*$/gm, (_m, p, n) => `${p}〔${year}〕${Number(n) + serial * 100} 号`);
  const words = ['宅基地', '养老', '生态', '科技', '社区', '残疾', '住房', '节能'];
  const w1 = words[i % words.length];
  const w2 = words[(i * 7 + 3) % words.length];
  // Words change inside long body paragraphs only, so that headers stay intact.
  return t
    .split('\n')
    .map((line, n) => (line.length > 60 && !line.startsWith('|') && n % 7 === i % 7 ? line.replace(/工作/g, `${w1}工作`).replace(/管理/g, `${w2}管理`) : line))
    .join('\n');
}

/** Runs each contender once per round, in an order that rotates, and returns every time per contender. */
async function interleaved(rounds: number, contenders: Record<string, () => unknown>): Promise<Record<string, number[]>> {
  const names = Object.keys(contenders);
  const out: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length];
      const t0 = performance.now();
      await contenders[name]();
      out[name].push(performance.now() - t0);
    }
  }
  return out;
}

/** The schema before migration 0016, as 0001 created it (for the size and list references). */
const PREVIOUS_LAYOUT = `
CREATE TABLE gazette_issues (id text PRIMARY KEY, number text, title text, editor text, toc_json text NOT NULL, warnings_json text NOT NULL,
  source_sha256 text NOT NULL UNIQUE, source_text text NOT NULL, ingested_at text NOT NULL);
CREATE TABLE documents (id text PRIMARY KEY, issue_id text NOT NULL REFERENCES gazette_issues(id) ON DELETE CASCADE, seq integer NOT NULL, kind text NOT NULL,
  number text, title text NOT NULL, document_title text, issuer text, date text, recipients text, interprets text, valid_from text, valid_until text,
  validity_text text, truncated integer NOT NULL, article_count integer NOT NULL, table_count integer NOT NULL, data_json text NOT NULL);
CREATE INDEX documents_issue ON documents(issue_id, seq);
CREATE INDEX documents_issuer ON documents(issuer);
CREATE TABLE search_units (id integer PRIMARY KEY AUTOINCREMENT, doc_id text NOT NULL REFERENCES documents(id) ON DELETE CASCADE, anchor text, label text,
  text text NOT NULL, tokens text NOT NULL);
CREATE VIRTUAL TABLE search_fts USING fts5(tokens, content='search_units', content_rowid='id', tokenize='unicode61', prefix='7');
CREATE TRIGGER search_units_ai AFTER INSERT ON search_units BEGIN INSERT INTO search_fts(rowid, tokens) VALUES (new.id, new.tokens); END;
CREATE INDEX search_units_doc ON search_units(doc_id);
`;

const DOC_COLUMNS = Object.keys(documentRow('x', parseGazette(SAMPLE).documents[0]));
/** The previous layout predates the title keys of migration 0019. */
const PREVIOUS_DOC_COLUMNS = DOC_COLUMNS.filter((c) => c !== 'title_key' && c !== 'notice_key');

/** Bare better-sqlite3 writers of one parsed issue: the current layout (same rows as ingest) or the previous one. */
function bareWriter(sqlite: SQLite.Database, layout: 'current' | 'previous') {
  const issue = sqlite.prepare(
    layout === 'current'
      ? 'INSERT INTO gazette_issues (id, number, title, editor, toc_json, warnings_json, source_sha256, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
      : 'INSERT INTO gazette_issues (id, number, title, editor, toc_json, warnings_json, source_sha256, ingested_at, source_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const source = layout === 'current' ? sqlite.prepare('INSERT INTO gazette_sources (issue_id, text_gzip) VALUES (?, ?)') : null;
  const columns = layout === 'current' ? DOC_COLUMNS : PREVIOUS_DOC_COLUMNS;
  const doc = sqlite.prepare(`INSERT INTO documents (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const unit =
    layout === 'current'
      ? sqlite.prepare('INSERT INTO search_units (doc_id, anchor, path) VALUES (?, ?, ?)')
      : sqlite.prepare('INSERT INTO search_units (doc_id, anchor, label, text, tokens) VALUES (?, ?, ?, ?, ?)');
  const fts = layout === 'current' ? sqlite.prepare('INSERT INTO search_fts (rowid, tokens, facets) VALUES (?, ?, ?)') : null;
  return (text: string, parsed: ParsedIssue, split?: { tokenize: number; store: number }) => {
    const t0 = performance.now();
    const id = parsed.issue.number!;
    const docs = parsed.documents.map((d) => ({ row: documentRow(id, d), units: searchUnits(d), facets: facetTokens(d) }));
    const t1 = performance.now();
    sqlite.transaction(() => {
      const sha = createHash('sha256').update(text).digest('hex');
      const head = [id, parsed.issue.number, parsed.issue.title, parsed.issue.editor, JSON.stringify(parsed.issue.toc), JSON.stringify(parsed.warnings), sha];
      if (source) {
        issue.run(...head, new Date().toISOString());
        source.run(id, compressSource(text));
      } else issue.run(...head, new Date().toISOString(), text);
      for (const d of docs) {
        doc.run(...columns.map((c) => d.row[c as keyof typeof d.row]));
        for (const u of d.units) {
          if (fts) fts.run(unit.run(u.doc_id, u.anchor, u.path).lastInsertRowid, u.tokens, d.facets);
          else unit.run(u.doc_id, u.anchor, u.label, u.text, u.tokens);
        }
      }
    })();
    if (split) {
      split.tokenize += t1 - t0;
      split.store += performance.now() - t1;
    }
  };
}

function fileSize(sqlite: SQLite.Database, file: string): number {
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return statSync(file).size;
}

export async function benchGazette(): Promise<void> {
  const N = Number(process.env.BENCH_ISSUES ?? 200);
  const K = Math.min(N, 100);
  const dir = mkdtempSync(join(tmpdir(), 'zhengwu-bench-gazette-'));
  try {
    // The corpus, as files (never committed).
    mkdirSync(join(dir, 'corpus'));
    let sourceBytes = 0;
    for (let i = 0; i < N; i++) {
      const text = generatedIssue(i);
      sourceBytes += Buffer.byteLength(text);
      writeFileSync(join(dir, 'corpus', `${i}.txt`), text);
    }
    const fileA = join(dir, 'zhengwu.sqlite');
    const fileB = join(dir, 'bare.sqlite');
    const fileC = join(dir, 'previous.sqlite');
    const a = await openDb(`sqlite:${fileA}`);
    const b = await openDb(`sqlite:${fileB}`);
    const c = new SQLite(fileC);
    c.pragma('journal_mode = WAL');
    c.pragma('synchronous = NORMAL');
    c.exec(PREVIOUS_LAYOUT);
    const bare = bareWriter(b.sqlite!, 'current');
    const previous = bareWriter(c, 'previous');

    // Ingest, interleaved issue by issue: Zhengwu, then parse + bare insert (the order alternates).
    console.log(`== Gazette library: ${N} generated issues (BENCH_ISSUES; the issue's figures are for 1,000), ${f1(sourceBytes / 2 ** 20)} MiB of source text`);
    const zt: IngestTiming = { parse: 0, tokenize: 0, store: 0 };
    const bt = { parse: 0, tokenize: 0, store: 0 };
    const zAll: number[] = [];
    const bAll: number[] = [];
    let sizeAtK = { a: 0, c: 0, source: 0 };
    const t0 = performance.now();
    for (let i = 0; i < N; i++) {
      const bytes = readFileSync(join(dir, 'corpus', `${i}.txt`));
      const runZ = async () => {
        const s = performance.now();
        const r = await ingestGazette(a, bytes, parseGazette, zt);
        zAll.push(performance.now() - s);
        if (r.status !== 'created') throw new Error(`issue ${i}: ${r.status}`);
      };
      const runB = () => {
        const s = performance.now();
        const text = decodeGazette(bytes);
        const parsed = parseGazette(text);
        bt.parse += performance.now() - s;
        bare(text, parsed, bt);
        bAll.push(performance.now() - s);
        if (i < K) previous(text, parsed);
      };
      if (i % 2) {
        await runZ();
        runB();
      } else {
        runB();
        await runZ();
      }
      if (i === K - 1) sizeAtK = { a: fileSize(a.sqlite!, fileA), c: fileSize(c, fileC), source: sourceBytes * (K / N) };
      if ((i + 1) % 100 === 0) console.log(`   ingested ${i + 1}/${N} (${f1((performance.now() - t0) / 1000)} s)`);
    }
    await benchTokenizer();
    const mean = (x: number) => x / N;
    const zMean = zAll.reduce((s, x) => s + x, 0) / N;
    const bMean = bAll.reduce((s, x) => s + x, 0) / N;
    console.log('   ingest per issue (mean; median)          Zhengwu                          parse + bare insert (same rows, one transaction)   ratio');
    console.log(
      `     total                                  ${f1(zMean)} ms; ${f1(pct(zAll, 50))} ms                  ${f1(bMean)} ms; ${f1(pct(bAll, 50))} ms${' '.repeat(33)}${ratio(zMean, bMean)}  (target < 300 ms)`,
    );
    record({
      what: `ingest one issue, mean over ${N}`,
      now: `${f1(zMean)} ms`,
      reference: `parse + bare insert ${f1(bMean)} ms`,
      ratio: ratio(zMean, bMean),
      target: '< 300 ms',
      met: zMean < 300,
    });
    const zOther = zMean - mean(zt.parse + zt.tokenize + zt.store);
    const bOther = bMean - mean(bt.parse + bt.tokenize + bt.store);
    for (const k of ['parse', 'tokenize', 'store'] as const)
      console.log(
        `     ${k === 'tokenize' ? 'units + tokens' : k}${' '.repeat(39 - (k === 'tokenize' ? 14 : k.length))}${f1(mean(zt[k]))} ms${' '.repeat(30)}${f1(mean(bt[k]))} ms${' '.repeat(50)}${ratio(zt[k], bt[k])}`,
      );

    console.log(
      `     the rest (checks, issue row, compression, relations, commit: FTS5 writes its segment)  ${f1(zOther)} ms${' '.repeat(12)}${f1(bOther)} ms (the bare writer counts them in store)`,
    );

    // Size against the source text.
    const sizeA = fileSize(a.sqlite!, fileA);
    const tables = a
      .sqlite!.prepare(
        `SELECT CASE WHEN name LIKE 'search_fts%' THEN 'search index (FTS5)' WHEN name LIKE 'search_units%' THEN 'search_units (unit → document; no text)'
          WHEN name LIKE 'documents%' OR name LIKE 'sqlite_autoindex_documents%' THEN 'documents (structure as JSON)'
          WHEN name LIKE 'gazette_sources%' OR name LIKE 'sqlite_autoindex_gazette_sources%' THEN 'gazette_sources (source text, compressed)' ELSE 'other' END AS part,
          sum(pgsize) AS bytes FROM dbstat GROUP BY part ORDER BY bytes DESC`,
      )
      .all() as { part: string; bytes: number }[];
    console.log(`   database size: ${f1(sizeA / 2 ** 20)} MiB for ${f1(sourceBytes / 2 ** 20)} MiB of source text: ${ratio(sizeA, sourceBytes)} (target ≤ 3×)`);
    for (const t of tables) console.log(`     ${t.part.padEnd(40)} ${ratio(t.bytes, sourceBytes)}`);
    record({
      what: `database size, ${N} issues`,
      now: `${f1(sizeA / 2 ** 20)} MiB`,
      reference: `source text ${f1(sourceBytes / 2 ** 20)} MiB`,
      ratio: ratio(sizeA, sourceBytes),
      target: '≤ 3×',
      met: sizeA <= 3 * sourceBytes,
    });
    console.log(
      `   at ${K} issues: ${ratio(sizeAtK.a, sizeAtK.source)} the source text; the previous layout (tokens stored twice, source in gazette_issues) ${ratio(sizeAtK.c, sizeAtK.source)}; now / previous ${ratio(sizeAtK.a, sizeAtK.c)}`,
    );

    a.sqlite!.pragma('optimize');
    await benchSearch(a);
    await benchIssueList(a, c, K);
    await a.close();
    await b.close();
    c.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The tokens of every searchable unit of the sample: the one-pass tokenizer against the previous one. */
async function benchTokenizer() {
  const texts = parseGazette(SAMPLE).documents.flatMap((d) => searchUnits(d).map((u) => u.text));
  const r = await interleaved(15, {
    now: () => texts.forEach((t) => indexTokens(t)),
    previous: () => texts.forEach((t) => referenceIndexTokens(t)),
  });
  const m = (x: number[]) => pct(x, 50);
  console.log(
    `   tokenizing the sample's ${texts.length} units (15 interleaved rounds, medians): ${f1(m(r.now))} ms | previous tokenizer ${f1(m(r.previous))} ms → previous / now ${ratio(m(r.previous), m(r.now))}`,
  );
}

async function benchSearch(db: Db) {
  const sqlite = db.sqlite!;
  const queries = ['宅基', '养老', '揭榜', '宅基地审批', '生态环境', '科技成果评价', '残疾预防', '工作日', '不予批准', 'PM2.5', '保障性租赁住房', '乡村医生'];
  const match = (q: string) =>
    queryTerms(q)
      .map((t) => `"${t.phrase.join(' ')}"${t.prefix ? '*' : ''}`)
      .join(' AND ');
  // A document from the middle of the corpus, and the rowid range of its units.
  const mid = sqlite.prepare(`SELECT id FROM gazette_issues ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM gazette_issues)`).get() as { id: string };
  const doc = sqlite.prepare(`SELECT id FROM documents WHERE issue_id = ? AND number LIKE '%隆政发%'`).get(mid.id) as { id: string };
  const range = sqlite.prepare('SELECT min(id) AS lo, max(id) AS hi FROM search_units WHERE doc_id = ?').get(doc.id) as { lo: number; hi: number };
  const today = new Date().toISOString().slice(0, 10);
  const filters: [string, SearchFilter][] = [
    ['none', {}],
    ['issuer 承德市人民政府办公室 (7 of 17 documents)', { issuer: '承德市人民政府办公室' }],
    ['issuer 承德市科学技术局 (2 of 17)', { issuer: '承德市科学技术局' }],
    ['validity in_force', { validity: 'in_force' }],
    ['validity expired', { validity: 'expired' }],
    [`document ${doc.id}`, { document: doc.id }],
  ];
  const bareQuery = sqlite.prepare('SELECT rowid, bm25(search_fts) AS r FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT 20');
  const bareRange = sqlite.prepare(
    'SELECT rowid, bm25(search_fts) AS r FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rank LIMIT 20',
  );
  // The previous filtered search: every match joined to its unit and document, counted, then ranked.
  const validitySql: Record<string, string> = {
    in_force: `((COALESCE(d.valid_from, d.date) IS NULL OR COALESCE(d.valid_from, d.date) <= $today) AND (d.valid_until IS NULL OR d.valid_until >= $today))`,
    expired: `(d.valid_until IS NOT NULL AND d.valid_until < $today)`,
  };
  const previousStatements = new Map<string, [SQLite.Statement, SQLite.Statement]>();
  const previous = (q: string, f: SearchFilter) => {
    const where = [f.issuer ? 'd.issuer = $issuer' : '', f.document ? 'd.id = $doc' : '', f.validity ? validitySql[f.validity] : '']
      .filter(Boolean)
      .join(' AND ');
    const base = `FROM search_fts JOIN search_units u ON u.id = search_fts.rowid JOIN documents d ON d.id = u.doc_id WHERE search_fts MATCH $match AND ${where}`;
    let st = previousStatements.get(where);
    if (!st) {
      st = [
        sqlite.prepare(`SELECT count(*) AS n ${base}`),
        sqlite.prepare(`SELECT u.id, -bm25(search_fts) AS score ${base} ORDER BY score DESC, u.id LIMIT 20`),
      ];
      previousStatements.set(where, st);
    }
    const params = { match: match(q), ...(f.issuer ? { issuer: f.issuer } : {}), ...(f.document ? { doc: f.document } : {}), ...(f.validity ? { today } : {}) };
    st[0].get(params);
    st[1].all(params);
  };
  // The index steps of search before migration 0021 (no documents read, no snippets): the window's count,
  // then bm25 over the filtered query (FTS5 counts the rows of every filter token for its IDF) from the
  // window's edge up, which walks each long doclist from its start to that edge.
  const before0021Window = sqlite.prepare(
    'SELECT count(*) AS n, min(rowid) AS past FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT 5001)',
  );
  const before0021Rank = sqlite.prepare(
    'SELECT rowid, bm25(search_fts, 1.0, 0.0) AS rank FROM search_fts WHERE search_fts MATCH ? AND rowid > ? ORDER BY rank LIMIT 20',
  );
  const before0021 = (q: string, f: SearchFilter) => {
    const m = ftsMatch(queryTerms(q), facetQuery(f, today));
    const w = before0021Window.get(m) as { n: number; past: number };
    if (w.n > 0) before0021Rank.all(m, w.n > 5000 ? w.past : -1);
  };
  for (const q of queries) await search(db, q, {}); // warm up
  const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
  console.log(
    `   search, ${queries.length} queries × ${rounds} interleaved rounds (ms: p50 / p95 / p99; ratio of medians): Zhengwu | bare FTS5 (top 20 by bm25 of all matches) | index steps before 0021 | previous join-first query`,
  );
  for (const [label, f] of filters) {
    const z: number[] = [];
    const ref: number[] = [];
    const prev: number[] = [];
    const older: number[] = [];
    for (const q of queries) {
      const contenders: Record<string, () => unknown> = {
        z: () => search(db, q, f, today),
        ref: () => (f.document ? bareRange.all(match(q), range.lo, range.hi) : bareQuery.all(match(q))),
      };
      contenders.older = () => before0021(q, f);
      if (label !== 'none') contenders.prev = () => previous(q, f);
      const r = await interleaved(rounds, contenders);
      older.push(...r.older);
      z.push(...r.z);
      ref.push(...r.ref);
      prev.push(...(r.prev ?? []));
    }
    const p = (xs: number[]) => `${f2(pct(xs, 50))} / ${f2(pct(xs, 95))} / ${f2(pct(xs, 99))}`;
    console.log(
      `     ${label.padEnd(46)} ${p(z)} | ${p(ref)}${f.document ? ' (rowid range)' : ''} → ${ratio(pct(z, 50), pct(ref, 50))}` +
        ` | ${p(older)} → before / now p95 ${ratio(pct(older, 95), pct(z, 95))}` +
        (prev.length ? ` | ${p(prev)} → previous / Zhengwu ${ratio(pct(prev, 50), pct(z, 50))}` : '') +
        `  (target p95 < 20 ms)`,
    );
    record({
      what: `search p95, ${label}`,
      now: `${f2(pct(z, 95))} ms`,
      reference: `bare FTS5 top 20 ${f2(pct(ref, 95))} ms`,
      ratio: ratio(pct(z, 95), pct(ref, 95)),
      target: '< 20 ms',
      met: pct(z, 95) < 20,
    });
  }
}

async function benchIssueList(db: Db, previous: SQLite.Database, k: number) {
  const sqlite = db.sqlite!;
  const withoutIngestedAt = sqlite.prepare('SELECT id, number, title, editor, toc_json, warnings_json FROM gazette_issues ORDER BY id DESC LIMIT 50');
  const previousList = previous.prepare('SELECT id, number, title, editor, toc_json, warnings_json, ingested_at FROM gazette_issues ORDER BY id DESC');
  const previousFirst = previous.prepare('SELECT id, number, title, editor, toc_json, warnings_json, ingested_at FROM gazette_issues ORDER BY id DESC LIMIT ?');
  const nowFirst = sqlite.prepare('SELECT id, number, title, editor, toc_json, warnings_json, ingested_at FROM gazette_issues ORDER BY id DESC LIMIT ?');
  const nowFirstWithout = sqlite.prepare('SELECT id, number, title, editor, toc_json, warnings_json FROM gazette_issues ORDER BY id DESC LIMIT ?');
  const r = await interleaved(30, {
    list: () => listIssues(db),
    bare: () => withoutIngestedAt.all(),
    previousAll: () => previousList.all(),
    previousK: () => previousFirst.all(k),
    nowK: () => nowFirst.all(k),
    nowKWithout: () => nowFirstWithout.all(k),
  });
  const m = (x: number[]) => pct(x, 50);
  console.log(
    `   list of issues (30 interleaved rounds, medians): listIssues (page of 50, with its count, through Kysely) ${f2(m(r.list))} ms | the same rows without ingested_at, bare ${f2(m(r.bare))} ms → ${ratio(m(r.list), m(r.bare))}`,
  );
  record({
    what: `list of issues, ${k} rows with ingested_at`,
    now: `${f2(m(r.nowK))} ms`,
    reference: `the same without it ${f2(m(r.nowKWithout))} ms`,
    ratio: ratio(m(r.nowK), m(r.nowKWithout)),
    target: '≈ 1×',
    met: m(r.nowK) / m(r.nowKWithout) < 1.25,
  });
  console.log(
    `     ${k} rows, bare: with ingested_at ${f2(m(r.nowK))} ms | without ${f2(m(r.nowKWithout))} ms → ${ratio(m(r.nowK), m(r.nowKWithout))} (target ≈ 1×) | previous layout with ingested_at ${f2(m(r.previousK))} ms → previous / now ${ratio(m(r.previousK), m(r.nowK))}; previous unpaged query over its ${k} issues ${f2(m(r.previousAll))} ms`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await benchGazette();
