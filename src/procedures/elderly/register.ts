// 老年人名册: the older people of a village or community, one case per person, entered by the 村（居）委会 or
// the 乡镇（街道）. Age is never stored: it is computed from the 身份证号 on any date. The household
// situation and the categories (特困、低保、失能、残疾…) are recorded with their source and kept current by
// `update`; each 探访 (24号 三、（一）3.; 47号 二、（二）1.（5）) is a recording action on the person's case, so
// the visit log is the audit chain; leaving (death, moving away) ends the entry with its stop date, which
// ends the 高龄津贴 on the roster.
import { z } from 'zod';
import { isoDate } from '../../calendar/dates.js';
import type { ActionContext, ProcedureDefinition } from '../../engine/procedure.js';
import { IdNumberSchema, PhoneSchema } from '../../engine/personal-data.js';
import { evaluate, type RuleSet } from '../../engine/rules.js';
import { checkAreaPath } from '../../platform/areas.js';
import {
  CATEGORIES,
  isSpecial,
  ELDERLY_RULES,
  HOUSEHOLDS,
  PLAN,
  SPECIAL,
  ASSESSMENT,
  VISITS,
  VISITS_PLAN,
  VISIT_FORMS,
  ALLOWANCE,
  cite,
  type Category,
  type ElderlyFacts,
} from './rules.js';

export const REGISTER = 'elderly-register';

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const text = (label: string, max = 40) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max)
    .meta({ title: label });
const longText = (label: string, min = 2) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, `请填写${label}`)
    .max(500)
    .meta({ title: label, 'x-widget': 'textarea' });

export const PlaceSchema = z
  .object({ county: text('县（市、区）'), township: text('乡镇（街道）'), village: text('村（社区）') })
  .superRefine((p, ctx) => {
    const problem = checkAreaPath(p, 'village');
    if (problem) ctx.addIssue({ code: 'custom', path: ['village'], message: problem });
  })
  .meta({ title: '居住地（村、社区）', 'x-widget': 'area' });

export const CategorySchema = z
  .object({
    category: z.enum(keys(CATEGORIES), { error: '请选择类别' }).meta({ title: '类别', 'x-labels': CATEGORIES }),
    source: text('认定来源（认定部门、名册或证件编号）', 100),
    since: isoDate('认定日期').optional().meta({ title: '认定日期', format: 'date' }),
  })
  .meta({ title: '困难类别' });

const categoriesSchema = z
  .array(CategorySchema)
  .max(6)
  .default([])
  .superRefine((cs, ctx) => {
    const seen = new Set<string>();
    cs.forEach((c, i) => {
      if (seen.has(c.category)) ctx.addIssue({ code: 'custom', path: [i, 'category'], message: `“${CATEGORIES[c.category]}”填写了两次` });
      seen.add(c.category);
    });
  })
  .meta({ title: '特困、低保、失能、残疾等类别（含认定来源）', description: '承市政字〔2022〕24号 三、（一）2.' });

export const EntrySchema = z
  .object({
    person: z
      .object({
        name: text('姓名', 30),
        idNumber: IdNumberSchema,
        phone: PhoneSchema.optional().meta({ title: '联系电话（本人或家属）' }),
      })
      .meta({ title: '老年人' }),
    place: PlaceSchema,
    household: z.enum(keys(HOUSEHOLDS), { error: '请选择居住状况' }).meta({ title: '居住状况', 'x-labels': HOUSEHOLDS }),
    categories: categoriesSchema,
    enteredOn: isoDate('登记日期').meta({ title: '登记日期', format: 'date', 'x-widget': 'receipt-date' }),
  })
  .superRefine((e, ctx) => {
    e.categories.forEach((c, i) => {
      if (c.since && c.since > e.enteredOn) ctx.addIssue({ code: 'custom', path: ['categories', i, 'since'], message: '认定日期不能晚于登记日期' });
    });
  })
  .meta({ title: '老年人名册登记' });
export type Entry = z.infer<typeof EntrySchema>;

export const LEAVINGS = { deceased: '死亡', moved: '迁出本村（社区）' } as const;
export const VISIT_METHODS = { home: '上门探访', phone: '电话', video: '视频' } as const;

