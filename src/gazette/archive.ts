// Ingesting a folder of issues: each file on its own (one transaction per issue, so a bad file leaves
// nothing behind and does not stop the others), with a summary of what was new, unchanged or refused.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/connection.js';
import { DomainError } from '../platform/errors.js';
import { ingestGazette, type IngestResult } from './store.js';

export interface ArchiveFileResult {
  file: string;
  status: IngestResult['status'] | 'refused';
  issueId: string | null;
  documents: number;
  /** Why the file was refused, in words for the user. */
  reason: string | null;
  warnings: string[];
}

export interface ArchiveSummary {
  files: ArchiveFileResult[];
  created: number;
  replaced: number;
  unchanged: number;
  refused: number;
}

/** The issue files of a folder: plain-text files (.txt), in name order. */
export function issueFiles(dir: string): string[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new DomainError(`不是文件夹：${dir}`, 400, 'not_a_directory');
    names = readdirSync(dir);
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw new DomainError(`无法读取文件夹：${dir}`, 400, 'not_a_directory');
  }
  return names
    .filter((n) => /\.txt$/i.test(n) && statSync(join(dir, n)).isFile())
    .sort((a, b) => a.localeCompare(b, 'zh-CN', { numeric: true }))
    .map((n) => join(dir, n));
}

export async function ingestArchive(
  db: Db,
  files: string[],
  onFile?: (result: ArchiveFileResult, index: number, total: number) => void,
): Promise<ArchiveSummary> {
  const results: ArchiveFileResult[] = [];
  for (const [i, file] of files.entries()) {
    let r: ArchiveFileResult;
    try {
      const out = await ingestGazette(db, readFileSync(file));
      r = { file, status: out.status, issueId: out.issueId, documents: out.documents, reason: null, warnings: out.warnings };
    } catch (e) {
      // A user error (not a gazette, a 文号 already stored elsewhere…) refuses this file only; anything else is a fault.
      if (!(e instanceof DomainError)) throw e;
      r = { file, status: 'refused', issueId: null, documents: 0, reason: e.message, warnings: [] };
    }
    results.push(r);
    onFile?.(r, i, files.length);
  }
  const count = (s: ArchiveFileResult['status']) => results.filter((r) => r.status === s).length;
  return { files: results, created: count('created'), replaced: count('replaced'), unchanged: count('unchanged'), refused: count('refused') };
}
