// 宅基地审批 as a procedure definition (隆政发〔2022〕11号 第十六条): two review
// tracks (land of the village collective / of a villager group), the township
// decision with 三到场, works, acceptance and the hand-off to 不动产登记.
import { z } from 'zod';
import { addYears, isoDate } from '../../calendar/dates.js';
import { STAY, type ActionDef, type ProcedureDefinition, type StateDef } from '../../engine/procedure.js';
import { evaluate, type Citation } from '../../engine/rules.js';
import { HomesteadApplicationSchema, REQUIRED_DOCUMENTS, type HomesteadApplication } from './form.js';
import { HOMESTEAD_CERTIFICATES } from './certificates.js';
import { GOVERNING_DOCUMENT, HOMESTEAD_PARAMETERS, HOMESTEAD_RULES_2022, needsConstructionPermit } from './rules.js';

const art16 = (clause: string, item: string | null = null): Citation => ({ document: GOVERNING_DOCUMENT, article: '第十六条', item: `${clause}${item ?? ''}` });
const C = {
  villageReview: art16('第二款', '第（二）项'),
  villageMeeting: art16('第二款', '第（三）项'),
  publicity: art16('第二款', '第（四）项'),
  villageReport: art16('第二款', '第（五）项'),
  groupReview: art16('第三款', '第（二）项'),
  villageCheck: art16('第三款', '第（三）项'),
  groupReport: art16('第三款', '第（四）项'),
  township: art16('第四款', '第（一）项'),
  stakeout: art16('第四款', '第（二）项'),
  acceptance: art16('第四款', '第（三）项'),
  registration: art16('第四款', '第（四）项'),
};

const reason = z.string({ error: '请填写理由' }).trim().min(2, '请填写理由（至少 2 个字）').max(1000);
const count = (label: string) =>
  z
    .number({ error: `请填写${label}` })
    .int(`${label}应为整数`)
    .min(0, `${label}不能为负`)
    .max(100000);

export const HOMESTEAD_STATES: StateDef[] = [
  {
    id: 'village_review',
    label: '村级组织初审',
    actor: 'village',
    limit: { workdays: 5, kind: 'due', label: '村级组织自收到申请 5 个工作日内初审', citation: C.villageReview },
  },
  { id: 'correction', label: '退回补正', actor: 'applicant' },
  { id: 'village_meeting', label: '村民代表会议讨论', actor: 'village' },
  { id: 'publicity', label: '村级公示', actor: 'village', limit: { workdays: 5, kind: 'minimum', label: '公示时间不少于 5 个工作日', citation: C.publicity } },
  {
    id: 'village_report',
    label: '村级签署意见并报送乡镇',
    actor: 'village',
    limit: { workdays: 5, kind: 'due', label: '公示结束之日起 5 个工作日内报送乡镇', citation: C.villageReport },
  },
  {
    id: 'group_review',
    label: '村民小组长初审',
    actor: 'village',
    limit: { workdays: 5, kind: 'due', label: '村民小组长自收到申请 5 个工作日内初审', citation: C.groupReview },
  },
  { id: 'group_meeting', label: '村民小组会议讨论', actor: 'village' },
  {
    id: 'group_publicity',
    label: '村民小组公示',
    actor: 'village',
    limit: { workdays: 5, kind: 'minimum', label: '公示时间不少于 5 个工作日', citation: C.groupReview },
  },
  {
    id: 'village_check',
    label: '村级组织审查',
    actor: 'village',
    limit: { workdays: 5, kind: 'due', label: '村级组织自收到村民小组材料 5 个工作日内审查', citation: C.villageCheck },
  },
  {
    id: 'group_village_report',
    label: '村级组织报送乡镇',
    actor: 'village',
    limit: { workdays: 5, kind: 'due', label: '审查通过之日起 5 个工作日内报送乡镇', citation: C.groupReport },
  },
  {
    id: 'township_review',
    label: '乡镇审核审批（一到场）',
    actor: 'township',
    limit: {
      workdays: 20,
      kind: 'due',
      label: '自受理之日起 20 个工作日内作出是否批准的决定',
      citation: C.township,
      extension: { workdays: 10, citation: C.township },
      // 农用地及未利用地转用审批时限不包含在内: the township's clock stands still while the conversion is decided.
      pauses: [{ id: 'land_conversion', label: '农用地及未利用地转用审批', citation: C.township }],
    },
  },
  {
    id: 'refusal_notice',
    label: '书面通知不予批准',
    actor: 'township',
    limit: { workdays: 5, kind: 'due', label: '不予批准决定之日起 5 个工作日内书面通知申请人并说明理由', citation: C.township },
  },
  { id: 'approved', label: '已批准，待申请开工查验', actor: 'applicant' },
  {
    id: 'stakeout',
    label: '开工查验（二到场）',
    actor: 'township',
    limit: { workdays: 10, kind: 'due', label: '收到申请之日起 10 个工作日内到场丈量批放', citation: C.stakeout },
  },
  { id: 'construction', label: '建房施工中', actor: 'applicant' },
  {
    id: 'acceptance',
    label: '竣工验收（三到场）',
    actor: 'township',
    limit: { workdays: 10, kind: 'due', label: '接到验收申请 10 个工作日内现场验收', citation: C.acceptance },
  },
  { id: 'registration', label: '移交不动产登记', actor: 'township' },
  { id: 'registered', label: '已移交不动产登记', actor: null, terminal: true },
  { id: 'refused_by_village', label: '村组审查未通过', actor: null, terminal: true },
  { id: 'refused', label: '不予批准（已书面通知）', actor: null, terminal: true },
  { id: 'withdrawn', label: '申请人撤回', actor: null, terminal: true },
];

