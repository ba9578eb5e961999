// 个体卫生室 (隆政办规〔2022〕1号 二、（二）): a doctor who has reached the retirement age, is able and wishes
// to, applies in writing; the county health bureau confirms that he may apply; the licence itself is the
// county 行政审批局's (《医疗机构管理条例》), so Zhengwu hands the case over and records what it decided.
import { z } from 'zod';
import { isoDate } from '../../calendar/dates.js';
import { IdNumberSchema } from '../../engine/personal-data.js';
import type { ProcedureDefinition } from '../../engine/procedure.js';
import { evaluate, type Rule, type RuleSet } from '../../engine/rules.js';
import { PostingSchema, ROSTER } from './roster.js';
import { cite, GOVERNING_DOCUMENT, retirementDate, VILLAGE_DOCTOR_PARAMETERS } from './rules.js';

export const CLINIC = 'village-doctor-clinic';
const clinicCite = cite('二、（二）');

/** What a licensed 个体卫生室 is, as 二、（二） says: told on the licence record and on the case. */
export const CLINIC_TERMS = '按照《医疗机构管理条例》进行管理，不实施基本药物制度，不实行药品“零差率”销售，不享受政府各项补助，独立经营。';

export const ClinicSchema = z
  .object({
    rosterCase: z.string().trim().min(1, '请填写村医的花名册编号').max(40).meta({ title: '花名册编号' }),
    doctor: z
      .object({ name: z.string().trim().min(1, '请填写姓名').max(30).meta({ title: '姓名' }), idNumber: IdNumberSchema })
      .meta({ title: '申请人（村医）' }),
    place: PostingSchema,
    writtenOn: isoDate('书面申请日期').meta({ title: '书面申请日期', format: 'date', 'x-widget': 'receipt-date' }),
    statement: z
      .string()
      .trim()
      .min(10, '请说明服务能力和个人意愿（至少 10 个字）')
      .max(2000)
      .meta({ title: '服务能力与个人意愿', 'x-widget': 'textarea', description: '二、（二）：服务能力较强、有个人意愿' }),
  })
  .meta({ title: '个体卫生室申办资格确认' });
export type ClinicApplication = z.infer<typeof ClinicSchema>;

export const reachedRetirement: Rule<ClinicApplication> = {
  id: 'reached_retirement_age',
  citation: clinicCite,
  summary: '达到退休年龄的一体化村医，方可申请申办个体卫生室。',
  check: (a, ctx) => {
    const on = retirementDate(a.doctor, ctx);
    return ctx.date >= on
      ? { outcome: 'pass', message: `${on} 已达到退休年龄。` }
      : { outcome: 'fail', message: `${on} 才达到退休年龄，书面申请日（${ctx.date}）尚未达到。` };
  },
};
export const abilityAndWish: Rule<ClinicApplication> = {
  id: 'ability_and_wish',
  citation: clinicCite,
  summary: '服务能力较强、有个人意愿，由个人提出书面申请，县卫生健康主管部门确认。',
  check: () => ({ outcome: 'info', message: '服务能力和个人意愿以书面申请为准，由县卫生健康主管部门确认。' }),
};

const CLINIC_RULES: RuleSet<ClinicApplication> = {
  id: 'village-doctor-clinic-2022',
  governingDocument: GOVERNING_DOCUMENT,
  period: { from: '2022-06-15', until: '2027-06-14' },
  validityCitation: cite('四、'),
  rules: [reachedRetirement, abilityAndWish],
};

const reason = (title: string) => z.string().trim().min(2, `请填写${title}`).max(500).meta({ title, 'x-widget': 'textarea' });

