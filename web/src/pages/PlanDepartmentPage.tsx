import { Card, Table, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import { plansApi, ROLE_LABEL } from '../components/plans/api';
import { StatusTag } from '../components/plans/StatusTag';
import { PageState } from '../components/PageState';
import { useApi } from '../useApi';

/** `/plans/departments/:unit` — everything a unit leads or shares, across all plans, by due year. */
export function PlanDepartmentPage() {
  const { unit = '' } = useParams();
  const year = 2025;
  const v = useApi((s) => plansApi.department(unit, year, s), [unit]);
  useEffect(() => {
    document.title = `${unit} · 规划监测`;
  }, [unit]);
  if (!v.data) return <PageState {...v} />;
  const d = v.data;
  return (
    <div className="page plan-department-page">
      <Typography.Title level={2} className="page-title">
        {d.unit}：规划任务与指标
      </Typography.Title>
      <p className="muted">
        牵头 {d.counts.lead} 项，配合 {d.counts.co} 项，落实 {d.counts.implementing} 项任务；{d.indicators.length} 个相关指标。
      </p>
      <Card size="small" title="指标" className="block">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={d.indicators}
          columns={[
            { title: '指标', render: (_: unknown, i) => <Link to={`/plans/indicators/${encodeURIComponent(i.id)}`}>{i.name}</Link> },
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
          dataSource={d.tasks}
          columns={[
            { title: '完成年份', dataIndex: 'dueYear', width: 90 },
            { title: '本单位', dataIndex: 'role', width: 80, render: (r: string) => <Tag color={r === 'lead' ? 'red' : r === 'co' ? 'blue' : undefined}>{ROLE_LABEL[r]}</Tag> },
            { title: '任务', dataIndex: 'title' },
            { title: '出处', dataIndex: 'citation', width: 230, render: (c: string, t) => <Link to={`/docs/${encodeURIComponent(t.document)}#${encodeURIComponent(t.anchor)}`}>{c}</Link> },
          ]}
          data-testid="department-tasks"
        />
      </Card>
    </div>
  );
}
