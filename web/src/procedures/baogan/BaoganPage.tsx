import { Alert, Button, Card, Col, Form, InputNumber, List, Row, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth';
import { CiteLink, ProcedureValidity } from '../../components/CaseBits';
import { PageState } from '../../components/PageState';
import { articleLink, BAOGAN_DOCUMENT, scienceApi, type SpotCheckDraw } from '../science/scienceApi';
import { useApi } from '../../useApi';

/** The science bureau's random spot check (六、监督检查). */
function SpotCheckCard() {
  const [result, setResult] = useState<SpotCheckDraw | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const draw = async ({ count }: { count: number }) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await scienceApi.spotCheck(count));
    } catch (e) {
      setResult(null);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="随机抽查" className="block" data-testid="spot-check">
      <p className="muted">从执行中和已结题的包干制项目中以密码学随机数抽取；每个抽中项目记入审计链，可在案件页记录抽查结论。</p>
      <Form layout="inline" onFinish={draw} initialValues={{ count: 1 }} className="spot-check-form">
        <Form.Item name="count" label="抽查数量" rules={[{ required: true, message: '请填写抽查数量' }]}>
          <InputNumber min={1} max={1000} precision={0} data-testid="spot-check-count" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="spot-check-submit">
          抽取
        </Button>
      </Form>
      {error && <Alert type="error" showIcon title={error} className="block-sm" />}
      {result && (
        <div className="block-sm" data-testid="spot-check-result">
          <p>
            {result.date}：{result.method}（抽查批次 {result.drawId.slice(0, 8)}）
          </p>
          <ProcedureValidity procedure="baogan" />
          <ul className="plain-list">
            {result.drawn.map((id) => (
              <li key={id}>
                <Link to={`/cases/${encodeURIComponent(id)}`}>{id}</Link>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}

/** `/baogan` — 科研经费“包干制”: categories, the negative list with its items, the commitment letter. */
export function BaoganPage() {
  const { actor } = useAuth();
  const rules = useApi((signal) => scienceApi.baoganRules(signal), []);
  useEffect(() => {
    document.title = '包干制 · 政务 Zhengwu';
  }, []);
  if (rules.loading || rules.error) return <PageState {...rules} />;
  const r = rules.data!;
  return (
    <div className="page baogan-page">
      <Typography.Title level={2} className="page-title">
        科研经费“包干制”
      </Typography.Title>
      <p className="muted">
        依据 <CiteLink cites={BAOGAN_DOCUMENT} link={articleLink(BAOGAN_DOCUMENT)} />
        ：市级基础研究类科技计划项目实行经费包干制，申请书和任务书无需编制预算；项目负责人签署承诺书后拨付经费；经费使用实行负面清单管理。
      </p>
      {(actor?.role === 'science_bureau' || actor?.role === 'admin') && <SpotCheckCard />}
      {actor?.role === 'science_bureau' && (
        <p className="block-sm">
          <Link to="/cases?procedure=baogan">查看包干制项目</Link> · <Link to="/inbox">待办</Link>
        </p>
      )}
      <Row gutter={[16, 16]} className="block">
        <Col xs={24} lg={12}>
          <Card size="small" title="经费使用负面清单（五、）" data-testid="negative-list">
            <List
              dataSource={r.negativeList}
              renderItem={(n) => (
                <List.Item data-testid="negative-item">
                  <div>
                    <div>{n.summary}</div>
                    <CiteLink cites={n.cites} link={n.link} />
                  </div>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="支出科目（四、）" data-testid="categories">
            <div className="tag-wrap">
              {r.categories.map((c) => (
                <Tag key={c.id} className="category-tag">
                  {c.label} <CiteLink cites={c.cites.replace(`${BAOGAN_DOCUMENT} `, '')} link={c.link} />
                </Tag>
              ))}
            </div>
          </Card>
          <Card size="small" title="项目负责人承诺书（附件）" className="block" data-testid="commitment-text">
            <div className="pre-line commitment-text">{r.commitmentText}</div>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
