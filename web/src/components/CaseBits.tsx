// Small pieces shared by the case pages: citation links, deadline tags, findings.
import { useApi } from '../useApi';
import { Alert, Tag, Tooltip } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, InfoCircleFilled } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { caseApi, type CaseSummary, type Deadline, type Finding, type GoverningDocumentStatus } from '../caseApi';

/** A citation (文号 + 条款) linking to the article in the library. */
export function CiteLink({ cites, link }: { cites: string; link?: string | null }) {
  if (!link) return <span className="cite">{cites}</span>;
  return (
    <Link to={link} className="cite" data-testid="cite-link">
      {cites}
    </Link>
  );
}

const STATUS: Record<string, { color: string; label: string }> = {
  overdue: { color: 'red', label: '逾期' },
  due_soon: { color: 'orange', label: '临期' },
  on_time: { color: 'green', label: '按期' },
  paused: { color: 'purple', label: '暂停计算' },
  unknown: { color: 'default', label: '期限未知' },
};

/** 逾期 (red) / 临期 (orange) / 按期 (green) for a deadline, or the 公示 minimum. */
export function DeadlineTag({ deadline }: { deadline: Deadline | null | undefined }) {
  if (!deadline) return null;
  if (deadline.kind === 'minimum') {
    return (
      <Tooltip title={deadline.label}>
        <Tag color="blue" data-testid="deadline-tag" data-status="minimum">
          {'earliestEnd' in deadline && deadline.earliestEnd ? `最早 ${deadline.earliestEnd} 结束` : '公示中'}
        </Tag>
      </Tooltip>
    );
  }
  const status = 'status' in deadline && deadline.status ? deadline.status : 'unknown';
  const s = STATUS[status] ?? STATUS.unknown;
  return (
    <Tag color={s.color} data-testid="deadline-tag" data-status={status}>
      {s.label}
    </Tag>
  );
}

export function dueOf(d: Deadline | null | undefined): string | null {
  return d && 'due' in d ? (d.due ?? null) : null;
}

export function workdaysLeftOf(d: Deadline | null | undefined): number | null {
  return d && 'workdaysLeft' in d ? (d.workdaysLeft ?? null) : null;
}

/** "剩 3 个工作日" / "已逾期 2 个工作日". */
export function workdaysText(d: Deadline | null | undefined): string {
  const left = workdaysLeftOf(d);
  // A limit in years (中止执业满 2 年) is counted in calendar days.
  const days = d && 'daysLeft' in d ? (d.daysLeft as number | null) : null;
  if (left === null && typeof days === 'number') return days < 0 ? `已届满 ${-days} 天` : days === 0 ? '今天届满' : `剩 ${days} 天`;
  if (left === null) return '—';
  if (left < 0) return `已逾期 ${-left} 个工作日`;
  if (left === 0) return '今天到期';
  return `剩 ${left} 个工作日`;
}

const OUTCOME = {
  pass: { icon: <CheckCircleFilled style={{ color: '#389e0d' }} />, mark: '✓', label: '符合' },
  fail: { icon: <CloseCircleFilled style={{ color: '#cf1322' }} />, mark: '✗', label: '不符合' },
  info: { icon: <InfoCircleFilled style={{ color: '#1677ff' }} />, mark: 'ℹ', label: '提示' },
} as const;

/** Each finding with ✓/✗/ℹ, its message and its article. */
export function FindingList({ findings }: { findings: Pick<Finding, 'rule' | 'outcome' | 'message' | 'cites' | 'link'>[] }) {
  return (
    <ul className="finding-list" data-testid="findings">
      {findings.map((f, i) => {
        const o = OUTCOME[f.outcome] ?? OUTCOME.info;
        return (
          <li key={`${f.rule}-${i}`} className={`finding finding-${f.outcome}`} data-testid="finding" data-outcome={f.outcome} data-rule={f.rule}>
            <span className="finding-icon" aria-label={o.label} title={o.label}>
              {o.icon}
            </span>
            <span className="finding-body">
              <span className="finding-message">{f.message}</span>
              <span className="finding-cite">
                <CiteLink cites={f.cites} link={f.link} />
              </span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** The decision in one tag. */
export function DecisionTag({ decision }: { decision: 'eligible' | 'ineligible' }) {
  return decision === 'eligible' ? (
    <Tag color="green" data-testid="decision" data-decision="eligible">
      符合审批条件
    </Tag>
  ) : (
    <Tag color="red" data-testid="decision" data-decision="ineligible">
      不符合审批条件
    </Tag>
  );
}

/** A warning when the governing document is not in force (today, or on the application date). */
export function GoverningStatusAlert({ status, compact }: { status: GoverningDocumentStatus; compact?: boolean }) {
  if (status.status === 'in_force') {
    return compact ? null : (
      <Alert type="success" showIcon title="依据文件现行有效" description={status.message} data-testid="governing-status" data-status={status.status} />
    );
  }
  return (
    <Alert
      type="warning"
      showIcon
      title={
        status.status === 'expired'
          ? status.decisionsAllowed
            ? '依据文件已失效（已登记替代文件）'
            : '依据文件已失效：可以受理，暂不能作出决定'
          : '依据文件尚未生效'
      }
      description={
        <>
          {status.message}
          {status.validityCites && status.validityLink && (
            <>
              {' '}
              有效期依据：
              <CiteLink cites={status.validityCites} link={status.validityLink} />
            </>
          )}
        </>
      }
      data-testid="governing-status"
      data-status={status.status}
    />
  );
}

export function jurisdictionText(j: CaseSummary['jurisdiction']): string {
  return `${j.county}${j.township}${j.village}`;
}

/** Whether the document a procedure rests on is in force today (e.g. 承市科规〔2022〕1号, valid 5 years from 2022-07-01). */
export function ProcedureValidity({ procedure }: { procedure: string }) {
  const info = useApi((signal) => caseApi.procedure(procedure, signal), [procedure]);
  if (!info.data) return null;
  const s = info.data.governingDocumentStatus;
  // The end of the term, announced as it approaches.
  const ending = s.status === 'in_force' && s.endsInDays !== null && !s.successor;
  return s.status === 'in_force' ? (
    <Alert
      type={ending ? 'warning' : 'success'}
      showIcon
      className="block-sm"
      title={ending ? `${s.document} 还有 ${s.endsInDays} 天到期` : `${s.document} 现行有效`}
      description={ending ? s.message : `施行 ${s.validFrom} 起，有效期至 ${s.effectiveUntil ?? '—'}。`}
      data-testid="governing-status"
      data-status={s.status}
    />
  ) : (
    <GoverningStatusAlert status={s} />
  );
}
