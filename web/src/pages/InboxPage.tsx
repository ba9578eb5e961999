import { Typography } from 'antd';
import { useRegistry } from '../platform/registry';
import { useEffect } from 'react';
import { useAuth } from '../auth';
import { caseApi, ROLE_NAMES } from '../caseApi';
import { CaseTable } from '../components/CaseTable';
import { PageState } from '../components/PageState';
import { DutiesCard } from '../components/DutiesCard';
import { FollowUpsCard } from '../components/ratings/FollowUpsCard';
import { PendingAccountsCard } from '../registration/PendingAccountsCard';
import { useApi } from '../useApi';

/** `/inbox` — the steps waiting for this role in its jurisdiction, overdue first. */
export function InboxPage() {
  useRegistry(); // role labels of the modules, once loaded
  const { actor } = useAuth();
  const inbox = useApi((signal) => caseApi.inbox(signal), []);
  useEffect(() => {
    document.title = '待办 · 政务 Zhengwu';
  }, []);
  const overdue = inbox.data?.items.filter((c) => c.deadline && 'status' in c.deadline && c.deadline.status === 'overdue').length ?? 0;
  return (
    <div className="page inbox-page">
      <Typography.Title level={2} className="page-title">
        待办
      </Typography.Title>
      <p className="muted">
        {actor ? `${ROLE_NAMES[actor.role]}：` : ''}等待您办理的环节，逾期和临期的排在前面。
        {inbox.data && (
          <span data-testid="inbox-count">
            {' '}
            共 {inbox.data.items.length} 件{overdue > 0 && <strong className="text-danger">，其中逾期 {overdue} 件</strong>}。
          </span>
        )}
      </p>
      {inbox.error ? (
        <PageState loading={false} error={inbox.error} />
      ) : (
        <CaseTable items={inbox.data?.items ?? []} loading={inbox.loading} empty="暂无待办事项" testId="inbox-table" />
      )}
      <PendingAccountsCard />
      <FollowUpsCard />
      <DutiesCard />
    </div>
  );
}
