import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { timeApi } from '../caseApi';
import { useApi } from '../useApi';

const KIND: Record<string, { color: string; label: string }> = {
  action_needed: { color: 'red', label: '待您办理' },
  case_moved: { color: 'blue', label: '进度' },
  certificate_ready: { color: 'green', label: '证书' },
  reminder: { color: 'orange', label: '临期提醒' },
  supervision: { color: 'volcano', label: '督办' },
};
const beijing = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** `/notifications` — what the platform told the signed-in user, newest first. */
export function NotificationsPage() {
  const [page, setPage] = useState(1);
  const [version, setVersion] = useState(0);
  const list = useApi((signal) => timeApi.notifications({ page }, signal), [page, version]);
  const reload = () => (setVersion((n) => n + 1), window.dispatchEvent(new Event('zhengwu:notifications')));
  return (
    <main className="page">
      <Space className="page-title-row" wrap>
        <Typography.Title level={2} className="page-title">
          通知
        </Typography.Title>
        {!!list.data?.unread && (
          <Button onClick={() => timeApi.markRead('all').then(reload)} data-testid="read-all">
            全部标为已读（{list.data.unread}）
          </Button>
        )}
      </Space>
      <Card size="small">
        <List
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: list.error ? list.error.message : <Empty description="暂无通知" /> }}
          pagination={
            list.data && list.data.total > list.data.pageSize
              ? { current: page, pageSize: list.data.pageSize, total: list.data.total, onChange: setPage }
              : false
          }
          renderItem={(n) => (
            <List.Item
              data-testid="notification"
              data-read={n.readAt ? 'yes' : 'no'}
              actions={
                n.readAt
                  ? []
                  : [
                      <Button key="r" size="small" type="link" onClick={() => timeApi.markRead(n.id).then(reload)}>
                        标为已读
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap size={6}>
                    <Tag color={KIND[n.kind]?.color}>{KIND[n.kind]?.label ?? n.kind}</Tag>
                    {n.caseId ? <Link to={`/cases/${encodeURIComponent(n.caseId)}`}>{n.title}</Link> : n.title}
                    {!n.readAt && <Tag color="red">未读</Tag>}
                  </Space>
                }
                description={
                  <>
                    <div>{n.body}</div>
                    <div className="muted">{beijing(n.createdAt)}</div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </main>
  );
}
