// npm run bench — prints figures; never fails on a timing.
//  1. parse time against input size: one paragraph of 2k / 16k / 128k short wrapped lines, and the
//     sample's body repeated 1 / 8 / 64 times — the time per line (per MB) stays flat when parsing is linear
//  2. the gazette library at county scale (bench/gazette.ts; BENCH_ISSUES generated issues, default 200,
//     1,000 for the figures): ingest split, size, search p50/p95/p99 unfiltered and filtered, the
//     list of issues — each next to its reference in the same run
//  3. the 宅基地 lifecycle through the engine, and 4. the job runner with 100,000 open cases
//  5. start-up (bench/startup.ts, runs alone too): CLI cold start, largest web chunk, home page first render in Chromium
//  6. the server over HTTP (bench/http.ts, runs alone too): serve → first answer and CLI search against bare
//     references, and autocannon figures (100 connections) against a bare Fastify hello
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseGazette } from '../src/gazette/parse.js';
import { benchGazette } from './gazette.js';
import { benchEngine } from './engine.js';
import { benchHomestead } from './homestead.js';
import { benchJobs } from './jobs.js';
import { benchStartup } from './startup.js';
import { benchHttp } from './http.js';
import { printSummary } from './summary.js';

const SAMPLE = readFileSync('data/gazettes/2022-04.txt', 'utf8');

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

async function main() {
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

  // 2. The gazette library at county scale.
  await benchGazette();

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
  await benchHttp();
  printSummary();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
