// The action forms of 揭榜挂帅 (src/procedures/jiebang/procedure.ts) and 包干制
// (src/procedures/baogan/procedure.ts): field lists for ActionModal, the choices built
// from the case record (challengers, spot-check draws) and the indicator list editor.
import { Button, Form, Input, InputNumber, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { EXPENSE_CATEGORIES, EXPENSE_NATURES } from '../../../../src/procedures/baogan/rules';
import type { CaseView } from '../../caseApi';
import type { FieldDef, FieldKind } from '../../components/ActionModal';

const reason = (label: string): FieldDef => ({ name: 'reason', label, kind: 'textarea' });
const projectName: FieldDef = { name: 'projectName', label: '项目名称', kind: 'text' };
const agreementAmount: FieldDef = { name: 'agreementAmount', label: '揭榜协议约定的研发标的额', kind: 'money', min: 0.01, precision: 2 };
const indicators: FieldDef = {
  name: 'indicators',
  label: '考核指标',
  kind: 'indicators',
  initial: [{ higherIsBetter: true }],
  extra: '立项后不得降低考核指标（第二十一条）。',
};

export const SCIENCE_ACTION_FIELDS: Record<string, FieldDef[]> = {
  // ---------- 揭榜挂帅 ----------
  decline_recommendation: [reason('不予推荐理由')],
  score: [
    { name: 'score', label: '评分（0–100）', kind: 'number', min: 0, max: 100, precision: 1 },
    { name: 'conflictOfInterest', label: '与需求方存在利益冲突', kind: 'yesno', yes: '存在（应当回避）', no: '不存在', initial: false },
    { name: 'declaration', label: '利益冲突声明', kind: 'textarea', initial: '本人与该需求方及其关联单位无利益关系，承诺公正评审。' },
    { name: 'opinion', label: '评审意见', kind: 'textarea', optional: true },
  ],
  conclude_review: [
    { name: 'selected', label: '审核论证结论', kind: 'yesno', yes: '入选榜单', no: '不入选' },
    { name: 'note', label: '说明', kind: 'textarea', optional: true },
  ],
  publish_list: [{ name: 'deadline', label: '揭榜截止日期', kind: 'date', future: true, extra: '榜单发布后，符合条件的单位在截止日期前揭榜（第九、十条）。' }],
  close_applications: [],
  agree_single: [{ name: 'challengerUserId', label: '达成合作意向的揭榜方', kind: 'challenger' }, projectName, agreementAmount],
  start_race: [
    { name: 'challengerUserIds', label: '参加“赛马”的揭榜方（至少两家）', kind: 'challengers' },
    { name: 'demanderConsents', label: '已征得需求方同意', kind: 'confirm' },
    { name: 'challengersConsent', label: '已征得各揭榜方同意', kind: 'confirm' },
  ],
  declare_race_winner: [
    { name: 'challengerUserId', label: '最先达标的揭榜方', kind: 'challenger' },
    { name: 'metTargetOn', label: '达标日期', kind: 'date' },
    projectName,
    agreementAmount,
  ],
  reject_plan: [reason('未通过审定的理由')],
  'jiebang:end_publicity': [{ name: 'objections', label: '公示结果', kind: 'objections' }],
  issue_task_book: [
    { name: 'startDate', label: '实施期开始日期', kind: 'date', future: true, extra: '实施期一般不超过 3 年（第二十一条）。' },
    { name: 'endDate', label: '实施期结束日期', kind: 'date', future: true },
    indicators,
  ],
  record_first_payment: [
    { name: 'amount', label: '首笔拨付金额', kind: 'money', min: 0.01, precision: 2 },
    { name: 'voucher', label: '拨付凭证编号', kind: 'text', placeholder: '如：银行回单号' },
  ],
  request_extension: [
    { name: 'months', label: '延长月数（不超过 12 个月）', kind: 'number', min: 1, max: 12, precision: 0 },
    reason('延期理由'),
    { name: 'demanderAgrees', label: '已与需求方达成一致意见', kind: 'confirm' },
    { name: 'forceMajeure', label: '因不可抗力等客观原因不能按期完成', kind: 'confirm' },
  ],
  decide_extension: [{ name: 'granted', label: '审批结论', kind: 'yesno', yes: '同意延期', no: '不同意' }],
  amend_indicators: [indicators],
  terminate: [
    reason('终止理由'),
    { name: 'spent', label: '已使用的财政资金', kind: 'money', precision: 2 },
    { name: 'diligenceProven', label: '有原始记录证明已履行勤勉责任', kind: 'confirm' },
    { name: 'auditCompleted', label: '已经专项审计', kind: 'confirm' },
  ],
  revoke: [reason('撤销理由')],
  accept_project: [
    { name: 'passed', label: '验收结论', kind: 'yesno', yes: '通过', no: '不通过（继续实施）' },
    { name: 'performance', label: '绩效评价意见', kind: 'textarea' },
  ],
  // ---------- 包干制 ----------
  reject_project: [reason('不予立项理由')],
  sign_commitment: [
    { name: 'signature', label: '签字（项目负责人姓名）', kind: 'text', extra: '须与申请书中的项目负责人姓名一致。' },
    { name: 'agreesToText', label: '本人已阅读并同意承诺书全文', kind: 'confirm' },
  ],
  disburse: [{ name: 'amount', label: '拨付金额', kind: 'money', min: 0.01, precision: 2 }],
  record_expense: [
    {
      name: 'category',
      label: '支出科目',
      kind: 'select',
      options: Object.entries(EXPENSE_CATEGORIES).map(([value, c]) => ({ value, label: c.label })),
    },
    { name: 'amount', label: '金额', kind: 'money', min: 0.01, precision: 2 },
    { name: 'description', label: '支出内容', kind: 'textarea' },
    {
      name: 'nature',
      label: '支出性质',
      kind: 'select',
      initial: 'research',
      options: Object.entries(EXPENSE_NATURES).map(([value, label]) => ({ value, label })),
    },
    {
      name: 'labourKind',
      label: '劳务费类型',
      kind: 'select',
      initial: 'personnel',
      options: [
        { value: 'personnel', label: '项目研究人员及辅助人员的劳务费' },
        { value: 'consulting_expert', label: '临时聘请的咨询专家的专家咨询费' },
      ],
      extra: '四、（三）：劳务费付给参与项目研究的人员，或临时聘请的咨询专家；专家咨询费不得付给项目成员。非劳务费不适用。',
    },
    { name: 'payee', label: '收款方', kind: 'text', extra: '项目人员的劳务费须付给项目成员名单上的人员（五、（三）（六））。' },
    { name: 'payeeIdNumber', label: '收款人身份证号码（劳务费）', kind: 'text', optional: true },
    { name: 'invoiceGenuine', label: '票据、合同真实', kind: 'yesno', initial: true },
    { name: 'viaCooperation', label: '以合作、协作经费方式支出', kind: 'yesno', initial: false },
    { name: 'cooperationGenuine', label: '合作、协作内容真实', kind: 'yesno', initial: true },
    { name: 'divertedFromProject', label: '经费被截留、挪用或侵占', kind: 'yesno', initial: false },
  ],
  approve_final_accounts: [
    { name: 'financeOffice', label: '财务部门审核人', kind: 'text' },
    { name: 'researchOffice', label: '科研管理部门审核人', kind: 'text' },
    { name: 'disclosedOn', label: '内部公开日期', kind: 'date' },
    { name: 'disclosedWhere', label: '内部公开方式或地点', kind: 'text', placeholder: '如：单位内网公告栏' },
    { name: 'disclosedFinalAccounts', label: '已在单位内部公开项目经费决算', kind: 'confirm' },
    { name: 'disclosedScienceReport', label: '已在单位内部公开项目科技报告', kind: 'confirm' },
    { name: 'disclosedSelfEvaluation', label: '已在单位内部公开项目验收自我评价报告', kind: 'confirm' },
  ],
  record_spot_check: [
    { name: 'drawId', label: '抽查批次', kind: 'spotCheckDraw' },
    {
      name: 'result',
      label: '抽查结论',
      kind: 'select',
      options: [
        { value: 'compliant', label: '合规' },
        { value: 'issues', label: '发现问题' },
      ],
    },
    { name: 'note', label: '说明', kind: 'textarea', optional: true },
  ],
};

interface ChallengerRow {
  userId: number;
  unit: string;
  status?: string;
}

/** Choices that come from the case itself. */
export function scienceSelectOptions(kind: FieldKind, c: CaseView): { value: string | number; label: string }[] {
  const record = (c.record ?? {}) as {
    challengers?: ChallengerRow[];
    race?: { challengers: number[] };
    spotChecks?: { drawId: string; drawnOn: string; result: string | null }[];
  };
  if (kind === 'challenger' || kind === 'challengers') {
    const racing = record.race?.challengers;
    return (record.challengers ?? [])
      .filter((x) => c.state.id !== 'racing' || !racing || racing.includes(x.userId))
      .map((x) => ({ value: x.userId, label: x.unit }));
  }
  if (kind === 'spotCheckDraw') {
    return (record.spotChecks ?? []).filter((s) => !s.result).map((s) => ({ value: s.drawId, label: `${s.drawnOn} 抽中（${s.drawId.slice(0, 8)}）` }));
  }
  return [];
}

/** Form value → payload value (indicator rows left blank are dropped). */
export function sciencePayloadValue(kind: FieldKind, x: unknown): unknown {
  if (kind === 'indicators' && Array.isArray(x)) {
    return x
      .filter((r) => r && (r.name || typeof r.value === 'number'))
      .map((r) => ({ name: r.name ?? '', value: r.value, higherIsBetter: r.higherIsBetter ?? true }));
  }
  return x;
}

/** 考核指标: name, target value, and which way is better; one row each. */
export function IndicatorsInput() {
  return (
    <Form.List name="indicators">
      {(rows, { add, remove }) => (
        <div className="indicator-list" data-testid="field-indicators">
          {rows.map((r, i) => (
            <div key={r.key} className="indicator-row">
              <Form.Item name={[r.name, 'name']} noStyle>
                <Input placeholder="指标名称" aria-label={`指标 ${i + 1} 名称`} className="indicator-name" maxLength={100} />
              </Form.Item>
              <Form.Item name={[r.name, 'value']} noStyle>
                <InputNumber placeholder="目标值" aria-label={`指标 ${i + 1} 目标值`} className="indicator-value" />
              </Form.Item>
              <Form.Item name={[r.name, 'higherIsBetter']} noStyle>
                <Select
                  aria-label={`指标 ${i + 1} 方向`}
                  className="indicator-dir"
                  options={[
                    { value: true, label: '不低于' },
                    { value: false, label: '不高于' },
                  ]}
                />
              </Form.Item>
              <Button type="text" icon={<DeleteOutlined />} aria-label="删除此指标" disabled={rows.length <= 1} onClick={() => remove(r.name)} />
            </div>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ higherIsBetter: true })}>
            添加指标
          </Button>
        </div>
      )}
    </Form.List>
  );
}
