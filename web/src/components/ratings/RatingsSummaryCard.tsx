import { Card, Col, Empty, Grid, Row, Statistic, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useApi } from '../../useApi';
import { ratingApi, type RatingSummary } from './api';
import './ratings.css';

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 1000) / 10}%`);

/** 好差评 per office on the dashboard: the office's own figures and, for a county or city role, those of the offices below it. */
export function RatingsSummaryCard() {
  const sum = useApi((signal) => ratingApi.summary(signal), []);
  // A phone (below 768 px) gets one line of figures per office instead of a table scrolled sideways.
  const phone = Grid.useBreakpoint().md === false;
  if (!sum.data) return null;
  const { total, offices } = sum.data;
  type Row = RatingSummary['offices'][number];
  return (
    <Card size="small" title="好差评（各办理单位）" className="block" data-testid="ratings-summary">
      <Row gutter={[12, 12]} className="rating-figures">
        <Col xs={12} md={6}>
          <Statistic title="评价数" value={total.count} data-testid="ratings-count" />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="平均星级" value={total.average ?? '—'} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="差评率" value={percent(total.badShare)} styles={{ content: { color: total.bad ? '#cf1322' : undefined } }} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={<Link to="/inbox">差评逾期未答复</Link>}
            value={total.overdueFollowUps}
            suffix={total.openFollowUps ? `/ ${total.openFollowUps} 未答复` : undefined}
            styles={{ content: { color: total.overdueFollowUps ? '#cf1322' : undefined } }}
          />
        </Col>
      </Row>
      {phone ? (
        <ul className="ratings-office-list block-sm" data-testid="ratings-office-list">
          {offices.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无评价" />}
          {offices.map((r) => (
            <li key={`${r.office.role}|${r.office.label}`}>
              <div data-testid="ratings-office">
                {r.office.label}
                {r.own && (
                  <Tag className="ratings-own" color="blue">
                    本单位
                  </Tag>
                )}
              </div>
              <div className="muted">
                评价 {r.count} · 平均 {r.average} 星 · 差评率 {r.bad ? <strong className="text-danger">{percent(r.badShare)}</strong> : percent(r.badShare)} ·
                未答复 {r.openFollowUps} · 逾期 {r.overdueFollowUps ? <strong className="text-danger">{r.overdueFollowUps}</strong> : 0}
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <Table<Row>
          className="block-sm"
          size="small"
          rowKey={(r) => `${r.office.role}|${r.office.label}`}
          pagination={false}
          dataSource={offices}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无评价" /> }}
          columns={[
            {
              title: '办理单位',
              key: 'office',
              render: (_, r) => (
                <span data-testid="ratings-office">
                  {r.office.label}
                  {r.own && (
                    <Tag className="ratings-own" color="blue">
                      本单位
                    </Tag>
                  )}
                </span>
              ),
            },
            { title: '评价数', dataIndex: 'count', align: 'right' },
            { title: '平均星级', dataIndex: 'average', align: 'right' },
            {
              title: '差评率',
              key: 'bad',
              align: 'right',
              render: (_, r) => (r.bad ? <strong className="text-danger">{percent(r.badShare)}</strong> : percent(r.badShare)),
            },
            { title: '未答复', dataIndex: 'openFollowUps', align: 'right' },
            {
              title: '逾期',
              dataIndex: 'overdueFollowUps',
              align: 'right',
              render: (n: number) => (n ? <strong className="text-danger">{n}</strong> : 0),
            },
          ]}
        />
      )}
      <p className="muted block-sm">
        五级评价（{sum.data.basis}）：非常满意、满意、基本满意、不满意、非常不满意；差评为不满意和非常不满意。统计至 {sum.data.asOf}。
      </p>
    </Card>
  );
}