type A = HomesteadApplication;
type Act = ActionDef<A>;

const firstReview = (a: A) => (a.plot.owner === 'group' ? 'group_review' : 'village_review');

const MeetingSchema = z.object({
  present: count('到会人数'),
  agree: count('同意人数'),
  minutes: z.string().trim().max(2000).optional(),
});
const GroupMeetingSchema = MeetingSchema.extend({ households: count('本组户数').min(1, '本组户数至少为 1') });
const PublicityEndSchema = z.object({
  objections: z.enum(['none', 'not_upheld', 'upheld'], { error: '请选择公示结果：none（无异议）、not_upheld（异议不成立）、upheld（异议成立）' }),
  note: z.string().trim().max(1000).optional(),
});

const meetingValid = (p: { present: number; agree: number }) => (p.agree > p.present ? '同意人数不能多于到会人数' : null);
const majority = (p: { present: number; agree: number }) => p.agree * 2 > p.present;

export const HOMESTEAD_ACTIONS: Act[] = [
  // Review by the village (collective land) or the group leader (group land): complete, or back for correction.
  {
    id: 'accept_complete',
    label: '材料完整，提交会议讨论',
    from: ['village_review', 'group_review'],
    roles: ['village'],
    citation: C.villageReview,
    to: (c) => (c.state === 'group_review' ? 'group_meeting' : 'village_meeting'),
    next: ['group_meeting', 'village_meeting'],
  },
  {
    id: 'return_for_correction',
    label: '填写不完整，退回补正',
    from: ['village_review', 'group_review'],
    roles: ['village'],
    citation: C.villageReview,
    payload: z.object({ reason }),
    to: 'correction',
    record: (_c, p) => ({ correctionReason: p.reason }),
  },
  {
    id: 'resubmit',
    label: '补正后重新提交',
    from: ['correction'],
    roles: ['applicant'],
    citation: C.villageReview,
    payload: z.object({ application: HomesteadApplicationSchema }),
    replacesApplication: true,
    to: (_c, p) => firstReview(p.application),
    next: ['group_review', 'village_review'],
  },
  {
    id: 'record_meeting',
    label: '记录村民代表会议决定',
    from: ['village_meeting'],
    roles: ['village'],
    citation: C.villageMeeting,
    payload: MeetingSchema,
    guard: (_c, p) => meetingValid(p) ?? (p.present === 0 ? '到会人数为 0，会议无效' : null),
    to: (_c, p) => (majority(p) ? 'publicity' : 'refused_by_village'),
    next: ['publicity', 'refused_by_village'],
    record: (_c, p) => ({ villageMeeting: { ...p, passed: majority(p), rule: '所做决定应当经到会人员的过半数同意' } }),
  },
  {
    id: 'record_group_meeting',
    label: '记录村民小组会议决定',
    from: ['group_meeting'],
    roles: ['village'],
    citation: C.groupReview,
    payload: GroupMeetingSchema,
    guard: (_c, p) => meetingValid(p) ?? (p.present > p.households ? '到会户代表不能多于本组户数' : null),
    to: (_c, p) => (p.present * 3 >= p.households * 2 && majority(p) ? 'group_publicity' : 'refused_by_village'),
    next: ['group_publicity', 'refused_by_village'],
    record: (_c, p) => ({
      groupMeeting: {
        ...p,
        quorum: p.present * 3 >= p.households * 2,
        passed: p.present * 3 >= p.households * 2 && majority(p),
        rule: '三分之二以上的户代表参加，经到会人员过半数同意',
      },
    }),
  },
  {
    id: 'end_publicity',
    label: '公示结束，处理异议',
    from: ['publicity', 'group_publicity'],
    roles: ['village'],
    citation: C.publicity,
    payload: PublicityEndSchema,
    endsPeriod: true,
    to: (c, p) => (p.objections === 'upheld' ? 'refused_by_village' : c.state === 'group_publicity' ? 'village_check' : 'village_report'),
    next: ['refused_by_village', 'village_check', 'village_report'],
    record: (c, p) => ({ publicity: { from: c.enteredOn, to: c.date, workdays: c.workdaysSinceEntered, objections: p.objections, note: p.note ?? null } }),
  },
  { id: 'approve_check', label: '村级审查通过', from: ['village_check'], roles: ['village'], citation: C.villageCheck, to: 'group_village_report' },
  {
    id: 'reject_check',
    label: '村级审查不通过',
    from: ['village_check'],
    roles: ['village'],
    citation: C.villageCheck,
    payload: z.object({ reason }),
    to: 'refused_by_village',
    record: (_c, p) => ({ villageCheckRefusal: p.reason }),
  },
  {
    id: 'report_to_township',
    label: '签署意见报送乡镇',
    from: ['village_report', 'group_village_report'],
    roles: ['village'],
    citation: C.villageReport,
    to: 'township_review',
  },
  // Township.
  {
    id: 'site_inspection',
    label: '实地审查（一到场）',
    from: ['township_review'],
    roles: ['township'],
    citation: C.township,
    payload: z.object({
      findings: z.string().trim().min(2, '请填写实地审查情况').max(2000),
      conformsToPlan: z.boolean({ error: '请说明拟用地是否符合规划和地类' }),
    }),
    to: STAY,
    record: (c, p) => ({ siteInspection: { date: c.date, ...p } }),
  },
  {
    // 宅基地选址涉及交通、公安、林业、水利、电力等部门的，有关部门原则上应在 5 个工作日内签署意见.
    id: 'record_department_opinion',
    label: '记录有关部门意见',
    from: ['township_review'],
    roles: ['township'],
    citation: C.township,
    payload: z.object({
      department: z.string().trim().min(2, '请填写部门').max(50),
      requestedOn: isoDate('征求意见日期'),
      opinion: z.string().trim().min(1, '请填写部门意见').max(2000),
    }),
    guard: (c, p) =>
      p.requestedOn > c.date ? '征求意见日期不能晚于收到意见的日期。' : p.requestedOn < c.enteredOn ? '征求意见日期不能早于乡镇受理日期。' : null,
    to: STAY,
    record: (c, p) => {
      const days = c.workdaysBetween(p.requestedOn, c.date);
      const opinions = (c.data.departmentOpinions as unknown[] | undefined) ?? [];
      return {
        departmentOpinions: [
          ...opinions,
          { ...p, receivedOn: c.date, workdays: days, withinLimit: days <= 5, limit: '有关部门原则上应在 5 个工作日内签署意见' },
        ],
      };
    },
  },
  {
    id: 'extend_deadline',
    label: '延长审批期限 10 个工作日',
    from: ['township_review'],
    roles: ['township'],
    citation: C.township,
    extendsDeadline: true,
    payload: z.object({ reason }),
    to: STAY,
    record: (c, p) => ({ extension: { date: c.date, reason: p.reason, toldApplicant: true } }),
  },
  {
    id: 'pause_for_conversion',
    label: '报农用地及未利用地转用审批（期限暂停计算）',
    from: ['township_review'],
    roles: ['township'],
    citation: C.township,
    pausesClock: 'land_conversion',
    payload: z.object({ submittedTo: z.string().trim().min(2, '请填写报送的自然资源和规划部门').max(100).meta({ title: '报送的自然资源和规划部门' }) }),
    guard: (c) => (c.application.plot.landClass === '建设用地' ? '拟用地为建设用地，不需要办理农用地及未利用地转用审批。' : null),
    to: STAY,
    record: (c, p) => ({ landConversion: { submittedOn: c.date, submittedTo: p.submittedTo } }),
  },
  {
    id: 'resume_after_conversion',
    label: '转用审批办结，恢复计算期限',
    from: ['township_review'],
    roles: ['township'],
    citation: C.township,
    resumesClock: true,
    payload: z.object({ approval: z.string().trim().min(2, '请填写转用审批结果（批复文号）').max(100).meta({ title: '转用审批结果（批复文号）' }) }),
    to: STAY,
    record: (c, p) => ({ landConversion: { ...(c.data.landConversion as object), decidedOn: c.date, approval: p.approval } }),
  },
  {
    id: 'approve',
    consultsRules: true,
    decides: true,
    label: '批准，核发乡村建设规划许可证和农村宅基地批准书',
    from: ['township_review'],
    roles: ['township'],
    citation: C.township,
    guard: (c) => {
      if (!c.data.siteInspection) return '批准前须完成实地审查（一到场）。';
      const ins = c.data.siteInspection as { conformsToPlan: boolean };
      if (!ins.conformsToPlan) return '实地审查认定拟用地不符合规划或地类，不能批准。';
      const a = c.assessment();
      if (a.decision === 'ineligible')
        return `不符合审批条件：${a.findings
          .filter((f) => f.outcome === 'fail')
          .map((f) => `${f.cites}（${f.message}）`)
          .join('；')}`;
      return null;
    },
    to: 'approved',
    record: (c) => ({ approval: { date: c.date, needsConstructionPermit: needsConstructionPermit(c.application), published: true } }),
  },
  {
    id: 'refuse',
    decides: true,
    label: '不予批准',
    from: ['township_review'],
    roles: ['township'],
    citation: C.township,
    payload: z.object({ reason }),
    to: 'refusal_notice',
    record: (c, p) => ({ refusal: { date: c.date, reason: p.reason } }),
  },
  {
    id: 'notify_refusal',
    label: '书面通知申请人（说明理由）',
    from: ['refusal_notice'],
    roles: ['township'],
    citation: C.township,
    to: 'refused',
    record: (c) => ({ refusalNotified: c.date }),
  },
  // Works.
  { id: 'request_stakeout', label: '申请开工查验', from: ['approved'], roles: ['applicant'], citation: C.stakeout, to: 'stakeout' },
  {
    id: 'stake_out',
    label: '现场丈量批放（二到场）',
    from: ['stakeout'],
    roles: ['township'],
    citation: C.stakeout,
    payload: z.object({ note: z.string().trim().max(1000).optional() }),
    to: 'construction',
    record: (c, p) => ({ stakeout: { date: c.date, note: p.note ?? null } }),
  },
  {
    id: 'report_completion',
    label: '申请竣工验收',
    from: ['construction'],
    roles: ['applicant'],
    citation: C.acceptance,
    payload: z.object({ completedOn: isoDate('完工日期') }),
    guard: (c, p) => (p.completedOn > c.date ? '完工日期不能晚于申请验收日期。' : null),
    to: 'acceptance',
    // 申请人建房完工 10 个工作日内申请验收: a later report is recorded as late, not refused.
    record: (c, p) => {
      const days = c.workdaysBetween(p.completedOn, c.date);
      return { completion: { completedOn: p.completedOn, reportedOn: c.date, workdays: days, reportedLate: days > 10 } };
    },
  },
  {
    id: 'accept_works',
    label: '现场验收（三到场），出具验收意见表',
    from: ['acceptance'],
    roles: ['township'],
    citation: C.acceptance,
    payload: z.object({ passed: z.boolean({ error: '请说明验收是否合格' }), opinion: z.string().trim().min(2, '请填写验收意见').max(2000) }),
    to: (_c, p) => (p.passed ? 'registration' : 'construction'),
    next: ['registration', 'construction'],
    record: (c, p) => ({ acceptance: { date: c.date, ...p } }),
  },
  {
    id: 'hand_off_registration',
    label: '移交不动产登记',
    from: ['registration'],
    roles: ['township'],
    citation: C.registration,
    to: 'registered',
    record: (c) => ({ registrationHandoff: c.date }),
  },
  {
    id: 'withdraw',
    label: '撤回申请',
    from: ['village_review', 'group_review', 'correction', 'village_meeting', 'group_meeting', 'publicity', 'group_publicity'],
    roles: ['applicant'],
    citation: art16('第二款', '第（一）项'),
    payload: z.object({ reason }),
    to: 'withdrawn',
    record: (_c, p) => ({ withdrawal: p.reason }),
  },
];

