// npm run bench — prints figures; never fails on a timing.
//  1. parse + store + index the sample issue (target < 300 ms)
//  2. search over N synthetic issues made by mutating the sample (default 1,000; BENCH_ISSUES overrides):
//     p50 / p95 latency on the embedded database (target p95 < 20 ms)
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDb } from '../src/db/connection.js';
import { parseGazette } from '../src/gazette/parse.js';
import { ingestGazette } from '../src/gazette/store.js';
import { search } from '../src/gazette/library.js';
import { benchHomestead } from './homestead.js';

const SAMPLE = readFileSync('data/gazettes/2022-04.txt', 'utf8');
const N = Number(process.env.BENCH_ISSUES ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'zhengwu-bench-'));

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x: number) => `${x.toFixed(2)} ms`;

/** A different issue: new issue number, new 文号 for every item, a few paragraphs swapped and words changed. */
function mutate(i: number): string {
  const year = 2000 + Math.floor(i / 24);
  const serial = (i % 24) + 1;
  let t = SAMPLE.replace('2022 年第 4 号', `${year} 年第 ${serial} 号`);
  t = t.replace(/^(.*?)〔2022〕[ \t]*(\d+)[ \t]*号[ \t]*$/gm, (_m, p, n) => `${p}〔${year}〕${Number(n) + serial * 100} 号`);
  const words = ['宅基地', '养老', '生态', '科技', '社区', '残疾', '住房', '节能'];
  const w1 = words[i % words.length];
  const w2 = words[(i * 7 + 3) % words.length];
  // Change words inside long body paragraphs only, so that headers stay intact.
  return t
    .split('\n')
    .map((line, n) => (line.length > 60 && !line.startsWith('|') && n % 7 === i % 7 ? line.replace(/工作/g, `${w1}工作`).replace(/管理/g, `${w2}管理`) : line))
    .join('\n');
}

async function main() {
  // 1. One issue: parse, store and index.
  const runs: number[] = [];
  const parseRuns: number[] = [];
  for (let r = 0; r < 7; r++) {
    const p0 = performance.now();
    parseGazette(SAMPLE);
    parseRuns.push(performance.now() - p0);
    const db = await openDb(`sqlite:${join(dir, `one-${r}.sqlite`)}`);
    const t0 = performance.now();
    await ingestGazette(db, Buffer.from(SAMPLE));
    runs.push(performance.now() - t0);
    await db.close();
  }
  console.log('== Parse + store + index the sample issue (SQLite, 7 runs)');
  console.log(`   parse only      median ${ms(pct(parseRuns, 50))}`);
  console.log(`   parse+store+FTS median ${ms(pct(runs, 50))}  best ${ms(Math.min(...runs))}  (target < 300 ms)`);

  // 2. Search over N issues.
  const file = join(dir, 'many.sqlite');
  const db = await openDb(`sqlite:${file}`);
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    await ingestGazette(db, Buffer.from(mutate(i)));
    if ((i + 1) % 100 === 0) process.stdout.write(`   ingested ${i + 1}/${N} issues (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
  const units = Number((await db.kysely.selectFrom('search_units').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  db.sqlite!.pragma('optimize');
  console.log(`== Search over ${N} synthetic issues: ${units.toLocaleString()} searchable units, ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB, built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const queries = ['宅基', '养老', '揭榜', '宅基地审批', '生态环境', '科技成果评价', '残疾预防', '工作日', '不予批准', 'PM2.5', '保障性租赁住房', '乡村医生'];
  for (const q of queries) await search(db, q, {}); // warm up
  const all: number[] = [];
  const perQuery: string[] = [];
  for (const q of queries) {
    const xs: number[] = [];
    let total = '';
    for (let k = 0; k < 20; k++) {
      const s0 = performance.now();
      const r = await search(db, q, {});
      total = `${r.total.toLocaleString()}${r.totalIsLowerBound ? '+' : ''}`;
      xs.push(performance.now() - s0);
    }
    all.push(...xs);
    perQuery.push(`   ${q.padEnd(8, '　')} p50 ${ms(pct(xs, 50))}  p95 ${ms(pct(xs, 95))}  (${total} hits)`);
  }
  console.log(perQuery.join('\n'));
  console.log(`   ALL QUERIES  p50 ${ms(pct(all, 50))}  p95 ${ms(pct(all, 95))}  (target p95 < 20 ms)`);
  await db.close();
  rmSync(dir, { recursive: true, force: true });

  // 3. A county's year of 宅基地 cases (BENCH_CASES, default 5,000).
  console.log(`== 宅基地审批: ${process.env.BENCH_CASES ?? 5000} applications through the full lifecycle (SQLite, audit chain on)`);
  const h = await benchHomestead();
  console.log(`   ${h.events.toLocaleString()} events in ${h.seconds.toFixed(1)} s: ${h.rate.toFixed(0)} events/s (target ≥ 5,000)`);
  console.log(`   plain better-sqlite3 loop writing the same rows: ${h.plainRate.toFixed(0)} events/s; engine/plain ratio ${(h.rate / h.plainRate).toFixed(2)}`);
  const mem = process.memoryUsage();
  console.log(`== Memory: rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`);
}

main().catch((e) => {
  console.error(e);
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
