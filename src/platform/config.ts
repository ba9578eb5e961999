// The configuration, from the environment, read and validated in one place: a wrong value stops the
// server or the command at start with a message naming the variable, instead of surfacing later.
import { z } from 'zod';
import { DomainError } from './errors.js';

const ms = (fallback: number) => z.coerce.number({ error: '应为毫秒数' }).int('应为整数毫秒').min(100, '至少 100 毫秒').default(fallback);
const url = (what: string) => z.string().url(`${what}应为完整网址`).optional();

export const ConfigSchema = z.object({
  DATABASE_URL: z
    .string()
    .refine((s) => /^(sqlite:|postgres(ql)?:\/\/)/.test(s), 'DATABASE_URL 应为 sqlite:文件路径 或 postgres://…')
    .optional(),
  PORT: z.coerce.number({ error: '端口应为数字' }).int().min(1, '端口应在 1–65535').max(65535, '端口应在 1–65535').default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: '日志级别应为 fatal/error/warn/info/debug/trace/silent' })
    .default('info'),
  ZHENGWU_ADMIN_TOKEN: z.string().min(1).optional(),
  ZHENGWU_ADMIN_TOKEN_FILE: z.string().min(1).default('data/admin-token'),
  ZHENGWU_DEMO: z.string().optional(),
  ZHENGWU_AUDIT_KEY: z.string().min(16, '审计签名密钥至少 16 个字符').optional(),
  // 0: the engine's statements are sent unnamed (a connection pooler in transaction mode that cannot keep prepared statements).
  ZHENGWU_PG_PREPARED: z.enum(['0', '1'], { error: 'ZHENGWU_PG_PREPARED 应为 0 或 1' }).default('1'),
  ZHENGWU_JOBS_INTERVAL_MS: ms(30_000),
  ZHENGWU_JOB_LEASE_MS: ms(60_000),
  ZHENGWU_SMTP_URL: z
    .string()
    .refine((s) => /^smtps?:\/\//.test(s), 'ZHENGWU_SMTP_URL 应为 smtp:// 或 smtps:// 网址')
    .optional(),
  ZHENGWU_MAIL_FROM: z.string().min(3).default('政务 Zhengwu <noreply@localhost>'),
  ZHENGWU_WEBHOOK_URL: url('ZHENGWU_WEBHOOK_URL '),
  ZHENGWU_WEBHOOK_SECRET: z.string().min(1).optional(),
});
export type Config = z.infer<typeof ConfigSchema>;

/** Reads the configuration from an environment; an empty variable counts as unset. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => k in ConfigSchema.shape && v !== undefined && v !== ''));
  const r = ConfigSchema.safeParse(present);
  if (!r.success) throw new DomainError(`配置有误：${r.error.issues.map((i) => `${i.path.join('.')}：${i.message}`).join('；')}`, 500, 'config');
  return r.data;
}

let cached: Config | null = null;
/** The process's configuration, read once. */
export function config(): Config {
  return (cached ??= readConfig());
}
