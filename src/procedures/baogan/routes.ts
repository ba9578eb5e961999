// Bureau-level operations of 包干制 that span projects: the random spot-check draw.
import { isoDate } from '../../calendar/dates.js';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../auth/service.js';
import type { CaseEngine } from '../../engine/cases.js';
import { drawSpotChecks } from './spot-check.js';
import { COMMITMENT_TEXT, EXPENSE_CATEGORIES, EXPENSE_NATURES, NEGATIVE_LIST } from './rules.js';
import { citeLink, citeText } from '../../engine/rules.js';

export const baoganRoutes: FastifyPluginAsyncZod<{ engine: CaseEngine; actorOf: (req: FastifyRequest) => Promise<Actor>; today: () => string }> = async (
  app,
  { engine, actorOf, today },
) => {
  app.get('/api/baogan/rules', { schema: { tags: ['包干制'], summary: '支出科目、负面清单（含条款）与承诺书全文（公开）' } }, async () => ({
    categories: Object.entries(EXPENSE_CATEGORIES).map(([id, c]) => ({ id, label: c.label, cites: citeText(c.citation), link: citeLink(c.citation) })),
    natures: EXPENSE_NATURES,
    negativeList: NEGATIVE_LIST.map((r) => ({ id: r.id, summary: r.summary, cites: citeText(r.citation), link: citeLink(r.citation) })),
    commitmentText: COMMITMENT_TEXT,
  }));
  app.post(
    '/api/baogan/spot-checks',
    {
      schema: {
        tags: ['包干制'],
        summary: '随机抽查（市科技局）：抽中项目各记一条审计事件',
        body: z.object({ count: z.number().int().min(1, '抽查数量至少为 1').max(1000), date: isoDate().optional() }),
      },
    },
    async (req, reply) => reply.status(201).send(await drawSpotChecks(engine, await actorOf(req), req.body.count, req.body.date ?? today())),
  );
};
