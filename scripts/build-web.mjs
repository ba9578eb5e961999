// Builds the web app (vite) into dist/web. `--if-stale`: only when dist/web is missing or older than what it is
// built from (web/, the src/ files the web imports, vite.config.ts, package-lock.json) — so `npm start` on an
// unchanged checkout serves at once instead of rebuilding every time.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
const built = join('dist', 'web', 'index.html');

function newestIn(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) newest = Math.max(newest, statSync(join(e.parentPath, e.name)).mtimeMs);
  }
  return newest;
}

function stale() {
  if (!existsSync(built)) return true;
  const sources = Math.max(
    newestIn('web'),
    newestIn('src'),
    statSync('vite.config.ts').mtimeMs,
    existsSync('package-lock.json') ? statSync('package-lock.json').mtimeMs : 0,
  );
  return sources > statSync(built).mtimeMs;
}

if (process.argv.includes('--if-stale') && !stale()) process.exit(0);
const r = spawnSync(process.execPath, [join('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
