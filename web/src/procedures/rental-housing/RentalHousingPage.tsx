// `/rental-housing` — 保障性租赁住房 (承市政办字〔2022〕48号) for the county housing department (its county) and the
// city bureau (every county): the yearly plan against the units recognised and completed (二、（一）), lettings,
// open spot-check findings; the county's own figures and conditions with their local documents (二、（二）（六）),
// absent ones shown as absent; the server's random spot check (二、（五）).
import { Alert, Button, Card, Form, InputNumber, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth';
import { json } from '../../caseApi';
import { CiteLink, ProcedureValidity } from '../../components/CaseBits';
import { PageState } from '../../components/PageState';
import { ParameterValueForm } from '../../components/ParameterValueForm';
import { useApi } from '../../useApi';

const DOC = '承市政办字〔2022〕48号';
const link = (anchor: string) => `/docs/${encodeURIComponent(DOC)}#${encodeURIComponent(anchor)}`;

interface CountyRow {
  county: string;
  year: number;
  keyArea: boolean;
  plan: { id: string; target: number; document: string; publishedOn: string } | null;
  projects: { total: number; inReview: number };
  recognisedUnits: number;
  completedUnits: number;
  progress: number | null;
  lettings: number;
  openFindings: { project: string; tenancy: string; result: string; date: string }[];
  missingParameters: string[];
}
interface ParamValue {
  value: number | string;
  from: string;
  level: 'gazette' | 'local';
  source: string;
  link: string | null;
}
interface Parameter {
  key: string;
  label: string;
  unit: string;
  kind: 'number' | 'text';
  description: string;
  gazette: { from: string; value: number | string; cites: string; link: string }[];
  local: { delegatedBy: string; link: string; counties: { county: string; current: ParamValue | null }[] } | null;
}
interface Draw {
  drawId: string;
  date: string;
  method: string;
  seed: string;
  drawn: string[];
}

const RESULT: Record<string, string> = {
  sublet: '转租转借',
  sale: '上市销售或变相销售',
  misuse: '违规经营或骗取优惠政策',
  ineligible: '承租人不符合条件',
  other: '其他问题',
};

function Overview({ year }: { year: number }) {
  const state = useApi((signal) => json<{ year: number; counties: CountyRow[] }>(`/api/rental-housing/overview?year=${year}`, { signal }), [year]);
  if (state.loading || state.error || !state.data) return <PageState loading={state.loading} error={state.error} />;
  return (
    <Table<CountyRow>
      size="small"
      rowKey="county"
      pagination={false}
      scroll={{ x: 760 }}
      dataSource={state.data.counties}
      data-testid="rental-overview"
      columns={[
        {
          title: '县（市、区）',
          dataIndex: 'county',
          render: (c: string, r) =>
            r.keyArea ? (
              <Space>
                {c}
                <Tag color="blue">重点</Tag>
              </Space>
            ) : (
              c
            ),
        },
        {
          title: '年度计划（套）',
          render: (_: unknown, r) =>
            r.plan ? <Link to={`/cases/${encodeURIComponent(r.plan.id)}`}>{r.plan.target}</Link> : <span className="muted">未登记</span>,
        },
        { title: '已认定（套）', dataIndex: 'recognisedUnits' },
        { title: '已竣工验收（套）', dataIndex: 'completedUnits' },
        { title: '完成计划', render: (_: unknown, r) => (r.progress === null ? '—' : `${r.progress}%`) },
        { title: '在审项目', render: (_: unknown, r) => r.projects.inReview },
        { title: '在租', dataIndex: 'lettings' },
        {
          title: '待整改',
          render: (_: unknown, r) =>
            r.openFindings.length === 0
              ? '—'
              : r.openFindings.map((f) => (
                  <Link key={`${f.project}/${f.tenancy}`} to={`/cases/${encodeURIComponent(f.project)}`}>
                    <Tag color="red">
                      {f.tenancy} {RESULT[f.result] ?? f.result}
                    </Tag>
                  </Link>
                )),
        },
        {
          title: '尚未录入',
          render: (_: unknown, r) => (r.missingParameters.length ? <span className="muted">{r.missingParameters.join('、')}</span> : '—'),
        },
      ]}
    />
  );
}

function Parameters({ county, canEdit }: { county: string; canEdit: boolean }) {
  const [version, setVersion] = useState(0);
  const state = useApi((signal) => json<{ items: Parameter[] }>('/api/parameters?procedure=rental-housing', { signal }), [version]);
  const [editing, setEditing] = useState<string | null>(null);
  if (state.loading || state.error || !state.data) return <PageState loading={state.loading} error={state.error} />;
  return (
    <div className="param-list" data-testid="rental-parameters">
      {state.data.items.map((p) => {
        const gazette = p.gazette.at(-1);
        // A figure the gazette alone sets is the same for every county; a delegated one is the county's own or absent.
        const mine: ParamValue | null = p.local
          ? (p.local.counties.find((c) => c.county === county)?.current ?? null)
          : gazette
            ? { value: gazette.value, from: gazette.from, level: 'gazette', source: gazette.cites, link: gazette.link }
            : null;
        return (
          <div key={p.key} className="param-item" data-testid={`param-${p.key}`}>
            <div className="param-head">
              <strong>{p.label}</strong>
              {mine ? (
                <span data-testid={`param-value-${p.key}`}>
                  {String(mine.value)}
                  {p.unit ? ` ${p.unit}` : ''}
                  <span className="muted">（{mine.level === 'local' ? `${county}：${mine.source}，${mine.from} 起` : mine.source}）</span>
                </span>
              ) : (
                <Tag color="orange" data-testid={`param-missing-${p.key}`}>
                  {county}未设定
                </Tag>
              )}
            </div>
            <p className="muted">
              {p.description}
              {gazette && (
                <>
                  {' '}
                  公报规定：{String(gazette.value)}
                  {p.unit ? ` ${p.unit}` : ''}（<CiteLink cites={gazette.cites} link={gazette.link} />）
                </>
              )}
              {p.local && (
                <>
                  {' '}
                  由县级确定：
                  <CiteLink cites={p.local.delegatedBy} link={p.local.link} />
                </>
              )}
            </p>
            {canEdit && p.local && (
              <>
                <Button size="small" onClick={() => setEditing(editing === p.key ? null : p.key)} data-testid={`param-edit-${p.key}`}>
                  {editing === p.key ? '收起' : mine?.level === 'local' ? '录入新值' : '录入本县的值'}
                </Button>
                {editing === p.key && (
                  <ParameterValueForm
                    p={p}
                    scope={county}
                    onSaved={() => {
                      setEditing(null);
                      setVersion((v) => v + 1);
                    }}
                  />
                )}
              </>
            )}
          </div>
        );
      })}
    </div>
  );
}

function SpotCheck() {
  const [result, setResult] = useState<Draw | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const draw = async ({ count }: { count: number }) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await json<Draw>('/api/rental-housing/spot-checks', { body: { count } }));
    } catch (e) {
      setResult(null);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="随机抽查使用情况" className="block" data-testid="rental-spot-check">
      <p className="muted">
        从本县运营中项目的在租房屋中，由服务器以密码学随机数抽取；种子、抽取范围和规则记入每个抽中项目的审计记录（
        <CiteLink cites={`${DOC} 二、（五）`} link={link('二、（五）')} />
        ）。
      </p>
      <Form layout="inline" onFinish={draw} initialValues={{ count: 5 }} className="spot-check-form">
        <Form.Item name="count" label="抽查户数" rules={[{ required: true, message: '请填写抽查户数' }]}>
          <InputNumber min={1} max={500} precision={0} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="rental-spot-check-submit">
          抽取
        </Button>
      </Form>
      {error && <Alert type="error" showIcon title={error} className="block-sm" />}
      {result && (
        <div className="block-sm" data-testid="rental-spot-check-result">
          <p>
            {result.date}：{result.method}（批次 {result.drawId.slice(0, 8)}，种子 {result.seed.slice(0, 12)}…）
          </p>
          <ul className="plain-list">
            {result.drawn.map((d) => {
              const [id, no] = d.split('/');
              return (
                <li key={d}>
                  <Link to={`/cases/${encodeURIComponent(id)}`}>{id}</Link> · 租赁 {no}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </Card>
  );
}

export function RentalHousingPage() {
  const { actor } = useAuth();
  const [params, setParams] = useSearchParams();
  const thisYear = dayjs().year();
  const year = Number(params.get('year')) || thisYear;
  const isCounty = actor?.role === 'county_housing';
  const [county, setCounty] = useState<string>(actor?.county ?? '双桥区');
  const counties = useApi((signal) => json<{ items: { name: string }[] }>('/api/areas', { signal }), []);
  return (
    <div className="page" data-testid="rental-housing-page">
      <h1>保障性租赁住房</h1>
      <p className="muted">
        依据 <Link to={`/docs/${encodeURIComponent(DOC)}`}>{DOC}</Link>《承德市人民政府办公室关于加快发展保障性租赁住房的实施意见》。
      </p>
      <ProcedureValidity procedure="rental-housing" />
      <Space wrap className="block-sm">
        <Select
          value={year}
          onChange={(y) => setParams({ year: String(y) })}
          options={[thisYear - 2, thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: `${y} 年` }))}
          data-testid="rental-year"
        />
        <Link to="/cases?procedure=rental-housing">全部认定项目</Link>
        <Link to="/cases?procedure=rental-housing-plan">年度建设计划</Link>
        {isCounty && <Link to="/procedures/rental-housing-plan/apply">登记年度建设计划</Link>}
        {isCounty && <Link to="/procedures/rental-housing-public-rental/apply">登记公租房保障家庭</Link>}
      </Space>
      <Card size="small" title={`${year} 年建设计划与认定情况（${DOC} 二、（一））`} className="block">
        <Overview year={year} />
      </Card>
      {isCounty && <SpotCheck />}
      <Card
        size="small"
        className="block"
        title={
          <Space wrap>
            本县参数和条件
            {!isCounty && (
              <Select
                size="small"
                value={county}
                onChange={setCounty}
                options={(counties.data?.items ?? []).map((c) => ({ value: c.name, label: c.name }))}
                popupMatchSelectWidth={false}
                data-testid="rental-param-county"
              />
            )}
          </Space>
        }
      >
        <Parameters county={isCounty ? actor!.county! : county} canEdit={isCounty} />
      </Card>
    </div>
  );
}
