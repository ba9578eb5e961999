// 养老服务 (承市政字〔2022〕24号 承德市养老服务体系建设“十四五”规划; 承市政办字〔2022〕47号 实施意见) as
// procedure modules: the 老年人名册 of a village or community with its visits (特殊困难老年人定期探访), the
// 高龄津贴标准 entered by the 县民政局 with its document, the roster of a month and its export; the roles
// 村（社区）, 乡镇（街道）, 县民政局, 市民政局; and `zhengwu elderly assess|allowance-roster`.
import { z } from 'zod';
import { InputError } from '../../engine/assess.js';
import { IdNumberSchema } from '../../engine/personal-data.js';
import { isoDate } from '../../calendar/dates.js';
import { MIXED_LABELS } from '../../platform/areas.js';
import type { ProcedureModule } from '../shared/module.js';
import { rateProcedure } from './rate.js';
import { COMMITMENT, filingProcedure } from './filing.js';
import { registerProcedure } from './register.js';
import { elderlyRoutes } from './routes.js';
import { isVisitRate, visitRateIndicator } from './indicator.js';
import { rosterCommand } from './cli.js';
import { SERVICE_LIST } from './services.js';
import { ALLOWANCE, assessElderly, CATEGORIES, HOUSEHOLDS, quoteOf, SPECIAL, STANDARDS, VISIT_FORMS, VISITS_PLAN, type Category } from './rules.js';

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/** What `zhengwu elderly assess` reads: one person on a day. */
export const FactsSchema = z
  .object({
    idNumber: IdNumberSchema,
    household: z.enum(keys(HOUSEHOLDS)).meta({ title: '居住状况', 'x-labels': HOUSEHOLDS }),
    categories: z
      .array(z.enum(keys(CATEGORIES)).meta({ 'x-labels': CATEGORIES }))
      .default([])
      .meta({ title: '类别' }),
    asOf: isoDate('判断日期'),
  })
  .meta({ title: '老年人（判断用）' });

const UI = { areaLabels: MIXED_LABELS, group: '养老服务' };

export const elderlyModule: ProcedureModule = {
  definition: registerProcedure,
  roles: [
    { id: 'county_civil_affairs', label: '县民政局', level: 'county', placedAt: 'county' },
    { id: 'city_civil_affairs', label: '市民政局', level: 'city', needsUnit: true },
    { id: 'assessment_agency', label: '老年人能力综合评估机构', level: 'county', placedAt: 'county', needsUnit: true },
  ],
  demoUsers: [
    {
      username: 'cwh-dtgt',
      password: 'demo-village',
      displayName: '演示·大汤头沟村村民委员会（养老服务）',
      role: 'village',
      county: '隆化县',
      township: '汤头沟镇',
      village: '大汤头沟村',
    },
    {
      username: 'cwh-xy',
      password: 'demo-village',
      displayName: '演示·西窑村村民委员会（养老服务）',
      role: 'village',
      county: '隆化县',
      township: '汤头沟镇',
      village: '西窑村',
    },
    {
      username: 'mzj-longhua',
      password: 'demo-civil',
      displayName: '演示·隆化县民政局',
      role: 'county_civil_affairs',
      county: '隆化县',
      unit: '隆化县民政局',
    },
    {
      username: 'pgjg-longhua',
      password: 'demo-civil',
      displayName: '演示·隆化县某老年人能力评估机构',
      role: 'assessment_agency',
      county: '隆化县',
      unit: '隆化县某老年人能力评估机构',
    },
    {
      username: 'mzj-city',
      password: 'demo-civil',
      displayName: '演示·承德市民政局（养老服务）',
      role: 'city_civil_affairs',
      unit: '市民政局',
    },
  ],
  routes: elderlyRoutes,
  indicators: [{ matches: isVisitRate, compute: visitRateIndicator }],
  cliName: 'elderly',
  cli: {
    assess: {
      usage: 'zhengwu elderly assess PERSON.json [--json]      年龄、满 80 周岁日期、高龄津贴、特殊困难老年人、可享受的基本养老服务（承市政字〔2022〕24号）',
      run: async (args, flags, io) => {
        const parsed = FactsSchema.safeParse(io.readJson(args[0]));
        if (!parsed.success) throw InputError.fromZod(parsed.error);
        const f = parsed.data;
        const categories: Partial<Record<Category, { source: string }>> = {};
        for (const c of f.categories) categories[c] = { source: '输入' };
        const facts = { idNumber: f.idNumber, household: f.household, categories, asOf: f.asOf };
        const r = assessElderly(facts);
        const services = SERVICE_LIST.filter((x) => x.for(facts)).map((x) => ({ id: x.id, name: x.name }));
        const findings = r.findings.map((x) => ({
          rule: x.rule,
          outcome: x.outcome,
          message: x.message,
          citation: { ...x.citation, text: quoteOf(x.citation) },
        }));
        if (flags.json) process.stdout.write(JSON.stringify({ ...r, findings, services }, null, 2) + '\n');
        else
          process.stdout.write(
            [
              `${f.asOf} 年龄：${r.age} 周岁；满 80 周岁：${r.turns80On}`,
              `高龄津贴：${r.allowance ? `自 ${r.turns80On} 起享受` : '尚未满 80 周岁'}`,
              `特殊困难老年人：${r.special ? r.reasons.join('；') : '否'}`,
              `基本养老服务清单中可享受：${services.map((x) => x.name).join('、')}`,
              ...findings.map((x) => `  · ${x.message}（${x.citation.document} ${x.citation.article}${x.citation.item ?? ''}）`),
            ].join('\n') + '\n',
          );
        return 0;
      },
    },
    'allowance-roster': rosterCommand,
  },
  ui: {
    ...UI,
    summary: '村（社区）登记辖区老年人，记录特殊困难老年人探访，计算月探访率和高龄津贴名册（承市政字〔2022〕24号、承市政办字〔2022〕47号）',
    page: '/elderly',
    navLabel: '养老服务',
    landing: { county_civil_affairs: '/elderly', city_civil_affairs: '/elderly' },
    faqs: [
      {
        question: '哪些老年人属于特殊困难老年人，要定期探访？',
        answer:
          '经济困难的空巢、留守、失能、残疾、高龄老年人以及计划生育特殊家庭老年人等，统称特殊困难老年人；以行政村为单位建立定期巡访制度，月探访率目标 100%。',
        citation: SPECIAL,
      },
      {
        question: '高龄津贴从什么时候开始享受？发多少？',
        answer: `80 周岁以上老年人享受高龄津贴，自满 ${STANDARDS.allowanceAge} 周岁之日起。规划和实施意见没有规定金额，金额以县级文件为准，由县民政局录入标准及依据文件后计算。`,
        citation: ALLOWANCE,
      },
      {
        question: '探访可以打电话吗？',
        answer: '可以通过电话、视频、上门探访等多种形式，定期为特殊困难老年人提供身心关爱服务。',
        citation: VISIT_FORMS,
      },
      {
        question: '探访时发现问题怎么办？',
        answer: '督促家庭成员履行赡养扶养义务，提供相应援助服务，帮助解决基本生活安全问题；探访记录中勾选“需要跟进”。',
        citation: VISITS_PLAN,
      },
    ],
  },
  // 王桂兰, born 1946-12-15 (turns 80 on 2026-12-15), living alone on 低保 in 大汤头沟村.
  example: {
    filer: 'village-tgt',
    application: {
      person: { name: '王桂兰', idNumber: '130825194612150025' },
      place: { county: '隆化县', township: '汤头沟镇', village: '大汤头沟村' },
      household: 'alone',
      categories: [{ category: 'dibao', source: '隆化县民政局低保名册', since: '2020-03-01' }],
      enteredOn: '2026-11-02',
    },
  },
};

