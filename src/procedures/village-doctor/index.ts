// 乡村一体化管理准入退出 (隆政办规〔2022〕1号) as procedure modules: the register (花名册) with its changes of
// status, 免试注册, 考试招录 (the exam and each candidate), the 个体卫生室 hand-off to 县行政审批局; the roles
// 乡镇卫生院, 县卫生健康局, 县行政审批局 and the doctor; the yearly post-needs report; the township views and
// the register's export; and `zhengwu village-doctor schema|assess` for one person.
import { z } from 'zod';
import { InputError } from '../../engine/assess.js';
import type { Finding } from '../../engine/rules.js';
import { RURAL_LABELS } from '../../platform/areas.js';
import type { ProcedureModule } from '../shared/module.js';
import { PersonSchema, type Person } from './person.js';
import { villageDoctorProcedure } from './procedure.js';
import { clinicProcedure } from './clinic.js';
import { candidateProcedure, examProcedure } from './exam.js';
import { rosterProcedure } from './roster.js';
import { villageDoctorRoutes } from './routes.js';
import { cite, examRoute, quoteOf, registrationStatus, retirementDate, STANDARDS, withoutExam } from './rules.js';

const cliFinding = (f: Finding) => ({
  rule: f.rule,
  outcome: f.outcome,
  passed: f.outcome !== 'fail',
  message: f.message,
  citation: { document: f.citation.document, article: f.citation.article, item: f.citation.item, text: quoteOf(f.citation) },
});

/** What `assess` prints: the retirement date, both routes in, and the registration on the person's asOf date. */
export function assessPerson(p: Person) {
  const free = withoutExam(p);
  const exam = examRoute(p);
  const reg = registrationStatus(p);
  return {
    retirementDate: retirementDate(p),
    withoutExam: { eligible: free.eligible, findings: free.findings.map(cliFinding) },
    examRoute: { eligible: exam.eligible, findings: exam.findings.map(cliFinding) },
    registration: { status: reg.status, findings: reg.findings.map(cliFinding) },
  };
}

const STATUS_LABEL = { registered: '已注册', to_cancel: '应注销', cancelled: '已注销', none: '未注册' } as const;

