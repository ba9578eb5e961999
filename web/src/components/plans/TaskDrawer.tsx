import { Alert, Card, Descriptions, Drawer, Empty, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { downloadFile, beijingTime } from '../../caseApi';
import { PageState } from '../PageState';
import { useApi } from '../../useApi';
import { plansApi, ROLE_LABEL, type TaskDetail, type TaskReportRow } from './api';
import { SupervisionPanel } from './SupervisionPanel';
import { TaskStatusTag } from './TaskBits';
import { TaskReportForm } from './TaskReportForm';
import './plans.css';

function useNarrow() {
  const [narrow, setNarrow] = useState(() => typeof window !== 'undefined' && window.innerWidth < 760);
  useEffect(() => {
    const on = () => setNarrow(window.innerWidth < 760);
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return narrow;
}

/**
 * One task in a drawer: its text and deadlines, the progress per year (lead and co-units), every
 * version filed, the filing form for its units and the 督办 items (opened and closed by the plan office).
 */
export function TaskDrawer({ taskId, year, onClose, onChanged }: { taskId: string | null; year: number; onClose: () => void; onChanged?: () => void }) {
  const narrow = useNarrow();
  const [reload, setReload] = useState(0);
  const s = useApi((signal) => (taskId ? plansApi.task(taskId, year, signal) : Promise.resolve(null)), [taskId, year, reload]);
  const changed = () => {
    setReload((n) => n + 1);
    onChanged?.();
  };
  const d = s.data;
  return (
    <Drawer
      open={Boolean(taskId)}
      onClose={onClose}
      size={narrow ? '100%' : 760}
      title={d?.task.title ?? '任务'}
      className="plan-task-drawer"
      destroyOnHidden
      data-testid="task-drawer"
    >
      {!d ? <PageState {...s} /> : <TaskBody d={d} year={year} onChanged={changed} />}
    </Drawer>
  );
}

function TaskBody({ d, year, onChanged }: { d: TaskDetail; year: number; onChanged: () => void }) {
  const t = d.task;
  const units = (role: string) =>
    t.units
      .filter((u) => u.role === role)
      .map((u) => u.unit)
      .join('、') || '—';
  const current = new Set(d.years.flatMap((y) => [y.lead?.id, ...y.co.map((c) => c.id)]).filter(Boolean));
  return (
    <div data-testid="task-detail">
      <Descriptions size="small" column={1} bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label="出处">
          <Link to={`/docs/${encodeURIComponent(t.document)}#${encodeURIComponent(t.anchor)}`}>{t.citation}</Link>
        </Descriptions.Item>
        <Descriptions.Item label="规划">{t.plan}</Descriptions.Item>
        <Descriptions.Item label="牵头单位">{units('lead')}</Descriptions.Item>
        <Descriptions.Item label="配合单位">{units('co')}</Descriptions.Item>
        {t.units.some((u) => u.role === 'implementing') && <Descriptions.Item label="落实单位">{units('implementing')}</Descriptions.Item>}
        {d.role && (
          <Descriptions.Item label="本单位">
            {ROLE_LABEL[d.role]}（{d.unit}）
          </Descriptions.Item>
        )}
        <Descriptions.Item label="完成时限">
          {d.deadlines.length ? (
            <ul className="plan-deadlines" data-testid="task-deadlines">
              {d.deadlines.map((x) => (
                <li key={x.year}>
                  {x.year}年底前：“{x.quote}”
                </li>
              ))}
            </ul>
          ) : (
            <span className="muted-inline">原文未写明年份（规划期至 2025 年）</span>
          )}
        </Descriptions.Item>
      </Descriptions>
      <p className="plan-task-text block">{t.text}</p>
      {t.note && <p className="muted">{t.note}</p>}

      <Card size="small" title={`${year} 年进展`} className="block">
        <Space wrap>
          <TaskStatusTag status={d.progress.status} />
          {d.progress.lead ? <span>{d.progress.lead.note}</span> : <span className="muted-inline">牵头单位尚未报送 {year} 年进展</span>}
        </Space>
        {d.progress.overdue.map((o) => (
          <Alert key={o.year} type="error" showIcon className="block-sm" title={o.message} data-testid="task-overdue-message" />
        ))}
      </Card>

      <Card size="small" title="逐年进展（牵头单位 / 配合单位）" className="block">
        <Table
          size="small"
          rowKey="year"
          pagination={false}
          scroll={{ x: 560 }}
          dataSource={d.years}
          columns={[
            { title: '年度', dataIndex: 'year', width: 64 },
            {
              title: '牵头单位',
              width: 220,
              render: (_: unknown, y) => (
                <Space size={4} wrap>
                  <TaskStatusTag status={y.status} />
                  {y.lead && <span>{y.lead.note}</span>}
                </Space>
              ),
            },
            {
              title: '配合单位',
              render: (_: unknown, y) =>
                y.co.length ? (
                  y.co.map((c) => (
                    <div key={c.id}>
                      {c.unit}：<TaskStatusTag status={c.status} />
                      {c.note}
                    </div>
                  ))
                ) : (
                  <span className="muted-inline">—</span>
                ),
            },
          ]}
          data-testid="task-years"
        />
      </Card>

      <Card size="small" title="报送记录（含更正历史）" className="block">
        {d.history.length ? (
          <Table<TaskReportRow>
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: 720 }}
            dataSource={[...d.history].reverse()}
            columns={[
              { title: '年度', dataIndex: 'year', width: 60 },
              {
                title: '单位',
                width: 150,
                render: (_: unknown, r) => (
                  <>
                    {r.unit}
                    <Tag className="tag-gap">{ROLE_LABEL[r.kind]}</Tag>
                  </>
                ),
              },
              {
                title: '版本',
                width: 110,
                render: (_: unknown, r) => (
                  <>
                    第 {r.version} 版
                    {current.has(r.id) ? (
                      <Tag color="green" className="tag-gap">
                        现行
                      </Tag>
                    ) : (
                      <Tag className="tag-gap">已更正</Tag>
                    )}
                  </>
                ),
              },
              { title: '状态', width: 80, render: (_: unknown, r) => <TaskStatusTag status={r.status} /> },
              { title: '情况说明', dataIndex: 'note' },
              {
                title: '佐证',
                width: 110,
                render: (_: unknown, r) => (r.evidence ? <a onClick={() => downloadFile(r.evidence!.link, r.evidence!.name)}>{r.evidence.name}</a> : '—'),
              },
              { title: '报送', width: 150, render: (_: unknown, r) => `${r.reportedBy} ${beijingTime(r.reportedAt)}` },
            ]}
            data-testid="task-history"
          />
        ) : (
          <Empty description="尚无报送" image={Empty.PRESENTED_IMAGE_SIMPLE} />
        )}
      </Card>

      {d.mayReport && (
        <Card size="small" title={d.mayReport === 'lead' ? '报送任务进展（牵头单位）' : '报送配合情况（配合单位）'} className="block">
          <TaskReportForm detail={d} defaultYear={year} onFiled={onChanged} />
        </Card>
      )}

      <Card size="small" title="督办" className="block" extra={<span className="muted-inline">挂账督办、全程跟踪、台账推进、验收销号</span>}>
        <SupervisionPanel detail={d} onChanged={onChanged} />
      </Card>
    </div>
  );
}
