// 我要揭榜: a challenger's application (承市科规〔2022〕1号 第十条, ChallengeSchema), with the
// conditions of 第四–六条 explained and checked as the form is filled in. The apply action is open
// to any enterprise: it is sent with the version shown on the public 榜单.
import { Alert, Button, Checkbox, Col, Form, Input, Modal, Radio, Row } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth';
import { caseApi, fieldPath, type CaseView, type FieldIssue } from '../../caseApi';
import { articleLink, JIEBANG_DOCUMENT, type ListItem } from './scienceApi';
import { CiteLink } from '../../components/CaseBits';

interface Values {
  party: {
    unit?: string;
    county?: string;
    registeredInChengde?: boolean;
    independentLegalPerson?: boolean;
    creditClean3y?: boolean;
    contact?: { name?: string; phone?: string };
  };
  equityRelationWithDemander?: boolean;
  plan?: string;
  ownIP?: boolean;
  stableTeam?: boolean;
  fundsSiteMarket?: boolean;
}

const YES_NO = [
  { value: true, label: '是' },
  { value: false, label: '否' },
];
const cite = (article: string) => <CiteLink cites={`${JIEBANG_DOCUMENT} ${article}`} link={articleLink(JIEBANG_DOCUMENT, article)} />;

/** The conditions a challenger must meet for this demand, judged on the values so far (the server judges again). */
function conditions(item: ListItem, v: Values) {
  const p = v.party ?? {};
  const same = (p.unit ?? '').replace(/\s/g, '') !== '' && (p.unit ?? '').replace(/\s/g, '') === item.demander.replace(/\s/g, '');
  const list: { ok: boolean; text: string; cites: string }[] = [
    { ok: !same && v.equityRelationWithDemander === false, text: '揭榜方与需求方不是同一单位，且无股权关联关系', cites: '第四条' },
  ];
  if (item.type === 'tech_breakthrough') {
    list.push(
      { ok: Boolean(v.ownIP), text: '有可行的实施方案，拥有与揭榜任务相关的自主知识产权', cites: '第五条第（二）项' },
      { ok: Boolean(v.stableTeam), text: '有稳定的技术支撑队伍', cites: '第五条第（二）项' },
      { ok: p.creditClean3y === true, text: '近 3 年无不良信用记录或重大违法行为', cites: '第五条第（二）项' },
    );
  } else {
    list.push(
      { ok: p.registeredInChengde === true && p.independentLegalPerson === true, text: '在承德市内注册，具有独立法人资格', cites: '第六条第（二）项' },
      { ok: Boolean(v.stableTeam), text: '有成果转化的人才队伍', cites: '第六条第（二）项' },
      { ok: Boolean(v.fundsSiteMarket), text: '具备资金、场地、市场等配套条件', cites: '第六条第（二）项' },
      { ok: p.creditClean3y === true, text: '近 3 年无不良信用记录或重大违法行为', cites: '第六条第（二）项' },
    );
  }
  return list;
}

