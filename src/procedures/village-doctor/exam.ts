// 考试招录 (隆政办规〔2022〕1号 一、（三）) as two procedures: the exam the county health bureau announces
// (报名 → 考试 → 结束), and each candidate's enrolment in it — filed by the 乡镇卫生院 that would post
// him, checked by rule (1. 学历或师承, 2. 户籍, 3. 年龄), admitted or refused by the county, given his
// result, and registered when he passed: the registration opens his entry in the register.
import { z } from 'zod';
import { isoDate } from '../../calendar/dates.js';
import type { ProcedureDefinition } from '../../engine/procedure.js';
import { evaluate, type Rule, type RuleSet } from '../../engine/rules.js';
import { LONGHUA, PersonSchema, type Person } from './person.js';
import { entryFor, PostingSchema, ROSTER } from './roster.js';
import { cite, EXAM_RULES, GOVERNING_DOCUMENT, VILLAGE_DOCTOR_PARAMETERS } from './rules.js';

export const EXAM = 'village-doctor-exam';
export const CANDIDATE = 'village-doctor-candidate';

const PERIOD = { from: '2022-06-15', until: '2027-06-14' };
const examCite = cite('一、（三）');
const reason = (title: string) => z.string().trim().min(2, `请填写${title}`).max(500).meta({ title, 'x-widget': 'textarea' });

// ── The exam ──

export const ExamSchema = z
  .object({
    title: z.string().trim().min(4, '请填写考试名称').max(60).meta({ title: '考试名称' }),
    county: z.enum([LONGHUA], { error: `本规定适用于${LONGHUA}` }).meta({ title: '县（市、区）' }),
    announcedOn: isoDate('公告日期').meta({ title: '公告日期', format: 'date' }),
    enrolUntil: isoDate('报名截止日期').meta({ title: '报名截止日期', format: 'date' }),
    examOn: isoDate('考试日期').meta({ title: '考试日期', format: 'date' }),
    places: z.number().int().min(1, '招录名额至少 1 名').max(500).meta({ title: '招录名额' }),
    scope: z
      .string()
      .trim()
      .max(500)
      .default('按省卫生健康主管部门确定的考试内容、考试范围')
      .meta({ title: '考试内容和范围', 'x-widget': 'textarea', description: '一、（三）' }),
  })
  .superRefine((e, ctx) => {
    if (e.enrolUntil < e.announcedOn) ctx.addIssue({ code: 'custom', path: ['enrolUntil'], message: '报名截止日期不能早于公告日期' });
    if (e.examOn < e.enrolUntil) ctx.addIssue({ code: 'custom', path: ['examOn'], message: '考试日期不能早于报名截止日期' });
  })
  .meta({ title: '乡村医生招录考试' });
export type Exam = z.infer<typeof ExamSchema>;

const NO_RULES = <A>(id: string): RuleSet<A> => ({ id, governingDocument: GOVERNING_DOCUMENT, period: PERIOD, validityCitation: cite('四、'), rules: [] });