export const rateModule: ProcedureModule = {
  definition: rateProcedure,
  ui: {
    ...UI,
    summary: '县民政局录入本县高龄津贴标准（每人每月金额、不满整月的发放办法）及设定标准的文件和执行日期（承市政办字〔2022〕47号 二、（二）1.（6））',
  },
  example: {
    filer: 'mzj-longhua',
    application: {
      county: '隆化县',
      monthlyAmount: 100,
      partialMonth: 'whole_month',
      document: '（测试用示例，非真实标准）',
      effectiveFrom: '2026-01-01',
      enteredOn: '2026-11-02',
    },
  },
};

export const filingModule: ProcedureModule = {
  definition: filingProcedure,
  demoUsers: [
    {
      username: 'ylfw-tgt',
      password: 'demo-enterprise',
      displayName: '演示·隆化县汤头沟镇某养老服务中心',
      role: 'enterprise',
      county: '隆化县',
      unit: '隆化县汤头沟镇某养老服务中心',
    },
  ],
  ui: {
    ...UI,
    summary:
      '养老服务机构提交按有关法律、法规和国家标准开展服务活动的书面承诺办理备案，县民政局备案并向社会公开，履约情况记入信用记录（承市政字〔2022〕24号 三、（四）2.）',
    page: '/elderly/commitments',
    faqs: [
      {
        question: '养老服务机构备案要作什么承诺？会公开吗？',
        answer: '备案申请人提交按有关法律、法规和国家标准开展服务活动的书面承诺，并向社会公开；书面承诺履约情况记入信用记录。',
        citation: COMMITMENT,
      },
    ],
  },
  // The walking tests sign in the first demo enterprises: the example files as 承德钒钛新材料有限公司 (a unit files only for itself).
  example: {
    filer: 'qiye-a',
    application: {
      institution: { name: '承德钒钛新材料有限公司', creditCode: '91130825MA0A1B2C3D', kind: 'community', beds: 20 },
      place: { county: '隆化县', township: '汤头沟镇', village: '大汤头沟村' },
      address: '大汤头沟村村委会院内',
      services: '日间照料、助餐',
      commitment: { agreed: true, text: '本机构按有关法律、法规和国家标准开展服务活动，接受社会监督。' },
      contact: { name: '张经理', phone: '13912345678' },
      filedOn: '2026-11-02',
    },
  },
};

export const elderlyModules: ProcedureModule[] = [elderlyModule, rateModule, filingModule];
