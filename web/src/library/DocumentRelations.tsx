import { Card, DatePicker, List, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { docPath, type FullDocument } from '../api';
import type { Relation } from './libraryApi';

const KIND_COLOR: Record<string, string> = {
  replaces: 'red',
  repeals: 'red',
  extends: 'orange',
  amends: 'gold',
  interprets: 'blue',
  implements: 'green',
  cites: 'default',
};

function RelationItem({ r }: { r: Relation }) {
  return (
    <List.Item className="relation-item" data-testid={`relation-${r.direction}`} data-kind={r.kind}>
      <Space wrap size={4}>
        <Tag color={KIND_COLOR[r.kind]}>{r.verb}</Tag>
        <span className="muted">{r.label}</span>
        {r.otherId ? (
          <Link to={docPath(r.otherId)}>{r.otherTitle && r.otherTitle !== r.otherId ? `${r.otherTitle}（${r.otherId}）` : r.otherId}</Link>
        ) : (
          <span>{r.other}</span>
        )}
        {r.validUntil && <span className="muted">至 {r.validUntil}</span>}
        {r.effectiveDate && <span className="muted">自 {r.effectiveDate}</span>}
        {r.anchor && r.direction === 'outgoing' && (
          <a className="muted" href={`#${encodeURIComponent(r.anchor)}`}>
            见 {r.anchor}
          </a>
        )}
        {r.origin === 'admin' && (
          <Typography.Text type="secondary" className="relation-record">
            管理员 {r.recordedBy} 登记于 {r.recordedAt.slice(0, 10)}：{r.reason}
          </Typography.Text>
        )}
      </Space>
    </List.Item>
  );
}

/** Relations in both directions, and the references the library does not hold. */
export function DocumentRelations({ relations }: { relations: FullDocument['relations'] }) {
  const { outgoing, incoming, unresolved } = relations;
  return (
    <Card size="small" title="文件关系" className="block" data-testid="relations-card">
      {outgoing.length + incoming.length + unresolved.length === 0 && <span className="muted">未发现与其他文件的关系</span>}
      {incoming.length > 0 && (
        <>
          <div className="relation-heading">其他文件对本文件</div>
          <List size="small" dataSource={incoming} renderItem={(r) => <RelationItem r={r} />} />
        </>
      )}
      {outgoing.length > 0 && (
        <>
          <div className="relation-heading">本文件对其他文件</div>
          <List size="small" dataSource={outgoing} renderItem={(r) => <RelationItem r={r} />} />
        </>
      )}
      {unresolved.length > 0 && (
        <>
          <div className="relation-heading">
            提及但文库未收录的文件 <span className="muted">（{unresolved.length}）</span>
          </div>
          <List size="small" dataSource={unresolved} renderItem={(r) => <RelationItem r={r} />} data-testid="relations-unresolved" />
        </>
      )}
    </Card>
  );
}

/** The day the document's status is shown for ("as of"); empty means today. */
export function AsOfPicker({ value, onChange }: { value: string | null; onChange: (day: string | null) => void }) {
  return (
    <DatePicker
      size="small"
      data-testid="as-of"
      aria-label="查看某日的效力"
      placeholder="查看某日效力"
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : null)}
      allowClear
    />
  );
}
