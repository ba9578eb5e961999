// `/elderly` — 养老服务 (承市政字〔2022〕24号, 承市政办字〔2022〕47号): the 特殊困难老年人 not yet visited this
// month with a visit form a village official fills on a phone, the 月探访率 per village (and township), and for
// the township and the civil-affairs bureaus the 高龄津贴 roster of a month with its Excel export.
import { Alert, Button, Card, Checkbox, Empty, Form, Input, List, Radio, Select, Space, Statistic, Table, Tag } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { caseApi, downloadFile, json } from '../../caseApi';
import { PageState } from '../../components/PageState';
import { useAuth } from '../../auth';
import { useApi } from '../../useApi';

const PLAN = '承市政字〔2022〕24号';
const OPINION = '承市政办字〔2022〕47号';

interface Person {
  id: string;
  name: string;
  idNumber: string;
  age: number;
  county: string;
  township: string;
  village: string;
  household: string;
  reasons: string[];
  visitsThisMonth: number;
  lastVisit: { on: string; method: string; risk: boolean } | null;
}
interface Tally {
  special: number;
  visited: number;
  rate: number | null;
}
interface Visits {
  month: string;
  asOf: string;
  target: number;
  total: Tally & { people: number };
  counties: (Tally & { county: string })[];
  townships: (Tally & { county: string; township: string })[];
  villages: (Tally & { county: string; township: string; village: string; overdue: Person[] })[];
  overdue: Person[];
}
interface RosterLine {
  id: string;
  name: string;
  idNumber: string;
  township: string;
  village: string;
  age: number;
  entitledFrom: string;
  stopOn: string | null;
  stopReason: string | null;
  statusLabel: string;
  days: number;
  amount: number | null;
  note: string;
}
interface Roster {
  county: string;
  month: string;
  standard: { monthlyAmount: number; document: string; effectiveFrom: string; partialMonthLabel: string } | null;
  amountStatus: string;
  lines: RosterLine[];
  totals: { people: number; turns80: number; left: number; amount: number | null };
}

const METHODS = [
  { value: 'home', label: '上门' },
  { value: 'phone', label: '电话' },
  { value: 'video', label: '视频' },
];
/** This month and the ones before it, in Beijing time. */
function lastMonths(n: number): string[] {
  const [y, m] = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7).split('-').map(Number);
  return Array.from({ length: n }, (_, i) => {
    const t = y * 12 + (m - 1) - i;
    return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
  });
}
const rateText = (t: Tally) => (t.rate === null ? '—' : `${t.rate}%`);
const ROSTER_ROLES = ['township', 'county_civil_affairs', 'city_civil_affairs', 'admin'];

function VisitForm({ person, date, visitor, onDone }: { person: Person; date: string; visitor: string; onDone: (message: string) => void }) {
  const [form] = Form.useForm();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { visitor: string; method: string; found: string; help?: string; risk?: boolean }) => {
    setSending(true);
    setError(null);
    try {
      const c = await caseApi.case(person.id);
      await caseApi.act(person.id, 'visit', { version: c.version, date, payload: { ...v, help: v.help ?? '', risk: Boolean(v.risk) } });
      onDone(`已记录 ${date} 对${person.name}的探访。`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSending(false);
    }
  };
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ visitor, method: 'home', risk: false }}
      onFinish={(v) => void submit(v)}
      data-testid="visit-form"
      className="block-sm"
    >
      <p className="muted">探访日期：{date}</p>
      <Form.Item name="visitor" label="探访人（姓名、身份）" rules={[{ required: true, message: '请填写探访人' }]}>
        <Input maxLength={60} data-testid="visit-visitor" />
      </Form.Item>
      <Form.Item name="method" label="探访方式">
        <Radio.Group options={METHODS} optionType="button" data-testid="visit-method" />
      </Form.Item>
      <Form.Item name="found" label="发现的情况（身体、生活、安全、赡养等）" rules={[{ required: true, min: 2, message: '请填写探访发现的情况' }]}>
        <Input.TextArea rows={3} maxLength={500} data-testid="visit-found" />
      </Form.Item>
      <Form.Item name="help" label="提供的帮助或转介（无则不填）">
        <Input.TextArea rows={2} maxLength={500} data-testid="visit-help" />
      </Form.Item>
      <Form.Item name="risk" valuePropName="checked">
        <Checkbox data-testid="visit-risk">发现基本生活安全问题，需要跟进</Checkbox>
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} className="block-sm" data-testid="visit-error" />}
      <Button type="primary" htmlType="submit" loading={sending} block data-testid="visit-submit">
        保存探访记录
      </Button>
    </Form>
  );
}

