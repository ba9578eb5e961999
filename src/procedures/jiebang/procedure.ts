// 揭榜挂帅 (承市科规〔2022〕1号) as a procedure on the engine: demand → county
// recommendation → expert review → 榜单 → challengers apply → matching (one
// partner, or 赛马制) → expert approval and a 5-day public notice → agreement and
// 计划任务书 → implementation with funding, extension, termination or revocation,
// acceptance and the final payment.
import { z } from 'zod';
import { STAY, type ActionContext, type ActionDef, type CaseViewForRedaction, type ProcedureDefinition, type Role } from '../../engine/procedure.js';
import { evaluate } from '../../engine/rules.js';
import { addDays, addMonths, isoDate } from '../../calendar/dates.js';
import { ChallengeSchema, DemandSchema, type Challenge, type Demand } from './form.js';
import { CONDUCTS, EVALUATION_DOCUMENT, INTEGRITY, recordsAgainst } from '../research-integrity/index.js';
import { checkUse, cite, computeFunding, FUNDING, JIEBANG_DOCUMENT, JIEBANG_PARAMETERS } from './funding.js';
import { challengeFindings, JIEBANG_RULES_2022 } from './rules.js';

type Ctx = ActionContext<Demand>;
type Act = ActionDef<Demand>;

export interface ChallengerRecord {
  userId: number;
  unit: string;
  appliedOn: string;
  challenge: Challenge;
  findings: ReturnType<typeof challengeFindings>;
  status: 'applied' | 'negotiating' | 'racing' | 'winner' | 'eliminated';
}
interface Payment {
  kind: 'first' | 'remainder';
  date: string;
  amount: number;
  recipient: string;
  cites: string;
}
interface Data {
  scores?: { expert: string; expertId: number; score: number; declaration: string; date: string }[];
  challengers?: ChallengerRecord[];
  winner?: { userId: number; unit: string };
  agreement?: { agreementAmount: number; projectName: string; signedOn?: string; caseByCaseAmount?: number };
  fundUses?: { date: string; purpose: string; amount: number }[];
  taskBook?: { startDate: string; endDate: string; indicators: { name: string; value: number; higherIsBetter: boolean }[] };
  firstPayment?: { amount: number; voucher: string; date: string; payer: string };
  payments?: Payment[];
  extension?: { requestedOn: string; months: number; reason: string; granted?: boolean; newEndDate?: string };
  /** Every extension request with its outcome; only a granted one is "the one extension" (第二十三条). */
  extensionRequests?: { requestedOn: string; months: number; reason: string; granted?: boolean; decidedOn?: string }[];
  race?: { started: string; challengers: number[] };
}
const D = (c: Ctx) => c.data as Data;
const reason = z.string({ error: '请填写理由' }).trim().min(2, '请填写理由（至少 2 个字）').max(2000);
const date = (label: string) => isoDate(label);
/** The last day of a term of N months starting on `start` (a 3-year term from 2026-10-01 ends 2029-09-30). */
const termEnd = (start: string, n: number) => addDays(addMonths(start, n), -1);
const paid = (c: Ctx) => (D(c).payments ?? []).reduce((s, p) => s + p.amount, 0);
const challengerById = (c: Ctx, id: number) => (D(c).challengers ?? []).find((x) => x.userId === id);
/** Unit names compared as printed, whatever the spacing. */
/** 近 3 年无不良信用记录 (第五条、第六条), as the 科研诚信 records show it. */
const integrityRefusal = (unit: string, records: { id: string; record: { decidedOn: string; conduct: keyof typeof CONDUCTS } }[]) =>
  `“${unit}”近 3 年内有科研诚信失信记录（${records.map((r) => `${r.id}：${r.record.decidedOn} ${CONDUCTS[r.record.conduct]}`).join('；')}），不符合“近 3 年无不良信用记录”的条件（${JIEBANG_DOCUMENT} 第五条、第六条；${EVALUATION_DOCUMENT} 三、（二））。`;

