import { Alert, App, Button, Card, Input, Rate, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { CaseApiError } from '../../caseApi';
import { ratingApi, levelText, LEVEL_LABELS, type CaseRating, type RatingView } from './api';
import { ReplyForm } from './ReplyForm';
import './ratings.css';

/**
 * 评价服务 on the page of a finished case: its filer rates it once (five levels, a reason required for a 差评);
 * afterwards everyone who reads the case sees the rating, the office's follow-up and its reply, and the office
 * rated answers here too.
 */
export function RatingCard({
  caseId,
  onChange,
}: {
  caseId: string;
  /** The rating or reply is in the case's timeline now: reload the case. */ onChange?: () => void;
}) {
  const [data, setData] = useState<CaseRating | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const ctrl = new AbortController();
    ratingApi.ofCase(caseId, ctrl.signal).then(
      (d) => setData(d),
      (e: Error) => e.name !== 'AbortError' && setFailed(true),
    );
    return () => ctrl.abort();
  }, [caseId]);
  // A server without 好差评, or a case one cannot read: nothing to show.
  if (failed || !data || data.caseId !== caseId) return null;
  const rating = data.rating;
  return (
    <Card size="small" title="评价服务" className="block rating-card" data-testid="rating-card">
      {rating ? (
        <RatingShown rating={rating} onReplied={(view) => (setData({ ...data, rating: view }), onChange?.())} />
      ) : data.canRate ? (
        <RatingForm data={data} onRated={(next) => (setData(next), onChange?.())} />
      ) : (
        <p className="muted" data-testid="rating-none">
          {data.whyNot === '只有提交本申请的申请人（单位）可以评价。' ? '申请人尚未评价。' : data.whyNot}
        </p>
      )}
    </Card>
  );
}

function RatingForm({ data, onRated }: { data: CaseRating; onRated: (d: CaseRating) => void }) {
  const { message } = App.useApp();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<{ score?: string; comment?: string; other?: string }>({});
  const [busy, setBusy] = useState(false);
  const { badAtMost, badCommentMin, commentMax, followUpWorkdays, basis } = data.rules;
  const bad = score > 0 && score <= badAtMost;
  const submit = async () => {
    if (!score) return setError({ score: '请选择评价等级（点击星星）' });
    if (bad && comment.trim().length < badCommentMin) return setError({ comment: `差评请写明不满意的原因（至少 ${badCommentMin} 个字）` });
    setBusy(true);
    try {
      const next = await ratingApi.rate(data.caseId, { score, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      message.success(bad ? '评价已提交，办理单位将核实整改并答复您。' : '评价已提交，感谢您的评价。');
      onRated(next);
    } catch (e) {
      const err = e as CaseApiError;
      if (err.status === 409) {
        // Rated meanwhile (another tab): show what is recorded.
        message.warning(err.message);
        onRated(await ratingApi.ofCase(data.caseId));
      } else setError({ other: err.message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="rating-form">
      <p className="muted rating-line">案件已办结，请对本次服务作出评价（每件只能评价一次）。</p>
      <div className="rating-line rating-stars-row">
        <span data-testid="rating-stars">
          <Rate className="rating-stars" value={score} onChange={(v) => (setScore(v), setError({}))} tooltips={LEVEL_LABELS} aria-label="评价等级" />
        </span>
        <span className={`rating-level${bad ? ' rating-level-bad' : ''}`} data-testid="rating-level">
          {score ? levelText(score) : '请选择'}
        </span>
      </div>
      {error.score && (
        <div className="text-danger" role="alert">
          {error.score}
        </div>
      )}
      <Input.TextArea
        className="rating-line rating-counted"
        rows={3}
        maxLength={commentMax}
        showCount
        value={comment}
        status={error.comment ? 'error' : undefined}
        onChange={(e) => (setComment(e.target.value), setError({}))}
        placeholder={bad ? '请写明不满意的原因（必填）' : '评价意见（选填）'}
        aria-label="评价意见"
        data-testid="rating-comment"
      />
      {error.comment && (
        <div className="text-danger" role="alert" data-testid="rating-comment-error">
          {error.comment}
        </div>
      )}
      {bad && (
        <Alert
          className="block-sm"
          type="info"
          showIcon
          title={`差评将转办理单位核实整改，并在 ${followUpWorkdays} 个工作日内答复您（${basis}）。`}
          data-testid="rating-bad-note"
        />
      )}
      {error.other && <Alert className="block-sm" type="error" showIcon title={error.other} />}
      <Button className="block-sm" type="primary" block loading={busy} onClick={submit} data-testid="rating-submit">
        提交评价
      </Button>
    </div>
  );
}

function RatingShown({ rating, onReplied }: { rating: RatingView; onReplied: (view: RatingView) => void }) {
  const f = rating.followUp;
  return (
    <div data-testid="rating-result" data-score={rating.score}>
      <div className="rating-stars-row">
        <Rate className="rating-stars-small" disabled value={rating.score} />
        <span className={`rating-level${rating.bad ? ' rating-level-bad' : ''}`} data-testid="rating-result-level">
          {rating.label}
        </span>
      </div>
      <div className="muted rating-line">
        {rating.mine ? '您' : '申请人'}于 {rating.ratedOn} 评价 · 被评价单位：{rating.office.label}
      </div>
      {rating.comment && (
        <blockquote className="rating-quote" data-testid="rating-result-comment">
          {rating.comment}
        </blockquote>
      )}
      {f && (
        <div className="rating-line" data-testid="rating-followup" data-status={f.status}>
          {f.status === 'open' ? (
            <>
              <div>
                {f.overdue ? <Tag color="red">逾期未答复</Tag> : <Tag color="orange">整改中</Tag>}
                差评已转{rating.office.label}核实整改，答复期限 <strong>{f.dueOn ?? '—'}</strong>
                {f.workdaysLeft !== null && f.workdaysLeft >= 0 && !f.overdue ? `（剩余 ${f.workdaysLeft} 个工作日）` : ''}
              </div>
              {f.dueNote && <div className="muted">{f.dueNote}</div>}
              <div className="muted">依据：{f.citation}</div>
              {f.canReply && <ReplyForm followUpId={f.id} onDone={onReplied} />}
            </>
          ) : (
            <>
              <div>
                <Tag color={f.late ? 'orange' : 'green'}>{f.late ? '逾期答复' : '已答复'}</Tag>
                {f.repliedBy} 于 {f.repliedOn} 答复：
              </div>
              <blockquote className="rating-quote rating-reply" data-testid="rating-reply-text">
                {f.reply}
              </blockquote>
            </>
          )}
        </div>
      )}
    </div>
  );
}
