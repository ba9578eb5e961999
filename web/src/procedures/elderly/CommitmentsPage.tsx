// `/elderly/commitments` — 养老服务机构备案信用承诺 (承市政字〔2022〕24号 三、（四）2.), public: each recorded
// institution's written commitment and how it kept it (its credit record), and the 基本养老服务清单 with the
// articles each service rests on.
import { Card, Empty, List, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { json } from '../../caseApi';
import { PageState } from '../../components/PageState';
import { useApi } from '../../useApi';

interface Commitment {
  id: string;
  state: string;
  name: string;
  creditCode: string;
  kind: string;
  beds: number;
  place: string;
  address: string;
  services: string;
  statement: string;
  commitment: string;
  recordedOn: string | null;
  closed: string | null;
  credit: { on: string; result: string; resultLabel: string; basis: string; finding: string; by: string }[];
}
interface Service {
  id: string;
  name: string;
  recipients: string;
  content: string;
  standard: string;
  spending: string;
  responsible: string;
  citations: { cites: string; link: string; quote: string }[];
}

export function CommitmentsPage() {
  const commitments = useApi((signal) => json<{ items: Commitment[] }>('/api/elderly/commitments', { signal, noAuthRedirect: true }), []);
  const services = useApi((signal) => json<{ items: Service[] }>('/api/elderly/services', { signal, noAuthRedirect: true }), []);
  return (
    <div className="page" data-testid="commitments-page">
      <h1>养老服务机构信用承诺公开</h1>
      <p className="muted">
        依据承市政字〔2022〕24号 三、（四）2.：备案申请人提交按有关法律、法规和国家标准开展服务活动的书面承诺并向社会公开，书面承诺履约情况记入信用记录。
      </p>
      {commitments.loading || commitments.error || !commitments.data ? (
        <PageState loading={commitments.loading} error={commitments.error} />
      ) : commitments.data.items.length === 0 ? (
        <Empty description="暂无已备案机构" />
      ) : (
        <List
          dataSource={commitments.data.items}
          renderItem={(c) => (
            <Card
              size="small"
              className="block"
              key={c.id}
              title={c.name}
              data-testid="commitment"
              extra={c.closed ? <Tag>已注销备案 {c.closed}</Tag> : <Tag color="green">已备案 {c.recordedOn}</Tag>}
            >
              <p className="muted">
                {c.kind} · {c.place} · 床位 {c.beds} 张 · 统一社会信用代码 {c.creditCode}
              </p>
              <p>服务内容：{c.services}</p>
              <p>
                <b>承诺：</b>
                {c.statement}
              </p>
              <p data-testid="commitment-text">{c.commitment}</p>
              <div>
                <b>履约情况（信用记录）：</b>
                {c.credit.length === 0 ? (
                  <span className="muted">暂无核查记录</span>
                ) : (
                  <ul data-testid="credit">
                    {c.credit.map((x, i) => (
                      <li key={i}>
                        {x.on} <Tag color={x.result === 'kept' ? 'green' : 'red'}>{x.resultLabel}</Tag>
                        {x.basis}：{x.finding}（{x.by}）
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </Card>
          )}
        />
      )}
      <h2>基本养老服务清单（文件点名的服务）</h2>
      <p className="muted">服务标准、支出责任文件未规定的，注明“文件未规定”，以县（市、区）文件为准。</p>
      {services.loading || services.error || !services.data ? (
        <PageState loading={services.loading} error={services.error} />
      ) : (
        services.data.items.map((s) => (
          <Card size="small" className="block" key={s.id} title={s.name} data-testid="service">
            <p>服务对象：{s.recipients}</p>
            <p>服务内容：{s.content}</p>
            <p>服务标准：{s.standard}</p>
            <p>支出责任：{s.spending}</p>
            <p>责任单位：{s.responsible}</p>
            <p className="muted">
              依据：
              {s.citations.map((c, i) => (
                <span key={i}>
                  {i > 0 && '；'}
                  <Link to={c.link}>{c.cites}</Link>“{c.quote}”
                </span>
              ))}
            </p>
          </Card>
        ))
      )}
    </div>
  );
}
