import { App, Button, Input, Space } from 'antd';
import { useState } from 'react';
import { ratingApi, type RatingView } from './api';

/** The office's answer to a 差评: what it checked and what it changed; sent once, the applicant is notified. */
export function ReplyForm({ followUpId, onDone }: { followUpId: number; onDone: (view: RatingView) => void }) {
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    if (text.trim().length < 5) return setError('请填写核实和整改情况（至少 5 个字）');
    setBusy(true);
    try {
      const view = await ratingApi.reply(followUpId, text.trim());
      message.success('已答复，申请人会收到通知。');
      onDone(view);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" className="full-width block-sm rating-reply-form" data-testid="reply-form">
      <Input.TextArea
        className="rating-counted"
        rows={3}
        maxLength={2000}
        showCount
        value={text}
        status={error ? 'error' : undefined}
        onChange={(e) => (setText(e.target.value), setError(null))}
        placeholder="核实情况、整改措施和结果（将通知申请人）"
        aria-label="答复内容"
        data-testid="reply-text"
      />
      {error && (
        <div className="text-danger" role="alert" data-testid="reply-error">
          {error}
        </div>
      )}
      <Button type="primary" block loading={busy} onClick={send} data-testid="reply-submit">
        答复申请人
      </Button>
    </Space>
  );
}
