// What the register gives the offices: the 高龄津贴 roster of a month (who turns 80, who is entitled from which
// day, who left and on which day, and the amount when the county has entered its standard), and the visits
// of a month per village, township and county with the 月探访率 and the people not yet visited. Pure functions
// of the register, the standards and the area tree, so they are tested without a server; personal data is
// masked in every line they return.
import { addDays } from '../../calendar/dates.js';
import { maskPersonalData } from '../../engine/personal-data.js';
import { PARTIAL_MONTH, type Rate } from './rate.js';
import { assessmentOn, currentOf, factsOf, LEAVINGS, type Entry, type Visit } from './register.js';
import { servicesFor } from './services.js';
import { ageOn, CATEGORIES, HOUSEHOLDS, specialReasons, STANDARDS, turns80On } from './rules.js';

export interface RegisterRow {
  id: string;
  state: string;
  county: string;
  township: string;
  village: string;
  application: Entry;
  record: Record<string, any>;
}
export interface RateRow {
  id: string;
  state: string;
  application: Rate;
}

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const firstOf = (month: string) => `${month}-01`;
export const lastOf = (month: string) => addDays(firstOf(nextMonth(month)), -1);
export const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
const yuan = (cents: number) => cents / 100;

const leavingOf = (r: RegisterRow) => r.record.leaving as { kind: keyof typeof LEAVINGS; on: string; note: string } | undefined;
const mask = (id: string) => maskPersonalData({ idNumber: id }).idNumber;

/** The standard of a county in force on a day: the latest effective on or before it (withdrawn ones do not count). */
export function rateOn(rates: RateRow[], county: string, day: string): RateRow | null {
  const live = rates.filter((r) => r.state === 'in_force' && r.application.county === county && r.application.effectiveFrom <= day);
  live.sort((a, b) =>
    a.application.effectiveFrom < b.application.effectiveFrom ? -1 : a.application.effectiveFrom > b.application.effectiveFrom ? 1 : a.id < b.id ? -1 : 1,
  );
  return live.at(-1) ?? null;
}

export type RosterStatus = 'turns80' | 'continuing' | 'left';
export const ROSTER_STATUS: Record<RosterStatus, string> = { turns80: '本月满 80 周岁（新增）', continuing: '继续享受', left: '本月死亡或迁出（停发）' };

/**
 * The 高龄津贴 roster of a county for a month (47号 二、（二）1.（6））: everyone on the register entered by the
 * month's end who is 80 or over on some day of it and had not left before it. Entitled from the 80th birthday,
 * until the day of death or moving away (that day included). The amount follows the county's standard in force
 * on the month's first day and its rule for a month only partly covered; without a standard: 金额未设定.
 */
export function allowanceRoster(rows: RegisterRow[], rates: RateRow[], county: string, month: string) {
  const first = firstOf(month);
  const last = lastOf(month);
  const dim = daysBetween(first, last);
  const rate = rateOn(rates, county, first);
  const changing = rates.find(
    (r) => r.state === 'in_force' && r.application.county === county && r.application.effectiveFrom > first && r.application.effectiveFrom <= last,
  );
  const mine = rows.filter((r) => r.county === county && r.application.enteredOn <= last);
  // Someone who moved within the county is on two entries: the new one counts from the day after the move out.
  const movedOut = new Map<string, string>();
  for (const r of mine) {
    const l = leavingOf(r);
    if (l?.kind === 'moved') {
      const id = r.application.person.idNumber;
      if (!movedOut.has(id) || movedOut.get(id)! < l.on) movedOut.set(id, l.on);
    }
  }
  const lines = mine
    .flatMap((r) => {
      const p = r.application.person;
      const from = turns80On(p);
      const leaving = leavingOf(r);
      const stopOn = leaving?.on ?? null;
      const out = leaving ? undefined : movedOut.get(p.idNumber);
      const resumes = out && out <= r.application.enteredOn ? addDays(out, 1) : null;
      let start = from > first ? from : first;
      if (resumes && resumes > start) start = resumes;
      const end = stopOn && stopOn < last ? stopOn : last;
      if (start > end) return [];
      const days = daysBetween(start, end);
      const status: RosterStatus = stopOn && stopOn <= last ? 'left' : from >= first ? 'turns80' : 'continuing';
      let cents: number | null = null;
      let note = '';
      if (!rate) note = '金额未设定：县民政局尚未录入本县高龄津贴标准及其依据文件';
      else if (changing) note = `本月 ${changing.application.effectiveFrom} 起执行新标准（${changing.application.document}），本月金额请按文件核定`;
      else {
        const monthly = Math.round(rate.application.monthlyAmount * 100);
        if (days === dim) cents = monthly;
        else if (rate.application.partialMonth === 'whole_month') cents = monthly;
        else if (rate.application.partialMonth === 'not_paid') cents = 0;
        else cents = Math.round((monthly * days) / dim);
        if (days < dim) note = `不满整月（${days} 天）：${PARTIAL_MONTH[rate.application.partialMonth]}`;
      }
      if (resumes && resumes > first) note = [note, `${out} 自本县其他村（社区）迁入，自 ${resumes} 起在本村（社区）享受`].filter(Boolean).join('；');
      else if (r.application.enteredOn >= first && from < first)
        note = [note, `本月新登记（${r.application.enteredOn}），此前月份是否补发按文件核定`].filter(Boolean).join('；');
      return [
        {
          id: r.id,
          name: p.name,
          idNumber: mask(p.idNumber),
          township: r.township,
          village: r.village,
          age: ageOn(p, end),
          entitledFrom: from,
          stopOn,
          stopReason: leaving ? LEAVINGS[leaving.kind] : null,
          status,
          statusLabel: ROSTER_STATUS[status],
          days,
          amount: cents === null ? null : yuan(cents),
          note,
        },
      ];
    })
    .sort((a, b) => (a.township + a.village + a.entitledFrom + a.name < b.township + b.village + b.entitledFrom + b.name ? -1 : 1));
  const amounts = lines.map((l) => l.amount);
  return {
    county,
    month,
    from: first,
    to: last,
    standard: rate
      ? {
          id: rate.id,
          monthlyAmount: rate.application.monthlyAmount,
          partialMonth: rate.application.partialMonth,
          partialMonthLabel: PARTIAL_MONTH[rate.application.partialMonth],
          document: rate.application.document,
          effectiveFrom: rate.application.effectiveFrom,
        }
      : null,
    amountStatus: rate ? (changing ? '本月标准调整，金额待核定' : '按标准计算') : '金额未设定',
    lines,
    totals: {
      people: lines.length,
      turns80: lines.filter((l) => l.status === 'turns80').length,
      left: lines.filter((l) => l.status === 'left').length,
      amount: amounts.some((a) => a === null) ? null : yuan(amounts.reduce<number>((s, a) => s + Math.round(a! * 100), 0)),
    },
  };
}

