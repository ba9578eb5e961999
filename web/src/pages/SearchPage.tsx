import { Alert, Card, Empty, Input, List, Pagination, Select, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, type SearchResponse } from '../api';
import { ValidityBadge } from '../components/ValidityBadge';
import { useApi } from '../useApi';

const VALIDITY_OPTIONS = [
  { value: 'in_force', label: '现行有效' },
  { value: 'expired', label: '已失效' },
  { value: 'not_yet', label: '尚未生效' },
];
const PAGE_SIZE = 20;

/** `/search?q=…` — full-text search with filters and highlighted snippets. */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const validity = params.get('validity') ?? undefined;
  const issuer = params.get('issuer') ?? undefined;
  const documentId = params.get('document') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draft, setDraft] = useState(q);
  // The box follows the URL's query (back/forward, links); typing edits only the draft.
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setDraft(q), [q]);

  const facets = useApi((signal) => api.documents({ pageSize: 200 }, signal), []);
  const issuers = [...new Set((facets.data?.items ?? []).map((d) => d.issuer).filter((x): x is string => !!x))];
  const documents = (facets.data?.items ?? []).map((d) => ({ value: d.id, label: d.number ? `${d.number} ${d.title}` : d.title }));

  const result = useApi<SearchResponse | null>(
    (signal) => (q ? api.search({ q, validity, issuer, document: documentId, page, pageSize: PAGE_SIZE }, signal) : Promise.resolve(null)),
    [q, validity, issuer, documentId, page],
  );

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };

  useEffect(() => {
    document.title = q ? `检索：${q} · 政务 Zhengwu` : '全文检索 · 政务 Zhengwu';
  }, [q]);

  return (
    <div className="page search-page">
      <Typography.Title level={2}>全文检索</Typography.Title>
      <Input.Search
        size="large"
        placeholder="输入检索词，如：宅基地、养老服务"
        enterButton="检索"
        allowClear
        maxLength={100}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onSearch={(v) => update({ q: v.trim() || undefined })}
        aria-label="检索词"
        data-testid="search-page-input"
      />
      <div className="search-filters">
        <Select
          allowClear
          placeholder="效力状态"
          options={VALIDITY_OPTIONS}
          value={validity}
          onChange={(v) => update({ validity: v })}
          aria-label="效力状态"
          className="filter-select filter-validity"
        />
        <Select
          allowClear
          showSearch
          placeholder="发文机关"
          options={issuers.map((i) => ({ value: i, label: i }))}
          value={issuer}
          onChange={(v) => update({ issuer: v })}
          aria-label="发文机关"
          className="filter-select"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="限定文件"
          options={documents}
          value={documentId}
          onChange={(v) => update({ document: v })}
          aria-label="限定文件"
          className="filter-select filter-document"
          popupMatchSelectWidth={false}
        />
      </div>

      {!q && <Empty description="请输入检索词" />}
      {q && result.error && <Alert type="error" showIcon title="检索失败" description={result.error.message} data-testid="error-message" />}
      {q && result.loading && <Skeleton active paragraph={{ rows: 6 }} />}
      {q && !result.loading && result.data && (
        <>
          <div className="search-total" data-testid="search-total">
            {result.data.totalIsLowerBound ? '找到超过' : '共找到'} <strong>{result.data.total}</strong> 条结果
          </div>
          {result.data.documentMatch && (
            <Card size="small" className="block-sm" data-testid="document-match">
              <div className="search-hit-head">
                <Link to={result.data.documentMatch.link} className="search-hit-title">
                  直达文件：{result.data.documentMatch.number} {result.data.documentMatch.title}
                </Link>
                <ValidityBadge validity={result.data.documentMatch.validity} testId="document-match-validity" />
              </div>
            </Card>
          )}
          {result.data.hint && <Alert type="info" showIcon className="block-sm" title={result.data.hint} data-testid="search-hint" />}
          {result.data.items.length === 0 ? (
            !result.data.documentMatch && <Empty description="未找到相关内容" />
          ) : (
            <List
              className="search-results"
              dataSource={result.data.items}
              renderItem={(hit, i) => (
                <List.Item key={`${hit.docId}-${hit.anchor}-${i}`} data-testid="search-result" className="search-result">
                  <Card size="small" className="search-card">
                    <div className="search-hit-head">
                      <Link to={hit.link} className="search-hit-title">
                        {hit.docTitle}
                      </Link>
                      <ValidityBadge validity={hit.validity} testId="result-validity" />
                    </div>
                    <Space size={[12, 4]} wrap className="search-hit-meta">
                      {hit.number && <span>{hit.number}</span>}
                      {hit.issuer && <span>{hit.issuer}</span>}
                      {(hit.label || hit.anchor) && (
                        <Link to={hit.link} className="search-hit-anchor">
                          {hit.anchor ?? hit.label}
                        </Link>
                      )}
                    </Space>
                    {/* The snippet is HTML-escaped by the server; only <mark> tags are added. */}
                    <div className="search-snippet" dangerouslySetInnerHTML={{ __html: hit.snippet }} />
                  </Card>
                </List.Item>
              )}
            />
          )}
          {result.data.total > PAGE_SIZE && (
            <Pagination
              className="search-pagination"
              current={page}
              pageSize={PAGE_SIZE}
              total={result.data.total}
              showSizeChanger={false}
              onChange={(p) => {
                update({ page: String(p) });
                window.scrollTo({ top: 0 });
              }}
            />
          )}
        </>
      )}
    </div>
  );
}
