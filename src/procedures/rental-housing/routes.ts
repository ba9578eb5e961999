// The programme's overview per county and year, and the spot checks of 二、（五）（不定期抽查保障性租赁住房使用情况）:
// lettings of the county's projects in operation drawn by the server with a cryptographic seed, every selection
// written to its project case in one transaction (all or none). Who sees what is the procedures' access policy.
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CaseError } from '../../engine/cases.js';
import { readerFor } from '../../engine/parameters.js';
import { counties } from '../../platform/areas.js';
import type { ModuleRouteOptions } from '../shared/module.js';
import { DRAW_RULE, drawFrom, drawSeed } from '../shared/draw.js';
import { RENTAL_PLAN } from './plan.js';
import { RENTAL_HOUSING, type Tenancy } from './procedure.js';
import { RENTAL_HOUSING_PARAMETERS } from './rules.js';
import { countyOverview } from './views.js';

const TAGS = ['保障性租赁住房'];
const READERS = ['county_housing', 'city_housing', 'admin'];

export const rentalHousingRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (app, { engine, actorOf, today }) => {
  app.get(
    '/api/rental-housing/overview',
    {
      schema: {
        tags: TAGS,
        summary: '各县（市、区）年度建设计划与认定、竣工套数，出租登记，待录入参数，抽查问题（承市政办字〔2022〕48号）',
        querystring: z.object({
          year: z.coerce.number().int().min(2021).max(2035).optional(),
          county: z.string().trim().min(1).max(40).optional(),
        }),
      },
    },
    async (req) => {
      const actor = await actorOf(req);
      if (!READERS.includes(actor.role)) throw new CaseError('保障性租赁住房工作情况仅供住房和城乡建设部门查看。', 403);
      const year = req.query.year ?? Number(today().slice(0, 4));
      const all = counties().map((c) => c.name);
      if (req.query.county && !all.includes(req.query.county)) throw new CaseError(`承德市没有“${req.query.county}”。`, 404);
      // A county office sees its county; the city every county (or the one it names).
      const shown = actor.role === 'county_housing' ? [actor.county!] : req.query.county ? [req.query.county] : all;
      if (actor.role === 'county_housing' && req.query.county && req.query.county !== actor.county)
        throw new CaseError(`只能查看本县（${actor.county}）的情况。`, 403);
      const projects = await engine.readRows(actor, RENTAL_HOUSING);
      const plans = await engine.readRows(actor, RENTAL_PLAN);
      const parameter = readerFor(RENTAL_HOUSING_PARAMETERS, await engine.localParameters(engine.procedure(RENTAL_HOUSING)), today());
      return { year, counties: shown.map((c) => countyOverview(c, year, projects as any, plans as any, parameter)) };
    },
  );

  app.post(
    '/api/rental-housing/spot-checks',
    {
      schema: {
        tags: TAGS,
        summary: '随机抽查保障性租赁住房使用情况：服务器以密码学随机数抽取本县运营项目的在租房屋，记录种子和抽取范围（二、（五））',
        body: z.object({ count: z.number({ error: '请填写抽查户数' }).int('抽查户数应为整数').min(1, '至少抽查 1 户').max(500, '一次最多抽查 500 户') }),
      },
    },
    async (req, reply) => {
      const actor = await actorOf(req);
      if (actor.role !== 'county_housing') throw new CaseError('抽查由县住房和城乡建设部门组织。', 403);
      const date = today();
      const rows = (await engine.readRows(actor, RENTAL_HOUSING)).filter((r) => r.state === 'operating' && r.county === actor.county);
      const pool = rows.flatMap((r) => ((r.record.tenancies ?? []) as Tenancy[]).filter((t) => !t.endedOn).map((t) => `${r.id}/${t.no}`)).sort();
      if (pool.length === 0) throw new CaseError(`${actor.county}没有在租的保障性租赁住房可供抽查。`, 422);
      const seed = drawSeed();
      const drawn = drawFrom(seed, pool, req.body.count);
      const drawId = randomUUID();
      const method = `服务器以密码学随机数生成种子，从 ${pool.length} 户在租房屋中${DRAW_RULE}（N = ${drawn.length}）`;
      const byProject = new Map<string, string[]>();
      for (const d of drawn) {
        const [id, no] = d.split('/');
        byProject.set(id, [...(byProject.get(id) ?? []), no]);
      }
      try {
        await engine.applyAll(
          actor,
          [...byProject].map(([id, tenancies]) => ({
            id,
            action: 'select_for_spot_check',
            body: {
              version: rows.find((r) => r.id === id)!.version,
              date,
              payload: { drawId, method, seed, poolSize: pool.length, rule: DRAW_RULE, tenancies },
            },
          })),
          { internal: true },
        );
      } catch (e) {
        if (e instanceof CaseError && e.status === 409) throw new CaseError('抽查时有项目被同时更新，本次抽查未生效（未记录任何抽中事件），请重新抽查。', 409);
        throw e;
      }
      reply.code(201);
      return { drawId, date, county: actor.county, poolSize: pool.length, pool, drawn, method, seed, rule: DRAW_RULE };
    },
  );
};