function RosterCard({ month, counties, role }: { month: string; counties: string[]; role: string }) {
  const [county, setCounty] = useState<string | undefined>(role === 'city_civil_affairs' || role === 'admin' ? counties[0] : undefined);
  const q = `month=${month}${county ? `&county=${encodeURIComponent(county)}` : ''}`;
  const roster = useApi(
    (signal) =>
      county || (role !== 'city_civil_affairs' && role !== 'admin') ? json<Roster>(`/api/elderly/allowance?${q}`, { signal }) : Promise.resolve(null),
    [q],
  );
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <Card size="small" className="block" title={`高龄津贴名册（${month}，80 周岁以上，${OPINION} 二、（二）1.（6））`} data-testid="allowance-roster">
      {(role === 'city_civil_affairs' || role === 'admin') && (
        <Select
          value={county}
          options={counties.map((c) => ({ value: c, label: c }))}
          onChange={setCounty}
          placeholder="选择县（市、区）"
          className="block-sm"
          style={{ minWidth: 160 }}
        />
      )}
      {roster.loading || roster.error || !roster.data ? (
        <PageState loading={roster.loading && Boolean(county || role !== 'city_civil_affairs')} error={roster.error} />
      ) : (
        ((r: Roster) => (
          <>
            <p data-testid="roster-standard">
              {r.standard ? (
                <>
                  标准 {r.standard.monthlyAmount} 元/人·月，依据：{r.standard.document}（{r.standard.effectiveFrom} 起执行；不满整月：
                  {r.standard.partialMonthLabel}）
                </>
              ) : (
                <Tag color="orange">金额未设定：县民政局尚未录入本县高龄津贴标准及其依据文件</Tag>
              )}
              {role === 'county_civil_affairs' && (
                <Link to="/procedures/elderly-allowance-rate/apply" data-testid="enter-rate">
                  {r.standard ? '录入新标准' : '录入高龄津贴标准（须附设定标准的文件）'}
                </Link>
              )}
            </p>
            <Space wrap className="block-sm">
              <span>
                {r.county} {r.totals.people} 人，其中本月满 80 周岁 {r.totals.turns80} 人、停发 {r.totals.left} 人；合计{' '}
                {r.totals.amount === null ? r.amountStatus : `${r.totals.amount.toFixed(2)} 元`}
              </span>
              <Button
                icon={<DownloadOutlined />}
                onClick={() =>
                  void downloadFile(`/api/elderly/allowance.xlsx?${q}`, `高龄津贴名册-${r.county}-${r.month}.xlsx`).catch((e: Error) => setFailed(e.message))
                }
                data-testid="export-roster"
              >
                导出（Excel）
              </Button>
            </Space>
            {failed && <Alert type="error" showIcon title={failed} className="block-sm" />}
            <Table
              size="small"
              rowKey="id"
              scroll={{ x: 720 }}
              pagination={{ pageSize: 20 }}
              dataSource={r.lines}
              columns={[
                { title: '姓名', dataIndex: 'name', render: (n: string, l: RosterLine) => <Link to={`/cases/${encodeURIComponent(l.id)}`}>{n}</Link> },
                { title: '村（社区）', render: (_: unknown, l: RosterLine) => `${l.township}${l.village}` },
                { title: '享受起始日', dataIndex: 'entitledFrom' },
                { title: '停发', render: (_: unknown, l: RosterLine) => (l.stopOn ? `${l.stopOn} ${l.stopReason}` : '') },
                { title: '本月', dataIndex: 'statusLabel' },
                { title: '金额（元）', render: (_: unknown, l: RosterLine) => (l.amount === null ? '未设定' : l.amount.toFixed(2)) },
                { title: '说明', dataIndex: 'note' },
              ]}
            />
          </>
        ))(roster.data)
      )}
    </Card>
  );
}

