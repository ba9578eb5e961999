// zhengwu — command line. User errors print one line in Chinese and exit 1;
// usage errors exit 2. Stack traces only for real bugs.
// Each command imports what it needs when it runs (`await import`), so `workdays add` or `gazette search` does
// not load the server, the PDF and Excel writers and every procedure before answering.
import { config } from '../platform/config.js';
import { DomainError } from '../platform/errors.js';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { Actor } from '../auth/service.js';
import type { Assessment, ProcedureDefinition } from '../engine/procedure.js';

const openDb = async (...a: Parameters<typeof import('../db/connection.js').openDb>) => (await import('../db/connection.js')).openDb(...a);
const registry = () => import('../procedures/registry.js');

async function usage(): Promise<string> {
  const { PROCEDURES, REGISTRY } = await registry();
  const { PLANS_USAGE } = await import('../plans/cli.js');
  return `用法 / usage:
  zhengwu gazette parse FILE [--json]        解析一期公报并输出结构
  zhengwu gazette ingest FILE|DIR [--json]   导入一期公报，或一个文件夹中的各期公报（.txt），并汇总新增、未变化、拒收
  zhengwu gazette search QUERY [--json] [--document 文号] [--issuer 机关] [--validity in_force|expired|not_yet] [--page N]
  zhengwu workdays add DATE N                DATE 之后第 N 个工作日
  zhengwu workdays between FROM TO           两日之间的工作日数
  zhengwu workdays load-year FILE            导入新公布年份的节假日安排（chinese-days 的年份 JSON 格式）
  zhengwu procedure schema ID                输出办事事项的申请表 JSON Schema（ID：${[...PROCEDURES.keys()].join('、')}）
  zhengwu procedure assess ID CASE.json [--json] 按依据文件逐条审查一份申请（不保存）
  zhengwu homestead schema | assess CASE.json [--json]  同 procedure schema|assess homestead（隆政发〔2022〕11号）
${REGISTRY.modules.flatMap((m) => Object.values(m.cli ?? {}).map((c) => `  ${c.usage}`)).join('\n')}
  zhengwu audit verify                       校验审计链、案件与事件重放、材料文件哈希、签名检查点（ZHENGWU_AUDIT_KEY）
  zhengwu audit checkpoint                   用 ZHENGWU_AUDIT_KEY 签名当前链尾（可定时运行）
${PLANS_USAGE}
  zhengwu serve [--port 3000] [--demo]       启动服务（--demo 或 ZHENGWU_DEMO=1：空库时创建演示账号；npm start 仅在内置数据库上创建）
  zhengwu users list                         列出用户
  zhengwu users add USER.json                新增用户（字段同 POST /api/users：username、password、displayName、role、county…）
  zhengwu users passwd USERNAME              重置密码（新密码从标准输入读取一行）并解除锁定
  zhengwu users disable|enable USERNAME      停用 / 启用用户
  zhengwu users remove USERNAME              删除用户（办理过案件的改为停用）
  zhengwu demo add|remove                    创建 / 删除演示账号和演示数据
  zhengwu admin-token rotate                 轮换管理员令牌（旧令牌立即失效；新令牌只显示这一次）
  zhengwu jobs run-due                       处理到期任务：临期提醒、逾期督办、邮件与 webhook 投递（服务运行时自动处理）
数据库由环境变量 DATABASE_URL 指定（默认 data/zhengwu.sqlite）。`;
}

class UsageError extends Error {}
/** A wrong option: one line is enough, the whole usage would bury it. */
class OptionError extends UsageError {}

function readInput(file: string | undefined): Buffer {
  if (!file) throw new UsageError('缺少文件参数。');
  if (!existsSync(file)) throw new UserError(`文件不存在：${file}`);
  if (statSync(file).isDirectory()) throw new UserError(`这是一个目录，不是文件：${file}`);
  return readFileSync(file);
}
class UserError extends Error {}

function readJson(file: string | undefined, what: string): unknown {
  const bytes = readInput(file);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new UserError(`${what}不是有效的 JSON：${file}`);
  }
}

