// Parses a gazette off the main thread, so that a large upload does not stop the server answering others.
// Plain JavaScript. In the ahead-of-time build (build/gazette/, npm run build) the compiled parser sits beside
// it; run from src/ (tests, tsx) it registers tsx, because the parser there is TypeScript.
import { existsSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

const built = new URL('./parse.js', import.meta.url);
let parser;
if (existsSync(built)) parser = await import(built.href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  parser = await import('./parse.ts');
}
const { parseGazette, GazetteFormatError } = parser;

parentPort.on('message', ({ id, text }) => {
  try {
    parentPort.postMessage({ id, parsed: parseGazette(text) });
  } catch (e) {
    parentPort.postMessage({ id, error: { message: e instanceof Error ? e.message : String(e), format: e instanceof GazetteFormatError } });
  }
});
