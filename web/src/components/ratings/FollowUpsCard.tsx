import { Button, Card, Rate, Segmented, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth';
import { useRegistry } from '../../platform/registry';
import { useApi } from '../../useApi';
import { ratingApi, type FollowUpItem } from './api';
import { ReplyForm } from './ReplyForm';
import './ratings.css';

/**
 * 差评整改 on the inbox: the 差评 an office must check, rectify and answer by a date (the earliest first), and
 * for a county or city role those of the offices below it. Shown only when there is at least one.
 */
export function FollowUpsCard() {
  const registry = useRegistry();
  const { actor } = useAuth();
  const own = registry?.roles.find((r) => r.id === actor?.role)?.level === 'own';
  const [status, setStatus] = useState<'open' | 'replied'>('open');
  const [version, setVersion] = useState(0);
  const [replying, setReplying] = useState<number | null>(null);
  // Once the roles are known: a person or unit acting for itself has no follow-ups to answer.
  const asks = Boolean(registry && actor && !own);
  const list = useApi((signal) => (asks ? ratingApi.followUps(undefined, signal) : Promise.resolve(null)), [asks, actor?.id, version]);
  if (!list.data || list.data.total === 0) return null;
  const items = list.data.items.filter((i) => i.followUp?.status === status);
  const open = list.data.open;
  return (
    <Card
      size="small"
      className="block"
      data-testid="followups-card"
      title={<span>差评整改{open > 0 && <span className="text-danger">（待答复 {open}）</span>}</span>}
    >
      <Segmented
        className="block-sm"
        value={status}
        onChange={(v) => setStatus(v as 'open' | 'replied')}
        options={[
          { value: 'open', label: `待答复 ${open}` },
          { value: 'replied', label: `已答复 ${list.data.total - open}` },
        ]}
      />
      {items.length === 0 ? (
        <p className="muted">{status === 'open' ? '没有待答复的差评。' : '还没有已答复的差评。'}</p>
      ) : (
        items.map((i) => (
          <FollowUpRow
            key={i.id}
            item={i}
            replying={replying === i.followUp!.id}
            onReply={() => setReplying(replying === i.followUp!.id ? null : i.followUp!.id)}
            onDone={() => (setReplying(null), setVersion((n) => n + 1))}
          />
        ))
      )}
    </Card>
  );
}

function FollowUpRow({ item, replying, onReply, onDone }: { item: FollowUpItem; replying: boolean; onReply: () => void; onDone: () => void }) {
  const f = item.followUp!;
  return (
    <div className="rating-followup-item" data-testid="followup-item" data-case={item.caseId}>
      <div className="rating-followup-title">
        {f.status === 'replied' ? (
          <Tag color={f.late ? 'orange' : 'default'}>{f.late ? '逾期答复' : '已答复'}</Tag>
        ) : f.overdue ? (
          <Tag color="red">逾期</Tag>
        ) : (
          <Tag color="orange">待答复</Tag>
        )}
        <Link to={`/cases/${encodeURIComponent(item.caseId)}`}>{item.caseTitle}</Link>
      </div>
      <div className="rating-line rating-stars-row">
        <Rate className="rating-stars-small" disabled value={item.score} />
        <span className="rating-level rating-level-bad">{item.label}</span>
        <span className="muted">
          {item.ratedOn} · {item.procedure.name}
        </span>
      </div>
      {item.comment && <blockquote className="rating-quote">{item.comment}</blockquote>}
      <div className="muted rating-line">
        {item.office.label} ·{' '}
        {f.status === 'open' ? (
          <>
            答复期限 <strong className={f.overdue ? 'text-danger' : undefined}>{f.dueOn ?? '—'}</strong>
            {f.workdaysLeft !== null && f.workdaysLeft >= 0 && !f.overdue ? `（剩余 ${f.workdaysLeft} 个工作日）` : ''}
          </>
        ) : (
          `${f.repliedBy ?? ''} 于 ${f.repliedOn ?? ''} 答复`
        )}
      </div>
      {f.status === 'replied' && f.reply && <blockquote className="rating-quote rating-reply">{f.reply}</blockquote>}
      {f.canReply &&
        (replying ? (
          <ReplyForm followUpId={f.id} onDone={onDone} />
        ) : (
          <Button className="block-sm" size="small" type="primary" onClick={onReply} data-testid="followup-reply">
            答复
          </Button>
        ))}
    </div>
  );
}
