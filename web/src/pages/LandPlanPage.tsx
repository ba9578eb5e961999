import { Alert, Card, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { Link } from 'react-router-dom';
import { plansApi } from '../components/plans/api';
import { Chart } from '../components/plans/Chart';
import { PageState } from '../components/PageState';
import { useApi } from '../useApi';

/** `/plans/land` — 承市政办字〔2022〕42号: supply and reserve tables, every printed total checked, uses mapped to GB/T 21010. */
export function LandPlanPage() {
  const l = useApi((s) => plansApi.land(s), []);
  useEffect(() => {
    document.title = '土地供应与储备计划 · 政务 Zhengwu';
  }, []);
  const option = useMemo(() => {
    const d = l.data;
    if (!d) return null;
    const classes = d.supplyParcels.rollup.classes;
    return {
      tooltip: { trigger: 'axis' as const },
      legend: { top: 0, data: classes.map((c) => c.name) },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category' as const, data: d.supplyParcels.rollup.rows.map((r) => r.district) },
      yAxis: { type: 'value' as const, name: '公顷' },
      series: classes.map((c) => ({ name: c.name, type: 'bar' as const, stack: 'a', data: d.supplyParcels.rollup.rows.map((r) => r.byClass[c.code]) })),
    };
  }, [l.data]);
  if (!l.data) return <PageState {...l} />;
  const d = l.data;
  const rollupColumns = (classes: { code: string; name: string }[]) => [
    { title: '区', dataIndex: 'district' },
    ...classes.map((c) => ({ title: `${c.code} ${c.name}`, render: (_: unknown, r: { byClass: Record<string, number> }) => r.byClass[c.code] || '' })),
    { title: '合计', dataIndex: 'total' },
  ];
  return (
    <div className="page land-page">
      <Typography.Title level={2} className="page-title">
        市本级2022年度国有建设用地供应计划和土地储备计划
      </Typography.Title>
      <p className="muted">
        <Link to={`/docs/${encodeURIComponent(d.document)}`}>{d.document}</Link> · 面积单位：公顷；储备资金：万元。用地性质按 GB/T 21010—2017 一级类归类。
      </p>
      <Alert
        className="block"
        type={d.checksFailed ? 'error' : 'success'}
        showIcon
        title={`合计核对 ${d.checks.length} 项：${d.checksPassed} 项一致，${d.checksFailed} 项不一致`}
        data-testid="land-checks-summary"
      />
      {d.issues.length > 0 && (
        <Alert
          className="block"
          type="warning"
          showIcon
          title="原表需注意之处"
          description={
            <ul>
              {d.issues.map((i) => (
                <li key={i}>{i}</li>
              ))}
            </ul>
          }
        />
      )}
      <Card size="small" title="供应地块按区、按一级类（公顷）" className="block">
        {option && <Chart option={option} height={300} testId="land-chart" />}
        <Table
          size="small"
          rowKey="district"
          pagination={false}
          dataSource={d.supplyParcels.rollup.rows}
          columns={rollupColumns(d.supplyParcels.rollup.classes)}
        />
      </Card>
      <Card size="small" title={`${d.supplyParcels.caption}（${d.supplyParcels.rows.length} 宗）`} className="block">
        <Table
          size="small"
          rowKey="seq"
          pagination={false}
          dataSource={d.supplyParcels.rows}
          columns={[
            { title: '序号', dataIndex: 'seq', width: 60 },
            { title: '区', dataIndex: 'district', width: 80 },
            { title: '拟供地块土地坐落', dataIndex: 'location' },
            { title: '面积', dataIndex: 'area', width: 90 },
            { title: '用地性质（原文）', dataIndex: 'use', width: 160 },
            {
              title: 'GB/T 21010',
              width: 170,
              render: (_: unknown, p) => (p.class.code ? `${p.class.code} ${p.class.name}` : <Tag color="warning">未归类</Tag>),
            },
          ]}
          data-testid="supply-table"
        />
      </Card>
      <Card size="small" title={d.residential.caption} className="block">
        <Table
          size="small"
          rowKey="district"
          pagination={false}
          dataSource={d.residential.rows}
          columns={[
            { title: '区', dataIndex: 'district' },
            ...d.residential.columns.map((c, i) => ({ title: c, render: (_: unknown, r: { values: (number | null)[] }) => r.values[i] ?? '' })),
          ]}
        />
      </Card>
      <Card size="small" title={`${d.reserve.caption}（${d.reserve.rows.length} 宗）`} className="block">
        <Table
          size="small"
          rowKey="district"
          pagination={false}
          dataSource={d.reserve.rollup.rows}
          columns={rollupColumns(d.reserve.rollup.classes)}
          className="block"
        />
        <Table
          size="small"
          rowKey={(r) => `${r.district}-${r.seq}`}
          pagination={false}
          dataSource={d.reserve.rows}
          columns={[
            { title: '区', dataIndex: 'district', width: 70 },
            { title: '序号', dataIndex: 'seq', width: 50 },
            { title: '地块或项目名称', dataIndex: 'name' },
            { title: '征收批次', dataIndex: 'batch', width: 200 },
            { title: '面积', dataIndex: 'area', width: 80 },
            { title: '预算', dataIndex: 'budget', width: 80, render: (b: number | null) => b ?? <Tag color="warning">空白</Tag> },
            { title: '权属', dataIndex: 'ownership', width: 60 },
            { title: '规划方向', dataIndex: 'plannedUse', width: 110 },
            {
              title: 'GB/T 21010',
              width: 150,
              render: (_: unknown, r) => (r.class.code ? `${r.class.code} ${r.class.name}` : <Tag color="warning">未归类</Tag>),
            },
            { title: '备注', dataIndex: 'remarks', width: 60 },
          ]}
          data-testid="reserve-table"
        />
      </Card>
      <Card size="small" title="核对明细" className="block">
        <Table
          size="small"
          rowKey="what"
          pagination={false}
          dataSource={d.checks}
          columns={[
            { title: '核对项', dataIndex: 'what' },
            { title: '印刷值', dataIndex: 'printed', width: 110 },
            { title: '计算值', dataIndex: 'computed', width: 110 },
            { title: '结果', dataIndex: 'ok', width: 80, render: (ok: boolean) => (ok ? <Tag color="green">一致</Tag> : <Tag color="red">不一致</Tag>) },
          ]}
          data-testid="checks-table"
        />
      </Card>
    </div>
  );
}