export const sameUnit = (a: string | null | undefined, b: string | null | undefined) => Boolean(a && b && a.replace(/\s/g, '') === b.replace(/\s/g, ''));
/** A demand that fails a rule (e.g. 第十四条: already funded) is not put on a public list. */
const listable = (c: Ctx): string | null => {
  const fails = c.assessment().findings.filter((f) => f.outcome === 'fail');
  return fails.length ? `不符合发榜条件，不能列入榜单：${fails.map((f) => `${f.message}（${f.cites}）`).join('；')}` : null;
};
const withStatus = (c: Ctx, f: (x: ChallengerRecord) => ChallengerRecord['status']) => (D(c).challengers ?? []).map((x) => ({ ...x, status: f(x) }));
const funding = (c: Ctx) => {
  const a = D(c).agreement!;
  return computeFunding({
    type: c.application.type,
    agreementAmount: a.agreementAmount,
    firstPayment: D(c).firstPayment?.amount,
    alreadyCityFunded: c.application.alreadyCityFunded,
    majorEmergency: a.caseByCaseAmount !== undefined,
    caseByCaseAmount: a.caseByCaseAmount,
    demander: c.application.demander.unit,
    challenger: D(c).winner?.unit,
  });
};

/**
 * Confidentiality between the parties (第十条、第十二条): a challenger sees its own application only; the demander
 * and the officials who examine the plans see all; the experts' identities and individual scores stay with the
 * science bureau (an expert sees its own). Applied to the record and to every timeline event's data.
 */
export function redactJiebang<V extends CaseViewForRedaction>(view: V, viewer: { id: number; role: Role; isOwner: boolean }): V {
  if (viewer.role === 'science_bureau' || viewer.role === 'admin') return view;
  const seesAllChallengers = viewer.isOwner || viewer.role === 'expert' || viewer.role === 'county_science';
  const scrub = (r: any): any => {
    if (!r || typeof r !== 'object' || Array.isArray(r)) return r;
    const out = { ...r };
    if (Array.isArray(out.challengers) && !seesAllChallengers) out.challengers = out.challengers.filter((x: ChallengerRecord) => x.userId === viewer.id);
    if (Array.isArray(out.scores)) {
      out.scores = out.scores.map((s: NonNullable<Data['scores']>[number], i: number) =>
        viewer.role === 'expert' && s.expertId === viewer.id
          ? s
          : { expert: `评审专家 ${i + 1}`, date: s.date, ...(viewer.role === 'expert' ? { score: s.score } : {}) },
      );
    }
    return out;
  };
  return {
    ...view,
    record: scrub(view.record),
    timeline: view.timeline.map((e) =>
      e.role === 'expert' ? { ...e, actor: '评审专家', data: viewer.role === 'expert' ? scrub(e.data) : {} } : { ...e, data: scrub(e.data) },
    ),
  };
}

