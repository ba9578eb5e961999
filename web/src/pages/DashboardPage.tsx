import { App, Button, Card, Col, Empty, InputNumber, Progress, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useAuth } from '../auth';
import { caseApi, downloadFile, json } from '../caseApi';
import { CaseTable } from '../components/CaseTable';
import { PageState } from '../components/PageState';
import { RatingsSummaryCard } from '../components/ratings/RatingsSummaryCard';
import { useApi } from '../useApi';
import { Link } from 'react-router-dom';

/** Downloads a protected file; a 404 means the endpoint is not there yet. */
function useDownload() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (key: string, path: string, fileName: string) => {
    setBusy(key);
    try {
      await downloadFile(path, fileName);
    } catch (e) {
      const err = e as Error & { status?: number };
      message.error(err.status === 404 ? '该功能尚未开通，请稍后再试。' : err.message);
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}

/** `/dashboard` — counts by state, per township with overdue and due-soon cases, and the cases needing attention. */
export function DashboardPage() {
  const { actor } = useAuth();
  const dash = useApi((signal) => caseApi.dashboard(signal), []);
  const { busy, run } = useDownload();
  const now = new Date();
  const [year, setYear] = useState(now.getFullYear());
  const [quarter, setQuarter] = useState(Math.floor(now.getMonth() / 3) + 1);
  useEffect(() => {
    document.title = '统计看板 · 政务 Zhengwu';
  }, []);
  if (dash.loading || dash.error) return <PageState {...dash} />;
  const d = dash.data!;
  const states = Object.entries(d.byState).sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...states.map(([, n]) => n));
  const townships = Object.entries(d.byTownship).map(([name, t]) => ({ name, ...t }));
  const overdue = townships.reduce((s, t) => s + t.overdue, 0);
  const dueSoon = townships.reduce((s, t) => s + t.dueSoon, 0);
  const official = actor?.role === 'township' || actor?.role === 'county' || actor?.role === 'admin';

  return (
    <div className="page dashboard-page">
      <Typography.Title level={2} className="page-title">
        统计看板
      </Typography.Title>
      <p className="muted">{[actor?.county, actor?.township, actor?.village].filter(Boolean).join(' ') || '全部辖区'} · 农村宅基地和建房（规划许可）审批</p>
      <Row gutter={[12, 12]}>
        <Col xs={8}>
          <Card size="small">
            <Statistic title="案件总数" value={d.total} data-testid="stat-total" />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic title="逾期" value={overdue} styles={{ content: { color: overdue ? '#cf1322' : undefined } }} />
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <Statistic title="临期" value={dueSoon} styles={{ content: { color: dueSoon ? '#d46b08' : undefined } }} />
          </Card>
        </Col>
      </Row>

      {official && (
        <Card size="small" title="报表下载" className="block">
          <Space wrap>
            <Button icon={<DownloadOutlined />} loading={busy === 'ledger'} onClick={() => run('ledger', caseApi.ledgerPath(), '宅基地审批台账.xlsx')}>
              审批台账（Excel）
            </Button>
            <Space.Compact>
              <InputNumber value={year} min={2020} max={2100} onChange={(v) => v && setYear(v)} aria-label="年份" suffix="年" style={{ width: 110 }} />
              <Select
                value={quarter}
                onChange={setQuarter}
                aria-label="季度"
                options={[1, 2, 3, 4].map((q) => ({ value: q, label: `第${'一二三四'[q - 1]}季度` }))}
                style={{ width: 110 }}
              />
              <Button
                icon={<DownloadOutlined />}
                loading={busy === 'quarterly'}
                onClick={() => run('quarterly', caseApi.quarterlyPath(year, quarter), `宅基地审批季报-${year}Q${quarter}.xlsx`)}
              >
                季度报表
              </Button>
            </Space.Compact>
          </Space>
        </Card>
      )}

      <Row gutter={[16, 16]} className="block">
        <Col xs={24} lg={12}>
          <Card size="small" title="各环节案件数" data-testid="by-state">
            {states.length === 0 ? (
              <Empty description="暂无案件" />
            ) : (
              <ul className="bar-list">
                {states.map(([label, n]) => (
                  <li key={label}>
                    <span className="bar-label">{label}</span>
                    <Progress percent={(n / max) * 100} status="normal" format={() => `${n}`} strokeColor="#b3261e" size="small" />
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="各乡镇" data-testid="by-township">
            <Table
              size="small"
              rowKey="name"
              pagination={false}
              dataSource={townships}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <Empty description="暂无案件" /> }}
              columns={[
                { title: '乡镇', dataIndex: 'name' },
                { title: '案件数', dataIndex: 'total', align: 'right' },
                { title: '逾期', dataIndex: 'overdue', align: 'right', render: (n: number) => (n ? <strong className="text-danger">{n}</strong> : 0) },
                { title: '临期', dataIndex: 'dueSoon', align: 'right', render: (n: number) => (n ? <strong className="text-warning">{n}</strong> : 0) },
              ]}
            />
          </Card>
        </Col>
      </Row>

      <SupervisionSummaryCard />
      <RatingsSummaryCard />
      <Card size="small" title="需要关注（逾期、临期）" className="block">
        <CaseTable items={d.attention} empty="没有逾期或临期的案件" testId="attention-table" />
      </Card>
      {(d.flagged?.length ?? 0) > 0 && (
        <Card size="small" title="提示（按条款需要处理的情况）" className="block">
          <CaseTable items={d.flagged} testId="flagged-table" />
        </Card>
      )}
    </div>
  );
}

/** Open 督办 per supervising office, with the age of the oldest. */
function SupervisionSummaryCard() {
  const sum = useApi(
    (signal) => json<{ open: number; bySupervisor: Record<string, { open: number; oldestDays: number }> }>('/api/supervision/summary', { signal }),
    [],
  );
  if (!sum.data || sum.data.open === 0) return null;
  const rows = Object.entries(sum.data.bySupervisor).map(([office, v]) => ({ office, ...v }));
  return (
    <Card size="small" title={<Link to="/supervision">未办结督办（{sum.data.open}）</Link>} className="block" data-testid="supervision-summary">
      <Table
        size="small"
        rowKey="office"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '督办单位', dataIndex: 'office' },
          { title: '未办结', dataIndex: 'open' },
          { title: '最长（天）', dataIndex: 'oldestDays' },
        ]}
      />
    </Card>
  );
}
