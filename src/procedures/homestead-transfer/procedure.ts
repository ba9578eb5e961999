// 宅基地使用权转让 within the collective (隆政发〔2022〕11号 第二十三条、第二十四条):
// the group and the village consent, then the township approves and files it.
import { isoDate } from '../../calendar/dates.js';
import { z } from 'zod';
import { IdNumberSchema, PhoneSchema } from '../../engine/personal-data.js';
import type { ProcedureDefinition, StateDef } from '../../engine/procedure.js';
import { evaluate, type Citation, type Rule, type RuleSet } from '../../engine/rules.js';
import { HOMESTEAD_RULES_2022 } from '../homestead/rules.js';

const DOC = '隆政发〔2022〕11号';
const cite = (article: string, item: string | null = null): Citation => ({ document: DOC, article, item });
const text = (label: string, max = 200, title = label) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max)
    .meta({ title });

export const TransferApplicationSchema = z.object({
  applicationDate: isoDate('申请日期').meta({ 'x-widget': 'receipt-date' }),
  transferor: z
    .object({
      name: text('转让人姓名', 30, '姓名'),
      idNumber: IdNumberSchema,
      phone: PhoneSchema,
      county: text('县', 40, '县（市、区）'),
      township: text('乡镇（街道）', 40),
      village: text('村', 40),
    })
    .meta({ title: '转让人' }),
  transferee: z
    .object({
      name: text('受让人姓名', 30, '姓名'),
      idNumber: IdNumberSchema,
      phone: PhoneSchema,
      village: text('受让人所在村', 40, '所在村'),
      isCollectiveMember: z
        .boolean({ error: '请说明受让人是否为本集体经济组织成员' })
        .meta({ title: '是本集体经济组织成员', description: '第二十三条第（一）项' }),
      meetsApplicationConditions: z.boolean({ error: '请说明受让人是否符合第十二条宅基地申请条件' }).meta({ title: '符合第十二条宅基地申请条件' }),
    })
    .meta({ title: '受让人' }),
  plot: z
    .object({
      certificateNo: text('土地使用证号', 60),
      area: z.number().positive('面积应大于 0').max(100000).meta({ title: '面积', 'x-unit': '平方米' }),
      address: text('坐落'),
    })
    .meta({ title: '宅基地' }),
  byInheritance: z
    .boolean({ error: '请说明是否因继承转让' })
    .meta({ title: '因继承转让', description: '继承以外的转让须乡镇出具审核批准意见（第二十四条第（四）项）' }),
  paid: z.boolean({ error: '请说明是否有偿转让' }).meta({ title: '有偿转让' }),
  materials: z
    .object({
      agreement: z.boolean().meta({ title: '转让协议' }),
      paymentReceipt: z.boolean().default(false).meta({ title: '收付款票据（有偿转让）' }),
      originalCertificate: z.boolean().meta({ title: '原土地使用证原件及复印件' }),
      deedTaxReceipt: z.boolean().meta({ title: '契税税票' }),
    })
    .meta({ title: '已备材料', description: '第二十四条' }),
});
export type TransferApplication = z.infer<typeof TransferApplicationSchema>;
type T = TransferApplication;

export const withinCollective: Rule<T> = {
  id: 'transfer_within_collective',
  citation: cite('第二十三条', '第（一）项'),
  summary: '转让在本村集体经济组织内部进行，且受让人须符合第十二条宅基地申请条件。',
  check: (a) => {
    const problems = [
      a.transferee.village !== a.transferor.village && `受让人属于${a.transferee.village}，不在本村集体经济组织内部`,
      !a.transferee.isCollectiveMember && '受让人不是本集体经济组织成员',
      !a.transferee.meetsApplicationConditions && '受让人不符合第十二条宅基地申请条件',
    ].filter(Boolean);
    return problems.length
      ? { outcome: 'fail', message: problems.join('；') + '。' }
      : { outcome: 'pass', message: '在本集体经济组织内部转让，受让人符合申请条件。' };
  },
};

export const transferMaterials: Rule<T> = {
  id: 'transfer_materials',
  citation: cite('第二十四条'),
  summary: '转让须提供转让协议（有偿的附收付款票据）、原土地使用证、契税税票。',
  check: (a) => {
    const missing = [
      !a.materials.agreement && '转让协议（第（一）项）',
      a.paid && !a.materials.paymentReceipt && '收付款票据（第（一）项）',
      !a.materials.originalCertificate && '原土地使用证原件及复印件（第（二）项）',
      !a.materials.deedTaxReceipt && '契税税票（第（三）项）',
    ].filter(Boolean);
    return missing.length ? { outcome: 'fail', message: `缺少材料：${missing.join('、')}。` } : { outcome: 'pass', message: '转让材料齐全。' };
  },
};

export const townshipOpinion: Rule<T> = {
  id: 'transfer_township_opinion',
  citation: cite('第二十四条', '第（四）项'),
  summary: '除继承以外转让的，由乡镇政府按照宅基地审批要求出具审核批准意见。',
  check: (a) =>
    a.byInheritance
      ? { outcome: 'info', message: '因继承转让，无需乡镇出具审核批准意见。' }
      : { outcome: 'info', message: '非继承转让：乡镇政府须按宅基地审批要求出具审核批准意见。' },
};