export const homesteadProcedure: ProcedureDefinition<A, { needsConstructionPermit: boolean }> = {
  id: 'homestead',
  name: '农村宅基地和建房（规划许可）审批',
  idPrefix: 'ZJD',
  applicationSchema: HomesteadApplicationSchema,
  filedBy: ['applicant', 'village'],
  access: { read: { applicant: 'own', village: 'village', township: 'township', county: 'county' }, upload: ['applicant', 'village', 'township'] },
  ruleSets: [HOMESTEAD_RULES_2022],
  parameters: Object.values(HOMESTEAD_PARAMETERS),
  applicationDate: (a) => a.applicationDate,
  withApplicationDate: (a, date) => ({ ...a, applicationDate: date }),
  jurisdiction: (a) => ({ county: a.applicant.county, township: a.applicant.township, village: a.applicant.village }),
  initialState: firstReview,
  startStates: ['group_review', 'village_review'],
  assess: (a, ruleSet, parameter) => {
    const ctx = { date: a.applicationDate, parameter };
    const findings = evaluate(ruleSet.rules, a, ctx);
    return {
      decision: findings.some((f) => f.outcome === 'fail') ? 'ineligible' : 'eligible',
      findings,
      needsConstructionPermit: needsConstructionPermit(a, ctx),
    };
  },
  states: HOMESTEAD_STATES,
  actions: HOMESTEAD_ACTIONS,
  // 承诺办结 (第十六条): each track from receipt to the township's decision. The village meeting has no limit in the
  // text (the next meeting to be held) and is named as not counted; 公示 counts at its 5-day minimum. Works and
  // acceptance start on the applicant's later requests and are not part of the promise.
  promise: {
    paths: [
      ['village_review', 'village_meeting', 'publicity', 'village_report', 'township_review'],
      ['group_review', 'group_meeting', 'group_publicity', 'village_check', 'group_village_report', 'township_review'],
    ],
    until: '乡镇作出是否批准的决定',
    notes: [
      `退回补正的，初审期限自重新提交之日起重新计算（${GOVERNING_DOCUMENT} 第十六条第二款第（二）项、第三款第（二）项）。`,
      `批准后的开工查验（二到场）和竣工验收（三到场）自申请人提出申请之日起另行计算（${GOVERNING_DOCUMENT} 第十六条第四款第（二）项、第（三）项）。`,
    ],
  },
  // 第十七条: the six materials, each with its item.
  materials: REQUIRED_DOCUMENTS.map((d) => ({
    label: d.label,
    citation: { document: GOVERNING_DOCUMENT, article: '第十七条', item: d.cites.replace('第十七条', '') || null },
  })),
  documentKinds: [
    ...REQUIRED_DOCUMENTS.map((d) => ({ kind: d.kind, label: d.label })),
    { kind: 'id_card', label: '身份证明' },
    { kind: 'other', label: '其他材料' },
  ],
  certificates: HOMESTEAD_CERTIFICATES,
  flags: (c, today) => {
    // 第二十五条第（五）项: two years from approval without starting works → the plot may be reclaimed.
    const approvedOn: string | undefined = c.record.approval?.date;
    if (!approvedOn || c.record.stakeout || !['approved', 'stakeout'].includes(c.state)) return [];
    const twoYears = addYears(approvedOn, 2);
    return today >= twoYears
      ? [
          {
            code: 'unused_two_years',
            message: `自批准之日（${approvedOn}）起已满二年未开工，村级组织可报乡镇批准收回宅基地。`,
            citation: { document: GOVERNING_DOCUMENT, article: '第二十五条', item: '第（五）项' },
          },
        ]
      : [];
  },
  title: (a) => `${a.applicant.name} · ${a.applicant.village} · ${a.building.type}`,
};
