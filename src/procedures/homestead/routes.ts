// The homestead ledger and quarterly report (JSON and Excel), for township and county offices.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../auth/service.js';
import { CaseError, type CaseEngine } from '../../engine/cases.js';
import { ledger, ledgerXlsx, quarterlyReport, quarterlyXlsx } from './reports.js';
import { sendWorkbook } from '../../reports/xlsx.js';

const quarterQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  quarter: z.coerce.number().int().min(1, '季度应为 1–4').max(4, '季度应为 1–4'),
});

export const homesteadReportRoutes: FastifyPluginAsyncZod<{ engine: CaseEngine; actorOf: (req: FastifyRequest) => Promise<Actor> }> = async (
  app,
  { engine, actorOf },
) => {
  const official = async (req: FastifyRequest) => {
    const a = await actorOf(req);
    if (!['township', 'county', 'admin'].includes(a.role)) throw new CaseError('台账和季度报表仅供乡镇、县级部门和管理员查看。', 403);
    return a;
  };
  app.get('/api/homestead/ledger', { schema: { tags: ['宅基地'], summary: '审批管理台账（本辖区）' } }, async (req) => ledger(engine, await official(req)));
  app.get('/api/homestead/ledger.xlsx', { schema: { tags: ['宅基地'], summary: '审批管理台账（Excel）' } }, async (req, reply) =>
    sendWorkbook(reply, await ledgerXlsx(engine, await official(req)), '宅基地审批管理台账.xlsx'),
  );
  app.get('/api/homestead/quarterly', { schema: { tags: ['宅基地'], summary: '季度审批办理情况（报县备案）', querystring: quarterQuery } }, async (req) =>
    quarterlyReport(engine, await official(req), req.query.year, req.query.quarter),
  );
  app.get(
    '/api/homestead/quarterly.xlsx',
    { schema: { tags: ['宅基地'], summary: '季度审批办理情况（Excel）', querystring: quarterQuery } },
    async (req, reply) =>
      sendWorkbook(
        reply,
        await quarterlyXlsx(engine, await official(req), req.query.year, req.query.quarter),
        `${req.query.year}年第${req.query.quarter}季度宅基地审批办理情况.xlsx`,
      ),
  );
};
