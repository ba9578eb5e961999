// The case page of 揭榜挂帅 and 包干制: the application as filed and what each step recorded —
// scores, challengers with their condition findings, agreement, task book, the funding ledger;
// expenses, commitment, final accounts and spot checks.
import { Card, Descriptions, Empty, Table, Tag } from 'antd';
import type { ReactNode } from 'react';
import type { CaseView } from '../../caseApi';
import { articleLink, BAOGAN_DOCUMENT, CHALLENGER_STATUS, JIEBANG_DOCUMENT, scienceApi, TYPE_LABELS, yuan, type ChallengerRecord } from './scienceApi';
import { useApi } from '../../useApi';
import { CiteLink, FindingList } from '../../components/CaseBits';

type Rec = Record<string, any>;
const text = (s: unknown) => (s === undefined || s === null || s === '' ? '—' : String(s));
const yesNo = (b: unknown, yes = '是', no = '否') => (b === true ? yes : b === false ? no : '—');
const col = { xs: 1, sm: 2 } as const;
const OBJECTIONS: Record<string, string> = { none: '无异议', not_upheld: '有异议，经核实不成立', upheld: '异议成立' };

/** Keys a section below shows; anything else falls through to the generic list. */
function Rest({ record, shown, labels }: { record: Rec; shown: string[]; labels: Record<string, string> }) {
  const rest = Object.entries(record).filter(([k]) => !shown.includes(k));
  if (rest.length === 0) return null;
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      className="block-sm"
      data-testid="record-view"
      items={rest.map(([k, v]) => ({
        key: k,
        label: labels[k] ?? k,
        children: v && typeof v === 'object' ? <span className="record-json">{JSON.stringify(v)}</span> : text(v),
      }))}
    />
  );
}

// ---------------------------------------------------------------- 揭榜挂帅

