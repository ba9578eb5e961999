// Starts the platform: database, bundled gazette on first start, HTTP server.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pino from 'pino';
import { openDb } from '../db/connection.js';
import { openCalendar } from '../calendar/service.js';
import { ingestGazette } from '../gazette/store.js';
import { DEMO_GOVERNANCE, ensureDemoData } from './demo.js';
import { buildApp } from './app.js';

export const BUNDLED_GAZETTES = resolve('data/gazettes');

export async function loadBundledGazettes(db: Awaited<ReturnType<typeof openDb>>, log: (msg: string) => void = () => {}) {
  const any = await db.kysely.selectFrom('gazette_issues').select('id').limit(1).executeTakeFirst();
  if (any) return;
  for (const f of readdirSync(BUNDLED_GAZETTES).filter((n) => n.endsWith('.txt')).sort()) {
    const r = await ingestGazette(db, readFileSync(join(BUNDLED_GAZETTES, f)));
    log(`已载入内置公报 ${r.issueId}（${r.documents} 篇）`);
  }
}

export async function serve(opts: { port?: number } = {}) {
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const db = await openDb();
  await loadBundledGazettes(db, (m) => logger.info(m));
  const calendar = await openCalendar(db);
  const demo = await ensureDemoData(db);
  if (demo.length) {
    logger.info('首次启动，已创建【演示账号】（仅供演示，正式使用前请删除或修改密码）：');
    for (const u of demo) logger.info(`  【演示】${u.displayName}  用户名 ${u.username}  密码 ${u.password}`);
    for (const g of DEMO_GOVERNANCE) logger.info(`  ${g.note}`);
  }
  const adminToken = process.env.ZHENGWU_ADMIN_TOKEN ?? randomBytes(16).toString('hex');
  const app = await buildApp({ db, calendar, adminToken, logger: { level: process.env.LOG_LEVEL ?? 'info' } });
  const port = opts.port ?? Number(process.env.PORT ?? 3000);
  await app.listen({ port, host: process.env.HOST ?? '0.0.0.0' });
  if (!process.env.ZHENGWU_ADMIN_TOKEN) logger.info(`管理员令牌（仅本次运行有效，可用 ZHENGWU_ADMIN_TOKEN 固定）：${adminToken}`);
  logger.info(`政务 Zhengwu 已启动：http://localhost:${port}  （API 文档 /api/docs，数据库 ${db.dialect}）`);
  const stop = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
