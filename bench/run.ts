// npm run bench — prints figures; never fails on a timing.
//  1. parse + store + index the sample issue (target < 300 ms)
//  1b. parse time against input size: one paragraph of 2k / 16k / 128k short wrapped lines, and the
//     sample's body repeated 1 / 8 / 64 times — the time per line (per MB) stays flat when parsing is linear
//  2. search over N synthetic issues made by mutating the sample (default 1,000; BENCH_ISSUES overrides):
//     p50 / p95 latency on the embedded database (target p95 < 20 ms)
//  3. the 宅基地 lifecycle through the engine, and 4. the job runner with 100,000 open cases
//  5. start-up (bench/startup.ts, runs alone too): CLI cold start, largest web chunk, home page first render in Chromium
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDb } from '../src/db/connection.js';
import { parseGazette } from '../src/gazette/parse.js';
import { ingestGazette } from '../src/gazette/store.js';
import { search } from '../src/gazette/library.js';
import { benchEngine } from './engine.js';
import { benchHomestead } from './homestead.js';
import { benchJobs } from './jobs.js';
import { benchStartup } from './startup.js';

const SAMPLE = readFileSync('data/gazettes/2022-04.txt', 'utf8');
const N = Number(process.env.BENCH_ISSUES ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'zhengwu-bench-'));

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x: number) => `${x.toFixed(2)} ms`;

/** One notice whose body is a single paragraph of `n` wrapped lines of 6–10 CJK characters, none ending a sentence. */
function wrappedLines(n: number): string {
  const chars = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定';
  let seed = n;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    let s = '';
    for (let k = 6 + Math.floor(next() * 5); k > 0; k--) s += chars[Math.floor(next() * chars.length)];
    lines.push(s);
  }
  return `承德市人民政府公报\n\n2022 年第 4 号\n\n承德市人民政府\n\n关于某事的通知\n\n承政字〔2023〕1 号\n\n2023 年 1 月 5 日\n\n各县：\n\n${lines.join('\n')}\n`;
}

/** The sample with its body (every item) printed k times, each copy under new 文号. */
function repeatedSample(k: number): string {
  const start = SAMPLE.indexOf('承德市人民政府 关于印发');
  const body = SAMPLE.slice(start);
  const parts = [SAMPLE.slice(0, start)];
  for (let i = 0; i < k; i++)
    parts.push(
      body.replace(/〔2022〕[ \t]*(\d+)[ \t]*号/g, (_m, no) => `〔${2000 + i}〕${no} 号`),
      '\n',
    );
  return parts.join('');
}

/** Median parse time of an input, in ms (3 runs; 1 when a run takes over 2 s). */
function parseTime(text: string): number {
  const xs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    parseGazette(text);
    xs.push(performance.now() - t0);
    if (xs[0] > 2000) break;
  }
  return pct(xs, 50);
}

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

  // 1b. Parse time against input size: linear parsing keeps the time per line (per MB) flat.
  console.log('== Parse time against input size (median of 3; flat per-line / per-MB figures = linear)');
  let perLine0 = 0;
  for (const n of [2_000, 16_000, 128_000]) {
    const t = parseTime(wrappedLines(n));
    const perLine = (t * 1000) / n;
    perLine0 ||= perLine;
    console.log(
      `   one paragraph of ${n.toLocaleString().padStart(7)} short lines  ${ms(t).padStart(11)}  ${perLine.toFixed(2)} µs/line  (× ${(perLine / perLine0).toFixed(2)} of 2k per line)`,
    );
  }
  let perMb0 = 0;
  for (const k of [1, 8, 64]) {
    const text = repeatedSample(k);
    const mb = Buffer.byteLength(text) / 2 ** 20;
    const t = parseTime(text);
    perMb0 ||= t / mb;
    console.log(
      `   sample body × ${String(k).padEnd(2)} (${mb.toFixed(1).padStart(4)} MiB, ${17 * k} items)  ${ms(t).padStart(11)}  ${(t / mb).toFixed(0)} ms/MiB  (× ${(t / mb / perMb0).toFixed(2)} of × 1 per MiB)`,
    );
  }

  // 2. Search over N issues.
  const file = join(dir, 'many.sqlite');
  const db = await openDb(`sqlite:${file}`);
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    await ingestGazette(db, Buffer.from(mutate(i)));
    if ((i + 1) % 100 === 0) process.stdout.write(`   ingested ${i + 1}/${N} issues (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
  const units = Number(
    (
      await db.kysely
        .selectFrom('search_units')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  db.sqlite!.pragma('optimize');
  console.log(
    `== Search over ${N} synthetic issues: ${units.toLocaleString()} searchable units, ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB, built in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
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

  await benchEngine();
  // 3. A county's year of 宅基地 cases (BENCH_CASES, default 5,000).
  console.log(`== 宅基地审批: ${process.env.BENCH_CASES ?? 5000} applications through the full lifecycle (SQLite, audit chain on)`);
  const h = await benchHomestead();
  console.log(`   ${h.events.toLocaleString()} events in ${h.seconds.toFixed(1)} s: ${h.rate.toFixed(0)} events/s (target ≥ 5,000)`);
  console.log(
    `   plain better-sqlite3 loop writing the same rows: ${h.plainRate.toFixed(0)} events/s; engine/plain ratio ${(h.rate / h.plainRate).toFixed(2)}`,
  );
  const mem = process.memoryUsage();
  const j = await benchJobs();
  console.log(`== Job runner: ${j.due.toLocaleString()} due reminders among ${j.cases.toLocaleString()} open cases (SQLite)`);
  console.log(
    `   ${j.done.toLocaleString()} reminders sent in ${j.seconds.toFixed(1)} s: ${j.rate.toFixed(0)} due items/s; bare claim-and-close loop ${j.bareRate.toFixed(0)} items/s; ratio ${(j.rate / j.bareRate).toFixed(2)}`,
  );
  console.log(`== Memory: rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`);

  // 5. Start-up: its own processes (CLI, server, Chromium), so it does not share this one's heap.
  await benchStartup();
}

main().catch((e) => {
  console.error(e);
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
