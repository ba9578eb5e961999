// Starts the platform: database, bundled gazette on first start, HTTP server.
import { config } from '../platform/config.js';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import pino from 'pino';
import { openDb } from '../db/connection.js';
import { openCalendar } from '../calendar/service.js';
import { ingestGazette } from '../gazette/store.js';
import type { NewUser } from '../auth/service.js';
import { DEMO_GOVERNANCE, ensureDemoData } from './demo.js';
import { buildApp } from './app.js';
import { currentAdminToken, rotateAdminToken } from '../auth/users.js';
import { writeCheckpoint } from '../engine/audit.js';
import { JobRunner } from '../jobs/runner.js';
import { ensureDuties } from '../duties/service.js';
import { todayIso } from '../calendar/dates.js';
import { jobHandlers } from '../jobs/handlers.js';
import { PROCEDURES } from '../procedures/registry.js';

export const BUNDLED_GAZETTES = resolve('data/gazettes');

export async function loadBundledGazettes(db: Awaited<ReturnType<typeof openDb>>, log: (msg: string) => void = () => {}) {
  const any = await db.kysely.selectFrom('gazette_issues').select('id').limit(1).executeTakeFirst();
  if (any) return;
  for (const f of readdirSync(BUNDLED_GAZETTES)
    .filter((n) => n.endsWith('.txt'))
    .sort()) {
    const r = await ingestGazette(db, readFileSync(join(BUNDLED_GAZETTES, f)));
    log(`已载入内置公报 ${r.issueId}（${r.documents} 篇）`);
  }
}

/** When to create the demo accounts: asked for (`--demo`, ZHENGWU_DEMO=1), or `embedded` (npm start): only on the embedded SQLite file. */
export function wantsDemo(flag: boolean, env: string | undefined, dialect: 'sqlite' | 'postgres'): boolean {
  if (flag || env === '1' || env === 'true') return true;
  return env === 'embedded' && dialect === 'sqlite';
}

/** The administrator token: an operator's fixed one, or the rotating one kept (as a hash) in the database and written once to a file. */
async function adminTokenAtStart(db: Awaited<ReturnType<typeof openDb>>, log: (m: string) => void): Promise<string | null> {
  if (config().ZHENGWU_ADMIN_TOKEN) return config().ZHENGWU_ADMIN_TOKEN!;
  const current = await currentAdminToken(db);
  const file = resolve(config().ZHENGWU_ADMIN_TOKEN_FILE);
  if (current && current.expires_at > new Date().toISOString()) {
    log(`管理员令牌 ${current.prefix}…（有效至 ${current.expires_at.slice(0, 10)}），见 ${file}；轮换：node bin/zhengwu.js admin-token rotate`);
    return null;
  }
  const t = await rotateAdminToken(db);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${t.token}\n`, { mode: 0o600 });
  log(`已生成管理员令牌 ${t.prefix}…（有效至 ${t.expiresAt.slice(0, 10)}），完整令牌仅写入 ${file}（仅本机可读）`);
  return null;
}

/** What the person who started the server needs to read, as text (the JSON log lines stay for the log stream). */
export function startSummary(o: { port: number; host: string; dialect: string; demo: NewUser[] }): string {
  const lines = [
    '',
    '──────────────────────────────────────────────',
    `  政务 Zhengwu 已启动：http://localhost:${o.port}`,
    `  登录：http://localhost:${o.port}/login  接口文档：/api/docs  数据库：${o.dialect}`,
    o.host === '127.0.0.1' ? '  仅本机可访问（设置 HOST=0.0.0.0 对外提供服务）' : `  监听地址：${o.host}`,
  ];
  if (o.demo.length) {
    const width = Math.max(...o.demo.map((u) => u.username.length));
    // Column heads are CJK (two columns each on a terminal): padded by display width.
    lines.push('', '  【演示账号】（仅供演示，已在空库中创建）', `  用户名${' '.repeat(width + 2 - 6)}密码${' '.repeat(18 - 4)}角色`);
    for (const u of o.demo) lines.push(`  ${u.username.padEnd(width + 2)}${u.password.padEnd(18)}${u.displayName.replace(/^演示·/, '')}`);
    lines.push('', ...DEMO_GOVERNANCE.map((g) => `  ${g.note}`), '  正式使用前删除演示账号和演示数据：node bin/zhengwu.js demo remove');
  }
  lines.push('──────────────────────────────────────────────', '');
  return lines.join('\n');
}

export async function serve(opts: { port?: number; demo?: boolean } = {}) {
  const cfg = config(); // validated here, once: a wrong value stops the start with its name
  const logger = pino({ level: cfg.LOG_LEVEL });
  let createdDemo: NewUser[] = [];
  const db = await openDb();
  await loadBundledGazettes(db, (m) => logger.info(m));
  const calendar = await openCalendar(db);
  if (wantsDemo(Boolean(opts.demo), cfg.ZHENGWU_DEMO, db.dialect)) {
    const demo = await ensureDemoData(db);
    // The log stream gets one line (no passwords); the person starting the server gets the table below.
    if (demo.length) {
      logger.info({ demoAccounts: demo.length }, '已创建【演示账号】');
      createdDemo = demo;
    }
  }
  const adminToken = await adminTokenAtStart(db, (m) => logger.info(m));
  // Signed checkpoints of the audit chain, hourly, with a key kept outside the database.
  const auditKey = cfg.ZHENGWU_AUDIT_KEY;
  if (auditKey) {
    const sign = () => writeCheckpoint(db, auditKey).catch((e) => logger.error({ err: e }, '审计检查点写入失败'));
    await sign();
    setInterval(sign, 3600_000).unref();
  } else logger.info('未设置 ZHENGWU_AUDIT_KEY：审计链不做签名检查点（见 README）。');
  const app = await buildApp({ db, calendar, adminToken, logger: { level: cfg.LOG_LEVEL } });
  // Reminders, escalations and deliveries: every server runs due jobs; leases in the database keep each job to one runner.
  // This period's recurring duties, made once per office (idempotent), then hourly.
  const duties = () => ensureDuties(db, calendar.calendar(), todayIso()).catch((e) => logger.error({ err: e }, '定期事项生成失败'));
  await duties();
  setInterval(duties, 3600_000).unref();
  const stopJobs = new JobRunner(db, jobHandlers({ procedures: PROCEDURES }), { log: (m, e) => logger.warn({ err: e }, m) }).start(
    cfg.ZHENGWU_JOBS_INTERVAL_MS,
  );
  const port = opts.port ?? cfg.PORT;
  // Only this machine by default (the demo passwords are published); HOST=0.0.0.0 serves the network.
  await app.listen({ port, host: cfg.HOST });
  logger.info(`政务 Zhengwu 已启动：http://localhost:${port}  （API 文档 /api/docs，数据库 ${db.dialect}）`);
  process.stdout.write(startSummary({ port, host: cfg.HOST, dialect: db.dialect, demo: createdDemo }));
  const stop = async () => {
    stopJobs();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