const VisitSchema = z.object({
  on: z.string(),
  visitor: z.string(),
  method: z.string(),
  found: z.string(),
  help: z.string(),
  risk: z.boolean(),
  by: z.string(),
});
export type Visit = z.infer<typeof VisitSchema>;

const AssessmentSchema = z.object({
  on: z.string(),
  agency: z.string(),
  standard: z.string(),
  level: z.string(),
  disabled: z.boolean(),
  validUntil: z.string().nullable(),
});
export type Assessment = z.infer<typeof AssessmentSchema>;

/** The latest 能力综合评估 still valid on a day (24号 三、（一）1.: the basis for subsidies and services), or null. */
export function assessmentOn(record: Record<string, any>, asOf: string): Assessment | null {
  const valid = ((record.assessments as Assessment[] | undefined) ?? []).filter((a) => a.on <= asOf && (a.validUntil === null || a.validUntil >= asOf));
  return valid.at(-1) ?? null;
}

export const RegisterRecordSchema = z
  .object({
    household: z.string().optional().meta({ title: '居住状况（现）' }),
    categories: z
      .array(z.object({ category: z.string(), source: z.string(), since: z.string().optional() }))
      .optional()
      .meta({ title: '困难类别（现）' }),
    changes: z
      .array(z.object({ on: z.string(), what: z.string(), reason: z.string() }))
      .optional()
      .meta({ title: '变更记录' }),
    visits: z.array(VisitSchema).optional().meta({ title: '探访记录' }),
    assessments: z.array(AssessmentSchema).optional().meta({ title: '老年人能力综合评估' }),
    leaving: z.object({ kind: z.string(), on: z.string(), note: z.string() }).optional().meta({ title: '退出名册' }),
  })
  .strict();
type RegisterRecord = z.infer<typeof RegisterRecordSchema>;

/** The person's household and categories now: the last update, else the entry. */
export function currentOf(c: { application: Entry; record: RegisterRecord | Record<string, any> }) {
  return {
    household: (c.record.household ?? c.application.household) as Entry['household'],
    categories: (c.record.categories ?? c.application.categories) as Entry['categories'],
  };
}

/** The facts the rules read, on a day. */
export function factsOf(c: { application: Entry; record: Record<string, any> }, asOf: string): ElderlyFacts {
  const now = currentOf(c);
  const categories: ElderlyFacts['categories'] = {};
  for (const x of now.categories) categories[x.category as Category] = { source: x.source, since: x.since };
  // A valid assessment that finds the person 失能 makes them so for the rules, with the assessment as the source.
  const assessed = assessmentOn(c.record, asOf);
  if (assessed?.disabled && !categories.disabled_care)
    categories.disabled_care = { source: `老年人能力综合评估（${assessed.agency}，${assessed.on}：${assessed.level}）`, since: assessed.on };
  return { idNumber: c.application.person.idNumber, household: now.household, categories, asOf };
}

// The person's rules on the entry (findings on the case page: 特殊困难老年人, 高龄津贴 from the 80th birthday).
const ENTRY_RULES: RuleSet<Entry> = {
  ...ELDERLY_RULES,
  rules: ELDERLY_RULES.rules.map((r) => ({
    ...r,
    check: (e: Entry, ctx: { date: string }) => r.check(factsOf({ application: e, record: {} }, ctx.date), ctx),
  })),
};

type Ctx = ActionContext<Entry>;
const visitsOf = (ctx: Ctx) => (ctx.data.visits as Visit[] | undefined) ?? [];
const describeCategories = (cs: Entry['categories']) => (cs.length ? cs.map((c) => CATEGORIES[c.category]).join('、') : '无');

