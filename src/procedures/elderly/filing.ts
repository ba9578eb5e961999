// 养老服务机构备案信用承诺 (承市政字〔2022〕24号 三、（四）2.): the institution files its 备案 with a written
// commitment to serve according to the laws, regulations and national standards; the 县民政局 records the
// filing, the commitment is made public (GET /api/elderly/commitments, no sign-in), and each check of its
// fulfilment is entered in the institution's credit record on the case. The texts set no time limit for the
// 备案 and no list of materials beyond the commitment, so none is invented here.
import { z } from 'zod';
import { isoDate } from '../../calendar/dates.js';
import type { ProcedureDefinition } from '../../engine/procedure.js';
import { PhoneSchema } from '../../engine/personal-data.js';
import { PlaceSchema } from './register.js';
import { cite, ELDERLY_RULES, PLAN } from './rules.js';

export const FILING = 'elderly-institution-filing';
export const COMMITMENT = cite(PLAN, '三、（四）2.');
export const CREDIT = cite(PLAN, '三、（四）2.');

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const text = (label: string, min = 1, max = 100) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, `请填写${label}`)
    .max(max)
    .meta({ title: label });

export const INSTITUTION_KINDS = { institution: '养老机构', community: '社区养老服务机构（日间照料、居家养老服务中心等）' } as const;
export const FULFILMENT = { kept: '履行承诺', broken: '未履行承诺（失信）' } as const;
/** GB 32100-2015: 18 characters, digits and capitals without I, O, Z, S, V. */
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The commitment as 三、（四）2. words it; the institution adds its own words below it. */
export const COMMITMENT_STATEMENT = '本机构承诺按有关法律、法规和国家标准开展服务活动，本承诺向社会公开，履约情况记入信用记录。';

export const FilingSchema = z
  .object({
    institution: z
      .object({
        name: text('机构名称'),
        creditCode: z
          .string({ error: '请填写统一社会信用代码' })
          .trim()
          .transform((s) => s.toUpperCase())
          .refine((s) => CREDIT_CODE.test(s), '统一社会信用代码应为 18 位（GB 32100）')
          .meta({ title: '统一社会信用代码' }),
        kind: z.enum(keys(INSTITUTION_KINDS), { error: '请选择机构类型' }).meta({ title: '机构类型', 'x-labels': INSTITUTION_KINDS }),
        beds: z.number({ error: '请填写床位数' }).int('床位数应为整数').min(0).max(100000).meta({ title: '床位数（张）' }),
      })
      .meta({ title: '养老服务机构' }),
    place: PlaceSchema.meta({ title: '服务场所所在地（村、社区）', 'x-widget': 'area' }),
    address: text('服务场所详细地址', 2, 200),
    services: text('服务内容（生活照料、助餐、康复护理等）', 2, 500).meta({ 'x-widget': 'textarea' }),
    commitment: z
      .object({
        agreed: z.literal(true, { error: '须作出书面承诺方可备案' }).meta({ title: COMMITMENT_STATEMENT }),
        text: text('书面承诺内容（向社会公开）', 10, 2000).meta({ 'x-widget': 'textarea' }),
      })
      .meta({ title: '信用承诺', description: '承市政字〔2022〕24号 三、（四）2.' }),
    contact: z.object({ name: text('联系人', 1, 30), phone: PhoneSchema.meta({ title: '联系电话（不公开）' }) }).meta({ title: '联系人（不公开）' }),
    filedOn: isoDate('备案申请日期').meta({ title: '备案申请日期', format: 'date', 'x-widget': 'receipt-date' }),
  })
  .meta({ title: '养老服务机构备案' });
export type Filing = z.infer<typeof FilingSchema>;

export const FilingRecordSchema = z
  .object({
    recordedOn: z.string().optional().meta({ title: '备案日期（承诺公开日期）' }),
    returned: z.object({ on: z.string(), reason: z.string() }).optional().meta({ title: '退回' }),
    credit: z
      .array(z.object({ on: z.string(), result: z.string(), basis: z.string(), finding: z.string(), by: z.string() }))
      .optional()
      .meta({ title: '承诺履约情况（信用记录）' }),
    closed: z.object({ on: z.string(), reason: z.string() }).optional().meta({ title: '注销备案' }),
  })
  .strict();

