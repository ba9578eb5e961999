// HTTP routes of the working-day calendar.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/connection.js';
import type { CalendarService } from './service.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const calendarRoutes: FastifyPluginAsyncZod<{ db: Db; calendar: CalendarService; requireAdmin: (req: any) => Promise<void> }> = async (
  app,
  { calendar, requireAdmin },
) => {
  app.get(
    '/api/workdays/add',
    {
      schema: {
        tags: ['工作日'],
        summary: '某日之后第 N 个工作日（起算日不计入）',
        querystring: z.object({ date: isoDate, n: z.coerce.number().int().min(0, '工作日数不能为负').max(3650) }),
      },
    },
    async (req) => ({ date: req.query.date, n: req.query.n, result: calendar.calendar().addWorkdays(req.query.date, req.query.n) }),
  );
  app.get(
    '/api/workdays/between',
    { schema: { tags: ['工作日'], summary: '两日之间的工作日数', querystring: z.object({ from: isoDate, to: isoDate }) } },
    async (req) => ({ ...req.query, workdays: calendar.calendar().workdaysBetween(req.query.from, req.query.to) }),
  );
  app.get('/api/workdays/years', { schema: { tags: ['工作日'], summary: '已收录节假日安排的年份' } }, async () => ({ years: calendar.calendar().years() }));
  app.put(
    '/api/workdays/years/:year',
    {
      schema: {
        tags: ['工作日'],
        summary: '导入新公布年份的节假日安排（管理员）',
        security: [{ admin: [] }],
        params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
        body: z.object({
          holidays: z.record(z.string(), z.string()),
          workdays: z.record(z.string(), z.string()),
          inLieuDays: z.record(z.string(), z.string()).optional(),
        }),
      },
      onRequest: requireAdmin,
    },
    async (req) => {
      return calendar.loadYear(req.params.year, req.body, 'api');
    },
  );
};