export const examProcedure: ProcedureDefinition<Exam, object> = {
  id: EXAM,
  name: '乡村医生招录考试',
  idPrefix: 'CYK',
  version: 1,
  applicationSchema: ExamSchema,
  recordSchema: z
    .object({ closedOn: z.string().optional().meta({ title: '报名截止' }), finishedOn: z.string().optional().meta({ title: '考试结束' }) })
    .strict(),
  filedBy: ['county_health'],
  // The exam is announced to every township of the county.
  access: { read: { county_health: 'county', health_centre: 'county' }, upload: ['county_health'] },
  ruleSets: [NO_RULES<Exam>('village-doctor-exam-2022')],
  applicationDate: (e) => e.announcedOn,
  jurisdiction: (e) => ({ county: e.county, township: '', village: '' }),
  initialState: () => 'enrolling',
  assess: () => ({ decision: 'eligible', findings: [] }),
  states: [
    { id: 'enrolling', label: '报名中', actor: 'county_health' },
    { id: 'examining', label: '报名截止，组织考试', actor: 'county_health' },
    { id: 'finished', label: '考试结束', actor: null, terminal: true },
  ],
  actions: [
    {
      id: 'close_enrolment',
      label: '截止报名',
      from: ['enrolling'],
      roles: ['county_health'],
      citation: examCite,
      to: 'examining',
      record: (c) => ({ closedOn: c.date }),
    },
    {
      id: 'finish',
      label: '考试结束',
      from: ['examining'],
      roles: ['county_health'],
      citation: examCite,
      guard: (c) => (c.date < c.application.examOn ? `考试日期为 ${c.application.examOn}，此前不能结束考试。` : null),
      to: 'finished',
      record: (c) => ({ finishedOn: c.date }),
    },
  ],
  documentKinds: [
    { kind: 'announcement', label: '招录公告' },
    { kind: 'results', label: '成绩公布' },
  ],
  certificates: [],
  title: (e) => e.title,
};

// ── A candidate ──

export const CandidateSchema = z
  .object({
    exam: z.string().trim().min(1, '请选择报名的考试').max(40).meta({ title: '报名的考试（编号）' }),
    candidate: PersonSchema,
    posting: PostingSchema,
  })
  .meta({ title: '考试招录报名' });
export type Candidate = z.infer<typeof CandidateSchema>;

const CANDIDATE_RULES: RuleSet<Candidate> = {
  ...NO_RULES<Candidate>('village-doctor-candidate-2022'),
  rules: EXAM_RULES.map((r): Rule<Candidate> => ({ ...r, check: (a, ctx) => r.check(a.candidate as Person, ctx) })),
};

const ResultSchema = z.object({
  score: z.number().min(0, '成绩不能为负').max(1000).meta({ title: '考试成绩' }),
  passed: z.boolean({ error: '请选择是否合格' }).meta({ title: '考试合格' }),
});

