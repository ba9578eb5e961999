// Random draws by the server (spot checks), never chosen by a person, and reproducible by anyone from what the
// audit records: a seed from the cryptographic generator, the pool (sorted) and the rule — order the pool by
// HMAC-SHA256(seed, item) and take the first N.
import { createHmac, randomBytes } from 'node:crypto';

export const DRAW_RULE = '按 HMAC-SHA256(种子, 编号) 由小到大排序，取前 N 个';

/** A fresh seed from the cryptographic generator (32 bytes, hex). */
export const drawSeed = () => randomBytes(32).toString('hex');

/** The draw itself, a pure function of the seed and the pool, so it can be checked afterwards. */
export function drawFrom(seedHex: string, pool: string[], count: number): string[] {
  const key = Buffer.from(seedHex, 'hex');
  return [...pool]
    .map((id) => ({ id, k: createHmac('sha256', key).update(id).digest('hex') }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .slice(0, Math.min(count, pool.length))
    .map((x) => x.id);
}
