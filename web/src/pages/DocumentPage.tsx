import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Drawer, Empty, FloatButton, Grid, List, Row, Space, Tag, Typography } from 'antd';
import { UnorderedListOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router-dom';
import { libraryApi } from '../library/libraryApi';
import { AsOfPicker, DocumentRelations } from '../library/DocumentRelations';
import { docPath, type FullDocument } from '../api';
import { DocTable } from '../components/DocTable';
import { LinkedText } from '../components/LinkedText';
import { PageState } from '../components/PageState';
import { UnitOutline } from '../components/UnitOutline';
import { UnitView } from '../components/UnitView';
import { ValidityBadge } from '../components/ValidityBadge';
import { useApi } from '../useApi';

function decodeHash(hash: string): string {
  const raw = hash.replace(/^#/, '');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Scrolls to the unit named in the URL hash once the document is rendered (its scroll-margin-top keeps it clear of the header). */
function useScrollToHash(ready: boolean, docId: string | undefined) {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready) return;
    if (!hash) {
      window.scrollTo({ top: 0 });
      return;
    }
    const id = decodeHash(hash);
    const frame = requestAnimationFrame(() => {
      const el = document.getElementById(id);
      if (!el) return;
      el.scrollIntoView({ block: 'start' });
      el.classList.add('unit-target');
      window.setTimeout(() => el.classList.remove('unit-target'), 2500);
    });
    return () => cancelAnimationFrame(frame);
  }, [ready, docId, hash]);
}

function period(doc: FullDocument): string | null {
  if (!doc.validFrom && !doc.validUntil) return null;
  return `${doc.validFrom ?? '—'} 至 ${doc.validUntil ?? '长期'}`;
}

