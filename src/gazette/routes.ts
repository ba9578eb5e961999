// HTTP routes of the gazette library. Handlers only translate HTTP to the library functions.
import { BODY_LIMITS } from '../server/limits.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/connection.js';
import { HttpError } from '../server/app.js';
import { getDocument, getIssue, listDocuments, listIssues, search } from './library.js';
import { ingestGazette, parsedFromRow } from './store.js';
import { numberComponent, toAkomaNtoso } from './akn.js';
import { normalizeDocNumber } from './normalize.js';
import { addRelation } from './relation-store.js';
import { RELATION_KINDS } from './types.js';
import { todayIso } from '../calendar/dates.js';
import { parseGazetteOffThread } from './parse-off-thread.js';

const validity = z.enum(['in_force', 'expired', 'not_yet']).describe('效力状态：in_force 现行有效 / expired 已失效 / not_yet 尚未生效');
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().slice(0, 10) === s, '不是有效的日期');
const page = z.coerce.number().int().min(1, '页码最小为 1').max(10000).default(1).describe('页码，从 1 开始');

export const gazetteRoutes: FastifyPluginAsyncZod<{
  db: Db;
  requireAdmin: (req: any) => Promise<void>;
  /** Who records a relation (an administrator: requireAdmin has checked). */
  actorOf?: (req: any) => Promise<{ username: string }>;
  today?: () => string;
}> = async (app, { db, requireAdmin, actorOf, today = todayIso }) => {
  app.get(
    '/api/issues',
    {
      schema: {
        tags: ['文库'],
        summary: '公报各期列表（按期号倒序，分页）',
        querystring: z.object({
          page,
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
          year: z.coerce.number().int().min(1949, '年份应为四位数').max(2999, '年份应为四位数').optional().describe('只列出这一年的各期'),
        }),
      },
    },
    async (req) => listIssues(db, req.query),
  );

  app.get('/api/issues/:id', { schema: { tags: ['文库'], summary: '一期公报：目录与各篇', params: z.object({ id: z.string().min(1) }) } }, async (req) => {
    const issue = await getIssue(db, req.params.id);
    if (!issue) throw new HttpError(404, `未找到公报：${req.params.id}`, 'not_found');
    return issue;
  });

  app.get(
    '/api/documents',
    {
      schema: {
        tags: ['文库'],
        summary: '文件列表（按期、发文机关、类型、效力筛选）',
        querystring: z.object({
          issue: z.string().optional().describe('期号，如 2022年第4号'),
          issuer: z.string().optional().describe('发文机关'),
          kind: z.enum(['notice', 'interpretation']).optional(),
          validity: validity.optional(),
          page,
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (req) => listDocuments(db, req.query),
  );

  app.get(
    '/api/documents/:number',
    {
      schema: {
        tags: ['文库'],
        summary: '一篇文件：元数据、结构（章/条/款/项）、表格、引用、效力',
        params: z.object({ number: z.string().min(1).describe('文号（任意写法，如 隆政发[2022]11号）或解读的编号') }),
        querystring: z.object({ asOf: isoDay.optional().describe('按此日期显示效力（默认今天），计入已登记的延期、废止、替代') }),
      },
    },
    async (req) => {
      const doc = await getDocument(db, req.params.number, req.query.asOf ?? today());
      if (!doc) throw new HttpError(404, `文库中没有文件：${req.params.number}`, 'not_found');
      return doc;
    },
  );

  app.get(
    '/api/documents/:number/akn.xml',
    {
      schema: {
        tags: ['文库'],
        summary: '以 Akoma Ntoso 3.0 XML 导出一篇文件（FRBR 标识 /akn/cn-13-08/act/…，条为 <article>）',
        params: z.object({ number: z.string().min(1).describe('文号（任意写法）或解读的编号') }),
      },
    },
    async (req, reply) => {
      const id = normalizeDocNumber(req.params.number) ?? req.params.number.trim();
      const row = await db.kysely
        .selectFrom('documents as d')
        .innerJoin('gazette_issues as i', 'i.id', 'd.issue_id')
        .select(['d.data_json', 'i.id as issue_id', 'i.number as issue_number', 'i.title as issue_title', 'i.year as issue_year'])
        .where('d.id', '=', id)
        .executeTakeFirst();
      if (!row) throw new HttpError(404, `文库中没有文件：${req.params.number}`, 'not_found');
      const xml = toAkomaNtoso({
        doc: parsedFromRow(row),
        issue: { id: row.issue_id, number: row.issue_number, title: row.issue_title, year: row.issue_year === null ? null : Number(row.issue_year) },
        generated: today(),
      });
      const file = `${numberComponent(parsedFromRow(row))}.akn.xml`;
      return reply
        .type('application/akn+xml; charset=utf-8')
        .header('content-disposition', `inline; filename="akn.xml"; filename*=UTF-8''${encodeURIComponent(file)}`)
        .send(xml);
    },
  );

  app.post(
    '/api/documents/:number/relations',
    {
      schema: {
        tags: ['文库'],
        summary: '登记文件之间的关系（修改、废止、延期、替代、解读、实施、引用；管理员，须说明理由）',
        security: [{ admin: [] }],
        params: z.object({ number: z.string().min(1).describe('本文件的文号') }),
        body: z
          .object({
            kind: z.enum(RELATION_KINDS, { error: `kind 应为 ${RELATION_KINDS.join('、')} 之一` }),
            source: z.string().trim().min(2).max(200).optional().describe('对本文件作出该关系的文件（文号或标题），如延期本文件的文件'),
            target: z.string().trim().min(2).max(200).optional().describe('本文件作出该关系所针对的文件（文号或标题）'),
            validUntil: isoDay.optional().describe('延期：新的有效期截止日'),
            effectiveDate: isoDay.optional().describe('废止、替代：自哪一天起'),
            reason: z.string({ error: '请填写登记理由 reason' }).trim().min(2, '请填写登记理由 reason').max(1000),
          })
          .refine((b) => (b.source ? 1 : 0) + (b.target ? 1 : 0) === 1, {
            message: '须且只须填写 source（作用于本文件的文件）或 target（本文件作用的文件）之一',
            path: ['source'],
          })
          .refine((b) => b.kind !== 'extends' || b.validUntil, { message: '登记延期须填写新的有效期截止日 validUntil', path: ['validUntil'] }),
      },
      onRequest: requireAdmin,
    },
    async (req, reply) => {
      const doc = await getDocument(db, req.params.number);
      if (!doc) throw new HttpError(404, `文库中没有文件：${req.params.number}`, 'not_found');
      const by = (await actorOf?.(req).catch(() => null))?.username ?? '管理员';
      const id = await addRelation(db.kysely, doc.id, req.body, by);
      const after = await getDocument(db, doc.id);
      return reply.status(201).send({ id, relations: after!.relations, validity: after!.validity });
    },
  );

  app.get(
    '/api/search',
    {
      schema: {
        tags: ['文库'],
        summary: '中文全文检索（按相关度排序，带高亮摘要与命中条款）',
        querystring: z.object({
          q: z.string({ error: '请输入检索词 q' }).trim().min(1, '请输入检索词 q').max(100, '检索词最多 100 字'),
          document: z.string().optional().describe('限定文件（文号）'),
          issuer: z.string().optional().describe('限定发文机关'),
          validity: validity.optional(),
          page,
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
      },
    },
    async (req) => {
      const { q, ...filter } = req.query;
      return search(db, q, filter);
    },
  );

  app.post(
    '/api/gazettes',
    {
      schema: {
        tags: ['文库'],
        summary: '导入一期公报（纯文本，UTF-8；管理员）',
        security: [{ admin: [] }],
        consumes: ['text/plain', 'application/octet-stream'],
      },
      onRequest: requireAdmin,
      bodyLimit: BODY_LIMITS.gazette,
    },
    async (req, reply) => {
      const body = req.body;
      if (!Buffer.isBuffer(body)) throw new HttpError(415, '请以 text/plain 或 application/octet-stream 上传公报文本。', 'media_type');
      const result = await ingestGazette(db, body, parseGazetteOffThread);
      return reply.status(result.status === 'created' ? 201 : 200).send(result);
    },
  );
};
