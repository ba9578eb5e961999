// 收回宅基地使用权 (隆政发〔2022〕11号 第二十五条): the village proposes, the
// township that approved the plot decides; compensation for grounds (一)–(三).
import { z } from 'zod';
import { addYears, isoDate } from '../../calendar/dates.js';
import type { ProcedureDefinition } from '../../engine/procedure.js';
import { evaluate, type Citation, type Rule, type RuleSet } from '../../engine/rules.js';
import { HOMESTEAD_RULES_2022 } from '../homestead/rules.js';

const DOC = '隆政发〔2022〕11号';
const cite = (article: string, item: string | null = null): Citation => ({ document: DOC, article, item });

/** 第二十五条第一款: the grounds on which a plot may be taken back. */
export const RECLAIM_GROUNDS = {
  village_renewal: { item: '第（一）项', label: '为实施村庄和集镇规划进行旧村改造需要调整', compensated: true },
  public_works: { item: '第（二）项', label: '为乡（镇）村公共设施和公益事业建设需要占用', compensated: true },
  second_plot: { item: '第（三）项', label: '农村村民一户一处以外的宅基地', compensated: true },
  vacated_five_guarantee: { item: '第（四）项', label: '农村五保户腾出的宅基地', compensated: false },
  unused_two_years: { item: '第（五）项', label: '自依法批准之日起连续二年未开工建设或未按批准用途使用', compensated: false },
  county_rule: { item: '第（六）项', label: '县人民政府规定应当收回的其他宅基地', compensated: false },
} as const;
type Ground = keyof typeof RECLAIM_GROUNDS;

export const ReclaimApplicationSchema = z.object({
  applicationDate: isoDate('提出日期').meta({ 'x-widget': 'receipt-date' }),
  county: z.string().trim().min(1, '请填写县').meta({ title: '县（市、区）' }),
  township: z.string().trim().min(1, '请填写乡镇').meta({ title: '乡镇' }),
  village: z.string().trim().min(1, '请填写村').meta({ title: '村' }),
  holder: z.object({ name: z.string().trim().min(1, '请填写使用权人').max(30).meta({ title: '姓名' }) }).meta({ title: '宅基地使用权人' }),
  plot: z
    .object({
      address: z.string().trim().min(1, '请填写坐落').max(200).meta({ title: '坐落' }),
      area: z.number().positive('面积应大于 0').meta({ title: '面积', 'x-unit': '平方米' }),
      approvedOn: isoDate('批准日期').optional(),
      worksStartedOn: isoDate('开工日期').optional(),
    })
    .meta({ title: '宅基地' }),
  ground: z.enum(Object.keys(RECLAIM_GROUNDS) as [Ground, ...Ground[]], { error: '请选择收回理由（第二十五条第（一）至（六）项）' }).meta({
    title: '收回理由',
    description: '隆政发〔2022〕11号 第二十五条第一款',
    'x-labels': Object.fromEntries(Object.entries(RECLAIM_GROUNDS).map(([k, g]) => [k, `${g.label}（${g.item}）`])),
  }),
  homesteadCaseId: z.string().max(60).optional().meta({ title: '原宅基地审批案件编号（如有）' }),
  facts: z.string().trim().min(2, '请说明事实').max(2000).meta({ title: '事实和理由' }),
});
export type ReclaimApplication = z.infer<typeof ReclaimApplicationSchema>;

export const twoYearsUnused: Rule<ReclaimApplication> = {
  id: 'reclaim_two_years_unused',
  citation: cite('第二十五条', '第（五）项'),
  summary: '自依法批准之日起连续二年未开工建设的宅基地，可以收回。',
  check: (a, ctx) => {
    if (a.ground !== 'unused_two_years') return null;
    if (!a.plot.approvedOn) return { outcome: 'fail', message: '以“二年未开工”为由收回，须填写批准日期。' };
    if (a.plot.worksStartedOn) return { outcome: 'fail', message: `已于 ${a.plot.worksStartedOn} 开工，不属于二年未开工。` };
    const twoYears = addYears(a.plot.approvedOn, 2);
    return ctx.date >= twoYears
      ? { outcome: 'pass', message: `自批准之日（${a.plot.approvedOn}）起已满二年（${twoYears}）未开工。` }
      : { outcome: 'fail', message: `自批准之日（${a.plot.approvedOn}）起未满二年（至 ${twoYears} 方满）。` };
  },
};