export const clinicProcedure: ProcedureDefinition<ClinicApplication, object> = {
  id: CLINIC,
  name: '退休村医申办个体卫生室资格确认',
  idPrefix: 'GTW',
  version: 1,
  applicationSchema: ClinicSchema,
  recordSchema: z
    .object({
      confirmedOn: z.string().optional().meta({ title: '资格确认日期' }),
      refusal: z.object({ date: z.string(), reason: z.string() }).optional().meta({ title: '不予确认' }),
      licence: z
        .object({ date: z.string(), licensed: z.boolean(), number: z.string(), note: z.string(), terms: z.string() })
        .optional()
        .meta({ title: '县行政审批局办理结果' }),
    })
    .strict(),
  filedBy: ['health_centre'],
  access: {
    read: { health_centre: 'township', county_health: 'county', county_approval: 'county' },
    upload: ['health_centre', 'county_health', 'county_approval'],
  },
  // The applicant is a doctor of the register, posted where the clinic would be.
  filingCheck: {
    related: (a) => ({ procedure: ROSTER, ids: [a.rosterCase] }),
    check: (a, [entry]) => {
      if (!entry) return `花名册中没有编号为 ${a.rosterCase} 的村医。`;
      if (entry.application.doctor.idNumber !== a.doctor.idNumber || entry.application.doctor.name !== a.doctor.name)
        return `花名册 ${a.rosterCase} 登记的不是${a.doctor.name}（姓名或身份证号码不符）。`;
      if (entry.township !== a.place.township || entry.county !== a.place.county)
        return `${a.doctor.name}不在${a.place.township}执业，请由其所在乡镇卫生院受理。`;
      if (!['active', 'suspended', 'retired'].includes(entry.state)) return `${a.doctor.name}的花名册状态为“${entry.state}”，不是一体化村医。`;
      return null;
    },
  },
  ruleSets: [CLINIC_RULES],
  parameters: Object.values(VILLAGE_DOCTOR_PARAMETERS),
  applicationDate: (a) => a.writtenOn,
  jurisdiction: (a) => ({ county: a.place.county, township: a.place.township, village: a.place.village }),
  initialState: () => 'county_confirm',
  assess: (a, set, parameter) => {
    const findings = evaluate(set.rules, a, { date: a.writtenOn, parameter });
    return { decision: findings.some((f) => f.outcome === 'fail') ? 'ineligible' : 'eligible', findings };
  },
  states: [
    { id: 'county_confirm', label: '县卫健确认申请资格', actor: 'county_health' },
    { id: 'handed_off', label: '已移交县行政审批局', actor: 'county_approval' },
    { id: 'not_confirmed', label: '不予确认', actor: null, terminal: true },
    { id: 'licensed', label: '县行政审批局准予设置', actor: null, terminal: true },
    { id: 'not_licensed', label: '县行政审批局不予设置', actor: null, terminal: true },
  ],
  actions: [
    {
      id: 'confirm',
      label: '确认申请资格，移交县行政审批局',
      from: ['county_confirm'],
      roles: ['county_health'],
      citation: clinicCite,
      consultsRules: true,
      decides: true,
      guard: (c) => {
        const a = c.assessment();
        return a.decision === 'ineligible'
          ? `不符合申请条件：${a.findings
              .filter((f) => f.outcome === 'fail')
              .map((f) => `${f.cites}（${f.message}）`)
              .join('；')}`
          : null;
      },
      to: 'handed_off',
      record: (c) => ({ confirmedOn: c.date }),
    },
    {
      id: 'refuse',
      label: '不予确认',
      from: ['county_confirm'],
      roles: ['county_health'],
      citation: clinicCite,
      decides: true,
      payload: z.object({ reason: reason('不予确认的理由') }),
      to: 'not_confirmed',
      record: (c, p: { reason: string }) => ({ refusal: { date: c.date, reason: p.reason } }),
    },
    {
      id: 'record_licence',
      label: '登记审批结果',
      from: ['handed_off'],
      roles: ['county_approval'],
      citation: clinicCite,
      payload: z.object({
        licensed: z.boolean({ error: '请选择是否准予设置' }).meta({ title: '准予设置个体卫生室' }),
        number: z.string().trim().max(40).default('').meta({ title: '《医疗机构执业许可证》登记号' }),
        note: z.string().trim().max(500).default('').meta({ title: '说明', 'x-widget': 'textarea' }),
      }),
      guard: (_c, p: { licensed: boolean; number: string; note: string }) =>
        p.licensed && !p.number ? '准予设置的，请填写《医疗机构执业许可证》登记号。' : !p.licensed && !p.note ? '不予设置的，请说明理由。' : null,
      to: (_c, p: { licensed: boolean }) => (p.licensed ? 'licensed' : 'not_licensed'),
      next: ['licensed', 'not_licensed'],
      record: (c, p: { licensed: boolean; number: string; note: string }) => ({
        licence: { date: c.date, licensed: p.licensed, number: p.number, note: p.note, terms: p.licensed ? CLINIC_TERMS : '' },
      }),
    },
  ],
  documentKinds: [
    { kind: 'written_application', label: '本人书面申请' },
    { kind: 'other', label: '其他材料' },
  ],
  materials: [{ label: '由个人提出书面申请（说明服务能力和个人意愿）', citation: clinicCite }],
  certificates: [],
  title: (a) => `${a.doctor.name} · ${a.place.township}${a.place.village} 个体卫生室`,
};
