// 乡村医生花名册: every village doctor of the county as one case of the register, from registration to the
// day he leaves the post. Each change of status (调配、中止执业、恢复、注销、退休、辞职/转岗/死亡、正式职工退出)
// is an action with its article, so the register's history is the audit chain of its cases.
// Doctors enter it by 免试注册 or 考试招录 (those procedures open the entry) or, for doctors registered
// before Zhengwu, entered by their 乡镇卫生院.
import { z } from 'zod';
import { addYears, isoDate } from '../../calendar/dates.js';
import type { ActionContext, ProcedureDefinition, RelatedCase } from '../../engine/procedure.js';
import { evaluate, type RuleSet } from '../../engine/rules.js';
import { checkAreaPath } from '../../platform/areas.js';
import { birthOf, CERTIFICATES, IDENTITY, LONGHUA, text } from './person.js';
import { cite, GOVERNING_DOCUMENT, retirementAge, retirementDate, STANDARDS, VILLAGE_DOCTOR_PARAMETERS } from './rules.js';

export const ROSTER = 'village-doctor-roster';

/** The practising qualifications of 一、（一） (the 师承出师证书 admits to the exam, it does not qualify to practise). */
export const QUALIFICATIONS = {
  village_doctor: CERTIFICATES.village_doctor,
  physician: CERTIFICATES.physician,
  village_general_assistant: CERTIFICATES.village_general_assistant,
} as const;

export const BASES = {
  without_exam: '免试注册（一、（二））',
  exam: '考试招录（一、（三））',
  trained: '定向培养（一、（五））',
  existing: '在册村医（本系统启用前已注册）',
} as const;

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const PostingSchema = z
  .object({
    // The regulation is 隆化县's: a posting elsewhere is not under it.
    county: z.enum([LONGHUA], { error: `本规定适用于${LONGHUA}` }).meta({ title: '县（市、区）' }),
    township: text('乡镇'),
    village: text('村（村卫生室所在行政村）'),
  })
  .superRefine((p, ctx) => {
    const problem = checkAreaPath(p, 'village');
    if (problem) ctx.addIssue({ code: 'custom', path: ['village'], message: problem });
  })
  .meta({ title: '执业地点（村卫生室）', 'x-widget': 'area' });
export type Posting = z.infer<typeof PostingSchema>;

export const DoctorSchema = z.object(IDENTITY).meta({ title: '村医' });

export const EntrySchema = z
  .object({
    doctor: DoctorSchema,
    qualification: z
      .object({
        certificate: z.enum(keys(QUALIFICATIONS), { error: '请选择执业资格' }).meta({ title: '执业资格', 'x-labels': QUALIFICATIONS }),
        certificateNo: text('证书编号', 40),
        registeredOn: isoDate('执业注册日期').meta({ title: '执业注册日期', format: 'date' }),
      })
      .meta({ title: '执业资格与注册', description: '一、（一）' }),
    basis: z.enum(keys(BASES), { error: '请选择准入方式' }).meta({ title: '准入方式', 'x-labels': BASES }),
    posting: PostingSchema,
    regularStaff: z.boolean().default(false).meta({ title: '派驻在村医岗位的在岗正式职工', description: '有合格村医上岗后应退出村医岗位（二、（三））' }),
    account: z.string().trim().max(40).optional().meta({ title: '村医本人的登录账号', description: '填写后，村医本人可查看自己的花名册记录' }),
    enteredOn: isoDate('登记日期').meta({ title: '登记日期', format: 'date', 'x-widget': 'receipt-date' }),
  })
  .superRefine((e, ctx) => {
    if (e.qualification.registeredOn > e.enteredOn)
      ctx.addIssue({ code: 'custom', path: ['qualification', 'registeredOn'], message: '执业注册日期不能晚于登记日期' });
  })
  .meta({ title: '花名册登记' });
export type Entry = z.infer<typeof EntrySchema>;

/** The record of a register entry: where the doctor is posted now and how his status changed. */
export const RosterRecordSchema = z
  .object({
    posting: z.object({ county: z.string(), township: z.string(), village: z.string() }).optional(),
    postings: z
      .array(z.object({ on: z.string(), from: z.string(), to: z.string(), reason: z.string() }))
      .optional()
      .meta({ title: '岗位调配' }),
    suspensions: z
      .array(z.object({ from: z.string(), to: z.string().nullable(), reason: z.string() }))
      .optional()
      .meta({ title: '中止执业' }),
    lapsedOn: z.string().optional().meta({ title: '中止执业满 2 年' }),
    cancellation: z
      .object({ date: z.string(), certificateNo: z.string(), withdrawnOn: z.string(), note: z.string() })
      .optional()
      .meta({ title: '注销及收回证书' }),
    retiredOn: z.string().optional().meta({ title: '退休日期' }),
    departure: z.object({ kind: z.string(), on: z.string(), contractClosedOn: z.string(), note: z.string() }).optional().meta({ title: '离岗报备' }),
    handedOver: z
      .object({ on: z.string(), successors: z.array(z.string()) })
      .optional()
      .meta({ title: '正式职工退出村医岗位' }),
  })
  .strict();