export const JIEBANG_ACTIONS: Act[] = [
  // 第七条第二款: the county science office recommends local demands.
  {
    id: 'recommend',
    label: '县级科技管理部门推荐',
    from: ['recommendation'],
    roles: ['county_science'],
    citation: cite('第七条', '第二款'),
    to: 'expert_review',
    record: (c) => ({ recommendedOn: c.date, recommendedBy: c.actor.unit }),
  },
  {
    id: 'decline_recommendation',
    label: '不予推荐',
    from: ['recommendation'],
    roles: ['county_science'],
    citation: cite('第七条', '第二款'),
    payload: z.object({ reason }),
    to: 'not_selected',
    record: (_c, p) => ({ notRecommended: p.reason }),
  },
  // 第八条: expert review, each expert declaring conflicts of interest.
  {
    id: 'score',
    label: '专家评审打分（声明利益冲突）',
    from: ['expert_review'],
    roles: ['expert'],
    citation: cite('第八条'),
    payload: z.object({
      score: z.number().min(0, '分数为 0–100').max(100, '分数为 0–100'),
      conflictOfInterest: z.boolean({ error: '请声明是否存在利益冲突' }),
      declaration: z.string().trim().min(2, '请填写利益冲突声明').max(1000),
      opinion: z.string().trim().max(2000).optional(),
    }),
    guard: (c, p) =>
      p.conflictOfInterest ? '存在利益冲突的专家应当回避，不能评分。' : (D(c).scores ?? []).some((s) => s.expertId === c.actor.id) ? '您已评过分。' : null,
    to: STAY,
    record: (c, p) => ({
      scores: [
        ...(D(c).scores ?? []),
        { expert: c.actor.name, expertId: c.actor.id, score: p.score, declaration: p.declaration, opinion: p.opinion ?? null, date: c.date },
      ],
    }),
  },
  {
    id: 'conclude_review',
    decides: true,
    label: '审核论证结论',
    from: ['expert_review'],
    roles: ['science_bureau'],
    citation: cite('第八条'),
    payload: z.object({ selected: z.boolean({ error: '请说明是否入选' }), note: z.string().trim().max(2000).optional() }),
    guard: (c, p) => ((D(c).scores ?? []).length === 0 ? '至少须有一名专家完成评审。' : p.selected ? listable(c) : null),
    to: (_c, p) => (p.selected ? 'listing' : 'not_selected'),
    next: ['listing', 'not_selected'],
    record: (c, p) => ({
      review: {
        date: c.date,
        selected: p.selected,
        averageScore: Math.round(((D(c).scores ?? []).reduce((s, x) => s + x.score, 0) / (D(c).scores ?? []).length) * 10) / 10,
        note: p.note ?? null,
      },
    }),
  },
  // 第九条: the 榜单 is published.
  {
    id: 'publish_list',
    decides: true,
    label: '商需求方确定并发布榜单',
    from: ['listing'],
    roles: ['science_bureau'],
    citation: cite('第九条'),
    payload: z.object({ deadline: date('揭榜截止日期') }),
    guard: (c, p) => (p.deadline <= c.date ? `揭榜截止日期（${p.deadline}）应晚于发布日期（${c.date}）。` : listable(c)),
    to: 'open',
    record: (c, p) => ({ listing: { publishedOn: c.date, deadline: p.deadline } }),
  },
  // 第十条: anyone qualified applies with an implementation plan.
  {
    id: 'apply',
    label: '揭榜申报（提交实施方案）',
    from: ['open'],
    roles: ['enterprise'],
    actorIs: 'anyone',
    joinsAsParty: 'challenger',
    citation: cite('第十条'),
    payload: ChallengeSchema,
    // The 科研诚信 records (承市政办字〔2022〕46号 三、（二）), read again under the write lock.
    related: () => ({ procedure: INTEGRITY, states: ['recorded'] }),
    guard: (c, p: Challenge) => {
      if (challengerById(c, c.actor.id)) return '您已申报过该榜单。';
      // 第四条 is judged on the account's unit, never on a typed name.
      if (!c.actor.unit) return '您的账户未登记所属单位，不能揭榜；请联系管理员登记单位。';
      if (!sameUnit(p.party.unit, c.actor.unit)) return `揭榜单位以登录账户所属单位为准：您的账户属于“${c.actor.unit}”，申报书填写的是“${p.party.unit}”。`;
      const records = recordsAgainst(c.related, c.actor.unit, c.date);
      if (records.length) return integrityRefusal(c.actor.unit, records);
      if (c.ownerId === c.actor.id) return `揭榜方不能与需求方为同一单位（${JIEBANG_DOCUMENT} 第四条）：本榜单由您的账户发布需求。`;
      const deadline = (c.data.listing as { deadline: string } | undefined)?.deadline;
      if (deadline && c.date > deadline) return `揭榜截止日期（${deadline}）已过。`;
      const fails = challengeFindings(c.application, p).filter((f) => f.outcome === 'fail');
      return fails.length ? `不符合揭榜条件：${fails.map((f) => `${f.cites}（${f.message}）`).join('；')}` : null;
    },
    to: STAY,
    record: (c, p: Challenge) => ({
      challengers: [
        ...(D(c).challengers ?? []),
        {
          userId: c.actor.id,
          unit: c.actor.unit ?? p.party.unit,
          appliedOn: c.date,
          challenge: p,
          findings: challengeFindings(c.application, p),
          status: 'applied',
        },
      ],
    }),
  },
  {
    id: 'close_applications',
    label: '截止揭榜，组织对接',
    from: ['open'],
    roles: ['science_bureau'],
    citation: cite('第十一条'),
    guard: (c) => ((D(c).challengers ?? []).length === 0 ? '尚无揭榜申报，不能进入对接。' : null),
    to: 'matching',
    record: (c) => ({ applicationsClosed: c.date }),
  },
  // 第十一条: one partner, or 赛马制 with the consent of the demander and the challengers.
  {
    id: 'agree_single',
    label: '达成合作意向（唯一揭榜方）',
    from: ['matching'],
    roles: ['science_bureau'],
    citation: cite('第十一条'),
    payload: z.object({
      challengerUserId: z.number().int(),
      projectName: z.string().trim().min(2, '请填写项目名称').max(200),
      agreementAmount: z.number().positive('研发标的额应大于 0'),
    }),
    guard: (c, p) => (challengerById(c, p.challengerUserId) ? null : '该单位没有揭榜申报。'),
    to: 'plan_approval',
    record: (c, p) => ({
      winner: { userId: p.challengerUserId, unit: challengerById(c, p.challengerUserId)!.unit },
      agreement: { projectName: p.projectName, agreementAmount: p.agreementAmount },
      challengers: withStatus(c, (x) => (x.userId === p.challengerUserId ? 'winner' : 'eliminated')),
    }),
  },
  {
    id: 'start_race',
    label: '启动“赛马制”（平行攻关）',
    from: ['matching'],
    roles: ['science_bureau'],
    citation: cite('第十一条', '第二款'),
    payload: z.object({
      challengerUserIds: z.array(z.number().int()).min(2, '赛马制须至少两家揭榜方'),
      demanderConsents: z.literal(true, { error: '须征得需求方同意' }),
      challengersConsent: z.literal(true, { error: '须征得各揭榜方同意' }),
    }),
    guard: (c, p) => (p.challengerUserIds.every((id: number) => challengerById(c, id)) ? null : '参赛单位须为已揭榜申报的单位。'),
    to: 'racing',
    record: (c, p) => ({
      race: { started: c.date, challengers: p.challengerUserIds },
      challengers: withStatus(c, (x) => (p.challengerUserIds.includes(x.userId) ? 'racing' : 'eliminated')),
    }),
  },
  {
    // 以最先达标的揭榜方为优胜者，其余揭榜方自动淘汰.
    id: 'declare_race_winner',
    label: '最先达标者胜出（其余自动淘汰）',
    from: ['racing'],
    roles: ['science_bureau'],
    citation: cite('第十一条', '第二款'),
    payload: z.object({
      challengerUserId: z.number().int(),
      metTargetOn: date('达标日期'),
      projectName: z.string().trim().min(2).max(200),
      agreementAmount: z.number().positive('研发标的额应大于 0'),
    }),
    guard: (c, p) =>
      !D(c).race?.challengers.includes(p.challengerUserId) ? '该单位不在赛马名单中。' : p.metTargetOn > c.date ? '达标日期不能晚于今天。' : null,
    to: 'plan_approval',
    record: (c, p) => ({
      winner: { userId: p.challengerUserId, unit: challengerById(c, p.challengerUserId)!.unit, metTargetOn: p.metTargetOn },
      agreement: { projectName: p.projectName, agreementAmount: p.agreementAmount },
      challengers: withStatus(c, (x) => (x.userId === p.challengerUserId ? 'winner' : 'eliminated')),
    }),
  },
  // 第十二条: experts approve the plan and agreement; a 5-day public notice.
  {
    id: 'approve_plan',
    decides: true,
    label: '专家审定实施方案和揭榜协议，公示拟支持项目',
    from: ['plan_approval'],
    roles: ['science_bureau'],
    citation: cite('第十二条'),
    // 第十七条: a major emergency project decided by the city gets an amount decided case by case.
    payload: z.object({
      caseByCaseAmount: z
        .number()
        .positive('一事一议额度应大于 0')
        .optional()
        .meta({ title: '一事一议资助额度', 'x-unit': '元', description: '重大应急攻关项目，由市政府一事一议（第十七条）' }),
      cityDecision: z.string().trim().max(200).optional().meta({ title: '市政府决定（文号）' }),
    }),
    guard: (_c, p) => (p.caseByCaseAmount !== undefined && !p.cityDecision ? '一事一议须注明市委、市政府的决定（文号或会议纪要）。' : null),
    to: 'publicity',
    record: (c, p) => ({
      publicityStarted: c.date,
      ...(p.caseByCaseAmount !== undefined ? { agreement: { ...D(c).agreement!, caseByCaseAmount: p.caseByCaseAmount, cityDecision: p.cityDecision } } : {}),
    }),
  },
  {
    id: 'reject_plan',
    label: '实施方案未通过审定',
    from: ['plan_approval'],
    roles: ['science_bureau'],
    citation: cite('第十二条'),
    payload: z.object({ reason }),
    to: 'not_selected',
    record: (_c, p) => ({ planRejected: p.reason }),
  },
  {
    id: 'end_publicity',
    label: '公示期满',
    from: ['publicity'],
    roles: ['science_bureau'],
    citation: cite('第十二条'),
    payload: z.object({ objections: z.enum(['none', 'not_upheld', 'upheld'], { error: '请选择公示结果' }) }),
    // "向社会公示 5 天": five calendar days counted from the day after publication (the state's minimum limit, enforced by the engine).
    endsPeriod: true,
    to: (_c, p) => (p.objections === 'upheld' ? 'not_selected' : 'signing'),
    next: ['not_selected', 'signing'],
    record: (c, p) => ({ publicity: { from: c.enteredOn, to: c.date, days: c.daysSinceEntered, objections: p.objections } }),
  },
  {
    id: 'sign_agreement',
    label: '需求方与揭榜方正式签订揭榜协议',
    from: ['signing'],
    roles: ['enterprise'],
    citation: cite('第十二条'),
    to: 'task_book',
    record: (c) => ({ agreement: { ...D(c).agreement!, signedOn: c.date } }),
  },
  {
    id: 'issue_task_book',
    decides: true,
    label: '签订计划任务书，发布揭榜公告',
    from: ['task_book'],
    roles: ['science_bureau'],
    citation: cite('第十二条'),
    payload: z.object({
      startDate: date('开始日期'),
      endDate: date('结束日期'),
      indicators: z.array(z.object({ name: z.string().trim().min(1), value: z.number(), higherIsBetter: z.boolean().default(true) })).min(1, '请填写考核指标'),
    }),
    guard: (_c, p) =>
      p.endDate <= p.startDate
        ? '结束日期应晚于开始日期。'
        : p.endDate > termEnd(p.startDate, 36)
          ? `实施期至 ${p.endDate}，超过 3 年（自 ${p.startDate} 起 3 年至 ${termEnd(p.startDate, 36)}，第二十一条）。`
          : null,
    to: 'in_progress',
    record: (c, p) => ({ taskBook: p, announcedOn: c.date, taskBookSignatory: FUNDING[c.application.type].recipient === 'demander' ? '需求方' : '揭榜方' }),
  },
  // 第十六条: the first tranche follows the first payment between the parties, in proportion, with its voucher.
  {
    id: 'record_first_payment',
    label: '登记首笔拨付（凭证）',
    from: ['in_progress'],
    roles: ['enterprise'],
    actorIs: 'party',
    citation: cite('第十六条'),
    payload: z.object({ amount: z.number().positive('金额应大于 0'), voucher: z.string().trim().min(2, '请填写拨付凭证编号') }),
    guard: (c, p) => {
      if (D(c).firstPayment) return '首笔拨付已登记。';
      if (!D(c).agreement || !D(c).winner) return '尚未确定揭榜方并约定研发标的额，不能登记首笔拨付。';
      const payerIsWinner = FUNDING[c.application.type].recipient === 'demander'; // 技术攻关: the demander pays the challenger
      const isWinner = D(c).winner?.userId === c.actor.id;
      if (payerIsWinner ? isWinner : !isWinner)
        return payerIsWinner ? '技术攻关类项目的首笔资金由需求方拨付给揭榜方。' : '成果转化类项目的首笔资金由揭榜方拨付给需求方。';
      return p.amount > D(c).agreement!.agreementAmount ? '首笔拨付金额不能大于协议标的额。' : null;
    },
    to: STAY,
    record: (c, p) => ({ firstPayment: { ...p, date: c.date, payer: c.actor.unit ?? c.actor.name } }),
  },
  {
    id: 'pay_first_tranche',
    decides: true,
    label: '拨付首笔财政资助',
    from: ['in_progress'],
    roles: ['science_bureau'],
    citation: cite('第十六条'),
    guard: (c) => {
      if (!D(c).firstPayment) return '须先登记双方首笔拨付及凭证。';
      if ((D(c).payments ?? []).some((p) => p.kind === 'first')) return '首笔资助已拨付。';
      const f = funding(c);
      return f.eligible ? null : `不予拨付：${f.refusal!.explanation}（${f.refusal!.cites}）`;
    },
    to: STAY,
    record: (c) => {
      const f = funding(c);
      return {
        payments: [
          ...(D(c).payments ?? []),
          {
            kind: 'first',
            date: c.date,
            amount: f.firstTranche!.amount,
            recipient: f.recipient.name ?? f.recipient.party,
            cites: f.firstTranche!.cites,
            explanation: f.firstTranche!.explanation,
            ceiling: f.ceiling.amount,
            ceilingCites: f.ceiling.cites,
          },
        ],
      };
    },
  },
  // 第二十三条: at least 3 months before the end, at most 1 year, once.
  {
    id: 'request_extension',
    label: '申请延期',
    from: ['in_progress'],
    roles: ['enterprise'],
    actorIs: 'party',
    citation: cite('第二十三条'),
    payload: z.object({
      months: z.number().int().min(1).max(12, '延长期限不得超过 1 年'),
      reason,
      demanderAgrees: z.literal(true, { error: '须与需求方达成一致意见' }),
      forceMajeure: z.literal(true, { error: '延期须因不可抗力' }),
    }),
    guard: (c) => {
      // Only a granted extension counts as "the one extension"; a refused request leaves the way open.
      if (!D(c).taskBook) return '尚未签订计划任务书，没有可延长的执行期。';
      const granted = D(c).extension?.granted === true ? D(c).extension : undefined;
      if (granted) return `最多延期 1 次：本项目已于 ${granted.requestedOn} 申请并获准延期至 ${granted.newEndDate}（${JIEBANG_DOCUMENT} 第二十三条）。`;
      const end = D(c).taskBook!.endDate;
      const latest = addMonths(end, -3);
      return c.date > latest
        ? `须在项目执行期结束（${end}）前 3 个月，即 ${latest} 前向市科技局申请延期；${c.date} 申请已晚（${JIEBANG_DOCUMENT} 第二十三条）。`
        : null;
    },
    to: 'extension_review',
    record: (c, p) => ({
      extension: { requestedOn: c.date, months: p.months, reason: p.reason },
      extensionRequests: [...(D(c).extensionRequests ?? []), { requestedOn: c.date, months: p.months, reason: p.reason }],
    }),
  },
  {
    id: 'decide_extension',
    label: '审批延期',
    from: ['extension_review'],
    roles: ['science_bureau'],
    citation: cite('第二十三条'),
    payload: z.object({ granted: z.boolean() }),
    guard: (c) => (!D(c).extension || D(c).extension!.granted !== undefined || !D(c).taskBook ? '没有待审批的延期申请。' : null),
    to: 'in_progress',
    record: (c, p) => {
      const ext = D(c).extension!;
      const tb = D(c).taskBook!;
      const history = (D(c).extensionRequests ?? [ext]).map((r, i, all) => (i === all.length - 1 ? { ...r, granted: p.granted, decidedOn: c.date } : r));
      return p.granted
        ? {
            extension: { ...ext, granted: true, newEndDate: addMonths(tb.endDate, ext.months) },
            taskBook: { ...tb, endDate: addMonths(tb.endDate, ext.months) },
            extensionRequests: history,
          }
        : { extension: { ...ext, granted: false }, extensionRequests: history };
    },
  },
  // 第十八条: what the city's money is spent on.
  {
    id: 'record_fund_use',
    label: '登记财政资助资金用途',
    from: ['in_progress', 'extension_review', 'final_payment'],
    roles: ['enterprise'],
    actorIs: 'party',
    citation: cite('第十八条'),
    payload: z.object({
      purpose: z
        .string()
        .trim()
        .min(2, '请填写用途')
        .max(200)
        .meta({ title: '资金用途', description: '关键技术研发、中间试验、新产品开发、技术标准制定（第十八条）' }),
      amount: z.number().positive('金额应大于 0').meta({ title: '金额', 'x-unit': '元' }),
    }),
    guard: (c, p) => {
      const use = checkUse(p.purpose);
      if (!use.allowed) return `${use.explanation}（${use.cites}）`;
      const total = (D(c).fundUses ?? []).reduce((s, u) => s + u.amount, 0) + p.amount;
      return total > paid(c) ? `登记的用途合计 ${total} 元超过已拨付的财政资助 ${paid(c)} 元。` : null;
    },
    to: STAY,
    record: (c, p) => ({ fundUses: [...(D(c).fundUses ?? []), { date: c.date, ...p }] }),
  },
  // 第二十一条: indicators may not be lowered.
  {
    id: 'amend_indicators',
    label: '调整考核指标',
    from: ['in_progress'],
    roles: ['science_bureau'],
    citation: cite('第二十一条'),
    payload: z.object({
      indicators: z.array(z.object({ name: z.string().trim().min(1), value: z.number(), higherIsBetter: z.boolean().default(true) })).min(1),
    }),
    guard: (c, p) => {
      if (!D(c).taskBook) return '尚未签订计划任务书，没有可调整的考核指标。';
      const lowered = D(c).taskBook!.indicators.filter((old) => {
        const now = p.indicators.find((i: { name: string; value: number }) => i.name === old.name);
        return !now || (old.higherIsBetter ? now.value < old.value : now.value > old.value);
      });
      return lowered.length ? `项目立项后不得降低考核指标：${lowered.map((i) => i.name).join('、')}。` : null;
    },
    to: STAY,
    record: (c, p) => ({ taskBook: { ...D(c).taskBook!, indicators: p.indicators } }),
  },
  {
    id: 'terminate',
    label: '终止（勤勉尽责，不列入失信）',
    from: ['in_progress'],
    roles: ['science_bureau'],
    citation: cite('第二十四条'),
    payload: z.object({
      reason,
      diligenceProven: z.literal(true, { error: '终止须有原始记录证明已履行勤勉责任，否则应撤销' }),
      auditCompleted: z.literal(true, { error: '须经专项审计' }),
      spent: z.number().nonnegative('已使用金额不能为负'),
    }),
    to: 'terminated',
    record: (c, p) => ({
      termination: {
        date: c.date,
        reason: p.reason,
        recover: Math.max(0, Math.round((paid(c) - p.spent) * 100) / 100),
        integrityPenalty: false,
        rule: '经专项审计后，收回已拨付的剩余财政资金，不列入失信行为',
      },
    }),
  },
  {
    id: 'revoke',
    label: '撤销（收回全部资金，科研诚信惩戒）',
    from: ['in_progress', 'extension_review'],
    roles: ['science_bureau'],
    citation: cite('第二十五条'),
    payload: z.object({ reason }),
    to: 'revoked',
    record: (c, p) => ({
      revocation: {
        date: c.date,
        reason: p.reason,
        recover: paid(c),
        integrityPenalty: true,
        rule: '收回已拨付的财政资金，相关单位和人员按科研诚信管理规定惩戒',
      },
    }),
  },
  // 第二十六条 and 第十六条: acceptance, then the rest of the grant.
  {
    id: 'accept_project',
    label: '验收和绩效评价',
    from: ['in_progress'],
    roles: ['science_bureau'],
    citation: cite('第二十六条'),
    payload: z.object({ passed: z.boolean(), performance: z.string().trim().min(2, '请填写绩效评价意见').max(2000) }),
    guard: (c) => (!(D(c).payments ?? []).some((p) => p.kind === 'first') ? '首笔资助拨付后方可验收。' : null),
    to: (_c, p) => (p.passed ? 'final_payment' : 'in_progress'),
    next: ['final_payment', 'in_progress'],
    record: (c, p) => ({ acceptance: { date: c.date, ...p } }),
  },
  {
    id: 'pay_remainder',
    decides: true,
    label: '拨付剩余资助资金',
    from: ['final_payment'],
    roles: ['science_bureau'],
    citation: cite('第十六条'),
    guard: (c) => {
      if (!D(c).agreement || !D(c).firstPayment) return '须先登记双方首笔拨付并拨付首笔资助。';
      const f = funding(c);
      return f.eligible ? null : `不予拨付：${f.refusal!.explanation}（${f.refusal!.cites}）`;
    },
    to: 'completed',
    record: (c) => {
      const f = funding(c);
      return {
        payments: [
          ...(D(c).payments ?? []),
          {
            kind: 'remainder',
            date: c.date,
            amount: f.remainder!.amount,
            recipient: f.recipient.name ?? f.recipient.party,
            cites: f.remainder!.cites,
            explanation: f.remainder!.explanation,
            ceiling: f.ceiling.amount,
            ceilingCites: f.ceiling.cites,
          },
        ],
      };
    },
  },
];

