// 会审 (a joint review, ActionDef.joint): who of the members has given an opinion in the open round, who is still
// awaited, and the rounds decided before — for any procedure whose record carries engine joint reviews.
import { Card, Collapse, Descriptions, Empty, Tag } from 'antd';
import { ROLE_NAMES, type CaseView } from '../caseApi';

interface Opinion {
  by: string;
  unit: string | null;
  date: string;
  agree?: boolean;
  opinion?: string;
}
interface Review {
  open: Record<string, Opinion>;
  rounds: { decidedOn: string; to: string; opinions: Record<string, Opinion>; interrupted?: boolean }[];
}

function Opinions({ opinions }: { opinions: Record<string, Opinion> }) {
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={Object.entries(opinions).map(([role, o]) => ({
        key: role,
        label: ROLE_NAMES[role] ?? role,
        children: (
          <span data-testid={`opinion-${role}`}>
            {o.agree !== undefined && <Tag color={o.agree ? 'green' : 'red'}>{o.agree ? '同意' : '不同意'}</Tag>}
            {o.opinion}
            <span className="muted">
              {' '}
              （{o.unit ?? o.by}，{o.date}）
            </span>
          </span>
        ),
      }))}
    />
  );
}

export function JointReviewCard({ c, stateLabels }: { c: CaseView; stateLabels: Record<string, string> }) {
  const recorded = (c.record as { joint?: Record<string, Review> }).joint ?? {};
  // A case waiting for several members before any has spoken still shows whom it waits for.
  const reviews = Object.keys(recorded).length > 0 ? recorded : c.state.waitingFor.length > 1 ? { current: { open: {}, rounds: [] } } : null;
  if (!reviews) return null;
  return (
    <>
      {Object.entries(reviews).map(([id, r]) => (
        <Card key={id} size="small" className="block" title="会审意见" data-testid="joint-review">
          {Object.keys(r.open).length > 0 || c.state.waitingFor.length > 1 ? (
            <>
              {Object.keys(r.open).length > 0 ? <Opinions opinions={r.open} /> : <Empty description="本轮尚无成员单位提出意见" />}
              {!c.state.terminal && c.state.waitingFor.length > 0 && (
                <p className="muted" data-testid="joint-waiting">
                  待 {c.state.waitingFor.map((role) => ROLE_NAMES[role] ?? role).join('、')} 提出意见；全部成员单位提出意见后作出决定。
                </p>
              )}
            </>
          ) : null}
          {r.rounds.length > 0 && (
            <Collapse
              size="small"
              items={r.rounds.map((round, i) => ({
                key: String(i),
                label: `第 ${i + 1} 轮 · ${round.decidedOn} · ${round.interrupted ? '中途退回' : `结果：${stateLabels[round.to] ?? round.to}`}`,
                children: <Opinions opinions={round.opinions} />,
              }))}
            />
          )}
        </Card>
      ))}
    </>
  );
}
