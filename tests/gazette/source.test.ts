// The source text of an issue is kept compressed (brotli); sources stored before are gzip and stay readable.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressSource, decompressSource } from '../../src/gazette/source.js';

const TEXT = readFileSync('data/gazettes/2022-04.txt', 'utf8');

describe('stored source text', () => {
  it('comes back as it went in, in under 0.3 of its size', () => {
    const stored = compressSource(TEXT);
    expect(decompressSource(stored)).toBe(TEXT);
    expect(stored.length / Buffer.byteLength(TEXT)).toBeLessThan(0.3);
  });
  it('reads a source stored gzip-compressed before', () => {
    expect(decompressSource(gzipSync(Buffer.from(TEXT, 'utf8'), { level: 4 }))).toBe(TEXT);
    expect(decompressSource(compressSource(''))).toBe('');
  });
});
