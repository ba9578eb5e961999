// 科研经费使用“包干制” (承市科规〔2022〕2号): no budget, six expense categories,
// and the nine-item negative list (五、（一）–（九）), each item a named rule.
import { z } from 'zod';
import { IdNumberSchema } from '../../engine/personal-data.js';
import type { Citation, Rule } from '../../engine/rules.js';

export const BAOGAN_DOCUMENT = '承市科规〔2022〕2号';
export const bcite = (section: string, item: string | null = null): Citation => ({ document: BAOGAN_DOCUMENT, article: section, item });

/** 四、: the six categories expenses are recorded under. */
export const EXPENSE_CATEGORIES = {
  equipment: { label: '设备费', citation: bcite('四、', '（一）') },
  business: { label: '业务费', citation: bcite('四、', '（二）') },
  labour: { label: '劳务费', citation: bcite('四、', '（三）') },
  performance: { label: '绩效支出', citation: bcite('四、', '（四）') },
  management: { label: '管理费用', citation: bcite('四、', '（五）') },
  other: { label: '其他', citation: bcite('四、', '（六）') },
} as const;
type Category = keyof typeof EXPENSE_CATEGORIES;

/** What an expense is for, as declared and checked by the unit's finance office. */
export const EXPENSE_NATURES = {
  research: '科研业务支出',
  fine: '罚款',
  donation: '捐款',
  sponsorship: '赞助',
  investment: '投资',
  personal: '个人及家庭负担的支出',
  unrelated: '与本项目无关的支出',
  other_forbidden: '法律法规和政策文件明确不得开支的内容',
} as const;

export const ProjectMemberSchema = z.object({ name: z.string().trim().min(1, '请填写成员姓名').max(30).meta({ title: '姓名' }), idNumber: IdNumberSchema });

export const ExpenseSchema = z.object({
  category: z.enum(Object.keys(EXPENSE_CATEGORIES) as [Category, ...Category[]], {
    error: '支出科目应为：设备费、业务费、劳务费、绩效支出、管理费用、其他（equipment/business/labour/performance/management/other）',
  }),
  amount: z.number({ error: '金额应为数字（元）' }).positive('金额应大于 0').max(1e9, '金额过大'),
  description: z.string().trim().min(2, '请填写支出内容').max(500),
  nature: z.enum(Object.keys(EXPENSE_NATURES) as [keyof typeof EXPENSE_NATURES, ...(keyof typeof EXPENSE_NATURES)[]], { error: '请选择支出性质' }),
  payee: z.string().trim().min(1, '请填写收款方').max(100),
  /** For 劳务费: the payee's ID number, matched against the project members. */
  payeeIdNumber: IdNumberSchema.optional(),
  /**
   * 四、（三）: 劳务费 is paid either to the people working on the project (研究生、博士后、访问学者、科研辅助人员…)
   * or, as 专家咨询费, to a temporarily engaged consulting expert from outside the project.
   */
  labourKind: z
    .enum(['personnel', 'consulting_expert'], { error: '劳务费类型应为 personnel（项目研究及辅助人员）或 consulting_expert（临时聘请的咨询专家）' })
    .default('personnel'),
  invoiceGenuine: z.boolean({ error: '请说明票据、合同是否真实' }),
  viaCooperation: z.boolean().default(false),
  cooperationGenuine: z.boolean().default(true),
  divertedFromProject: z.boolean().default(false),
});
export type Expense = z.infer<typeof ExpenseSchema>;

export interface ExpenseContext {
  members: { name: string; idNumber: string }[];
}

type R = Rule<{ expense: Expense; project: ExpenseContext }>;

/** The project member a labour payee is, by ID number when given (names are not unique), else by name. */
export function memberOf(e: Expense, p: ExpenseContext) {
  return e.payeeIdNumber ? p.members.find((m) => m.idNumber === e.payeeIdNumber) : p.members.find((m) => m.name === e.payee);
}
const personnelFee = (e: Expense) => e.category === 'labour' && e.labourKind === 'personnel';
const namedButOther = (e: Expense, p: ExpenseContext) =>
  Boolean(e.payeeIdNumber && p.members.some((m) => m.name === e.payee && m.idNumber !== e.payeeIdNumber));

