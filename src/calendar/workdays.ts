// Working days (工作日) on the State Council's holiday calendar, from the
// `chinese-days` package. A deadline of N working days after day D counts
// D+1 as the first candidate (the start day is not counted). Years the
// package does not know are refused, never guessed; an administrator can load
// a newly published year's schedule (see loadYearSchedule).
import { DomainError } from '../platform/errors.js';
import { createRequire } from 'node:module';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import chineseDays from 'chinese-days';
import { z } from 'zod';

const require = createRequire(import.meta.url);

/** A year's schedule in the package's own format: dates of holidays and of make-up working days. */
export const YearScheduleSchema = z.object({
  holidays: z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'), z.string()),
  workdays: z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'), z.string()),
  inLieuDays: z.record(z.string(), z.string()).optional(),
});
export type YearSchedule = z.infer<typeof YearScheduleSchema>;

export class CalendarError extends DomainError {
  constructor(
    message: string,
    readonly code: 'out_of_range' | 'invalid_date' | 'invalid_schedule',
  ) {
    super(message, code === 'out_of_range' ? 422 : 400, code);
  }
}

function packageYears(): Set<number> {
  const dir = join(dirname(require.resolve('chinese-days/package.json')), 'dist', 'years');
  return new Set(
    readdirSync(dir)
      .filter((f) => /^\d{4}\.json$/.test(f))
      .map((f) => Number(f.slice(0, 4))),
  );
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(text: string): string {
  const m = ISO.exec(text.trim());
  if (!m) throw new CalendarError(`日期“${text}”格式不正确，应为 YYYY-MM-DD，例如 2026-09-28。`, 'invalid_date');
  const d = new Date(`${m[0]}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== m[0]) throw new CalendarError(`日期“${text}”不存在。`, 'invalid_date');
  return m[0];
}

const DAY_MS = 86_400_000;

/** 0 for 1 January. */
function dayOfYear(iso: string): number {
  const y = Number(iso.slice(0, 4));
  return (Date.UTC(y, Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) - Date.UTC(y, 0, 1)) / DAY_MS;
}

function isoOf(year: number, day: number): string {
  return new Date(Date.UTC(year, 0, 1 + day)).toISOString().slice(0, 10);
}

export class WorkdayCalendar {
  private readonly builtIn = packageYears();
  private readonly loaded = new Map<number, YearSchedule>();

  constructor(extra: Iterable<[number, YearSchedule]> = []) {
    for (const [y, s] of extra) this.loaded.set(y, s);
  }

  /** Years with an official schedule, built-in or loaded. */
  years(): number[] {
    return [...new Set([...this.builtIn, ...this.loaded.keys()])].sort((a, b) => a - b);
  }

  covers(year: number): boolean {
    return this.builtIn.has(year) || this.loaded.has(year);
  }

  private requireYear(iso: string) {
    const year = Number(iso.slice(0, 4));
    if (!this.covers(year)) {
      const ys = this.years();
      throw new CalendarError(
        `${year} 年的节假日安排尚未收录（已收录 ${ys[0]}–${ys[ys.length - 1]} 年），无法计算工作日。请管理员在国务院办公厅公布该年安排后导入（zhengwu workdays load-year 文件）。`,
        'out_of_range',
      );
    }
  }

  isWorkday(date: string): boolean {
    const iso = parseIsoDate(date);
    this.requireYear(iso);
    return this.workdayUnchecked(iso);
  }

  /** For dates already validated and within covered years (the loops below). */
  private workdayUnchecked(iso: string): boolean {
    const year = Number(iso.slice(0, 4));
    const loaded = this.loaded.get(year);
    if (loaded && !this.builtIn.has(year)) {
      if (iso in loaded.workdays) return true;
      if (iso in loaded.holidays) return false;
      const dow = new Date(`${iso}T00:00:00Z`).getUTCDay();
      return dow !== 0 && dow !== 6;
    }
    return chineseDays.isWorkday(iso);
  }

  // Per year, cumulative[i] = working days among the year's first i days. Built once per year from the
  // package (365 lookups), so counting and adding are a subtraction and a binary search, not a walk.
  private readonly cumulative = new Map<number, Int32Array>();

  private yearIndex(year: number): Int32Array {
    let cum = this.cumulative.get(year);
    if (!cum) {
      const days = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY_MS;
      cum = new Int32Array(days + 1);
      for (let i = 0; i < days; i++) cum[i + 1] = cum[i] + (this.workdayUnchecked(isoOf(year, i)) ? 1 : 0);
      this.cumulative.set(year, cum);
    }
    return cum;
  }

  /** Working days from 1 January of the date's year up to and including the date. */
  private throughDay(iso: string): number {
    const year = Number(iso.slice(0, 4));
    return this.yearIndex(year)[dayOfYear(iso) + 1];
  }

  /** The date `n` working days after `date` (the start day is not counted). n = 0 returns the date itself. */
  addWorkdays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 0 || n > 3650) throw new CalendarError(`工作日数“${n}”无效，应为 0 到 3650 之间的整数。`, 'invalid_date');
    const d = parseIsoDate(date);
    this.requireYear(d);
    if (n === 0) return d;
    let year = Number(d.slice(0, 4));
    let target = this.throughDay(d) + n;
    let cum = this.yearIndex(year);
    while (target > cum[cum.length - 1]) {
      target -= cum[cum.length - 1];
      year++;
      this.requireYear(`${year}-01-01`);
      cum = this.yearIndex(year);
    }
    // The first day whose running count reaches the target is that working day.
    let lo = 0;
    let hi = cum.length - 2;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid + 1] >= target) hi = mid;
      else lo = mid + 1;
    }
    return isoOf(year, lo);
  }

  /** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier. */
  workdaysBetween(from: string, to: string): number {
    const a = parseIsoDate(from);
    const b = parseIsoDate(to);
    if (a === b) return 0;
    const [lo, hi, sign] = a < b ? [a, b, 1] : [b, a, -1];
    this.requireYear(lo);
    let count = -this.throughDay(lo);
    for (let y = Number(lo.slice(0, 4)); y < Number(hi.slice(0, 4)); y++) {
      const cum = this.yearIndex(y);
      count += cum[cum.length - 1];
      this.requireYear(`${y + 1}-01-01`);
    }
    return sign * (count + this.throughDay(hi));
  }

  /** Adds a schedule for a year the package does not cover. Returns the year. */
  loadYear(year: number, schedule: unknown): number {
    const parsed = YearScheduleSchema.safeParse(schedule);
    if (!parsed.success)
      throw new CalendarError(`节假日安排文件格式不正确：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`, 'invalid_schedule');
    const dates = [...Object.keys(parsed.data.holidays), ...Object.keys(parsed.data.workdays)];
    const wrong = dates.find((d) => !d.startsWith(`${year}-`));
    if (wrong) throw new CalendarError(`节假日安排中的日期 ${wrong} 不属于 ${year} 年。`, 'invalid_schedule');
    for (const d of dates) parseIsoDate(d);
    if (dates.length === 0) throw new CalendarError(`节假日安排为空：${year} 年没有任何假日或调休日。`, 'invalid_schedule');
    this.loaded.set(year, parsed.data);
    this.cumulative.delete(year);
    return year;
  }
}

/** Infers the year of a schedule file from its dates. */
export function scheduleYear(schedule: unknown): number {
  const parsed = YearScheduleSchema.safeParse(schedule);
  if (!parsed.success) throw new CalendarError(`节假日安排文件格式不正确：应包含 holidays 与 workdays 两个对象（日期 → 名称）。`, 'invalid_schedule');
  const years = new Set([...Object.keys(parsed.data.holidays), ...Object.keys(parsed.data.workdays)].map((d) => Number(d.slice(0, 4))));
  if (years.size !== 1) throw new CalendarError('节假日安排文件应只包含同一年的日期。', 'invalid_schedule');
  return [...years][0];
}
