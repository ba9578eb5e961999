// 揭榜挂帅 (承市科规〔2022〕1号) as a procedure module: the public 榜单, the funding calculator and the payment ledger are its own routes.
import { InputError } from '../../engine/assess.js';
import type { ProcedureModule } from '../shared/module.js';
import { COUNTY_SCIENCE, EXPERT, SCIENCE_BUREAU } from '../shared/science-roles.js';
import { AgreementSchema, agreementJsonSchema, computeFunding } from './funding.js';
import { jiebangProcedure } from './procedure.js';
import { jiebangRoutes } from './routes.js';

export const jiebangModule: ProcedureModule = {
  definition: jiebangProcedure,
  roles: [SCIENCE_BUREAU, COUNTY_SCIENCE, EXPERT],
  demoUsers: [
    { username: 'kjj', password: 'demo-science', displayName: '演示·承德市科学技术局', role: 'science_bureau', unit: '承德市科学技术局' },
    {
      username: 'kj-longhua',
      password: 'demo-science',
      displayName: '演示·隆化县科技管理部门',
      role: 'county_science',
      county: '隆化县',
      unit: '隆化县科学技术和工业信息化局',
    },
    {
      username: 'qiye-a',
      password: 'demo-enterprise',
      displayName: '演示·承德钒钛新材料有限公司',
      role: 'enterprise',
      county: '隆化县',
      unit: '承德钒钛新材料有限公司',
    },
    { username: 'qiye-b', password: 'demo-enterprise', displayName: '演示·河北某大学科研院', role: 'enterprise', county: '双桥区', unit: '河北某大学科研院' },
    { username: 'expert', password: 'demo-expert', displayName: '演示·评审专家王教授', role: 'expert', unit: '专家库' },
  ],
  routes: jiebangRoutes,
  cliName: 'jiebang',
  cli: {
    schema: {
      usage: 'zhengwu jiebang schema                     输出揭榜协议（资助计算输入）的 JSON Schema',
      run: async () => {
        process.stdout.write(JSON.stringify(agreementJsonSchema(), null, 2) + '\n');
        return 0;
      },
    },
    funding: {
      usage: 'zhengwu jiebang funding AGREEMENT.json [--json]  揭榜挂帅资助：上限、首笔、余额、支持对象（承市科规〔2022〕1号）',
      run: async (args, flags, io) => {
        const parsed = AgreementSchema.safeParse(io.readJson(args[0]));
        if (!parsed.success) throw InputError.fromZod(parsed.error);
        const r = computeFunding(parsed.data);
        if (flags.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
        else {
          if (r.refusal) console.log(`不予支持：${r.refusal.explanation}（${r.refusal.cites}）`);
          console.log(`资助上限：${r.ceiling.amount} 元 — ${r.ceiling.explanation}（${r.ceiling.cites}）`);
          if (r.firstTranche) console.log(`首笔拨付：${r.firstTranche.amount} 元 — ${r.firstTranche.explanation}`);
          if (r.remainder) console.log(`验收后拨付：${r.remainder.amount} 元 — ${r.remainder.explanation}`);
          console.log(
            `支持对象：${r.recipient.name ?? (r.recipient.party === 'demander' ? '需求方' : '揭榜方')} — ${r.recipient.explanation}（${r.recipient.cites}）`,
          );
        }
        return 0;
      },
    },
  },
  ui: {
    summary: '企业发布关键核心技术需求，揭榜攻关，市科技局评审、公示、拨付资助',
    page: '/jiebang',
    intakePage: '/jiebang/new',
    group: '科技',
    // The 专家审核论证 step waits on the bureau; experts score the demands in it.
    landing: { expert: '/cases?procedure=jiebang&state=expert_review' },
  },
};