export const villageDoctorModule: ProcedureModule = {
  definition: villageDoctorProcedure,
  roles: [
    { id: 'health_centre', label: '乡镇卫生院', level: 'township', placedAt: 'township', supervisor: 'county_health' },
    { id: 'county_health', label: '县卫生健康局', level: 'county', placedAt: 'county' },
    { id: 'county_approval', label: '县行政审批局', level: 'county', placedAt: 'county' },
    { id: 'village_doctor', label: '村医', level: 'own' },
  ],
  demoUsers: [
    {
      username: 'wsy-tgt',
      password: 'demo-health',
      displayName: '演示·隆化县汤头沟镇卫生院',
      role: 'health_centre',
      county: '隆化县',
      township: '汤头沟镇',
      unit: '汤头沟镇卫生院',
    },
    {
      username: 'wsy-hmy',
      password: 'demo-health',
      displayName: '演示·隆化县韩麻营镇卫生院',
      role: 'health_centre',
      county: '隆化县',
      township: '韩麻营镇',
      unit: '韩麻营镇卫生院',
    },
    {
      username: 'wjj-longhua',
      password: 'demo-health',
      displayName: '演示·隆化县卫生健康局',
      role: 'county_health',
      county: '隆化县',
      unit: '隆化县卫生健康局',
    },
    {
      username: 'xzspj-longhua',
      password: 'demo-health',
      displayName: '演示·隆化县行政审批局',
      role: 'county_approval',
      county: '隆化县',
      unit: '隆化县行政审批局',
    },
  ],
  duties: [
    {
      id: 'village-doctor-post-needs',
      title: '村医岗位需求报备',
      cites: '隆政办规〔2022〕1号 一、（六）',
      text: '乡镇卫生院可根据辖区村医年龄及健康状况统筹谋划，在每年 5 月底前向县级卫生主管部门报备辖区村医岗位需求情况。',
      recurrence: { kind: 'yearly', month: 5, day: 31 },
      responsible: { role: 'health_centre', per: 'township' },
      filing: '辖区村医岗位需求情况（可附本乡镇村医情况表：花名册导出）',
      escalateTo: 'county_health',
    },
  ],
  cliName: 'village-doctor',
  cli: {
    schema: {
      usage: 'zhengwu village-doctor schema                   输出人员（PERSON）的 JSON Schema',
      run: async () => {
        process.stdout.write(JSON.stringify(z.toJSONSchema(PersonSchema, { io: 'input' }), null, 2) + '\n');
        return 0;
      },
    },
    assess: {
      usage: 'zhengwu village-doctor assess PERSON.json [--json]  退休日期、免试注册、考试招录条件与注册状态（隆政办规〔2022〕1号）',
      run: async (args, flags, io) => {
        const parsed = PersonSchema.safeParse(io.readJson(args[0]));
        if (!parsed.success) throw InputError.fromZod(parsed.error);
        const r = assessPerson(parsed.data);
        if (flags.json) {
          process.stdout.write(JSON.stringify(r, null, 2) + '\n');
          return 0;
        }
        const lines = (fs: ReturnType<typeof cliFinding>[]) =>
          fs.map(
            (f) =>
              `  ${f.outcome === 'fail' ? '✗' : f.outcome === 'pass' ? '✓' : '·'} ${f.message}（${f.citation.document} ${f.citation.article}${f.citation.item ?? ''}）`,
          );
        const out = [
          `退休日期：${r.retirementDate}`,
          `免试注册（一、（二））：${r.withoutExam.eligible ? '符合' : '不符合'}`,
          ...lines(r.withoutExam.findings),
          `考试招录（一、（三））：${r.examRoute.eligible ? '符合报考条件' : '不符合'}`,
          ...lines(r.examRoute.findings),
          `注册状态：${STATUS_LABEL[r.registration.status]}`,
          ...lines(r.registration.findings),
        ];
        process.stdout.write(out.join('\n') + '\n');
        return 0;
      },
    },
  },
  ui: {
    summary: '乡镇卫生院为全日制大专以上医学相关专业应届毕业生申请乡村医生免试执业注册，县卫生健康局审核（隆政办规〔2022〕1号）',
    areaLabels: RURAL_LABELS,
    group: '卫生健康',
    faqs: [
      {
        question: '哪些人可以免试申请乡村医生执业注册？',
        answer: '具有全日制大专以上学历的临床医学、中医学类、中西医结合类等相关专业应届毕业生（含尚在择业期内未落实工作单位的毕业生）。',
        citation: cite('一、（二）'),
      },
    ],
  },
  // A valid application (a fresh 临床医学 graduate posted to 汤头沟村), for the tests that walk every procedure.
  example: {
    filer: 'wsy-tgt',
    application: {
      candidate: {
        name: '刘洋',
        idNumber: '130825200205102016',
        education: { level: 'college_or_above', fullTime: true, major: 'clinical', graduatedOn: '2026-07-01' },
        hukouCounty: '隆化县',
        asOf: '2026-11-02',
      },
      posting: { county: '隆化县', township: '汤头沟镇', village: '大汤头沟村' },
    },
  },
};

