import { Empty, Grid, Pagination, Spin, Table, Tag, Tooltip } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import type { TablePaginationConfig } from 'antd';
import { Link } from 'react-router-dom';
import type { CaseSummary } from '../caseApi';
import { DeadlineTag, dueOf, jurisdictionText, workdaysText } from './CaseBits';

function StepTag({ c }: { c: CaseSummary }) {
  return (
    <Tag color={c.state.terminal ? undefined : 'processing'} data-testid="case-step">
      {c.state.label}
    </Tag>
  );
}

function Flags({ c }: { c: CaseSummary }) {
  return (c.flags ?? []).map((f: { code: string; message: string }) => (
    <Tooltip key={f.code} title={f.message}>
      <Tag color="warning" icon={<WarningOutlined />} className="case-flag-tag">
        {f.message.length > 18 ? `${f.message.slice(0, 18)}…` : f.message}
      </Tag>
    </Tooltip>
  ));
}

type Props = {
  items: CaseSummary[];
  loading?: boolean;
  pagination?: TablePaginationConfig | false;
  empty?: string;
  testId?: string;
};

/**
 * Cases with state, due date, working days left and 逾期/临期 tags: a table, and on a phone (below 768 px) a
 * list where each case shows its title, current step and deadline without scrolling sideways.
 */
export function CaseTable(props: Props) {
  const screens = Grid.useBreakpoint();
  return screens.md === false ? <CaseList {...props} /> : <CaseGrid {...props} />;
}

function CaseList({ items, loading, pagination, empty = '暂无案件', testId = 'case-table' }: Props) {
  return (
    <Spin spinning={!!loading}>
      <div className="case-list" data-testid={testId}>
        {items.length === 0 ? (
          !loading && <Empty description={empty} />
        ) : (
          <ul>
            {items.map((c) => {
              const due = dueOf(c.deadline);
              return (
                <li key={c.id} className="case-list-item" data-testid="case-row">
                  <Link to={`/cases/${encodeURIComponent(c.id)}`} className="case-title-link">
                    {c.title}
                  </Link>
                  <dl className="case-list-facts">
                    <dt>当前环节</dt>
                    <dd>
                      <StepTag c={c} />
                    </dd>
                    <dt>办理期限</dt>
                    <dd>
                      {c.deadline ? (
                        <>
                          <DeadlineTag deadline={c.deadline} />
                          {due && <span>{due} 前</span>}
                          {c.deadline.kind === 'due' && <span className="muted">{workdaysText(c.deadline)}</span>}
                        </>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </dd>
                  </dl>
                  <div className="muted">
                    {c.id} · 申请日 {c.applicationDate}
                    {c.jurisdiction && ` · ${jurisdictionText(c.jurisdiction)}`}
                  </div>
                  <Flags c={c} />
                </li>
              );
            })}
          </ul>
        )}
        {pagination && (pagination.total ?? 0) > (pagination.pageSize ?? 10) && (
          <Pagination
            className="case-list-pages"
            size="small"
            align="center"
            current={pagination.current}
            pageSize={pagination.pageSize}
            total={pagination.total}
            showSizeChanger={false}
            onChange={pagination.onChange}
          />
        )}
      </div>
    </Spin>
  );
}

function CaseGrid({ items, loading, pagination, empty = '暂无案件', testId = 'case-table' }: Props) {
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
              <Flags c={c} />
            </div>
          ),
        },
        {
          title: '当前环节',
          key: 'state',
          render: (_, c) => <StepTag c={c} />,
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