export const candidateProcedure: ProcedureDefinition<Candidate, object> = {
  id: CANDIDATE,
  name: '乡村医生考试招录报名',
  idPrefix: 'CYB',
  version: 1,
  applicationSchema: CandidateSchema,
  recordSchema: z
    .object({
      admittedOn: z.string().optional().meta({ title: '准予参加考试' }),
      refusal: z.object({ date: z.string(), reason: z.string() }).optional().meta({ title: '资格审查未通过' }),
      result: z.object({ date: z.string(), score: z.number(), passed: z.boolean() }).optional().meta({ title: '考试成绩' }),
      registeredOn: z.string().optional().meta({ title: '注册日期' }),
    })
    .strict(),
  filedBy: ['health_centre'],
  access: { read: { health_centre: 'township', county_health: 'county' }, upload: ['health_centre', 'county_health'] },
  // Enrolment only while the exam takes it, and only up to its closing day.
  filingCheck: {
    related: (a) => ({ procedure: EXAM, ids: [a.exam] }),
    check: (a, [exam]) => {
      if (!exam) return `没有编号为 ${a.exam} 的乡村医生招录考试。`;
      if (exam.state !== 'enrolling' || a.candidate.asOf > exam.application.enrolUntil)
        return `“${exam.title}”已截止报名（报名截止日期 ${exam.application.enrolUntil}）。`;
      return null;
    },
  },
  ruleSets: [CANDIDATE_RULES],
  parameters: Object.values(VILLAGE_DOCTOR_PARAMETERS),
  applicationDate: (a) => a.candidate.asOf,
  jurisdiction: (a) => ({ county: a.posting.county, township: a.posting.township, village: a.posting.village }),
  initialState: () => 'qualification',
  assess: (a, set, parameter) => {
    const findings = evaluate(set.rules, a, { date: a.candidate.asOf, parameter });
    return { decision: findings.some((f) => f.outcome === 'fail') ? 'ineligible' : 'eligible', findings };
  },
  states: [
    { id: 'qualification', label: '县卫健资格审查', actor: 'county_health' },
    { id: 'admitted', label: '准予参加考试', actor: 'county_health' },
    { id: 'not_admitted', label: '资格审查未通过', actor: null, terminal: true },
    { id: 'passed', label: '考试合格，待注册', actor: 'county_health' },
    { id: 'failed', label: '考试不合格', actor: null, terminal: true },
    { id: 'registered', label: '已注册，进入村卫生室执业', actor: null, terminal: true },
  ],
  actions: [
    {
      id: 'admit',
      label: '资格审查通过',
      from: ['qualification'],
      roles: ['county_health'],
      citation: examCite,
      consultsRules: true,
      decides: true,
      guard: (c) => {
        const a = c.assessment();
        return a.decision === 'ineligible'
          ? `不符合报考条件：${a.findings
              .filter((f) => f.outcome === 'fail')
              .map((f) => `${f.cites}（${f.message}）`)
              .join('；')}`
          : null;
      },
      to: 'admitted',
      record: (c) => ({ admittedOn: c.date }),
    },
    {
      id: 'refuse',
      label: '资格审查不通过',
      from: ['qualification'],
      roles: ['county_health'],
      citation: examCite,
      decides: true,
      payload: z.object({ reason: reason('不通过的理由') }),
      to: 'not_admitted',
      record: (c, p: { reason: string }) => ({ refusal: { date: c.date, reason: p.reason } }),
    },
    {
      id: 'record_result',
      label: '登记考试成绩',
      from: ['admitted'],
      roles: ['county_health'],
      citation: examCite,
      payload: ResultSchema,
      // A result exists once the exam has been held.
      related: (c) => ({ procedure: EXAM, ids: [c.application.exam] }),
      guard: (c) => {
        const exam = c.related[0];
        if (!exam) return `没有编号为 ${c.application.exam} 的考试。`;
        return c.date < exam.application.examOn ? `考试日期为 ${exam.application.examOn}，此前不能登记成绩。` : null;
      },
      to: (_c, p: { passed: boolean }) => (p.passed ? 'passed' : 'failed'),
      next: ['passed', 'failed'],
      record: (c, p: { score: number; passed: boolean }) => ({ result: { date: c.date, score: p.score, passed: p.passed } }),
    },
    {
      id: 'register',
      label: '准予乡村医生执业注册',
      from: ['passed'],
      roles: ['county_health'],
      citation: examCite,
      decides: true,
      payload: z.object({ certificateNo: z.string().trim().min(1, '请填写乡村医生执业证书编号').max(40).meta({ title: '乡村医生执业证书编号' }) }),
      to: 'registered',
      record: (c) => ({ registeredOn: c.date }),
      opens: (c, p: { certificateNo: string }) => ({
        procedure: ROSTER,
        application: entryFor({ person: c.application.candidate, certificateNo: p.certificateNo, basis: 'exam', posting: c.application.posting, date: c.date }),
      }),
    },
  ],
  documentKinds: [
    { kind: 'diploma', label: '学历证明或《传统医学师承出师证书》' },
    { kind: 'hukou', label: '户籍证明（或配偶户籍及长期居住证明）' },
    { kind: 'experience', label: '医疗机构从业经历证明' },
    { kind: 'id_card', label: '身份证' },
  ],
  materials: [
    { label: '取得临床医学、中医学、中西医结合等医学专业中等学历的证明，或省中医药主管部门颁发的《传统医学师承出师证书》', citation: cite('一、（三）', '1.') },
    { label: '户籍应在本县：户籍证明；配偶户籍在本县的，配偶户籍证明和长期居住证明', citation: cite('一、（三）', '2.') },
    { label: '招聘对象年龄：身份证；申请放宽年龄的，医疗机构从业经历证明', citation: cite('一、（三）', '3.') },
  ],
  certificates: [],
  title: (a) => `${a.candidate.name} · ${a.posting.township}${a.posting.village}`,
};
