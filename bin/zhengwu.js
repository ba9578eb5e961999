#!/usr/bin/env node
// CLI entry. The code is TypeScript, compiled ahead of time into build/ and bundled into build/bundle/ (npm run
// build, which `npm ci`, `npm start` and `npm test` run), so a command starts without compiling anything.
// When build/ is missing or older than src/ (the sources were edited since), the CLI runs the sources through
// tsx instead: the same behaviour, a slower start. It never runs out-of-date compiled code.
import { buildOutdated } from '../scripts/build-state.mjs';

const root = new URL('..', import.meta.url);
const outdated = buildOutdated(root);
if (!outdated) await import(new URL('build/bundle/main.js', root).href);
else {
  // Only on a terminal: scripts and tests read stderr.
  if (process.stderr.isTTY)
    console.error(
      `提示：预编译的 build/ ${outdated === 'missing' ? '不存在' : '早于 src/ 的修改'}，本次由 tsx 即时编译运行（启动较慢）；运行 npm run build 可恢复快速启动。`,
    );
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('src/cli/main.ts', root).href);
}
