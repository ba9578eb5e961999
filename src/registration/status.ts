// Why a self-registered account cannot sign in yet (sign-in, src/auth/service.ts, asks; kept apart from the
// registration service, which itself imports sign-in's helpers).
import type { Db } from '../db/connection.js';
import './migration.js';

/** Who confirms a registration when no SMS channel is configured. */
export const confirmerText = (kind: string, county: string) => (kind === 'enterprise' ? `${county}县级部门` : '村（社区）或乡镇（街道）');

/** Why a disabled account with a registration cannot sign in, or null (an account disabled by an administrator). */
export async function registrationBlock(db: Db, userId: number): Promise<string | null> {
  const r = await db.kysely.selectFrom('registrations').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!r) return null;
  if (r.status === 'pending_code') return '手机号尚未验证：请在注册页输入短信验证码完成注册（验证码过期可重新获取）。';
  if (r.status === 'pending')
    return r.kind === 'enterprise'
      ? `账号待${r.county}县级部门确认，确认后即可登录。`
      : `账号待村（社区）或乡镇（街道）确认，确认后即可登录（${r.township}${r.village}）。`;
  if (r.status === 'rejected')
    return `注册未通过：${r.reason ?? ''}（${r.decided_by_name ?? '审核人'}）。如有疑问请联系${confirmerText(r.kind, r.county)}，或修改后重新注册。`;
  return null;
}
