// npm run build — compiles the server and CLI (src/) ahead of time into build/, so that bin/zhengwu.js starts
// without compiling TypeScript. Run by `npm ci` (prepare), `npm start` and `npm test`.
//   tsc -p tsconfig.build.json (emit only, per file, same layout as src/; type checking is `npm run typecheck`),
//   then every non-TypeScript file under src/ copied alongside (the gazette parse worker, case fixtures, …: code
//   loads them relative to import.meta.url), then the stamp bin/zhengwu.js compares with src/.
// The new build is made in a scratch directory and swapped in at the end, so a running server keeps its files.
//   --if-stale   do nothing when build/ is current
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOutdated, STAMP } from './build-state.mjs';

const rootUrl = new URL('..', import.meta.url);
const root = fileURLToPath(rootUrl);
process.chdir(root);

if (process.argv.includes('--if-stale') && !buildOutdated(rootUrl)) process.exit(0);

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  // Installed without dev dependencies: bin/zhengwu.js runs the sources through tsx (a dependency) instead.
  console.warn('未安装 TypeScript（开发依赖），跳过预编译；命令行将通过 tsx 即时编译运行（启动较慢）。');
  process.exit(0);
}

const startedAt = Date.now();
const next = join(root, `.tmp-build-${process.pid}`);
rmSync(next, { recursive: true, force: true });
const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', next], { stdio: 'inherit' });
if (r.status !== 0) {
  rmSync(next, { recursive: true, force: true });
  console.error('预编译失败（tsc -p tsconfig.build.json），见上方错误。');
  process.exit(r.status ?? 1);
}
let assets = 0;
for (const e of readdirSync('src', { recursive: true, withFileTypes: true })) {
  if (!e.isFile() || e.name.endsWith('.ts')) continue;
  const from = join(e.parentPath ?? e.path, e.name);
  const to = join(next, relative('src', from));
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to);
  assets++;
}
await bundle(next);
writeFileSync(join(next, relative('build', STAMP)), `${JSON.stringify({ startedAt })}\n`);
if (existsSync('build')) rmSync('build', { recursive: true, force: true });
renameSync(next, 'build');
console.log(`已预编译到 build/，并打包为 build/bundle/（${((Date.now() - startedAt) / 1000).toFixed(1)} 秒，另复制 ${assets} 个非 TypeScript 文件）`);

/**
 * The command line and the server as a few files (build/bundle/), which is what bin/zhengwu.js runs: Node resolves
 * and reads each module file on its own, and kysely, zod and fastify are hundreds of small files, so a start from
 * the per-file output spends most of its time loading them. Commands still load what they use (dynamic imports
 * become chunks). Kept outside the bundle: native code (better-sqlite3), packages that read their own files at run
 * time (fonts, swagger-ui's page, static files, thread-stream's worker for pino's transports, which the server does
 * not use) and the lazily loaded writers (PDF, Excel, mail). pino itself is bundled: loading it file by file took
 * 50–170 ms of the start.
 * The files that code finds beside itself (the area tree, the parse worker) are copied beside the bundle.
 */
async function bundle(dir) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: { main: join(dir, 'cli/main.js'), parse: join(dir, 'gazette/parse.js') },
    outdir: join(dir, 'bundle'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    external: [
      'better-sqlite3',
      'pg',
      'pg-native',
      'pdfkit',
      'exceljs',
      'nodemailer',
      '@fastify/swagger-ui',
      '@fastify/static',
      '@embedpdf/*',
      'thread-stream',
      'tsx',
      'tsx/*',
    ],
    // CommonJS packages inside the bundle call require() for Node's own modules.
    banner: { js: "import { createRequire as __zhengwuRequire } from 'node:module'; const require = __zhengwuRequire(import.meta.url);" },
  });
  cpSync(join(dir, 'platform/area-data'), join(dir, 'bundle/area-data'), { recursive: true });
  cpSync(join(dir, 'gazette/parse-worker.mjs'), join(dir, 'bundle/parse-worker.mjs'));
}