/** Assesses an application against its procedure's rules, with the governance records kept in the database. */
async function assessCommand(p: ProcedureDefinition<any, any>, input: unknown, json: boolean): Promise<number> {
  const { assessApplication, parseApplication } = await import('../engine/assess.js');
  const { governanceRecords } = await import('../engine/cases.js');
  const { localValues } = await import('../engine/parameters.js');
  const { PROCEDURES } = await registry();
  const application = parseApplication(p, input);
  const db = await openDb();
  let result;
  try {
    result = assessApplication(
      p,
      application,
      await governanceRecords(db, p.id, PROCEDURES),
      await localValues(
        db,
        (p.parameters ?? []).map((d) => d.key),
      ),
    );
  } finally {
    await db.close();
  }
  // The procedure's own facts (e.g. needsConstructionPermit) sit between the findings and the document status.
  const { decision, findings, governingDocumentStatus, ...facts } = result as Assessment & {
    governingDocumentStatus: { decisionsAllowed: boolean; message: string };
  };
  const out = {
    decision,
    findings: findings.map((f) => ({ rule: f.rule, outcome: f.outcome, citation: f.citation, message: f.message })),
    ...facts,
    governingDocumentStatus,
  };
  if (json) process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  else {
    console.log(decision === 'eligible' ? '审查结论：符合条件' : '审查结论：不符合条件');
    for (const f of findings) console.log(`${{ pass: '✓', fail: '✗', info: 'ℹ' }[f.outcome]} ${f.cites}：${f.message}`);
    console.log(`${governingDocumentStatus.decisionsAllowed ? '' : '⚠ '}${governingDocumentStatus.message}`);
  }
  return 0;
}

const OPTIONS = {
  json: { type: 'boolean' },
  document: { type: 'string' },
  issuer: { type: 'string' },
  validity: { type: 'string' },
  page: { type: 'string' },
  port: { type: 'string' },
  demo: { type: 'boolean' },
  unit: { type: 'string' },
  year: { type: 'string' },
  xlsx: { type: 'string' },
  month: { type: 'string' },
  county: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
interface Options {
  json: boolean;
  help: boolean;
  document?: string;
  issuer?: string;
  validity?: string;
  page?: string;
  port?: string;
  unit?: string;
  year?: string;
  xlsx?: string;
  month?: string;
  county?: string;
}

/**
 * Options and positionals. parseArgs in strict mode throws English errors
 * with a stack trace and reads a negative number ("-3") as an option; so it
 * only splits the tokens here, and the checks (in Chinese) are ours. No option
 * is a digit, hence an argument like "-3" is a positional (a negative number).
 */
function parseCommandLine(argv: string[]): { values: Options; positionals: string[] } {
  const { tokens } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
  const values: Record<string, string | boolean> = { json: false, help: false };
  const positionals: string[] = [];
  const numbersAt = new Set<number>();
  for (const t of tokens) {
    if (t.kind === 'positional') positionals.push(t.value);
    else if (t.kind === 'option') {
      if (/^-\d/.test(argv[t.index])) {
        // "-35" comes as the tokens -3 and -5 with one index: take the argument once.
        if (!numbersAt.has(t.index)) positionals.push(argv[t.index]);
        numbersAt.add(t.index);
        continue;
      }
      // "-宅基" comes as the short options -宅 -基: name the argument as typed.
      if (!Object.hasOwn(OPTIONS, t.name)) throw new OptionError(`未知选项：${t.rawName.startsWith('--') ? t.rawName : argv[t.index]}`);
      if (OPTIONS[t.name as keyof typeof OPTIONS].type === 'boolean') {
        if (t.value !== undefined) throw new OptionError(`选项 ${t.rawName} 不带取值`);
        values[t.name] = true;
      } else {
        if (t.value === undefined) throw new OptionError(`选项 ${t.rawName} 缺少取值`);
        values[t.name] = t.value;
      }
    }
  }
  return { values: values as unknown as Options, positionals };
}

/** An option that must be a whole number within [min, max]. */
function integerOption(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || n < min || n > max) throw new OptionError(`选项 --${name} 的值“${text}”无效，应为 ${min} 到 ${max} 之间的整数`);
  return n;
}

