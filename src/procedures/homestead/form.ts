// 农村宅基地和建房（规划许可）申请表 — the application form (隆政发〔2022〕11号 第十六条、第十七条).
import { isoDate } from '../../calendar/dates.js';
import { z } from 'zod';
import { IdNumberSchema, PhoneSchema } from '../../engine/personal-data.js';

const area = (label: string) =>
  z
    .number({ error: `${label}应为数字（平方米）` })
    .positive(`${label}应大于 0`)
    .max(100000, `${label}过大`);
const text = (label: string, max = 200) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}过长（最多 ${max} 字）`);

export const RELATIONS = ['本人', '配偶', '子女', '父母', '祖父母', '孙子女', '兄弟姐妹', '其他'] as const;

/** 第十二条: the grounds on which a household may apply. */
export const ELIGIBILITY_GROUNDS = {
  no_homestead: '无宅基地（第十二条第（一）项）',
  household_split: '因子女结婚等原因确需分户且现有宅基地低于标准（第十二条第（二）项）',
  relocation: '因自然灾害、规划或公共设施建设需搬迁重建（第十二条第（三）项）',
  settled_member: '依法迁入落户为正式成员且原籍无宅基地（第十二条第（四）项）',
  other_lawful: '法律、法规、规章规定的其他情形（第十二条第（五）项）',
  rebuild_own: '在原宅基地翻建、改扩建（第十条、第十九条）',
} as const;

/** 第十三条: what counts as one household. */
export const HOUSEHOLD_BASES = {
  couple_minor_children: '夫妻与未达到法定婚龄子女同住（第十三条第（一）项）',
  only_child: '独生子女婚后单独立户或与父母为一户（第十三条第（二）项）',
  remarried: '离异后无房一方再婚且配偶无房（第十三条第（三）项）',
  adult_members: '家庭成员达到法定结婚年龄或婚后分户（第十三条第（四）项）',
  spouses_apart: '夫妻户籍不在一处，只认定一户（第十三条第（五）项）',
  with_guardian: '未成年人、无民事行为能力人与监护人为一户（第十三条第（六）项）',
  dependants: '赡养对象与赡养人之一为一户（第十三条第（七）项）',
  village_recognised: '经村级民主程序认可的其他情况（第十三条第（八）项）',
} as const;

const keys = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const BUILDING_TYPES = ['原址翻建', '改扩建', '易址新建', '分户新建'] as const;
export const LAND_CLASSES = ['建设用地', '未利用地', '农用地'] as const;
/** 第十条: where the village lies. */
export const ZONES = {
  outside_boundary: '城镇开发边界外的村庄',
  inside_boundary: '城镇开发边界内（未纳入近期改造计划）',
  renewal_plan: '城镇开发边界内且已纳入近期改造计划的村庄',
} as const;

export const PersonSchema = z.object({
  name: text('姓名', 30),
  idNumber: IdNumberSchema,
  relation: z.enum(RELATIONS, { error: `与申请人关系应为：${RELATIONS.join('、')}` }),
});

export const HomesteadApplicationSchema = z
  .object({
    applicationDate: isoDate('申请日期'),
    applicant: z.object({
      name: text('申请人姓名', 30),
      idNumber: IdNumberSchema,
      phone: PhoneSchema,
      county: text('县'),
      township: text('乡镇（街道）'),
      village: text('村'),
      group: z.string().trim().max(50).optional(),
      isCollectiveMember: z.boolean({ error: '请说明是否为本集体经济组织成员' }),
    }),
    household: z.object({
      members: z.array(PersonSchema).min(1, '请至少填写一名家庭成员（申请人本人）').max(30),
      basis: z.enum(keys(HOUSEHOLD_BASES), { error: '请选择认定为“一户”的依据（第十三条）' }),
    }),
    eligibilityGround: z.enum(keys(ELIGIBILITY_GROUNDS), { error: '请选择申请理由（第十二条）' }),
    currentHomestead: z.object({
      has: z.boolean(),
      area: z.number().nonnegative('现有宅基地面积不能为负').max(100000).optional(),
      registeredArea: z.number().nonnegative().max(100000).optional(),
      certificateNo: z.string().trim().max(60).optional(),
      houseArea: z.number().nonnegative().max(100000).optional(),
      soldRentedOrGiftedBefore: z.boolean({ error: '请说明是否曾出卖、出租、赠与原有宅基地或住房' }),
      agreesToReturnOld: z.boolean().optional(),
    }),
    plot: z.object({
      area: area('拟用地面积'),
      address: text('拟用地地址'),
      boundaries: z.object({ east: text('四至（东）', 60), south: text('四至（南）', 60), west: text('四至（西）', 60), north: text('四至（北）', 60) }),
      landClass: z.enum(LAND_CLASSES, { error: `地类应为：${LAND_CLASSES.join('、')}` }),
      owner: z.enum(['village', 'group'], { error: '请选择土地所有权人：村集体（village）或村民小组（group）' }),
      zone: z.enum(keys(ZONES), { error: '请选择村庄所处区域（第十条）' }),
      inVillagePlan: z.boolean({ error: '请说明选址是否符合国土空间规划和村庄规划' }),
      ownershipDisputed: z.boolean({ error: '请说明拟用地块权属是否有争议' }),
    }),
    building: z.object({
      type: z.enum(BUILDING_TYPES, { error: `建房类型应为：${BUILDING_TYPES.join('、')}` }),
      floors: z.number().int('层数应为整数').min(1, '层数至少为 1').max(50),
      floorHeights: z.array(z.number().positive('层高应大于 0').max(20)).min(1, '请填写各层层高'),
      footprint: area('建筑占地面积'),
      floorArea: area('建筑面积'),
      investment: z.number().nonnegative('投资额不能为负').max(100000, '投资额过大（单位：万元）'),
      standardDesign: z.string().trim().max(100).optional(),
      certifiedDangerous: z.boolean().default(false),
      repairOnly: z.boolean().default(false),
    }),
    rebuild: z
      .object({
        keepsOldHouse: z.boolean(),
        originalIllegal: z.boolean(),
        heritageProtected: z.boolean(),
        inExpropriationArea: z.boolean(),
        // 第十条: a 危房 rebuild in a village of a near-term renewal plan stays within the original legal floor area and footprint.
        originalLegalFloorArea: z.number({ error: '原有合法产权建筑面积应为数字（平方米）' }).positive('原有合法产权建筑面积应大于 0').max(100000).optional(),
        originalFootprint: z.number({ error: '原住宅基底面积应为数字（平方米）' }).positive('原住宅基底面积应大于 0').max(100000).optional(),
        withinOriginalFootprint: z.boolean({ error: '请说明翻建住宅是否位于原基底范围内' }).optional(),
      })
      .optional(),
    neighbours: z.object({ opinion: z.string().trim().max(500), agreementSigned: z.boolean() }),
    commitmentSigned: z.boolean(),
  })
  .superRefine((a, ctx) => {
    if (a.building.floorHeights.length !== a.building.floors) {
      ctx.addIssue({ code: 'custom', path: ['building', 'floorHeights'], message: `各层层高应填写 ${a.building.floors} 个（与层数一致）` });
    }
    if (a.building.footprint > a.plot.area) {
      ctx.addIssue({ code: 'custom', path: ['building', 'footprint'], message: '建筑占地面积不能大于拟用地面积' });
    }
    if (!a.household.members.some((m) => m.relation === '本人' && m.idNumber === a.applicant.idNumber)) {
      ctx.addIssue({ code: 'custom', path: ['household', 'members'], message: '家庭成员中应包含申请人本人（关系“本人”，身份证号与申请人一致）' });
    }
    if ((a.building.type === '原址翻建' || a.building.type === '改扩建') && !a.rebuild) {
      ctx.addIssue({ code: 'custom', path: ['rebuild'], message: '翻建、改扩建须填写原住宅情况（第十五条）' });
    }
    // The floors cannot hold more floor area than the footprint on every floor.
    const maxFloorArea = Math.round(a.building.footprint * a.building.floors * 100) / 100;
    if (a.building.floorArea > maxFloorArea + 0.005) {
      ctx.addIssue({
        code: 'custom',
        path: ['building', 'floorArea'],
        message: `建筑面积 ${a.building.floorArea} 平方米大于建筑占地面积 ${a.building.footprint} 平方米 × 层数 ${a.building.floors} = ${maxFloorArea} 平方米，数字前后不一致，请核对`,
      });
    }
    if (a.plot.zone === 'renewal_plan' && a.building.type === '原址翻建' && a.rebuild) {
      const missing = [
        a.rebuild.originalLegalFloorArea === undefined && ['originalLegalFloorArea', '原有合法产权建筑面积'],
        a.rebuild.originalFootprint === undefined && ['originalFootprint', '原住宅基底面积'],
        a.rebuild.withinOriginalFootprint === undefined && ['withinOriginalFootprint', '翻建住宅是否位于原基底范围内'],
      ].filter((x): x is string[] => Boolean(x));
      for (const [field, label] of missing) {
        ctx.addIssue({ code: 'custom', path: ['rebuild', field], message: `已纳入近期改造计划的村庄危房原址翻建，须填写${label}（第十条）` });
      }
    }
  });

export type HomesteadApplication = z.infer<typeof HomesteadApplicationSchema>;

/** Documents to upload with the application (第十七条). */
export const REQUIRED_DOCUMENTS = [
  { kind: 'application_form', label: '农村宅基地和建房（规划许可）申请表', cites: '第十七条第（一）项' },
  { kind: 'commitment', label: '农村宅基地使用承诺书', cites: '第十七条第（二）项' },
  { kind: 'neighbour_agreement', label: '农村建房四邻协议书', cites: '第十七条第（三）项' },
  { kind: 'meeting_minutes', label: '村民小组及村级组织会议记录', cites: '第十七条第（四）项' },
  { kind: 'household_register', label: '申请人及配偶、家庭其他成员户口本原件及复印件', cites: '第十七条第（五）项' },
  { kind: 'publicity_photos', label: '公示（会议讨论同意后公示）的影像资料', cites: '第十七条第（六）项' },
] as const;

export function homesteadJsonSchema() {
  return z.toJSONSchema(HomesteadApplicationSchema, { io: 'input' });
}