export const TRANSFER_RULES_2022: RuleSet<T> = {
  id: 'transfer-2022',
  governingDocument: DOC,
  period: HOMESTEAD_RULES_2022.period,
  validityCitation: HOMESTEAD_RULES_2022.validityCitation,
  rules: [withinCollective, transferMaterials, townshipOpinion],
};

const consent = cite('第二十三条', '第（二）项');
const STATES: StateDef[] = [
  { id: 'group_consent', label: '村民小组同意', actor: 'village' },
  { id: 'village_consent', label: '村级组织同意', actor: 'village' },
  { id: 'township_filing', label: '乡镇审批备案', actor: 'township' },
  { id: 'filed', label: '已审批备案', actor: null, terminal: true },
  { id: 'refused', label: '不同意转让', actor: null, terminal: true },
];
const reason = z.object({ reason: z.string().trim().min(2, '请填写理由').max(1000).meta({ title: '理由', 'x-widget': 'textarea' }) });

export const transferProcedure: ProcedureDefinition<T, object> = {
  id: 'homestead-transfer',
  name: '宅基地使用权转让审批备案',
  idPrefix: 'ZJZ',
  applicationSchema: TransferApplicationSchema,
  recordSchema: z
    .object({
      groupConsent: isoDate('村民小组同意日期').optional(),
      villageConsent: isoDate('村级组织同意日期').optional(),
      filed: isoDate('审批备案日期').optional(),
      refusal: z.string().optional().meta({ title: '不同意或不予批准的理由' }),
    })
    .strict(),
  filedBy: ['applicant', 'village'],
  access: { read: { applicant: 'own', village: 'village', township: 'township', county: 'county' }, upload: ['applicant', 'village', 'township'] },
  ruleSets: [TRANSFER_RULES_2022],
  applicationDate: (a) => a.applicationDate,
  withApplicationDate: (a, date) => ({ ...a, applicationDate: date }),
  jurisdiction: (a) => ({ county: a.transferor.county, township: a.transferor.township, village: a.transferor.village }),
  initialState: () => 'group_consent',
  assess: (a, set) => {
    const findings = evaluate(set.rules, a, { date: a.applicationDate });
    return { decision: findings.some((f) => f.outcome === 'fail') ? 'ineligible' : 'eligible', findings };
  },
  states: STATES,
  actions: [
    {
      id: 'group_agree',
      label: '村民小组同意',
      from: ['group_consent'],
      roles: ['village'],
      citation: consent,
      to: 'village_consent',
      record: (c) => ({ groupConsent: c.date }),
    },
    {
      id: 'village_agree',
      label: '村级组织同意，报乡镇',
      from: ['village_consent'],
      roles: ['village'],
      citation: consent,
      to: 'township_filing',
      record: (c) => ({ villageConsent: c.date }),
    },
    {
      id: 'disagree',
      label: '不同意转让',
      from: ['group_consent', 'village_consent'],
      roles: ['village'],
      citation: consent,
      payload: reason,
      to: 'refused',
      record: (_c, p) => ({ refusal: p.reason }),
    },
    {
      id: 'approve_filing',
      consultsRules: true,
      decides: true,
      label: '审核批准并备案',
      from: ['township_filing'],
      roles: ['township'],
      citation: consent,
      guard: (c) => {
        const a = c.assessment();
        return a.decision === 'ineligible'
          ? `不符合转让条件：${a.findings
              .filter((f) => f.outcome === 'fail')
              .map((f) => `${f.cites}（${f.message}）`)
              .join('；')}`
          : null;
      },
      to: 'filed',
      record: (c) => ({ filed: c.date }),
    },
    {
      id: 'refuse_filing',
      decides: true,
      label: '不予批准',
      from: ['township_filing'],
      roles: ['township'],
      citation: consent,
      payload: reason,
      to: 'refused',
      record: (_c, p) => ({ refusal: p.reason }),
    },
  ],
  // 第二十四条: "除提供第十七条材料外还需要提供以下材料" — the application materials of 第十七条, then (一)–(三);
  // (四), the township's approval opinion, is issued in the procedure, not brought.
  materials: [
    {
      label: '第十七条规定的宅基地申请材料（申请表、承诺书、四邻协议书、会议记录、户口本、公示影像资料）',
      citation: cite('第二十四条'),
      note: '除提供第十七条材料外',
    },
    { label: '转让协议', citation: cite('第二十四条', '第（一）项') },
    { label: '收付款票据', citation: cite('第二十四条', '第（一）项'), note: '有偿转让的' },
    { label: '原土地使用权人土地使用证原件及复印件', citation: cite('第二十四条', '第（二）项') },
    { label: '契税税票（由转让方出具）', citation: cite('第二十四条', '第（三）项') },
  ],
  documentKinds: [
    { kind: 'agreement', label: '转让协议' },
    { kind: 'payment_receipt', label: '收付款票据' },
    { kind: 'land_certificate', label: '原土地使用证' },
    { kind: 'deed_tax', label: '契税税票' },
    { kind: 'other', label: '其他材料' },
  ],
  certificates: [],
  title: (a) => `${a.transferor.name} → ${a.transferee.name} · ${a.plot.address}`,
};
