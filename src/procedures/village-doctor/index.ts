// 乡村一体化管理准入退出 (隆政办规〔2022〕1号) as a procedure module: 乡村医生免试执业注册 on the engine,
// the roles 乡镇卫生院 and 县卫生健康局, and `zhengwu village-doctor schema|assess` for one person.
import { z } from 'zod';
import { InputError } from '../../engine/assess.js';
import type { Finding } from '../../engine/rules.js';
import { RURAL_LABELS } from '../../platform/areas.js';
import type { ProcedureModule } from '../shared/module.js';
import { PersonSchema, type Person } from './person.js';
import { villageDoctorProcedure } from './procedure.js';
import { examRoute, quoteOf, registrationStatus, retirementDate, withoutExam } from './rules.js';

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
      posting: { county: '隆化县', township: '汤头沟镇', village: '汤头沟村' },
    },
  },
};