export const compensation: Rule<ReclaimApplication> = {
  id: 'reclaim_compensation',
  citation: cite('第二十五条', '第二款'),
  summary: '因第（一）（二）（三）项原因收回的，村民委员会根据地上附着物评估价格给予适当补偿。',
  check: (a) => (RECLAIM_GROUNDS[a.ground].compensated ? { outcome: 'info', message: '应按地上附着物评估价格给予适当补偿。' } : null),
};

export const RECLAIM_RULES_2022: RuleSet<ReclaimApplication> = {
  id: 'reclaim-2022',
  governingDocument: DOC,
  period: HOMESTEAD_RULES_2022.period,
  validityCitation: HOMESTEAD_RULES_2022.validityCitation,
  rules: [twoYearsUnused, compensation],
};

const approval = cite('第二十五条');
export const reclaimProcedure: ProcedureDefinition<ReclaimApplication, object> = {
  id: 'homestead-reclaim',
  name: '收回宅基地使用权',
  idPrefix: 'ZJH',
  applicationSchema: ReclaimApplicationSchema,
  recordSchema: z.object({ reclaimed: isoDate('收回日期').optional(), refusal: z.string().optional().meta({ title: '不予收回理由' }) }).strict(),
  filedBy: ['village'],
  access: { read: { village: 'village', township: 'township', county: 'county' }, upload: ['village', 'township'] },
  ruleSets: [RECLAIM_RULES_2022],
  applicationDate: (a) => a.applicationDate,
  jurisdiction: (a) => ({ county: a.county, township: a.township, village: a.village }),
  initialState: () => 'township_decision',
  assess: (a, set) => {
    const findings = evaluate(set.rules, a, { date: a.applicationDate });
    const ground = RECLAIM_GROUNDS[a.ground];
    findings.unshift({
      rule: 'reclaim_ground',
      outcome: 'pass',
      citation: cite('第二十五条', ground.item),
      cites: `${DOC} 第二十五条${ground.item}`,
      link: `/docs/${encodeURIComponent(DOC)}#${encodeURIComponent(`第二十五条${ground.item}`)}`,
      message: `收回理由：${ground.label}。`,
    });
    return { decision: findings.some((f) => f.outcome === 'fail') ? 'ineligible' : 'eligible', findings };
  },
  states: [
    { id: 'township_decision', label: '原批准乡镇审批', actor: 'township' },
    { id: 'reclaimed', label: '已批准收回', actor: null, terminal: true },
    { id: 'not_reclaimed', label: '不予收回', actor: null, terminal: true },
  ],
  actions: [
    {
      id: 'approve_reclaim',
      consultsRules: true,
      decides: true,
      label: '批准收回',
      from: ['township_decision'],
      roles: ['township'],
      citation: approval,
      guard: (c) => {
        const a = c.assessment();
        return a.decision === 'ineligible'
          ? `不符合收回条件：${a.findings
              .filter((f) => f.outcome === 'fail')
              .map((f) => f.message)
              .join('；')}`
          : null;
      },
      to: 'reclaimed',
      record: (c) => ({ reclaimed: c.date }),
    },
    {
      id: 'reject_reclaim',
      decides: true,
      label: '不予收回',
      from: ['township_decision'],
      roles: ['township'],
      citation: approval,
      payload: z.object({ reason: z.string().trim().min(2, '请填写理由').max(1000).meta({ title: '不予收回理由', 'x-widget': 'textarea' }) }),
      to: 'not_reclaimed',
      record: (_c, p) => ({ refusal: p.reason }),
    },
  ],
  documentKinds: [
    { kind: 'evidence', label: '证据材料' },
    { kind: 'valuation', label: '地上附着物评估' },
  ],
  certificates: [],
  title: (a) => `收回 · ${a.holder.name} · ${a.plot.address}`,
};