type RosterRecord = z.infer<typeof RosterRecordSchema>;

/** Where the doctor is posted now: the last move, else the entry's posting. */
export const postingOf = (c: { application: Entry; record: RosterRecord | Record<string, any> }): Posting =>
  (c.record.posting as Posting) ?? c.application.posting;

/** A doctor who stays in the village for the long term (长期在岗): in post, not a regular staff member sent there, and not retiring by `date`. */
export function longTermOn(c: Pick<RelatedCase, 'state' | 'application'>, date: string): boolean {
  return c.state === 'active' && !c.application.regularStaff && retirementDate(c.application.doctor) > date;
}

/** The date the 2 years of 一、（五） are full for a suspension that began on `since`. */
export const twoYearsFrom = (since: string) => addYears(since, STANDARDS.suspensionYears);

const reason = (title: string) => z.string().trim().min(2, `请填写${title}`).max(500).meta({ title, 'x-widget': 'textarea' });
type Ctx = ActionContext<Entry>;
const current = (ctx: Ctx) => postingOf({ application: ctx.application, record: ctx.data });
const suspensionsOf = (ctx: Ctx) => (ctx.data.suspensions as RosterRecord['suspensions']) ?? [];
const openSuspension = (ctx: Ctx) => suspensionsOf(ctx).find((s) => s.to === null);

export const DEPARTURES = { resigned: '辞职', transferred: '转岗', deceased: '死亡' } as const;

// The retirement age as a rule on the entry (a finding on the case page; the retire action consults it).
const ENTRY_RULES: RuleSet<Entry> = {
  id: 'village-doctor-roster-2022',
  governingDocument: GOVERNING_DOCUMENT,
  period: { from: '2022-06-15', until: '2027-06-14' },
  validityCitation: cite('四、'),
  rules: [{ ...retirementAge, check: (e, ctx) => retirementAge.check({ ...e.doctor } as never, ctx) }],
};

