// The 办事指南 of each procedure (public; also the JSON for a provincial 政务服务 catalogue) and the offices an
// administrator registers per area for it.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/connection.js';
import type { CaseEngine } from '../engine/cases.js';
import { CaseError } from '../engine/cases.js';
import { governingStatus, ruleSetFor } from '../engine/governance.js';
import type { Registry } from '../procedures/registry.js';
import { attachment } from '../reports/xlsx.js';
import { buildGuide } from './guide.js';
import { saveServicePoint, ServicePointSchema, servicePointsFor } from './service-points.js';

const TAGS = ['办事指南'];
const areaQuery = z.object({
  county: z.string().trim().min(1).max(40).optional().describe('读者所在县（市、区）'),
  township: z.string().trim().min(1).max(40).optional().describe('读者所在乡镇（街道）'),
  download: z.enum(['1']).optional().describe('1：作为 JSON 文件下载'),
});

export const guideRoutes: FastifyPluginAsyncZod<{
  db: Db;
  engine: CaseEngine;
  registry: Registry;
  requireAdmin: (req: FastifyRequest) => Promise<void>;
  today: () => string;
}> = async (app, { db, engine, registry, requireAdmin, today }) => {
  const moduleOf = (id: string) => {
    const m = registry.module(id);
    if (!m) throw new CaseError(`没有这个办事事项：${id}`, 404);
    return m;
  };

  app.get(
    '/api/procedures/:procedure/guide',
    {
      schema: {
        tags: TAGS,
        summary: '办事指南：设定依据、受理条件、申请材料、办理流程和时限、收费、办理地点和电话、常见问题（公开；可下载为 JSON）',
        params: z.object({ procedure: z.string().min(1).max(60) }),
        querystring: areaQuery,
      },
    },
    async (req, reply) => {
      const m = moduleOf(req.params.procedure);
      const records = await engine.records(m.definition.id);
      const status = governingStatus(ruleSetFor(m.definition.ruleSets, records, today()), records, today());
      const area = { county: req.query.county, township: req.query.township };
      const guide = { ...buildGuide(m, status, await servicePointsFor(db, m.definition.id, area), area), generatedOn: today() };
      if (req.query.download) reply.header('content-disposition', attachment(`办事指南-${m.definition.name}.json`, 'guide.json'));
      return guide;
    },
  );

  app.get(
    '/api/service-points',
    {
      schema: {
        tags: TAGS,
        summary: '办理地点和咨询、监督电话（公开）',
        querystring: areaQuery.omit({ download: true }).extend({ procedure: z.string().min(1).max(60) }),
      },
    },
    async (req) => ({ items: await servicePointsFor(db, req.query.procedure, { county: req.query.county, township: req.query.township }) }),
  );

  app.put(
    '/api/service-points',
    { schema: { tags: TAGS, summary: '登记或更新一个地区某事项的办理地点和电话（管理员）', body: ServicePointSchema } },
    async (req) => {
      await requireAdmin(req);
      if (req.body.procedure !== '*') moduleOf(req.body.procedure);
      return saveServicePoint(db, req.body, 'admin');
    },
  );
};
