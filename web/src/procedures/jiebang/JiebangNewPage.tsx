import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Space, Spin, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../auth';
import { useLiveAssessment } from '../../useLiveAssessment';
import { caseApi, fieldPath, type FieldIssue } from '../../caseApi';
import { CiteLink, DecisionTag, FindingList, GoverningStatusAlert } from '../../components/CaseBits';
import { articleLink, JIEBANG_DOCUMENT } from '../science/scienceApi';

type NamePath = (string | number)[];
interface Values {
  applicationDate?: Dayjs | null;
  type?: 'tech_breakthrough' | 'achievement_transfer';
  title?: string;
  demander?: {
    unit?: string;
    county?: string;
    registeredInChengde?: boolean;
    independentLegalPerson?: boolean;
    creditClean3y?: boolean;
    contact?: { name?: string; phone?: string };
  };
  background?: string;
  content?: string;
  keyTechnologies?: { name?: string; indicator?: string }[];
  transferForm?: string;
  timeLimitMonths?: number | null;
  rdInvestment?: number | null;
  challengerRequirements?: string;
  ipOwnership?: string;
  benefitSharing?: string;
  alreadyCityFunded?: boolean;
  conditions?: Record<string, boolean>;
}

const YES_NO = [
  { value: true, label: '是' },
  { value: false, label: '否' },
];
const cite = (article: string) => <CiteLink cites={article} link={articleLink(JIEBANG_DOCUMENT, article)} />;

function prune(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(prune);
  if (v && typeof v === 'object' && !dayjs.isDayjs(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = prune(x);
      if (p !== undefined) out[k] = p;
    }
    return out;
  }
  if (v === null || v === '' || (typeof v === 'string' && v.trim() === '')) return undefined;
  return v;
}

/** Form values → DemandSchema JSON (src/procedures/jiebang/form.ts). */
export function toDemand(v: Values): unknown {
  return prune({
    ...v,
    applicationDate: v.applicationDate ? v.applicationDate.format('YYYY-MM-DD') : undefined,
    keyTechnologies: (v.keyTechnologies ?? []).filter((k) => k && (k.name || k.indicator)),
    conditions: v.conditions ?? {},
  });
}

