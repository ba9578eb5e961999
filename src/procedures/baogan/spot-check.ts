// The science bureau's spot checks (六、监督检查): projects drawn at random, each
// draw logged as an audit event on every project drawn.
import { randomInt, randomUUID } from 'node:crypto';
import type { Actor } from '../../auth/service.js';
import { CaseError, type CaseEngine } from '../../engine/cases.js';

const ELIGIBLE = ['in_progress', 'accounts_review', 'closed'];

export async function drawSpotChecks(engine: CaseEngine, actor: Actor, count: number, date: string) {
  if (actor.role !== 'science_bureau' && actor.role !== 'admin') throw new CaseError('只有市科技局可以组织抽查。', 403);
  const pool = (await engine.rows(actor, 'baogan')).filter((r) => ELIGIBLE.includes(r.state.id));
  if (pool.length === 0) throw new CaseError('没有可抽查的包干制项目（执行中或已结题）。', 422);
  // Fisher–Yates with a cryptographic generator: nobody can predict or steer the draw.
  const order = pool.map((r) => r.id);
  for (let i = order.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const drawn = order.slice(0, Math.min(count, order.length));
  const drawId = randomUUID();
  const method = `从 ${pool.length} 个项目中以密码学随机数（Fisher–Yates）抽取 ${drawn.length} 个`;
  for (const id of drawn) {
    const c = pool.find((r) => r.id === id)!;
    await engine.apply(actor, id, 'select_for_spot_check', { version: c.version, date, payload: { drawId, method } });
  }
  return { drawId, date, poolSize: pool.length, drawn, method };
}
