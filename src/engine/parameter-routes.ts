// The parameters of every procedure over HTTP: each figure with its gazette values and the counties' own
// (who recorded them, from when, on which local document), readable by anyone; a county office records its
// county's value where the gazette delegates the figure to it. Entries are appended, never changed.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../auth/service.js';
import type { Db } from '../db/connection.js';
import { counties, checkAreaPath } from '../platform/areas.js';
import { roleDef, ROLE_LABELS } from '../platform/roles.js';
import { CaseError, type CaseEngine } from './cases.js';
import { reassess, ReformSchema } from './reform.js';
import { addSheet, sendWorkbook, toBuffer, workbook } from '../reports/xlsx.js';
import { InputError } from './assess.js';
import { LocalValueSchema, localValues, valueAt, type ParameterDef } from './parameters.js';
import type { ProcedureDefinition } from './procedure.js';
import { citeLink, citeText } from './rules.js';

export const parameterRoutes: FastifyPluginAsyncZod<{
  db: Db;
  procedures: Map<string, ProcedureDefinition<any, any>>;
  engine: CaseEngine;
  actorOf: (req: FastifyRequest) => Promise<Actor>;
  today: () => string;
}> = async (app, { db, procedures, engine, actorOf, today }) => {
  const defs = () => [...procedures.values()].flatMap((p) => (p.parameters ?? []).map((d) => ({ procedure: p, def: d })));
  const find = (key: string) => defs().find((x) => x.def.key === key);

  const view = async (list: { procedure: ProcedureDefinition<any, any>; def: ParameterDef }[], on: string) => {
    const keys = list.map((x) => x.def.key);
    const rows = await localValues(db, keys);
    const full = keys.length
      ? await db.kysely
          .selectFrom('parameter_values')
          .select(['id', 'key', 'scope', 'effective_from', 'value_json', 'source', 'note', 'entered_by_name', 'entered_at'])
          .where('key', 'in', keys)
          .orderBy('id')
          .execute()
      : [];
    return list.map(({ procedure, def }) => ({
      procedure: { id: procedure.id, name: procedure.name },
      key: def.key,
      label: def.label,
      unit: def.unit,
      kind: def.kind,
      description: def.description,
      gazette: def.values.map((v) => ({ from: v.from, value: v.value, cites: citeText(v.citation), link: citeLink(v.citation) })),
      // The value in force for the document's whole area (a later document's, else the gazette's), and every entry recorded.
      current: valueAt(def, rows, '', on),
      recorded: full
        .filter((r) => r.key === def.key && r.scope === '')
        .map((r) => ({
          id: Number(r.id),
          effectiveFrom: r.effective_from,
          value: JSON.parse(r.value_json),
          source: r.source,
          note: r.note,
          enteredBy: r.entered_by_name,
        })),
      local: def.local
        ? {
            roles: def.local.roles.map((r) => ({ id: r, label: ROLE_LABELS[r] ?? r })),
            delegatedBy: citeText(def.local.delegatedBy),
            link: citeLink(def.local.delegatedBy),
            // Every county of the city, with the value in force today or null: absent values are shown as absent.
            counties: counties().map((c) => ({ county: c.name, current: valueAt(def, rows, c.name, on) })),
            entries: full
              .filter((r) => r.key === def.key)
              .map((r) => ({
                id: Number(r.id),
                county: r.scope,
                effectiveFrom: r.effective_from,
                value: JSON.parse(r.value_json),
                source: r.source,
                note: r.note,
                enteredBy: r.entered_by_name,
                enteredAt: r.entered_at,
              })),
          }
        : null,
    }));
  };

  app.get(
    '/api/parameters',
    {
      schema: {
        tags: ['规则参数'],
        summary: '规则参数：每个数值、其生效日期和出处（公报条款或县级文件）；未设定的显示为未设定',
        querystring: z.object({ procedure: z.string().trim().min(1).max(60).optional(), date: z.iso.date().optional() }),
      },
    },
    async (req) => {
      const list = defs().filter((x) => !req.query.procedure || x.procedure.id === req.query.procedure);
      if (req.query.procedure && !procedures.has(req.query.procedure)) throw new CaseError(`没有这个办事事项：${req.query.procedure}`, 404);
      return { date: req.query.date ?? today(), items: await view(list, req.query.date ?? today()) };
    },
  );

  app.post(
    '/api/parameters/reform',
    {
      schema: {
        tags: ['规则参数'],
        summary: '测算（what-if）：假设参数自某日起改为新值，对现有案件重新审查，列出结论和审查意见的变化；不改变任何案件（管理员）',
        querystring: z.object({ format: z.enum(['json', 'xlsx']).default('json') }),
        body: z.unknown(),
      },
    },
    async (req, reply) => {
      const actor = await actorOf(req);
      if (actor.role !== 'admin') throw new CaseError('参数测算由管理员进行。', 403);
      const parsed = ReformSchema.safeParse(req.body ?? {});
      if (!parsed.success) throw InputError.fromZod(parsed.error);
      const r = parsed.data;
      const p = procedures.get(r.procedure);
      if (!p) throw new CaseError(`没有这个办事事项：${r.procedure}`, 404);
      for (const [i, c] of r.changes.entries()) {
        const def = (p.parameters ?? []).find((d) => d.key === c.key);
        if (!def) throw new InputError([{ field: `changes.${i}.key`, message: `“${p.name}”没有参数 ${c.key}` }]);
        if (def.kind === 'number' && !(typeof c.value === 'number' && c.value > 0))
          throw new InputError([{ field: `changes.${i}.value`, message: `“${def.label}”应为大于 0 的数值` }]);
      }
      const rows = await engine.readRows(actor, p.id);
      const chosen = r.caseIds ? rows.filter((c) => r.caseIds!.includes(c.id)) : rows.slice(0, 500);
      if (r.caseIds && chosen.length !== r.caseIds.length)
        throw new InputError([{ field: 'caseIds', message: `没有这些案件：${r.caseIds.filter((id) => !rows.some((c) => c.id === id)).join('、')}` }]);
      const titles = await db.kysely.selectFrom('cases').select(['id', 'title']).where('procedure', '=', p.id).execute();
      const result = reassess(
        p,
        chosen.map((c) => ({ id: c.id, state: c.state, title: titles.find((t) => t.id === c.id)?.title ?? c.id, application: c.application })),
        await engine.records(p.id),
        await engine.localParameters(p),
        r.changes,
      );
      if (req.query.format === 'xlsx') {
        const wb = workbook();
        addSheet(
          wb,
          '参数测算',
          [
            { header: '案件编号', key: 'id', width: 26 },
            { header: '案件', key: 'title', width: 40 },
            { header: '申请日期', key: 'applicationDate', width: 12 },
            { header: '现结论', key: 'before', width: 10 },
            { header: '测算结论', key: 'after', width: 10 },
            { header: '结论改变', key: 'changedText', width: 10 },
            { header: '审查意见的变化', key: 'differencesText', width: 80 },
          ],
          result.lines.map((l) => ({
            ...l,
            changedText: l.changed ? '是' : '',
            differencesText: l.differences.map((d) => `${d.cites}：${d.before} → ${d.after}`).join('\n'),
          })),
        );
        return sendWorkbook(reply, await toBuffer(wb), `参数测算-${p.name}.xlsx`);
      }
      return { procedure: { id: p.id, name: p.name }, changes: r.changes, ...result };
    },
  );

  app.post(
    '/api/parameters/:key/values',
    {
      schema: {
        tags: ['规则参数'],
        summary: '录入本县（市、区）的参数值（公报授权县级确定的数值），附依据文件；只追加，不修改',
        params: z.object({ key: z.string().min(1).max(100) }),
        body: z.unknown(),
      },
    },
    async (req, reply) => {
      const actor = await actorOf(req);
      const found = find(req.params.key);
      if (!found) throw new CaseError(`没有这个参数：${req.params.key}`, 404);
      const { def } = found;
      // A figure the gazette sets changes only with a later document, which an administrator records (for the
      // document's whole area, scope ''); a figure delegated to the counties is recorded by their offices.
      if (!def.local && actor.role !== 'admin')
        throw new CaseError(
          `“${def.label}”由公报规定（${def.values.map((v) => citeText(v.citation)).join('；')}），不能由县级录入；后续文件修改的，由管理员录入。`,
          403,
        );
      if (def.local && actor.role !== 'admin' && !def.local.roles.includes(actor.role))
        throw new CaseError(`“${def.label}”由${def.local.roles.map((r) => ROLE_LABELS[r] ?? r).join('或')}录入。`, 403);
      const parsed = LocalValueSchema.safeParse(req.body ?? {});
      if (!parsed.success) throw InputError.fromZod(parsed.error);
      const v = parsed.data;
      if (!def.local && v.scope !== '') throw new InputError([{ field: 'scope', message: `“${def.label}”适用于文件的全部范围，不分县录入（scope 留空）` }]);
      if (def.local && v.scope === '') throw new InputError([{ field: 'scope', message: '请填写县（市、区）' }]);
      const place = def.local ? checkAreaPath({ county: v.scope }, 'county') : null;
      if (place) throw new InputError([{ field: 'scope', message: place }]);
      // A county office records its own county's values only.
      if (actor.role !== 'admin' && roleDef(actor.role)?.level === 'county' && actor.county !== v.scope)
        throw new CaseError(`只能录入本县（${actor.county ?? '无'}）的参数值。`, 403);
      if (def.kind === 'number' && (typeof v.value !== 'number' || !(v.value > 0)))
        throw new InputError([{ field: 'value', message: `“${def.label}”应为大于 0 的数值（${def.unit}）` }]);
      if (def.kind === 'text' && typeof v.value !== 'string') throw new InputError([{ field: 'value', message: `“${def.label}”应为文字` }]);
      await db.kysely
        .insertInto('parameter_values')
        .values({
          key: def.key,
          scope: v.scope,
          effective_from: v.effectiveFrom,
          value_json: JSON.stringify(v.value),
          source: v.source,
          note: v.note,
          entered_by: actor.id,
          entered_by_name: actor.name,
          entered_at: new Date().toISOString(),
        })
        .execute();
      reply.code(201);
      return (await view([found], today()))[0];
    },
  );
};
