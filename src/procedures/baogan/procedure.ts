// A basic-research project under 经费使用“包干制” (承市科规〔2022〕2号) as a
// procedure on the engine: the leader signs the commitment before funds flow,
// expenses are checked against the negative list, final accounts are approved
// by the unit's finance and research offices and disclosed inside the unit;
// the city science bureau draws spot checks at random.
import { isoDate } from '../../calendar/dates.js';
import { z } from 'zod';
import { IdNumberSchema, PhoneSchema } from '../../engine/personal-data.js';
import { STAY, type ProcedureDefinition } from '../../engine/procedure.js';
import { evaluate, type Finding } from '../../engine/rules.js';
import {
  BAOGAN_DOCUMENT,
  bcite,
  COMMITMENT_TEXT,
  CONSULTING_FEE_NOT_TO_TEAM,
  EXPENSE_CATEGORIES,
  ExpenseSchema,
  NEGATIVE_LIST,
  ProjectMemberSchema,
} from './rules.js';

const text = (label: string, max = 200, title = label) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max)
    .meta({ title });

export const BaoganProjectSchema = z
  .strictObject(
    {
      applicationDate: isoDate('申请日期').meta({ 'x-widget': 'receipt-date' }),
      unit: text('项目承担单位', 100),
      county: text('所在县（市、区）'),
      title: text('项目名称'),
      kind: z
        .literal('basic_research', { error: '包干制试点仅限市级科技计划基础研究类项目（二、试点范围）' })
        .meta({ title: '项目类别', description: '试点仅限市级科技计划基础研究类项目（二、试点范围）', 'x-labels': { basic_research: '基础研究类' } }),
      leader: z.object({ name: text('项目负责人', 30, '姓名'), idNumber: IdNumberSchema, phone: PhoneSchema }).meta({ title: '项目负责人' }),
      members: z.array(ProjectMemberSchema).min(1, '请填写项目成员（含负责人）').max(100).meta({ title: '项目成员', description: '含项目负责人' }),
      grant: z.number({ error: '资助经费应为数字（元）' }).positive('资助经费应大于 0').max(1e9).meta({ title: '资助经费', 'x-unit': '元' }),
      period: z.object({ from: isoDate('开始日期'), to: isoDate('结束日期') }).meta({ title: '执行期' }),
    },
    // 四、: no budget at application or in the task book.
    {
      error: (iss) =>
        iss.code === 'unrecognized_keys' ? `包干制项目的申请书和任务书无需编制预算，不接受字段：${iss.keys.join('、')}（四、项目经费管理）` : undefined,
    },
  )
  .superRefine((a, ctx) => {
    if (Number(a.applicationDate.slice(0, 4)) < 2022)
      ctx.addIssue({ code: 'custom', path: ['applicationDate'], message: '包干制试点自 2022 年起实施（二、试点范围）' });
    if (a.period.to <= a.period.from) ctx.addIssue({ code: 'custom', path: ['period', 'to'], message: '执行期结束日应晚于开始日' });
    if (!a.members.some((m) => m.idNumber === a.leader.idNumber)) ctx.addIssue({ code: 'custom', path: ['members'], message: '项目成员应包含项目负责人' });
  });
export type BaoganProject = z.infer<typeof BaoganProjectSchema>;

type Rec = { expenses?: { category: string; amount: number; findings: Finding[] }[]; commitment?: unknown; disbursed?: number; spotChecks?: unknown[] };
const spent = (r: Rec) => (r.expenses ?? []).reduce((s, e) => s + e.amount, 0);

export function expenseFindings(project: BaoganProject, expense: z.infer<typeof ExpenseSchema>, date: string) {
  return evaluate([CONSULTING_FEE_NOT_TO_TEAM, ...NEGATIVE_LIST], { expense, project: { members: project.members } }, { date });
}

