// The source text of an issue as stored (gazette_sources, migration 0016): compressed UTF-8, the record of
// what was ingested, read by nothing on the way of a request.
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';

// Brotli at quality 5: 0.294 of the text for about 14 ms an issue, against gzip's 0.335 at level 6 for 12 ms
// (the bundled issue on this machine). The 16 MiB it saves at 1,000 issues pay for the indexes that keep an
// ingest from reading the whole library (migration 0022), within 3× the source text. The column keeps its
// name (text_gzip): sources stored before are gzip, told apart by gzip's magic bytes.
export const compressSource = (text: string): Buffer => {
  const bytes = Buffer.from(text, 'utf8');
  return brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
};
export const decompressSource = (stored: Uint8Array): string =>
  (stored[0] === 0x1f && stored[1] === 0x8b ? gunzipSync(stored) : brotliDecompressSync(stored)).toString('utf8');
