// 保障性租赁住房项目认定 (承市政办字〔2022〕48号 三、（二）) and the project's life after it: the housing
// department collects the project and checks it is complete (一次性告知 of what is missing); the leading group
// reviews the construction scheme — every member department gives its opinion (a joint review on the engine);
// the housing department issues the numbered 项目认定书 with the benefits it unlocks; 立项、用地、规划、施工、消防
// are recorded as they are handed off, then the joint acceptance; in operation the project keeps its rental
// register: tenancies checked at letting (二、（五））, the yearly market-rent assessment (二、（二）), spot checks
// drawn by the server and their findings.
import { z } from 'zod';
import { addYears, isoDate } from '../../calendar/dates.js';
import { IdNumberSchema, PhoneSchema } from '../../engine/personal-data.js';
import type { ActionContext, ActionDef, ProcedureDefinition } from '../../engine/procedure.js';
import { STAY } from '../../engine/procedure.js';
import { PROJECT_KINDS, ProjectSchema, totalUnits, type Project } from './form.js';
import { RENTAL_HOUSING_CERTIFICATES } from './certificate.js';
import { PUBLIC_RENTAL } from './public-rental.js';
import { assessProject, cite, marketRentOf, PARAM, RENTAL_HOUSING_PARAMETERS, RENTAL_HOUSING_RULES_2022, type Benefit } from './rules.js';

export const RENTAL_HOUSING = 'rental-housing';

/** The leading group of 三、（二）: 住房和城乡建设、发展改革、财政、自然资源和规划、行政审批. */
export const LEADING_GROUP = ['county_housing', 'county_drc', 'county_finance', 'county_nrp', 'county_approval'] as const;

/** The hand-offs after recognition (三、（二）: 相关部门办理立项、用地、规划、施工、消防等手续). */
export const HANDOFFS = { approval: '立项', land: '用地', planning: '规划', construction: '施工', fire: '消防' } as const;
type Handoff = keyof typeof HANDOFFS;

export const CHECK_RESULTS = {
  ok: '使用正常',
  sublet: '转租转借',
  sale: '上市销售或变相销售',
  misuse: '违规经营或骗取优惠政策',
  ineligible: '承租人不符合条件',
  other: '其他问题',
} as const;

const reason = (title: string) => z.string().trim().min(2, `请填写${title}`).max(1000).meta({ title, 'x-widget': 'textarea' });
const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const TenancySchema = z.object({
  room: z.string().trim().min(1, '请填写房号').max(40).meta({ title: '房号' }),
  floorArea: z.number({ error: '建筑面积应为数字' }).positive('建筑面积应大于 0').max(1000).meta({ title: '建筑面积（平方米）' }),
  tenant: z
    .object({
      name: z.string().trim().min(1, '请填写承租人姓名').max(30).meta({ title: '姓名' }),
      idNumber: IdNumberSchema,
      phone: PhoneSchema,
    })
    .meta({ title: '承租人' }),
  household: z.number({ error: '家庭人数应为整数' }).int().min(1, '家庭人数至少 1 人').max(20).meta({ title: '家庭人数' }),
  start: isoDate('租期开始').meta({ title: '租期开始', format: 'date' }),
  end: isoDate('租期结束').meta({ title: '租期结束', format: 'date' }),
  monthlyRent: z.number({ error: '月租金应为数字' }).positive('月租金应大于 0').max(100_000).meta({ title: '月租金（元）' }),
  meetsCountyConditions: z.literal(true, { error: '请确认承租人符合本县准入条件' }).meta({ title: '已核实承租人符合本县准入条件' }),
});
type TenancyInput = z.infer<typeof TenancySchema>;
export type Tenancy = TenancyInput & { no: string; rentPerM2: number; letOn: string; endedOn?: string; endReason?: string };

export interface MarketRent {
  assessedOn: string;
  value: number;
  assessedBy: string;
  document: string;
}
export interface SpotCheck {
  drawId: string;
  date: string;
  seed: string;
  poolSize: number;
  rule: string;
  method: string;
  tenancies: string[];
}
export interface CheckFinding {
  drawId: string;
  tenancy: string;
  date: string;
  result: keyof typeof CHECK_RESULTS;
  note: string;
  measure: string;
  closedOn?: string;
  closure?: string;
}

