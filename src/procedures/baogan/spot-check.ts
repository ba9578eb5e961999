// The science bureau's spot checks (六、监督检查): projects drawn at random by the server, never chosen by
// a person. The draw is reproducible by anyone from what the audit records: a seed from the
// cryptographic generator, the pool (every eligible project, sorted), and the rule — order the pool by
// HMAC-SHA256(seed, case id) and take the first N. All selections commit together or not at all.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../auth/service.js';
import { CaseError, type CaseEngine } from '../../engine/cases.js';
import { drawFrom, drawSeed } from '../shared/draw.js';

const ELIGIBLE = ['in_progress', 'accounts_review', 'closed'];
export const DRAW_RULE = '按 HMAC-SHA256(种子, 案件编号) 由小到大排序，取前 N 个';
export { drawFrom };

export async function drawSpotChecks(engine: CaseEngine, actor: Actor, count: number, date: string) {
  if (actor.role !== 'science_bureau' && actor.role !== 'admin') throw new CaseError('只有市科技局可以组织抽查。', 403);
  const rows = (await engine.rows(actor, 'baogan')).filter((r) => ELIGIBLE.includes(r.state.id));
  if (rows.length === 0) throw new CaseError('没有可抽查的包干制项目（执行中或已结题）。', 422);
  const pool = rows.map((r) => r.id).sort();
  const seed = drawSeed();
  const drawn = drawFrom(seed, pool, count);
  const drawId = randomUUID();
  const method = `服务器以密码学随机数生成种子，从 ${pool.length} 个项目中${DRAW_RULE}（N = ${drawn.length}）`;
  const payload = { drawId, method, seed, pool, rule: DRAW_RULE, count: drawn.length };
  try {
    await engine.applyAll(
      actor,
      drawn.map((id) => ({ id, action: 'select_for_spot_check', body: { version: rows.find((r) => r.id === id)!.version, date, payload } })),
      { internal: true },
    );
  } catch (e) {
    // Another change won on a drawn project: nothing was written; the bureau draws again.
    if (e instanceof CaseError && e.status === 409) throw new CaseError('抽查时有项目被同时更新，本次抽查未生效（未记录任何抽中事件），请重新抽查。', 409);
    throw e;
  }
  return { drawId, date, poolSize: pool.length, drawn, method, seed, rule: DRAW_RULE };
}
