import { Button, Card, List, Space, Tag, Typography } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import { canFile, intakePath, useRegistry } from '../platform/registry';
import { useAuth } from '../auth';
import { caseApi, type CitedLimit } from '../caseApi';
import { CiteLink, GoverningStatusAlert } from '../components/CaseBits';
import { PageState } from '../components/PageState';
import { useApi } from '../useApi';
import { GuideActions, GuideCards } from '../cases/GuideCards';

/** A limit as the text counts it: working days, calendar days (天) or full years (满 2 年). */
function limitText(l: CitedLimit): string {
  if (l.calendarYears) return l.kind === 'minimum' ? `不少于 ${l.workdays} 年` : `满 ${l.workdays} 年`;
  const unit = l.calendarDays ? '天' : '个工作日';
  return l.kind === 'minimum' ? `不少于 ${l.workdays} ${unit}` : `${l.workdays} ${unit}内`;
}

/** `/procedures/:id` (and a module's own page, e.g. /homestead) — the procedure: governing document, states with time limits, rules, each with its article. */
export function ProcedurePage({ procedureId }: { procedureId?: string }) {
  const { actor } = useAuth();
  const params = useParams();
  const id = procedureId ?? params.id ?? '';
  const registry = useRegistry();
  const entry = registry?.procedures.find((x) => x.id === id) ?? null;
  const state = useApi((signal) => caseApi.procedure(id, signal), [id]);
  useEffect(() => {
    if (state.data) document.title = `${state.data.name} · 政务 Zhengwu`;
  }, [state.data]);
  if (state.loading || state.error) return <PageState {...state} />;
  const p = state.data!;
  // Anyone may read the guide; the button shows to those who may file (and, signed out, to everyone).
  const canApply = entry ? !actor || canFile(entry, actor.role) : false;
  const intake = entry ? intakePath(entry) : '';

  return (
    <div className="page procedure-page">
      <Typography.Title level={2} className="page-title" data-testid="procedure-name">
        {p.name}
      </Typography.Title>
      <p className="muted">
        依据：
        <CiteLink cites={p.governingDocumentStatus.document} link={`/docs/${encodeURIComponent(p.governingDocumentStatus.document)}`} />
      </p>
      {entry && <p>{entry.summary}</p>}
      {entry && <p className="muted">由{entry.filedBy.map((r) => r.label).join('或')}提交</p>}
      <GoverningStatusAlert status={p.governingDocumentStatus} />
      <div className="block-sm">
        <GuideActions procedureId={id} />
      </div>
      {canApply && (
        <div className="block no-print">
          <Link to={actor ? intake : '/login'} state={actor ? undefined : { from: intake, message: '提交申请前请先登录。' }}>
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
                    <Tag color={s.limit.kind === 'minimum' ? 'blue' : 'gold'}>{limitText(s.limit)}</Tag>
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

      {(p.materials?.length ?? 0) > 0 && (
        <Card title="申请材料" className="block" data-testid="procedure-materials">
          <List
            dataSource={p.materials}
            renderItem={(m, i) => (
              <List.Item className="rule-item" data-testid="procedure-material">
                <div>
                  <div>
                    {i + 1}. {m.label}
                    {m.note && <span className="muted">（{m.note}）</span>}
                  </div>
                  <CiteLink cites={m.cites} link={m.link} />
                </div>
              </List.Item>
            )}
          />
        </Card>
      )}

      <Card
        title="审批条件和标准"
        className="block"
        data-testid="procedure-rules"
        extra={p.parameters.length > 0 ? <Link to={`/parameters?procedure=${encodeURIComponent(id)}`}>规则所用数值（{p.parameters.length}）</Link> : undefined}
      >
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
      <GuideCards procedureId={id} />
    </div>
  );
}
