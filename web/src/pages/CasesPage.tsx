import { Button, Select, Space, Typography } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth';
import { caseApi } from '../caseApi';
import { CaseTable } from '../components/CaseTable';
import { PageState } from '../components/PageState';
import { useApi } from '../useApi';

const PAGE_SIZE = 20;
const SCIENCE_ROLES: string[] = ['enterprise', 'county_science', 'science_bureau', 'expert', 'admin'];
const PROCEDURES = [
  { value: 'homestead', label: '宅基地审批' },
  { value: 'jiebang', label: '揭榜挂帅' },
  { value: 'baogan', label: '包干制' },
];

/** `/cases` — the applicant's own cases, or the cases in an official's jurisdiction. */
export function CasesPage() {
  const { actor } = useAuth();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const stateFilter = params.get('state') ?? undefined;
  // Homestead officials and applicants see homestead cases; the science roles and enterprises see all of theirs unless they choose.
  const procedureId = params.get('procedure') ?? (actor && SCIENCE_ROLES.includes(actor.role) ? undefined : 'homestead');
  const procedure = useApi((signal) => (procedureId ? caseApi.procedure(procedureId, signal) : Promise.resolve(null)), [procedureId]);
  const list = useApi((signal) => caseApi.cases({ procedure: procedureId, state: stateFilter, page, pageSize: PAGE_SIZE }, signal), [page, stateFilter, procedureId]);
  const mine = actor?.role === 'applicant';
  useEffect(() => {
    document.title = `${mine ? '我的申请' : '辖区案件'} · 政务 Zhengwu`;
  }, [mine]);

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
          {mine ? '我的申请' : '辖区案件'}
        </Typography.Title>
        {actor?.role === 'enterprise' && (
          <Link to="/jiebang/new">
            <Button type="primary" icon={<FormOutlined />} data-testid="new-demand">
              提出揭榜挂帅需求
            </Button>
          </Link>
        )}
        {(actor?.role === 'applicant' || actor?.role === 'village') && (
          <Link to="/homestead/apply">
            <Button type="primary" icon={<FormOutlined />}>
              {mine ? '申请宅基地' : '代为提交申请'}
            </Button>
          </Link>
        )}
      </div>
      {!mine && actor && (
        <p className="muted">
          辖区：{[actor.county, actor.township, actor.village].filter(Boolean).join(' ') || '全部'}
        </p>
      )}
      <Space wrap className="search-filters">
        {actor && SCIENCE_ROLES.includes(actor.role) && (
          <Select
            allowClear
            placeholder="全部事项"
            className="filter-select"
            value={procedureId}
            onChange={(v) => update({ procedure: v, state: undefined })}
            options={PROCEDURES}
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
          empty={mine ? '您还没有提交过申请' : '辖区内暂无案件'}
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
      {list.data && <p className="muted block-sm" data-testid="cases-total">共 {list.data.total} 件</p>}
    </div>
  );
}
