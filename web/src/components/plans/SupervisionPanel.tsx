import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, Select, Space, Tag, Timeline } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { CaseApiError, fieldPath, beijingTime } from '../../caseApi';
import { plansApi, SUPERVISION_STATE_COLOR, type SupervisionActionInput, type SupervisionView, type TaskDetail } from './api';

const docLink = (document: string, anchor: string) => `/docs/${encodeURIComponent(document)}#${encodeURIComponent(anchor)}`;
const basisLink = (detail: TaskDetail, citation: string) => {
  const b = detail.bases.find((x) => x.citation === citation);
  return b ? <Link to={docLink(b.document, b.anchor)}>{b.citation}</Link> : citation;
};

/** Shows server field errors on the form and any other message above it. */
function useSubmit(form: ReturnType<typeof Form.useForm>[0]) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      return true;
    } catch (e) {
      const err = e as CaseApiError;
      if (err.details?.length) form.setFields(err.details.map((d) => ({ name: fieldPath(d.field), errors: [d.message] })));
      setError(err.message);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/**
 * 督办 on a task: 挂账督办 by the plan office, the lead unit's answer, a new date or 验收销号
 * (承市政字〔2022〕16号 三、（十一）5.；承市政办字〔2022〕48号 四、（三）).
 */
export function SupervisionPanel({ detail, onChanged }: { detail: TaskDetail; onChanged: () => void }) {
  const pending = detail.supervisions.some((s) => s.state !== 'closed');
  return (
    <div data-testid="supervision-panel">
      {detail.supervisions.length === 0 && <Empty description="尚无督办" image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      {[...detail.supervisions].reverse().map((s) => (
        <SupervisionItem key={s.id} s={s} detail={detail} onChanged={onChanged} />
      ))}
      {detail.maySupervise && !pending && <OpenForm detail={detail} onChanged={onChanged} />}
    </div>
  );
}

function OpenForm({ detail, onChanged }: { detail: TaskDetail; onChanged: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [show, setShow] = useState(false);
  const { busy, error, run } = useSubmit(form);
  if (!show)
    return (
      <Button className="block" danger onClick={() => setShow(true)} data-testid="supervision-open-start">
        挂账督办
      </Button>
    );
  const submit = (v: { reason: string; dueDate: Dayjs; basis: string }) =>
    run(async () => {
      await plansApi.openSupervision(detail.task.id, { reason: v.reason ?? '', dueDate: v.dueDate?.format('YYYY-MM-DD') ?? '', basis: v.basis });
      message.success('已挂账督办');
      form.resetFields();
      setShow(false);
      onChanged();
    });
  return (
    <Card size="small" title="挂账督办" className="block plan-inline-form">
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ basis: detail.bases[0].citation }} data-testid="supervision-open-form">
        {error && <Alert type="error" showIcon title={error} className="block-sm" />}
        <Form.Item label="督办事由" name="reason" rules={[{ required: true, message: '请填写督办事由' }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount aria-label="督办事由" data-testid="supervision-reason" />
        </Form.Item>
        <Form.Item label="办理期限（应晚于今天）" name="dueDate" rules={[{ required: true, message: '请选择办理期限' }]}>
          <DatePicker format="YYYY-MM-DD" aria-label="办理期限" data-testid="supervision-due" />
        </Form.Item>
        <Form.Item
          label="依据"
          name="basis"
          rules={[{ required: true, message: '请选择督办依据' }]}
          extra={detail.bases.map((b) => `${b.citation}：${b.summary}`).join('；')}
        >
          <Select options={detail.bases.map((b) => ({ value: b.citation, label: b.citation }))} aria-label="依据" style={{ maxWidth: 320 }} />
        </Form.Item>
        <Space wrap>
          <Button type="primary" danger htmlType="submit" loading={busy} data-testid="supervision-open-submit">
            挂账督办
          </Button>
          <Button onClick={() => setShow(false)}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}

function SupervisionItem({ s, detail, onChanged }: { s: SupervisionView; detail: TaskDetail; onChanged: () => void }) {
  const mayAnswer = detail.role === 'lead' && s.state !== 'closed';
  const mayManage = detail.maySupervise;
  return (
    <Card size="small" className="plan-supervision" data-testid="supervision" data-state={s.state}>
      <div className="plan-supervision-head">
        <Tag color={SUPERVISION_STATE_COLOR[s.state]}>{s.stateLabel}</Tag>
        <span>
          期限 {s.dueDate}
          {s.overdue && (
            <Tag color="error" className="tag-gap">
              已超期
            </Tag>
          )}
        </span>
        <span className="muted-inline">
          {s.openedBy} {s.openedAt.slice(0, 10)}
        </span>
      </div>
      <div className="block-sm">督办事由：{s.reason}</div>
      <div className="cite">依据：{basisLink(detail, s.basis)}</div>
      <Timeline
        items={s.events.map((e) => ({
          key: e.seq,
          color: e.action === 'close' ? 'green' : e.action === 'answer' ? 'blue' : 'red',
          content: (
            <div>
              <strong>{e.actionLabel}</strong> <span className="muted-inline">{beijingTime(e.at)}</span>
              <div className="muted-inline">
                {e.actor}
                {e.unit ? `（${e.unit}）` : ''}
              </div>
              {e.note && e.action !== 'open' && <div>{e.note}</div>}
              {e.dueDate && e.action !== 'open' && <div>新的办理期限：{e.dueDate}</div>}
            </div>
          ),
        }))}
      />
      {mayAnswer && <ActionForm s={s} actions={['answer']} onChanged={onChanged} />}
      {mayManage && (
        <ActionForm s={s} actions={s.state === 'closed' ? ['reopen'] : s.state === 'answered' ? ['close', 'extend'] : ['extend']} onChanged={onChanged} />
      )}
      {mayManage && s.state === 'open' && <div className="muted-inline">牵头单位答复后方可验收销号。</div>}
    </Card>
  );
}

const ACTION_LABEL: Record<SupervisionActionInput['action'], string> = { answer: '答复', extend: '重新确定期限', close: '验收销号', reopen: '重新督办' };
const NOTE_LABEL: Record<SupervisionActionInput['action'], string> = {
  answer: '答复内容（整改或推进情况）',
  extend: '说明（可选）',
  close: '验收意见',
  reopen: '重新督办的理由',
};

function ActionForm({ s, actions, onChanged }: { s: SupervisionView; actions: SupervisionActionInput['action'][]; onChanged: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { busy, error, run } = useSubmit(form);
  const action: SupervisionActionInput['action'] = Form.useWatch('action', form) ?? actions[0];
  const needsDate = action === 'extend' || action === 'reopen';
  const submit = (v: { note?: string; dueDate?: Dayjs }) =>
    run(async () => {
      const r = await plansApi.actOnSupervision(s.id, {
        action,
        version: s.version,
        note: v.note ?? '',
        ...(needsDate ? { dueDate: v.dueDate?.format('YYYY-MM-DD') ?? '' } : {}),
      });
      message.success(`${ACTION_LABEL[action]}：${r.stateLabel}`);
      form.resetFields();
      onChanged();
    });
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ action: actions[0] }}
      className="plan-inline-form block-sm"
      data-testid={`supervision-form-${actions.join('-')}`}
    >
      {error && <Alert type="error" showIcon title={error} className="block-sm" />}
      {actions.length > 1 && (
        <Form.Item label="操作" name="action">
          <Select
            options={actions.map((a) => ({ value: a, label: ACTION_LABEL[a] }))}
            style={{ maxWidth: 240 }}
            aria-label="督办操作"
            data-testid="supervision-action"
          />
        </Form.Item>
      )}
      {actions.length === 1 && (
        <Form.Item name="action" hidden>
          <Input />
        </Form.Item>
      )}
      <Form.Item
        label={NOTE_LABEL[action]}
        name="note"
        rules={action === 'extend' ? [] : [{ required: true, message: `请填写${NOTE_LABEL[action].replace(/（.*）$/, '')}` }]}
      >
        <Input.TextArea rows={2} maxLength={2000} showCount aria-label={NOTE_LABEL[action]} data-testid="supervision-note" />
      </Form.Item>
      {needsDate && (
        <Form.Item label="新的办理期限（应晚于今天）" name="dueDate" rules={[{ required: true, message: '请选择办理期限' }]}>
          <DatePicker format="YYYY-MM-DD" aria-label="办理期限" data-testid="supervision-new-due" />
        </Form.Item>
      )}
      <Button type="primary" danger={action === 'reopen'} htmlType="submit" loading={busy} data-testid="supervision-submit">
        {ACTION_LABEL[action]}
      </Button>
    </Form>
  );
}