export const registerProcedure: ProcedureDefinition<Entry, object> = {
  id: REGISTER,
  name: '老年人名册',
  idPrefix: 'LNR',
  version: 1,
  applicationSchema: EntrySchema,
  recordSchema: RegisterRecordSchema,
  filedBy: ['village', 'township'],
  access: {
    read: { village: 'village', township: 'township', county_civil_affairs: 'county', city_civil_affairs: 'all', assessment_agency: 'county' },
    upload: ['village', 'township', 'county_civil_affairs'],
  },
  // One entry per person: a second would put them twice on the 高龄津贴 roster. Someone moving in is entered
  // once the old entry has been closed (迁出) where they lived before.
  filingCheck: {
    related: () => ({ procedure: REGISTER, states: ['active'] }),
    check: (e, related) => {
      const same = related.find((c) => c.application?.person?.idNumber === e.person.idNumber);
      return same
        ? `${e.person.name}已在${same.county}${same.township}${same.village}的老年人名册中（在册），不能重复登记；迁入的老年人须先由原村（社区）办理迁出。`
        : null;
    },
  },
  ruleSets: [ENTRY_RULES],
  applicationDate: (e) => e.enteredOn,
  jurisdiction: (e) => ({ county: e.place.county, township: e.place.township, village: e.place.village }),
  initialState: () => 'active',
  assess: (e, set) => ({ decision: 'eligible', findings: evaluate(set.rules, e, { date: e.enteredOn }) }),
  states: [
    { id: 'active', label: '在册', actor: 'village' },
    { id: 'deceased', label: '已死亡', actor: null, terminal: true },
    { id: 'moved', label: '已迁出', actor: null, terminal: true },
  ],
  actions: [
    {
      id: 'visit',
      label: '记录探访',
      from: ['active'],
      roles: ['village', 'township'],
      citation: VISITS,
      payload: z.object({
        visitor: text('探访人（姓名、身份：村干部、网格员、邻里、志愿者、社工、医生等）', 60),
        method: z.enum(keys(VISIT_METHODS), { error: '请选择探访方式' }).meta({ title: '探访方式', 'x-labels': VISIT_METHODS }),
        found: longText('探访发现的情况（身体、生活、安全、家庭赡养等）'),
        help: z.string().trim().max(500).default('').meta({ title: '提供的帮助或转介（无则不填）', 'x-widget': 'textarea' }),
        risk: z.boolean().default(false).meta({ title: '发现基本生活安全问题，需要跟进', description: '承市政字〔2022〕24号 三、（一）3.' }),
      }),
      to: 'active',
      record: (ctx, p: { visitor: string; method: string; found: string; help: string; risk: boolean }) => ({
        visits: [...visitsOf(ctx), { on: ctx.date, visitor: p.visitor, method: p.method, found: p.found, help: p.help, risk: p.risk, by: ctx.actor.name }],
      }),
    },
    {
      id: 'assess_ability',
      label: '录入老年人能力综合评估结果',
      from: ['active'],
      roles: ['assessment_agency', 'county_civil_affairs'],
      citation: ASSESSMENT,
      // 按照国家标准: the texts name no standard, no levels and no validity, so the agency states them as its standard does.
      payload: z.object({
        standard: text('依据的国家标准（名称及编号）', 100),
        level: text('评估结论（能力等级，按所依据的标准）', 60),
        disabled: z.boolean().default(false).meta({ title: '评估结论为失能（含部分失能）' }),
        validUntil: isoDate('结果有效期至').optional().meta({ title: '结果有效期至（按标准或委托合同；不填为长期）', format: 'date' }),
      }),
      guard: (ctx, p: { validUntil?: string }) =>
        p.validUntil && p.validUntil <= ctx.date ? `结果有效期（${p.validUntil}）应晚于评估日期（${ctx.date}）。` : null,
      to: 'active',
      record: (ctx, p: { standard: string; level: string; disabled: boolean; validUntil?: string }) => ({
        assessments: [
          ...((ctx.data.assessments as Assessment[] | undefined) ?? []),
          {
            on: ctx.date,
            agency: ctx.actor.unit ?? ctx.actor.name,
            standard: p.standard,
            level: p.level,
            disabled: p.disabled,
            validUntil: p.validUntil ?? null,
          },
        ],
      }),
    },
    {
      id: 'update',
      label: '更新居住状况、困难类别',
      from: ['active'],
      roles: ['village', 'township', 'county_civil_affairs'],
      citation: SPECIAL,
      payload: z.object({
        household: z.enum(keys(HOUSEHOLDS), { error: '请选择居住状况' }).meta({ title: '居住状况', 'x-labels': HOUSEHOLDS }),
        categories: categoriesSchema,
        reason: longText('变更原因（如：新认定为低保对象、子女外出务工）'),
      }),
      guard: (ctx, p: { household: string; categories: Entry['categories'] }) => {
        const now = currentOf({ application: ctx.application, record: ctx.data });
        const same =
          now.household === p.household && JSON.stringify([...now.categories].sort(byCategory)) === JSON.stringify([...p.categories].sort(byCategory));
        return same ? '居住状况和困难类别没有变化。' : null;
      },
      to: 'active',
      record: (ctx, p: { household: Entry['household']; categories: Entry['categories']; reason: string }) => {
        const now = currentOf({ application: ctx.application, record: ctx.data });
        const what = `居住状况：${HOUSEHOLDS[now.household]} → ${HOUSEHOLDS[p.household]}；类别：${describeCategories(now.categories)} → ${describeCategories(p.categories)}`;
        return {
          household: p.household,
          categories: p.categories,
          changes: [...((ctx.data.changes as RegisterRecord['changes']) ?? []), { on: ctx.date, what, reason: p.reason }],
        };
      },
    },
    {
      id: 'leave',
      label: '死亡、迁出报告',
      from: ['active'],
      roles: ['village', 'township', 'county_civil_affairs'],
      // The day of leaving is the day the 高龄津贴 stops (47号 二、（二）1.（6））.
      citation: ALLOWANCE,
      payload: z.object({
        kind: z.enum(keys(LEAVINGS), { error: '请选择情形' }).meta({ title: '情形', 'x-labels': LEAVINGS }),
        on: isoDate('死亡或迁出日期').meta({ title: '死亡或迁出日期（高龄津贴停发日期）', format: 'date' }),
        note: z.string().trim().max(500).default('').meta({ title: '备注（迁往何处、死亡证明等）', 'x-widget': 'textarea' }),
      }),
      guard: (ctx, p: { on: string }) =>
        p.on > ctx.date
          ? `死亡或迁出日期（${p.on}）不能晚于报告日期（${ctx.date}）。`
          : p.on < ctx.application.enteredOn
            ? `死亡或迁出日期（${p.on}）不能早于登记日期（${ctx.application.enteredOn}）。`
            : null,
      to: (_ctx, p: { kind: keyof typeof LEAVINGS }) => p.kind,
      next: ['deceased', 'moved'],
      record: (_ctx, p: { kind: string; on: string; note: string }) => ({ leaving: { kind: p.kind, on: p.on, note: p.note } }),
    },
  ],
  documentKinds: [
    { kind: 'category', label: '困难类别认定材料（特困、低保、残疾证等）' },
    { kind: 'assessment', label: '老年人能力综合评估结果' },
    { kind: 'visit', label: '探访照片或记录' },
    { kind: 'leaving', label: '死亡、迁出证明' },
    { kind: 'other', label: '其他材料' },
  ],
  certificates: [],
  // 以行政村为单位 … 定期巡访 (三、（一）3.) with a monthly rate of 100 % (47号 二、（一）6.): a 特殊困难老年人 not yet
  // visited in the current month is flagged on the case.
  flags: (c, today) => {
    if (c.state !== 'active' || !isSpecial(factsOf(c, today))) return [];
    const month = today.slice(0, 7);
    const visits = (c.record.visits as Visit[] | undefined) ?? [];
    if (visits.some((v) => v.on.startsWith(month))) return [];
    const last = visits.at(-1)?.on;
    return [
      {
        code: 'visit_due',
        message: `特殊困难老年人，本月（${month}）尚未探访${last ? `（上次探访 ${last}）` : '（尚无探访记录）'}；月探访率目标 100%。`,
        citation: VISITS_PLAN,
      },
    ];
  },
  title: (e) => `${e.person.name} · ${e.place.village}`,
};

const byCategory = (a: { category: string }, b: { category: string }) => (a.category < b.category ? -1 : 1);

/** The citations the register's actions and texts rest on (for the tests against the library). */
export const REGISTER_CITATIONS = [SPECIAL, VISITS, VISITS_PLAN, VISIT_FORMS, ALLOWANCE, cite(PLAN, '三、（一）1.')];