export function ElderlyPage() {
  const { actor } = useAuth();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? '';
  const [reload, setReload] = useState(0);
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const state = useApi((signal) => json<Visits>(`/api/elderly/visits${month ? `?month=${month}` : ''}`, { signal }), [month, reload]);
  const role = actor?.role ?? '';
  const canVisit = role === 'village' || role === 'township';
  return (
    <div className="page" data-testid="elderly-page">
      <h1>养老服务 · 特殊困难老年人探访</h1>
      <p className="muted">
        依据 <Link to={`/search?q=${encodeURIComponent(PLAN)}`}>{PLAN}</Link> 三、（一）3.（以行政村为单位建立特殊困难老年人定期巡访制度）和{' '}
        <Link to={`/search?q=${encodeURIComponent(OPINION)}`}>{OPINION}</Link> 二、（一）6.（月探访率达到 100%）。
      </p>
      {state.loading && !state.data ? (
        <PageState loading error={null} />
      ) : state.error || !state.data ? (
        <PageState loading={false} error={state.error} />
      ) : (
        ((d: Visits) => {
          // In the current month the overview is as of today: visits are recorded on that day.
          const current = d.asOf.slice(0, 7) === d.month;
          const months = [...new Set([d.month, ...lastMonths(6)])].sort().reverse();
          return (
            <>
              <Space wrap className="block-sm">
                <Select
                  value={d.month}
                  options={months.map((m) => ({ value: m, label: m }))}
                  onChange={(m) => setParams({ month: m })}
                  aria-label="月份"
                  style={{ minWidth: 110 }}
                />
                {canVisit && (
                  <Link to="/procedures/elderly-register/apply">
                    <Button icon={<PlusOutlined />}>登记老年人</Button>
                  </Link>
                )}
              </Space>
              <Card size="small" className="block">
                <Statistic
                  title={`${d.month} 月探访率（已探访 / 特殊困难老年人，目标 ${d.target}%）`}
                  value={rateText(d.total)}
                  suffix={`（${d.total.visited} / ${d.total.special} 人）`}
                  data-testid="visit-rate"
                />
              </Card>
              {done && <Alert type="success" showIcon title={done} className="block-sm" data-testid="visit-done" closable onClose={() => setDone(null)} />}
              <Card size="small" className="block" title={`本月未探访（${d.overdue.length} 人）`} data-testid="overdue">
                {d.overdue.length === 0 ? (
                  <Empty description="本月特殊困难老年人均已探访" />
                ) : (
                  <List
                    dataSource={d.overdue}
                    renderItem={(p) => (
                      <List.Item key={p.id} data-testid="overdue-person" data-name={p.name}>
                        <div style={{ width: '100%' }}>
                          <Space wrap>
                            <Link to={`/cases/${encodeURIComponent(p.id)}`}>
                              <b>{p.name}</b>
                            </Link>
                            <span>{p.age} 岁</span>
                            <span className="muted">
                              {p.township}
                              {p.village}
                            </span>
                          </Space>
                          <div className="muted">{p.reasons.join('；')}</div>
                          <div className="muted">上次探访：{p.lastVisit ? p.lastVisit.on : '无记录'}</div>
                          {canVisit && current && (
                            <Button size="small" className="block-sm" onClick={() => setOpen(open === p.id ? null : p.id)} data-testid="record-visit">
                              {open === p.id ? '收起' : '记录探访'}
                            </Button>
                          )}
                          {open === p.id && (
                            <VisitForm
                              person={p}
                              date={d.asOf}
                              visitor={actor?.name ?? ''}
                              onDone={(m) => {
                                setOpen(null);
                                setDone(m);
                                setReload((n) => n + 1);
                              }}
                            />
                          )}
                        </div>
                      </List.Item>
                    )}
                  />
                )}
              </Card>
              <Card size="small" className="block" title="各村（社区）月探访率" data-testid="village-rates">
                <List
                  dataSource={d.villages}
                  locale={{ emptyText: '名册中暂无特殊困难老年人' }}
                  renderItem={(v) => (
                    <List.Item key={v.county + v.township + v.village} data-testid="village-rate" data-village={v.village}>
                      <span>
                        {v.township}
                        {v.village}
                      </span>
                      <span>
                        <Tag color={v.rate === 100 ? 'green' : 'red'}>{rateText(v)}</Tag>
                        {v.visited}/{v.special}
                      </span>
                    </List.Item>
                  )}
                />
                {d.townships.length > 1 && <p className="muted">{d.townships.map((t) => `${t.township} ${rateText(t)}`).join('；')}</p>}
              </Card>
              {ROSTER_ROLES.includes(role) && <RosterCard month={d.month} counties={d.counties.map((c) => c.county)} role={role} />}
            </>
          );
        })(state.data)
      )}
    </div>
  );
}
