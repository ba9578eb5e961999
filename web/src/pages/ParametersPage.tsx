// `/parameters` — 规则参数: every figure the procedures' rules read, with its dated values, each linked to the
// article it comes from (or the local document a county or an administrator recorded), for anyone to read and
// download (JSON). An administrator records a value from a later document (with its effective date and reason)
// and runs a 测算 (what-if): changed values applied to existing cases without touching them.
import { Alert, Button, Card, DatePicker, Empty, Form, InputNumber, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth';
import { downloadFile, json } from '../caseApi';
import { PageState } from '../components/PageState';
import { ParameterValueForm } from '../components/ParameterValueForm';
import { useApi } from '../useApi';

interface Value {
  value: number | string;
  from: string;
  level: 'gazette' | 'local';
  source: string;
  link: string | null;
}
interface Parameter {
  procedure: { id: string; name: string };
  key: string;
  label: string;
  unit: string;
  kind: 'number' | 'text';
  description: string;
  gazette: { from: string; value: number | string; cites: string; link: string }[];
  current: Value | null;
  recorded: { id: number; effectiveFrom: string; value: number | string; source: string; note: string; enteredBy: string }[];
  local: { delegatedBy: string; link: string; counties: { county: string; current: Value | null }[] } | null;
}
interface ReformResult {
  total: number;
  changed: number;
  lines: {
    id: string;
    title: string;
    applicationDate: string;
    before: string;
    after: string;
    changed: boolean;
    differences: { cites: string; before: string; after: string }[];
  }[];
}

const show = (v: number | string, unit: string) => `${String(v)}${unit ? ` ${unit}` : ''}`;

function ValueCell({ p }: { p: Parameter }) {
  if (p.local) {
    const set = p.local.counties.filter((c) => c.current?.level === 'local');
    return (
      <span>
        {p.gazette.length > 0 && <>{show(p.gazette.at(-1)!.value, p.unit)}（公报）；</>}
        各县自定：{set.length === 0 ? <Tag color="orange">尚无县录入</Tag> : set.map((c) => `${c.county} ${show(c.current!.value, p.unit)}`).join('、')}
      </span>
    );
  }
  return p.current ? (
    <span data-testid={`current-${p.key}`}>
      {show(p.current.value, p.unit)}{' '}
      <span className="muted">
        {p.current.link ? <Link to={p.current.link}>{p.current.source}</Link> : p.current.source}，{p.current.from} 起
      </span>
    </span>
  ) : (
    <Tag color="orange">未设定</Tag>
  );
}

function ReformCard({ items }: { items: Parameter[] }) {
  const [result, setResult] = useState<ReformResult | null>(null);
  const [body, setBody] = useState<object | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState<string | undefined>();
  const numeric = items.filter((p) => p.kind === 'number');
  const chosen = numeric.find((p) => p.key === key);
  const run = async (v: { key: string; value: number; effectiveFrom: dayjs.Dayjs }) => {
    const p = numeric.find((x) => x.key === v.key)!;
    const b = { procedure: p.procedure.id, changes: [{ key: v.key, value: v.value, effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD') }] };
    setBusy(true);
    setError(null);
    try {
      setResult(await json<ReformResult>('/api/parameters/reform', { body: b }));
      setBody(b);
    } catch (e) {
      setResult(null);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" className="block" title="测算：假设参数改变，现有案件的审查结论会怎样" data-testid="reform">
      <p className="muted">只测算，不改变任何案件和参数；每个案件按其申请日适用的数值重新审查。</p>
      <Form layout="vertical" onFinish={run}>
        <Form.Item name="key" label="参数" rules={[{ required: true, message: '请选择参数' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            onChange={setKey}
            options={numeric.map((p) => ({ value: p.key, label: `${p.procedure.name} · ${p.label}` }))}
            data-testid="reform-key"
          />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="value" label={`假设的新值${chosen?.unit ? `（${chosen.unit}）` : ''}`} rules={[{ required: true, message: '请填写新值' }]}>
            <InputNumber min={0} data-testid="reform-value" />
          </Form.Item>
          <Form.Item name="effectiveFrom" label="自何日起" rules={[{ required: true, message: '请选择日期' }]} initialValue={dayjs('2022-01-01')}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="reform-run">
          测算
        </Button>
      </Form>
      {error && <Alert type="error" showIcon title={error} className="block-sm" />}
      {result && (
        <div className="block-sm" data-testid="reform-result">
          <Space wrap>
            <span>
              共测算 {result.total} 件，结论改变 <strong>{result.changed}</strong> 件。
            </span>
            <Button
              size="small"
              onClick={() => void downloadFile('/api/parameters/reform?format=xlsx', '参数测算.xlsx', body ?? undefined)}
              data-testid="reform-excel"
            >
              导出 Excel
            </Button>
          </Space>
          {result.total === 0 ? (
            <Empty description="该事项还没有案件" />
          ) : (
            <Table
              size="small"
              rowKey="id"
              scroll={{ x: 640 }}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              dataSource={result.lines.filter((l) => l.changed || l.differences.length > 0)}
              columns={[
                { title: '案件', render: (_: unknown, l) => <Link to={`/cases/${encodeURIComponent(l.id)}`}>{l.title}</Link> },
                { title: '申请日期', dataIndex: 'applicationDate' },
                { title: '结论', render: (_: unknown, l) => (l.changed ? <Tag color="red">{`${l.before} → ${l.after}`}</Tag> : l.after) },
                {
                  title: '审查意见的变化',
                  render: (_: unknown, l) => (
                    <ul className="plain-list">
                      {l.differences.map((d, i) => (
                        <li key={i}>
                          {d.cites}：{d.after}
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]}
            />
          )}
        </div>
      )}
    </Card>
  );
}

export function ParametersPage() {
  const { actor } = useAuth();
  const [params, setParams] = useSearchParams();
  const procedure = params.get('procedure') ?? '';
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<string | null>(null);
  const state = useApi((signal) => json<{ date: string; items: Parameter[] }>('/api/parameters', { signal }), [version]);
  const items = useMemo(() => (state.data?.items ?? []).filter((p) => !procedure || p.procedure.id === procedure), [state.data, procedure]);
  const procedures = useMemo(() => [...new Map((state.data?.items ?? []).map((p) => [p.procedure.id, p.procedure.name])).entries()], [state.data]);
  const admin = actor?.role === 'admin';
  return (
    <div className="page" data-testid="parameters-page">
      <h1>规则参数</h1>
      <p className="muted">
        各办事事项的规则所用的数值：每个数值注明出处（公报条款，或县级、后续文件），按案件申请日适用当时有效的数值；未设定的显示为未设定，不作推定。
      </p>
      <Space wrap className="block-sm">
        <Select
          value={procedure}
          onChange={(v) => setParams(v ? { procedure: v } : {})}
          options={[{ value: '', label: '全部事项' }, ...procedures.map(([id, name]) => ({ value: id, label: name }))]}
          popupMatchSelectWidth={false}
          data-testid="parameters-procedure"
        />
        <Button onClick={() => void downloadFile(`/api/parameters${procedure ? `?procedure=${encodeURIComponent(procedure)}` : ''}`, '规则参数.json')}>
          下载 JSON
        </Button>
      </Space>
      {state.loading || state.error || !state.data ? (
        <PageState loading={state.loading} error={state.error} />
      ) : (
        <>
          <Table<Parameter>
            size="small"
            rowKey="key"
            scroll={procedure ? undefined : { x: 720 }}
            pagination={{ pageSize: 30, hideOnSinglePage: true }}
            dataSource={items}
            data-testid="parameters-table"
            expandable={{
              expandedRowRender: (p) => (
                <div>
                  <p className="muted">{p.description}</p>
                  <ul className="plain-list">
                    {p.gazette.map((g) => (
                      <li key={g.from}>
                        {g.from} 起 {show(g.value, p.unit)}（<Link to={g.link}>{g.cites}</Link>）
                      </li>
                    ))}
                    {p.recorded.map((r) => (
                      <li key={r.id}>
                        {r.effectiveFrom} 起 {show(r.value, p.unit)}（{r.source}；{r.enteredBy} 录入{r.note ? `：${r.note}` : ''}）
                      </li>
                    ))}
                  </ul>
                  {admin && !p.local && (
                    <>
                      <Button size="small" onClick={() => setEditing(editing === p.key ? null : p.key)}>
                        {editing === p.key ? '收起' : '录入后续文件的新值'}
                      </Button>
                      {editing === p.key && (
                        <ParameterValueForm
                          p={p}
                          scope=""
                          noteRequired
                          onSaved={() => {
                            setEditing(null);
                            setVersion((v) => v + 1);
                          }}
                        />
                      )}
                    </>
                  )}
                  {p.local && (
                    <p className="muted">
                      由各县录入（<Link to={p.local.link}>{p.local.delegatedBy}</Link>）。
                    </p>
                  )}
                </div>
              ),
            }}
            columns={[
              // One procedure chosen: its name is in the selector, and the phone keeps the room for the values.
              ...(procedure
                ? []
                : [{ title: '事项', render: (_: unknown, p: Parameter) => <Link to={`/procedures/${p.procedure.id}`}>{p.procedure.name}</Link>, width: 180 }]),
              { title: '参数', dataIndex: 'label', width: procedure ? 130 : 200 },
              { title: '现行值与出处', render: (_: unknown, p) => <ValueCell p={p} /> },
            ]}
          />
          {admin && <ReformCard items={state.data.items} />}
        </>
      )}
    </div>
  );
}