export const filingProcedure: ProcedureDefinition<Filing, object> = {
  id: FILING,
  name: '养老服务机构备案（信用承诺）',
  idPrefix: 'YLBA',
  version: 1,
  applicationSchema: FilingSchema,
  recordSchema: FilingRecordSchema,
  filedBy: ['enterprise'],
  // A unit files only for itself.
  checkFiler: (a, account) =>
    account.role === 'enterprise' && account.unit && a.institution.name !== account.unit
      ? `只能为本单位（${account.unit}）备案，不能为“${a.institution.name}”备案。`
      : null,
  access: {
    read: { enterprise: 'own', county_civil_affairs: 'county', city_civil_affairs: 'all' },
    upload: ['enterprise', 'county_civil_affairs'],
  },
  ruleSets: [{ ...ELDERLY_RULES, rules: [] }],
  applicationDate: (a) => a.filedOn,
  withApplicationDate: (a, date) => ({ ...a, filedOn: date }),
  // 备案 is the county's: the case sits at county level (the institution's account is placed in its county).
  jurisdiction: (a) => ({ county: a.place.county, township: '', village: '' }),
  initialState: () => 'received',
  assess: () => ({ decision: 'eligible', findings: [] }),
  materials: [{ label: '按有关法律、法规和国家标准开展服务活动的书面承诺（向社会公开）', citation: COMMITMENT }],
  states: [
    { id: 'received', label: '待备案', actor: 'county_civil_affairs' },
    { id: 'recorded', label: '已备案（承诺已公开）', actor: 'county_civil_affairs' },
    { id: 'returned', label: '已退回', actor: null, terminal: true },
    { id: 'closed', label: '已注销备案', actor: null, terminal: true },
  ],
  actions: [
    {
      id: 'record',
      label: '备案并公开承诺',
      from: ['received'],
      roles: ['county_civil_affairs'],
      citation: COMMITMENT,
      to: 'recorded',
      record: (ctx) => ({ recordedOn: ctx.date }),
    },
    {
      id: 'return',
      label: '退回（承诺或信息不全）',
      from: ['received'],
      roles: ['county_civil_affairs'],
      citation: COMMITMENT,
      payload: z.object({ reason: text('退回原因', 2, 500).meta({ 'x-widget': 'textarea' }) }),
      to: 'returned',
      record: (ctx, p: { reason: string }) => ({ returned: { on: ctx.date, reason: p.reason } }),
    },
    {
      id: 'credit',
      label: '记录承诺履约情况（记入信用记录）',
      from: ['recorded'],
      roles: ['county_civil_affairs', 'city_civil_affairs'],
      citation: CREDIT,
      payload: z.object({
        result: z.enum(keys(FULFILMENT), { error: '请选择履约情况' }).meta({ title: '履约情况', 'x-labels': FULFILMENT }),
        basis: text('核查方式（如“双随机、一公开”抽查、投诉核查、等级评定）', 2, 100),
        finding: text('核查发现', 2, 1000).meta({ 'x-widget': 'textarea' }),
      }),
      to: 'recorded',
      record: (ctx, p: { result: string; basis: string; finding: string }) => ({
        credit: [
          ...((ctx.data.credit as unknown[]) ?? []),
          { on: ctx.date, result: p.result, basis: p.basis, finding: p.finding, by: ctx.actor.unit ?? ctx.actor.name },
        ],
      }),
    },
    {
      id: 'close',
      label: '注销备案（停止服务）',
      from: ['recorded'],
      roles: ['enterprise', 'county_civil_affairs'],
      citation: COMMITMENT,
      payload: z.object({ reason: text('注销原因', 2, 500).meta({ 'x-widget': 'textarea' }) }),
      to: 'closed',
      record: (ctx, p: { reason: string }) => ({ closed: { on: ctx.date, reason: p.reason } }),
    },
  ],
  documentKinds: [
    { kind: 'commitment', label: '书面承诺（盖章）' },
    { kind: 'license', label: '登记证书或营业执照' },
    { kind: 'check', label: '履约核查材料' },
    { kind: 'other', label: '其他材料' },
  ],
  certificates: [],
  title: (a) => `${a.institution.name} · ${a.place.township}`,
};

/** What the public commitment page shows of a filing: the institution, its commitment and its credit record; never the contact. */
export function publicCommitment(c: { id: string; state: string; application: Filing; record: Record<string, any> }) {
  const a = c.application;
  return {
    id: c.id,
    state: c.state,
    name: a.institution.name,
    creditCode: a.institution.creditCode,
    kind: INSTITUTION_KINDS[a.institution.kind],
    beds: a.institution.beds,
    place: `${a.place.county}${a.place.township}${a.place.village}`,
    address: a.address,
    services: a.services,
    statement: COMMITMENT_STATEMENT,
    commitment: a.commitment.text,
    recordedOn: (c.record.recordedOn as string | undefined) ?? null,
    closed: (c.record.closed as { on: string } | undefined)?.on ?? null,
    credit: ((c.record.credit as { on: string; result: keyof typeof FULFILMENT; basis: string; finding: string; by: string }[] | undefined) ?? []).map((x) => ({
      ...x,
      resultLabel: FULFILMENT[x.result],
    })),
  };
}
