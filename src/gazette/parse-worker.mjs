// Parses a gazette off the main thread, so that a large upload does not stop the server answering others.
// Plain JavaScript that registers tsx, because the parser itself is TypeScript.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { parseGazette, GazetteFormatError } = await import('./parse.ts');

parentPort.on('message', ({ id, text }) => {
  try {
    parentPort.postMessage({ id, parsed: parseGazette(text) });
  } catch (e) {
    parentPort.postMessage({ id, error: { message: e instanceof Error ? e.message : String(e), format: e instanceof GazetteFormatError } });
  }
});