/** `/docs/:number` — one document with outline, body, tables and cross references. */
export function DocumentPage() {
  const { number = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf');
  const setAsOf = (day: string | null) => {
    const p = new URLSearchParams(params);
    if (day) p.set('asOf', day);
    else p.delete('asOf');
    setParams(p, { replace: true });
  };
  const state = useApi((signal) => libraryApi.document(number, asOf, signal), [number, asOf]);
  const doc = state.data && state.data.id === number ? state.data : null;
  const screens = Grid.useBreakpoint();
  const wide = screens.lg ?? false;
  const [outlineOpen, setOutlineOpen] = useState(false);
  useScrollToHash(!!doc && !state.loading, doc?.id);
  useEffect(() => {
    if (doc) document.title = `${doc.title} · 政务 Zhengwu`;
  }, [doc]);

  if (!doc) return <PageState loading={state.loading} error={state.error} />;

  const ctx = { tables: doc.tables, citations: doc.citations };
  const referenced = new Set(collectTables(doc));
  const looseTables = doc.tables.filter((t) => !referenced.has(t.index));
  const unitAnchors = new Set(collectAnchors(doc));
  // Where the outline puts an article: below the sticky header, or near the top on a phone, where the header
  // scrolls away (the same offsets as the articles' scroll-margin-top in styles.css, used by links to them).
  const outline = <UnitOutline units={doc.units} offset={(screens.md ?? true) ? 72 : 12} onNavigate={() => setOutlineOpen(false)} />;

  return (
    <div className="page doc-page">
      <Breadcrumb
        className="doc-breadcrumb"
        items={[{ title: <Link to="/">首页</Link> }, { title: doc.issueId }, { title: doc.number ?? (doc.kind === 'interpretation' ? '政策解读' : '文件') }]}
      />
      <Typography.Title level={2} className="doc-title" data-testid="doc-title">
        {doc.title}
      </Typography.Title>
      {doc.documentTitle && doc.documentTitle !== doc.title && <div className="doc-subtitle">{doc.documentTitle}</div>}
      <Space wrap className="doc-status">
        <ValidityBadge validity={doc.validity} />
        {doc.validity.asOf && <span className="muted">截至 {doc.validity.asOf}</span>}
        <AsOfPicker value={asOf} onChange={setAsOf} />
        <a href={`/api/documents/${encodeURIComponent(doc.id)}/akn.xml`} target="_blank" rel="noreferrer" data-testid="akn-link" className="muted">
          Akoma Ntoso XML
        </a>
        {doc.kind === 'interpretation' && <Tag color="blue">政策解读</Tag>}
        {doc.articleCount > 0 && <span className="muted">共 {doc.articleCount} 条</span>}
        {!wide && doc.units.length > 0 && (
          <Button size="small" icon={<UnorderedListOutlined />} onClick={() => setOutlineOpen(true)}>
            目录
          </Button>
        )}
      </Space>

      {(doc.validity.extendedBy || doc.validity.endedBy) && (
        <Alert className="block" type={doc.validity.endedBy ? 'warning' : 'info'} showIcon title={doc.validity.message} data-testid="validity-message" />
      )}

      {doc.truncated && <Alert type="warning" showIcon className="block" title="本文件在公报中未完整刊载，正文可能不全。" />}

      <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} className="doc-meta block">
        {doc.number && <Descriptions.Item label="文号">{doc.number}</Descriptions.Item>}
        {doc.issuer && <Descriptions.Item label="发文机关">{doc.issuer}</Descriptions.Item>}
        {doc.date && <Descriptions.Item label="成文日期">{doc.date}</Descriptions.Item>}
        <Descriptions.Item label="所属期">
          <Link to="/">{doc.issueId}</Link>
        </Descriptions.Item>
        {doc.recipients && (
          <Descriptions.Item label="主送" span={2}>
            {doc.recipients}
          </Descriptions.Item>
        )}
        {period(doc) && <Descriptions.Item label="施行/有效期">{period(doc)}</Descriptions.Item>}
        {doc.validityText && <Descriptions.Item label="效力条款">{doc.validityText}</Descriptions.Item>}
        {doc.interprets && (
          <Descriptions.Item label="解读对象">
            <Link to={docPath(doc.interprets)} data-testid="interprets-link">
              {doc.interprets}
            </Link>
          </Descriptions.Item>
        )}
      </Descriptions>

      {doc.interpretations.length > 0 && (
        <Alert
          className="block"
          type="info"
          showIcon
          title="本文件有政策解读"
          description={
            <ul className="plain-list">
              {doc.interpretations.map((r) => (
                <li key={r.id}>
                  <Link to={docPath(r.id)} data-testid="interpretation-link">
                    {r.title}
                  </Link>
                </li>
              ))}
            </ul>
          }
        />
      )}

      <Row gutter={wide ? 24 : 0} wrap={false} className="doc-body-row">
        {wide && (
          <Col flex="280px" className="doc-outline-col">
            <nav className="doc-outline" aria-label="文件目录">
              <div className="doc-outline-title">文件目录</div>
              {outline}
            </nav>
          </Col>
        )}
        <Col flex="auto" className="doc-content-col">
          {doc.noticeText && (
            <Card size="small" title={doc.kind === 'interpretation' ? '说明' : '印发通知'} className="block notice-card">
              {doc.recipients && <p className="notice-recipients">{doc.recipients}：</p>}
              {doc.noticeText.split('\n').map((p, i) => (
                <p key={i} className="unit-text">
                  <LinkedText text={p} citations={doc.citations} />
                </p>
              ))}
            </Card>
          )}

          <article className="doc-body block">
            {doc.documentTitle && doc.kind === 'notice' && <h2 className="doc-body-title">{doc.documentTitle}</h2>}
            {doc.units.length === 0 && <Empty description="本文件无正文条目" />}
            {doc.units.map((u) => (
              <UnitView key={u.anchor} unit={u} ctx={ctx} />
            ))}
            {looseTables.map((t) => (
              <DocTable key={t.index} table={t} />
            ))}
          </article>

          {doc.attachments.length > 0 && (
            <Card size="small" title="附件" className="block">
              <List
                size="small"
                dataSource={doc.attachments}
                renderItem={(a) => (
                  <List.Item>
                    {unitAnchors.has(a.label) ? <a href={`#${encodeURIComponent(a.label)}`}>{a.label}</a> : <span>{a.label}</span>}
                    <span className="attachment-title">{a.title}</span>
                  </List.Item>
                )}
              />
            </Card>
          )}

          <Card size="small" title="引用文件" className="block">
            {doc.citations.length === 0 ? (
              <span className="muted">本文件未引用其他文号</span>
            ) : (
              <List
                size="small"
                dataSource={doc.citations}
                renderItem={(c) => (
                  <List.Item className="citation-item">
                    <span className="citation-number">
                      {c.inLibrary ? (
                        <Link to={c.link ?? docPath(c.number)} data-testid="citation-link">
                          {c.number}
                        </Link>
                      ) : (
                        <>
                          <span>{c.number}</span> <Tag className="not-in-library">未收录</Tag>
                        </>
                      )}
                    </span>
                    {c.anchor && (
                      <a className="muted" href={`#${encodeURIComponent(c.anchor)}`}>
                        见 {c.anchor}
                      </a>
                    )}
                  </List.Item>
                )}
              />
            )}
          </Card>

          <DocumentRelations relations={doc.relations} />

          {doc.citedBy.length > 0 && (
            <Card size="small" title="被以下文件引用" className="block">
              <List
                size="small"
                dataSource={doc.citedBy}
                renderItem={(r) => (
                  <List.Item>
                    <Link to={docPath(r.id)} data-testid="cited-by-link">
                      {r.title}
                    </Link>
                  </List.Item>
                )}
              />
            </Card>
          )}
        </Col>
      </Row>

      {!wide && (
        <>
          <FloatButton icon={<UnorderedListOutlined />} tooltip="文件目录" onClick={() => setOutlineOpen(true)} aria-label="文件目录" />
          <Drawer title="文件目录" placement="left" open={outlineOpen} onClose={() => setOutlineOpen(false)} size="85%">
            {outline}
          </Drawer>
        </>
      )}
      <FloatButton.BackTop visibilityHeight={800} style={{ insetInlineEnd: wide ? 24 : 80 }} />
    </div>
  );
}

function collectTables(doc: FullDocument): number[] {
  const out: number[] = [];
  const walk = (us: FullDocument['units']) => us.forEach((u) => (out.push(...u.tables), walk(u.children)));
  walk(doc.units);
  return out;
}

function collectAnchors(doc: FullDocument): string[] {
  const out: string[] = [];
  const walk = (us: FullDocument['units']) => us.forEach((u) => (out.push(u.anchor), walk(u.children)));
  walk(doc.units);
  return out;
}
