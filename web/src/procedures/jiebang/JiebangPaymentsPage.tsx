import { Table, Typography } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { PageState } from '../../components/PageState';
import { articleLink, JIEBANG_DOCUMENT, scienceApi, yuan, type Payment } from '../science/scienceApi';
import { CiteLink } from '../../components/CaseBits';
import { useApi } from '../../useApi';

/** `/jiebang/payments` — every grant payment of 揭榜挂帅 projects (市科技局). */
export function JiebangPaymentsPage() {
  const ledger = useApi((signal) => scienceApi.payments(signal), []);
  useEffect(() => {
    document.title = '拨付台账 · 揭榜挂帅 · 政务 Zhengwu';
  }, []);
  return (
    <div className="page payments-page">
      <Typography.Title level={2} className="page-title">
        “揭榜挂帅”财政资助拨付台账
      </Typography.Title>
      <p className="muted">
        首笔资助按双方首笔拨付比例拨付，验收通过后拨付余额（
        <CiteLink cites={`${JIEBANG_DOCUMENT} 第十六条`} link={articleLink(JIEBANG_DOCUMENT, '第十六条')} />
        ）。
      </p>
      {ledger.error ? (
        <PageState loading={false} error={ledger.error} />
      ) : (
        <>
          <Table<Payment>
            className="block"
            data-testid="payments-table"
            size="middle"
            loading={ledger.loading}
            rowKey={(p, i) => `${p.caseId}-${p.kind}-${i}`}
            dataSource={ledger.data?.items ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '尚无拨付记录' }}
            columns={[
              { title: '日期', dataIndex: 'date' },
              {
                title: '项目',
                key: 'project',
                render: (_, p) => (
                  <div className="case-cell">
                    <Link to={`/cases/${encodeURIComponent(p.caseId)}`}>{p.project}</Link>
                    <div className="muted">{p.caseId}</div>
                  </div>
                ),
              },
              { title: '款项', dataIndex: 'kind', render: (k: string) => (k === 'first' ? '首笔资助' : '剩余资助') },
              { title: '金额', dataIndex: 'amount', render: (v: number) => yuan(v) },
              { title: '收款方', dataIndex: 'recipient' },
              { title: '依据', dataIndex: 'cites', render: (v: string) => <span className="cite">{v}</span> },
            ]}
          />
          {ledger.data && (
            <p className="block-sm" data-testid="payments-total">
              共 {ledger.data.items.length} 笔，合计 <strong>{yuan(ledger.data.total)}</strong>
            </p>
          )}
        </>
      )}
    </div>
  );
}
