import { Card, Descriptions, Empty, List, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { IssueArchive } from '../library/IssueArchive';
import { api, docPath, type DocumentSummary, type IssueWithDocuments, type TocEntry } from '../api';
import { PageState } from '../components/PageState';
import { ValidityBadge } from '../components/ValidityBadge';
import { useApi } from '../useApi';

const norm = (s: string) => s.replace(/[\s()（）]/g, '');

/** Pairs each TOC entry with its document: by title when possible, else by order in the issue. */
function matchToc(issue: IssueWithDocuments): Map<TocEntry, DocumentSummary | undefined> {
  const docs = issue.documents;
  const used = new Set<string>();
  const out = new Map<TocEntry, DocumentSummary | undefined>();
  const entries = issue.toc.flatMap((s) => s.entries);
  entries.forEach((e) => {
    const d = docs.find((x) => !used.has(x.id) && norm(x.title) === norm(e.title));
    if (d) used.add(d.id);
    out.set(e, d);
  });
  entries.forEach((e, i) => {
    if (out.get(e)) return;
    const d = docs[i] && !used.has(docs[i].id) ? docs[i] : docs.find((x) => !used.has(x.id));
    if (d) used.add(d.id);
    out.set(e, d);
  });
  return out;
}

/** `/` — the latest issue (or the one chosen: `?issue=`) with its table of contents, and the issues by year. */
export function IssuePage() {
  const [params] = useSearchParams();
  const chosen = params.get('issue');
  const state = useApi(
    async (signal) => {
      if (chosen) return api.issue(chosen, signal);
      const { items } = await api.issues(signal);
      if (items.length === 0) return null;
      return api.issue(items[0].id, signal);
    },
    [chosen],
  );
  if (state.loading || state.error) return <PageState {...state} />;
  const issue = state.data;
  if (!issue) return <Empty description="文库中还没有公报" />;
  const matched = matchToc(issue);
  const byOrder = issue.toc.length === 0;

  return (
    <div className="page">
      <Typography.Title level={2} className="issue-title">
        {issue.title}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} className="issue-meta">
        <Descriptions.Item label="期号">{issue.number}</Descriptions.Item>
        {issue.editor && <Descriptions.Item label="编辑">{issue.editor}</Descriptions.Item>}
        <Descriptions.Item label="文件数">{issue.documents.length} 件</Descriptions.Item>
      </Descriptions>
      {byOrder && (
        <Card title="本期文件" className="toc-card" extra={<span className="muted">本期未印目录，按刊载顺序列出</span>}>
          <List
            dataSource={issue.documents}
            renderItem={(doc) => (
              <List.Item className="toc-entry" data-testid="toc-entry">
                <div className="toc-entry-main">
                  <Link to={docPath(doc.id)}>{doc.title}</Link>
                  <div className="toc-entry-meta">
                    {doc.number && <span className="doc-number">{doc.number}</span>}
                    {doc.kind === 'interpretation' && <Tag>政策解读</Tag>}
                    <ValidityBadge validity={doc.validity} testId="toc-validity" />
                  </div>
                </div>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Card title="目　录" className="toc-card" hidden={byOrder}>
        {issue.toc.map((section) => (
          <div key={section.title} className="toc-section">
            <Typography.Title level={4} className="toc-section-title">
              ● {section.title}
            </Typography.Title>
            <List
              dataSource={section.entries}
              renderItem={(entry) => {
                const doc = matched.get(entry);
                return (
                  <List.Item className="toc-entry" data-testid="toc-entry">
                    <div className="toc-entry-main">
                      {doc ? <Link to={docPath(doc.id)}>{entry.title}</Link> : <span>{entry.title}</span>}
                      <div className="toc-entry-meta">
                        {doc?.number && doc.kind === 'notice' && <span className="doc-number">{doc.number}</span>}
                        {doc?.kind === 'interpretation' && <Tag>政策解读</Tag>}
                        {doc && <ValidityBadge validity={doc.validity} testId="toc-validity" />}
                      </div>
                    </div>
                    {entry.page != null && (
                      <span className="toc-page" title="公报页码">
                        {entry.page}
                      </span>
                    )}
                  </List.Item>
                );
              }}
            />
          </div>
        ))}
      </Card>
      <IssueArchive current={issue.id} />
    </div>
  );
}
