// Demo data for a first start: the accounts of every role and, so that the 宅基地 flow can be
// shown in 2026, an extension of 隆政发〔2022〕11号 (expired 2024-07-03 by its 第三十五条) that is
// an explicit assumption, marked 【演示】 — never a real document. Both are created only on an
// empty database; an administrator removes them before real use.
import { ensureDemoAccounts, removeDemoAccounts, type NewUser } from '../auth/service.js';
import type { Db } from '../db/connection.js';
import { DEMO_ACCOUNTS } from '../procedures/registry.js';

export const DEMO_MARK = '【演示】';

/** Governance records the demo rests on, each stating its assumption. */
export const DEMO_GOVERNANCE = [
  {
    procedure: 'homestead',
    kind: 'extension' as const,
    document: `${DEMO_MARK}假设的延期文件（非真实文件）`,
    validUntil: '2027-12-31',
    note:
      `${DEMO_MARK}假设：隆化县人民政府已发文将隆政发〔2022〕11号（第三十五条：有效期 2 年，至 2024-07-03）的有效期延长至 2027-12-31，` +
      '仅为在 2026 年演示宅基地审批流程；正式使用前请删除本记录，并登记真实的延期或替代文件。',
  },
];

/** Records the demo governance assumptions once (idempotent). */
export async function ensureDemoGovernance(db: Db): Promise<number> {
  let added = 0;
  for (const g of DEMO_GOVERNANCE) {
    const known = await db.kysely
      .selectFrom('governance_records')
      .select('id')
      .where('procedure', '=', g.procedure)
      .where('document', '=', g.document)
      .executeTakeFirst();
    if (known) continue;
    await db.kysely
      .insertInto('governance_records')
      .values({
        procedure: g.procedure,
        kind: g.kind,
        document: g.document,
        valid_until: g.validUntil,
        note: g.note,
        recorded_by: 'demo',
        recorded_at: new Date().toISOString(),
      })
      .execute();
    added++;
  }
  return added;
}

/** Demo accounts on an empty database (or, forced, beside real users), and with them the demo governance assumptions. */
export async function ensureDemoData(db: Db, opts: { force?: boolean } = {}): Promise<NewUser[]> {
  const accounts = await ensureDemoAccounts(db, DEMO_ACCOUNTS, opts);
  if (accounts.length) await ensureDemoGovernance(db);
  return accounts;
}

/** Removes everything marked 【演示】: the demo accounts (disabled instead where they acted on cases) and the demo governance records. */
export async function removeDemoData(db: Db) {
  const accounts = await removeDemoAccounts(db);
  const r = await db.kysely.deleteFrom('governance_records').where('document', 'like', `${DEMO_MARK}%`).executeTakeFirst();
  return { ...accounts, governance: Number(r.numDeletedRows) };
}