export type Roster = ReturnType<typeof allowanceRoster>;

/** One person as the offices see them on a day: age from the 身份证号, current household and categories, visits. */
export function personLine(r: RegisterRow, asOf: string, month: string) {
  const now = currentOf(r);
  const visits = (r.record.visits as Visit[] | undefined) ?? [];
  const inMonth = visits.filter((v) => v.on.startsWith(month));
  const facts = factsOf(r, asOf);
  const reasons = specialReasons(facts, asOf);
  return {
    id: r.id,
    state: r.state,
    name: r.application.person.name,
    idNumber: mask(r.application.person.idNumber),
    age: ageOn(r.application.person, asOf),
    turns80On: turns80On(r.application.person),
    county: r.county,
    township: r.township,
    village: r.village,
    household: HOUSEHOLDS[now.household],
    categories: now.categories.map((c) => ({ label: CATEGORIES[c.category], source: c.source, since: c.since ?? null })),
    special: reasons.length > 0,
    reasons,
    services: servicesFor(facts),
    assessment: assessmentOn(r.record, asOf),
    visitsThisMonth: inMonth.length,
    lastVisit: visits.at(-1) ? { on: visits.at(-1)!.on, method: visits.at(-1)!.method, risk: visits.at(-1)!.risk } : null,
    leaving: leavingOf(r) ?? null,
  };
}

/** On the register on a day: entered by then and not left before it. */
const onRegister = (r: RegisterRow, day: string) => r.application.enteredOn <= day && !(leavingOf(r) && leavingOf(r)!.on < day);

interface Tally {
  special: number;
  visited: number;
  rate: number | null;
}
const tally = (special: number, visited: number): Tally => ({ special, visited, rate: special === 0 ? null : Math.round((visited / special) * 1000) / 10 });

/**
 * The visits of a month (24号 三、（一）3.; 47号 二、（二）1.（5））: the 特殊困难老年人 on the register on the
 * reference day (the month's last day, or today in the current month) and whether each was visited in the
 * month; the 月探访率 = visited / special × 100 per village, township and county (target 100 %, 47号
 * 二、（一）6.). Those not visited are overdue for the month.
 */
export function visitOverview(rows: RegisterRow[], month: string, today: string) {
  const last = lastOf(month);
  const asOf = today < last ? today : last;
  const people = rows.filter((r) => onRegister(r, asOf)).map((r) => personLine(r, asOf, month));
  const special = people.filter((p) => p.special);
  const group = <K extends string>(key: (p: (typeof people)[number]) => K) => {
    const m = new Map<K, typeof special>();
    for (const p of special) m.set(key(p), [...(m.get(key(p)) ?? []), p]);
    return m;
  };
  const villages = [...group((p) => `${p.county}\u0000${p.township}\u0000${p.village}`).entries()]
    .map(([k, ps]) => {
      const [county, township, village] = k.split('\u0000');
      return {
        county,
        township,
        village,
        ...tally(ps.length, ps.filter((p) => p.visitsThisMonth > 0).length),
        overdue: ps.filter((p) => p.visitsThisMonth === 0),
      };
    })
    .sort((a, b) => (a.rate ?? 101) - (b.rate ?? 101) || (a.township + a.village < b.township + b.village ? -1 : 1));
  const townships = [...group((p) => `${p.county}\u0000${p.township}`).entries()]
    .map(([k, ps]) => {
      const [county, township] = k.split('\u0000');
      return { county, township, ...tally(ps.length, ps.filter((p) => p.visitsThisMonth > 0).length) };
    })
    .sort((a, b) => (a.county + a.township < b.county + b.township ? -1 : 1));
  const counties = [...group((p) => p.county).entries()]
    .map(([county, ps]) => ({ county, ...tally(ps.length, ps.filter((p) => p.visitsThisMonth > 0).length) }))
    .sort((a, b) => (a.county < b.county ? -1 : 1));
  return {
    month,
    asOf,
    target: STANDARDS.visitRateTarget,
    total: { people: people.length, ...tally(special.length, special.filter((p) => p.visitsThisMonth > 0).length) },
    counties,
    townships,
    villages,
    overdue: villages.flatMap((v) => v.overdue),
    people,
  };
}
