// Calendar-day arithmetic on ISO dates (working days are in workdays.ts).
import { z } from 'zod';

/** Today's date in China (UTC+8), as YYYY-MM-DD. */
export function todayIso(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The same day N years later; 29 February lands on 1 March. */
export function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The same day N months later (negative for earlier), clamped to the month's last day: 05-31 − 3 months = 02-28/29. */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, last))).toISOString().slice(0, 10);
}

/** Whether a text is a real calendar day written YYYY-MM-DD (no 2026-02-30, no 2026-00-00). */
export function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/**
 * The one date type of the platform: a real day, YYYY-MM-DD, between 1900 and 2100. Every schema that
 * takes a date uses it, so an impossible date is refused with the same clear message everywhere.
 */
export const isoDate = (label = '日期') =>
  z
    .string({ error: `请填写${label}（YYYY-MM-DD）` })
    .trim()
    .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s), `${label}格式应为 YYYY-MM-DD`)
    .superRefine((s, ctx) => {
      if (/^\d{4}-\d{2}-\d{2}$/.test(s) && !isRealDate(s)) ctx.addIssue({ code: 'custom', message: `${label}“${s}”不存在，请检查年月日` });
    })
    .refine((s) => !isRealDate(s) || (s >= '1900-01-01' && s <= '2100-12-31'), `${label}应在 1900 年至 2100 年之间`)
    // For forms drawn from the schema: the label and a date picker.
    .meta({ title: label, format: 'date' });
