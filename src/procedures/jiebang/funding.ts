// Funding of 揭榜挂帅 projects (承市科规〔2022〕1号 第十三–十八条) as dated
// parameters and small named functions, each result with its citation.
import { z } from 'zod';
import { gazetteValue, type ParameterDef } from '../../engine/parameters.js';
import { citeLink, citeText, type Citation } from '../../engine/rules.js';

export const JIEBANG_DOCUMENT = '承市科规〔2022〕1号';
export const cite = (article: string, item: string | null = null): Citation => ({ document: JIEBANG_DOCUMENT, article, item });

const fig = (key: string, label: string, unit: string, value: number, citation: Citation, description: string): ParameterDef => ({
  key: `jiebang.${key}`,
  label,
  unit,
  kind: 'number',
  description,
  values: [{ from: '2022-07-01', value, citation }],
});

/** 第十六条's rates and ceilings as dated parameters with their articles (src/engine/parameters.ts). Amounts in 元. */
export const JIEBANG_PARAMETERS = {
  techRate: fig('tech_breakthrough_rate', '技术攻关类支持比例', '', 0.4, cite('第十六条', '第二款'), '不超过协议约定实际支付金额的该比例（40% 记为 0.4）。'),
  techCap: fig('tech_breakthrough_cap', '技术攻关类单个项目支持上限', '元', 2_000_000, cite('第十六条', '第二款'), '单个项目最高支持额。'),
  transferRate: fig(
    'achievement_transfer_rate',
    '成果转化类支持比例',
    '',
    0.3,
    cite('第十六条', '第三款'),
    '不超过协议约定实际支付金额的该比例（30% 记为 0.3）。',
  ),
  transferCap: fig('achievement_transfer_cap', '成果转化类单个项目支持上限', '元', 1_000_000, cite('第十六条', '第三款'), '单个项目最高支持额。'),
};
const J = JIEBANG_PARAMETERS;

/** 第十六条: ceilings by project type, from the article's own figures. Amounts in 元. */
export const FUNDING = {
  tech_breakthrough: {
    label: '技术攻关类',
    rate: gazetteValue(J.techRate),
    cap: gazetteValue(J.techCap),
    recipient: 'demander',
    citation: cite('第十六条', '第二款'),
  },
  achievement_transfer: {
    label: '成果转化类',
    rate: gazetteValue(J.transferRate),
    cap: gazetteValue(J.transferCap),
    recipient: 'challenger',
    citation: cite('第十六条', '第三款'),
  },
} as const;
export type ProjectType = keyof typeof FUNDING;

const money = (label: string) =>
  z
    .number({ error: `${label}应为数字（元）` })
    .nonnegative(`${label}不能为负`)
    .max(1e11, `${label}过大`);

export const AgreementSchema = z
  .object({
    type: z.enum(['tech_breakthrough', 'achievement_transfer'], { error: '项目类型应为 tech_breakthrough（技术攻关类）或 achievement_transfer（成果转化类）' }),
    agreementAmount: money('揭榜协议约定的实际支付金额').refine((v) => v > 0, '揭榜协议约定的实际支付金额应大于 0'),
    firstPayment: money('首笔拨付金额').optional(),
    alreadyCityFunded: z.boolean().default(false),
    majorEmergency: z.boolean().default(false),
    caseByCaseAmount: money('一事一议确定的支持额度').optional(),
    demander: z.string().trim().min(1, '请填写需求方').max(100).optional(),
    challenger: z.string().trim().min(1, '请填写揭榜方').max(100).optional(),
  })
  .superRefine((a, ctx) => {
    if (a.firstPayment !== undefined && a.firstPayment > a.agreementAmount)
      ctx.addIssue({ code: 'custom', path: ['firstPayment'], message: '首笔拨付金额不能大于协议金额' });
    if (a.caseByCaseAmount !== undefined && !a.majorEmergency)
      ctx.addIssue({ code: 'custom', path: ['caseByCaseAmount'], message: '一事一议额度只适用于市委、市政府确定的重大应急性项目（majorEmergency）' });
  });
export type Agreement = z.infer<typeof AgreementSchema>;

export interface Amount {
  amount: number; // 元, rounded to the fen
  citation: Citation;
  cites: string;
  link: string;
  explanation: string;
}

