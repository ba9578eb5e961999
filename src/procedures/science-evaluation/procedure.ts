// 科技成果评价 (承市政办字〔2022〕46号): a unit files its result (or 市科技局 a city project for 立项前评估, 二、（五））;
// experts score each criterion of the 清单 for its category after declaring their interests — an expert with an
// interest withdraws (三、（二） 利益关联回避) and the declaration stays on the case; 市科技局 concludes, on grounds the
// text allows (二、（三）（四）); a result that passes enters the city's 成果库 (四、（二）); misconduct found in an
// evaluation is entered in the 科研诚信 record (三、（二）), which 揭榜挂帅 consults.
import { z } from 'zod';
import { isoDate } from '../../calendar/dates.js';
import type { ActionContext, ActionDef, ProcedureDefinition } from '../../engine/procedure.js';
import { STAY } from '../../engine/procedure.js';
import type { RuleSet } from '../../engine/rules.js';
import { CONDUCTS, EVALUATION_DOCUMENT, INTEGRITY } from '../research-integrity/index.js';
import { CATEGORIES, cite, GROUNDS, groundsRefusal, PROCEDURE_STANDARD, type Category, type Ground } from './rules.js';

export const EVALUATION = 'science-evaluation';
const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const CATEGORY_LABELS = Object.fromEntries(Object.entries(CATEGORIES).map(([k, v]) => [k, v.label])) as Record<Category, string>;
const text = (title: string, min: number, max: number) =>
  z
    .string({ error: `请填写${title}` })
    .trim()
    .min(min, min > 1 ? `${title}至少 ${min} 个字` : `请填写${title}`)
    .max(max, `${title}不超过 ${max} 字`)
    .meta({ title });

export const EvaluationSchema = z
  .object({
    category: z.enum(keys(CATEGORIES), { error: '请选择评价对象' }).meta({ title: '评价对象（分类评价，二、（二））', 'x-labels': CATEGORY_LABELS }),
    title: text('成果（项目）名称', 2, 100),
    unit: text('完成单位', 2, 100),
    field: text('技术领域（产业）', 2, 60),
    summary: z.string({ error: '请填写成果简介' }).trim().min(20, '成果简介至少 20 个字').max(4000).meta({ title: '成果简介', 'x-widget': 'textarea' }),
    completers: z
      .array(z.object({ name: text('姓名', 1, 30), contribution: text('在成果产出中的贡献', 2, 300) }), { error: '请填写完成人' })
      .min(1, '请至少填写一名完成人')
      .max(30)
      .meta({ title: '完成人及其贡献', description: '二、（三）：科学确定个人、团队和单位在科技成果产出中的贡献；不填写职称、学历、头衔、获奖情况' }),
    representativeWorks: z
      .array(z.object({ title: text('代表作', 2, 200), note: z.string().trim().max(500).default('').meta({ title: '说明（质量、贡献和影响）' }) }))
      .max(5, '代表作不超过 5 项')
      .default([])
      .meta({ title: '代表作（基础研究成果，代表作制度）' }),
    indicators: z
      .array(z.object({ name: text('指标', 1, 100), value: text('实际情况', 1, 500) }))
      .max(20)
      .default([])
      .meta({ title: '主要评价指标的实际情况', description: '如技术合同交易金额、市场估值、市场占有率、应用情况' }),
    filedOn: isoDate('申请日期').meta({ title: '申请日期', format: 'date', 'x-widget': 'receipt-date' }),
  })
  .superRefine((a, ctx) => {
    // 二、（二）: 基础研究成果以同行评议为主，推行代表作制度.
    if (a.category === 'basic' && a.representativeWorks.length === 0)
      ctx.addIssue({ code: 'custom', path: ['representativeWorks'], message: '基础研究成果实行代表作制度，请填写 1–5 项代表作（二、（二））' });
  })
  .meta({ title: '科技成果评价申请' });
export type Evaluation = z.infer<typeof EvaluationSchema>;

