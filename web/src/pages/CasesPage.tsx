import { Button, Dropdown, Select, Space, Typography } from 'antd';
import { DownOutlined, FormOutlined } from '@ant-design/icons';
import { canFile, intakePath, useRegistry } from '../platform/registry';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth';
import { caseApi } from '../caseApi';
import { CaseTable } from '../components/CaseTable';
import { PageState } from '../components/PageState';
import { useApi } from '../useApi';

const PAGE_SIZE = 20;

/** `/cases` — the applicant's own cases, or the cases in an official's jurisdiction. */
export function CasesPage() {
  const { actor } = useAuth();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const stateFilter = params.get('state') ?? undefined;
  const registry = useRegistry();
  // The procedures this role reads (from the registry); with only one, it is chosen, so its steps can filter.
  const readable = (registry?.procedures ?? []).filter((p) => actor && (actor.role === 'admin' || p.readers.includes(actor.role)));
  const procedureId = params.get('procedure') ?? (readable.length === 1 ? readable[0].id : undefined);
  const fileable = (registry?.procedures ?? []).filter((p) => canFile(p, actor?.role));
  const procedure = useApi((signal) => (procedureId ? caseApi.procedure(procedureId, signal) : Promise.resolve(null)), [procedureId]);
  const list = useApi(
    (signal) => caseApi.cases({ procedure: procedureId, state: stateFilter, page, pageSize: PAGE_SIZE }, signal),
    [page, stateFilter, procedureId],
  );
  // People and units acting for themselves see their own cases; offices see their area; city-level roles see all.
  const level = registry?.roles.find((r) => r.id === actor?.role)?.level ?? (actor?.role === 'applicant' || actor?.role === 'enterprise' ? 'own' : undefined);
  const mine = level === 'own';
  const heading = mine ? (actor?.role === 'enterprise' ? '我的项目' : '我的申请') : level === 'city' ? '案件' : '辖区案件';
  useEffect(() => {
    document.title = `${heading} · 政务 Zhengwu`;
  }, [heading]);

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };

  return (
    <div className="page cases-page">
      <div className="page-head">
        <Typography.Title level={2} className="page-title">
          {heading}
        </Typography.Title>
        {fileable.length === 1 && (
          <Link to={intakePath(fileable[0])}>
            <Button type="primary" icon={<FormOutlined />} data-testid={`new-${fileable[0].id}`}>
              新建：{fileable[0].name}
            </Button>
          </Link>
        )}
        {fileable.length > 1 && (
          <Dropdown
            menu={{
              items: fileable.map((p) => ({
                key: p.id,
                label: (
                  <Link to={intakePath(p)} data-testid={`new-${p.id}`}>
                    {p.name}
                  </Link>
                ),
              })),
            }}
            trigger={['click']}
          >
            <Button type="primary" icon={<FormOutlined />} data-testid="new-application">
              新建申请 <DownOutlined />
            </Button>
          </Dropdown>
        )}
      </div>
      {!mine && level !== 'city' && actor && <p className="muted">辖区：{[actor.county, actor.township, actor.village].filter(Boolean).join(' ') || '全部'}</p>}
      <Space wrap className="search-filters">
        {readable.length > 1 && (
          <Select
            allowClear
            placeholder="全部事项"
            className="filter-select"
            value={procedureId}
            onChange={(v) => update({ procedure: v, state: undefined })}
            options={readable.map((p) => ({ value: p.id, label: p.name }))}
            aria-label="按事项筛选"
            data-testid="procedure-filter"
          />
        )}
        {procedureId && (
          <Select
            allowClear
            placeholder="按环节筛选"
            className="filter-select"
            value={stateFilter}
            onChange={(v) => update({ state: v })}
            options={(procedure.data?.states ?? []).map((s) => ({ value: s.id, label: s.label }))}
            aria-label="按环节筛选"
          />
        )}
      </Space>
      {list.error ? (
        <PageState loading={false} error={list.error} />
      ) : (
        <CaseTable
          items={list.data?.items ?? []}
          loading={list.loading}
          empty={mine ? '您还没有提交过申请' : level === 'city' ? '暂无案件' : '辖区内暂无案件'}
          pagination={
            (list.data?.total ?? 0) > PAGE_SIZE && {
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total,
              showSizeChanger: false,
              showTotal: (t) => `共 ${t} 件`,
              onChange: (p) => update({ page: String(p) }),
            }
          }
        />
      )}
      {list.data && (
        <p className="muted block-sm" data-testid="cases-total">
          共 {list.data.total} 件
        </p>
      )}
    </div>
  );
}
