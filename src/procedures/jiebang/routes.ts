// The public 榜单, the funding calculator and the bureau's payment ledger.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Actor } from '../../auth/service.js';
import { CaseError, type CaseEngine } from '../../engine/cases.js';
import { AgreementSchema, computeFunding, FUNDING } from './funding.js';

const PUBLISHED = [
  'open',
  'matching',
  'racing',
  'plan_approval',
  'publicity',
  'signing',
  'task_book',
  'in_progress',
  'extension_review',
  'final_payment',
  'completed',
];

export const jiebangRoutes: FastifyPluginAsyncZod<{ engine: CaseEngine; actorOf: (req: FastifyRequest) => Promise<Actor> }> = async (
  app,
  { engine, actorOf },
) => {
  app.get('/api/jiebang/list', { schema: { tags: ['揭榜挂帅'], summary: '公开榜单（第九条）：已发布的需求与揭榜情况（公开，无需登录）' } }, async (req) => {
    const rows = await engine.publicRows('jiebang', PUBLISHED);
    // A signed-in unit is told which entries are its own demand or already carry its challenge (no second 揭榜).
    const viewer = req.headers.authorization ? await actorOf(req).catch(() => null) : null;
    const mine = (r: (typeof rows)[number]) =>
      !viewer
        ? null
        : r.ownerId === viewer.id
          ? 'demander'
          : (r.record.challengers ?? []).some((x: { userId: number }) => x.userId === viewer.id)
            ? 'challenger'
            : null;
    return {
      items: rows.map((r) => ({
        mine: mine(r),
        id: r.id,
        version: r.version, // an enterprise applies with it (the apply action is open to any enterprise)
        status: r.state.id === 'open' ? '接受揭榜' : r.state.terminal ? r.state.label : '已截止揭榜',
        state: r.state.label,
        title: r.application.title,
        type: r.application.type,
        typeLabel: FUNDING[r.application.type as keyof typeof FUNDING].label,
        demander: r.application.demander.unit,
        county: r.application.demander.county,
        background: r.application.background,
        content: r.application.content,
        keyTechnologies: r.application.keyTechnologies,
        transferForm: r.application.transferForm,
        timeLimitMonths: r.application.timeLimitMonths,
        challengerRequirements: r.application.challengerRequirements,
        ipOwnership: r.application.ipOwnership,
        benefitSharing: r.application.benefitSharing,
        publishedOn: r.record.listing?.publishedOn ?? null,
        deadline: r.record.listing?.deadline ?? null,
        applicants: (r.record.challengers ?? []).length,
        winner: r.record.winner?.unit ?? null,
      })),
    };
  });
  app.post(
    '/api/jiebang/funding',
    { schema: { tags: ['揭榜挂帅'], summary: '资助计算（第十三–十七条）：上限、首笔、余额、支持对象', body: AgreementSchema } },
    async (req) => computeFunding(req.body),
  );
  app.get('/api/jiebang/payments', { schema: { tags: ['揭榜挂帅'], summary: '财政资助拨付台账（市科技局）' } }, async (req) => {
    const actor = await actorOf(req);
    if (actor.role !== 'science_bureau' && actor.role !== 'admin') throw new CaseError('拨付台账仅供市科技局查看。', 403);
    const rows = await engine.rows(actor, 'jiebang');
    const items = rows.flatMap((r) =>
      (r.record.payments ?? []).map((p: Record<string, unknown>) => ({ caseId: r.id, project: r.record.agreement?.projectName ?? r.title, ...p })),
    );
    return { items, total: items.reduce((s: number, p: { amount?: unknown }) => s + Number(p.amount ?? 0), 0) };
  });
};
