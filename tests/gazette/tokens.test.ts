// The tokenizer against the one it replaced (reference-tokenizer.ts): the current one reads each code
// unit once. The index must not change: every token of the bundled issue and of random strings is compared.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGazette } from '../../src/gazette/parse.js';
import { searchUnits } from '../../src/gazette/store.js';
import { indexTokens, queryTerms } from '../../src/gazette/tokens.js';
import { referenceIndexTokens, referenceQueryTerms } from './reference-tokenizer.js';

const ALPHABET = [
  ...'宅基地审批养老生态科技，。、；：“”（）〔〕《》',
  ...'abcXYZ019.. _-\n\t\u3000',
  '𠀀', // U+20000, a surrogate pair inside the CJK range
  '𪚥',
  '\ud800', // a lone surrogate
  '\uf900',
  '\u33ff',
  '😀',
];

function randomText(next: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return s;
}

describe('indexTokens', () => {
  it('gives the reference tokens for every searchable unit of the bundled issue, and for its whole text', () => {
    const text = readFileSync('data/gazettes/2022-04.txt', 'utf8');
    const units = parseGazette(text).documents.flatMap((d) => searchUnits(d));
    expect(units.length).toBeGreaterThan(300);
    for (const u of units) expect(u.tokens).toBe(referenceIndexTokens(u.text));
    expect(indexTokens(text)).toBe(referenceIndexTokens(text));
  });

  it('gives the reference tokens and query terms for 3,000 random strings', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let round = 0; round < 3000; round++) {
      const s = randomText(next, Math.floor(next() * 40));
      expect(indexTokens(s)).toBe(referenceIndexTokens(s));
      expect(queryTerms(s)).toEqual(referenceQueryTerms(s));
    }
  });
});
