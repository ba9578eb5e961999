// 年度建设计划 (承市政办字〔2022〕48号 二、（一）：各县（市、区）政府……制定年度建设计划，并向社会公布): one case per
// county and year, published by the county housing department with its document; adjustments are recorded
// with their reason. The overview (views.ts) sets the plan against the projects recognised and completed.
import { z } from 'zod';
import { isoDate } from '../../calendar/dates.js';
import type { ProcedureDefinition } from '../../engine/procedure.js';
import { STAY } from '../../engine/procedure.js';
import { cite, CountySchema, recordsOnly } from './rules.js';

export const RENTAL_PLAN = 'rental-housing-plan';

/** 二、（一）: 双桥区、双滦区、承德高新区为重点发展区域. */
export const KEY_AREAS = ['双桥区', '双滦区', '承德高新技术产业开发区'];

const units = (title: string) =>
  z
    .number({ error: `${title}应为整数` })
    .int(`${title}应为整数`)
    .min(0, `${title}不能为负数`)
    .max(1_000_000)
    .meta({ title });

export const PlanSchema = z
  .object({
    county: CountySchema,
    year: z.number({ error: '年度应为整数' }).int().min(2021, '“十四五”自 2021 年起').max(2035).meta({ title: '年度' }),
    targetUnits: units('计划筹集套数'),
    fiveYearTarget: units('“十四五”建设目标（套）'),
    document: z.string().trim().min(4, '请填写公布计划的文件（文号、标题）').max(200).meta({ title: '公布文件（文号、标题）' }),
    publishedOn: isoDate('公布日期').meta({ title: '公布日期', format: 'date' }),
  })
  .meta({ title: '保障性租赁住房年度建设计划' });
export type Plan = z.infer<typeof PlanSchema>;

const NO_RULES = recordsOnly<Plan>('rental-plan-2022');

export const planProcedure: ProcedureDefinition<Plan, object> = {
  id: RENTAL_PLAN,
  name: '保障性租赁住房年度建设计划',
  idPrefix: 'BZJH',
  version: 1,
  applicationSchema: PlanSchema,
  recordSchema: z.object({ adjustments: z.array(z.object({ date: z.string(), from: z.number(), to: z.number(), reason: z.string() })).optional() }).strict(),
  filedBy: ['county_housing'],
  access: { read: { county_housing: 'county', city_housing: 'all' }, upload: ['county_housing'] },
  filingCheck: {
    related: (a) => ({ procedure: RENTAL_PLAN, states: ['published'], area: { county: a.county } }),
    check: (a, plans) => (plans.some((p) => p.application.year === a.year) ? `${a.county} ${a.year} 年度建设计划已登记，请在原计划上调整。` : null),
  },
  ruleSets: [NO_RULES],
  applicationDate: (a) => a.publishedOn,
  jurisdiction: (a) => ({ county: a.county, township: '', village: '' }),
  initialState: () => 'published',
  assess: () => ({ decision: 'eligible', findings: [] }),
  states: [
    { id: 'published', label: '已公布', actor: null },
    { id: 'ended', label: '年度结束', actor: null, terminal: true },
  ],
  actions: [
    {
      id: 'adjust',
      label: '调整年度计划',
      from: ['published'],
      roles: ['county_housing'],
      citation: cite('二、（一）'),
      payload: z.object({
        targetUnits: units('调整后计划筹集套数'),
        reason: z.string().trim().min(2, '请填写调整原因').max(500).meta({ title: '调整原因', 'x-widget': 'textarea' }),
      }),
      to: STAY,
      record: (c, p: { targetUnits: number; reason: string }) => {
        const list = (c.data.adjustments ?? []) as { to: number }[];
        return {
          adjustments: [...list, { date: c.date, from: list.at(-1)?.to ?? c.application.targetUnits, to: p.targetUnits, reason: p.reason }],
        };
      },
    },
    { id: 'end_year', label: '年度结束', from: ['published'], roles: ['county_housing'], citation: cite('二、（一）'), to: 'ended' },
  ],
  documentKinds: [{ kind: 'plan', label: '年度建设计划文件' }],
  certificates: [],
  title: (a) => `${a.county} ${a.year} 年保障性租赁住房建设计划（${a.targetUnits} 套）`,
};

/** The plan's target after its adjustments. */
export const currentTarget = (application: Plan, record: Record<string, any>) =>
  ((record.adjustments ?? []) as { to: number }[]).at(-1)?.to ?? application.targetUnits;