export const rosterProcedure: ProcedureDefinition<Entry, object> = {
  id: ROSTER,
  name: '乡村医生花名册',
  idPrefix: 'CYH',
  version: 1,
  applicationSchema: EntrySchema,
  recordSchema: RosterRecordSchema,
  filedBy: ['health_centre'],
  access: { read: { health_centre: 'township', county_health: 'county', village_doctor: 'own' }, upload: ['health_centre', 'county_health'] },
  parties: (e) => (e.account ? [e.account] : []),
  ruleSets: [ENTRY_RULES],
  parameters: Object.values(VILLAGE_DOCTOR_PARAMETERS),
  applicationDate: (e) => e.enteredOn,
  jurisdiction: (e) => ({ county: e.posting.county, township: e.posting.township, village: e.posting.village }),
  initialState: () => 'active',
  assess: (e, set, parameter) => ({ decision: 'eligible', findings: evaluate(set.rules, e, { date: e.enteredOn, parameter }) }),
  states: [
    { id: 'active', label: '在岗', actor: 'health_centre' },
    {
      id: 'suspended',
      label: '中止执业',
      actor: 'health_centre',
      // 满 2 年 on the anniversary of the suspension; the server then marks the entry 待注销 for 县卫健.
      limit: {
        workdays: STANDARDS.suspensionYears,
        calendarYears: true,
        kind: 'due',
        label: '中止执业活动满 2 年的，由县卫健部门注销',
        citation: cite('一、（五）'),
        onExpiry: 'lapse',
        escalateTo: null,
      },
    },
    { id: 'to_cancel', label: '待注销（中止执业满 2 年）', actor: 'county_health' },
    { id: 'cancelled', label: '已注销', actor: null, terminal: true },
    { id: 'retired', label: '已退休', actor: null, terminal: true },
    { id: 'resigned', label: '已辞职', actor: null, terminal: true },
    { id: 'transferred', label: '已转岗', actor: null, terminal: true },
    { id: 'deceased', label: '已死亡', actor: null, terminal: true },
    { id: 'handed_over', label: '正式职工已退出村医岗位', actor: null, terminal: true },
  ],
  actions: [
    {
      id: 'move',
      label: '岗位调配',
      from: ['active'],
      roles: ['health_centre'],
      citation: cite('一、（四）'),
      payload: z.object({
        village: text('调往的村（本乡镇范围内）').meta({ 'x-widget': 'village' }),
        reason: reason('调配理由（服务人口、工作任务、服务半径等）'),
      }),
      // The long-term doctors who would stay in the village he leaves.
      related: (ctx) => {
        const from = current(ctx);
        return { procedure: ROSTER, states: ['active'], area: { county: from.county, township: from.township, village: from.village } };
      },
      guard: (ctx, p: { village: string }) => {
        const from = current(ctx);
        if (p.village === from.village) return `${ctx.application.doctor.name}已在${from.village}执业，无需调配。`;
        const problem = checkAreaPath({ county: from.county, township: from.township, village: p.village }, 'village');
        if (problem) return `只能在本乡镇范围内调配（一、（四））：${problem}`;
        const staying = ctx.related.filter((c) => longTermOn(c, ctx.date));
        if (staying.length === 0)
          return `调配后${from.township}${from.village}将没有长期在岗村医，形成村医“空白村”，不允许调配（${GOVERNING_DOCUMENT} 一、（四））。`;
        return null;
      },
      moves: (ctx, p: { village: string }) => ({ ...current(ctx), village: p.village }),
      to: 'active',
      record: (ctx, p: { village: string; reason: string }) => {
        const from = current(ctx);
        return {
          posting: { ...from, village: p.village },
          postings: [...((ctx.data.postings as RosterRecord['postings']) ?? []), { on: ctx.date, from: from.village, to: p.village, reason: p.reason }],
        };
      },
    },
    {
      id: 'suspend',
      label: '中止执业',
      from: ['active'],
      roles: ['health_centre', 'county_health'],
      citation: cite('一、（五）'),
      payload: z.object({ reason: reason('中止执业的原因') }),
      to: 'suspended',
      record: (ctx, p: { reason: string }) => ({ suspensions: [...suspensionsOf(ctx), { from: ctx.date, to: null, reason: p.reason }] }),
    },
    {
      id: 'resume',
      label: '恢复执业',
      from: ['suspended'],
      roles: ['health_centre', 'county_health'],
      citation: cite('一、（五）'),
      guard: (ctx) => {
        const s = openSuspension(ctx);
        if (s && ctx.date >= twoYearsFrom(s.from))
          return `自 ${s.from} 中止执业活动，${twoYearsFrom(s.from)} 已满 2 年，应由县卫健部门注销，不能恢复执业（一、（五））。`;
        return null;
      },
      to: 'active',
      record: (ctx) => ({ suspensions: suspensionsOf(ctx).map((s) => (s.to === null ? { ...s, to: ctx.date } : s)) }),
    },
    {
      id: 'lapse',
      label: '中止执业满 2 年，转县卫健注销',
      from: ['suspended'],
      roles: ['county_health'],
      citation: cite('一、（五）'),
      internal: true,
      to: 'to_cancel',
      record: (ctx) => ({ lapsedOn: ctx.date }),
    },
    {
      id: 'cancel',
      label: '注销并收回《乡村医生执业证书》',
      from: ['suspended', 'to_cancel'],
      roles: ['county_health'],
      citation: cite('一、（五）'),
      payload: z.object({
        withdrawnOn: isoDate('收回证书日期').meta({ title: '收回证书日期', format: 'date' }),
        note: z.string().trim().max(500).default('').meta({ title: '备注', 'x-widget': 'textarea' }),
      }),
      guard: (ctx, p: { withdrawnOn: string }) => {
        const s = openSuspension(ctx);
        if (!s) return '没有中止执业的记录，不能按一、（五）注销。';
        if (ctx.date < twoYearsFrom(s.from)) return `自 ${s.from} 中止执业活动，至 ${twoYearsFrom(s.from)} 方满 2 年，现在不能注销（一、（五））。`;
        if (p.withdrawnOn > ctx.date) return `收回证书日期（${p.withdrawnOn}）不能晚于注销日期（${ctx.date}）。`;
        return null;
      },
      to: 'cancelled',
      record: (ctx, p: { withdrawnOn: string; note: string }) => ({
        cancellation: { date: ctx.date, certificateNo: ctx.application.qualification.certificateNo, withdrawnOn: p.withdrawnOn, note: p.note },
      }),
    },
    {
      id: 'retire',
      label: '到龄退休',
      from: ['active', 'suspended'],
      roles: ['health_centre'],
      citation: cite('二、（一）'),
      guard: (ctx) => {
        const on = retirementDate(ctx.application.doctor);
        return ctx.date < on ? `${ctx.application.doctor.name}于 ${on} 达到退休年龄（二、（一）），此前不能办理到龄退休。` : null;
      },
      to: 'retired',
      record: (ctx) => ({
        retiredOn: ctx.date,
        ...(openSuspension(ctx) ? { suspensions: suspensionsOf(ctx).map((s) => (s.to === null ? { ...s, to: ctx.date } : s)) } : {}),
      }),
    },
    {
      id: 'report_departure',
      label: '辞职、转岗、死亡报备',
      from: ['active', 'suspended'],
      roles: ['health_centre'],
      citation: cite('二、（四）'),
      payload: z.object({
        kind: z.enum(keys(DEPARTURES), { error: '请选择离岗情形' }).meta({ title: '情形', 'x-labels': DEPARTURES }),
        on: isoDate('发生日期').meta({ title: '发生日期', format: 'date' }),
        contractClosedOn: isoDate('合同手续完善日期').meta({ title: '合同手续完善日期', format: 'date', description: '二、（四）：完善相关合同手续' }),
        note: z.string().trim().max(500).default('').meta({ title: '备注', 'x-widget': 'textarea' }),
      }),
      guard: (ctx, p: { on: string; contractClosedOn: string }) =>
        p.on > ctx.date ? `发生日期（${p.on}）不能晚于报备日期（${ctx.date}）。` : p.contractClosedOn < p.on ? '合同手续完善日期不能早于发生日期。' : null,
      to: (_ctx, p: { kind: keyof typeof DEPARTURES }) => p.kind,
      next: ['resigned', 'transferred', 'deceased'],
      record: (_ctx, p: { kind: string; on: string; contractClosedOn: string; note: string }) => ({
        departure: { kind: p.kind, on: p.on, contractClosedOn: p.contractClosedOn, note: p.note },
      }),
    },
    {
      id: 'hand_over',
      label: '正式职工退出村医岗位',
      from: ['active'],
      roles: ['health_centre'],
      citation: cite('二、（三）'),
      related: (ctx) => {
        const at = current(ctx);
        return { procedure: ROSTER, states: ['active'], area: { county: at.county, township: at.township, village: at.village } };
      },
      guard: (ctx) => {
        if (!ctx.application.regularStaff) return `${ctx.application.doctor.name}不是派驻在村医岗位的正式职工（二、（三））。`;
        const qualified = ctx.related.filter((c) => longTermOn(c, ctx.date));
        return qualified.length ? null : `${current(ctx).village}尚无合格村医上岗，正式职工暂不退出，以免形成村医“空白村”（二、（三）、一、（四））。`;
      },
      to: 'handed_over',
      record: (ctx) => ({ handedOver: { on: ctx.date, successors: ctx.related.filter((c) => longTermOn(c, ctx.date)).map((c) => c.id) } }),
    },
  ],
  documentKinds: [
    { kind: 'certificate', label: '执业证书' },
    { kind: 'contract', label: '聘用合同' },
    { kind: 'report', label: '报备材料' },
    { kind: 'other', label: '其他材料' },
  ],
  certificates: [],
  flags: (c, today) => {
    const out = [];
    const doctor = c.application.doctor;
    const on = retirementDate(doctor);
    if ((c.state === 'active' || c.state === 'suspended') && today >= on)
      out.push({ code: 'retirement_reached', message: `${on} 已达到退休年龄，应办理到龄退休。`, citation: cite('二、（一）') });
    const s = ((c.record.suspensions as RosterRecord['suspensions']) ?? []).find((x) => x.to === null);
    if (s && c.state === 'suspended' && today >= twoYearsFrom(s.from))
      out.push({
        code: 'suspension_two_years',
        message: `自 ${s.from} 中止执业活动，${twoYearsFrom(s.from)} 已满 2 年，应由县卫健部门注销。`,
        citation: cite('一、（五）'),
      });
    return out;
  },
  // The township only: a move changes the village (shown from the case's place), never the township.
  title: (e) => `${e.doctor.name} · ${e.posting.township}`,
};

/** The register entry a registration opens (免试注册, 考试招录), from the person it registered. */
export function entryFor(o: {
  person: { name: string; idNumber: string; sex?: 'male' | 'female'; birthDate?: string };
  certificateNo: string;
  basis: keyof typeof BASES;
  posting: Posting;
  date: string;
}): Entry {
  return {
    doctor: { name: o.person.name, idNumber: o.person.idNumber, sex: o.person.sex, birthDate: o.person.birthDate ?? birthOf(o.person) },
    qualification: { certificate: 'village_doctor', certificateNo: o.certificateNo, registeredOn: o.date },
    basis: o.basis,
    posting: o.posting,
    regularStaff: false,
    enteredOn: o.date,
  };
}