/** The demand as filed (第七条). */
export function DemandView({ a }: { a: Rec }) {
  const d = a.demander ?? {};
  const c = a.conditions ?? {};
  const tech = a.type === 'tech_breakthrough';
  return (
    <div className="application-view" data-testid="application-view">
      <Descriptions size="small" bordered column={col} title="需求方">
        <Descriptions.Item label="单位">{text(d.unit)}</Descriptions.Item>
        <Descriptions.Item label="所在县（市、区）">{text(d.county)}</Descriptions.Item>
        <Descriptions.Item label="承德市域内注册">{yesNo(d.registeredInChengde)}</Descriptions.Item>
        <Descriptions.Item label="独立法人资格">{yesNo(d.independentLegalPerson)}</Descriptions.Item>
        <Descriptions.Item label="近 3 年信用良好">{yesNo(d.creditClean3y)}</Descriptions.Item>
        <Descriptions.Item label="联系人">
          {text(d.contact?.name)} {text(d.contact?.phone)}
        </Descriptions.Item>
      </Descriptions>
      <Descriptions size="small" bordered column={col} title="需求（第七条）" className="block">
        <Descriptions.Item label="需求名称" span={col}>
          {text(a.title)}
        </Descriptions.Item>
        <Descriptions.Item label="项目类型">{TYPE_LABELS[a.type as keyof typeof TYPE_LABELS] ?? text(a.type)}</Descriptions.Item>
        <Descriptions.Item label="填报日期">{text(a.applicationDate)}</Descriptions.Item>
        <Descriptions.Item label="需求背景" span={col}>
          <span className="pre-line">{text(a.background)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="需求内容" span={col}>
          <span className="pre-line">{text(a.content)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="关键技术及指标" span={col}>
          <ul className="plain-list">
            {(a.keyTechnologies ?? []).map((k: { name: string; indicator: string }, i: number) => (
              <li key={i}>
                <strong>{k.name}</strong>：{k.indicator}
              </li>
            ))}
          </ul>
        </Descriptions.Item>
        {a.transferForm ? (
          <Descriptions.Item label="成果转化形式" span={col}>
            {a.transferForm}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label="时限要求">{typeof a.timeLimitMonths === 'number' ? `${a.timeLimitMonths} 个月` : '—'}</Descriptions.Item>
        <Descriptions.Item label="研发投入">{yuan(a.rdInvestment)}</Descriptions.Item>
        <Descriptions.Item label="对揭榜方的要求" span={col}>
          {text(a.challengerRequirements)}
        </Descriptions.Item>
        <Descriptions.Item label="知识产权归属">{text(a.ipOwnership)}</Descriptions.Item>
        <Descriptions.Item label="利益分配">{text(a.benefitSharing)}</Descriptions.Item>
        <Descriptions.Item label="已获市级财政科技资金支持">{yesNo(a.alreadyCityFunded)}</Descriptions.Item>
      </Descriptions>
      <Descriptions size="small" bordered column={col} title={tech ? '需求方条件（第五条第（一）项）' : '需求方条件（第六条第（一）项）'} className="block">
        {tech ? (
          <>
            <Descriptions.Item label="迫切需求，难以自行解决">{yesNo(c.urgentNeed)}</Descriptions.Item>
            <Descriptions.Item label="明确的研发目标或技术参数">{yesNo(c.clearTargets)}</Descriptions.Item>
            <Descriptions.Item label="率先在本企业应用">{yesNo(c.appliesFirstInOwnEnterprise)}</Descriptions.Item>
            <Descriptions.Item label="资金投入能力和配套条件">{yesNo(c.fundingCapacity)}</Descriptions.Item>
          </>
        ) : (
          <>
            <Descriptions.Item label="拥有拟转化成果的自主知识产权">{yesNo(c.ownsIP)}</Descriptions.Item>
            <Descriptions.Item label="稳定的技术支撑团队">{yesNo(c.stableTeam)}</Descriptions.Item>
          </>
        )}
      </Descriptions>
    </div>
  );
}

const JIEBANG_LABELS: Record<string, string> = {
  recommendedOn: '县级推荐日期',
  recommendedBy: '推荐单位',
  notRecommended: '不予推荐理由',
  applicationsClosed: '截止揭榜日期',
  publicityStarted: '公示开始',
  planRejected: '实施方案未通过理由',
  announcedOn: '揭榜公告日期',
  taskBookSignatory: '任务书签订方',
};
const JIEBANG_SHOWN = [
  'scores',
  'review',
  'listing',
  'challengers',
  'race',
  'winner',
  'agreement',
  'publicity',
  'taskBook',
  'firstPayment',
  'payments',
  'extension',
  'termination',
  'revocation',
  'acceptance',
];

/** What the steps of a 揭榜挂帅 case have recorded. */
export function JiebangRecord({ c }: { c: CaseView }) {
  const r = (c.record ?? {}) as Rec;
  const items: { key: string; label: string; children: ReactNode }[] = [];
  const add = (key: string, label: string, children: ReactNode) => items.push({ key, label, children });
  if (r.review)
    add(
      'review',
      '审核论证结论',
      `${r.review.date}：${r.review.selected ? '入选榜单' : '不入选'}，平均分 ${r.review.averageScore}${r.review.note ? `；${r.review.note}` : ''}`,
    );
  if (r.listing) add('listing', '榜单', `${r.listing.publishedOn} 发布，${r.listing.deadline} 截止揭榜`);
  if (r.race) add('race', '赛马制', `${r.race.started} 启动，${(r.race.challengers ?? []).length} 家平行攻关`);
  if (r.winner) add('winner', '揭榜方', `${r.winner.unit}${r.winner.metTargetOn ? `（${r.winner.metTargetOn} 最先达标）` : ''}`);
  if (r.agreement)
    add(
      'agreement',
      '揭榜协议',
      `${r.agreement.projectName}；研发标的额 ${yuan(r.agreement.agreementAmount)}；${r.agreement.signedOn ? `${r.agreement.signedOn} 签订` : '尚未签订'}`,
    );
  if (r.publicity)
    add(
      'publicity',
      '公示',
      `${r.publicity.from} 至 ${r.publicity.to}，${r.publicity.days} 天；${OBJECTIONS[r.publicity.objections] ?? r.publicity.objections}`,
    );
  if (r.firstPayment)
    add('firstPayment', '双方首笔拨付', `${r.firstPayment.date}：${r.firstPayment.payer} 拨付 ${yuan(r.firstPayment.amount)}，凭证 ${r.firstPayment.voucher}`);
  if (r.extension)
    add(
      'extension',
      '延期',
      `${r.extension.requestedOn} 申请延期 ${r.extension.months} 个月（${r.extension.reason}）；${r.extension.granted === undefined ? '待审批' : r.extension.granted ? `已同意，执行期至 ${r.extension.newEndDate}` : '不同意'}`,
    );
  if (r.acceptance) add('acceptance', '验收和绩效评价', `${r.acceptance.date}：${r.acceptance.passed ? '通过' : '不通过'}；${r.acceptance.performance}`);
  if (r.termination)
    add('termination', '终止', `${r.termination.date}：${r.termination.reason}；应收回 ${yuan(r.termination.recover)}（${r.termination.rule}）`);
  if (r.revocation) add('revocation', '撤销', `${r.revocation.date}：${r.revocation.reason}；收回 ${yuan(r.revocation.recover)}（${r.revocation.rule}）`);

  return (
    <div data-testid="jiebang-record">
      {items.length > 0 && <Descriptions size="small" bordered column={1} items={items} />}
      <Rest record={r} shown={JIEBANG_SHOWN} labels={JIEBANG_LABELS} />
      {items.length === 0 && Object.keys(r).length === 0 && <Empty description="尚无办理记录" image={Empty.PRESENTED_IMAGE_SIMPLE} />}
    </div>
  );
}

/** Expert scores (第八条), each with its conflict-of-interest declaration. */
export function ScoresCard({ c }: { c: CaseView }) {
  const scores = ((c.record ?? {}) as Rec).scores as
    { expert: string; score: number; declaration: string; opinion?: string | null; date: string }[] | undefined;
  if (!scores?.length) return null;
  const avg = Math.round((scores.reduce((s, x) => s + x.score, 0) / scores.length) * 10) / 10;
  return (
    <Card
      size="small"
      className="block"
      data-testid="scores"
      title={
        <span>
          专家评审（平均 {avg} 分） <CiteLink cites={`${JIEBANG_DOCUMENT} 第八条`} link={articleLink(JIEBANG_DOCUMENT, '第八条')} />
        </span>
      }
    >
      <Table
        size="small"
        rowKey={(_, i) => String(i)}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={scores}
        columns={[
          { title: '专家', dataIndex: 'expert' },
          { title: '日期', dataIndex: 'date' },
          { title: '分数', dataIndex: 'score' },
          { title: '利益冲突声明', dataIndex: 'declaration', render: (v: string) => <span className="wrap-cell">{v}</span> },
          { title: '意见', dataIndex: 'opinion', render: (v?: string | null) => <span className="wrap-cell">{text(v)}</span> },
        ]}
      />
    </Card>
  );
}

const challengerFindings = (x: ChallengerRecord) =>
  (x.findings ?? []).map((f) => ({
    rule: f.rule,
    outcome: f.outcome,
    message: f.message,
    cites: f.cites,
    link: articleLink(JIEBANG_DOCUMENT, `${f.article}${f.item ?? ''}`),
  }));

/** The challengers: unit, day applied, status and the conditions of 第四–六条 judged for each. */
export function ChallengersCard({ c }: { c: CaseView }) {
  const list = ((c.record ?? {}) as Rec).challengers as ChallengerRecord[] | undefined;
  if (!list?.length) return null;
  return (
    <Card size="small" className="block" title={`揭榜方（${list.length}）`} data-testid="challengers">
      <Table<ChallengerRecord>
        size="small"
        rowKey="userId"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={list}
        onRow={() => ({ 'data-testid': 'challenger-row' }) as React.HTMLAttributes<HTMLElement>}
        expandable={{
          expandedRowRender: (x) => (
            <div className="challenger-detail">
              <Descriptions size="small" column={1}>
                <Descriptions.Item label="所在县（市、区）">{x.challenge?.party?.county}</Descriptions.Item>
                <Descriptions.Item label="联系人">
                  {x.challenge?.party?.contact?.name} {x.challenge?.party?.contact?.phone}
                </Descriptions.Item>
                <Descriptions.Item label="实施方案（摘要）">
                  <span className="pre-line">{x.challenge?.plan}</span>
                </Descriptions.Item>
              </Descriptions>
              <div className="show-below-md">
                <FindingList findings={challengerFindings(x)} />
              </div>
            </div>
          ),
        }}
        columns={[
          { title: '单位', dataIndex: 'unit', render: (v: string) => <strong>{v}</strong> },
          { title: '揭榜日期', dataIndex: 'appliedOn' },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: ChallengerRecord['status']) => <Tag color={CHALLENGER_STATUS[s]?.color}>{CHALLENGER_STATUS[s]?.label ?? s}</Tag>,
          },
          {
            title: '条件审查',
            key: 'findings',
            responsive: ['md'],
            render: (_, x) => (
              <div className="findings-cell">
                <FindingList findings={challengerFindings(x)} />
              </div>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** The 计划任务书 and its indicators. */
export function TaskBookCard({ c }: { c: CaseView }) {
  const tb = ((c.record ?? {}) as Rec).taskBook as
    { startDate: string; endDate: string; indicators: { name: string; value: number; higherIsBetter: boolean }[] } | undefined;
  if (!tb) return null;
  return (
    <Card size="small" className="block" title={`计划任务书：${tb.startDate} 至 ${tb.endDate}`} data-testid="task-book">
      <ul className="plain-list">
        {tb.indicators.map((i, n) => (
          <li key={n}>
            {i.name}：{i.higherIsBetter ? '不低于' : '不高于'} {i.value}
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** The grant as computed from the agreement (第十三–十七条) and what has been paid. */
export function FundingCard({ c }: { c: CaseView }) {
  const r = (c.record ?? {}) as Rec;
  const a = c.application as Rec;
  const agreement = r.agreement as { agreementAmount: number } | undefined;
  const funding = useApi(
    (signal) =>
      agreement
        ? scienceApi.funding(
            {
              type: a.type,
              agreementAmount: agreement.agreementAmount,
              firstPayment: r.firstPayment?.amount,
              alreadyCityFunded: Boolean(a.alreadyCityFunded),
              demander: a.demander?.unit,
              challenger: r.winner?.unit,
            },
            signal,
          )
        : Promise.resolve(null),
    [c.id, c.version],
  );
  const payments = (r.payments ?? []) as { kind: string; date: string; amount: number; recipient: string; cites: string; explanation?: string }[];
  if (!agreement && payments.length === 0) return null;
  const f = funding.data;
  return (
    <Card size="small" className="block" title="财政资助与拨付" data-testid="funding">
      {f && (
        <Descriptions size="small" bordered column={1}>
          <Descriptions.Item label="资助上限">
            {yuan(f.ceiling.amount)} <CiteLink cites={f.ceiling.cites} link={f.ceiling.link} />
            <div className="muted">{f.ceiling.explanation}</div>
          </Descriptions.Item>
          <Descriptions.Item label="支持对象">
            {f.recipient.name ?? (f.recipient.party === 'demander' ? '需求方' : '揭榜方')} <CiteLink cites={f.recipient.cites} link={f.recipient.link} />
          </Descriptions.Item>
          {f.firstTranche && (
            <Descriptions.Item label="首笔资助">
              {yuan(f.firstTranche.amount)} <CiteLink cites={f.firstTranche.cites} link={f.firstTranche.link} />
              <div className="muted">{f.firstTranche.explanation}</div>
            </Descriptions.Item>
          )}
          {f.remainder && <Descriptions.Item label="剩余资助">{yuan(f.remainder.amount)}</Descriptions.Item>}
        </Descriptions>
      )}
      <div className="section-title">拨付台账</div>
      <Table
        size="small"
        rowKey={(_, i) => String(i)}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={payments}
        locale={{ emptyText: '尚未拨付' }}
        columns={[
          { title: '日期', dataIndex: 'date' },
          { title: '款项', dataIndex: 'kind', render: (k: string) => (k === 'first' ? '首笔资助' : '剩余资助') },
          { title: '金额', dataIndex: 'amount', render: (v: number) => yuan(v) },
          { title: '收款方', dataIndex: 'recipient' },
          { title: '依据', dataIndex: 'cites', render: (v: string) => <span className="cite">{v}</span> },
        ]}
      />
    </Card>
  );
}

// ---------------------------------------------------------------- 包干制

/** The project as filed: no budget (四、). */
export function BaoganProjectView({ a }: { a: Rec }) {
  return (
    <div className="application-view" data-testid="application-view">
      <Descriptions size="small" bordered column={col}>
        <Descriptions.Item label="项目名称" span={col}>
          {text(a.title)}
        </Descriptions.Item>
        <Descriptions.Item label="承担单位">{text(a.unit)}</Descriptions.Item>
        <Descriptions.Item label="所在县（市、区）">{text(a.county)}</Descriptions.Item>
        <Descriptions.Item label="项目类别">{a.kind === 'basic_research' ? '基础研究类' : text(a.kind)}</Descriptions.Item>
        <Descriptions.Item label="资助经费">{yuan(a.grant)}</Descriptions.Item>
        <Descriptions.Item label="执行期">
          {text(a.period?.from)} 至 {text(a.period?.to)}
        </Descriptions.Item>
        <Descriptions.Item label="项目负责人">
          {text(a.leader?.name)} {text(a.leader?.phone)}
        </Descriptions.Item>
        <Descriptions.Item label="项目成员" span={col}>
          {(a.members ?? []).map((m: { name: string }) => m.name).join('、') || '—'}
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}

const BAOGAN_LABELS: Record<string, string> = { rejection: '不予立项理由', disbursed: '已拨付经费', disbursedOn: '拨付日期' };
const BAOGAN_SHOWN = ['commitment', 'expenses', 'finalAccounts', 'accountsApproval', 'spotChecks', 'disbursed', 'disbursedOn'];

/** Commitment, disbursement, expenses against the negative list, final accounts, spot checks. */
export function BaoganRecord({ c }: { c: CaseView }) {
  const r = (c.record ?? {}) as Rec;
  const a = c.application as Rec;
  const expenses = (r.expenses ?? []) as {
    date: string;
    category: string;
    categoryLabel: string;
    amount: number;
    description: string;
    payee: string;
    cites: string;
  }[];
  const spent = expenses.reduce((s, e) => s + e.amount, 0);
  return (
    <div data-testid="baogan-record">
      <Descriptions size="small" bordered column={1}>
        <Descriptions.Item label="资助经费">{yuan(a.grant)}</Descriptions.Item>
        <Descriptions.Item label="已拨付">{r.disbursed !== undefined ? `${yuan(r.disbursed)}（${r.disbursedOn}）` : '尚未拨付'}</Descriptions.Item>
        <Descriptions.Item label="已支出">{yuan(spent)}</Descriptions.Item>
        <Descriptions.Item label="承诺书">
          {r.commitment ? (
            <details data-testid="commitment">
              <summary>
                {r.commitment.signedBy} 于 {r.commitment.date} 签署 <CiteLink cites={`${BAOGAN_DOCUMENT} 三、`} link={articleLink(BAOGAN_DOCUMENT, '三、')} />
              </summary>
              <div className="pre-line commitment-text">{r.commitment.text}</div>
            </details>
          ) : (
            '尚未签署（签署承诺书后方可拨付经费）'
          )}
        </Descriptions.Item>
      </Descriptions>
      <div className="section-title">
        支出（对照负面清单，
        <CiteLink cites={`${BAOGAN_DOCUMENT} 五、`} link={articleLink(BAOGAN_DOCUMENT, '五、')} />）
      </div>
      <Table
        size="small"
        rowKey={(_, i) => String(i)}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={expenses}
        data-testid="expenses"
        locale={{ emptyText: '尚无支出' }}
        columns={[
          { title: '日期', dataIndex: 'date' },
          { title: '科目', key: 'cat', render: (_, e) => <span>{e.categoryLabel ?? e.category}</span> },
          { title: '金额', dataIndex: 'amount', render: (v: number) => yuan(v) },
          { title: '内容', dataIndex: 'description', render: (v: string) => <span className="wrap-cell">{v}</span> },
          { title: '收款方', dataIndex: 'payee' },
          { title: '依据', dataIndex: 'cites', render: (v: string) => <span className="cite">{v}</span> },
        ]}
      />
      {r.finalAccounts && (
        <Descriptions size="small" bordered column={1} title="经费决算" className="block" data-testid="final-accounts">
          <Descriptions.Item label="编制日期">{r.finalAccounts.date}</Descriptions.Item>
          {Object.entries((r.finalAccounts.byCategory ?? {}) as Record<string, number>).map(([k, v]) => (
            <Descriptions.Item key={k} label={k}>
              {yuan(v)}
            </Descriptions.Item>
          ))}
          <Descriptions.Item label="合计 / 资助经费">
            {yuan(r.finalAccounts.total)} / {yuan(r.finalAccounts.grant)}
          </Descriptions.Item>
          {r.accountsApproval && (
            <Descriptions.Item label="审核与内部公开">
              财务部门 {r.accountsApproval.financeOffice}、科研管理部门 {r.accountsApproval.researchOffice} 审核；{r.accountsApproval.disclosedOn} 在
              {r.accountsApproval.disclosedWhere}内部公开
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      {(r.spotChecks ?? []).length > 0 && (
        <>
          <div className="section-title">随机抽查</div>
          <Table
            size="small"
            rowKey="drawId"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={r.spotChecks}
            data-testid="spot-checks"
            columns={[
              { title: '抽中日期', dataIndex: 'drawnOn' },
              { title: '抽取方式', dataIndex: 'method', render: (v: string) => <span className="wrap-cell">{v}</span> },
              {
                title: '结论',
                dataIndex: 'result',
                render: (v: string | null) =>
                  v === 'compliant' ? <Tag color="green">合规</Tag> : v === 'issues' ? <Tag color="red">发现问题</Tag> : <Tag>待检查</Tag>,
              },
              { title: '说明', dataIndex: 'note', render: (v?: string | null) => text(v) },
            ]}
          />
        </>
      )}
      <Rest record={r} shown={BAOGAN_SHOWN} labels={BAOGAN_LABELS} />
    </div>
  );
}