/** `/jiebang/new` — an enterprise files a technology demand (第七条), checked live against 第四–六、十四、二十一条. */
export function JiebangNewPage() {
  const { actor } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [showAll, setShowAll] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const shown = useRef<string[]>([]);
  const type = Form.useWatch('type', form);

  useEffect(() => {
    document.title = '提出技术需求 · 揭榜挂帅 · 政务 Zhengwu';
  }, []);

  const initialValues = useMemo<Values>(
    () => ({
      applicationDate: dayjs(),
      type: 'tech_breakthrough',
      demander: {
        unit: actor?.unit ?? undefined,
        county: actor?.county ?? undefined,
        registeredInChengde: true,
        independentLegalPerson: true,
        creditClean3y: true,
        contact: {},
      },
      keyTechnologies: [{}],
      alreadyCityFunded: false,
      conditions: { urgentNeed: false, clearTargets: false, appliesFirstInOwnEnterprise: false, fundingCapacity: false, ownsIP: false, stableTeam: false },
    }),
    [actor],
  );

  const { assessment, setAssessment, issues, setIssues, checking, check } = useLiveAssessment('jiebang', () => toDemand(form.getFieldsValue(true)), 400);

  useEffect(() => {
    check();
  }, [check]);

  // Server messages next to the fields: touched ones while filling in, all after a submit attempt.
  useEffect(() => {
    const registered = new Set(form.getFieldsError().map((f) => (f.name as NamePath).join('.')));
    const byField = new Map<string, string[]>();
    for (const issue of issues) {
      const path = fieldPath(issue.field);
      for (let n = path.length; n > 0; n--) {
        const k = path.slice(0, n).join('.');
        if (registered.has(k)) {
          byField.set(k, [...(byField.get(k) ?? []), issue.message]);
          break;
        }
      }
    }
    const next: { name: NamePath; errors: string[] }[] = [];
    const now: string[] = [];
    for (const [k, errors] of byField) {
      if (!showAll && !form.isFieldTouched(fieldPath(k))) continue;
      next.push({ name: fieldPath(k), errors });
      now.push(k);
    }
    for (const k of shown.current) if (!now.includes(k)) next.push({ name: fieldPath(k), errors: [] });
    shown.current = now;
    if (next.length) form.setFields(next);
  }, [issues, showAll, form]);

  const submit = async () => {
    setShowAll(true);
    setSubmitError(null);
    setSubmitting(true);
    try {
      const cv = await caseApi.submit('jiebang', toDemand(form.getFieldsValue(true)));
      message.success(`需求已提交，案件编号 ${cv.id}`);
      navigate(`/cases/${encodeURIComponent(cv.id)}`);
    } catch (e) {
      const err = e as Error & { details?: FieldIssue[] };
      if (err.details?.length) {
        setIssues(err.details);
        setAssessment(null);
        setSubmitError(`需求表尚有 ${err.details.length} 处需要填写或更正，请按提示修改。`);
      } else setSubmitError(err.message);
    } finally {
      setSubmitting(false);
    }
  };

  const fails = assessment?.findings.filter((f) => f.outcome === 'fail').length ?? 0;
  const tech = type !== 'achievement_transfer';

  return (
    <div className="page apply-page">
      <Typography.Title level={2} className="page-title">
        “揭榜挂帅”技术需求表
      </Typography.Title>
      <p className="muted">
        依据 <CiteLink cites={`${JIEBANG_DOCUMENT} 第七条`} link={articleLink(JIEBANG_DOCUMENT, '第七条')} />
        ：需求方填报需求背景、内容、拟解决的关键技术及指标、时限、研发投入、对揭榜方的要求、知识产权归属和利益分配；由所在县（市、区）科技管理部门推荐。边填边查。
      </p>
      <Row gutter={[16, 16]} className="block">
        <Col
          xs={24}
          lg={16}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') e.preventDefault();
          }}
        >
          <Form
            form={form}
            name="demand"
            layout="vertical"
            initialValues={initialValues}
            onValuesChange={() => (setSubmitError(null), check())}
            onFinish={submit}
            scrollToFirstError
          >
            <Card title="需求方" size="small" className="form-card">
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item name={['demander', 'unit']} label="单位名称">
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={['demander', 'county']} label="所在县（市、区）">
                    <Input maxLength={30} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name={['demander', 'contact', 'name']} label="联系人">
                    <Input maxLength={30} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name={['demander', 'contact', 'phone']} label="手机号码">
                    <Input maxLength={11} inputMode="numeric" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="applicationDate" label="填报日期">
                    <DatePicker className="full-width" allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={8}>
                  <Form.Item name={['demander', 'registeredInChengde']} label="在承德市域内注册">
                    <Radio.Group options={YES_NO} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={8}>
                  <Form.Item name={['demander', 'independentLegalPerson']} label="具有独立法人资格">
                    <Radio.Group options={YES_NO} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={8}>
                  <Form.Item name={['demander', 'creditClean3y']} label="近 3 年无不良信用记录">
                    <Radio.Group options={YES_NO} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>

            <Card title="需求（第七条）" size="small" className="form-card">
              <Form.Item name="type" label="项目类型">
                <Radio.Group
                  options={[
                    { value: 'tech_breakthrough', label: '技术攻关类' },
                    { value: 'achievement_transfer', label: '成果转化类' },
                  ]}
                />
              </Form.Item>
              <Form.Item name="title" label="需求名称">
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="background" label="需求背景">
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
              <Form.Item name="content" label="需求内容">
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
              <Form.List name="keyTechnologies">
                {(rows, { add, remove }) => (
                  <div data-testid="key-technologies">
                    <div className="section-title">拟解决的关键技术及指标</div>
                    {rows.map((r, i) => (
                      <div key={r.key} className={i === 0 ? 'tech-row tech-row-first' : 'tech-row'}>
                        <Form.Item name={[r.name, 'name']} className="tech-name" label={i === 0 ? '关键技术' : undefined}>
                          <Input placeholder="关键技术" maxLength={200} aria-label={`关键技术 ${i + 1}`} />
                        </Form.Item>
                        <Form.Item name={[r.name, 'indicator']} className="tech-indicator" label={i === 0 ? '技术指标' : undefined}>
                          <Input placeholder="技术指标" maxLength={500} aria-label={`技术指标 ${i + 1}`} />
                        </Form.Item>
                        <Button
                          type="text"
                          icon={<DeleteOutlined />}
                          aria-label="删除此项"
                          disabled={rows.length <= 1}
                          onClick={() => (remove(r.name), check())}
                          className="tech-remove"
                        />
                      </div>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                      添加关键技术
                    </Button>
                  </div>
                )}
              </Form.List>
              <Row gutter={12} className="block">
                <Col xs={12} md={8}>
                  <Form.Item name="timeLimitMonths" label="时限要求" extra={<span>实施期一般不超过 3 年（{cite('第二十一条')}）</span>}>
                    <InputNumber className="full-width" min={1} max={120} precision={0} suffix="个月" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={8}>
                  <Form.Item name="rdInvestment" label="项目研发投入">
                    <InputNumber className="full-width" min={0} precision={2} suffix="元" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="alreadyCityFunded" label={<span>已获市级财政科技资金支持（{cite('第十四条')}）</span>}>
                    <Radio.Group options={YES_NO} />
                  </Form.Item>
                </Col>
              </Row>
              {!tech && (
                <Form.Item name="transferForm" label="成果转化形式">
                  <Input.TextArea rows={2} maxLength={2000} placeholder="如：技术转让、许可、作价入股" />
                </Form.Item>
              )}
              <Form.Item name="challengerRequirements" label="对揭榜方的要求">
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item name="ipOwnership" label="知识产权归属">
                    <Input.TextArea rows={2} maxLength={2000} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="benefitSharing" label="利益分配">
                    <Input.TextArea rows={2} maxLength={2000} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>

            <Card
              title={<span>需求方条件（{tech ? cite('第五条第（一）项') : cite('第六条第（一）项')}）</span>}
              size="small"
              className="form-card"
              data-testid="demander-conditions"
            >
              {tech ? (
                <>
                  <Form.Item name={['conditions', 'urgentNeed']} valuePropName="checked" className="compact-item">
                    <Checkbox>有迫切的技术需求，依靠自身能力难以解决</Checkbox>
                  </Form.Item>
                  <Form.Item name={['conditions', 'clearTargets']} valuePropName="checked" className="compact-item">
                    <Checkbox>有明确的研发目标或技术参数</Checkbox>
                  </Form.Item>
                  <Form.Item name={['conditions', 'appliesFirstInOwnEnterprise']} valuePropName="checked" className="compact-item">
                    <Checkbox>成果率先在本企业应用</Checkbox>
                  </Form.Item>
                  <Form.Item name={['conditions', 'fundingCapacity']} valuePropName="checked" className="compact-item">
                    <Checkbox>具备资金投入能力和配套条件</Checkbox>
                  </Form.Item>
                </>
              ) : (
                <>
                  <Form.Item name={['conditions', 'ownsIP']} valuePropName="checked" className="compact-item">
                    <Checkbox>拥有拟转化成果的自主知识产权</Checkbox>
                  </Form.Item>
                  <Form.Item name={['conditions', 'stableTeam']} valuePropName="checked" className="compact-item">
                    <Checkbox>有稳定的成果转化技术支撑团队</Checkbox>
                  </Form.Item>
                </>
              )}
            </Card>

            {submitError && <Alert type="error" showIcon title={submitError} className="block-sm" data-testid="submit-error" />}
            <div className="form-actions">
              <Button type="primary" size="large" htmlType="submit" loading={submitting} data-testid="submit-demand">
                提交需求
              </Button>
            </div>
          </Form>
        </Col>
        <Col xs={24} lg={8}>
          <div className="checks-panel">
            <Card
              size="small"
              title={
                <Space>
                  即时核对
                  {checking && <Spin size="small" />}
                </Space>
              }
              data-testid="checks-panel"
            >
              {assessment ? (
                <>
                  <Space wrap className="block-sm">
                    <DecisionTag decision={assessment.decision} />
                    {fails > 0 && <span className="muted">{fails} 项不符合</span>}
                  </Space>
                  <GoverningStatusAlert status={assessment.governingDocumentStatus} compact />
                  <FindingList findings={assessment.findings} />
                </>
              ) : (
                <div data-testid="checks-pending">
                  <p className="muted">{issues.length === 0 ? '正在核对……' : `填写完整后按条款逐项核对。尚有 ${issues.length} 处需要填写或更正：`}</p>
                  <ul className="issue-list">
                    {issues.slice(0, 12).map((i, n) => (
                      <li key={n}>{i.message}</li>
                    ))}
                    {issues.length > 12 && <li className="muted">……另有 {issues.length - 12} 处</li>}
                  </ul>
                </div>
              )}
            </Card>
          </div>
        </Col>
      </Row>
    </div>
  );
}
