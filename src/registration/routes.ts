// Routes of self-registration, phone codes, password reset and the officials' 待确认账号 (src/registration/service.ts).
// The public ones are rate limited per address like sign-in (src/server/app.ts), more tightly.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/connection.js';
import { AuthError, type Actor } from '../auth/service.js';
import {
  confirmRegistration,
  confirmReset,
  listAccounts,
  listRegistrations,
  register,
  rejectRegistration,
  requestReset,
  resendRegistrationCode,
  setTemporaryPassword,
  smsChannel,
  verifyRegistration,
} from './service.js';

/** Public account requests: 10 a minute per address, counted together (registration, codes, reset). */
const LIMITED = {
  rateLimit: {
    max: 10,
    timeWindow: '1 minute',
    keyGenerator: (req: FastifyRequest) => `account:${req.ip}`,
    allowList: () => false,
  },
};

/** What a signed-in user with a temporary password may still call. */
const WHILE_TEMPORARY = new Set(['/api/me', '/api/me/password', '/api/auth/logout', '/api/auth/login']);

/** A preHandler for every route: after a temporary password, nothing but /api/me and /api/me/password until it is changed. */
export function passwordChangeGuard(actorOf: (req: FastifyRequest) => Promise<Actor>) {
  return async (req: FastifyRequest) => {
    if (!req.headers.authorization || !req.url.startsWith('/api/') || WHILE_TEMPORARY.has(req.routeOptions.url ?? '')) return;
    const actor = await actorOf(req).catch(() => null);
    if (actor?.mustChangePassword) throw new AuthError('您正在使用临时密码：请先修改密码（用户菜单 → 修改密码），再继续使用。', 403);
  };
}

const TAGS = ['注册与找回密码'];
const idParam = z.object({ id: z.coerce.number().int().positive('编号应为正整数') });

export const registrationRoutes: FastifyPluginAsyncZod<{ db: Db; actorOf: (req: FastifyRequest) => Promise<Actor> }> = async (app, { db, actorOf }) => {
  app.get('/api/auth/channel', { schema: { tags: TAGS, summary: '是否开通短信验证（未开通时注册由村、乡镇或县级部门确认，密码由其重置）' } }, async () => ({
    sms: smsChannel(),
  }));
  app.post(
    '/api/register',
    {
      config: LIMITED,
      schema: {
        tags: TAGS,
        summary: '自助注册：村民（applicant，县/乡镇/村）或企业（enterprise，统一社会信用代码、县）；用户名为手机号码',
        body: z.unknown(),
      },
    },
    async (req, reply) => reply.status(201).send(await register(db, req.body, req.ip)),
  );
  app.post(
    '/api/register/verify',
    { config: LIMITED, schema: { tags: TAGS, summary: '输入短信验证码完成注册（5 次输错作废，10 分钟有效）', body: z.unknown() } },
    async (req) => verifyRegistration(db, req.body, req.ip),
  );
  app.post(
    '/api/register/resend',
    { config: LIMITED, schema: { tags: TAGS, summary: '重新发送注册验证码（60 秒一次，一小时 5 次）', body: z.unknown() } },
    async (req) => resendRegistrationCode(db, req.body),
  );
  app.post(
    '/api/auth/reset/request',
    { config: LIMITED, schema: { tags: TAGS, summary: '忘记密码：向手机号发送验证码（需开通短信通道）', body: z.unknown() } },
    async (req) => requestReset(db, req.body, req.ip),
  );
  app.post('/api/auth/reset/confirm', { config: LIMITED, schema: { tags: TAGS, summary: '忘记密码：验证码与新密码', body: z.unknown() } }, async (req) =>
    confirmReset(db, req.body, req.ip),
  );

  app.get(
    '/api/registrations',
    {
      schema: {
        tags: TAGS,
        summary: '本辖区的注册申请（村、乡镇：村民；县级部门：企业）',
        querystring: z.object({ status: z.enum(['pending', 'pending_code', 'active', 'rejected']).optional() }),
      },
    },
    async (req) => listRegistrations(db, await actorOf(req), req.query),
  );
  app.get('/api/registrations/accounts', { schema: { tags: TAGS, summary: '本辖区已启用的自助注册账号（用于重置临时密码）' } }, async (req) =>
    listAccounts(db, await actorOf(req)),
  );
  app.post('/api/registrations/:id/confirm', { schema: { tags: TAGS, summary: '确认注册，账号启用', params: idParam } }, async (req) =>
    confirmRegistration(db, await actorOf(req), req.params.id),
  );
  app.post(
    '/api/registrations/:id/reject',
    { schema: { tags: TAGS, summary: '退回注册（须写理由，申请人登录时看到）', params: idParam, body: z.unknown() } },
    async (req) => rejectRegistration(db, await actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/users/:id/temporary-password',
    { schema: { tags: TAGS, summary: '设置一次性临时密码（管理员；村、乡镇为本辖区村民），下次登录须修改', params: idParam } },
    async (req) => setTemporaryPassword(db, await actorOf(req), req.params.id),
  );
};
