import { Card, Col, Row, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth';
import { plansApi, ROLE_LABEL, type IndicatorView, type TaskWithProgress } from '../components/plans/api';
import { FlagList, StatusTag } from '../components/plans/StatusTag';
import { TaskProgressTags } from '../components/plans/TaskBits';
import { TaskDrawer } from '../components/plans/TaskDrawer';
import { PageState } from '../components/PageState';
import { useApi } from '../useApi';

const COMPARISON: Record<string, string> = { gte: '≥', gt: '>', lte: '≤', lt: '<', eq: '≈', decrease_by: '比基期下降', status: '定性' };

/** `/plans` — the nine monitored documents, their indicators (with data-quality flags and, when signed in, statuses) and tasks (with progress, 逾期 and 督办 for those the reader may see). */
export function PlansPage() {
  const { actor } = useAuth();
  const [params, setParams] = useSearchParams();
  const document_ = params.get('document') ?? '';
  const year = Number(params.get('year') ?? 2025);
  const plans = useApi((s) => plansApi.plans(s), []);
  const inds = useApi((s) => plansApi.indicators({ document: document_ || undefined, year }, s), [document_, year, actor?.id]);
  const [taskReload, setTaskReload] = useState(0);
  const tasks = useApi((s) => plansApi.tasks({ document: document_ || undefined, year }, s), [document_, year, actor?.id, taskReload]);
  const [unit, setUnit] = useState<string | null>(null);
  const [only, setOnly] = useState<string>('all');
  const openTask = params.get('task');
  useEffect(() => {
    window.document.title = '规划实施监测 · 政务 Zhengwu';
  }, []);
  if (plans.loading || plans.error) return <PageState {...plans} />;
  const set = (k: string, v: string | null) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p);
  };
  // Widths that keep every column readable; on a narrower screen (a phone) the table scrolls sideways inside itself.
  const columns = [
    {
      title: '指标',
      dataIndex: 'name',
      width: 200,
      className: 'indicator-name',
      render: (_: string, i: IndicatorView) => <Link to={`/plans/indicators/${encodeURIComponent(i.id)}?year=${year}`}>{i.name}</Link>,
    },
    {
      title: '类别',
      dataIndex: 'category',
      width: 120,
      className: 'indicator-category',
      render: (c: string | null, i: IndicatorView) => c ?? (i.source === 'paragraph' ? '正文目标' : '—'),
    },
    { title: '单位', dataIndex: 'unit', width: 80, render: (u: string | null) => u ?? '' },
    {
      title: '基期',
      width: 110,
      render: (_: unknown, i: IndicatorView) => (i.baseline.text ? `${i.baseline.text}${i.baseline.year ? `（${i.baseline.year}）` : ''}` : '—'),
    },
    {
      title: '目标',
      width: 170,
      render: (_: unknown, i: IndicatorView) => (
        <span>
          {i.target.text || <Tag color="warning">空白</Tag>}（{i.target.year}）
        </span>
      ),
    },
    { title: '比较', width: 80, render: (_: unknown, i: IndicatorView) => COMPARISON[i.comparison] },
    {
      title: '属性',
      dataIndex: 'attribute',
      width: 80,
      render: (a: string | null) => (a ? <Tag color={a === '约束性' ? 'red' : undefined}>{a}</Tag> : <span className="muted">未标注</span>),
    },
    { title: '报送单位', dataIndex: 'reporter', width: 130 },
    {
      title: '系统计算值',
      width: 120,
      render: (_: unknown, i: IndicatorView & { computed?: { value: number | null; unit: string; period: string } | null }) =>
        i.computed ? (
          <span data-testid="computed-cell" title={`由业务记录统计：${i.computed.period}`}>
            {i.computed.value === null ? '—' : `${i.computed.value}${i.computed.unit}`}
          </span>
        ) : (
          <span className="muted">—</span>
        ),
    },
    ...(actor ? [{ title: `${year}年状态`, width: 100, render: (_: unknown, i: IndicatorView) => <StatusTag status={i.status} /> }] : []),
  ];
  const taskRows = (tasks.data?.tasks ?? [])
    .filter((t) => !unit || t.units.some((u) => u.unit === unit))
    .filter(
      (t) =>
        only === 'all' ||
        (only === 'mine'
          ? t.progress
          : only === 'overdue'
            ? t.progress?.overdue.length
            : only === 'supervised'
              ? t.progress?.openSupervisions
              : t.progress?.status === only),
    );
  const anyProgress = (tasks.data?.tasks ?? []).some((t) => t.progress);
  return (
    <div className="page plans-page">
      <Typography.Title level={2} className="page-title">
        规划实施监测
      </Typography.Title>
      <p className="muted">九份规划和实施意见的指标与任务，全部从公报原文提取，逐条注明出处；原文自相矛盾之处以"数据质量"提示标出，不作取舍。</p>
      <Row gutter={[12, 12]} className="block">
        {plans.data!.plans.map((p) => (
          <Col xs={24} md={12} lg={8} key={p.number}>
            <Card
              size="small"
              hoverable
              onClick={() => set('document', p.number === document_ ? null : p.number)}
              className={p.number === document_ ? 'plan-card-active' : undefined}
              data-testid="plan-card"
            >
              <div className="plan-card-title">{p.short}</div>
              <div className="muted">
                <Link to={`/docs/${encodeURIComponent(p.number)}`} onClick={(e) => e.stopPropagation()}>
                  {p.number}
                </Link>
              </div>
              <Space size="small" wrap>
                <Tag>指标 {p.indicators}</Tag>
                <Tag>任务 {p.tasks}</Tag>
                {p.flagged > 0 && <Tag color="warning">数据质量提示 {p.flagged}</Tag>}
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
      <Space className="block" wrap>
        <Select
          value={year}
          onChange={(v) => set('year', String(v))}
          options={[2021, 2022, 2023, 2024, 2025].map((y) => ({ value: y, label: `${y} 年` }))}
          aria-label="年份"
          style={{ width: 110 }}
        />
        {document_ && (
          <Tag closable onClose={() => set('document', null)}>
            {document_}
          </Tag>
        )}
        {actor && <Link to="/plans/dashboard">监测看板 →</Link>}
        <Link to="/plans/land">土地供应与储备计划 →</Link>
      </Space>
      <Tabs
        items={[
          {
            key: 'indicators',
            label: `指标（${inds.data?.indicators.length ?? '…'}）`,
            children:
              inds.loading && !inds.data ? (
                <PageState {...inds} />
              ) : (
                <Table<IndicatorView>
                  rowKey="id"
                  size="small"
                  dataSource={inds.data?.indicators ?? []}
                  columns={columns}
                  scroll={{ x: actor ? 1120 : 1020 }}
                  pagination={{ pageSize: 50, hideOnSinglePage: true }}
                  expandable={{
                    expandedRowRender: (i) => (
                      <>
                        <div className="muted">
                          出处：{i.citation.text}
                          {i.alsoStatedIn.length ? `；另见 ${i.alsoStatedIn.map((c) => c.text).join('、')}` : ''}
                        </div>
                        <FlagList flags={i.flags} />
                      </>
                    ),
                    rowExpandable: () => true,
                  }}
                  rowClassName={(i) => (i.flags.length ? 'row-flagged' : '')}
                  data-testid="indicator-table"
                />
              ),
          },
          {
            key: 'tasks',
            label: `任务（${tasks.data?.tasks.length ?? '…'}）`,
            children: (
              <>
                <Space wrap className="block">
                  <Select
                    allowClear
                    showSearch
                    placeholder="按单位筛选"
                    value={unit}
                    onChange={(v) => setUnit(v ?? null)}
                    options={(tasks.data?.units ?? []).map((u) => ({ value: u, label: u }))}
                    style={{ width: 280, maxWidth: '100%' }}
                    aria-label="单位"
                  />
                  {anyProgress && (
                    <Select
                      value={only}
                      onChange={setOnly}
                      style={{ width: 170 }}
                      aria-label="按进展筛选"
                      data-testid="task-filter"
                      options={[
                        { value: 'all', label: '全部任务' },
                        { value: 'mine', label: actor?.role === 'department' ? '本单位牵头或配合' : '可查看进展的任务' },
                        { value: 'overdue', label: '逾期' },
                        { value: 'supervised', label: '督办中' },
                        { value: 'none', label: `${year}年未报送` },
                        { value: 'late', label: '滞后' },
                        { value: 'done', label: '已完成' },
                      ]}
                    />
                  )}
                </Space>
                <Table<TaskWithProgress>
                  rowKey="id"
                  size="small"
                  dataSource={taskRows}
                  pagination={{ pageSize: 50, hideOnSinglePage: true }}
                  scroll={{ x: anyProgress ? 860 : 720 }}
                  columns={[
                    {
                      title: '出处',
                      dataIndex: 'citation',
                      width: 200,
                      render: (c: string, t) => <Link to={`/docs/${encodeURIComponent(t.document)}#${encodeURIComponent(t.anchor)}`}>{c}</Link>,
                    },
                    {
                      title: '任务',
                      dataIndex: 'title',
                      render: (title: string, t) =>
                        t.progress ? (
                          <a onClick={() => set('task', t.id)} data-testid="task-open">
                            {title}
                          </a>
                        ) : (
                          title
                        ),
                    },
                    { title: '完成年份', dataIndex: 'dueYear', width: 90 },
                    ...(anyProgress
                      ? [{ title: `${year}年进展`, width: 150, render: (_: unknown, t: TaskWithProgress) => <TaskProgressTags progress={t.progress} /> }]
                      : []),
                    {
                      title: '责任单位',
                      render: (_: unknown, t) => (
                        <Space size={[2, 4]} wrap>
                          {t.units.map((u) => (
                            <Tag
                              key={u.unit + u.role}
                              color={u.role === 'lead' ? 'red' : u.role === 'co' ? 'blue' : undefined}
                              title={u.printed !== u.unit ? `原文：${u.printed}` : undefined}
                            >
                              {ROLE_LABEL[u.role]}·{u.unit}
                            </Tag>
                          ))}
                        </Space>
                      ),
                    },
                  ]}
                  expandable={{
                    expandedRowRender: (t) => (
                      <>
                        <p className="plan-task-text">{t.text}</p>
                        {t.note && <p className="muted">{t.note}</p>}
                      </>
                    ),
                  }}
                  data-testid="task-table"
                />
              </>
            ),
          },
        ]}
      />
      <TaskDrawer taskId={openTask} year={year} onClose={() => set('task', null)} onChanged={() => setTaskReload((n) => n + 1)} />
    </div>
  );
}