/** 四、（三）: 专家咨询费不得支付给参与项目及其项目管理相关的工作人员 — and may be paid to an outside expert. */
export const CONSULTING_FEE_NOT_TO_TEAM: R = {
  id: 'consulting_fee_not_to_team',
  citation: bcite('四、', '（三）'),
  summary: '劳务费可以支付给临时聘请的咨询专家；专家咨询费不得支付给参与项目及其项目管理相关的工作人员。',
  check: ({ expense: e, project: p }) => {
    if (e.category !== 'labour' || e.labourKind !== 'consulting_expert') return null;
    const member = memberOf(e, p) ?? p.members.find((m) => m.name === e.payee);
    return member
      ? { outcome: 'fail', message: `专家咨询费付给 ${e.payee}，其是本项目成员；专家咨询费不得支付给参与项目及其项目管理相关的工作人员。` }
      : { outcome: 'pass', message: `支付给临时聘请的咨询专家 ${e.payee}（非项目成员）的专家咨询费，属劳务费开支范围。` };
  },
};
const neg = (n: string, id: string, summary: string, check: (e: Expense, p: ExpenseContext) => string | null): R => ({
  id,
  citation: bcite('五、', `（${n}）`),
  summary,
  check: ({ expense, project }) => {
    const why = check(expense, project);
    return why ? { outcome: 'fail', message: why } : null;
  },
});

/** 五、实行经费使用负面清单管理 — one rule per item. A rule reports only when the expense falls under it. */
export const NEGATIVE_LIST: R[] = [
  neg('一', 'no_false_documents', '不得虚构经济业务、编造虚假合同、使用虚假票据套取资金。', (e) =>
    e.invoiceGenuine ? null : '票据或合同不真实，属虚构经济业务、使用虚假票据套取资金。',
  ),
  neg('二', 'no_cooperation_siphoning', '不得通过合作、协作经费方式套取资金。', (e) =>
    e.viaCooperation && !e.cooperationGenuine ? '以合作、协作经费名义转出资金而无真实合作内容。' : null,
  ),
  neg('三', 'no_labour_fee_siphoning', '不得以发放劳务费名义套取资金。', (e, p) =>
    personnelFee(e) && !memberOf(e, p) && !namedButOther(e, p) ? `以劳务费名义付给 ${e.payee}，其不在项目人员名单上，属以发放劳务费名义套取资金。` : null,
  ),
  neg('四', 'no_unrelated_spending', '不得用于与本科研项目无关的支出。', (e) => (e.nature === 'unrelated' ? '支出与本科研项目无关。' : null)),
  neg('五', 'no_personal_spending', '不得用于应由个人及家庭负担的支出。', (e) => (e.nature === 'personal' ? '属应由个人及家庭负担的支出。' : null)),
  neg('六', 'no_fake_labour_roster', '不得虚列、伪造名单，虚报冒领劳务费。', (e, p) => {
    if (!personnelFee(e)) return null;
    if (namedButOther(e, p)) return `劳务费领取人 ${e.payee} 的身份证号与项目成员名单上的同名成员不符，属虚列、冒领劳务费。`;
    return memberOf(e, p) ? null : `劳务费领取人 ${e.payee} 不在项目成员名单上，属虚列名单、虚报冒领劳务费。`;
  }),
  neg('七', 'no_diversion', '不得截留、挪用、侵占科研经费。', (e) => (e.divertedFromProject ? '经费被截留、挪用或侵占。' : null)),
  neg('八', 'no_fines_donations', '不得使用科研经费支付各种罚款、捐款、赞助、投资。', (e) =>
    ['fine', 'donation', 'sponsorship', 'investment'].includes(e.nature) ? `不得用科研经费支付${EXPENSE_NATURES[e.nature]}。` : null,
  ),
  neg('九', 'no_other_forbidden', '其他法律、法规以及政策文件明确不得开支的内容。', (e) =>
    e.nature === 'other_forbidden' ? '属法律、法规以及政策文件明确不得开支的内容。' : null,
  ),
];

/** The commitment letter of the annex (项目负责人承诺书), as printed. */
export const COMMITMENT_TEXT = [
  '本人郑重承诺：在承德市市级基础研究项目执行过程中，',
  '（一）尊重科研规律，弘扬科学家精神，严谨求实，追求卓越；',
  '（二）遵守科研诚信和科研伦理规范，认真开展科学研究；',
  '（三）项目经费全部用于与本项目研究工作相关的支出，不用于与科学研究无关的支出，不截留、挪用、侵占项目经费；',
  '（四）项目结题时，同意在单位内部公开项目经费决算、项目科技报告和项目验收自我评价报告，接受监督。',
  '如违背上述承诺，本人愿接受承德市科学技术局和相关部门做出的各项处理决定。',
].join('\n');
