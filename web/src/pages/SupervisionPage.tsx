import { App, Button, Card, DatePicker, Empty, Input, List, Modal, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { timeApi, type SupervisionItem } from '../caseApi';
import { useApi } from '../useApi';

const STATUS = {
  open: { color: 'red', label: '待督办' },
  answered: { color: 'orange', label: '督办中' },
  closed: { color: 'default', label: '已办结' },
} as const;

/** `/supervision` — 督办: time limits that ran out, escalated to the office one level up. */
export function SupervisionPage() {
  const [status, setStatus] = useState<string>('open');
  const [version, setVersion] = useState(0);
  const [handling, setHandling] = useState<{ item: SupervisionItem; action: 'comment' | 'close' } | null>(null);
  const list = useApi((signal) => timeApi.supervision({ status: status === 'all' ? undefined : status }, signal), [status, version]);
  return (
    <main className="page">
      <Typography.Title level={2} className="page-title">
        督办
      </Typography.Title>
      <Segmented
        className="block-sm"
        value={status}
        onChange={(v) => setStatus(String(v))}
        options={[
          { value: 'open', label: '待督办' },
          { value: 'answered', label: '督办中' },
          { value: 'closed', label: '已办结' },
          { value: 'all', label: '全部' },
        ]}
      />
      <Card size="small">
        <List
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: list.error ? list.error.message : <Empty description="没有督办事项" /> }}
          renderItem={(i) => (
            <List.Item
              data-testid="supervision-item"
              actions={
                i.canHandle && i.status !== 'closed'
                  ? [
                      <Button key="c" size="small" onClick={() => setHandling({ item: i, action: 'comment' })} data-testid="supervision-comment">
                        督办意见
                      </Button>,
                      <Button key="x" size="small" type="primary" onClick={() => setHandling({ item: i, action: 'close' })} data-testid="supervision-close">
                        办结
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap size={6}>
                    <Tag color={STATUS[i.status].color} data-testid="supervision-status">
                      {STATUS[i.status].label}
                    </Tag>
                    <Link to={`/cases/${encodeURIComponent(i.caseId)}`}>{i.caseTitle}</Link>
                  </Space>
                }
                description={
                  <>
                    <div>
                      期限 {i.breachedDue} 已过（{i.citation}），{i.openedOn} 起由{i.supervisorLabel}督办，已 {i.ageDays} 天
                      {i.newDue ? `；新期限 ${i.newDue}` : ''}
                    </div>
                    {i.comments.map((c) => (
                      <div key={c.at} className="muted">
                        {c.by}：{c.text}
                      </div>
                    ))}
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      {handling && <HandleModal item={handling.item} action={handling.action} onClose={(done) => (setHandling(null), done && setVersion((n) => n + 1))} />}
    </main>
  );
}

function HandleModal({ item, action, onClose }: { item: SupervisionItem; action: 'comment' | 'close'; onClose: (done: boolean) => void }) {
  const [text, setText] = useState('');
  const [due, setDue] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  return (
    <Modal
      open
      title={action === 'close' ? '办结督办' : '督办意见'}
      okText={action === 'close' ? '办结' : '提交'}
      cancelText="取消"
      confirmLoading={busy}
      onCancel={() => onClose(false)}
      okButtonProps={{ 'data-testid': 'supervision-confirm' } as Record<string, string>}
      onOk={async () => {
        setBusy(true);
        try {
          await timeApi.handleSupervision(item.id, { action, text, newDue: due });
          message.success(action === 'close' ? '督办已办结。' : '已提交督办意见。');
          onClose(true);
        } catch (e) {
          message.error((e as Error).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Space direction="vertical" className="full-width">
        <Input.TextArea
          rows={3}
          maxLength={2000}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={action === 'close' ? '办结说明' : '督办意见'}
          data-testid="supervision-text"
        />
        {action === 'comment' && (
          <DatePicker
            className="full-width"
            placeholder="新的办理期限（可选）"
            disabledDate={(d) => !d.isAfter(dayjs(), 'day')}
            onChange={(d) => setDue(d ? d.format('YYYY-MM-DD') : null)}
          />
        )}
      </Space>
    </Modal>
  );
}
