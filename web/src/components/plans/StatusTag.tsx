import { Tag, Tooltip } from 'antd';
import { STATUS_COLOR, STATUS_LABEL, type StatusResult } from './api';
import './plans.css';

export function StatusTag({ status }: { status: StatusResult }) {
  return (
    <Tooltip title={status.reason}>
      <Tag color={STATUS_COLOR[status.status]} data-testid={`status-${status.status}`}>
        {STATUS_LABEL[status.status]}
      </Tag>
    </Tooltip>
  );
}

export function FlagList({ flags }: { flags: { code: string; message: string }[] }) {
  if (!flags.length) return null;
  return (
    <ul className="plan-flags" data-testid="flags">
      {flags.map((f, i) => (
        <li key={i}>
          <Tag color="warning">数据质量</Tag>
          {f.message}
        </li>
      ))}
    </ul>
  );
}
