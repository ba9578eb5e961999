import { Card, Col, Empty, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import {
  plansApi,
  ROLE_LABEL,
  SUPERVISION_STATE_COLOR,
  TASK_STATUS_COLOR,
  TASK_STATUS_LABEL,
  TASK_STATUS_ORDER,
  type DepartmentData,
  type TaskStatusKey,
} from '../components/plans/api';
import { StatusTag } from '../components/plans/StatusTag';
import { TaskProgressTags } from '../components/plans/TaskBits';
import { TaskDrawer } from '../components/plans/TaskDrawer';
import { PageState } from '../components/PageState';
import { useApi } from '../useApi';

function CountTags({ counts, testId }: { counts: Record<TaskStatusKey, number>; testId: string }) {
  return (
    <span className="plan-count-row" data-testid={testId}>
      {TASK_STATUS_ORDER.map((k) => (
        <Tag key={k} color={counts[k] ? TASK_STATUS_COLOR[k] : undefined} data-testid={`${testId}-${k}`}>
          {TASK_STATUS_LABEL[k]} {counts[k]}
        </Tag>
      ))}
    </span>
  );
}

/** `/plans/departments/:unit` — everything a unit leads or shares, across all plans, by due year, with the year's progress, 逾期 and 督办. */
export function PlanDepartmentPage() {
  const { unit = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? 2025);
  const openTask = params.get('task');
  const [reload, setReload] = useState(0);
  const v = useApi((s) => plansApi.department(unit, year, s), [unit, year, reload]);
  useEffect(() => {
    document.title = `${unit} · 规划监测`;
  }, [unit]);
  const set = (k: string, val: string | null) => {
    const p = new URLSearchParams(params);
    if (val) p.set(k, val);
    else p.delete(k);
    setParams(p);
  };
  if (!v.data) return <PageState {...v} />;
  const d: DepartmentData = v.data;
  const open = (id: string) => set('task', id);
  return (
    <div className="page plan-department-page">
      <Typography.Title level={2} className="page-title">
        {d.unit}：规划任务与指标
      </Typography.Title>
      <Space wrap className="block-sm">
        <Select
          value={year}
          onChange={(y) => set('year', String(y))}
          options={[2021, 2022, 2023, 2024, 2025].map((y) => ({ value: y, label: `${y} 年` }))}
          aria-label="年份"
          style={{ width: 110 }}
          data-testid="department-year"
        />
        <span className="muted-inline">
          牵头 {d.counts.lead} 项，配合 {d.counts.co} 项，落实 {d.counts.implementing} 项任务；{d.indicators.length} 个相关指标。
        </span>
      </Space>
      <Card size="small" title={`${year} 年任务进展`} className="block plan-task-counts" data-testid="department-task-counts">
        <Row gutter={[8, 8]}>
          <Col xs={24} md={12}>
            <div className="muted-inline">牵头任务（{d.counts.lead} 项）</div>
            <CountTags counts={d.taskCounts.lead} testId="lead-count" />
          </Col>
          <Col xs={24} md={12}>
            <div className="muted-inline">配合任务（{d.counts.co} 项，按牵头单位报告）</div>
            <CountTags counts={d.taskCounts.co} testId="co-count" />
          </Col>
        </Row>
        <p className="muted">
          依据承市政办字〔2022〕49号
          四、（一）“制定规划实施年度任务清单和工作台账，跟踪和督促各项任务落实”：牵头单位逐年报送任务进展，配合单位报送本单位配合情况。
        </p>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={`逾期任务（${d.overdueTasks.length}）`} className="block">
            {d.overdueTasks.length ? (
              <ul className="plan-flags" data-testid="department-overdue">
                {d.overdueTasks.map((t) => (
                  <li key={t.id}>
                    <Tag color="error">逾期</Tag>
                    <a onClick={() => open(t.id)}>{t.title}</a>（{ROLE_LABEL[t.role]}）
                    <div className="muted-inline">{t.overdue.map((o) => o.message).join(' ')}</div>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty description="没有逾期任务" image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={`未销号的督办（${d.supervisions.length}）`} className="block">
            {d.supervisions.length ? (
              <ul className="plan-flags" data-testid="department-supervisions">
                {d.supervisions.map((s) => (
                  <li key={s.id}>
                    <Tag color={SUPERVISION_STATE_COLOR[s.state]}>{s.stateLabel}</Tag>
                    <a onClick={() => open(s.taskId)}>{s.task.title}</a>
                    <div className="muted-inline">
                      期限 {s.dueDate}
                      {s.overdue ? '（已超期）' : ''}：{s.reason}
                    </div>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty description="没有未销号的督办" image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title="指标" className="block">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: 640 }}
          dataSource={d.indicators}
          columns={[
            { title: '指标', render: (_: unknown, i) => <Link to={`/plans/indicators/${encodeURIComponent(i.id)}?year=${year}`}>{i.name}</Link> },
            { title: '规划', dataIndex: 'plan', width: 200 },
            { title: '目标', width: 160, render: (_: unknown, i) => i.target.text || '（空白）' },
            { title: '本单位', width: 90, render: (_: unknown, i) => (i.mayReport ? <Tag color="red">报送</Tag> : <Tag>相关</Tag>) },
            { title: '状态', width: 100, render: (_: unknown, i) => <StatusTag status={i.status} /> },
          ]}
          data-testid="department-indicators"
        />
      </Card>
      <Card size="small" title="任务（按完成年份）" className="block">
        <Table
          size="small"
          rowKey="id"
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 720 }}
          dataSource={d.tasks}
          columns={[
            { title: '完成年份', dataIndex: 'dueYear', width: 90 },
            {
              title: '本单位',
              dataIndex: 'role',
              width: 80,
              render: (r: string) => <Tag color={r === 'lead' ? 'red' : r === 'co' ? 'blue' : undefined}>{ROLE_LABEL[r]}</Tag>,
            },
            {
              title: '任务',
              dataIndex: 'title',
              render: (title: string, t) =>
                t.progress ? (
                  <a onClick={() => open(t.id)} data-testid="task-open">
                    {title}
                  </a>
                ) : (
                  title
                ),
            },
            { title: `${year}年进展`, width: 150, render: (_: unknown, t) => <TaskProgressTags progress={t.progress} /> },
            {
              title: '出处',
              dataIndex: 'citation',
              width: 230,
              render: (c: string, t) => <Link to={`/docs/${encodeURIComponent(t.document)}#${encodeURIComponent(t.anchor)}`}>{c}</Link>,
            },
          ]}
          data-testid="department-tasks"
        />
      </Card>
      <TaskDrawer taskId={openTask} year={year} onClose={() => set('task', null)} onChanged={() => setReload((n) => n + 1)} />
    </div>
  );
}