interface Score {
  expert: string;
  expertId: number;
  date: string;
  scores: { criterion: string; score: number }[];
  average: number;
  declaration: string;
  opinion: string;
}
interface Withdrawal {
  expert: string;
  expertId: number;
  date: string;
  declaration: string;
}
type Ctx = ActionContext<Evaluation>;
type ScoreInput = { criterion: string; score: number };
/** Every criterion of the 清单, for the expert's form (the guard keeps those of the case's category). */
const ALL_CRITERIA = [...new Set(Object.values(CATEGORIES).flatMap((c) => c.criteria as readonly string[]))] as [string, ...string[]];
const scores = (c: Ctx) => (c.data.scores ?? []) as Score[];
const withdrawals = (c: Ctx) => (c.data.withdrawals ?? []) as Withdrawal[];
const round1 = (x: number) => Math.round(x * 10) / 10;

const RULES: RuleSet<Evaluation> = {
  id: 'science-evaluation-2022',
  governingDocument: EVALUATION_DOCUMENT,
  period: { from: '2022-06-20', until: null },
  validityCitation: null,
  rules: [],
};

const ACTIONS: ActionDef<Evaluation, any>[] = [
  {
    id: 'score',
    label: '专家评分（先声明利益关联）',
    from: ['review'],
    roles: ['expert'],
    citation: cite('三、（二）'),
    payload: z.object({
      conflictOfInterest: z.boolean({ error: '请声明与完成单位、完成人是否存在利益关联' }).meta({ title: '与完成单位、完成人存在利益关联' }),
      declaration: text('利益关联声明', 2, 1000),
      scores: z
        .array(
          z.object({
            criterion: z.enum(ALL_CRITERIA, { error: '请选择评价指标' }).meta({ title: '评价指标' }),
            score: z.number({ error: '分数为 0–100' }).min(0, '分数为 0–100').max(100, '分数为 0–100').meta({ title: '得分（0–100）' }),
          }),
        )
        .max(10)
        .default([])
        .meta({ title: '各项评价指标得分（评价内容清单）' }),
      opinion: z.string().trim().max(2000).default('').meta({ title: '评价意见', 'x-widget': 'textarea' }),
    }),
    guard: (c, p: { conflictOfInterest: boolean; scores: ScoreInput[] }) => {
      if (scores(c).some((s) => s.expertId === c.actor.id) || withdrawals(c).some((w) => w.expertId === c.actor.id)) return '您已对本成果评分或声明回避。';
      if (p.conflictOfInterest) return null;
      const criteria: readonly string[] = CATEGORIES[c.application.category].criteria;
      const foreign = p.scores.filter((x) => !criteria.includes(x.criterion));
      if (foreign.length) return `“${foreign[0].criterion}”不是${CATEGORIES[c.application.category].label}的评价指标。`;
      const missing = criteria.filter((k) => p.scores.filter((x) => x.criterion === k).length !== 1);
      return missing.length ? `请对清单的 ${criteria.length} 项指标逐项评分，每项一次（缺少或重复：${missing.join('；')}）。` : null;
    },
    to: STAY,
    // An interest declared: the expert withdraws, and the declaration is kept (三、（二） 健全利益关联回避制度).
    record: (c, p: { conflictOfInterest: boolean; declaration: string; scores: ScoreInput[]; opinion: string }) =>
      p.conflictOfInterest
        ? { withdrawals: [...withdrawals(c), { expert: c.actor.name, expertId: c.actor.id, date: c.date, declaration: p.declaration }] }
        : {
            scores: [
              ...scores(c),
              {
                expert: c.actor.name,
                expertId: c.actor.id,
                date: c.date,
                scores: CATEGORIES[c.application.category].criteria.map((criterion) => ({
                  criterion,
                  score: p.scores.find((x) => x.criterion === criterion)!.score,
                })),
                average: round1(p.scores.reduce((s, x) => s + x.score, 0) / p.scores.length),
                declaration: p.declaration,
                opinion: p.opinion,
              },
            ],
          },
  },
  {
    id: 'conclude',
    label: '作出评价结论',
    from: ['review'],
    roles: ['science_bureau'],
    citation: cite('二、（三）'),
    decides: true,
    payload: z.object({
      passed: z.boolean({ error: '请选择评价结论' }).meta({ title: '评价通过（入市科技成果库）' }),
      grounds: z
        .array(z.enum(keys(GROUNDS)).meta({ 'x-labels': GROUNDS }), { error: '请选择结论的依据' })
        .min(1, '请至少选择一项结论依据')
        .meta({ title: '结论依据' }),
      conclusion: text('评价结论', 4, 4000).meta({ title: '评价结论', 'x-widget': 'textarea' }),
    }),
    guard: (c, p: { grounds: Ground[] }) => (scores(c).length === 0 ? '至少须有一名无利益关联的专家完成评分。' : groundsRefusal(p.grounds)),
    to: (_c, p: { passed: boolean }) => (p.passed ? 'in_library' : 'not_passed'),
    next: ['in_library', 'not_passed'],
    record: (c, p: { passed: boolean; grounds: Ground[]; conclusion: string }) => ({
      conclusion: {
        date: c.date,
        passed: p.passed,
        grounds: p.grounds.map((g) => GROUNDS[g]),
        text: p.conclusion,
        averageScore: round1(scores(c).reduce((s, x) => s + x.average, 0) / scores(c).length),
        experts: scores(c).length,
        procedure: PROCEDURE_STANDARD,
      },
    }),
  },
  {
    id: 'record_misconduct',
    label: '登记失信行为（纳入科研诚信记录）',
    from: ['review', 'in_library', 'not_passed'],
    roles: ['science_bureau'],
    citation: cite('三、（二）'),
    payload: z.object({
      subject: z.object({
        kind: z.enum(['unit', 'person'], { error: '请选择单位或个人' }).meta({ title: '对象', 'x-labels': { unit: '单位', person: '个人' } }),
        name: text('名称（单位全称或姓名）', 2, 100),
        unit: z.string().trim().max(100).default('').meta({ title: '所在单位（个人）' }),
      }),
      conduct: z.enum(keys(CONDUCTS), { error: '请选择失信行为' }).meta({ title: '失信行为', 'x-labels': CONDUCTS }),
      finding: text('查实的事实', 10, 2000).meta({ title: '查实的事实', 'x-widget': 'textarea' }),
      basis: text('认定文书（文号）', 4, 200),
    }),
    to: STAY,
    opens: (c, p: { subject: object; conduct: string; finding: string; basis: string }) => ({
      procedure: INTEGRITY,
      application: { subject: p.subject, conduct: p.conduct, finding: p.finding, decidedOn: c.date, basis: p.basis, source: '' },
    }),
    record: (c, p: { conduct: keyof typeof CONDUCTS; subject: { name: string } }) => ({
      misconduct: [...((c.data.misconduct ?? []) as object[]), { date: c.date, subject: p.subject.name, conduct: CONDUCTS[p.conduct] }],
    }),
  },
  {
    id: 'withdraw_from_library',
    label: '移出成果库',
    from: ['in_library'],
    roles: ['science_bureau'],
    citation: cite('四、（二）'),
    payload: z.object({ reason: text('移出理由', 2, 1000).meta({ title: '移出理由', 'x-widget': 'textarea' }) }),
    to: 'withdrawn',
    record: (c, p: { reason: string }) => ({ withdrawn: { date: c.date, reason: p.reason } }),
  },
];

