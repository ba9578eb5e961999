// Recurring duties: obligations the gazette sets without a case — each with its article, its recurrence
// and who must do it. They appear in that office's inbox with a due date, are closed by filing what is
// due, and are reminded and escalated like the time limits of cases.
import type { Role } from '../engine/procedure.js';
import { MODULES } from '../procedures/registry.js';

export type Recurrence =
  | { kind: 'yearly'; month: number; day: number } // due every year on this day
  | { kind: 'quarterly' } // due on the last day of each quarter
  | { kind: 'years'; years: number[] }; // due on 12-31 of the years named

export interface DutyDef {
  id: string;
  title: string;
  /** The article that sets the duty, as printed. */
  cites: string;
  text: string;
  recurrence: Recurrence;
  /** Who must do it: every office of a role, one per area at its level, or one named unit. */
  responsible: { role: Role; per: 'township' | 'county' } | { role: Role; unit: string };
  /** What closes it. */
  filing: string;
  /** Reminder, in working days before the due date (default 5). */
  remindBefore?: number;
  /** Who is told when it is missed. */
  escalateTo?: Role;
}

/** The duties of the platform's own documents (plans); procedure modules add theirs (see DUTIES). */
export const PLATFORM_DUTIES: DutyDef[] = [
  {
    id: 'homestead-quarterly-report',
    title: '宅基地审批办理情况季度报备',
    cites: '隆政发〔2022〕11号 第十六条第四款第（五）项',
    text: '在每个季度末将审批办理情况报县农业农村、自然资源和规划局等部门备案。',
    recurrence: { kind: 'quarterly' },
    responsible: { role: 'township', per: 'township' },
    filing: '季度审批办理情况（可附本乡镇季度报表）',
    escalateTo: 'county',
  },
  {
    id: 'elderly-plan-evaluation',
    title: '养老服务体系建设规划中期评估和全面评估',
    cites: '承市政字〔2022〕24号 （规划实施保障）',
    text: '2023 年，对规划实施情况进行中期评估；2025 年，对规划执行情况进行全面评估，及时发现和解决突出问题。',
    recurrence: { kind: 'years', years: [2023, 2025] },
    responsible: { role: 'department', unit: '市民政局' },
    filing: '评估报告',
  },
  {
    id: 'disability-prevention-monitoring',
    title: '残疾预防行动计划任务指标年度监测',
    cites: '承市政办字〔2022〕51号 三、（三）',
    text: '市政府残疾人工作委员会组织有关部门做好任务指标年度监测，及时收集、分析数据信息。',
    recurrence: { kind: 'years', years: [2022, 2023, 2024, 2025] },
    responsible: { role: 'department', unit: '市残联' },
    filing: '年度监测情况',
  },
];

/** Every duty: the platform's and those the procedure modules bring (a module's text assigns them to its roles). */
export const DUTIES: DutyDef[] = [...PLATFORM_DUTIES, ...MODULES.flatMap((m) => m.duties ?? [])];

/** The period a day falls in and its due date, for a recurrence (null when the recurrence has no period then). */
export function periodOf(r: Recurrence, today: string): { period: string; due: string } | null {
  const year = Number(today.slice(0, 4));
  if (r.kind === 'quarterly') {
    const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
    const end = { 1: '03-31', 2: '06-30', 3: '09-30', 4: '12-31' }[q as 1 | 2 | 3 | 4];
    return { period: `${year}Q${q}`, due: `${year}-${end}` };
  }
  if (r.kind === 'yearly') return { period: String(year), due: `${year}-${String(r.month).padStart(2, '0')}-${String(r.day).padStart(2, '0')}` };
  return r.years.includes(year) ? { period: String(year), due: `${year}-12-31` } : null;
}
