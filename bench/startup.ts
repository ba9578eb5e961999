// Start-up figures, each next to the figure measured before the CLI was built
// ahead of time and the web bundle was split by route. Never fails on a timing.
//  1. CLI cold start: `node bin/zhengwu.js workdays add 2026-09-28 5`, a new process each time (median of 5)
//  2. web bundle: the largest JS chunk of `vite build` gzip-compressed (and raw), and all JS gzip-compressed
//  3. home page (`/`, the gazette library) in Chromium: the server started as `node bin/zhengwu.js serve` on an
//     empty SQLite file (the bundled gazette loads on start); time from navigation to the first table-of-contents
//     entry visible, and the first contentful paint (median of 5, each in a fresh browser context: no HTTP cache)
// Run alone: node --import tsx bench/startup.ts   (npm run bench runs it after the other figures)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { record } from './summary.js';
import { gzipSync } from 'node:zlib';
import { buildOutdated } from '../scripts/build-state.mjs';

/**
 * Before: measured on 2026-11-30 at commit c919963 (tsx compiling src/cli/main.ts at every start; the whole web app
 * in one chunk) by the procedures above, on the 2-vCPU development container while other work ran (load average
 * 2–8, so wall times are noisy). CLI: medians 1619 and 1655 ms when quiet (2167–3214 ms under load); the quiet one
 * is kept. Web: one chunk, index-*.js. Home page: medians 1160, 1346, 1208, 1327 ms to the first entry and
 * 992, 1104, 1060, 1144 ms to the first contentful paint; the median of the four is kept.
 */
export const BEFORE = {
  cliColdStartMs: 1620,
  largestChunkGzipKiB: 881.9,
  largestChunkRawKiB: 2771.5,
  totalJsGzipKiB: 881.9,
  homeFirstTocMs: 1268,
  homeFcpMs: 1082,
};

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};
const kib = (bytes: number) => bytes / 1024;
const vs = (now: number, before: number, unit: string) =>
  `${now.toFixed(unit === 'ms' ? 0 : 1)} ${unit}  (before: ${before.toFixed(unit === 'ms' ? 0 : 1)} ${unit}${before > 0 ? `, × ${(now / before).toFixed(2)}` : ''})`;