export const baoganProcedure: ProcedureDefinition<BaoganProject, object> = {
  id: 'baogan',
  name: '科研经费“包干制”项目',
  idPrefix: 'BG',
  applicationSchema: BaoganProjectSchema,
  filedBy: ['enterprise'],
  // A city project: the filing unit and the city science bureau; no rural office of the county sees it.
  access: { read: { enterprise: 'own', science_bureau: 'all' } },
  ruleSets: [{ id: 'baogan-2022', governingDocument: BAOGAN_DOCUMENT, period: { from: '2022-07-12', until: null }, validityCitation: null, rules: [] }],
  applicationDate: (a) => a.applicationDate,
  withApplicationDate: (a, date) => ({ ...a, applicationDate: date }),
  jurisdiction: (a) => ({ county: a.county, township: '', village: '' }),
  initialState: () => 'review',
  assess: (a) => ({
    decision: 'eligible',
    findings: [
      {
        rule: 'no_budget',
        outcome: 'pass',
        citation: bcite('四、'),
        cites: `${BAOGAN_DOCUMENT} 四、`,
        link: `/docs/${encodeURIComponent(BAOGAN_DOCUMENT)}#${encodeURIComponent('四、')}`,
        message: `申请书无需编制预算；资助经费 ${a.grant} 元为原直接费用和间接费用之和。`,
      },
    ],
  }),
  states: [
    { id: 'review', label: '市科技局立项审核', actor: 'science_bureau' },
    { id: 'commitment', label: '项目负责人签署承诺书', actor: 'enterprise' },
    { id: 'funding', label: '待拨付经费', actor: 'science_bureau' },
    { id: 'in_progress', label: '项目执行（经费包干使用）', actor: 'enterprise' },
    { id: 'accounts_review', label: '结题决算审核与内部公开', actor: 'enterprise' },
    { id: 'closed', label: '已结题', actor: null, terminal: true },
    { id: 'rejected', label: '未立项', actor: null, terminal: true },
  ],
  actions: [
    { id: 'approve_project', decides: true, label: '立项', from: ['review'], roles: ['science_bureau'], citation: bcite('二、'), to: 'commitment' },
    {
      id: 'reject_project',
      decides: true,
      label: '不予立项',
      from: ['review'],
      roles: ['science_bureau'],
      citation: bcite('二、'),
      payload: z.object({ reason: z.string().trim().min(2, '请填写理由') }),
      to: 'rejected',
      record: (_c, p) => ({ rejection: p.reason }),
    },
    {
      id: 'sign_commitment',
      label: '项目负责人签署承诺书',
      from: ['commitment'],
      roles: ['enterprise'],
      citation: bcite('三、'),
      payload: z.object({ signature: z.string().trim().min(1, '请签字（项目负责人姓名）'), agreesToText: z.literal(true, { error: '须同意承诺书全文' }) }),
      guard: (c, p) => (p.signature !== c.application.leader.name ? `签字应为项目负责人本人（${c.application.leader.name}）。` : null),
      to: 'funding',
      record: (c, p) => ({ commitment: { signedBy: p.signature, date: c.date, text: COMMITMENT_TEXT } }),
    },
    {
      id: 'disburse',
      label: '拨付项目经费',
      from: ['funding'],
      roles: ['science_bureau'],
      citation: bcite('三、'),
      payload: z.object({ amount: z.number().positive('拨付金额应大于 0') }),
      guard: (c, p) =>
        !c.data.commitment
          ? '项目负责人签署承诺书后方可拨付经费。'
          : p.amount > c.application.grant
            ? `拨付金额不能超过资助经费 ${c.application.grant} 元。`
            : null,
      to: 'in_progress',
      record: (c, p) => ({ disbursed: p.amount, disbursedOn: c.date }),
    },
    {
      id: 'record_expense',
      label: '记录一笔支出（对照负面清单）',
      from: ['in_progress'],
      roles: ['enterprise'],
      citation: bcite('五、'),
      payload: ExpenseSchema,
      guard: (c, p: z.infer<typeof ExpenseSchema>) => {
        const fails = expenseFindings(c.application, p, c.date).filter((f) => f.outcome === 'fail');
        if (fails.length) return `该笔支出不符合经费使用规定：${fails.map((f) => `${f.cites}（${f.message}）`).join('；')}`;
        const total = spent(c.data as Rec) + p.amount;
        return total > c.application.grant ? `累计支出 ${total} 元将超过资助经费 ${c.application.grant} 元。` : null;
      },
      to: STAY,
      record: (c, p: z.infer<typeof ExpenseSchema>) => ({
        expenses: [
          ...(((c.data as Rec).expenses ?? []) as unknown[]),
          {
            ...p,
            date: c.date,
            categoryLabel: EXPENSE_CATEGORIES[p.category].label,
            cites: `${BAOGAN_DOCUMENT} ${EXPENSE_CATEGORIES[p.category].citation.article}${EXPENSE_CATEGORIES[p.category].citation.item}`,
          },
        ],
      }),
    },
    {
      id: 'submit_final_accounts',
      label: '编制经费决算（结题）',
      from: ['in_progress'],
      roles: ['enterprise'],
      citation: bcite('六、'),
      to: 'accounts_review',
      record: (c) => {
        const byCategory: Record<string, number> = {};
        for (const e of (c.data as Rec).expenses ?? [])
          byCategory[EXPENSE_CATEGORIES[e.category as keyof typeof EXPENSE_CATEGORIES].label] =
            (byCategory[EXPENSE_CATEGORIES[e.category as keyof typeof EXPENSE_CATEGORIES].label] ?? 0) + e.amount;
        return { finalAccounts: { date: c.date, byCategory, total: spent(c.data as Rec), grant: c.application.grant } };
      },
    },
    {
      id: 'approve_final_accounts',
      label: '单位财务、科研管理部门审核并内部公开',
      from: ['accounts_review'],
      roles: ['enterprise'],
      citation: bcite('六、'),
      payload: z.object({
        financeOffice: z.string().trim().min(2, '请填写财务部门审核人'),
        researchOffice: z.string().trim().min(2, '请填写科研管理部门审核人'),
        disclosedOn: isoDate('内部公开日期'),
        disclosedWhere: z.string().trim().min(2, '请填写内部公开方式或地点'),
        // 六、: 在单位内部公开项目经费决算、项目科技报告和项目验收自我评价报告 — all three.
        disclosedFinalAccounts: z.literal(true, { error: '须在单位内部公开项目经费决算（六、）' }),
        disclosedScienceReport: z.literal(true, { error: '须在单位内部公开项目科技报告（六、）' }),
        disclosedSelfEvaluation: z.literal(true, { error: '须在单位内部公开项目验收自我评价报告（六、）' }),
      }),
      guard: (c, p) => (p.disclosedOn > c.date ? '内部公开日期不能晚于审核日期。' : null),
      to: 'closed',
      record: (c, p) => ({ accountsApproval: { date: c.date, ...p } }),
    },
    {
      // Drawn by the server only (spot-check.ts): the seed and pool are recorded so the draw can be re-done by anyone.
      id: 'select_for_spot_check',
      internal: true,
      label: '抽中本项目（随机抽查）',
      from: ['in_progress', 'accounts_review', 'closed'],
      roles: ['science_bureau'],
      citation: bcite('六、'),
      payload: z.object({
        drawId: z.string().min(1),
        method: z.string().min(1),
        seed: z.string().regex(/^[0-9a-f]{64}$/),
        pool: z.array(z.string()).min(1),
        rule: z.string(),
        count: z.number().int().min(1),
      }),
      to: STAY,
      record: (c, p) => ({
        spotChecks: [
          ...((c.data as Rec).spotChecks ?? []),
          { drawId: p.drawId, drawnOn: c.date, method: p.method, seed: p.seed, pool: p.pool, rule: p.rule, result: null },
        ],
      }),
    },
    {
      id: 'record_spot_check',
      label: '记录抽查结果',
      from: ['in_progress', 'accounts_review', 'closed'],
      roles: ['science_bureau'],
      citation: bcite('六、'),
      payload: z.object({
        drawId: z.string().min(1),
        result: z.enum(['compliant', 'issues'], { error: '抽查结论应为 compliant（合规）或 issues（发现问题）' }),
        note: z.string().trim().max(2000).optional(),
      }),
      guard: (c, p) =>
        ((c.data as Rec).spotChecks ?? []).some((s: any) => s.drawId === p.drawId && !s.result) ? null : '本案件未在该次抽查中被抽中，或结果已记录。',
      to: STAY,
      record: (c, p) => ({
        spotChecks: ((c.data as Rec).spotChecks ?? []).map((s: any) =>
          s.drawId === p.drawId ? { ...s, result: p.result, note: p.note ?? null, checkedOn: c.date } : s,
        ),
      }),
    },
  ],
  documentKinds: [
    { kind: 'commitment', label: '项目负责人承诺书（签字版）' },
    { kind: 'invoice', label: '票据' },
    { kind: 'final_accounts', label: '经费决算' },
    { kind: 'other', label: '其他材料' },
  ],
  certificates: [],
  title: (a) => `${a.title} · ${a.unit}`,
};