export const evaluationProcedure: ProcedureDefinition<Evaluation, object> = {
  id: EVALUATION,
  name: '科技成果评价',
  idPrefix: 'KJPJ',
  version: 1,
  applicationSchema: EvaluationSchema,
  recordSchema: z
    .object({
      scores: z
        .array(
          z.object({
            expert: z.string().meta({ title: '专家' }),
            expertId: z.number().optional(),
            date: z.string().meta({ title: '评分日期' }),
            scores: z.array(z.object({ criterion: z.string().meta({ title: '指标' }), score: z.number().meta({ title: '得分' }) })).meta({ title: '各项得分' }),
            average: z.number().meta({ title: '平均分' }),
            declaration: z.string().meta({ title: '利益关联声明' }),
            opinion: z.string().meta({ title: '评价意见' }),
          }),
        )
        .optional()
        .meta({ title: '专家评分' }),
      withdrawals: z
        .array(
          z.object({
            expert: z.string().meta({ title: '专家' }),
            expertId: z.number().optional(),
            date: z.string().meta({ title: '日期' }),
            declaration: z.string().meta({ title: '回避声明' }),
          }),
        )
        .optional()
        .meta({ title: '声明回避的专家' }),
      conclusion: z
        .object({
          date: z.string().meta({ title: '结论日期' }),
          passed: z.boolean().meta({ title: '评价通过' }),
          grounds: z.array(z.string()).meta({ title: '结论依据' }),
          text: z.string().meta({ title: '评价结论' }),
          averageScore: z.number().meta({ title: '专家平均分' }),
          experts: z.number().meta({ title: '评分专家人数' }),
          procedure: z.string().meta({ title: '评价程序' }),
        })
        .optional()
        .meta({ title: '评价结论' }),
      misconduct: z
        .array(
          z.object({
            date: z.string().meta({ title: '日期' }),
            subject: z.string().meta({ title: '失信对象' }),
            conduct: z.string().meta({ title: '失信行为' }),
          }),
        )
        .optional()
        .meta({ title: '登记的失信行为' }),
      withdrawn: z
        .object({ date: z.string().meta({ title: '日期' }), reason: z.string().meta({ title: '理由' }) })
        .optional()
        .meta({ title: '移出成果库' }),
    })
    .strict(),
  // Peer review is anonymous to the unit evaluated (and to other experts): who scored is the bureau's to know.
  redact: (view, viewer) => {
    if (viewer.role === 'science_bureau' || viewer.role === 'admin') return view;
    const scrub = (r: any): any => {
      if (!r || typeof r !== 'object' || Array.isArray(r)) return r;
      const out = { ...r };
      const anon = (x: { expertId?: number }) => !(viewer.role === 'expert' && x.expertId === viewer.id);
      if (Array.isArray(out.scores))
        out.scores = out.scores.map((x: Score, i: number) => (anon(x) ? { ...x, expert: `评审专家 ${i + 1}`, expertId: undefined, declaration: '' } : x));
      if (Array.isArray(out.withdrawals))
        out.withdrawals = out.withdrawals.map((x: Withdrawal, i: number) => (anon(x) ? { ...x, expert: `回避专家 ${i + 1}`, expertId: undefined } : x));
      return out;
    };
    return {
      ...view,
      record: scrub(view.record),
      timeline: view.timeline.map((e) => (e.role === 'expert' ? { ...e, actor: '评审专家', data: scrub(e.data) } : { ...e, data: scrub(e.data) })),
    };
  },
  filedBy: ['enterprise', 'science_bureau'],
  withApplicationDate: (a, date) => ({ ...a, filedOn: date }),
  // A unit files for itself only (its account's unit).
  checkFiler: (a, account) =>
    account.role === 'enterprise' && account.unit && a.unit.replace(/\s/g, '') !== account.unit.replace(/\s/g, '')
      ? `完成单位以登录账户所属单位为准：您的账户属于“${account.unit}”，申请填写的是“${a.unit}”。`
      : account.role === 'science_bureau' && a.category !== 'pre_project'
        ? '市科技局只为市科技计划项目发起立项前评估；成果评价由完成单位申请。'
        : null,
  access: { read: { enterprise: 'own', science_bureau: 'all', expert: 'all' }, upload: ['enterprise', 'science_bureau'] },
  ruleSets: [RULES],
  applicationDate: (a) => a.filedOn,
  jurisdiction: () => ({ county: '', township: '', village: '' }),
  initialState: () => 'review',
  assess: () => ({ decision: 'eligible', findings: [] }),
  states: [
    { id: 'review', label: '专家评价', actor: 'expert' },
    { id: 'in_library', label: '评价通过，入市科技成果库', actor: null },
    { id: 'not_passed', label: '评价未通过', actor: null, terminal: true },
    { id: 'withdrawn', label: '已移出成果库', actor: null, terminal: true },
  ],
  actions: ACTIONS,
  materials: [
    { label: '主要评价指标的实际情况（如技术交易合同金额、市场估值、市场占有率、应用情况）', citation: cite('二、（二）') },
    { label: '代表作制度：基础研究成果的代表作（不超过 5 项）', citation: cite('二、（二）') },
  ],
  documentKinds: [
    { kind: 'evidence', label: '成果证明材料' },
    { kind: 'other', label: '其他材料' },
  ],
  certificates: [],
  title: (a) => `${a.title}（${a.unit}，${CATEGORIES[a.category].label}）`,
};