export function ChallengeModal({ item, onClose, onDone }: { item: ListItem | null; onClose: () => void; onDone: (c: CaseView) => void }) {
  return (
    <Modal
      open={!!item}
      title={item ? `我要揭榜：${item.title}` : ''}
      onCancel={onClose}
      destroyOnHidden
      footer={null}
      width={720}
      data-testid="challenge-modal"
    >
      {item && <ChallengeForm key={`${item.id}-${item.version}`} item={item} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function ChallengeForm({ item, onClose, onDone }: { item: ListItem; onClose: () => void; onDone: (c: CaseView) => void }) {
  const { actor } = useAuth();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<{ status: number; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const values = (Form.useWatch([], form) ?? {}) as Values;
  const checks = conditions(item, { ...values, party: values.party ?? {} });

  const submit = async () => {
    const v = form.getFieldsValue(true) as Values;
    setBusy(true);
    setError(null);
    try {
      const next = await caseApi.act(item.id, 'apply', { version: item.version, payload: v });
      onDone(next);
    } catch (e) {
      const err = e as Error & { status: number; details?: FieldIssue[] };
      const details = (err.details ?? []).filter((d) => d.field.startsWith('payload.'));
      if (details.length) form.setFields(details.map((d) => ({ name: fieldPath(d.field.slice('payload.'.length)) as never, errors: [d.message] })));
      if (!details.length || details.length < (err.details ?? []).length) setError({ status: err.status, message: err.message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="challenge-form">
      <p className="muted">
        需求方：{item.demander}（{item.county}）· {item.typeLabel} · 截止 {item.deadline ?? '—'}。依据 {cite('第十条')}
        ：揭榜单位提交项目实施方案，由市科技局组织对接。
      </p>
      <Alert
        type="info"
        showIcon
        className="block-sm"
        title="揭榜条件（提交前自查，提交后由系统按条款审查）"
        description={
          <ul className="plain-list condition-list" data-testid="challenge-conditions">
            {checks.map((c, i) => (
              <li key={i} data-ok={c.ok}>
                {c.ok ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <CloseCircleFilled style={{ color: '#cf1322' }} />} {c.text}（{cite(c.cites)}）
              </li>
            ))}
          </ul>
        }
      />
      {error && <Alert type={error.status === 409 ? 'warning' : 'error'} showIcon title={error.message} className="block-sm" data-testid="challenge-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        name="challenge"
        className="block-sm"
        onFinish={submit}
        initialValues={{
          party: {
            unit: actor?.unit ?? undefined,
            county: actor?.county ?? undefined,
            registeredInChengde: true,
            independentLegalPerson: true,
            creditClean3y: true,
            contact: {},
          },
          equityRelationWithDemander: false,
          ownIP: false,
          stableTeam: false,
          fundsSiteMarket: false,
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') e.preventDefault();
        }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item name={['party', 'unit']} label="揭榜单位" rules={[{ required: true, message: '请填写单位名称' }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name={['party', 'county']} label="所在县（市、区）" rules={[{ required: true, message: '请填写所在县（市、区）' }]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name={['party', 'contact', 'name']} label="联系人" rules={[{ required: true, message: '请填写联系人' }]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name={['party', 'contact', 'phone']} label="手机号码" rules={[{ required: true, message: '请填写手机号码' }]}>
              <Input maxLength={11} inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="equityRelationWithDemander" label="与需求方有股权关联关系">
              <Radio.Group options={YES_NO} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name={['party', 'registeredInChengde']} label="在承德市域内注册">
              <Radio.Group options={YES_NO} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name={['party', 'independentLegalPerson']} label="具有独立法人资格">
              <Radio.Group options={YES_NO} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name={['party', 'creditClean3y']} label="近 3 年无不良信用记录">
              <Radio.Group options={YES_NO} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="plan" label="项目实施方案（摘要）" rules={[{ required: true, message: '请填写实施方案摘要' }]}>
          <Input.TextArea rows={4} maxLength={5000} showCount placeholder="技术路线、进度安排、考核指标、团队和经费安排" />
        </Form.Item>
        <Form.Item name="ownIP" valuePropName="checked" className="compact-item">
          <Checkbox data-testid="challenge-ownIP">拥有与揭榜任务相关的自主知识产权（第五条第（二）项）</Checkbox>
        </Form.Item>
        <Form.Item name="stableTeam" valuePropName="checked" className="compact-item">
          <Checkbox data-testid="challenge-stableTeam">有稳定的技术支撑或成果转化人才队伍</Checkbox>
        </Form.Item>
        <Form.Item name="fundsSiteMarket" valuePropName="checked" className="compact-item">
          <Checkbox data-testid="challenge-fundsSiteMarket">具备资金、场地、市场等配套条件（第六条第（二）项）</Checkbox>
        </Form.Item>
        <div className="modal-actions">
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="challenge-submit">
            提交揭榜申报
          </Button>
        </div>
        <p className="muted block-sm">
          提交后可在 <Link to="/cases">案件</Link> 中查看本榜单的办理进度。
        </p>
      </Form>
    </div>
  );
}
