// The county's list of households in 公租房 (承市政办字〔2022〕48号 二、（五）：已享受公租房保障的家庭，不得申请保障性
// 租赁住房): one case per household, kept by the county housing department, so every entry and removal is audited
// and a letting reads the list under the write lock (ActionDef.related).
import { z } from 'zod';
import { isoDate } from '../../calendar/dates.js';
import { IdNumberSchema } from '../../engine/personal-data.js';
import type { ProcedureDefinition } from '../../engine/procedure.js';
import { cite, CountySchema, recordsOnly } from './rules.js';

export const PUBLIC_RENTAL = 'rental-housing-public-rental';

const Person = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(30).meta({ title: '姓名' }),
  idNumber: IdNumberSchema,
});

export const HouseholdSchema = z
  .object({
    county: CountySchema,
    head: Person.meta({ title: '保障对象（申请人）' }),
    members: z.array(Person).max(20).default([]).meta({ title: '共同申请家庭成员' }),
    since: isoDate('享受公租房保障起始日期').meta({ title: '享受公租房保障起始日期', format: 'date' }),
    source: z.string().trim().min(2, '请填写名单来源（批次或文件）').max(200).meta({ title: '名单来源（批次或文件）' }),
  })
  .meta({ title: '公租房保障家庭' });
export type Household = z.infer<typeof HouseholdSchema>;

const NO_RULES = recordsOnly<Household>('public-rental-2022');

export const publicRentalProcedure: ProcedureDefinition<Household, object> = {
  id: PUBLIC_RENTAL,
  name: '公租房保障家庭名单（保障性租赁住房准入核查）',
  idPrefix: 'GZF',
  version: 1,
  applicationSchema: HouseholdSchema,
  recordSchema: z.object({ removal: z.object({ date: z.string(), reason: z.string() }).optional() }).strict(),
  filedBy: ['county_housing'],
  access: { read: { county_housing: 'county', city_housing: 'all' }, upload: ['county_housing'] },
  ruleSets: [NO_RULES],
  applicationDate: (a) => a.since,
  jurisdiction: (a) => ({ county: a.county, township: '', village: '' }),
  initialState: () => 'listed',
  assess: () => ({ decision: 'eligible', findings: [] }),
  states: [
    { id: 'listed', label: '在册（享受公租房保障）', actor: null },
    { id: 'removed', label: '已退出公租房保障', actor: null, terminal: true },
  ],
  actions: [
    {
      id: 'remove',
      label: '退出公租房保障',
      from: ['listed'],
      roles: ['county_housing'],
      citation: cite('二、（五）'),
      payload: z.object({ reason: z.string().trim().min(2, '请填写退出原因').max(500).meta({ title: '退出原因', 'x-widget': 'textarea' }) }),
      to: 'removed',
      record: (c, p: { reason: string }) => ({ removal: { date: c.date, reason: p.reason } }),
    },
  ],
  documentKinds: [{ kind: 'other', label: '名单文件' }],
  certificates: [],
  title: (a) => `${a.county} 公租房保障家庭 ${a.head.name}`,
};
