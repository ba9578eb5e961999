// 高龄津贴标准: the amount per month of a county, entered by the 县民政局 with the local document that sets it
// and the day it takes effect. Neither 承市政字〔2022〕24号 nor 承市政办字〔2022〕47号 gives an amount, and
// neither says how a month in which someone turns 80 or leaves is paid: the county states that too, as its
// document says. Each standard is a case (its entry is in the audit chain); one entered in error is withdrawn
// with a reason, never edited. The roster uses the standard in force on the first day of a month.
import { z } from 'zod';
import { isoDate } from '../../calendar/dates.js';
import type { ProcedureDefinition } from '../../engine/procedure.js';
import { countyOf } from '../../platform/areas.js';
import { ALLOWANCE, ELDERLY_RULES } from './rules.js';

export const RATE = 'elderly-allowance-rate';

/** How a month only partly covered (the month of the 80th birthday, of death or moving away) is paid. */
export const PARTIAL_MONTH = {
  whole_month: '按整月发放',
  not_paid: '当月不发放',
  by_day: '按日折算（月标准 × 享受天数 ÷ 当月天数）',
} as const;
export type PartialMonth = keyof typeof PARTIAL_MONTH;
const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const RateSchema = z
  .object({
    county: z
      .string({ error: '请填写县（市、区）' })
      .trim()
      .min(1, '请填写县（市、区）')
      .refine((c) => countyOf(c) !== null, '区划中没有这个县（市、区）')
      .meta({ title: '县（市、区）' }),
    monthlyAmount: z
      .number({ error: '请填写每人每月金额（元）' })
      .positive('金额应大于 0')
      .max(100000)
      .refine((n) => Math.round(n * 100) === n * 100 || Math.abs(Math.round(n * 100) - n * 100) < 1e-6, '金额最多两位小数')
      .meta({ title: '每人每月金额（元）', 'x-unit': '元' }),
    partialMonth: z
      .enum(keys(PARTIAL_MONTH), { error: '请选择不满整月的发放办法' })
      .meta({ title: '不满整月的发放办法（按文件规定）', 'x-labels': PARTIAL_MONTH }),
    document: z
      .string({ error: '请填写设定标准的文件（名称及文号）' })
      .trim()
      .min(4, '请填写设定标准的文件（名称及文号）')
      .max(200)
      .meta({ title: '设定标准的文件（名称及文号）' }),
    effectiveFrom: isoDate('执行日期').meta({ title: '执行日期', format: 'date' }),
    enteredOn: isoDate('录入日期').meta({ title: '录入日期', format: 'date', 'x-widget': 'receipt-date' }),
  })
  .meta({ title: '高龄津贴标准' });
export type Rate = z.infer<typeof RateSchema>;

export const rateProcedure: ProcedureDefinition<Rate, object> = {
  id: RATE,
  name: '高龄津贴标准',
  idPrefix: 'GLJT',
  version: 1,
  applicationSchema: RateSchema,
  filedBy: ['county_civil_affairs'],
  access: {
    read: { county_civil_affairs: 'county', township: 'county', village: 'county', city_civil_affairs: 'all' },
    upload: ['county_civil_affairs'],
  },
  ruleSets: [{ ...ELDERLY_RULES, rules: [] }],
  applicationDate: (a) => a.enteredOn,
  jurisdiction: (a) => ({ county: a.county, township: '', village: '' }),
  initialState: () => 'in_force',
  assess: () => ({ decision: 'eligible', findings: [] }),
  states: [
    { id: 'in_force', label: '已录入', actor: 'county_civil_affairs' },
    { id: 'withdrawn', label: '已撤销（录入有误）', actor: null, terminal: true },
  ],
  actions: [
    {
      id: 'withdraw',
      label: '撤销（录入有误）',
      from: ['in_force'],
      roles: ['county_civil_affairs'],
      citation: ALLOWANCE,
      payload: z.object({ reason: z.string().trim().min(2, '请填写撤销原因').max(500).meta({ title: '撤销原因', 'x-widget': 'textarea' }) }),
      to: 'withdrawn',
      record: (ctx, p: { reason: string }) => ({ withdrawn: { on: ctx.date, reason: p.reason } }),
    },
  ],
  documentKinds: [{ kind: 'document', label: '设定标准的文件' }],
  certificates: [],
  title: (a) => `${a.county} 高龄津贴 ${a.monthlyAmount} 元/月（${a.effectiveFrom} 起）`,
};
