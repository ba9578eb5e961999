import { Card, Descriptions, Empty, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth';
import { plansApi, STATUS_LABEL, type ReportRow } from '../components/plans/api';
import { Chart } from '../components/plans/Chart';
import { ReportForm } from '../components/plans/ReportForm';
import { FlagList, StatusTag } from '../components/plans/StatusTag';
import { PageState } from '../components/PageState';
import { downloadFile, beijingTime } from '../caseApi';
import { useApi } from '../useApi';

/** `/plans/indicators/:id` — an indicator, its yearly status, every filed version, and the filing form for its unit. */
export function PlanIndicatorPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const year = Number(params.get('year') ?? 2025);
  const { actor } = useAuth();
  const [reload, setReload] = useState(0);
  const s = useApi((signal) => plansApi.indicator(id, year, signal), [id, year, reload, actor?.id]);
  useEffect(() => {
    if (s.data) document.title = `${s.data.name} · 规划监测`;
  }, [s.data]);
  if (!s.data) return <PageState {...s} />;
  const i = s.data;
  const points = i.reports.filter((r) => r.value !== null);
  const option = {
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0, data: ['报送值', '路径'] },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category' as const, data: ['2020', '2021', '2022', '2023', '2024', '2025'] },
    yAxis: { type: 'value' as const, scale: true, name: i.unit ?? '' },
    series: [
      {
        name: '报送值',
        type: 'line' as const,
        data: [2020, 2021, 2022, 2023, 2024, 2025].map((y) => points.find((p) => p.year === y)?.value ?? (y === i.baseline.year ? i.baseline.value : null)),
        connectNulls: true,
      },
      ...(i.baseline.value !== null && i.target.value !== null
        ? [
            {
              name: '路径',
              type: 'line' as const,
              lineStyle: { type: 'dashed' as const },
              data: [2020, 2021, 2022, 2023, 2024, 2025].map((y) =>
                y === (i.baseline.year ?? 2020) ? i.baseline.value : y === i.target.year ? i.target.value : null,
              ),
              connectNulls: true,
            },
          ]
        : []),
    ],
  };
  return (
    <div className="page plan-indicator-page">
      <p>
        <Link to={`/plans?document=${encodeURIComponent(i.document)}`}>← {i.plan}</Link>
      </p>
      <Typography.Title level={2} className="page-title" data-testid="indicator-name">
        {i.name}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered className="block">
        <Descriptions.Item label="文号">{i.document}</Descriptions.Item>
        <Descriptions.Item label="出处">{i.citation.text}</Descriptions.Item>
        <Descriptions.Item label="类别">{i.category ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="属性">{i.attribute ?? '原文未标注'}</Descriptions.Item>
        <Descriptions.Item label="基期">{i.baseline.text ? `${i.baseline.text}（${i.baseline.year ?? ''}年）` : '—'}</Descriptions.Item>
        <Descriptions.Item label="目标">{i.target.text ? `${i.target.text}（${i.target.year}年）` : <Tag color="warning">原文空白</Tag>}</Descriptions.Item>
        <Descriptions.Item label="计量单位">{i.unit ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="方向">{i.direction === 'lower' ? '越低越好' : '越高越好'}</Descriptions.Item>
        <Descriptions.Item label="报送单位">{i.reporter}</Descriptions.Item>
        <Descriptions.Item label="责任单位">{i.responsible.map((u) => u.unit).join('、') || '—'}</Descriptions.Item>
        {i.restates && (
          <Descriptions.Item label="重述">
            本条重述 <Link to={`/plans/indicators/${encodeURIComponent(i.restates)}?year=${year}`}>{i.restates}</Link>，数据在原指标下报送
          </Descriptions.Item>
        )}
      </Descriptions>
      <FlagList flags={i.flags} />
      {i.computed && (
        // Counted by the platform from its own records (e.g. the visit log), beside the reported figures.
        <Card size="small" title="系统计算值（由业务记录自动统计）" className="block" data-testid="computed-indicator">
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={i.computed.period}>
              <b data-testid="computed-value" style={{ whiteSpace: 'nowrap' }}>
                {i.computed.value === null ? '—' : `${i.computed.value}${i.computed.unit}`}
              </b>
              （{i.computed.numerator.label} {i.computed.numerator.count} / {i.computed.denominator.label} {i.computed.denominator.count}）
            </Descriptions.Item>
            {i.computed.previous && (
              <Descriptions.Item label={`上月（${i.computed.previous.period}）`}>
                {i.computed.previous.value === null ? '—' : `${i.computed.previous.value}${i.computed.unit}`}（{i.computed.previous.numerator} /{' '}
                {i.computed.previous.denominator}）
              </Descriptions.Item>
            )}
            <Descriptions.Item label="计算公式">{i.computed.formula}</Descriptions.Item>
            <Descriptions.Item label="计算日期">{i.computed.computedAt}</Descriptions.Item>
            <Descriptions.Item label="依据">{i.computed.cites.join('；')}</Descriptions.Item>
          </Descriptions>
          {i.computed.breakdown.length > 0 && (
            <Table
              size="small"
              rowKey="label"
              pagination={false}
              dataSource={i.computed.breakdown}
              columns={[
                { title: '地区', dataIndex: 'label' },
                { title: '探访率', render: (_: unknown, b) => (b.value === null ? '—' : `${b.value}${i.computed!.unit}`) },
                { title: '已探访 / 应探访', render: (_: unknown, b) => `${b.numerator} / ${b.denominator}` },
              ]}
              data-testid="computed-breakdown"
            />
          )}
          {actor && (
            <p className="muted">
              逐人明细见 <Link to={i.computed.page}>{i.computed.page}</Link>（按账号辖区显示）。
            </p>
          )}
        </Card>
      )}
      {actor ? (
        <>
          <Card size="small" title="逐年状态" className="block">
            <Table
              size="small"
              rowKey="year"
              pagination={false}
              dataSource={i.statuses}
              scroll={{ x: 600 }}
              columns={[
                { title: '年份', dataIndex: 'year', width: 80 },
                { title: '报送值', dataIndex: 'value', width: 100, render: (v: number | null) => v ?? '—' },
                { title: '路径值', dataIndex: 'expected', width: 100, render: (v: number | null) => v ?? '—' },
                { title: '状态', width: 110, render: (_: unknown, st) => <StatusTag status={st} /> },
                { title: '判定依据', dataIndex: 'reason' },
              ]}
              data-testid="status-table"
            />
            {points.length > 0 && <Chart option={option} height={260} testId="indicator-chart" />}
          </Card>
          <Card size="small" title="报送记录（含更正历史）" className="block">
            {i.history.length ? (
              <Table<ReportRow>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={[...i.history].reverse()}
                scroll={{ x: 860 }}
                columns={[
                  { title: '年份', dataIndex: 'year', width: 70 },
                  {
                    title: '版本',
                    dataIndex: 'version',
                    width: 60,
                    render: (v: number, r) => (
                      <>
                        第 {v} 版{i.reports.some((c) => c.id === r.id) ? <Tag color="green">现行</Tag> : <Tag>已更正</Tag>}
                      </>
                    ),
                  },
                  {
                    title: '数值/状态',
                    width: 110,
                    render: (_: unknown, r) => r.value ?? (r.assessment ? STATUS_LABEL[r.assessment as keyof typeof STATUS_LABEL] : '—'),
                  },
                  { title: '情况说明', dataIndex: 'note' },
                  {
                    title: '佐证',
                    width: 120,
                    render: (_: unknown, r) => (r.evidence ? <a onClick={() => downloadFile(r.evidence!.link, r.evidence!.name)}>{r.evidence.name}</a> : '—'),
                  },
                  { title: '报送', width: 200, render: (_: unknown, r) => `${r.reportedBy} ${beijingTime(r.reportedAt)}` },
                ]}
                data-testid="history-table"
              />
            ) : (
              <Empty description="尚无报送" />
            )}
          </Card>
          {i.mayReport && (
            <Card size="small" title="报送数据" className="block">
              <ReportForm indicator={i} defaultYear={year} onFiled={() => setReload((n) => n + 1)} />
            </Card>
          )}
        </>
      ) : (
        <p className="muted block">
          <Link to="/login">登录</Link>后可查看报送数据与状态。
        </p>
      )}
    </div>
  );
}
