// 保障性租赁住房 (承市政办字〔2022〕48号) as procedure modules: project recognition with the leading group's joint
// review and the 项目认定书, the hand-offs, the rental register and its spot checks (one case per project); the
// county's list of 公租房 households; the yearly construction plans. Roles of the leading group (三、（二）) and
// the city bureau; the overview; `zhengwu rental-housing schema|assess`.
import { z } from 'zod';
import { openDb } from '../../db/connection.js';
import { InputError } from '../../engine/assess.js';
import { localValues, readerFor } from '../../engine/parameters.js';
import type { Finding } from '../../engine/rules.js';
import { URBAN_LABELS } from '../../platform/areas.js';
import type { ProcedureModule } from '../shared/module.js';
import { ProjectSchema, type Project } from './form.js';
import { planProcedure } from './plan.js';
import { rentalHousingProcedure } from './procedure.js';
import { publicRentalProcedure } from './public-rental.js';
import { rentalHousingRoutes } from './routes.js';
import { assessProject, cite, RENTAL_HOUSING_PARAMETERS } from './rules.js';

const cliFinding = (f: Finding) => ({ rule: f.rule, outcome: f.outcome, citation: f.citation, message: f.message });

/** What `assess` prints: whether the project can be recognised, the findings, and the benefits with their articles. */
export async function assessForCli(p: Project, local: Awaited<ReturnType<typeof localValues>>) {
  const r = assessProject(p, readerFor(RENTAL_HOUSING_PARAMETERS, local, p.filedOn));
  return { recognisable: r.recognisable, findings: r.findings.map(cliFinding), benefits: r.benefits.map((b) => ({ name: b.name, citation: b.citation })) };
}

const SHUANGQIAO = { county: '双桥区' };
const demo = (username: string, role: string, unit: string) => ({
  username,
  password: 'demo-housing',
  displayName: `演示·${unit}`,
  role,
  ...SHUANGQIAO,
  unit,
});

/** A conversion of an idle office building in 双桥区 西大街街道 (a valid application, for the tests that walk every procedure). */
export const PROJECT_EXAMPLE: Project = {
  owner: { name: '承德某住房租赁有限公司', creditCode: '91130802MA0A1B2C3D', contact: '周经理', phone: '13831400001' },
  name: '西大街闲置办公楼改建保障性租赁住房项目',
  place: { county: '双桥区', township: '西大街街道', village: '西大街社区' },
  address: '西大街 18 号',
  kind: 'conversion',
  land: { rightsChange: false, documents: '冀（2019）承德市不动产权第 0001234 号' },
  conversion: { originalUse: 'commercial_office', planningConforms: true, rightsUnchanged: true, safetyMet: true, residentsConsulted: true },
  units: [
    { floorArea: 35, count: 60 },
    { floorArea: 68, count: 30 },
    { floorArea: 85, count: 10 },
  ],
  rent: { planned: 18, market: { value: 25, assessedOn: '2026-06-30', assessedBy: '双桥区住房和城乡建设局' } },
  quality: { standard: true, basicFitOut: true, utilities: ['water', 'power', 'gas', 'heating', 'road', 'telecom'] },
  schedule: { start: '2027-03-01', completion: '2027-10-31' },
  filedOn: '2026-11-02',
};

const UI = {
  areaLabels: URBAN_LABELS,
  group: '住房保障',
  faqs: [
    {
      question: '保障性租赁住房项目认定后能享受哪些政策？',
      answer:
        '所有项目按保障性租赁住房建筑面积免收城市基础设施配套费；利用非居住存量房屋建设的，取得项目认定书后，比照适用住房租赁增值税、房产税等税收优惠政策，用水、用电、用气价格按照居民标准执行。',
      citation: cite('三、（四）'),
    },
    {
      question: '租金怎么定？',
      answer: '租金价格应低于同地段同品质市场租赁住房租金价格；市场租金原则上由县（市、区）住房和城乡建设部门一年组织评估一次。',
      citation: cite('二、（二）'),
    },
    {
      question: '已经住公租房的家庭能申请吗？',
      answer: '不能。已享受公租房保障的家庭，不得申请保障性租赁住房；保障性租赁住房不得转租转借。',
      citation: cite('二、（五）'),
    },
  ],
};