const UI = {
  areaLabels: RURAL_LABELS,
  group: '卫生健康',
  faqs: [
    {
      question: '村医多大年龄退休？',
      answer: `男村医 ${STANDARDS.retirementAge.male} 周岁退休，女村医 ${STANDARDS.retirementAge.female} 周岁退休（到生日当天）。`,
      citation: cite('二、（一）'),
    },
    {
      question: '中止执业多久会被注销？',
      answer: `注册后中止执业活动满 ${STANDARDS.suspensionYears} 年的，由县卫健部门注销并收回《乡村医生执业证书》。`,
      citation: cite('一、（五）'),
    },
    {
      question: '乡镇卫生院可以把村医调到别的村吗？',
      answer: '可以在本乡镇范围内调配，但调配后要保证原来的村有长期在岗村医，不允许形成村医“空白村”。',
      citation: cite('一、（四）'),
    },
    {
      question: '退休村医还能开卫生室吗？',
      answer: '达到退休年龄、服务能力较强、有个人意愿的，由本人提出书面申请，县卫生健康主管部门确认申请资格后，可以向县行政审批局申办个体卫生室。',
      citation: cite('二、（二）'),
    },
  ],
};
// A doctor of the register (born 1968, a man: retires on 2028-03-08), posted in 大汤头沟村.
const ENTRY_EXAMPLE = {
  doctor: { name: '赵德山', idNumber: '130825196803081017' },
  qualification: { certificate: 'village_doctor', certificateNo: '13082510104', registeredOn: '2008-05-01' },
  basis: 'existing',
  posting: { county: '隆化县', township: '汤头沟镇', village: '大汤头沟村' },
  enteredOn: '2026-11-02',
};

export const rosterModule: ProcedureModule = {
  definition: rosterProcedure,
  routes: villageDoctorRoutes,
  ui: {
    ...UI,
    summary: '乡镇卫生院登记本乡镇村医，办理岗位调配、中止执业、到龄退休和辞职、转岗、死亡报备；县卫健注销（隆政办规〔2022〕1号）',
    page: '/village-doctor',
    navLabel: '花名册',
    landing: { health_centre: '/village-doctor', county_health: '/village-doctor' },
  },
  example: { filer: 'wsy-tgt', application: ENTRY_EXAMPLE },
};

export const examModule: ProcedureModule = {
  definition: examProcedure,
  ui: { ...UI, summary: '县卫生健康局组织乡村医生招录考试：公告、报名、截止、考试（隆政办规〔2022〕1号 一、（三））' },
  example: {
    filer: 'wjj-longhua',
    application: {
      title: '2026年隆化县乡村医生招录考试',
      county: '隆化县',
      announcedOn: '2026-11-02',
      enrolUntil: '2026-12-15',
      examOn: '2027-01-10',
      places: 10,
    },
  },
};

export const candidateModule: ProcedureModule = {
  definition: candidateProcedure,
  ui: { ...UI, summary: '乡镇卫生院为中等医学学历或师承人员报名乡村医生招录考试，县卫健资格审查、登记成绩、准予注册（一、（三））' },
  example: {
    filer: 'wsy-tgt',
    needs: { ...examModule.example!, procedure: 'village-doctor-exam', field: 'exam' },
    application: {
      exam: '',
      candidate: {
        name: '孙丽',
        idNumber: '130825199603150026',
        education: { level: 'secondary', fullTime: true, major: 'clinical', graduatedOn: '2016-07-01' },
        hukouCounty: '隆化县',
        asOf: '2026-11-02',
      },
      posting: { county: '隆化县', township: '汤头沟镇', village: '小汤头沟村' },
    },
  },
};

export const clinicModule: ProcedureModule = {
  definition: clinicProcedure,
  ui: { ...UI, summary: '达到退休年龄的村医书面申请，县卫健确认资格后移交县行政审批局申办个体卫生室（二、（二））' },
  example: {
    filer: 'wsy-tgt',
    needs: {
      filer: 'wsy-tgt',
      procedure: 'village-doctor-roster',
      application: { ...ENTRY_EXAMPLE, doctor: { name: '钱玉芬', idNumber: '130825196805061028' } },
      field: 'rosterCase',
    },
    application: {
      rosterCase: '',
      doctor: { name: '钱玉芬', idNumber: '130825196805061028' },
      place: { county: '隆化县', township: '汤头沟镇', village: '大汤头沟村' },
      writtenOn: '2026-11-02',
      statement: '本人从事村医工作三十年，身体健康，愿意在本村继续开办个体卫生室。',
    },
  },
};

/** Every procedure of 隆政办规〔2022〕1号, in the order the services list shows them. */
export const villageDoctorModules: ProcedureModule[] = [rosterModule, villageDoctorModule, examModule, candidateModule, clinicModule];
