// HTTP routes of plan monitoring (规划实施监测). Plan contents (indicators,
// tasks, land tables) are public like the gazette; filed figures, statuses
// and reports need a signed-in department or the plan office.
import { sendWorkbook } from '../reports/xlsx.js';
import { BODY_LIMITS } from '../server/limits.js';
import { todayIso } from '../calendar/dates.js';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../auth/service.js';
import type { Db } from '../db/connection.js';
import { RefusalError } from '../platform/errors.js';
import { REGISTRY } from '../procedures/registry.js';
import { landPlan } from './land.js';
import { PLANS } from './plans.js';
import { annualReportWorkbook } from './report.js';
import {
  allUnitsNamed,
  canSeeAll,
  catalogue,
  dashboard,
  departmentView,
  fileReport,
  filingId,
  indicatorViews,
  readEvidence,
  reportHistory,
  requireReader,
  visibleTo,
  YEARS,
} from './service.js';
import { STATUS_LABEL } from './status.js';
import {
  actOnSupervision,
  fileTaskReport,
  listSupervisions,
  openSupervision,
  readTaskEvidence,
  SUPERVISION_BASES,
  taskDetail,
  tasksWithProgress,
  TASK_STATUS_LABEL,
} from './tasks.js';

const TAGS = ['规划监测'];
const yearQuery = z.coerce.number().int().min(2020, '年份应在 2020—2025 之间').max(2025, '年份应在 2020—2025 之间');

