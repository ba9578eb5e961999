// Whether build/ (the ahead-of-time compiled server and CLI) is current: it exists and no file under src/ was
// changed after the build started. bin/zhengwu.js asks this at every start, so it stays cheap: one stat per
// source file (about 130), no hashing.
import { readdirSync, readFileSync, statSync } from 'node:fs';

export const STAMP = 'build/.built-at';

/** The newest modification time under src/, in ms. */
export function newestSource(root) {
  let newest = 0;
  for (const e of readdirSync(new URL('src/', root), { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const t = statSync(`${e.parentPath ?? e.path}/${e.name}`).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

/** `null` when build/ is current, else why not (for messages). */
export function buildOutdated(root) {
  let builtAt;
  try {
    builtAt = JSON.parse(readFileSync(new URL(STAMP, root), 'utf8')).startedAt;
  } catch {
    return 'missing';
  }
  return newestSource(root) > builtAt ? 'older than src/' : null;
}
