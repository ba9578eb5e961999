// Sign-in routes and the request → actor step every protected route uses.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/connection.js';
import { actorForToken, AuthError, login, logout, type Actor } from './service.js';

/** The platform administrator reached through the start-up token (no user row). */
const TOKEN_ADMIN: Actor = { id: 0, username: 'admin-token', name: '管理员（令牌）', role: 'admin', county: null, township: null, village: null, unit: null };

export function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  return typeof h === 'string' && h.startsWith('Bearer ') ? h.slice(7).trim() : null;
}

/** The request's actor, resolved once per request (the rate limiter and the handler share it). */
export function actorResolver(db: Db, adminToken: string) {
  const resolved = new WeakMap<FastifyRequest, Promise<Actor>>();
  const resolve = async (req: FastifyRequest): Promise<Actor> => {
    const token = bearer(req);
    if (!token) throw new AuthError('请先登录（Authorization: Bearer <令牌>）。');
    if (token === adminToken) return TOKEN_ADMIN;
    return actorForToken(db, token);
  };
  return (req: FastifyRequest): Promise<Actor> => {
    let p = resolved.get(req);
    if (!p) resolved.set(req, (p = resolve(req)));
    return p;
  };
}

export const authRoutes: FastifyPluginAsyncZod<{ db: Db; actorOf: (req: FastifyRequest) => Promise<Actor> }> = async (app, { db, actorOf }) => {
  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['登录'],
        summary: '用户名密码登录，返回有效期 8 小时的令牌',
        body: z.object({ username: z.string().trim().min(1, '请输入用户名').max(60), password: z.string().min(1, '请输入密码').max(200) }),
      },
    },
    async (req) => login(db, req.body.username, req.body.password),
  );
  app.post('/api/auth/logout', { schema: { tags: ['登录'], summary: '退出登录' } }, async (req) => {
    const token = bearer(req);
    if (token) await logout(db, token);
    return { ok: true };
  });
  app.get('/api/me', { schema: { tags: ['登录'], summary: '当前用户' } }, async (req) => actorOf(req));
};
