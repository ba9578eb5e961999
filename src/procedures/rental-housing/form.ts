// The application for recognition of a 保障性租赁住房 project (承市政办字〔2022〕48号 三、（二）: the housing
// department collects projects; the leading group reviews the construction scheme): what the rules of 二、 and
// 三、 are judged on — the kind of project and its land, the units by floor area, the rent and the assessed
// market rent, the fit-out and the schedule.
import { z } from 'zod';
import { isoDate } from '../../calendar/dates.js';
import { PhoneSchema } from '../../engine/personal-data.js';
import { checkAreaPath } from '../../platform/areas.js';

const text = (title: string, max = 100) =>
  z
    .string({ error: `请填写${title}` })
    .trim()
    .min(1, `请填写${title}`)
    .max(max, `${title}不超过 ${max} 字`)
    .meta({ title });
const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const yes = (title: string, description?: string) =>
  z
    .boolean({ error: `请选择：${title}` })
    .default(false)
    .meta({ title, ...(description ? { description } : {}) });
// In a group only some projects have (园区、改建、存量): no default, so an untouched group is not sent at all.
const fact = (title: string) =>
  z
    .boolean({ error: `请选择：${title}` })
    .optional()
    .meta({ title });
const area = (title: string) =>
  z
    .number({ error: `${title}应为数字（平方米）` })
    .positive(`${title}应大于 0`)
    .max(10_000_000, `${title}过大`)
    .meta({ title });

/** The ways of supply and the land they use (二、（一）（三）; 三、（一）1.–3.; 三、（四）配建; 四、（一）). */
export const PROJECT_KINDS = {
  park: '利用产业园区配套用地建设（宿舍型）',
  conversion: '非居住存量房屋改建',
  new_land: '新供应国有建设用地新建',
  bundled: '新建普通商品住房项目配建',
  public_stock: '存量公租房、政府公房、人才住房纳入',
} as const;
export type ProjectKind = keyof typeof PROJECT_KINDS;

/** 三、（一）2.: 商业办公、旅馆、厂房、仓储、科研教育等非居住存量房屋. */
export const ORIGINAL_USES = {
  commercial_office: '商业办公',
  hotel: '旅馆',
  factory: '厂房',
  warehouse: '仓储',
  research_education: '科研教育',
  other_non_residential: '其他非居住房屋',
} as const;

/** 二、（四）: 水、电、气、暖、路、信等城市基础设施要配套齐全. */
export const UTILITIES = { water: '水', power: '电', gas: '气', heating: '暖', road: '路', telecom: '信' } as const;

export const PlaceSchema = z
  .object({
    county: text('县（市、区）', 40),
    township: text('街道（乡镇）', 40),
    village: text('社区（村）', 40),
  })
  .superRefine((p, ctx) => {
    const problem = checkAreaPath(p, 'village');
    if (problem) ctx.addIssue({ code: 'custom', path: ['village'], message: problem });
  })
  .meta({ title: '项目所在地', 'x-widget': 'area' });

