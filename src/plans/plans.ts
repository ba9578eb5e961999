// The plans this monitoring covers, and the few facts about them the gazette
// does not state in a form a program can read.

export interface PlanInfo {
  number: string; // 文号
  short: string; // a short name for the screens
  /**
   * The department that files figures for an indicator whose row names no
   * responsible unit. Tables print no 责任单位, so this has to be given by
   * hand; each entry cites where the plan itself assigns the monitoring.
   */
  owner: string;
  ownerBasis: string;
}

export const PLANS: PlanInfo[] = [
  { number: '承市政字〔2022〕16号', short: '生态环境保护“十四五”规划', owner: '市生态环境局', ownerBasis: '规划由市生态环境局组织编制（见政策解读）' },
  {
    number: '承市政字〔2022〕24号',
    short: '养老服务体系建设“十四五”规划',
    owner: '市民政局',
    ownerBasis: '承市政办字〔2022〕47号 三、（三）：市民政局会同有关部门建立规划实施动态监测机制',
  },
  { number: '承市政办字〔2022〕47号', short: '养老服务规划实施意见', owner: '市民政局', ownerBasis: '承市政办字〔2022〕47号 三、（三）' },
  {
    number: '承市政字〔2022〕26号',
    short: '“十四五”节能减排综合性实施方案',
    owner: '市发展改革委',
    ownerBasis: '承市政字〔2022〕26号 五、（一）：市发改委、市生态环境局统筹协调、定期调度',
  },
  { number: '承市政办字〔2022〕49号', short: '城乡社区服务体系建设“十四五”规划', owner: '市民政局', ownerBasis: '城乡社区服务由民政部门主管' },
  {
    number: '承市政办字〔2022〕50号',
    short: '全民科学素质行动规划纲要实施方案',
    owner: '市科协',
    ownerBasis: '承市政办字〔2022〕50号 三、（一）：各级科协负责综合协调工作',
  },
  {
    number: '承市政办字〔2022〕51号',
    short: '残疾预防行动计划',
    owner: '市残联',
    ownerBasis: '承市政办字〔2022〕51号 三、（三）：市政府残疾人工作委员会组织做好任务指标年度监测',
  },
  {
    number: '承市政办字〔2022〕46号',
    short: '完善科技成果评价机制实施意见',
    owner: '市科技局',
    ownerBasis: '承市政办字〔2022〕46号 五、（一）：市科技局牵头我市科技成果评价改革的组织实施、统筹指导与监督评估',
  },
  {
    number: '承市政办字〔2022〕48号',
    short: '加快发展保障性租赁住房实施意见',
    owner: '市住房和城乡建设局',
    ownerBasis:
      '承市政办字〔2022〕48号 四、（二）：市住房和城乡建设局要加强对发展保障性租赁住房工作的组织协调和督促指导，会同有关部门组织做好发展保障性租赁住房情况监测评价（全市工作由市保障性安居工程领导小组统筹协调）；附件第1段：市住房和城乡建设局牵头全市保障性租赁住房工作',
  },
];

export const PLAN_NUMBERS = PLANS.map((p) => p.number);
export const planInfo = (number: string) => PLANS.find((p) => p.number === number);

/**
 * Names that are the same quantity in different words, for comparing figures
 * across plans (e.g. 表2-1 "单位地区生产总值能源消耗降低" and 26号 "单位地区生产总值能耗比2020年下降…").
 */
export const NAME_EQUIVALENTS: [RegExp, string][] = [
  [/能源消耗/g, '能耗'],
  [/(降低|下降)$/g, ''],
  [/^全市/g, ''],
  [/好于/g, '优于'],
  // 24号 三、（一）2. prints "县级照护型特困人员供养服务设施" where its table prints "县级特困人员供养服务设施".
  [/照护型/g, ''],
  // 16号 专栏2 "新能源车辆占比" and 三、（三）3. "…清洁能源及新能源车占比".
  [/车辆/g, '车'],
];

export function matchKey(name: string): string {
  let k = name;
  for (const [re, to] of NAME_EQUIVALENTS) k = k.replace(re, to);
  return k;
}
