// The demand form (第七条) and the challenger's application (第十条) of 揭榜挂帅.
import { isoDate } from '../../calendar/dates.js';
import { z } from 'zod';
import { PhoneSchema } from '../../engine/personal-data.js';

const text = (label: string, max = 2000) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}过长`);
const yes = (label: string) => z.boolean({ error: `请说明${label}` });

/** A party's standing: registration, legal personality, credit (第四–六条). */
export const PartySchema = z.object({
  unit: text('单位名称', 100),
  county: text('所在县（市、区）', 30),
  registeredInChengde: yes('是否在承德市域内注册'),
  independentLegalPerson: yes('是否具有独立法人资格'),
  creditClean3y: yes('近 3 年是否无不良信用记录或重大违法行为'),
  contact: z.object({ name: text('联系人', 30), phone: PhoneSchema }),
});

export const DemandSchema = z.object({
  applicationDate: isoDate('填报日期'),
  type: z.enum(['tech_breakthrough', 'achievement_transfer'], { error: '项目类型应为技术攻关类（tech_breakthrough）或成果转化类（achievement_transfer）' }),
  title: text('需求名称', 100),
  demander: PartySchema,
  // 第七条: the contents of a demand.
  background: text('需求背景'),
  content: text('需求内容'),
  keyTechnologies: z.array(z.object({ name: text('关键技术', 200), indicator: text('技术指标', 500) })).min(1, '请至少填写一项拟解决的关键技术及其指标'),
  transferForm: z.string().trim().max(2000).default(''),
  timeLimitMonths: z.number({ error: '时限要求应为月数' }).int().min(1, '时限至少 1 个月').max(120),
  rdInvestment: z.number({ error: '项目研发投入应为数字（元）' }).nonnegative().max(1e11),
  challengerRequirements: text('对揭榜方的要求'),
  ipOwnership: text('知识产权归属'),
  benefitSharing: text('利益分配'),
  alreadyCityFunded: yes('该项目是否已获得市级财政科技资金支持'),
  // 第五条第（一）项 / 第六条第（一）项: the demander's own conditions, declared.
  conditions: z.object({
    urgentNeed: z.boolean().default(false),
    clearTargets: z.boolean().default(false),
    appliesFirstInOwnEnterprise: z.boolean().default(false),
    fundingCapacity: z.boolean().default(false),
    ownsIP: z.boolean().default(false),
    stableTeam: z.boolean().default(false),
  }),
});
export type Demand = z.infer<typeof DemandSchema>;

export const ChallengeSchema = z.object({
  party: PartySchema,
  equityRelationWithDemander: yes('与需求方是否有股权关联关系'),
  plan: text('项目实施方案（摘要）', 5000),
  // 第五条第（二）项 / 第六条第（二）项
  ownIP: z.boolean().default(false),
  stableTeam: z.boolean().default(false),
  fundsSiteMarket: z.boolean().default(false),
});
export type Challenge = z.infer<typeof ChallengeSchema>;
