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
