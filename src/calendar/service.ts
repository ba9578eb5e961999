// The calendar with the schedules administrators have loaded from the database.
import type { Db } from '../db/connection.js';
import { CalendarError, WorkdayCalendar, type YearSchedule } from './workdays.js';

export interface CalendarService {
  calendar(): WorkdayCalendar;
  loadYear(year: number, schedule: unknown, source: string): Promise<{ year: number; replaced: boolean }>;
}

export async function openCalendar(db: Db): Promise<CalendarService> {
  const rows = await db.kysely.selectFrom('calendar_years').selectAll().execute();
  let cal = new WorkdayCalendar(rows.map((r) => [Number(r.year), JSON.parse(r.data_json) as YearSchedule]));
  return {
    calendar: () => cal,
    async loadYear(year, schedule, source) {
      const probe = new WorkdayCalendar();
      if (probe.covers(year) && !rows.some((r) => Number(r.year) === year)) {
        throw new CalendarError(`${year} 年的安排已由 chinese-days 提供，无需导入；如需更新请升级该软件包。`, 'invalid_schedule');
      }
      // Validate on a copy first: a bad file changes nothing.
      const next = new WorkdayCalendar([...rows.map((r) => [Number(r.year), JSON.parse(r.data_json)] as [number, YearSchedule])]);
      next.loadYear(year, schedule);
      const existing = await db.kysely.selectFrom('calendar_years').select('year').where('year', '=', year).executeTakeFirst();
      const row = { year, data_json: JSON.stringify(schedule), source, loaded_at: new Date().toISOString() };
      if (existing) await db.kysely.updateTable('calendar_years').set(row).where('year', '=', year).execute();
      else await db.kysely.insertInto('calendar_years').values(row).execute();
      const idx = rows.findIndex((r) => Number(r.year) === year);
      if (idx >= 0) rows.splice(idx, 1);
      rows.push(row);
      cal = next;
      return { year, replaced: Boolean(existing) };
    },
  };
}
