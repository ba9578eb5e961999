// A valid application for every procedure, with the demo account that files it: those below, or the example a
// module declares (a new procedure needs no line here).
import { REGISTRY } from '../../src/procedures/registry.js';
import { baseApplication, deepMerge } from '../../src/procedures/homestead/fixtures.js';

export const APPLICATIONS: Record<string, { filer: string; application: unknown }> = {
  homestead: { filer: 'zhangsan', application: deepMerge(baseApplication(), { applicationDate: '2026-11-02' }) },
  'homestead-transfer': {
    filer: 'zhangsan',
    application: {
      applicationDate: '2026-11-02',
      transferor: { name: '王五', idNumber: '130825196001015018', phone: '13912345678', county: '隆化县', township: '汤头沟镇', village: '大汤头沟村' },
      transferee: {
        name: '张三',
        idNumber: '130825198503152011',
        phone: '13812345678',
        village: '大汤头沟村',
        isCollectiveMember: true,
        meetsApplicationConditions: true,
      },
      plot: { certificateNo: '隆集用(2010)第0123号', area: 160, address: '大汤头沟村二组' },
      byInheritance: false,
      paid: true,
      materials: { agreement: true, paymentReceipt: true, originalCertificate: true, deedTaxReceipt: true },
    },
  },
  'homestead-reclaim': {
    filer: 'village-tgt',
    application: {
      applicationDate: '2026-11-02',
      county: '隆化县',
      township: '汤头沟镇',
      village: '大汤头沟村',
      holder: { name: '张三' },
      plot: { address: '大汤头沟村三组东侧', area: 180, approvedOn: '2024-03-20' },
      ground: 'unused_two_years',
      facts: '批准后至今未开工',
    },
  },
  'homestead-patrol': {
    filer: 'village-tgt',
    application: {
      applicationDate: '2026-11-02',
      county: '隆化县',
      township: '汤头沟镇',
      village: '大汤头沟村',
      grid: '大汤头沟村第三网格',
      patrollers: ['赵六'],
      findings: '巡查发现未批先建',
      violations: [{ type: '未批先建', location: '三组村口', party: '钱七', description: '未取得批准书擅自建房' }],
    },
  },
  jiebang: {
    filer: 'qiye-a',
    application: {
      applicationDate: '2026-11-02',
      type: 'tech_breakthrough',
      title: '高钒钛铁精矿低碳冶炼关键技术',
      demander: {
        unit: '承德钒钛新材料有限公司',
        county: '隆化县',
        registeredInChengde: true,
        independentLegalPerson: true,
        creditClean3y: true,
        contact: { name: '赵工', phone: '13712345678' },
      },
      background: '现有工艺能耗高',
      content: '攻克低碳冶炼工艺',
      keyTechnologies: [{ name: '氢基竖炉还原', indicator: '吨铁能耗下降 15%' }],
      timeLimitMonths: 24,
      rdInvestment: 12000000,
      challengerRequirements: '具有冶金工艺研发团队',
      ipOwnership: '需求方所有',
      benefitSharing: '按协议约定',
      alreadyCityFunded: false,
      conditions: { urgentNeed: true, clearTargets: true, appliesFirstInOwnEnterprise: true, fundingCapacity: true },
    },
  },
  baogan: {
    filer: 'qiye-b',
    application: {
      applicationDate: '2026-11-02',
      unit: '河北某大学科研院',
      county: '双桥区',
      title: '滦河流域土壤重金属迁移机理研究',
      kind: 'basic_research',
      leader: { name: '王芳', idNumber: '130825198706202023', phone: '13912345678' },
      members: [
        { name: '王芳', idNumber: '130825198706202023' },
        { name: '张三', idNumber: '130825198503152011' },
      ],
      grant: 300000,
      period: { from: '2026-11-02', to: '2028-11-01' },
    },
  },
};

/** A valid application of a procedure and its filer: the one above, or the module's own example. */
export function exampleFor(procedure: string): import('../../src/procedures/shared/module.js').ProcedureModule['example'] {
  return APPLICATIONS[procedure] ?? REGISTRY.module(procedure)?.example;
}