/** Median wall time of `node bin/zhengwu.js workdays add 2026-09-28 5` in a new process, after one run that creates the database. */
export function cliColdStart(runs = 5): { medianMs: number; runs: number[]; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'zhengwu-startup-'));
  const env = { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'cli.sqlite')}` };
  const args = ['bin/zhengwu.js', 'workdays', 'add', '2026-09-28', '5'];
  try {
    const first = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
    if (first.status !== 0) throw new Error(`CLI failed: ${first.stderr}`);
    const xs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      spawnSync(process.execPath, args, { env, encoding: 'utf8' });
      xs.push(performance.now() - t0);
    }
    return { medianMs: median(xs), runs: xs, output: first.stdout.trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** JS chunks of the built web app (dist/web/assets), with their gzip-compressed sizes, largest first. */
export function webChunks(assets = 'dist/web/assets'): { file: string; raw: number; gzip: number }[] {
  return readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((file) => {
      const b = readFileSync(join(assets, file));
      return { file, raw: b.length, gzip: gzipSync(b).length };
    })
    .sort((a, b) => b.gzip - a.gzip);
}

const freePort = () =>
  new Promise<number>((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });

/** The home page in Chromium against `node bin/zhengwu.js serve` on an empty SQLite file. */
export async function homeFirstRender(runs = 5): Promise<{ firstTocMs: number; fcpMs: number; scripts: string[]; echarts: boolean } | null> {
  if (!existsSync(CHROMIUM)) return null;
  const { chromium } = await import('playwright-core');
  const dir = mkdtempSync(join(tmpdir(), 'zhengwu-startup-'));
  const port = await freePort();
  const server = spawn(process.execPath, ['bin/zhengwu.js', 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: `sqlite:${join(dir, 'home.sqlite')}`,
      PORT: String(port),
      HOST: '127.0.0.1',
      ZHENGWU_DEMO: '0',
      ZHENGWU_ADMIN_TOKEN: 'bench-startup',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  try {
    await new Promise<void>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`server did not start in 60 s:\n${log}`)), 60_000);
      const onData = (b: Buffer) => {
        log += b.toString();
        if (log.includes('已启动')) {
          clearTimeout(timer);
          ok();
        }
      };
      server.stdout!.on('data', onData);
      server.stderr!.on('data', onData);
      server.on('exit', (code) => fail(new Error(`server exited (${code}): ${log.split('\n').find((l) => /Error/.test(l)) ?? log.trim().split('\n').pop()}`)));
    });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const toc: number[] = [];
      const fcp: number[] = [];
      let scripts: string[] = [];
      for (let i = 0; i < runs; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
        const page = await context.newPage();
        const js: string[] = [];
        page.on('request', (r) => {
          if (r.resourceType() === 'script') js.push(new URL(r.url()).pathname);
        });
        await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'commit' });
        // Milliseconds since the navigation started (the page's own clock), taken on the first frame that shows an entry.
        const shown = await page.waitForFunction(
          () => {
            const el = document.querySelector('[data-testid="toc-entry"]');
            if (!el) return false;
            const r = el.getBoundingClientRect();
            return r.width > 0 && r.height > 0 ? window.performance.now() : false;
          },
          undefined,
          { polling: 'raf', timeout: 30_000 },
        );
        toc.push((await shown.jsonValue()) as number);
        const paint = await page.evaluate(
          () => window.performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? NaN,
        );
        fcp.push(paint);
        scripts = js;
        await context.close();
      }
      // ECharts leaves this property name in its chunk whatever the minifier does.
      const echarts = scripts.some((p) => {
        const file = join('dist/web', p);
        return existsSync(file) && readFileSync(file, 'utf8').includes('_echarts_instance_');
      });
      return { firstTocMs: median(toc), fcpMs: median(fcp), scripts, echarts };
    } finally {
      await browser.close();
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((ok) => (server.exitCode !== null ? ok(null) : server.once('exit', ok)));
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchStartup(opts: { build?: boolean } = {}) {
  console.log('== Start-up (each next to the figure before the ahead-of-time build and the route split)');
  if (opts.build !== false) {
    spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: 'inherit' });
    spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  }
  // `npm start` on an unchanged checkout: both builds are asked whether they are stale, and must not rebuild.
  const t0 = performance.now();
  const again = [
    spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { encoding: 'utf8' }),
    spawnSync(process.execPath, ['scripts/build-web.mjs', '--if-stale'], { encoding: 'utf8' }),
  ];
  const checkMs = performance.now() - t0;
  const rebuilt = again.some((r) => r.stdout.trim() !== '' || r.status !== 0);
  console.log(`   npm start's build steps on an unchanged checkout  ${checkMs.toFixed(0)} ms, ${rebuilt ? 'REBUILT' : 'nothing rebuilt'}`);
  record({
    what: '`npm start` builds, unchanged checkout',
    now: `${checkMs.toFixed(0)} ms, ${rebuilt ? 'rebuilt' : 'no rebuild'}`,
    reference: '—',
    ratio: '—',
    target: 'no rebuild',
    met: !rebuilt,
  });
  const outdated = buildOutdated(new URL('..', import.meta.url));
  try {
    const cli = cliColdStart();
    const how = outdated ? `tsx: build/ ${outdated}` : 'compiled build/';
    console.log(`   CLI cold start, workdays add (median of 5)  ${vs(cli.medianMs, BEFORE.cliColdStartMs, 'ms')}  [${how}; answer ${cli.output}]`);
  } catch (e) {
    console.log(`   CLI cold start: not measured (${(e as Error).message.split('\n')[0]})`);
  }

  if (existsSync('dist/web/assets')) {
    const chunks = webChunks();
    const [top] = chunks;
    const total = chunks.reduce((s, c) => s + c.gzip, 0);
    console.log(`   largest web chunk, gzip                     ${vs(kib(top.gzip), BEFORE.largestChunkGzipKiB, 'KiB')}  [${top.file}]`);
    console.log(`   largest web chunk, raw                      ${vs(kib(top.raw), BEFORE.largestChunkRawKiB, 'KiB')}`);
    console.log(`   all JS chunks, gzip (${String(chunks.length).padStart(2)} files)             ${vs(kib(total), BEFORE.totalJsGzipKiB, 'KiB')}`);
  } else console.log('   web chunks: dist/web/assets is missing (npx vite build)');

  if (!existsSync(CHROMIUM)) {
    console.log(`   home page first render: skipped (${CHROMIUM} is absent; CHROMIUM_PATH overrides)`);
    return;
  }
  try {
    const home = await homeFirstRender();
    if (!home) return;
    console.log(`   home page, navigation → first TOC entry     ${vs(home.firstTocMs, BEFORE.homeFirstTocMs, 'ms')}`);
    console.log(`   home page, first contentful paint           ${vs(home.fcpMs, BEFORE.homeFcpMs, 'ms')}`);
    // What a first visit transfers in script, gzip-compressed (the issue's budget: under 400 KB).
    const gz = home.scripts.reduce((sum, src) => {
      const file = join('dist', 'web', src.replace(/^\//, ''));
      return existsSync(file) ? sum + gzipSync(readFileSync(file)).length : sum;
    }, 0);
    console.log(
      `   home page first visit, script transferred   ${kib(gz).toFixed(1)} KiB gzip in ${home.scripts.length} files  (before: ${BEFORE.largestChunkGzipKiB} KiB, the whole app)`,
    );
    record({
      what: 'home page, first visit, script',
      now: `${kib(gz).toFixed(1)} KiB gzip, ${home.scripts.length} files${home.echarts ? ', ECharts among them' : ''}`,
      reference: `before the split ${BEFORE.largestChunkGzipKiB} KiB`,
      ratio: '—',
      target: '< 400 KB',
      met: gz < 400_000,
    });
    console.log(
      `   home page loads ${home.scripts.length} scripts, ECharts ${home.echarts ? 'AMONG THEM' : 'not among them'}: ${home.scripts.map((s) => s.replace('/assets/', '')).join(', ')}`,
    );
  } catch (e) {
    console.log(`   home page first render: not measured (${(e as Error).message.split('\n')[0]})`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchStartup({ build: !process.argv.includes('--no-build') }).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
