import { App, Button, Card, Input, List, Modal, Space, Tag } from 'antd';
import { useState } from 'react';
import { json } from '../caseApi';
import { useApi } from '../useApi';

interface Duty {
  id: number;
  title: string;
  cites: string;
  text: string;
  filing: string;
  period: string;
  office: string;
  dueOn: string;
  status: 'open' | 'filed';
  overdue: boolean;
  canFile: boolean;
  escalatedOn: string | null;
}

/** 定期事项: the duties the gazette sets without a case (季度报备, 年度监测…), with their due dates. */
export function DutiesCard() {
  const [version, setVersion] = useState(0);
  const [filing, setFiling] = useState<Duty | null>(null);
  const [note, setNote] = useState('');
  const { message } = App.useApp();
  const list = useApi((signal) => json<{ items: Duty[] }>('/api/duties?status=open', { signal }), [version]);
  if (!list.data || list.data.items.length === 0) return null;
  return (
    <Card size="small" title="定期事项" className="block" data-testid="duties-card">
      <List
        dataSource={list.data.items}
        renderItem={(d) => (
          <List.Item
            data-testid="duty"
            actions={
              d.canFile
                ? [
                    <Button key="f" size="small" type="primary" onClick={() => (setNote(''), setFiling(d))} data-testid="duty-file">
                      报送
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap size={6}>
                  {d.overdue ? <Tag color="red">逾期</Tag> : <Tag color="blue">待报送</Tag>}
                  {d.title}（{d.period}）
                </Space>
              }
              description={`${d.office} · 截止 ${d.dueOn} · ${d.cites}：${d.text}`}
            />
          </List.Item>
        )}
      />
      <Modal
        open={!!filing}
        title={filing ? `报送：${filing.title}` : ''}
        okText="报送"
        cancelText="取消"
        onCancel={() => setFiling(null)}
        onOk={async () => {
          try {
            await json(`/api/duties/${filing!.id}/file`, { body: { note } });
            message.success('已报送。');
            setFiling(null);
            setVersion((n) => n + 1);
          } catch (e) {
            message.error((e as Error).message);
          }
        }}
      >
        <Input.TextArea rows={4} maxLength={5000} value={note} onChange={(e) => setNote(e.target.value)} placeholder={filing?.filing} data-testid="duty-note" />
      </Modal>
    </Card>
  );
}
