// 特殊困难老年人月探访率 (承市政字〔2022〕24号 二、（三） table row 6; 承市政办字〔2022〕47号 二、（一）6.) counted
// from the visit log instead of typed in: the 特殊困难老年人 on the register and those visited in the month, city
// wide, per county and township — this month so far and the last complete month. Aggregates only.
import type { Db } from '../../db/connection.js';
import type { ComputedIndicator } from '../shared/module.js';
import { REGISTER } from './register.js';
import { OPINION, PLAN } from './rules.js';
import { visitOverview, type RegisterRow } from './views.js';

export const isVisitRate = (i: { name: string }) => i.name.includes('特殊困难老年人月探访率');

const previousMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

export async function visitRateIndicator(db: Db, today: string): Promise<ComputedIndicator> {
  const rows = (await db.kysely.selectFrom('cases').selectAll().where('procedure', '=', REGISTER).orderBy('id').execute()).map((r) => ({
    id: r.id,
    state: r.state,
    county: r.county,
    township: r.township,
    village: r.village,
    application: JSON.parse(r.application_json),
    record: JSON.parse(r.data_json) as Record<string, any>,
  })) as RegisterRow[];
  const month = today.slice(0, 7);
  const now = visitOverview(rows, month, today);
  const before = visitOverview(rows, previousMonth(month), today);
  return {
    value: now.total.rate,
    unit: '%',
    period: `${month}（截至 ${today}）`,
    formula: '本月至少探访一次的特殊困难老年人数 ÷ 统计日在册的特殊困难老年人数 × 100%',
    computedAt: today,
    numerator: { label: '本月已探访', count: now.total.visited },
    denominator: { label: '在册特殊困难老年人', count: now.total.special },
    breakdown: [
      ...now.counties.map((c) => ({ label: c.county, value: c.rate, numerator: c.visited, denominator: c.special })),
      ...now.townships.map((t) => ({ label: `${t.county} ${t.township}`, value: t.rate, numerator: t.visited, denominator: t.special })),
    ],
    previous: { period: before.month, value: before.total.rate, numerator: before.total.visited, denominator: before.total.special },
    page: '/elderly',
    cites: [`${PLAN} 二、（三）`, `${OPINION} 二、（一）6.`],
  };
}