const RecordSchema = z
  .object({
    correctionReason: z.string().optional(),
    review: z.object({ date: z.string(), passed: z.boolean() }).optional(),
    recognition: z.object({ date: z.string(), benefits: z.array(z.any()) }).optional(),
    refusal: z.object({ date: z.string(), reason: z.string() }).optional(),
    handoffs: z.array(z.object({ step: z.string(), department: z.string(), date: z.string(), reference: z.string(), note: z.string() })).optional(),
    acceptance: z.object({ date: z.string(), passed: z.boolean(), participants: z.string(), opinion: z.string() }).optional(),
    tenancies: z.array(z.any()).optional(),
    marketRents: z.array(z.any()).optional(),
    spotChecks: z.array(z.any()).optional(),
    checkFindings: z.array(z.any()).optional(),
    closed: z.object({ date: z.string(), reason: z.string() }).optional(),
  })
  .strict();

type Ctx = ActionContext<Project>;
type Act = ActionDef<Project, any>;
const tenancies = (c: Ctx) => (c.data.tenancies ?? []) as Tenancy[];
const active = (c: Ctx) => tenancies(c).filter((t) => !t.endedOn);
const findings = (c: Ctx) => (c.data.checkFindings ?? []) as CheckFinding[];
const handoffs = (c: Ctx) => (c.data.handoffs ?? []) as { step: Handoff }[];
/** The hand-offs a project needs: 用地 only when the land rights change (三、（二））. */
export const neededHandoffs = (p: Project): Handoff[] => (Object.keys(HANDOFFS) as Handoff[]).filter((h) => h !== 'land' || p.land.rightsChange);

/** The market rent in force for the register: the latest yearly assessment, else what the project was recognised on. */
export function currentMarketRent(c: { application: Project; data: Record<string, unknown>; parameter: Ctx['parameter'] }) {
  const yearly = ((c.data.marketRents ?? []) as MarketRent[]).at(-1);
  if (yearly) return { value: yearly.value, assessedOn: yearly.assessedOn, source: `${yearly.assessedBy} ${yearly.assessedOn} 评估（${yearly.document}）` };
  return marketRentOf({ project: c.application, parameter: c.parameter });
}

