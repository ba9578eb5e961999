import { Tag, Tooltip } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, StopOutlined } from '@ant-design/icons';
import type { Validity } from '../api';

const STYLE: Record<Validity['status'], { color: string; icon: React.ReactNode }> = {
  in_force: { color: 'green', icon: <CheckCircleOutlined /> },
  expired: { color: 'red', icon: <StopOutlined /> },
  not_yet: { color: 'orange', icon: <ClockCircleOutlined /> },
};

/** 现行有效 (green) / 已失效 (red) / 尚未生效 (orange). */
export function ValidityBadge({ validity, testId = 'validity-badge' }: { validity: Validity; testId?: string }) {
  const s = STYLE[validity.status] ?? STYLE.in_force;
  const tag = (
    <Tag color={s.color} icon={s.icon} data-testid={testId} data-status={validity.status} style={{ marginInlineEnd: 0 }}>
      {validity.label}
    </Tag>
  );
  return validity.asOf ? <Tooltip title={`截至 ${validity.asOf}`}>{tag}</Tooltip> : tag;
}