export const jiebangProcedure: ProcedureDefinition<Demand, object> = {
  id: 'jiebang',
  name: '“揭榜挂帅”科技计划项目',
  idPrefix: 'JB',
  applicationSchema: DemandSchema,
  filedBy: ['enterprise'],
  // 第十四条: a project already funded by the city may not be filed again.
  filingBars: ['not_funded_twice'],
  // 第四条、第五条: a demander with a 科研诚信 record of the last 3 years may not file, whatever it declares.
  filingCheck: {
    related: () => ({ procedure: INTEGRITY, states: ['recorded'] }),
    check: (a, related) => {
      const records = recordsAgainst(related, a.demander.unit, a.applicationDate);
      return records.length ? integrityRefusal(a.demander.unit, records) : null;
    },
  },
  // 第四条 and 第七条: the demander is the unit of the account that files, not a typed name.
  checkFiler: (a, account) =>
    !account.unit
      ? '您的账户未登记所属单位，不能以单位名义填报需求；请联系管理员登记单位。'
      : !sameUnit(a.demander.unit, account.unit)
        ? `需求方以登录账户所属单位为准：您的账户属于“${account.unit}”，需求表填写的是“${a.demander.unit}”。`
        : null,
  // 第七条: the county science office recommends its county's demands; the bureau and its experts see all;
  // an enterprise sees what it filed or applied to. Experts read, but upload nothing.
  access: {
    read: { enterprise: 'own', county_science: 'county', science_bureau: 'all', expert: 'all' },
    upload: ['enterprise', 'county_science', 'science_bureau'],
  },
  ruleSets: [JIEBANG_RULES_2022],
  parameters: Object.values(JIEBANG_PARAMETERS),
  applicationDate: (a) => a.applicationDate,
  withApplicationDate: (a, date) => ({ ...a, applicationDate: date }),
  jurisdiction: (a) => ({ county: a.demander.county, township: '', village: '' }),
  initialState: () => 'recommendation',
  assess: (a, set) => {
    const findings = evaluate(set.rules, a, { date: a.applicationDate });
    return { decision: findings.some((f) => f.outcome === 'fail') ? 'ineligible' : 'eligible', findings };
  },
  states: [
    { id: 'recommendation', label: '县级科技管理部门推荐', actor: 'county_science' },
    { id: 'expert_review', label: '专家审核论证', actor: 'science_bureau' },
    { id: 'listing', label: '确定榜单', actor: 'science_bureau' },
    { id: 'open', label: '榜单已发布，接受揭榜', actor: 'science_bureau' },
    { id: 'matching', label: '组织对接洽谈', actor: 'science_bureau' },
    { id: 'racing', label: '赛马制平行攻关', actor: 'science_bureau' },
    { id: 'plan_approval', label: '专家审定实施方案和协议', actor: 'science_bureau' },
    {
      id: 'publicity',
      label: '拟支持项目公示（5 天）',
      actor: 'science_bureau',
      limit: { workdays: 5, calendarDays: true, kind: 'minimum', label: '向社会公示 5 天（自公示次日起按自然日计算）', citation: cite('第十二条') },
    },
    { id: 'signing', label: '签订揭榜协议', actor: 'enterprise' },
    { id: 'task_book', label: '签订计划任务书', actor: 'science_bureau' },
    { id: 'in_progress', label: '项目实施', actor: 'science_bureau' },
    { id: 'extension_review', label: '延期审批', actor: 'science_bureau' },
    { id: 'final_payment', label: '验收通过，拨付剩余资金', actor: 'science_bureau' },
    { id: 'completed', label: '已完成', actor: null, terminal: true },
    { id: 'terminated', label: '已终止', actor: null, terminal: true },
    { id: 'revoked', label: '已撤销', actor: null, terminal: true },
    { id: 'not_selected', label: '未入选 / 未推荐', actor: null, terminal: true },
  ],
  actions: JIEBANG_ACTIONS,
  documentKinds: [
    { kind: 'plan', label: '项目实施方案' },
    { kind: 'agreement', label: '揭榜协议（合同）' },
    { kind: 'voucher', label: '拨付资金凭证' },
    { kind: 'task_book', label: '计划任务书' },
    { kind: 'other', label: '其他材料' },
  ],
  certificates: [],
  redact: redactJiebang,
  title: (a) => `${a.title} · ${a.demander.unit}`,
};

export { JIEBANG_DOCUMENT };