export const RENTAL_HOUSING_ACTIONS: Act[] = [
  {
    id: 'accept',
    label: '材料齐全，提交领导小组审查',
    from: ['completeness'],
    roles: ['county_housing'],
    citation: cite('三、（二）'),
    to: 'joint_review',
  },
  {
    id: 'return_for_correction',
    label: '退回补正',
    from: ['completeness', 'not_passed'],
    roles: ['county_housing'],
    citation: cite('三、（二）'),
    payload: z.object({ reason: reason('需要补正或修改的内容') }),
    to: 'correction',
    record: (_c, p: { reason: string }) => ({ correctionReason: p.reason }),
  },
  {
    id: 'resubmit',
    label: '补正后重新申报',
    from: ['correction'],
    roles: ['enterprise'],
    citation: cite('三、（二）'),
    payload: z.object({ application: ProjectSchema }),
    replacesApplication: true,
    to: 'completeness',
  },
  {
    id: 'withdraw',
    label: '撤回申报',
    from: ['completeness', 'correction'],
    roles: ['enterprise'],
    citation: cite('三、（二）'),
    to: 'withdrawn',
  },
  {
    // 领导小组审查项目建设方案: each member department once; the decision when the last has spoken.
    id: 'review_opinion',
    label: '提出审查意见',
    from: ['joint_review'],
    roles: [...LEADING_GROUP],
    citation: cite('三、（二）'),
    joint: true,
    consultsRules: true,
    payload: z.object({
      agree: z.boolean({ error: '请选择是否同意' }).meta({ title: '同意项目建设方案' }),
      opinion: reason('审查意见'),
    }),
    record: (_c, p: { agree: boolean; opinion: string }) => ({ agree: p.agree, opinion: p.opinion }),
    to: (c) => (Object.values(c.opinions ?? {}).every((o) => o.agree) ? 'to_certify' : 'not_passed'),
    next: ['to_certify', 'not_passed'],
  },
  {
    id: 'issue_recognition',
    label: '出具项目认定书',
    from: ['to_certify'],
    roles: ['county_housing'],
    citation: cite('三、（二）'),
    consultsRules: true,
    decides: true,
    guard: (c) => {
      const a = c.assessment();
      return a.decision === 'ineligible'
        ? `不符合认定条件：${a.findings
            .filter((f) => f.outcome === 'fail')
            .map((f) => `${f.cites}（${f.message}）`)
            .join('；')}`
        : null;
    },
    to: 'recognised',
    record: (c) => {
      const benefits = (c.assessment() as unknown as { benefits: Benefit[] }).benefits;
      return { recognition: { date: c.date, benefits } };
    },
  },
  {
    id: 'refuse',
    label: '不予认定',
    from: ['not_passed'],
    roles: ['county_housing'],
    citation: cite('三、（二）'),
    decides: true,
    payload: z.object({ reason: reason('不予认定的理由') }),
    to: 'refused',
    record: (c, p: { reason: string }) => ({ refusal: { date: c.date, reason: p.reason } }),
  },
  {
    id: 'record_handoff',
    label: '登记后续手续办理情况',
    from: ['recognised'],
    roles: ['county_housing'],
    citation: cite('三、（二）'),
    payload: z.object({
      step: z.enum(keys(HANDOFFS), { error: '请选择手续' }).meta({ title: '手续', 'x-labels': HANDOFFS }),
      department: z.string().trim().min(2, '请填写办理部门').max(60).meta({ title: '办理部门' }),
      reference: z.string().trim().min(1, '请填写批准文号或证书编号').max(100).meta({ title: '批准文号或证书编号' }),
      note: z.string().trim().max(500).default('').meta({ title: '说明', 'x-widget': 'textarea' }),
    }),
    guard: (c, p: { step: Handoff }) => {
      if (p.step === 'land' && !c.application.land.rightsChange)
        return '本项目不涉及土地权属变化，以原用地手续作为土地证明文件，不再办理用地手续（承市政办字〔2022〕48号 三、（二））。';
      return handoffs(c).some((h) => h.step === p.step) ? `${HANDOFFS[p.step]}手续已登记。` : null;
    },
    to: STAY,
    record: (c, p: { step: Handoff; department: string; reference: string; note: string }) => ({
      handoffs: [...handoffs(c), { step: p.step, department: p.department, date: c.date, reference: p.reference, note: p.note }],
    }),
  },
  {
    id: 'record_acceptance',
    label: '登记联合验收',
    from: ['recognised'],
    roles: ['county_housing'],
    citation: cite('三、（二）'),
    payload: z.object({
      passed: z.boolean({ error: '请选择验收结论' }).meta({ title: '联合验收合格' }),
      participants: z.string().trim().min(2, '请填写参加验收的部门').max(300).meta({ title: '参加验收的部门' }),
      opinion: reason('验收意见'),
    }),
    guard: (c) => {
      const done = new Set(handoffs(c).map((h) => h.step));
      const missing = neededHandoffs(c.application).filter((h) => !done.has(h));
      return missing.length ? `尚未登记${missing.map((h) => HANDOFFS[h]).join('、')}手续，不能联合验收（三、（二））。` : null;
    },
    to: (_c, p: { passed: boolean }) => (p.passed ? 'operating' : 'recognised'),
    next: ['operating', 'recognised'],
    record: (c, p: { passed: boolean; participants: string; opinion: string }) => ({ acceptance: { date: c.date, ...p } }),
  },
  {
    id: 'let_unit',
    label: '登记出租（租赁合同）',
    from: ['operating'],
    roles: ['enterprise'],
    citation: cite('二、（五）'),
    payload: TenancySchema,
    // The county's list of households in 公租房 (二、（五）：已享受公租房保障的家庭，不得申请), read again under the write lock.
    related: (c) => ({ procedure: PUBLIC_RENTAL, states: ['listed'], area: { county: c.application.place.county } }),
    guard: (c, t: TenancyInput) => {
      const county = c.application.place.county;
      const conditions = c.parameter(PARAM.entryConditions, county);
      if (!conditions)
        return `${county}尚未录入保障性租赁住房准入条件（由县级政府确定，承市政办字〔2022〕48号 二、（二）（六）），不能核实承租人是否符合条件；请县住房和城乡建设部门先录入。`;
      if (t.end <= t.start) return '租期结束日期应晚于开始日期。';
      const people = (h: any) => [h.application.head, ...(h.application.members ?? [])] as { idNumber: string }[];
      const listed = c.related.find((h) => people(h).some((m) => m.idNumber === t.tenant.idNumber));
      if (listed) return `承租人家庭已享受公租房保障（${county}公租房保障家庭名单 ${listed.id}），不得申请保障性租赁住房（二、（五））。`;
      if (active(c).some((x) => x.tenant.idNumber === t.tenant.idNumber)) return '该承租人在本项目已有未结束的租赁。';
      if (active(c).some((x) => x.room === t.room)) return `房号 ${t.room} 尚在出租中。`;
      const market = currentMarketRent(c);
      const perM2 = Math.round((t.monthlyRent / t.floorArea) * 100) / 100;
      if (!market) return `${county}尚未评估市场租金，不能核实租金是否低于市场租金（二、（二））。`;
      if (perM2 >= market.value)
        return `租金 ${perM2} 元/平方米·月，不低于市场租金 ${market.value} 元/平方米·月（${market.source}）；租金应低于同地段同品质市场租金（二、（二））。`;
      return null;
    },
    to: STAY,
    record: (c, t: TenancyInput) => ({
      tenancies: [
        ...tenancies(c),
        { ...t, no: `Z${tenancies(c).length + 1}`, rentPerM2: Math.round((t.monthlyRent / t.floorArea) * 100) / 100, letOn: c.date },
      ],
    }),
  },
  {
    id: 'end_tenancy',
    label: '登记退租',
    from: ['operating'],
    roles: ['enterprise', 'county_housing'],
    citation: cite('二、（二）'),
    payload: z.object({
      no: z.string().trim().min(1, '请填写租赁编号').meta({ title: '租赁编号（Z1、Z2…）' }),
      reason: reason('退租原因'),
    }),
    guard: (c, p: { no: string }) => (active(c).some((t) => t.no === p.no) ? null : `没有未结束的租赁 ${p.no}。`),
    to: STAY,
    record: (c, p: { no: string; reason: string }) => ({
      tenancies: tenancies(c).map((t) => (t.no === p.no ? { ...t, endedOn: c.date, endReason: p.reason } : t)),
    }),
  },
  {
    id: 'assess_market_rent',
    label: '登记年度市场租金评估',
    from: ['operating', 'recognised'],
    roles: ['county_housing'],
    citation: cite('二、（二）'),
    payload: z.object({
      value: z.number({ error: '市场租金应为数字' }).positive('市场租金应大于 0').max(1000).meta({ title: '市场租金（元/平方米·月）' }),
      assessedBy: z.string().trim().min(2, '请填写评估单位').max(100).meta({ title: '评估单位' }),
      document: z.string().trim().min(2, '请填写评估报告或文件').max(200).meta({ title: '评估报告或文件' }),
    }),
    to: STAY,
    record: (c, p: { value: number; assessedBy: string; document: string }) => ({
      marketRents: [...((c.data.marketRents ?? []) as MarketRent[]), { assessedOn: c.date, ...p }],
    }),
  },
  {
    // Taken only by the server's draw (routes.ts): never chosen by a person.
    id: 'select_for_spot_check',
    label: '随机抽中，抽查使用情况',
    from: ['operating'],
    roles: ['county_housing'],
    citation: cite('二、（五）'),
    internal: true,
    payload: z.object({
      drawId: z.string(),
      method: z.string(),
      seed: z.string(),
      poolSize: z.number(),
      rule: z.string(),
      tenancies: z.array(z.string()).min(1),
    }),
    to: STAY,
    record: (c, p: Omit<SpotCheck, 'date'>) => ({ spotChecks: [...((c.data.spotChecks ?? []) as SpotCheck[]), { ...p, date: c.date }] }),
  },
  {
    id: 'record_spot_check',
    label: '登记抽查结果',
    from: ['operating'],
    roles: ['county_housing'],
    citation: cite('二、（五）'),
    payload: z.object({
      drawId: z.string().trim().min(1, '请填写抽查批次').meta({ title: '抽查批次' }),
      tenancy: z.string().trim().min(1, '请填写租赁编号').meta({ title: '租赁编号' }),
      result: z.enum(keys(CHECK_RESULTS), { error: '请选择抽查结果' }).meta({ title: '抽查结果', 'x-labels': CHECK_RESULTS }),
      note: z.string().trim().max(1000).default('').meta({ title: '检查情况', 'x-widget': 'textarea' }),
      measure: z.string().trim().max(1000).default('').meta({ title: '处理措施', 'x-widget': 'textarea' }),
    }),
    guard: (c, p: { drawId: string; tenancy: string; result: string; measure: string }) => {
      const draw = ((c.data.spotChecks ?? []) as SpotCheck[]).find((d) => d.drawId === p.drawId);
      if (!draw) return `本项目没有抽查批次 ${p.drawId}。`;
      if (!draw.tenancies.includes(p.tenancy)) return `租赁 ${p.tenancy} 不在抽查批次 ${p.drawId} 的抽中范围内。`;
      if (findings(c).some((f) => f.drawId === p.drawId && f.tenancy === p.tenancy)) return `租赁 ${p.tenancy} 在本批次的抽查结果已登记。`;
      return p.result !== 'ok' && !p.measure ? '发现问题的，请填写处理措施（依法依规处理）。' : null;
    },
    to: STAY,
    record: (c, p: Omit<CheckFinding, 'date'>) => ({ checkFindings: [...findings(c), { ...p, date: c.date }] }),
  },
  {
    id: 'close_finding',
    label: '抽查问题整改销号',
    from: ['operating'],
    roles: ['county_housing'],
    citation: cite('二、（五）'),
    payload: z.object({
      drawId: z.string().trim().min(1, '请填写抽查批次').meta({ title: '抽查批次' }),
      tenancy: z.string().trim().min(1, '请填写租赁编号').meta({ title: '租赁编号' }),
      closure: reason('整改结果'),
    }),
    guard: (c, p: { drawId: string; tenancy: string }) => {
      const f = findings(c).find((x) => x.drawId === p.drawId && x.tenancy === p.tenancy);
      if (!f || f.result === 'ok') return '没有待整改的抽查问题。';
      return f.closedOn ? `该问题已于 ${f.closedOn} 销号。` : null;
    },
    to: STAY,
    record: (c, p: { drawId: string; tenancy: string; closure: string }) => ({
      checkFindings: findings(c).map((f) => (f.drawId === p.drawId && f.tenancy === p.tenancy ? { ...f, closedOn: c.date, closure: p.closure } : f)),
    }),
  },
  {
    id: 'close_project',
    label: '退出保障性租赁住房管理',
    from: ['operating'],
    roles: ['county_housing'],
    citation: cite('二、（五）'),
    payload: z.object({ reason: reason('退出原因') }),
    guard: (c) => (active(c).length ? `尚有 ${active(c).length} 户未退租，不能退出。` : null),
    to: 'closed',
    record: (c, p: { reason: string }) => ({ closed: { date: c.date, reason: p.reason } }),
  },
];

