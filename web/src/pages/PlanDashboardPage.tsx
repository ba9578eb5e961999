import { Button, Card, Col, Empty, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth';
import { downloadFile } from '../caseApi';
import {
  plansApi,
  STATUS_COLOR,
  STATUS_LABEL,
  STATUS_ORDER,
  SUPERVISION_STATE_COLOR,
  TASK_STATUS_COLOR,
  TASK_STATUS_LABEL,
  TASK_STATUS_ORDER,
  type DashboardData,
  type TaskStatusKey,
} from '../components/plans/api';
import { Chart } from '../components/plans/Chart';
import { StatusTag } from '../components/plans/StatusTag';
import { TaskDrawer } from '../components/plans/TaskDrawer';
import { PageState } from '../components/PageState';
import { useApi } from '../useApi';

function stacked(rows: { label: string; counts: DashboardData['counts'] }[]) {
  return {
    tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } },
    legend: { top: 0, data: STATUS_ORDER.map((s) => STATUS_LABEL[s]) },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value' as const, minInterval: 1 },
    yAxis: { type: 'category' as const, data: rows.map((r) => r.label), inverse: true },
    series: STATUS_ORDER.map((s) => ({
      name: STATUS_LABEL[s],
      type: 'bar' as const,
      stack: 'n',
      itemStyle: { color: STATUS_COLOR[s] },
      data: rows.map((r) => r.counts[s]),
    })),
  };
}

function taskStacked(rows: { label: string; counts: Record<TaskStatusKey, number> }[]) {
  return {
    tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } },
    legend: { top: 0, data: TASK_STATUS_ORDER.map((s) => TASK_STATUS_LABEL[s]) },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value' as const, minInterval: 1 },
    yAxis: { type: 'category' as const, data: rows.map((r) => r.label), inverse: true },
    series: TASK_STATUS_ORDER.map((s) => ({
      name: TASK_STATUS_LABEL[s],
      type: 'bar' as const,
      stack: 'n',
      itemStyle: { color: TASK_STATUS_COLOR[s] },
      data: rows.map((r) => r.counts[s]),
    })),
  };
}

