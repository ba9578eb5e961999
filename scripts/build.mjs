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
writeFileSync(join(next, relative('build', STAMP)), `${JSON.stringify({ startedAt })}\n`);
if (existsSync('build')) rmSync('build', { recursive: true, force: true });
renameSync(next, 'build');
console.log(`已预编译到 build/（${((Date.now() - startedAt) / 1000).toFixed(1)} 秒，另复制 ${assets} 个非 TypeScript 文件）`);