export const rentalHousingProcedure: ProcedureDefinition<Project, { recognisable: boolean; benefits: Benefit[] }> = {
  id: RENTAL_HOUSING,
  name: '保障性租赁住房项目认定',
  idPrefix: 'BZF',
  version: 1,
  applicationSchema: ProjectSchema,
  recordSchema: RecordSchema,
  filedBy: ['enterprise'],
  withApplicationDate: (a, date) => ({ ...a, filedOn: date }),
  access: {
    read: {
      enterprise: 'own',
      county_housing: 'county',
      county_drc: 'county',
      county_finance: 'county',
      county_nrp: 'county',
      county_approval: 'county',
      city_housing: 'all',
    },
    upload: ['enterprise', 'county_housing'],
  },
  ruleSets: [RENTAL_HOUSING_RULES_2022 as any],
  parameters: RENTAL_HOUSING_PARAMETERS,
  applicationDate: (a) => a.filedOn,
  jurisdiction: (a) => ({ county: a.place.county, township: a.place.township, village: a.place.village }),
  initialState: () => 'completeness',
  assess: (a, _set, parameter) => {
    const r = assessProject(a, parameter);
    return { decision: r.recognisable ? 'eligible' : 'ineligible', findings: r.findings, recognisable: r.recognisable, benefits: r.benefits };
  },
  states: [
    { id: 'completeness', label: '县住房和城乡建设部门汇总审查材料', actor: 'county_housing' },
    { id: 'correction', label: '待项目单位补正', actor: 'enterprise' },
    { id: 'joint_review', label: '领导小组审查项目建设方案', actor: 'county_housing' },
    { id: 'not_passed', label: '领导小组审查未通过', actor: 'county_housing' },
    { id: 'to_certify', label: '待出具项目认定书', actor: 'county_housing' },
    { id: 'recognised', label: '已认定（办理立项、用地、规划、施工、消防手续）', actor: 'county_housing' },
    { id: 'operating', label: '运营中（租赁登记）', actor: null },
    { id: 'refused', label: '不予认定', actor: null, terminal: true },
    { id: 'withdrawn', label: '已撤回', actor: null, terminal: true },
    { id: 'closed', label: '已退出保障性租赁住房管理', actor: null, terminal: true },
  ],
  actions: RENTAL_HOUSING_ACTIONS,
  materials: [
    { label: '项目建设方案（项目类型、户型、租金、装修、建设计划）', citation: cite('三、（二）') },
    { label: '土地证明文件（不涉及土地权属变化的，可用原用地手续）', citation: cite('三、（二）') },
    { label: '市场租金评估结果（县住房和城乡建设部门一年组织评估一次）', citation: cite('二、（二）') },
    { label: '产业园区配套用地：属地县（市、区）政府同意提高配套比例的文件', citation: cite('三、（一）1.') },
    { label: '非居住存量房屋改建：符合规划原则、权属不变、满足安全要求、尊重群众意愿的说明', citation: cite('三、（一）2.') },
  ],
  documentKinds: [
    { kind: 'scheme', label: '项目建设方案' },
    { kind: 'land', label: '土地证明文件' },
    { kind: 'rent_assessment', label: '市场租金评估报告' },
    { kind: 'contract', label: '租赁合同' },
    { kind: 'other', label: '其他材料' },
  ],
  certificates: RENTAL_HOUSING_CERTIFICATES,
  flags: (c, today) => {
    const out = [];
    if (c.state !== 'operating') return [];
    const rents = (c.record.marketRents ?? []) as MarketRent[];
    const lastOn = rents.at(-1)?.assessedOn ?? c.record.acceptance?.date ?? c.application.filedOn;
    if (addYears(lastOn, 1) < today)
      out.push({ code: 'market_rent_due', message: `市场租金自 ${lastOn} 起超过一年未评估（原则上一年组织评估一次）。`, citation: cite('二、（二）') });
    const latest = rents.at(-1)?.value ?? c.application.rent.market?.value;
    const over = ((c.record.tenancies ?? []) as Tenancy[]).filter((t) => !t.endedOn && latest !== undefined && t.rentPerM2 >= latest);
    if (over.length)
      out.push({
        code: 'rent_not_below_market',
        message: `${over.map((t) => t.no).join('、')} 的租金不低于最新评估的市场租金 ${latest} 元/平方米·月。`,
        citation: cite('二、（二）'),
      });
    const open = ((c.record.checkFindings ?? []) as CheckFinding[]).filter((f) => f.result !== 'ok' && !f.closedOn);
    if (open.length)
      out.push({
        code: 'spot_check_open',
        message: `抽查发现 ${open.map((f) => `${f.tenancy}${CHECK_RESULTS[f.result]}`).join('、')}，待整改销号。`,
        citation: cite('二、（五）'),
      });
    return out;
  },
  title: (a) => `${a.name}（${a.place.county}，${PROJECT_KINDS[a.kind]}，${totalUnits(a)} 套）`,
};
