// Sign-in routes and the request → actor step every protected route uses.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/connection.js';
import { actorForToken, AuthError, login, logout, type Actor } from './service.js';
import { addUser, adminTokenValid, changeOwnPassword, listUsers, removeUser, resetPassword, rotateAdminToken, updateUser } from './users.js';

/** The platform administrator reached through the start-up token (no user row). */
const TOKEN_ADMIN: Actor = { id: 0, username: 'admin-token', name: '管理员（令牌）', role: 'admin', county: null, township: null, village: null, unit: null };

export function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  return typeof h === 'string' && h.startsWith('Bearer ') ? h.slice(7).trim() : null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in actor of this request, resolved on first use and kept for the rest of it (one request context). */
    actorPromise: Promise<Actor> | null;
  }
}

/** The request's actor, resolved once per request (the rate limiter and the handler share it); the app decorates requests with `actorPromise`. */
export function actorResolver(db: Db, adminToken: string | null) {
  const resolve = async (req: FastifyRequest): Promise<Actor> => {
    const token = bearer(req);
    if (!token) throw new AuthError('请先登录（Authorization: Bearer <令牌>）。');
    // A token fixed by the operator (ZHENGWU_ADMIN_TOKEN), or the rotating one stored as a hash with its expiry.
    if (adminToken && token === adminToken) return TOKEN_ADMIN;
    if (token.startsWith('zw_') && (await adminTokenValid(db, token))) return TOKEN_ADMIN;
    return actorForToken(db, token);
  };
  return (req: FastifyRequest): Promise<Actor> => (req.actorPromise ??= resolve(req));
}

export const authRoutes: FastifyPluginAsyncZod<{ db: Db; actorOf: (req: FastifyRequest) => Promise<Actor> }> = async (app, { db, actorOf }) => {
  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['登录'],
        summary: '用户名密码登录，返回有效期 8 小时的令牌；连续输错 5 次临时锁定',
        body: z.object({ username: z.string().trim().min(1, '请输入用户名').max(60), password: z.string().min(1, '请输入密码').max(200) }),
      },
    },
    async (req) => login(db, req.body.username, req.body.password, new Date(), req.ip),
  );
  app.post('/api/auth/logout', { schema: { tags: ['登录'], summary: '退出登录' } }, async (req) => {
    const token = bearer(req);
    if (token) await logout(db, token);
    return { ok: true };
  });
  app.get('/api/me', { schema: { tags: ['登录'], summary: '当前用户' } }, async (req) => actorOf(req));
  app.post('/api/me/password', { schema: { tags: ['登录'], summary: '修改本人密码（须输入当前密码；新密码至少 10 位）', body: z.unknown() } }, async (req) =>
    changeOwnPassword(db, await actorOf(req), req.body),
  );

  // User administration (administrator only).
  const idParam = z.object({ id: z.coerce.number().int().positive('用户编号应为正整数') });
  app.get(
    '/api/users',
    {
      schema: {
        tags: ['用户管理'],
        summary: '用户列表（管理员）',
        querystring: z.object({
          q: z.string().max(60).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (req) => listUsers(db, await actorOf(req), req.query),
  );
  app.post('/api/users', { schema: { tags: ['用户管理'], summary: '新增用户：角色、所在地区、所属单位（管理员）', body: z.unknown() } }, async (req, reply) =>
    reply.status(201).send(await addUser(db, await actorOf(req), req.body)),
  );
  app.patch(
    '/api/users/:id',
    { schema: { tags: ['用户管理'], summary: '修改用户的角色、地区、单位或停用（管理员）', params: idParam, body: z.unknown() } },
    async (req) => updateUser(db, await actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/users/:id/password',
    { schema: { tags: ['用户管理'], summary: '重置用户密码并解除锁定（管理员）', params: idParam, body: z.object({ password: z.unknown() }) } },
    async (req) => resetPassword(db, await actorOf(req), req.params.id, req.body.password),
  );
  app.delete('/api/users/:id', { schema: { tags: ['用户管理'], summary: '删除用户（办理过案件的改为停用）（管理员）', params: idParam } }, async (req) =>
    removeUser(db, await actorOf(req), req.params.id),
  );
  app.post(
    '/api/admin-token/rotate',
    { schema: { tags: ['用户管理'], summary: '轮换管理员令牌：旧令牌立即失效，新令牌只显示这一次（管理员）' } },
    async (req) => {
      const actor = await actorOf(req);
      if (actor.role !== 'admin') throw new AuthError('只有管理员可以轮换管理员令牌。', 403);
      return rotateAdminToken(db);
    },
  );
};
