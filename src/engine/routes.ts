// HTTP routes of the case engine: any procedure, by id.
import { config } from '../platform/config.js';
import { BODY_LIMITS } from '../server/limits.js';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../auth/service.js';
import type { Db } from '../db/connection.js';
import { assessApplication, InputError, parseApplication } from './assess.js';
import { listDocuments, readDocument, uploadDocument } from './documents.js';
import { verifyAuditChain } from './audit.js';
import { CaseError, type CaseEngine } from './cases.js';
import { governingStatus, ruleSetFor } from './governance.js';
import { ROLE_LABELS } from './procedure.js';
import { citeLink, citeText } from './rules.js';
import { todayIso, isoDate } from '../calendar/dates.js';

/** Lookups per minute per address (a 6-character tail has a million values: trying them is not an option). */
export const PROGRESS_LOOKUPS_PER_MINUTE = 10;

export const caseRoutes: FastifyPluginAsyncZod<{ db: Db; engine: CaseEngine; actorOf: (req: FastifyRequest) => Promise<Actor> }> = async (
  app,
  { db, engine, actorOf },
) => {
  const procedureParam = z.object({ procedure: z.string().min(1) });

  app.get(
    '/api/procedures/:procedure',
    { schema: { tags: ['办事'], summary: '办事事项：流程、时限、规则及其条款依据、依据文件效力', params: procedureParam } },
    async (req) => {
      const p = engine.procedure(req.params.procedure);
      const records = await engine.records(p.id);
      const today = todayIso();
      const set = ruleSetFor(p.ruleSets, records, today);
      return {
        id: p.id,
        name: p.name,
        governingDocumentStatus: governingStatus(set, records, today),
        states: p.states.map((s) => ({
          ...s,
          actorLabel: s.actor ? ROLE_LABELS[s.actor] : null,
          limit: s.limit ? { ...s.limit, cites: citeText(s.limit.citation), link: citeLink(s.limit.citation) } : null,
        })),
        rules: set.rules.map((r) => ({ id: r.id, summary: r.summary, cites: citeText(r.citation), link: citeLink(r.citation) })),
        // The figures the rules read (values and who sets them: GET /api/parameters?procedure=…).
        parameters: (p.parameters ?? []).map((d) => ({ key: d.key, label: d.label, unit: d.unit, local: Boolean(d.local) })),
        materials: (p.materials ?? []).map((m) => ({ label: m.label, note: m.note ?? null, cites: citeText(m.citation), link: citeLink(m.citation) })),
        schema: z.toJSONSchema(p.applicationSchema, { io: 'input' }),
        // The typed record, when the procedure declares one: the case page labels what actions recorded from it.
        recordSchema: p.recordSchema ? z.toJSONSchema(p.recordSchema, { io: 'output', unrepresentable: 'any' }) : null,
        // Each action with who takes it, from which states, its article and the JSON Schema of what it records.
        actions: p.actions.map((a) => ({
          id: a.id,
          label: a.label,
          from: a.from,
          roles: a.roles,
          cites: citeText(a.citation),
          link: citeLink(a.citation),
          decides: Boolean(a.decides),
          // 会审: every role named gives its opinion once; the decision comes with the last.
          joint: Boolean(a.joint),
          payloadSchema: a.payload ? z.toJSONSchema(a.payload, { io: 'input', unrepresentable: 'any' }) : null,
        })),
      };
    },
  );

  // 办件进度查询: public, but limited per address whoever asks (the ID tail must not be guessable by trying).
  app.post(
    '/api/progress',
    {
      config: {
        rateLimit: {
          max: PROGRESS_LOOKUPS_PER_MINUTE,
          timeWindow: '1 minute',
          keyGenerator: (req: { ip: string }) => `progress:${req.ip}`,
          allowList: () => false,
        },
      },
      schema: {
        tags: ['办事'],
        summary: '办件进度查询（公开）：办件编号 + 申请人身份证号后 6 位；只答当前环节、日期和期限，不含个人信息',
        body: z.object({
          caseId: z.string({ error: '请填写办件编号' }).trim().min(1, '请填写办件编号').max(60, '办件编号过长'),
          idTail: z
            .string({ error: '请填写申请人身份证号后 6 位' })
            .trim()
            .regex(/^[0-9]{5}[0-9Xx]$/, '身份证号后 6 位应为 6 位数字（最后一位可为 X）'),
        }),
      },
    },
    async (req) => engine.progress(req.body.caseId, req.body.idTail),
  );

  app.post(
    '/api/procedures/:procedure/assess',
    { schema: { tags: ['办事'], summary: '按条款审查一份申请（不保存），边填边查', params: procedureParam, body: z.unknown() } },
    async (req) => {
      const p = engine.procedure(req.params.procedure);
      return assessApplication(p, parseApplication(p, req.body), await engine.records(p.id), await engine.localParameters(p));
    },
  );

  app.post(
    '/api/procedures/:procedure/governance',
    {
      schema: {
        tags: ['办事'],
        summary: '登记依据文件的延期或替代文件（管理员）',
        params: procedureParam,
        body: z.object({
          kind: z.enum(['extension', 'successor'], { error: 'kind 应为 extension（延期）或 successor（替代文件）' }),
          document: z.string().trim().min(2, '请填写文号').max(60),
          validUntil: isoDate('日期').nullable().optional(),
          note: z.string().trim().max(500).optional(),
        }),
      },
    },
    async (req, reply) => {
      const actor = await actorOf(req);
      if (actor.role !== 'admin') throw new CaseError('只有管理员可以登记依据文件的延期或替代。', 403);
      const p = engine.procedure(req.params.procedure);
      if (req.body.kind === 'extension' && !req.body.validUntil) throw new CaseError('登记延期须填写新的有效期截止日 validUntil。', 422);
      await db.kysely
        .insertInto('governance_records')
        .values({
          procedure: p.id,
          kind: req.body.kind,
          document: req.body.document,
          valid_until: req.body.validUntil ?? null,
          note: req.body.note ?? null,
          recorded_by: actor.username,
          recorded_at: new Date().toISOString(),
        })
        .execute();
      const records = await engine.records(p.id);
      return reply.status(201).send(governingStatus(ruleSetFor(p.ruleSets, records, todayIso()), records, todayIso()));
    },
  );

  app.post(
    '/api/procedures/:procedure/cases',
    {
      schema: {
        tags: ['办事'],
        summary: '提交申请（立案）：申请日期由系统按收到之日记录；经办人补录早于今天收到的纸质申请时须说明收件情况（paperReason）',
        params: procedureParam,
        querystring: z.object({ paperReason: z.string().max(500).optional().describe('补录纸质申请：收件情况（申请日期早于今天时必填）') }),
        body: z.unknown(),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await engine.create(req.params.procedure, await actorOf(req), req.body, { paperReason: req.query.paperReason })),
  );

  app.get(
    '/api/cases',
    {
      schema: {
        tags: ['办事'],
        summary: '案件列表（按角色和辖区）',
        querystring: z.object({
          procedure: z.string().optional(),
          state: z.string().optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
      },
    },
    async (req) => engine.list(await actorOf(req), req.query),
  );

  app.get(
    '/api/cases/:id',
    { schema: { tags: ['办事'], summary: '案件：进度、时限、决定及其条款、时间线', params: z.object({ id: z.string().min(1) }) } },
    async (req) => engine.get(await actorOf(req), req.params.id),
  );

  app.post(
    '/api/cases/:id/actions/:action',
    {
      schema: {
        tags: ['办事'],
        summary: '办理一个环节（须带当前版本号 version）；返回更新后的案件，请求头 Prefer: return=minimal 时只返回编号和新版本号',
        params: z.object({ id: z.string().min(1), action: z.string().min(1) }),
        body: z.object({
          version: z.number({ error: '请提供案件版本号 version' }).int(),
          date: z.string().optional().describe('办理日期（默认今天）'),
          payload: z.unknown().optional(),
        }),
      },
    },
    async (req, reply) => {
      const actor = await actorOf(req);
      // RFC 7240: a client that does not need the updated case (a batch, an integration) says
      // `Prefer: return=minimal` and gets its id and new version, without the case view being rebuilt.
      if (/\breturn=minimal\b/.test(String(req.headers.prefer ?? ''))) {
        const version = await engine.apply(actor, req.params.id, req.params.action, req.body);
        void reply.header('preference-applied', 'return=minimal');
        return { id: req.params.id, version };
      }
      return engine.act(actor, req.params.id, req.params.action, req.body);
    },
  );

  app.get(
    '/api/cases/:id/receipt',
    {
      schema: {
        tags: ['办事'],
        summary: '受理回执（PDF）：办件编号、受理日期、受理单位、办理时限及其条款、进度查询方式',
        params: z.object({ id: z.string().min(1) }),
      },
    },
    async (req, reply) => {
      const pdf = await engine.receipt(await actorOf(req), req.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="receipt.pdf"; filename*=UTF-8''${encodeURIComponent(`受理回执-${req.params.id}.pdf`)}`)
        .send(pdf);
    },
  );

  app.get(
    '/api/cases/:id/certificates/:certificate',
    {
      schema: {
        tags: ['办事'],
        summary: '下载证书或表格（PDF），如农村宅基地批准书、乡村建设规划许可证',
        params: z.object({ id: z.string().min(1), certificate: z.string().min(1) }),
      },
    },
    async (req, reply) => {
      const { label, pdf } = await engine.certificate(await actorOf(req), req.params.id, req.params.certificate);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="${req.params.certificate}.pdf"; filename*=UTF-8''${encodeURIComponent(`${label}-${req.params.id}.pdf`)}`,
        )
        .send(pdf);
    },
  );

  app.post(
    '/api/cases/:id/documents',
    {
      bodyLimit: BODY_LIMITS.document,
      schema: {
        tags: ['办事'],
        summary: '上传材料（PDF、PNG、JPEG，≤10 MB；请求体为文件本身）',
        params: z.object({ id: z.string().min(1) }),
        querystring: z.object({ kind: z.string().min(1, '请指定材料类型 kind'), name: z.string().min(1, '请提供文件名 name').max(200) }),
      },
    },
    async (req, reply) => {
      const actor = await actorOf(req);
      if (!Buffer.isBuffer(req.body))
        throw new InputError([{ field: 'file', message: '请以文件内容作为请求体上传（Content-Type 为 application/pdf、image/png 或 image/jpeg）' }]);
      const row = await db.kysely.selectFrom('cases').select('procedure').where('id', '=', req.params.id).executeTakeFirst();
      const kinds = row ? engine.procedure(row.procedure).documentKinds : [];
      const doc = await uploadDocument(db, engine, actor, req.params.id, kinds, {
        kind: req.query.kind,
        name: req.query.name,
        declaredMime: String(req.headers['content-type'] ?? '')
          .split(';')[0]
          .trim(),
        bytes: req.body,
      });
      return reply.status(201).send(doc);
    },
  );
  app.get('/api/cases/:id/documents', { schema: { tags: ['办事'], summary: '案件材料列表', params: z.object({ id: z.string().min(1) }) } }, async (req) => {
    const c = await engine.get(await actorOf(req), req.params.id);
    return { items: await listDocuments(db, c.id, c.documentKinds) };
  });
  app.get(
    '/api/cases/:id/documents/:sha256',
    {
      schema: {
        tags: ['办事'],
        summary: '下载材料',
        params: z.object({ id: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/, '应为 64 位十六进制 SHA-256') }),
      },
    },
    async (req, reply) => {
      await engine.get(await actorOf(req), req.params.id);
      const f = await readDocument(db, req.params.id, req.params.sha256);
      return reply
        .type(f.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .send(f.data);
    },
  );

  app.get(
    '/api/cases/:id/archive',
    { schema: { tags: ['办事'], summary: '一户一档：案件全部记录、材料及哈希校验', params: z.object({ id: z.string().min(1) }) } },
    async (req) => engine.archive(await actorOf(req), req.params.id),
  );

  app.get('/api/inbox', { schema: { tags: ['办事'], summary: '待办：本角色本辖区待办理的环节，逾期和临期在前' } }, async (req) => ({
    items: await engine.inbox(await actorOf(req)),
  }));
  app.get('/api/dashboard', { schema: { tags: ['办事'], summary: '乡镇/县统计看板' } }, async (req) => engine.dashboard(await actorOf(req)));

  app.get('/api/audit/verify', { schema: { tags: ['审计'], summary: '校验审计哈希链（管理员）' } }, async (req) => {
    const actor = await actorOf(req);
    if (actor.role !== 'admin') throw new CaseError('只有管理员可以校验审计链。', 403);
    return verifyAuditChain(db, { auditKey: config().ZHENGWU_AUDIT_KEY ?? null });
  });
};
