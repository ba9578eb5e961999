import { Card, List, Pagination, Select, Space, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useApi } from '../useApi';
import { libraryApi } from './libraryApi';

const PAGE_SIZE = 12;

/** The issues of the library, by year, a page at a time; `current` is the issue shown above it. */
export function IssueArchive({ current }: { current: string | null }) {
  const [params, setParams] = useSearchParams();
  const year = params.get('year') ? Number(params.get('year')) : null;
  const page = Number(params.get('page') ?? '1') || 1;
  const state = useApi((signal) => libraryApi.issues({ page, pageSize: PAGE_SIZE, year }, signal), [page, year]);
  const set = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p);
  };
  const data = state.data;
  return (
    <Card
      className="block issue-archive"
      title="往期公报"
      extra={
        <Space>
          <span className="muted">年份</span>
          <Select
            data-testid="issue-year"
            aria-label="按年份筛选"
            style={{ minWidth: 120 }}
            value={year ?? 0}
            onChange={(v: number) => set({ year: v ? String(v) : null, page: null })}
            options={[{ value: 0, label: '全部年份' }, ...(data?.years ?? []).map((y) => ({ value: y.year, label: `${y.year} 年（${y.issues} 期）` }))]}
          />
        </Space>
      }
    >
      {state.error && <Typography.Text type="danger">{state.error.message}</Typography.Text>}
      <List
        loading={state.loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: year ? `${year} 年没有收录公报` : '文库中还没有公报' }}
        renderItem={(i) => (
          <List.Item data-testid="archive-issue" className={i.id === current ? 'archive-current' : undefined}>
            <Link to={`/?${new URLSearchParams({ ...Object.fromEntries(params), issue: i.id }).toString()}`}>{i.number ?? i.id}</Link>
            <span className="muted">{i.title}</span>
          </List.Item>
        )}
      />
      {data && data.total > PAGE_SIZE && (
        <Pagination
          data-testid="archive-pagination"
          size="small"
          current={page}
          pageSize={PAGE_SIZE}
          total={data.total}
          showSizeChanger={false}
          showTotal={(t) => `共 ${t} 期`}
          onChange={(p) => set({ page: p > 1 ? String(p) : null })}
        />
      )}
    </Card>
  );
}
