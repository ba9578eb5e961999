// 好差评 over HTTP: a case's rating (read by whoever may read the case; given by its filer once it is
// finished), the 差评 follow-ups of an office and their replies, and the per-office summary.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../auth/service.js';
import type { WorkdayCalendar } from '../calendar/workdays.js';
import type { Db } from '../db/connection.js';
import type { CaseEngine } from '../engine/cases.js';
import type { ProcedureDefinition } from '../engine/procedure.js';
import { RatingInput, RatingService, ReplyInput } from './service.js';

export const ratingRoutes: FastifyPluginAsyncZod<{
  db: Db;
  engine: CaseEngine;
  procedures: Map<string, ProcedureDefinition<any>>;
  calendar: () => WorkdayCalendar;
  actorOf: (req: FastifyRequest) => Promise<Actor>;
  today: () => string;
}> = async (app, { db, engine, procedures, calendar, actorOf, today }) => {
  const ratings = new RatingService({ db, engine, procedures, calendar, today });
  const caseParam = z.object({ id: z.string().min(1) });

  app.get(
    '/api/cases/:id/rating',
    {
      schema: {
        tags: ['好差评'],
        summary: '案件的服务评价（好差评）：评价、差评整改及答复；申请人本人在办结后可否评价',
        params: caseParam,
      },
    },
    async (req) => ratings.forCase(await actorOf(req), req.params.id),
  );

  app.post(
    '/api/cases/:id/rating',
    {
      // Who asks and whether the case is theirs to see come before the body: a case one may not read does
      // not exist, whatever was sent (and nobody learns from a validation message that it does).
      preValidation: async (req) => {
        await engine.readable(await actorOf(req), (req.params as { id: string }).id);
      },
      schema: {
        tags: ['好差评'],
        summary: '评价服务（申请人本人，案件办结后，每件一次）：1–5 星；差评（不满意、非常不满意）须写明原因，转办理单位限期整改答复',
        params: caseParam,
        body: RatingInput,
      },
    },
    async (req, reply) => reply.status(201).send(await ratings.rate(await actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/ratings/followups',
    {
      schema: {
        tags: ['好差评'],
        summary: '差评整改：本单位待答复和已答复的差评（县、市级部门可看辖区内下级单位的），未答复的按期限在前',
        querystring: z.object({
          status: z.enum(['open', 'replied'], { error: 'status 应为 open（待答复）或 replied（已答复）' }).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
      },
    },
    async (req) => ratings.followUps(await actorOf(req), req.query),
  );

  app.post(
    '/api/ratings/followups/:id/reply',
    {
      schema: {
        tags: ['好差评'],
        summary: '答复差评（被评价的办理单位，一次）：核实和整改情况，通知申请人',
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: ReplyInput,
      },
    },
    async (req) => ratings.reply(await actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/ratings/summary',
    { schema: { tags: ['好差评'], summary: '好差评按办理单位统计：评价数、平均星级、差评率、未答复和逾期的差评整改' } },
    async (req) => ratings.summary(await actorOf(req)),
  );
};
