// The city's 成果库 and 需求库, public (四、（二）：及时发布先进实用技术成果): results that passed their evaluation, the
// 揭榜挂帅 demands open on the 榜单, and the suggested pairs.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleRouteOptions } from '../shared/module.js';
import { CATEGORIES, type Category } from './rules.js';
import { EVALUATION } from './procedure.js';
import { matchResultsToDemands } from './library.js';

export const evaluationRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (app, { engine }) => {
  app.get(
    '/api/science/library',
    { schema: { tags: ['科技'], summary: '市科技成果库、需求库及供需对接建议（承市政办字〔2022〕46号 四、（二））' } },
    async () => {
      const results = (await engine.publicRows(EVALUATION, ['in_library'])).map((r) => ({
        id: r.id,
        title: r.application.title as string,
        unit: r.application.unit as string,
        field: r.application.field as string,
        category: CATEGORIES[r.application.category as Category].label,
        summary: r.application.summary as string,
        concludedOn: (r.record.conclusion?.date as string | undefined) ?? null,
      }));
      const demands = (await engine.publicRows('jiebang', ['open'])).map((r) => ({
        id: r.id,
        title: r.application.title as string,
        unit: r.application.demander.unit as string,
        text: [
          r.application.content,
          ...(r.application.keyTechnologies ?? []).map((k: { name: string; indicator: string }) => `${k.name} ${k.indicator}`),
        ].join(' '),
      }));
      const matches = matchResultsToDemands(results, demands).map((m) => ({ result: m.result.id, demand: m.demand.id, score: m.score, shared: m.shared }));
      return { results, demands: demands.map(({ text: _t, ...d }) => d), matches };
    },
  );
};
