// `zhengwu elderly allowance-roster --month YYYY-MM [--county 县] [--json]`: the 高龄津贴 roster of a month,
// read from the database named by DATABASE_URL (every county on the register unless one is named).
import { todayIso } from '../../calendar/dates.js';
import { openDb } from '../../db/connection.js';
import { InputError } from '../../engine/assess.js';
import { countyOf } from '../../platform/areas.js';
import type { ModuleCommand } from '../shared/module.js';
import { RATE } from './rate.js';
import { REGISTER } from './register.js';
import { allowanceRoster, MONTH, type RateRow, type RegisterRow, type Roster } from './views.js';

const bad = (field: string, message: string) => new InputError([{ field, message }]);

export const rosterCommand: ModuleCommand = {
  usage: 'zhengwu elderly allowance-roster --month YYYY-MM [--county 县] [--json]  高龄津贴名册（本月满 80 周岁、继续享受、停发；金额未设定时注明）',
  run: async (_args, flags) => {
    const month = flags.month ?? todayIso().slice(0, 7);
    if (!MONTH.test(month)) throw bad('month', `月份“${month}”格式应为 YYYY-MM`);
    if (flags.county && !countyOf(flags.county)) throw bad('county', `区划中没有“${flags.county}”`);
    const db = await openDb();
    let rosters: Roster[];
    try {
      const read = async (procedure: string) =>
        (await db.kysely.selectFrom('cases').selectAll().where('procedure', '=', procedure).orderBy('id').execute()).map((r) => ({
          id: r.id,
          state: r.state,
          county: r.county,
          township: r.township,
          village: r.village,
          application: JSON.parse(r.application_json),
          record: JSON.parse(r.data_json) as Record<string, any>,
        }));
      const rows = (await read(REGISTER)) as RegisterRow[];
      const rates = (await read(RATE)) as RateRow[];
      const counties = flags.county ? [flags.county] : [...new Set(rows.map((r) => r.county))].sort();
      rosters = counties.map((c) => allowanceRoster(rows, rates, c, month));
    } finally {
      await db.close();
    }
    if (flags.json) {
      process.stdout.write(JSON.stringify({ month, counties: rosters }, null, 2) + '\n');
      return 0;
    }
    const out: string[] = [`高龄津贴名册 ${month}`];
    if (rosters.length === 0) out.push('名册中没有老年人。');
    for (const r of rosters) {
      out.push(
        `${r.county}：${r.totals.people} 人（本月满 80 周岁 ${r.totals.turns80} 人，停发 ${r.totals.left} 人），` +
          (r.standard
            ? `标准 ${r.standard.monthlyAmount} 元/人·月（${r.standard.document}，${r.standard.effectiveFrom} 起），合计 ${r.totals.amount === null ? '待核定' : `${r.totals.amount.toFixed(2)} 元`}`
            : '金额未设定'),
      );
      for (const l of r.lines)
        out.push(
          `  ${l.name} ${l.idNumber} ${l.township}${l.village} 自 ${l.entitledFrom} 起${l.stopOn ? `，${l.stopOn} ${l.stopReason}停发` : ''} ${l.statusLabel} ${l.amount === null ? '金额未设定' : `${l.amount.toFixed(2)} 元`}`,
        );
    }
    process.stdout.write(out.join('\n') + '\n');
    return 0;
  },
};