/** `gazette ingest DIR`: every issue of a folder, one transaction each; a line per file (a bar on a terminal), then a summary. */
async function ingestFolder(dir: string, json: boolean): Promise<number> {
  const { ingestArchive, issueFiles } = await import('../gazette/archive.js');
  const files = issueFiles(dir);
  if (files.length === 0) throw new UserError(`文件夹中没有公报文本文件（.txt）：${dir}`);
  const db = await openDb();
  const bar = process.stderr.isTTY && !json;
  const verb = { created: '新增', unchanged: '未变化', replaced: '已更新', refused: '拒收' } as const;
  try {
    const summary = await ingestArchive(db, files, (r, i, total) => {
      const name = basename(r.file);
      const line = `[${i + 1}/${total}] ${name}：${verb[r.status]}${r.issueId ? ` ${r.issueId}，${r.documents} 篇` : ''}${r.reason ? `（${r.reason}）` : ''}`;
      if (bar) {
        const width = 30;
        const done = Math.round(((i + 1) / total) * width);
        process.stderr.write(`\r\x1b[K${'█'.repeat(done)}${'░'.repeat(width - done)} ${i + 1}/${total} ${name}`);
        if (r.status === 'refused' || i + 1 === total) process.stderr.write(r.status === 'refused' ? `\r\x1b[K${line}\n` : '\n');
      } else if (!json) console.log(line);
    });
    if (json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    else {
      console.log(`共 ${files.length} 个文件：新增 ${summary.created}，已更新 ${summary.replaced}，未变化 ${summary.unchanged}，拒收 ${summary.refused}。`);
      for (const r of summary.files.filter((f) => f.status === 'refused')) console.log(`拒收：${basename(r.file)}：${r.reason}（未保存任何内容）`);
    }
    return summary.refused > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv);
  const [group, cmd, ...args] = positionals;
  if (values.help || !group) {
    console.log(await usage());
    return values.help ? 0 : 2;
  }
  if (group === 'gazette' && cmd === 'parse') {
    const { parseGazette } = await import('../gazette/parse.js');
    const parsed = parseGazette(readInput(args[0]));
    if (values.json) {
      process.stdout.write(JSON.stringify(parsed, null, 2) + '\n');
    } else {
      console.log(`${parsed.issue.title ?? '（无标题）'} ${parsed.issue.number ?? ''}：${parsed.documents.length} 篇`);
      for (const d of parsed.documents) console.log(`${String(d.seq).padStart(2)}. ${d.number ?? '（解读）'}  ${d.date ?? ''}  ${d.documentTitle ?? d.title}`);
      for (const w of parsed.warnings) console.log(`注意：${w}`);
    }
    return 0;
  }
  if (group === 'gazette' && cmd === 'ingest') {
    if (args[0] && existsSync(args[0]) && statSync(args[0]).isDirectory()) return ingestFolder(args[0], Boolean(values.json));
    const bytes = readInput(args[0]);
    const { ingestGazette } = await import('../gazette/store.js');
    const db = await openDb();
    try {
      const r = await ingestGazette(db, bytes);
      const verb = { created: '已导入', unchanged: '未变化（同一文件已导入）', replaced: '已更新' }[r.status];
      console.log(`${verb}：${r.issueId}，${r.documents} 篇文件。`);
      for (const w of r.warnings) console.log(`注意：${w}`);
    } finally {
      await db.close();
    }
    return 0;
  }
  if (group === 'gazette' && cmd === 'search') {
    const query = args.join(' ');
    if (!query.trim()) throw new UsageError('缺少检索词。');
    const validity = values.validity as 'in_force' | 'expired' | 'not_yet' | undefined;
    if (validity && !['in_force', 'expired', 'not_yet'].includes(validity)) throw new UsageError('--validity 只能是 in_force、expired 或 not_yet。');
    const page = integerOption('page', values.page, 1, 10000) ?? 1;
    const { search } = await import('../gazette/library.js');
    const db = await openDb();
    try {
      const r = await search(db, query, { document: values.document, issuer: values.issuer, validity, page });
      if (values.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
      else {
        console.log(`“${r.query}” ${r.totalIsLowerBound ? '超过' : '共'} ${r.total} 条结果`);
        for (const h of r.items)
          console.log(
            `- ${h.number ?? h.docId} ${h.anchor ?? ''}  ${h.snippet
              .replace(/<mark>/g, '【')
              .replace(/<\/mark>/g, '】')
              .replace(/&[a-z#0-9]+;/g, '')}`,
          );
      }
    } finally {
      await db.close();
    }
    return 0;
  }
  if (group === 'workdays' && (cmd === 'add' || cmd === 'between' || cmd === 'load-year')) {
    const { openCalendar } = await import('../calendar/service.js');
    const { scheduleYear } = await import('../calendar/workdays.js');
    const db = await openDb();
    try {
      const service = await openCalendar(db);
      if (cmd === 'add') {
        const [date, n] = args;
        if (!date || n === undefined) throw new UsageError('用法：zhengwu workdays add DATE N');
        // The calendar counts forward only (workdays.ts refuses n < 0); say so rather than guess a meaning.
        if (/^-\d+$/.test(n.trim())) throw new UserError(`工作日数不能为负数（“${n}”）：本命令计算 DATE 之后的第 N 个工作日，不支持向前倒推。`);
        if (!/^\d+$/.test(n)) throw new UserError(`工作日数“${n}”无效，应为非负整数。`);
        console.log(service.calendar().addWorkdays(date, Number(n)));
      } else if (cmd === 'between') {
        const [from, to] = args;
        if (!from || !to) throw new UsageError('用法：zhengwu workdays between FROM TO');
        console.log(service.calendar().workdaysBetween(from, to));
      } else {
        let data: unknown;
        try {
          data = JSON.parse(readInput(args[0]).toString('utf8'));
        } catch (e) {
          if (e instanceof UserError || e instanceof UsageError) throw e;
          throw new UserError('节假日安排文件不是有效的 JSON。');
        }
        const year = scheduleYear(data);
        const r = await service.loadYear(year, data, args[0]);
        console.log(`${r.replaced ? '已更新' : '已导入'} ${year} 年节假日安排。`);
      }
    } finally {
      await db.close();
    }
    return 0;
  }
  // Procedures: `procedure schema|assess <id>` for every module, and each module's own commands under its
  // CLI name (`homestead assess` is `procedure assess homestead`; `jiebang funding` is 揭榜挂帅's own).
  const { PROCEDURES, REGISTRY } = await registry();
  const moduleByCli = REGISTRY.modules.find((m) => m.cliName === group);
  if (group === 'procedure' || moduleByCli) {
    const [procId, rest] = group === 'procedure' ? [args[0], args.slice(1)] : [moduleByCli!.definition.id, args];
    const m = procId ? REGISTRY.module(procId) : undefined;
    const own = moduleByCli?.cli?.[cmd ?? ''];
    if (own) return own.run(rest, { json: Boolean(values.json), month: values.month, county: values.county }, { readJson: (f) => readJson(f, '输入文件') });
    if (!m) throw new UsageError(procId ? `没有这个办事事项：${procId}（可选：${[...PROCEDURES.keys()].join('、')}）` : '缺少办事事项编号。');
    if (cmd === 'schema') {
      const { z } = await import('zod');
      process.stdout.write(JSON.stringify(z.toJSONSchema(m.definition.applicationSchema, { io: 'input' }), null, 2) + '\n');
      return 0;
    }
    if (cmd === 'assess') return assessCommand(m.definition, readJson(rest[0], '申请文件'), Boolean(values.json));
  }
  if (group === 'plans') return (await import('../plans/cli.js')).plansCli([cmd, ...args].filter(Boolean) as string[], values);
  if (group === 'audit' && cmd === 'verify') {
    const { verifyAuditChain } = await import('../engine/audit.js');
    const db = await openDb();
    try {
      const key = config().ZHENGWU_AUDIT_KEY ?? null;
      const r = await verifyAuditChain(db, { auditKey: key });
      if (r.problems.length === 0) {
        console.log(
          `审计链完整：共 ${r.events} 个事件、${r.cases} 个案件、${r.blobs} 个材料文件，未发现修改、删除或调换顺序；${r.checkpoints} 个签名检查点${key ? '已用密钥核验' : '（未设置 ZHENGWU_AUDIT_KEY，签名未核验）'}。`,
        );
        return 0;
      }
      console.error(`审计链被破坏：共 ${r.events} 个事件，发现 ${r.problems.length} 处问题：`);
      for (const p of r.problems) console.error(`- ${p.message}`);
      return 3;
    } finally {
      await db.close();
    }
  }
  if (group === 'audit' && cmd === 'checkpoint') {
    const key = config().ZHENGWU_AUDIT_KEY;
    if (!key) throw new UserError('请用环境变量 ZHENGWU_AUDIT_KEY 提供审计签名密钥（至少 16 个字符，保存在数据库以外）。');
    const { writeCheckpoint } = await import('../engine/audit.js');
    const db = await openDb();
    try {
      const c = await writeCheckpoint(db, key);
      console.log(
        c ? `已签名检查点：${c.cases} 个案件、${c.events} 个事件的链尾，默克尔根 ${c.root}，密钥 ${c.keyId}。请另行保存这一行。` : '审计链为空，无需检查点。',
      );
      return 0;
    } finally {
      await db.close();
    }
  }
  if (group === 'jobs' && cmd === 'run-due') {
    const { ensureDuties } = await import('../duties/service.js');
    const { openCalendar } = await import('../calendar/service.js');
    const { todayIso } = await import('../calendar/dates.js');
    const { JobRunner } = await import('../jobs/runner.js');
    const { jobHandlers } = await import('../jobs/handlers.js');
    const db = await openDb();
    try {
      await ensureDuties(db, (await openCalendar(db)).calendar(), todayIso());
      const r = await new JobRunner(db, jobHandlers({ procedures: PROCEDURES }), { leaseMs: config().ZHENGWU_JOB_LEASE_MS }).runDue();
      console.log(`已处理到期任务 ${r.claimed} 个：完成 ${r.done}，无需处理 ${r.skipped}，稍后重试 ${r.retried}，失败 ${r.failed}。`);
      return r.failed ? 1 : 0;
    } finally {
      await db.close();
    }
  }
  if (group === 'users' || group === 'demo' || group === 'admin-token') return accountsCli(group, cmd, args);
  if (group === 'serve') {
    const { serve } = await import('../server/main.js');
    await serve({ port: integerOption('port', values.port, 1, 65535), demo: Boolean((values as { demo?: boolean }).demo) });
    return -1; // keep running
  }
  throw new UsageError(`未知命令：${positionals.join(' ')}`);
}

/** The command line acts as the administrator of the database it opens (whoever can run it can read the file). */
const CLI_ADMIN: Actor = { id: -1, username: 'cli', name: '命令行管理员', role: 'admin', county: null, township: null, village: null, unit: null };

async function accountsCli(group: string, cmd: string | undefined, args: string[]): Promise<number> {
  const { addUser, listUsers, removeUser, resetPassword, rotateAdminToken, updateUser } = await import('../auth/users.js');
  const { ensureDemoData, removeDemoData } = await import('../server/demo.js');
  const db = await openDb();
  try {
    const byName = async (username: string | undefined) => {
      if (!username) throw new UsageError('缺少用户名。');
      const u = await db.kysely.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
      if (!u) throw new UserError(`用户不存在：${username}`);
      return Number(u.id);
    };
    if (group === 'users' && cmd === 'list') {
      const r = await listUsers(db, CLI_ADMIN, { pageSize: 200 });
      for (const u of r.items)
        console.log(
          `${String(u.id).padStart(4)}  ${u.username.padEnd(16)} ${u.roleLabel}  ${[u.county, u.township, u.village].filter(Boolean).join('') || '—'}  ${u.unit ?? ''}${u.demo ? '  【演示】' : ''}${u.disabled ? '  （已停用）' : ''}`,
        );
      console.log(`共 ${r.total} 个用户。`);
      return 0;
    }
    if (group === 'users' && cmd === 'add') {
      let input: unknown;
      try {
        input = JSON.parse(readInput(args[0]).toString('utf8'));
      } catch (e) {
        if (e instanceof UserError || e instanceof UsageError) throw e;
        throw new UserError(`用户文件不是有效的 JSON：${args[0]}`);
      }
      const u = await addUser(db, CLI_ADMIN, input);
      console.log(`已新增用户 ${u.username}（${u.roleLabel}）。`);
      return 0;
    }
    if (group === 'users' && cmd === 'passwd') {
      const id = await byName(args[0]);
      const line = readFileSync(0, 'utf8').split(/\r?\n/)[0];
      await resetPassword(db, CLI_ADMIN, id, line);
      console.log(`已重置 ${args[0]} 的密码并解除锁定；其已登录的会话已失效。`);
      return 0;
    }
    if (group === 'users' && (cmd === 'disable' || cmd === 'enable')) {
      await updateUser(db, CLI_ADMIN, await byName(args[0]), { disabled: cmd === 'disable' });
      console.log(`${cmd === 'disable' ? '已停用' : '已启用'}用户 ${args[0]}。`);
      return 0;
    }
    if (group === 'users' && cmd === 'remove') {
      console.log((await removeUser(db, CLI_ADMIN, await byName(args[0]))).message);
      return 0;
    }
    if (group === 'demo' && cmd === 'add') {
      const made = await ensureDemoData(db, { force: true });
      console.log(made.length ? `已创建 ${made.length} 个【演示】账号及演示数据。` : '演示账号已存在，未改动。');
      return 0;
    }
    if (group === 'demo' && cmd === 'remove') {
      const r = await removeDemoData(db);
      console.log(
        `已删除 ${r.removed.length} 个【演示】账号${r.disabled.length ? `，停用 ${r.disabled.length} 个办理过案件的演示账号（${r.disabled.join('、')}）` : ''}，删除 ${r.governance} 条【演示】依据文件记录。`,
      );
      return 0;
    }
    if (group === 'admin-token' && cmd === 'rotate') {
      const t = await rotateAdminToken(db);
      // Printed once, on purpose: the operator who rotates needs it; it is stored only as a hash.
      console.log(t.token);
      console.error(`新管理员令牌有效至 ${t.expiresAt.slice(0, 10)}；旧令牌已失效。请妥善保存，之后不会再显示。`);
      return 0;
    }
    throw new UsageError(`未知命令：${[group, cmd, ...args].filter(Boolean).join(' ')}`);
  } finally {
    await db.close();
  }
}

// `zhengwu … | head` closes the pipe early; that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  async (err: unknown) => {
    if (err instanceof OptionError) {
      console.error(`错误：${err.message}。用法见 zhengwu --help`);
      process.exitCode = 2;
    } else if (err instanceof UsageError) {
      console.error(`错误：${err.message}\n\n${await usage()}`);
      process.exitCode = 2;
    } else if (
      err instanceof UserError ||
      // Parse, calendar, search, conflict, input, sign-in and plans-command errors are all DomainErrors.
      err instanceof DomainError
    ) {
      console.error(`错误：${err.message}`);
      process.exitCode = 1;
    } else if (/^SQLITE_BUSY/.test(String((err as { code?: unknown } | null)?.code))) {
      // Another process held the SQLite write lock longer than the busy timeout; its transaction or ours rolled back whole.
      console.error(
        `错误：数据库正忙（另一进程写入超过 ${(await import('../db/connection.js')).SQLITE_BUSY_TIMEOUT_MS / 1000} 秒），本次操作未完成，请稍后重试。`,
      );
      process.exitCode = 1;
    } else if (err instanceof Error && /ECONNREFUSED|database|数据库/i.test(err.message)) {
      console.error(`错误：无法连接数据库（${process.env.DATABASE_URL ?? 'data/zhengwu.sqlite'}）：${err.message}`);
      process.exitCode = 1;
    } else {
      console.error(err);
      process.exitCode = 70;
    }
  },
);
