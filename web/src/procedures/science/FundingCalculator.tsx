// 揭榜挂帅 资助计算 (承市科规〔2022〕1号 第十三–十七条): ceiling, first tranche, remainder and
// recipient, each with its article, from POST /api/jiebang/funding.
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Radio } from 'antd';
import { useState } from 'react';
import { fieldPath, type FieldIssue } from '../../caseApi';
import { scienceApi, yuan, type FundingInput, type FundingResult } from './scienceApi';
import { CiteLink } from '../../components/CaseBits';

interface Values {
  type: FundingInput['type'];
  agreementAmount?: number | null;
  firstPayment?: number | null;
  alreadyCityFunded?: boolean;
  majorEmergency?: boolean;
  caseByCaseAmount?: number | null;
  demander?: string;
  challenger?: string;
}

const money = {
  className: 'full-width',
  min: 0,
  precision: 2,
  suffix: '元',
  formatter: (v?: string | number) => `${v ?? ''}`.replace(/\B(?=(\d{3})+(?!\d))/g, ','),
  parser: (v?: string) => Number((v ?? '').replace(/,/g, '')),
} as const;
const clean = (v: Values): FundingInput => {
  const out: Record<string, unknown> = {
    type: v.type,
    agreementAmount: v.agreementAmount ?? undefined,
    alreadyCityFunded: Boolean(v.alreadyCityFunded),
    majorEmergency: Boolean(v.majorEmergency),
  };
  if (typeof v.firstPayment === 'number') out.firstPayment = v.firstPayment;
  if (v.majorEmergency && typeof v.caseByCaseAmount === 'number') out.caseByCaseAmount = v.caseByCaseAmount;
  if (v.demander?.trim()) out.demander = v.demander.trim();
  if (v.challenger?.trim()) out.challenger = v.challenger.trim();
  return out as FundingInput;
};

export function FundingCalculator({ initial }: { initial?: Partial<Values> }) {
  const [form] = Form.useForm<Values>();
  const [result, setResult] = useState<FundingResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const emergency = Form.useWatch('majorEmergency', form);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await scienceApi.funding(clean(form.getFieldsValue(true))));
    } catch (e) {
      const err = e as Error & { details?: FieldIssue[] };
      setResult(null);
      const details = (err.details ?? []).filter((d) => d.field);
      if (details.length) form.setFields(details.map((d) => ({ name: fieldPath(d.field).slice(0, 1) as [keyof Values], errors: [d.message] })));
      else setError(err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title="资助计算（第十三–十七条）" data-testid="funding-calculator">
      <Form<Values>
        form={form}
        layout="vertical"
        name="funding"
        initialValues={{ type: 'tech_breakthrough', alreadyCityFunded: false, majorEmergency: false, ...initial }}
        onFinish={run}
        onValuesChange={() => setResult(null)}
      >
        <Form.Item name="type" label="项目类型">
          <Radio.Group
            options={[
              { value: 'tech_breakthrough', label: '技术攻关类' },
              { value: 'achievement_transfer', label: '成果转化类' },
            ]}
          />
        </Form.Item>
        <Form.Item name="agreementAmount" label="揭榜协议约定的实际支付金额" rules={[{ required: true, message: '请填写协议金额' }]}>
          <InputNumber {...money} data-testid="funding-amount" />
        </Form.Item>
        <Form.Item name="firstPayment" label="双方首笔拨付金额（可不填）" extra="填写后按同一比例计算首笔财政资助。">
          <InputNumber {...money} data-testid="funding-first" />
        </Form.Item>
        <Form.Item name="demander" label="需求方（可不填）">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="challenger" label="揭榜方（可不填）">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="alreadyCityFunded" valuePropName="checked" className="compact-item">
          <Checkbox>该项目已获得市级财政科技资金支持</Checkbox>
        </Form.Item>
        <Form.Item name="majorEmergency" valuePropName="checked" className="compact-item">
          <Checkbox>市委、市政府确定的重大应急性项目（一事一议）</Checkbox>
        </Form.Item>
        {emergency && (
          <Form.Item name="caseByCaseAmount" label="一事一议确定的支持额度">
            <InputNumber {...money} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="funding-submit">
          计算
        </Button>
      </Form>
      {error && <Alert type="error" showIcon title={error} className="block-sm" />}
      {result && (
        <div className="block-sm" data-testid="funding-result">
          {!result.eligible && result.refusal && (
            <Alert
              type="warning"
              showIcon
              title="不予资助"
              description={
                <span>
                  {result.refusal.explanation} <CiteLink cites={result.refusal.cites} link={result.refusal.link} />
                </span>
              }
              data-testid="funding-refusal"
            />
          )}
          {result.eligible && (
            <Descriptions size="small" bordered column={1}>
              <Descriptions.Item label="资助上限">
                <strong data-testid="funding-ceiling">{yuan(result.ceiling.amount)}</strong>
                <div className="muted">{result.ceiling.explanation}</div>
                <CiteLink cites={result.ceiling.cites} link={result.ceiling.link} />
              </Descriptions.Item>
              {result.firstTranche && (
                <Descriptions.Item label="首笔资助">
                  <strong data-testid="funding-first-tranche">{yuan(result.firstTranche.amount)}</strong>
                  <div className="muted">{result.firstTranche.explanation}</div>
                  <CiteLink cites={result.firstTranche.cites} link={result.firstTranche.link} />
                </Descriptions.Item>
              )}
              {result.remainder && (
                <Descriptions.Item label="验收后余额">
                  <strong data-testid="funding-remainder">{yuan(result.remainder.amount)}</strong>
                  <div className="muted">{result.remainder.explanation}</div>
                  <CiteLink cites={result.remainder.cites} link={result.remainder.link} />
                </Descriptions.Item>
              )}
              <Descriptions.Item label="支持对象">
                <strong data-testid="funding-recipient">{result.recipient.name ?? (result.recipient.party === 'demander' ? '需求方' : '揭榜方')}</strong>
                <div className="muted">{result.recipient.explanation}</div>
                <CiteLink cites={result.recipient.cites} link={result.recipient.link} />
              </Descriptions.Item>
            </Descriptions>
          )}
        </div>
      )}
    </Card>
  );
}