export const plansRoutes: FastifyPluginAsyncZod<{ db: Db; actorOf: (req: FastifyRequest) => Promise<Actor>; today?: () => string }> = async (
  app,
  { db, actorOf, today },
) => {
  const todayOf = () => today?.() ?? todayIso();
  const defaultYear = () => Math.min(2025, Math.max(2021, Number(todayOf().slice(0, 4)) - 1));
  const optionalActor = async (req: FastifyRequest) => (req.headers.authorization ? actorOf(req) : null);

  app.get('/api/plans', { schema: { tags: TAGS, summary: '纳入监测的规划及其指标、任务数量' } }, async () => {
    const cat = await catalogue(db);
    return {
      plans: PLANS.map((p) => ({
        ...p,
        indicators: cat.indicators.filter((i) => i.document === p.number).length,
        tasks: cat.tasks.filter((t) => t.document === p.number).length,
        flagged: cat.indicators.filter((i) => i.document === p.number && i.flags.length).length,
      })),
      years: YEARS,
      statusLabels: STATUS_LABEL,
    };
  });

  app.get(
    '/api/plans/indicators',
    {
      schema: {
        tags: TAGS,
        summary: '指标：来源、基期、目标、属性、比较方式、数据质量提示；登录后含报送数据与状态',
        querystring: z.object({ document: z.string().optional(), unit: z.string().optional(), year: yearQuery.optional() }),
      },
    },
    async (req) => {
      const actor = await optionalActor(req);
      const year = req.query.year ?? defaultYear();
      const views = await indicatorViews(db, actor, year, { document: req.query.document, unit: req.query.unit });
      // Indicators a procedure module counts from its records (月探访率), listed with the figure beside the reported ones.
      const computers = REGISTRY.modules.flatMap((m) => m.indicators ?? []);
      const indicators = await Promise.all(
        views.map(async (v) => {
          const c = computers.find((x) => x.matches(v));
          if (!c) return { ...v, computed: null };
          const r = await c.compute(db, todayOf());
          return { ...v, computed: { value: r.value, unit: r.unit, period: r.period, computedAt: r.computedAt } };
        }),
      );
      return { year, indicators };
    },
  );

  app.get(
    '/api/plans/indicators/:id',
    {
      schema: {
        tags: TAGS,
        summary: '一个指标：逐年状态与全部报送版本（含更正历史）',
        params: z.object({ id: z.string() }),
        querystring: z.object({ year: yearQuery.optional() }),
      },
    },
    async (req) => {
      const actor = await optionalActor(req);
      const year = req.query.year ?? defaultYear();
      const view = (await indicatorViews(db, actor, year)).find((v) => v.id === req.params.id);
      if (!view) throw new RefusalError(`指标不存在：${req.params.id}`, 404);
      const history = actor && visibleTo(actor, view) ? await reportHistory(db, [filingId(view)]) : [];
      // An indicator a procedure module computes from its records (月探访率 from the visit log), beside the reported figures.
      const computing = REGISTRY.modules.flatMap((m) => m.indicators ?? []).find((c) => c.matches(view));
      return {
        ...view,
        history,
        computed: computing ? await computing.compute(db, todayOf()) : null,
        mayReport: Boolean(
          actor &&
          !view.restates &&
          view.period === '十四五' &&
          (canSeeAll(actor) ||
            (actor.role === 'department' &&
              visibleTo(actor, view) &&
              (view.reporter === actor.unit || view.responsible.some((u) => u.unit === actor.unit && u.role === 'lead')))),
        ),
      };
    },
  );

  app.post(
    '/api/plans/indicators/:id/reports',
    {
      bodyLimit: BODY_LIMITS.evidence,
      schema: {
        tags: TAGS,
        summary: '报送（或更正）某年的指标数据；更正生成新版本，旧版本保留',
        params: z.object({ id: z.string() }),
        body: z.object({
          year: z.number().int(),
          value: z.number().nullable().optional(),
          assessment: z.enum(['achieved', 'on_track', 'at_risk', 'off_track']).nullable().optional(),
          note: z.string().max(2000),
          evidence: z.object({ name: z.string(), mime: z.string(), base64: z.string() }).nullable().optional(),
          basedOnVersion: z.number().int().min(0).optional(),
        }),
      },
    },
    async (req, reply) => {
      const actor = await actorOf(req);
      const row = await fileReport(db, actor, req.params.id, req.body);
      return reply.status(201).send(row);
    },
  );

  app.get(
    '/api/plans/evidence/:reportId',
    { schema: { tags: TAGS, summary: '下载报送的佐证材料', params: z.object({ reportId: z.string() }) } },
    async (req, reply) => {
      const actor = await actorOf(req);
      const f = await readEvidence(db, actor, req.params.reportId);
      return reply
        .header('content-type', f.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .send(f.data);
    },
  );

  app.get(
    '/api/plans/tasks',
    {
      schema: {
        tags: TAGS,
        summary: '任务举措及牵头、配合、落实单位（单位名称已规范化）、完成时限；登录后含可见任务的年度进展、逾期与督办',
        querystring: z.object({ document: z.string().optional(), unit: z.string().optional(), year: yearQuery.optional() }),
      },
    },
    async (req) => {
      const actor = await optionalActor(req);
      const year = req.query.year ?? defaultYear();
      const cat = await catalogue(db);
      let tasks = cat.tasks;
      if (req.query.document) tasks = tasks.filter((t) => t.document === req.query.document);
      if (req.query.unit) tasks = tasks.filter((t) => t.units.some((u) => u.unit === req.query.unit));
      return { year, tasks: await tasksWithProgress(db, actor, tasks, year, todayOf()), units: await allUnitsNamed(db), statusLabels: TASK_STATUS_LABEL };
    },
  );

  // 任务进展与督办: 承市政办字〔2022〕49号 四、（一）（年度任务清单和工作台账）, 47号 三、（三）,
  // 承市政字〔2022〕16号 三、（十一）5.（挂账督办…验收销号）, 承市政办字〔2022〕48号 四、（三）（约谈、督办）.
  app.get(
    '/api/plans/tasks/:id',
    {
      schema: {
        tags: TAGS,
        summary: '一项任务：完成时限、逐年进展（牵头与配合单位）、全部报告版本、督办',
        params: z.object({ id: z.string() }),
        querystring: z.object({ year: yearQuery.optional() }),
      },
    },
    async (req) => taskDetail(db, await actorOf(req), req.params.id, req.query.year ?? defaultYear(), todayOf()),
  );

  app.post(
    '/api/plans/tasks/:id/reports',
    {
      bodyLimit: BODY_LIMITS.evidence,
      schema: {
        tags: TAGS,
        summary: '报送（或更正）某年的任务进展：牵头单位报送任务状态，配合单位报送本单位配合情况；更正生成新版本，旧版本保留',
        params: z.object({ id: z.string() }),
        body: z.object({
          year: z.number().int(),
          status: z.string(),
          note: z.string(),
          evidence: z.object({ name: z.string(), mime: z.string(), base64: z.string() }).nullable().optional(),
          basedOnVersion: z.number().int().min(0).optional(),
        }),
      },
    },
    async (req, reply) => reply.status(201).send(await fileTaskReport(db, await actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/plans/task-evidence/:reportId',
    { schema: { tags: TAGS, summary: '下载任务进展报告的佐证材料', params: z.object({ reportId: z.string() }) } },
    async (req, reply) => {
      const f = await readTaskEvidence(db, await actorOf(req), req.params.reportId);
      return reply
        .header('content-type', f.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .send(f.data);
    },
  );

  app.post(
    '/api/plans/tasks/:id/supervisions',
    {
      schema: {
        tags: TAGS,
        summary: `市政府办公室对任务挂账督办：事由、办理期限（晚于今天）、依据（${SUPERVISION_BASES.map((b) => b.citation).join(' 或 ')}）`,
        params: z.object({ id: z.string() }),
        body: z.object({ reason: z.string(), dueDate: z.string(), basis: z.string() }),
      },
    },
    async (req, reply) => reply.status(201).send(await openSupervision(db, await actorOf(req), req.params.id, req.body, todayOf())),
  );

  app.post(
    '/api/plans/supervisions/:id/actions',
    {
      schema: {
        tags: TAGS,
        summary: '督办办理：牵头单位答复（answer）；市政府办公室重新确定期限（extend）、验收销号（close）、重新督办（reopen）',
        params: z.object({ id: z.string() }),
        body: z.object({ action: z.string(), version: z.number().int(), note: z.string().nullable().optional(), dueDate: z.string().nullable().optional() }),
      },
    },
    async (req) => actOnSupervision(db, await actorOf(req), req.params.id, req.body, todayOf()),
  );

  app.get(
    '/api/plans/supervisions',
    {
      schema: {
        tags: TAGS,
        summary: '督办事项（市政府办公室看全部；部门看本单位牵头或配合任务的督办）',
        querystring: z.object({ state: z.enum(['open', 'answered', 'closed']).optional(), pending: z.enum(['true', 'false']).optional() }),
      },
    },
    async (req) => ({
      supervisions: await listSupervisions(db, await actorOf(req), { state: req.query.state, notClosed: req.query.pending === 'true' }, todayOf()),
    }),
  );

  app.get(
    '/api/plans/departments/:unit',
    {
      schema: {
        tags: TAGS,
        summary: '部门视图：本单位牵头或参与的全部任务与指标（跨规划，按完成年份）',
        params: z.object({ unit: z.string() }),
        querystring: z.object({ year: yearQuery.optional() }),
      },
    },
    async (req) => departmentView(db, await actorOf(req), req.params.unit, req.query.year ?? defaultYear(), todayOf()),
  );

  app.get(
    '/api/plans/dashboard',
    {
      schema: {
        tags: TAGS,
        summary: '监测看板：状态统计（按规划、按部门）、约束性指标风险优先、趋势；任务进展统计、逾期任务、未销号督办',
        querystring: z.object({ year: yearQuery.optional(), document: z.string().optional(), unit: z.string().optional() }),
      },
    },
    async (req) => dashboard(db, await actorOf(req), req.query.year ?? defaultYear(), { document: req.query.document, unit: req.query.unit }, todayOf()),
  );

  app.get(
    '/api/plans/report.xlsx',
    { schema: { tags: TAGS, summary: '年度监测报告（Excel）', querystring: z.object({ year: yearQuery }) } },
    async (req, reply) => {
      const actor = await actorOf(req);
      requireReader(actor);
      const buf = await annualReportWorkbook(db, actor, req.query.year, todayOf());
      return sendWorkbook(reply, buf, `规划实施年度监测报告-${req.query.year}.xlsx`);
    },
  );

  app.get(
    '/api/plans/land',
    { schema: { tags: TAGS, summary: '承市政办字〔2022〕42号：供应计划、供应明细、住宅用地、储备计划；合计核对；按区、按 GB/T 21010 一级类汇总' } },
    async () => {
      const r = await landPlan(db);
      if (!r) throw new RefusalError('文库中没有承市政办字〔2022〕42号。', 404);
      return r;
    },
  );
};
