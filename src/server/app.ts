// The HTTP server: API under /api (OpenAPI at /api/docs), the web app for everything else.
import { DomainError } from '../platform/errors.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import secureJson from 'secure-json-parse';
import { JSON_BODY_LIMIT, jsonDepth, MAX_JSON_DEPTH } from './limits.js';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  validatorCompiler,
  serializerCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { isBusy, type Db } from '../db/connection.js';
import { gazetteRoutes } from '../gazette/routes.js';
import { calendarRoutes } from '../calendar/routes.js';
import type { CalendarService } from '../calendar/service.js';
import { actorResolver, authRoutes } from '../auth/routes.js';
import '../engine/zod-locale.js';
import { CaseEngine, CaseError } from '../engine/cases.js';
import { caseRoutes } from '../engine/routes.js';
import { noticeRoutes } from '../engine/notice-routes.js';
import { NoticeService } from '../engine/notices.js';
import { REGISTRY, type Registry } from '../procedures/registry.js';
import { registryRoutes } from './registry-routes.js';
import { areasRoutes } from './areas-routes.js';
import { guideRoutes } from '../guide/routes.js';
import { parameterRoutes } from '../engine/parameter-routes.js';
import { plansRoutes } from '../plans/routes.js';
import { notificationRoutes } from '../notifications/routes.js';
import { supervisionRoutes } from '../supervision/routes.js';
import { dutyRoutes } from '../duties/routes.js';
import { ratingRoutes } from '../ratings/routes.js';
import { passwordChangeGuard, registrationRoutes } from '../registration/routes.js';
import { todayIso } from '../calendar/dates.js';

export interface AppOptions {
  db: Db;
  calendar: CalendarService;
  /** A fixed administrator token (ZHENGWU_ADMIN_TOKEN, tests); null: only the rotating token kept in the database. */
  adminToken: string | null;
  logger?: boolean | object;
  webRoot?: string;
  /** The current day; tests fix it. */
  today?: () => string;
  /** The procedure modules (default: src/procedures/registry.ts; a test may add its own). */
  registry?: Registry;
}

