// What a township (and the county) sees of its village doctors: the villages left without a long-term
// doctor (空白村, 一、（四）), the doctors by age band and years to retirement (二、（一）), those retiring in
// the next 12 months, the suspended ones with the day their 2 years are full (一、（五）), and regular staff
// who must leave the post now that a qualified doctor serves the village (二、（三）). Pure functions of the
// register and the area tree, so they are tested without a server.
import { addMonths } from '../../calendar/dates.js';
import { maskPersonalData } from '../../engine/personal-data.js';
import { villagesOf } from '../../platform/areas.js';
import { birthOf, fullYears, sexOf } from './person.js';
import { BASES, longTermOn, postingOf, QUALIFICATIONS, twoYearsFrom, type Entry } from './roster.js';
import { retirementDate } from './rules.js';

export interface RosterRow {
  id: string;
  state: string;
  county: string;
  township: string;
  village: string;
  application: Entry;
  record: Record<string, any>;
}

/** In the register: in post, suspended or waiting to be cancelled (the others have left it). */
export const ON_REGISTER = ['active', 'suspended', 'to_cancel'];
export const STATE_LABELS: Record<string, string> = {
  active: '在岗',
  suspended: '中止执业',
  to_cancel: '待注销',
  cancelled: '已注销',
  retired: '已退休',
  resigned: '已辞职',
  transferred: '已转岗',
  deceased: '已死亡',
  handed_over: '正式职工已退出',
};
export const AGE_BANDS = [
  { label: '35 岁以下', max: 35 },
  { label: '36–45 岁', max: 45 },
  { label: '46–54 岁', max: 54 },
  { label: '55–59 岁', max: 59 },
  { label: '60 岁及以上', max: Infinity },
];

const openSuspension = (r: RosterRow) => ((r.record.suspensions as { from: string; to: string | null }[] | undefined) ?? []).find((s) => s.to === null);

/** One doctor as a view shows him: his age and retirement derived here, his 身份证号 masked. */
export function doctorLine(r: RosterRow, asOf: string) {
  const d = r.application.doctor;
  const retire = retirementDate(d);
  const s = openSuspension(r);
  return {
    id: r.id,
    name: d.name,
    idNumber: maskPersonalData({ idNumber: d.idNumber }).idNumber,
    sex: sexOf(d) === 'male' ? '男' : '女',
    age: fullYears(birthOf(d), asOf),
    retirementDate: retire,
    yearsToRetirement: Math.max(0, fullYears(asOf, retire)),
    state: r.state,
    stateLabel: STATE_LABELS[r.state] ?? r.state,
    village: r.village,
    township: r.township,
    regularStaff: Boolean(r.application.regularStaff),
    qualification: QUALIFICATIONS[r.application.qualification.certificate],
    certificateNo: r.application.qualification.certificateNo,
    basis: BASES[r.application.basis],
    registeredOn: r.application.qualification.registeredOn,
    suspendedSince: s?.from ?? null,
    twoYearsOn: s ? twoYearsFrom(s.from) : null,
  };
}

/** The overview of one township on `asOf`: every village of it from the area tree, whether or not a doctor serves it. */
export function townshipOverview(rows: RosterRow[], place: { county: string; township: string }, asOf: string) {
  const mine = rows.filter((r) => r.county === place.county && r.township === place.township && ON_REGISTER.includes(r.state));
  const villages = (villagesOf(place.county, place.township) ?? []).map((v) => {
    const here = mine.filter((r) => postingOf(r).village === v.name);
    return {
      code: v.code,
      name: v.name,
      doctors: here.map((r) => doctorLine(r, asOf)),
      longTerm: here.filter((r) => longTermOn(r, asOf)).length,
    };
  });
  // A doctor posted to a place the tree does not know (entered before the tree was loaded) is still listed.
  const known = new Set(villages.map((v) => v.name));
  const elsewhere = mine.filter((r) => !known.has(postingOf(r).village)).map((r) => doctorLine(r, asOf));
  const lines = mine.map((r) => doctorLine(r, asOf));
  const inYear = addMonths(asOf, 12);
  return {
    county: place.county,
    township: place.township,
    asOf,
    villages,
    blankVillages: villages.filter((v) => v.longTerm === 0).map((v) => ({ code: v.code, name: v.name, doctors: v.doctors.length })),
    elsewhere,
    ageBands: AGE_BANDS.map((b, i) => ({
      label: b.label,
      count: lines.filter((l) => l.age <= b.max && (i === 0 || l.age > AGE_BANDS[i - 1].max)).length,
    })),
    retiringWithinYear: lines
      .filter((l) => l.state !== 'to_cancel' && l.retirementDate <= inYear)
      .sort((a, b) => (a.retirementDate < b.retirementDate ? -1 : 1)),
    suspended: lines.filter((l) => l.suspendedSince).sort((a, b) => (a.twoYearsOn! < b.twoYearsOn! ? -1 : 1)),
    // 二、（三）: a regular staff member in a village a qualified long-term doctor now serves.
    regularStaffToLeave: villages.flatMap((v) => (v.longTerm > 0 ? v.doctors.filter((d) => d.regularStaff && d.state === 'active') : [])),
    total: lines.length,
  };
}

/** The register as rows of an export (personal data masked). */
export function registerLines(rows: RosterRow[], asOf: string) {
  return rows.map((r) => doctorLine(r, asOf)).sort((a, b) => (a.township + a.village + a.name < b.township + b.village + b.name ? -1 : 1));
}
