import { Button, Card, List, Space, Tag, Typography } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth';
import { caseApi } from '../caseApi';
import { CiteLink, GoverningStatusAlert } from '../components/CaseBits';
import { PageState } from '../components/PageState';
import { useApi } from '../useApi';

/** `/homestead` — the procedure: governing document, states with time limits, rules, each with its article. */
export function ProcedurePage() {
  const { actor } = useAuth();
  const state = useApi((signal) => caseApi.procedure('homestead', signal), []);
  useEffect(() => {
    document.title = '宅基地审批 · 政务 Zhengwu';
  }, []);
  if (state.loading || state.error) return <PageState {...state} />;
  const p = state.data!;
  const canApply = !actor || actor.role === 'applicant' || actor.role === 'village';

  return (
    <div className="page procedure-page">
      <Typography.Title level={2} className="page-title" data-testid="procedure-name">
        {p.name}
      </Typography.Title>
      <p className="muted">
        依据：
        <CiteLink cites={p.governingDocumentStatus.document} link={`/docs/${encodeURIComponent(p.governingDocumentStatus.document)}`} />
        （隆化县农村宅基地审批和住房建设管理实施细则（试行））
      </p>
      <GoverningStatusAlert status={p.governingDocumentStatus} />
      {canApply && (
        <div className="block">
          <Link to={actor ? '/homestead/apply' : '/login'} state={actor ? undefined : { from: '/homestead/apply', message: '提交申请前请先登录。' }}>
            <Button type="primary" icon={<FormOutlined />} data-testid="apply-button">
              {actor ? '填写申请' : '登录后填写申请'}
            </Button>
          </Link>
        </div>
      )}

      <Card title="办理流程和时限" className="block" data-testid="procedure-states">
        <List
          dataSource={p.states}
          renderItem={(s, i) => (
            <List.Item className="state-item" data-testid="procedure-state">
              <div className="state-main">
                <Space size={[8, 4]} wrap>
                  <span className="state-no">{i + 1}</span>
                  <strong>{s.label}</strong>
                  {s.actorLabel && <Tag>{s.actorLabel}</Tag>}
                  {s.terminal && <Tag color="default">办结</Tag>}
                </Space>
                {s.limit && (
                  <div className="state-limit">
                    <Tag color={s.limit.kind === 'minimum' ? 'blue' : 'gold'}>
                      {s.limit.kind === 'minimum' ? `不少于 ${s.limit.workdays} 个工作日` : `${s.limit.workdays} 个工作日内`}
                    </Tag>
                    <span>{s.limit.label}</span>
                    <span className="state-cite">
                      <CiteLink cites={s.limit.cites} link={s.limit.link} />
                    </span>
                  </div>
                )}
              </div>
            </List.Item>
          )}
        />
      </Card>

      <Card title="审批条件和标准" className="block" data-testid="procedure-rules">
        <List
          dataSource={p.rules}
          renderItem={(r) => (
            <List.Item className="rule-item" data-testid="procedure-rule">
              <div>
                <div>{r.summary}</div>
                <CiteLink cites={r.cites} link={r.link} />
              </div>
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
