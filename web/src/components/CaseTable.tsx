import { Empty, Table, Tag, Tooltip } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import type { TablePaginationConfig } from 'antd';
import { Link } from 'react-router-dom';
import type { CaseSummary } from '../caseApi';
import { DeadlineTag, dueOf, jurisdictionText, workdaysText } from './CaseBits';

/** Cases with state, due date, working days left and 逾期/临期 tags; scrolls inside itself on a phone. */
export function CaseTable({
  items,
  loading,
  pagination,
  empty = '暂无案件',
  testId = 'case-table',
}: {
  items: CaseSummary[];
  loading?: boolean;
  pagination?: TablePaginationConfig | false;
  empty?: string;
  testId?: string;
}) {
  return (
    <Table<CaseSummary>
      className="case-table"
      data-testid={testId}
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      pagination={pagination ?? false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={empty} /> }}
      onRow={() => ({ 'data-testid': 'case-row' }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: '案件',
          key: 'title',
          render: (_, c) => (
            <div className="case-cell">
              <Link to={`/cases/${encodeURIComponent(c.id)}`} className="case-title-link">
                {c.title}
              </Link>
              <div className="muted">
                {c.id} · 申请日 {c.applicationDate}
              </div>
              {(c.flags ?? []).map((f: { code: string; message: string }) => (
                <Tooltip key={f.code} title={f.message}>
                  <Tag color="warning" icon={<WarningOutlined />} className="case-flag-tag">
                    {f.message.length > 18 ? `${f.message.slice(0, 18)}…` : f.message}
                  </Tag>
                </Tooltip>
              ))}
            </div>
          ),
        },
        {
          title: '当前环节',
          key: 'state',
          render: (_, c) => (c.state.terminal ? <Tag>{c.state.label}</Tag> : <Tag color="processing">{c.state.label}</Tag>),
        },
        { title: '辖区', key: 'where', responsive: ['md'], render: (_, c) => jurisdictionText(c.jurisdiction) },
        {
          title: '期限',
          key: 'due',
          render: (_, c) => {
            const due = dueOf(c.deadline);
            if (!c.deadline) return <span className="muted">—</span>;
            return (
              <div className="case-due">
                <DeadlineTag deadline={c.deadline} />
                {due && <div className="muted">{due} 前</div>}
                {c.deadline.kind === 'due' && <div className="muted">{workdaysText(c.deadline)}</div>}
              </div>
            );
          },
        },
      ]}
    />
  );
}
