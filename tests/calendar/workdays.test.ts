// Working days on the official calendar (chinese-days), table-driven.
import { describe, expect, it } from 'vitest';
import { CalendarError, WorkdayCalendar, scheduleYear } from '../../src/calendar/workdays.js';

const cal = new WorkdayCalendar();

describe('addWorkdays', () => {
  it.each([
    // National Day 2026: 10-01..10-07 off, 09-20 and 10-10 are make-up working days
    ['2026-09-28', 5, '2026-10-10'],
    ['2026-09-28', 1, '2026-09-29'],
    ['2026-09-30', 1, '2026-10-08'],
    // Spring Festival 2026: 02-15..02-23 off, 02-14 and 02-28 are make-up working days
    ['2026-02-12', 2, '2026-02-14'],
    ['2026-02-13', 5, '2026-02-27'],
    ['2026-02-13', 6, '2026-02-28'],
    // ordinary weeks: the start day is not counted, weekends skipped
    ['2026-11-27', 1, '2026-11-30'],
    ['2026-11-30', 5, '2026-12-07'],
    ['2026-11-30', 0, '2026-11-30'],
    // the 宅基地 rule's own period: 2022 National Day
    ['2022-09-29', 5, '2022-10-11'],
  ])('%s + %i working days = %s', (from, n, expected) => {
    expect(cal.addWorkdays(from, n)).toBe(expected);
  });

  it('counts working days between two dates', () => {
    expect(cal.workdaysBetween('2026-09-28', '2026-10-10')).toBe(5);
    expect(cal.workdaysBetween('2026-10-10', '2026-09-28')).toBe(-5);
  });

  it('refuses dates beyond the years it knows, with a clear message', () => {
    expect(() => cal.addWorkdays('2026-12-25', 10)).toThrowError(/2027 年的节假日安排尚未收录/);
    expect(() => cal.isWorkday('2031-01-02')).toThrowError(CalendarError);
    expect(() => cal.isWorkday('1999-01-04')).toThrowError(/尚未收录/);
  });

  it('refuses malformed dates and counts', () => {
    expect(() => cal.addWorkdays('2026-02-30', 1)).toThrowError(/不存在/);
    expect(() => cal.addWorkdays('2026/09/28', 1)).toThrowError(/格式不正确/);
    expect(() => cal.addWorkdays('2026-09-28', -1)).toThrowError(/无效/);
    expect(() => cal.addWorkdays('2026-09-28', 1.5)).toThrowError(/无效/);
  });
});

describe('loading a newly published year', () => {
  const schedule2027 = {
    holidays: { '2027-01-01': "New Year's Day,元旦,1", '2027-02-05': 'Spring Festival,春节,4', '2027-02-08': 'Spring Festival,春节,4' },
    workdays: { '2027-01-09': 'Spring Festival,春节,4' },
  };
  it('computes across the year boundary once the year is loaded', () => {
    const c = new WorkdayCalendar();
    c.loadYear(2027, schedule2027);
    expect(c.covers(2027)).toBe(true);
    // 12-31 (Thu) → 01-01 holiday, 01-02/03 weekend, 01-04 Mon
    expect(c.addWorkdays('2026-12-31', 1)).toBe('2027-01-04');
    expect(c.isWorkday('2027-01-09')).toBe(true); // a Saturday made a working day
    expect(c.isWorkday('2027-02-08')).toBe(false); // a Monday holiday
    expect(scheduleYear(schedule2027)).toBe(2027);
  });
  it('refuses a schedule with dates of another year or a bad shape', () => {
    const c = new WorkdayCalendar();
    expect(() => c.loadYear(2027, { holidays: { '2028-01-01': 'x' }, workdays: {} })).toThrowError(/不属于 2027 年/);
    expect(() => c.loadYear(2027, { holidays: [] })).toThrowError(/格式不正确/);
    expect(() => c.loadYear(2027, { holidays: {}, workdays: {} })).toThrowError(/为空/);
    expect(c.covers(2027)).toBe(false);
  });
});

// The calendar counts with per-year running totals; a plain walk day by day over isWorkday is the reference.
describe('constant-time counting agrees with walking the calendar day by day', () => {
  const walkAdd = (from: string, n: number) => {
    const d = new Date(`${from}T00:00:00Z`);
    for (let left = n; left > 0;) {
      d.setUTCDate(d.getUTCDate() + 1);
      if (cal.isWorkday(d.toISOString().slice(0, 10))) left--;
    }
    return d.toISOString().slice(0, 10);
  };
  const years = cal.years();
  const first = years[0];
  const last = years[years.length - 1];
  // A fixed pseudo-random sample over every covered year, plus the year boundaries.
  let seed = 7;
  const rnd = (k: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % k;
  const day = () => new Date(Date.UTC(first + rnd(last - first + 1), 0, 1 + rnd(365))).toISOString().slice(0, 10);
  const starts = [`${first}-01-01`, `${last}-01-01`, `${last - 1}-12-31`, `${first}-12-31`, ...Array.from({ length: 30 }, day)].filter(
    (d) => Number(d.slice(0, 4)) <= last,
  );

  it.each(starts)('from %s', (from) => {
    for (const n of [0, 1, 2, 5, 20, 60, 250]) {
      let expected: string | null;
      try {
        expected = walkAdd(from, n);
      } catch {
        expected = null; // runs past the last covered year: both must refuse
      }
      if (expected === null) expect(() => cal.addWorkdays(from, n)).toThrowError(/尚未收录/);
      else {
        expect(cal.addWorkdays(from, n)).toBe(expected);
        expect(cal.workdaysBetween(from, expected)).toBe(n);
      }
    }
    const other = day();
    const [lo, hi] = from < other ? [from, other] : [other, from];
    let count = 0;
    for (const d = new Date(`${lo}T00:00:00Z`); d.toISOString().slice(0, 10) < hi;) {
      d.setUTCDate(d.getUTCDate() + 1);
      if (cal.isWorkday(d.toISOString().slice(0, 10))) count++;
    }
    expect(cal.workdaysBetween(lo, hi)).toBe(count);
    expect(cal.workdaysBetween(hi, lo)).toBe(-count);
  });

  it('a schedule loaded for a new year is counted, and replaces what was counted before', () => {
    const c = new WorkdayCalendar();
    const next = last + 1;
    c.loadYear(next, { holidays: { [`${next}-01-01`]: '元旦' }, workdays: { [`${next}-01-03`]: '调休' } });
    expect(c.workdaysBetween(`${last}-12-31`, `${next}-01-31`)).toBe(walkCount(c, `${last}-12-31`, `${next}-01-31`));
    c.loadYear(next, { holidays: { [`${next}-01-05`]: '假' }, workdays: { [`${next}-01-03`]: '调休' } });
    expect(c.workdaysBetween(`${last}-12-31`, `${next}-01-31`)).toBe(walkCount(c, `${last}-12-31`, `${next}-01-31`));
    expect(c.isWorkday(`${next}-01-05`)).toBe(false);
  });
});

function walkCount(c: WorkdayCalendar, lo: string, hi: string): number {
  let count = 0;
  for (const d = new Date(`${lo}T00:00:00Z`); d.toISOString().slice(0, 10) < hi;) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (c.isWorkday(d.toISOString().slice(0, 10))) count++;
  }
  return count;
}
