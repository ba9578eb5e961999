// 督办 over HTTP: the items an office supervises (and those on cases it can read), and its steps.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../auth/service.js';
import type { Db } from '../db/connection.js';
import type { ProcedureDefinition } from '../engine/procedure.js';
import { handleSupervision, listSupervision, supervisionSummary } from './service.js';

export const supervisionRoutes: FastifyPluginAsyncZod<{
  db: Db;
  procedures: Map<string, ProcedureDefinition<any>>;
  actorOf: (req: FastifyRequest) => Promise<Actor>;
  today: () => string;
}> = async (app, { db, procedures, actorOf, today }) => {
  app.get(
    '/api/supervision',
    {
      schema: {
        tags: ['督办'],
        summary: '督办事项（逾期转上级督办）',
        querystring: z.object({
          status: z.enum(['open', 'answered', 'closed']).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
      },
    },
    async (req) => listSupervision(db, procedures, await actorOf(req), { ...req.query, today: today() }),
  );
  app.get('/api/supervision/summary', { schema: { tags: ['督办'], summary: '未办结督办按督办单位统计（数量、最长天数）' } }, async (req) =>
    supervisionSummary(db, procedures, await actorOf(req), today()),
  );
  app.post(
    '/api/supervision/:id',
    {
      schema: {
        tags: ['督办'],
        summary: '督办办理：意见（comment）、新期限、办结（close）或重新打开（reopen）',
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: z.object({
          action: z.enum(['comment', 'close', 'reopen'], { error: 'action 应为 comment、close 或 reopen' }),
          text: z.string().max(2000),
          newDue: z.string().nullable().optional(),
        }),
      },
    },
    async (req) => handleSupervision(db, procedures, await actorOf(req), req.params.id, req.body, today()),
  );
};
