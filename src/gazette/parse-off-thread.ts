// One worker thread parses gazettes for the server, one at a time; the event loop stays free meanwhile.
import { Worker } from 'node:worker_threads';
import { GazetteFormatError } from './parse.js';
import type { ParsedIssue } from './types.js';

let worker: Worker | null = null;
let next = 0;
const pending = new Map<number, { resolve: (p: ParsedIssue) => void; reject: (e: Error) => void }>();

function start(): Worker {
  const w = new Worker(new URL('./parse-worker.mjs', import.meta.url));
  w.unref();
  w.on('message', (m: { id: number; parsed?: ParsedIssue; error?: { message: string; format: boolean } }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error) p.reject(m.error.format ? new GazetteFormatError(m.error.message) : new Error(m.error.message));
    else p.resolve(m.parsed!);
  });
  // A worker that dies fails what it was doing; the next parse starts a new one.
  w.on('error', (e) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
    worker = null;
  });
  w.on('exit', () => {
    worker = null;
  });
  return w;
}

export function parseGazetteOffThread(text: string): Promise<ParsedIssue> {
  worker ??= start();
  const id = next++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker!.postMessage({ id, text });
  });
}

/** Stops the worker (tests, shutdown). */
export async function stopParseWorker(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}
