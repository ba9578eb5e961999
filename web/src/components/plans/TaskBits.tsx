import { Space, Tag, Tooltip } from 'antd';
import { TASK_STATUS_COLOR, TASK_STATUS_LABEL, type TaskProgress, type TaskStatusKey } from './api';
import './plans.css';

export function TaskStatusTag({ status, title }: { status: TaskStatusKey; title?: string }) {
  const tag = (
    <Tag color={TASK_STATUS_COLOR[status]} data-testid={`task-status-${status}`}>
      {TASK_STATUS_LABEL[status]}
    </Tag>
  );
  return title ? <Tooltip title={title}>{tag}</Tooltip> : tag;
}

/** The task's status for the year, 逾期 (with the deadline quoted) and 督办 not yet closed. */
export function TaskProgressTags({ progress }: { progress: TaskProgress | null }) {
  if (!progress) return <span className="muted-inline">—</span>;
  return (
    <Space size={[2, 4]} wrap>
      <TaskStatusTag
        status={progress.status}
        title={progress.lead ? `第 ${progress.lead.version} 版：${progress.lead.note}` : `${progress.year}年牵头单位未报送进展`}
      />
      {progress.overdue.length > 0 && (
        <Tooltip title={progress.overdue.map((o) => o.message).join('\n')}>
          <Tag color="error" data-testid="task-overdue">
            逾期
          </Tag>
        </Tooltip>
      )}
      {progress.openSupervisions > 0 && (
        <Tag color="volcano" data-testid="task-supervised">
          督办中
        </Tag>
      )}
    </Space>
  );
}
