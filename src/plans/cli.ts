// `zhengwu plans …` — plan monitoring from the command line.
//   plans indicators [--json] [--document 文号] [--unit 单位]
//   plans tasks [--json] [--document 文号] [--unit 单位]
//   plans land [--json]
//   plans report --year 2025 --xlsx FILE
// Reads the library in DATABASE_URL (the bundled issue is loaded first when the library is empty, as `serve` does).
import { DomainError } from '../platform/errors.js';
import { writeFileSync } from 'node:fs';
import type { Actor } from '../auth/service.js';
import { openDb } from '../db/connection.js';
import { loadBundledGazettes } from '../server/main.js';
import { COMPARISON_LABEL } from './figures.js';
import { landPlan } from './land.js';
import { annualReportWorkbook } from './report.js';
import { catalogue } from './service.js';
import { normalizeUnit } from './units.js';

export const PLANS_USAGE = `  zhengwu plans indicators [--json] [--document 文号] [--unit 单位]   规划指标（基期、目标、属性、出处、数据质量提示）
  zhengwu plans tasks [--json] [--document 文号] [--unit 单位]        任务举措及牵头、配合、落实单位
  zhengwu plans land [--json]                                        承市政办字〔2022〕42号供地、储备计划及合计核对
  zhengwu plans report --year 2025 --xlsx FILE                       导出年度监测报告（Excel）`;

/** A wrong plans command or option: a user's error like any other (the CLI prints the message, exit 1). */
export class PlansCliError extends DomainError {
  constructor(message: string) {
    super(message, 400, 'plans_cli');
  }
}

/** The operator at the console acts as the plan office (the CLI has the database itself). */
const CONSOLE_ACTOR: Actor = {
  id: 0,
  username: 'console',
  name: '命令行（规划办）',
  role: 'admin' as Actor['role'],
  county: null,
  township: null,
  village: null,
  unit: '市政府办公室',
};

export async function plansCli(args: string[], values: { json?: boolean; document?: string; unit?: string; year?: string; xlsx?: string }): Promise<number> {
  const [cmd] = args;
  if (!['indicators', 'tasks', 'land', 'report'].includes(cmd ?? ''))
    throw new PlansCliError(`未知命令：plans ${cmd ?? ''}（可用：indicators、tasks、land、report）`);
  if (cmd === 'report') {
    const year = Number(values.year);
    if (!values.year || !Number.isInteger(year) || year < 2021 || year > 2025) throw new PlansCliError('请用 --year 指定 2021—2025 之间的年份。');
    if (!values.xlsx) throw new PlansCliError('请用 --xlsx 指定输出文件。');
  }
  const db = await openDb();
  try {
    await loadBundledGazettes(db);
    if (cmd === 'indicators') {
      let list = (await catalogue(db)).indicators;
      if (values.document) list = list.filter((i) => i.document === values.document);
      if (values.unit)
        list = list.filter((i) => i.reporter === normalizeUnit(values.unit!) || i.responsible.some((u) => u.unit === normalizeUnit(values.unit!)));
      if (values.json) process.stdout.write(JSON.stringify(list, null, 2) + '\n');
      else
        for (const i of list) {
          const flags = i.flags.length ? `  ⚠ ${i.flags.map((f) => f.message).join('；')}` : '';
          console.log(
            `${i.id}  ${i.name}${i.unit ? `（${i.unit}）` : ''}  基期 ${i.baseline.text || '—'}  目标 ${i.target.text || '（空白）'} ${COMPARISON_LABEL[i.comparison]}  ${i.attribute ?? '未标注'}  ${i.citation.text}${flags}`,
          );
        }
      return 0;
    }
    if (cmd === 'tasks') {
      let list = (await catalogue(db)).tasks;
      if (values.document) list = list.filter((t) => t.document === values.document);
      if (values.unit) list = list.filter((t) => t.units.some((u) => u.unit === normalizeUnit(values.unit!)));
      if (values.json) process.stdout.write(JSON.stringify(list, null, 2) + '\n');
      else
        for (const t of list)
          console.log(
            `${t.citation}  ${t.title}  ${t.dueYear}年  牵头：${
              t.units
                .filter((u) => u.role === 'lead')
                .map((u) => u.unit)
                .join('、') || '—'
            }`,
          );
      return 0;
    }
    if (cmd === 'land') {
      const l = await landPlan(db);
      if (!l) throw new PlansCliError('文库中没有承市政办字〔2022〕42号。');
      if (values.json) process.stdout.write(JSON.stringify(l, null, 2) + '\n');
      else {
        for (const c of l.checks) console.log(`${c.ok ? '✓' : '✗'} ${c.what}：印刷 ${c.printed ?? '—'}，计算 ${c.computed}`);
        for (const i of l.issues) console.log(`注意：${i}`);
        console.log(`核对 ${l.checks.length} 项：${l.checksPassed} 项一致，${l.checksFailed} 项不一致。`);
      }
      return l.checksFailed ? 4 : 0;
    }
    const buf = await annualReportWorkbook(db, CONSOLE_ACTOR, Number(values.year));
    writeFileSync(values.xlsx!, buf);
    console.log(`已导出 ${values.year} 年度监测报告：${values.xlsx}`);
    return 0;
  } finally {
    await db.close();
  }
}
