// The notification centre over HTTP: the signed-in user's own messages only.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../auth/service.js';
import type { Db } from '../db/connection.js';
import { listNotifications, markRead } from './service.js';

export const notificationRoutes: FastifyPluginAsyncZod<{ db: Db; actorOf: (req: FastifyRequest) => Promise<Actor> }> = async (app, { db, actorOf }) => {
  app.get(
    '/api/notifications',
    {
      schema: {
        tags: ['通知'],
        summary: '我的通知（未读数、分页）',
        querystring: z.object({
          unread: z.enum(['1', '0']).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
      },
    },
    async (req) => listNotifications(db, await actorOf(req), { ...req.query, unread: req.query.unread === '1' }),
  );
  app.post(
    '/api/notifications/:id/read',
    { schema: { tags: ['通知'], summary: '标为已读', params: z.object({ id: z.coerce.number().int().positive() }) } },
    async (req) => markRead(db, await actorOf(req), req.params.id),
  );
  app.post('/api/notifications/read-all', { schema: { tags: ['通知'], summary: '全部标为已读' } }, async (req) => markRead(db, await actorOf(req), 'all'));
};
