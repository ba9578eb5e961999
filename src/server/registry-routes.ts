// What the web needs to build its navigation and generic screens: the registered procedures with their
// UI hints, and every role with its label and level. Public: it describes services, not cases.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MIXED_LABELS } from '../platform/areas.js';
import { allRoles, roleLabel } from '../platform/roles.js';
import type { Registry } from '../procedures/registry.js';

export const registryRoutes: FastifyPluginAsyncZod<{ registry: Registry }> = async (app, { registry }) => {
  const body = () => ({
    roles: allRoles().map((r) => ({ id: r.id, label: r.label, level: r.level, placedAt: r.placedAt ?? null, needsUnit: Boolean(r.needsUnit) })),
    procedures: registry.modules.map((m) => {
      const p = m.definition;
      return {
        id: p.id,
        name: p.name,
        summary: m.ui.summary,
        group: m.ui.group ?? '其他',
        page: m.ui.page ?? null,
        intakePage: m.ui.intakePage ?? null,
        areaLabels: m.ui.areaLabels ?? MIXED_LABELS,
        governingDocuments: [...new Set(p.ruleSets.map((s) => s.governingDocument))],
        filedBy: p.filedBy.map((r) => ({ id: r, label: roleLabel(r) })),
        // Roles with a step to take somewhere in the procedure (for the inbox and navigation).
        actors: [...new Set(p.states.map((s) => s.actor).filter((a): a is string => Boolean(a)))],
        readers: Object.keys(p.access.read),
        landing: m.ui.landing ?? {},
        navLabel: m.ui.navLabel ?? null,
      };
    }),
  });
  app.get('/api/registry', { schema: { tags: ['办事'], summary: '已开通的办事事项与角色（界面据此生成导航和通用表单）' } }, async (_req, reply) => {
    reply.header('cache-control', 'public, max-age=60');
    return body();
  });
};