const yuan = (n: number) => Math.round(n * 100) / 100;
const amount = (n: number, c: Citation, explanation: string): Amount => ({ amount: yuan(n), citation: c, cites: citeText(c), link: citeLink(c), explanation });
const fmt = (n: number) => `${(n / 10000).toLocaleString('zh-CN', { maximumFractionDigits: 4 })} 万元`;

export interface FundingResult {
  eligible: boolean;
  refusal: (Amount & { amount: 0 }) | null;
  ceiling: Amount;
  firstTranche: Amount | null;
  remainder: Amount | null;
  recipient: { party: 'demander' | 'challenger'; name: string | null; citation: Citation; cites: string; link: string; explanation: string };
}

/** The grant ceiling, first tranche, remainder and recipient of a 揭榜挂帅 project. */
export function computeFunding(a: Agreement): FundingResult {
  const f = FUNDING[a.type];
  const recipientCitation = cite('第十三条');
  const recipient = {
    party: f.recipient,
    name: (f.recipient === 'demander' ? a.demander : a.challenger) ?? null,
    citation: recipientCitation,
    cites: citeText(recipientCitation),
    link: citeLink(recipientCitation),
    explanation: f.recipient === 'demander' ? '技术攻关类项目的财政科技资金支持对象为需求方。' : '成果转化类项目的财政科技资金支持对象为揭榜方。',
  };
  if (a.alreadyCityFunded) {
    const refusal = { ...amount(0, cite('第十四条'), '已获得财政科技资金支持的项目，不得重复申报和多头申报“揭榜挂帅”项目。'), amount: 0 as const };
    return { eligible: false, refusal, ceiling: refusal, firstTranche: null, remainder: null, recipient };
  }
  let ceiling: Amount;
  if (a.majorEmergency && a.caseByCaseAmount !== undefined) {
    ceiling = amount(a.caseByCaseAmount, cite('第十七条'), `市委、市政府确定的重大应急性项目，一事一议确定支持额度 ${fmt(a.caseByCaseAmount)}。`);
  } else {
    const byRate = a.agreementAmount * f.rate;
    const capped = Math.min(byRate, f.cap);
    ceiling = amount(
      capped,
      f.citation,
      `${f.label}：不超过协议约定实际支付金额 ${fmt(a.agreementAmount)} 的 ${f.rate * 100}%（${fmt(byRate)}），单个项目最高 ${fmt(f.cap)}${byRate > f.cap ? '，按上限' : ''}。`,
    );
  }
  if (a.firstPayment === undefined) return { eligible: true, refusal: null, ceiling, firstTranche: null, remainder: null, recipient };
  const share = a.firstPayment / a.agreementAmount;
  const payer = f.recipient === 'demander' ? '需求方' : '揭榜方';
  const first = amount(
    ceiling.amount * share,
    f.citation,
    `${payer}按协议首笔拨付 ${fmt(a.firstPayment)}，占协议标的额的 ${(share * 100).toFixed(2)}%，财政资助首笔按同一比例拨付（凭首次拨付资金凭证）。`,
  );
  const rest = amount(ceiling.amount - first.amount, f.citation, '项目综合评价通过验收后，拨付剩余资助资金。');
  return { eligible: true, refusal: null, ceiling, firstTranche: first, remainder: rest, recipient };
}

/** 第十八条: what the city's money may and may not pay for. */
export const ALLOWED_USES = ['关键技术研发', '中间试验', '新产品开发', '技术标准制定'] as const;
export const FORBIDDEN_USES = ['罚款', '捐款', '赞助', '投资', '偿还债务'] as const;

export function checkUse(purpose: string): Amount & { allowed: boolean } {
  const forbidden = FORBIDDEN_USES.find((f) => purpose.includes(f));
  const c = cite('第十八条');
  return forbidden
    ? { ...amount(0, c, `财政科技支持资金不得用于支付${forbidden}。`), allowed: false }
    : { ...amount(0, c, `可用于${ALLOWED_USES.join('、')}等方面。`), allowed: true };
}

export function agreementJsonSchema() {
  return z.toJSONSchema(AgreementSchema, { io: 'input' });
}