/** `/plans/dashboard` — status counts per plan and per department, 约束性 indicators at risk first, trends, task progress (逾期, 督办), the annual report. */
export function PlanDashboardPage() {
  const { actor } = useAuth();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? 2025);
  const document_ = params.get('document') ?? undefined;
  const unit = params.get('unit') ?? undefined;
  const [reload, setReload] = useState(0);
  const dash = useApi((s) => plansApi.dashboard({ year, document: document_, unit }, s), [year, document_, unit, actor?.id, reload]);
  const openTask = params.get('task');
  const plans = useApi((s) => plansApi.plans(s), []);
  const set = (k: string, v: string | undefined) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p);
  };
  const [trend, setTrend] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = '规划监测看板 · 政务 Zhengwu';
  }, []);
  const d = dash.data;
  const planOption = useMemo(() => (d ? stacked(d.byPlan.map((p) => ({ label: p.plan, counts: p.counts }))) : null), [d]);
  const unitOption = useMemo(() => (d ? stacked(d.byUnit.map((u) => ({ label: u.unit, counts: u.counts }))) : null), [d]);
  const taskPlanOption = useMemo(() => (d ? taskStacked(d.tasks.byPlan.map((p) => ({ label: p.plan, counts: p.counts }))) : null), [d]);
  const t = d?.trends.find((x) => x.id === trend) ?? d?.trends[0];
  const trendOption = useMemo(() => {
    if (!t) return null;
    const years = [2020, 2021, 2022, 2023, 2024, 2025];
    return {
      tooltip: { trigger: 'axis' as const },
      legend: { top: 0, data: ['基期与报送值', '目标'] },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category' as const, data: years.map(String) },
      yAxis: { type: 'value' as const, scale: true, name: t.unit ?? '' },
      series: [
        {
          name: '基期与报送值',
          type: 'line' as const,
          connectNulls: true,
          data: years.map((y) => t.points.find((p) => p.year === y)?.value ?? (y === t.baseline.year ? t.baseline.value : null)),
        },
        { name: '目标', type: 'line' as const, lineStyle: { type: 'dashed' as const }, data: years.map(() => t.target.value) },
      ],
    };
  }, [t]);
  if (!d) return <PageState {...dash} />;
  return (
    <div className="page plan-dashboard-page">
      <Typography.Title level={2} className="page-title">
        规划监测看板
      </Typography.Title>
      <Space className="block" wrap>
        <Select
          value={year}
          onChange={(v) => set('year', String(v))}
          options={[2021, 2022, 2023, 2024, 2025].map((y) => ({ value: y, label: `${y} 年` }))}
          aria-label="年份"
          style={{ width: 110 }}
          data-testid="dashboard-year"
        />
        <Select
          allowClear
          placeholder="全部规划"
          value={document_}
          onChange={(v) => set('document', v)}
          options={(plans.data?.plans ?? []).map((p) => ({ value: p.number, label: p.short }))}
          style={{ minWidth: 220 }}
          aria-label="规划"
        />
        <Select
          allowClear
          showSearch
          placeholder="全部报送单位"
          value={unit}
          onChange={(v) => set('unit', v)}
          options={(d?.byUnit ?? []).map((u) => ({ value: u.unit, label: u.unit }))}
          style={{ minWidth: 180 }}
          aria-label="报送单位"
        />
        <span className="muted">{actor?.role === 'department' ? `${actor.unit}报送、牵头或参与的指标` : '全部规划'}</span>
        {actor?.role === 'department' && actor.unit && <Link to={`/plans/departments/${encodeURIComponent(actor.unit)}`}>本单位任务与指标 →</Link>}
        <Button
          icon={<DownloadOutlined />}
          loading={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await downloadFile(plansApi.reportPath(year), `规划实施年度监测报告-${year}.xlsx`);
            } finally {
              setBusy(false);
            }
          }}
          data-testid="download-report"
        >
          {year} 年度监测报告（Excel）
        </Button>
      </Space>
      <Row gutter={[12, 12]} className="block">
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic title="指标" value={d.total} />
          </Card>
        </Col>
        {STATUS_ORDER.map((s) => (
          <Col xs={12} md={4} key={s}>
            <Card size="small">
              <Statistic title={STATUS_LABEL[s]} value={d.counts[s]} styles={{ content: { color: STATUS_COLOR[s] } }} data-testid={`count-${s}`} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title="需要关注的指标（约束性优先）" className="block">
        {d.attention.length ? (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={d.attention}
            scroll={{ x: 640 }}
            columns={[
              { title: '指标', render: (_: unknown, a) => <Link to={`/plans/indicators/${encodeURIComponent(a.id)}?year=${year}`}>{a.name}</Link> },
              {
                title: '属性',
                dataIndex: 'attribute',
                width: 90,
                render: (x: string | null) => (x ? <Tag color={x === '约束性' ? 'red' : undefined}>{x}</Tag> : '未标注'),
              },
              { title: '规划', dataIndex: 'plan', width: 220 },
              { title: '报送单位', dataIndex: 'reporter', width: 140 },
              { title: '状态', width: 100, render: (_: unknown, a) => <StatusTag status={a.status} /> },
            ]}
            data-testid="attention-table"
          />
        ) : (
          <Empty description="没有存在风险或滞后的指标" />
        )}
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card size="small" title="按规划">
            {planOption && <Chart option={planOption} height={Math.max(200, d.byPlan.length * 44 + 60)} testId="chart-plans" />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="按报送单位">
            {unitOption && <Chart option={unitOption} height={Math.max(200, d.byUnit.length * 30 + 60)} testId="chart-units" />}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={`${year} 年任务进展（牵头单位报告）`} className="block" data-testid="task-progress-card">
        <Row gutter={[12, 12]}>
          <Col xs={12} md={4}>
            <Statistic title="任务" value={d.tasks.total} data-testid="task-count-total" />
          </Col>
          {TASK_STATUS_ORDER.map((k) => (
            <Col xs={12} md={4} key={k}>
              <Statistic
                title={TASK_STATUS_LABEL[k]}
                value={d.tasks.counts[k]}
                styles={{ content: { color: TASK_STATUS_COLOR[k] } }}
                data-testid={`task-count-${k}`}
              />
            </Col>
          ))}
        </Row>
        {taskPlanOption && d.tasks.byPlan.length > 0 && (
          <Chart option={taskPlanOption} height={Math.max(180, d.tasks.byPlan.length * 40 + 60)} testId="chart-task-plans" />
        )}
        <p className="muted">
          依据承市政办字〔2022〕49号 四、（一）年度任务清单和工作台账、47号
          三、（三）定期跟踪重点任务实施进展；原文写明年份的任务，该年过后牵头单位当年报告不是“已完成”即为逾期。
        </p>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={`逾期任务（${d.tasks.overdue.length}）`} className="block">
            {d.tasks.overdue.length ? (
              <Table
                size="small"
                rowKey="id"
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                scroll={{ x: 520 }}
                dataSource={d.tasks.overdue}
                columns={[
                  { title: '任务', render: (_: unknown, t) => <a onClick={() => set('task', t.id)}>{t.title}</a> },
                  { title: '牵头单位', width: 140, render: (_: unknown, t) => t.lead.join('、') },
                  { title: '应完成', width: 200, render: (_: unknown, t) => t.overdue.map((o) => `${o.year}年：${o.quote}`).join('；') },
                ]}
                data-testid="overdue-table"
              />
            ) : (
              <Empty description="没有逾期任务" image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={`未销号的督办（${d.tasks.supervisions.length}）`} className="block">
            {d.tasks.supervisions.length ? (
              <Table
                size="small"
                rowKey="id"
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                scroll={{ x: 520 }}
                dataSource={d.tasks.supervisions}
                columns={[
                  { title: '任务', render: (_: unknown, s) => <a onClick={() => set('task', s.taskId)}>{s.task.title}</a> },
                  { title: '状态', width: 90, render: (_: unknown, s) => <Tag color={SUPERVISION_STATE_COLOR[s.state]}>{s.stateLabel}</Tag> },
                  {
                    title: '期限',
                    width: 120,
                    render: (_: unknown, s) => (
                      <>
                        {s.dueDate}
                        {s.overdue && (
                          <Tag color="error" className="tag-gap">
                            已超期
                          </Tag>
                        )}
                      </>
                    ),
                  },
                  { title: '牵头单位', width: 140, render: (_: unknown, s) => s.task.lead.join('、') },
                ]}
                data-testid="supervision-table"
              />
            ) : (
              <Empty description="没有未销号的督办" image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title="趋势" className="block">
        {t && trendOption ? (
          <>
            <Select
              value={t.id}
              onChange={setTrend}
              options={d.trends.map((x) => ({ value: x.id, label: x.name }))}
              style={{ minWidth: 320 }}
              aria-label="趋势指标"
            />
            <Chart option={trendOption} height={280} testId="chart-trend" />
          </>
        ) : (
          <Empty description="尚无报送数值" />
        )}
      </Card>
      <TaskDrawer taskId={openTask} year={year} onClose={() => set('task', undefined)} onChanged={() => setReload((n) => n + 1)} />
    </div>
  );
}