/** A user error with an HTTP status and a message in Chinese. */
export class HttpError extends DomainError {
  constructor(statusCode: number, message: string, code = 'error') {
    super(message, statusCode, code);
  }
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: JSON_BODY_LIMIT,
    // Errors Fastify meets before routing (a malformed URL, a bad header) answer in Chinese too.
    frameworkErrors: (err, _req, reply) => {
      void (reply as unknown as { status(n: number): { send(b: unknown): void } })
        .status(400)
        .send({ error: 'bad_request', message: err.code === 'FST_ERR_BAD_URL' ? '请求地址无效（含有无法解码的字符）。' : `请求无效：${err.message}` });
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON: depth checked in one pass first, then parsed with prototype-poisoning protection.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(new HttpError(400, '请求体为空。', 'bad_json'));
    if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return done(new HttpError(400, `请求体嵌套过深（最多 ${MAX_JSON_DEPTH} 层）。`, 'bad_json'));
    try {
      done(null, secureJson.parse(text, undefined, { protoAction: 'remove', constructorAction: 'remove' }));
    } catch {
      done(new HttpError(400, '请求体不是有效的 JSON。', 'bad_json'));
    }
  });
  await app.register(helmet, {
    // The web app is served from this origin; Ant Design writes inline styles; ECharts draws on canvas.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  // Sign-in and anonymous requests are rate limited per address. Signed-in users are accountable and not limited here;
  // repeated wrong passwords lock the account (src/auth/service.ts), which is kept in the database for every server.
  app.decorateRequest('actorPromise', null);
  const actorOf = actorResolver(opts.db, opts.adminToken);
  await app.register(rateLimit, {
    global: true,
    max: (req) => (req.routeOptions.url === '/api/auth/login' ? 30 : 600),
    timeWindow: '1 minute',
    keyGenerator: (req) => `${req.routeOptions.url === '/api/auth/login' ? 'login' : 'anon'}:${req.ip}`,
    // A valid session is not limited (a forged token is: it counts as anonymous).
    // The web app's files are not limited: a page loads dozens of route chunks, and they cost nothing to serve.
    allowList: async (req) =>
      !req.url.startsWith('/api/') ||
      (req.routeOptions.url !== '/api/auth/login' &&
        Boolean(req.headers.authorization) &&
        (await actorOf(req).then(
          () => true,
          () => false,
        ))),
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, error: 'rate_limited', message: `请求过于频繁，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试。` }),
  });
  // After a temporary password, nothing but /api/me and /api/me/password until it is changed (src/registration/).
  app.addHook('preHandler', passwordChangeGuard(actorOf));
  // Gazette files arrive as raw text or bytes.
  app.addContentTypeParser(
    ['text/plain', 'application/octet-stream', 'application/pdf', 'image/png', 'image/jpeg'],
    { parseAs: 'buffer' },
    (_req, body, done) => done(null, body),
  );

  await app.register(swagger, {
    openapi: {
      info: { title: '政务 Zhengwu API', description: '承德市人民政府公报：文库、检索、工作日计算', version: '0.1.0' },
      components: { securitySchemes: { admin: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => `${v.instancePath.replace(/^\//, '') || (err.validationContext ?? '参数')}：${v.message}`);
      return reply.status(400).send({ error: 'validation', message: `请求参数不正确：${details.join('；')}`, details });
    }
    // Every user-facing error of the platform: its status, its code and its Chinese message (and the fields at fault).
    if (err instanceof DomainError) {
      if (err instanceof CaseError && err.internal) req.log.error({ internal: err.internal }, 'a procedure definition failed on a case');
      return reply.status(err.status).send(err.body());
    }
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (err.statusCode === 400 && /JSON/i.test(err.message))) {
      return reply.status(400).send({ error: 'bad_json', message: '请求体不是有效的 JSON。' });
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.status(415).send({ error: 'media_type', message: '不支持的内容类型。' });
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const limit = req.routeOptions.bodyLimit ?? JSON_BODY_LIMIT;
      return reply.status(413).send({
        error: 'too_large',
        message: `请求内容过大（此接口上限 ${limit >= 1024 * 1024 ? `${Math.round(limit / 1024 / 1024)} MB` : `${Math.round(limit / 1024)} KB`}）。`,
      });
    }
    if (err.statusCode === 429) return reply.status(429).send({ error: 'rate_limited', message: err.message });
    if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return reply.status(400).send({ error: 'bad_json', message: '请求体为空。' });
    // PostgreSQL gave up one of two competing transactions: nothing was written; the user tries again.
    if ((err as { code?: string }).code === '40P01' || (err as { code?: string }).code === '40001') {
      return reply.status(409).send({ error: 'conflict', message: '与其他人的操作同时发生，本次操作未生效，请刷新后重试。' });
    }
    // SQLite: another process (an ingest from the command line) held the write lock past the busy timeout; nothing was written.
    if (isBusy(err)) {
      return reply.status(503).header('retry-after', '5').send({ error: 'busy', message: '数据库正忙（另一项写入尚未完成），本次操作未生效，请稍后重试。' });
    }
    req.log.error(err);
    return reply.status(500).send({ error: 'internal', message: '服务器内部错误，请稍后重试或联系管理员。' });
  });

  const requireAdmin = async (req: FastifyRequest) => {
    const actor = await actorOf(req).catch(() => null);
    if (actor?.role !== 'admin') throw new HttpError(401, '需要管理员凭据（管理员登录或 Authorization: Bearer <管理员令牌>）。', 'unauthorized');
  };
  const registry = opts.registry ?? REGISTRY;
  const today = () => opts.today?.() ?? todayIso();
  const engine = new CaseEngine({ db: opts.db, calendar: () => opts.calendar.calendar(), procedures: registry.procedures, today: opts.today });
  await app.register(authRoutes, { db: opts.db, actorOf });
  await app.register(caseRoutes, { db: opts.db, engine, actorOf });
  const notices = new NoticeService({ db: opts.db, engine, calendar: () => opts.calendar.calendar(), today });
  await app.register(noticeRoutes, { notices, actorOf });
  await app.register(registryRoutes, { registry });
  await app.register(areasRoutes);
  await app.register(guideRoutes, { db: opts.db, engine, registry, requireAdmin, today });
  await app.register(parameterRoutes, { db: opts.db, procedures: registry.procedures, engine, actorOf, today });
  for (const m of registry.modules) if (m.routes) await app.register(m.routes, { db: opts.db, engine, actorOf, today });

  await app.register(notificationRoutes, { db: opts.db, actorOf });
  await app.register(dutyRoutes, { db: opts.db, calendar: opts.calendar, actorOf, today: () => opts.today?.() ?? todayIso() });
  await app.register(supervisionRoutes, { db: opts.db, procedures: registry.procedures, actorOf, today: () => opts.today?.() ?? todayIso() });
  await app.register(registrationRoutes, { db: opts.db, actorOf });
  await app.register(ratingRoutes, { db: opts.db, engine, procedures: registry.procedures, calendar: () => opts.calendar.calendar(), actorOf, today });
  await app.register(plansRoutes, { db: opts.db, actorOf, today: () => opts.today?.() ?? todayIso() });
  await app.register(gazetteRoutes, { db: opts.db, requireAdmin, actorOf, today });
  await app.register(calendarRoutes, { db: opts.db, calendar: opts.calendar, requireAdmin });
  app.get('/api/health', { schema: { hide: true } }, async () => ({ ok: true, database: opts.db.dialect }));

  const webRoot = opts.webRoot ?? resolve('dist/web');
  if (existsSync(webRoot)) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      // The build writes .br/.gz beside each asset (vite.config.ts): sent as the browser accepts, never compressed per request.
      preCompressed: true,
      // Routes for the files themselves only: the .br/.gz beside them are found per request (about a third of the routes, and of their start-up).
      globIgnore: ['**/*.br', '**/*.gz'],
      cacheControl: false,
      // Assets carry a content hash in their names: cached for a year. The page itself is revalidated on each visit.
      setHeaders: (res, path) => res.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/')) return reply.status(404).send({ error: 'not_found', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` });
      return reply.sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/')) return reply.status(404).send({ error: 'not_found', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` });
      return reply.status(404).type('text/plain; charset=utf-8').send('网页尚未构建：请运行 npm start（会先构建网页）。');
    });
  }
  return app;
}
