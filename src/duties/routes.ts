// Recurring duties over HTTP: the catalogue (public), an office's occurrences, and filing one.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../auth/service.js';
import type { CalendarService } from '../calendar/service.js';
import type { Db } from '../db/connection.js';
import { dutyCatalogue, ensureDuties, fileDuty, listDuties } from './service.js';

export const dutyRoutes: FastifyPluginAsyncZod<{
  db: Db;
  calendar: CalendarService;
  actorOf: (req: FastifyRequest) => Promise<Actor>;
  today: () => string;
}> = async (app, { db, calendar, actorOf, today }) => {
  app.get('/api/duties/catalogue', { schema: { tags: ['定期事项'], summary: '公报规定的定期事项：依据条款、周期、责任单位' } }, async () => ({
    items: dutyCatalogue(),
  }));
  app.get(
    '/api/duties',
    {
      schema: { tags: ['定期事项'], summary: '本单位的定期事项（到期日、是否逾期）', querystring: z.object({ status: z.enum(['open', 'filed']).optional() }) },
    },
    async (req) => {
      const actor = await actorOf(req);
      await ensureDuties(db, calendar.calendar(), today());
      return { items: await listDuties(db, actor, today(), req.query) };
    },
  );
  app.post(
    '/api/duties/:id/file',
    {
      schema: {
        tags: ['定期事项'],
        summary: '报送定期事项',
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: z.object({ note: z.unknown(), filedOn: z.unknown().optional() }),
      },
    },
    async (req) => fileDuty(db, await actorOf(req), req.params.id, req.body, today()),
  );
};