export const ProjectSchema = z
  .object({
    owner: z
      .object({
        name: text('项目单位名称', 100),
        creditCode: z
          .string({ error: '请填写统一社会信用代码' })
          .trim()
          .toUpperCase()
          .regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, '统一社会信用代码应为 18 位（数字和大写字母，不含 I、O、Z、S、V）')
          .meta({ title: '统一社会信用代码' }),
        contact: text('联系人', 30),
        phone: PhoneSchema,
      })
      .meta({ title: '项目单位（谁投资、谁所有）', description: '二、（三）' }),
    name: text('项目名称', 100),
    place: PlaceSchema,
    address: text('详细地址', 200),
    kind: z.enum(keys(PROJECT_KINDS), { error: '请选择项目类型' }).meta({ title: '项目类型（筹集方式）', 'x-labels': PROJECT_KINDS }),
    land: z
      .object({
        rightsChange: yes('涉及土地权属变化', '不涉及的，可用原用地手续等材料作为土地证明文件（三、（二））'),
        documents: text('土地证明文件（不动产权证书号或用地手续）', 200),
      })
      .meta({ title: '用地' }),
    park: z
      .object({
        projectLandArea: area('工业项目总用地面积'),
        supportLandArea: area('行政办公及生活服务设施用地面积'),
        countyConsent: fact('已经属地县（市、区）政府同意提高配套比例'),
        commercialFlats: fact('建设成套商品住宅'),
      })
      .optional()
      .meta({ title: '产业园区配套用地（三、（一）1.）' }),
    conversion: z
      .object({
        originalUse: z.enum(keys(ORIGINAL_USES), { error: '请选择原用途' }).meta({ title: '原用途', 'x-labels': ORIGINAL_USES }),
        planningConforms: fact('符合规划原则'),
        rightsUnchanged: fact('权属不变'),
        safetyMet: fact('满足安全要求'),
        residentsConsulted: fact('尊重群众意愿（已征求意见）'),
      })
      .optional()
      .meta({ title: '非居住存量房屋改建（三、（一）2.）' }),
    publicStock: z
      .object({ centralSubsidyReceived: fact('原房源已享受中央补助') })
      .optional()
      .meta({ title: '纳入的存量公租房等（四、（一））' }),
    units: z
      .array(
        z.object({
          floorArea: area('每套建筑面积').max(1000, '每套建筑面积不超过 1000 平方米'),
          count: z.number({ error: '套数应为整数' }).int('套数应为整数').min(1, '套数至少 1 套').max(100_000).meta({ title: '套数' }),
        }),
        { error: '请填写户型' },
      )
      .min(1, '请至少填写一种户型')
      .max(50, '户型不超过 50 种')
      .meta({ title: '户型（按建筑面积）', description: '二、（二）：以建筑面积不超过 70 平方米的小户型为主' }),
    rent: z
      .object({
        planned: z.number({ error: '计划租金应为数字' }).positive('计划租金应大于 0').max(1000).meta({ title: '计划租金（元/平方米·月）' }),
        market: z
          .object({
            value: z.number({ error: '市场租金应为数字' }).positive('市场租金应大于 0').max(1000).meta({ title: '同地段同品质市场租金（元/平方米·月）' }),
            assessedOn: isoDate('评估日期').meta({ title: '评估日期', format: 'date' }),
            assessedBy: text('评估单位', 100),
          })
          .optional()
          .meta({ title: '县住房城乡建设部门评估的市场租金', description: '二、（二）：一年组织评估一次；未填写的，按本县录入的市场租金' }),
      })
      .meta({ title: '租金' }),
    quality: z
      .object({
        standard: yes('符合建办标〔2021〕19号等集中式租赁住房建设适用标准'),
        basicFitOut: yes('提供简约、环保的基本装修，具备入住条件'),
        utilities: z
          .array(z.enum(keys(UTILITIES)).meta({ 'x-labels': UTILITIES }))
          .default([])
          .meta({ title: '已配套的城市基础设施（水、电、气、暖、路、信）' }),
      })
      .meta({ title: '住房品质（二、（四））' }),
    schedule: z
      .object({
        start: isoDate('计划开工（改建）日期').meta({ title: '计划开工（改建）日期', format: 'date' }),
        completion: isoDate('计划竣工日期').meta({ title: '计划竣工日期', format: 'date' }),
      })
      .refine((s) => s.completion >= s.start, { message: '计划竣工日期不能早于开工日期', path: ['completion'] })
      .meta({ title: '建设计划' }),
    filedOn: isoDate('申报日期').meta({ title: '申报日期', format: 'date', 'x-widget': 'receipt-date' }),
  })
  .superRefine((a, ctx) => {
    // Each kind brings the facts its article asks for.
    if (a.kind === 'park' && !a.park) ctx.addIssue({ code: 'custom', path: ['park'], message: '产业园区配套用地项目请填写用地面积和配套比例（三、（一）1.）' });
    if (a.kind === 'conversion' && !a.conversion)
      ctx.addIssue({ code: 'custom', path: ['conversion'], message: '非居住存量房屋改建项目请填写原用途和改建条件（三、（一）2.）' });
    if (a.kind === 'park' && a.park && a.park.supportLandArea > a.park.projectLandArea)
      ctx.addIssue({ code: 'custom', path: ['park', 'supportLandArea'], message: '配套设施用地面积不能大于项目总用地面积' });
  })
  .meta({ title: '保障性租赁住房项目认定申请' });
export type Project = z.infer<typeof ProjectSchema>;

export const totalUnits = (a: Pick<Project, 'units'>) => a.units.reduce((n, u) => n + u.count, 0);
export const totalFloorArea = (a: Pick<Project, 'units'>) => Math.round(a.units.reduce((n, u) => n + u.floorArea * u.count, 0) * 100) / 100;
