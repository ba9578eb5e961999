// Reads the table-driven rule cases kept beside the rules (cases/*.json).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CASES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'cases');

export function deepMerge<T>(base: T, patch: unknown): T {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch) || base === null || typeof base !== 'object' || Array.isArray(base))
    return patch as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) out[k] = k in out ? deepMerge(out[k], v) : v;
  return out as T;
}

export interface RuleCase {
  file: string;
  name: string;
  input: unknown;
  expect: { decision: 'eligible' | 'ineligible'; fails: string[]; needsConstructionPermit?: boolean };
}

export function baseApplication(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(CASES_DIR, '_base.json'), 'utf8'));
}

export function ruleCases(): RuleCase[] {
  return readdirSync(CASES_DIR)
    .filter((f) => f.endsWith('.json') && !f.startsWith('_'))
    .sort()
    .map((file) => {
      const c = JSON.parse(readFileSync(join(CASES_DIR, file), 'utf8'));
      return { file, name: c.name, input: deepMerge(baseApplication(), c.patch), expect: c.expect };
    });
}
