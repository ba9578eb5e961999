// HTTP routes of the 一次性告知书 (src/engine/notices.ts). Bodies are checked after the case: whoever may not read a
// case gets "案件不存在" whatever they send, as on every case route.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../auth/service.js';
import type { NoticeService } from './notices.js';

export const noticeRoutes: FastifyPluginAsyncZod<{ notices: NoticeService; actorOf: (req: FastifyRequest) => Promise<Actor> }> = async (
  app,
  { notices, actorOf },
) => {
  const idParam = z.object({ id: z.string().min(1) });

  app.post(
    '/api/cases/:id/notices',
    {
      schema: {
        tags: ['办事'],
        summary:
          '出具一次性告知书（当前环节的办理单位）：{ items: [{ material: 申请材料序号, problem: missing|unclear|nonconforming, note? }], deadline: { workdays } 或 { date } }',
        params: idParam,
        body: z.unknown(),
      },
    },
    async (req, reply) => reply.status(201).send(await notices.issue(await actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/cases/:id/notices',
    { schema: { tags: ['办事'], summary: '案件的一次性告知书列表（材料、条款、补正期限）', params: idParam } },
    async (req) => ({ items: await notices.list(await actorOf(req), req.params.id) }),
  );

  app.get(
    '/api/cases/:id/notices/:n.pdf',
    {
      schema: {
        tags: ['办事'],
        summary: '一次性告知书（PDF）：每项需补正的材料及其条款、补正期限、告知单位和日期',
        params: z.object({ id: z.string().min(1), n: z.string().min(1) }),
      },
    },
    async (req, reply) => {
      const { number, pdf } = await notices.pdf(await actorOf(req), req.params.id, req.params.n);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="notice-${req.params.n}.pdf"; filename*=UTF-8''${encodeURIComponent(`一次性告知书-${number}.pdf`)}`,
        )
        .send(pdf);
    },
  );
};