export const rentalHousingModule: ProcedureModule = {
  definition: rentalHousingProcedure,
  roles: [
    { id: 'county_housing', label: '县住房和城乡建设局', level: 'county', placedAt: 'county', supervisor: 'city_housing' },
    { id: 'county_drc', label: '县发展和改革局', level: 'county', placedAt: 'county' },
    { id: 'county_finance', label: '县财政局', level: 'county', placedAt: 'county' },
    { id: 'county_nrp', label: '县自然资源和规划局', level: 'county', placedAt: 'county' },
    { id: 'county_approval', label: '县行政审批局', level: 'county', placedAt: 'county' },
    { id: 'city_housing', label: '市住房和城乡建设局', level: 'city', needsUnit: true },
  ],
  demoUsers: [
    demo('zjj-shuangqiao', 'county_housing', '双桥区住房和城乡建设局'),
    demo('fgj-shuangqiao', 'county_drc', '双桥区发展和改革局'),
    demo('czj-shuangqiao', 'county_finance', '双桥区财政局'),
    demo('zrj-shuangqiao', 'county_nrp', '双桥区自然资源和规划局'),
    demo('xzspj-shuangqiao', 'county_approval', '双桥区行政审批局'),
    { username: 'zjj-city', password: 'demo-housing', displayName: '演示·承德市住房和城乡建设局', role: 'city_housing', unit: '市住房和城乡建设局' },
    { username: 'qiye-zl', password: 'demo-enterprise', displayName: '演示·承德某住房租赁有限公司', role: 'enterprise', unit: '承德某住房租赁有限公司' },
  ],
  routes: rentalHousingRoutes,
  cliName: 'rental-housing',
  cli: {
    schema: {
      usage: 'zhengwu rental-housing schema                   输出保障性租赁住房项目（PROJECT）的 JSON Schema',
      run: async () => {
        process.stdout.write(JSON.stringify(z.toJSONSchema(ProjectSchema, { io: 'input' }), null, 2) + '\n');
        return 0;
      },
    },
    assess: {
      usage: 'zhengwu rental-housing assess PROJECT.json [--json]  能否认定、各项检查及认定书可享受的政策（承市政办字〔2022〕48号）',
      run: async (args, flags, io) => {
        const parsed = ProjectSchema.safeParse(io.readJson(args[0]));
        if (!parsed.success) throw InputError.fromZod(parsed.error);
        // The counties' recorded values (小户型面积, 市场租金) come from the platform's database.
        const db = await openDb();
        let r;
        try {
          r = await assessForCli(
            parsed.data,
            await localValues(
              db,
              RENTAL_HOUSING_PARAMETERS.map((d) => d.key),
            ),
          );
        } finally {
          await db.close();
        }
        if (flags.json) {
          process.stdout.write(JSON.stringify(r, null, 2) + '\n');
          return 0;
        }
        const mark = { pass: '✓', fail: '✗', info: '·' } as const;
        const out = [
          `项目认定：${r.recognisable ? '符合认定条件' : '不符合认定条件'}`,
          ...r.findings.map((f) => `  ${mark[f.outcome]} ${f.message}（${f.citation.document} ${f.citation.article}）`),
          ...(r.benefits.length ? ['认定书可享受的政策：', ...r.benefits.map((b) => `  - ${b.name}（${b.citation.document} ${b.citation.article}）`)] : []),
        ];
        process.stdout.write(out.join('\n') + '\n');
        return 0;
      },
    },
  },
  ui: {
    ...UI,
    summary: '项目单位申报保障性租赁住房项目，县住房和城乡建设局汇总，领导小组审查建设方案后出具项目认定书（承市政办字〔2022〕48号 三、（二））',
    page: '/rental-housing',
    navLabel: '保障性租赁住房',
    landing: { county_housing: '/rental-housing', city_housing: '/rental-housing' },
  },
  example: { filer: 'qiye-zl', application: PROJECT_EXAMPLE },
};

export const publicRentalModule: ProcedureModule = {
  definition: publicRentalProcedure,
  ui: { ...UI, summary: '县住房和城乡建设局登记享受公租房保障的家庭，出租保障性租赁住房时据以核查（二、（五））' },
  example: {
    filer: 'zjj-shuangqiao',
    application: {
      county: '双桥区',
      head: { name: '吴海', idNumber: '130802198803120033' },
      members: [],
      since: '2024-03-01',
      source: '双桥区 2024 年第一批公租房保障家庭名单',
    },
  },
};

export const planModule: ProcedureModule = {
  definition: planProcedure,
  ui: { ...UI, summary: '县住房和城乡建设局登记并公布保障性租赁住房年度建设计划（二、（一））' },
  example: {
    filer: 'zjj-shuangqiao',
    application: {
      county: '双桥区',
      year: 2026,
      targetUnits: 500,
      fiveYearTarget: 3000,
      document: '双桥区 2026 年保障性租赁住房年度建设计划',
      publishedOn: '2026-03-15',
    },
  },
};

/** Every procedure of 承市政办字〔2022〕48号, in the order the services list shows them. */
export const rentalHousingModules: ProcedureModule[] = [rentalHousingModule, planModule, publicRentalModule];
