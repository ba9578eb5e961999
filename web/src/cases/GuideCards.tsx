// The parts of a procedure's 办事指南 beyond its steps and rules (GET /api/procedures/:id/guide): who applies,
// fees, time limits, results, where to go and whom to call in the reader's area, questions and answers, and the
// print and JSON export. Shown on every procedure's page.
import { Button, Card, Collapse, Descriptions, Grid, List, Space } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { json } from '../caseApi';
import { useAuth } from '../auth';
import { CiteLink } from '../components/CaseBits';
import { useApi } from '../useApi';
import type { Guide } from '../../../src/guide/guide';

export function GuideActions({ procedureId }: { procedureId: string }) {
  return (
    <Space wrap className="no-print">
      <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="guide-print">
        打印办事指南
      </Button>
      <a href={`/api/procedures/${encodeURIComponent(procedureId)}/guide?download=1`} download data-testid="guide-json">
        <Button icon={<DownloadOutlined />}>导出 JSON</Button>
      </a>
    </Space>
  );
}

export function GuideCards({ procedureId }: { procedureId: string }) {
  const { actor } = useAuth();
  // On a phone the labels go above their values (a narrow label column wraps one character per line).
  const wide = Grid.useBreakpoint().md ?? true;
  // Offices of the reader's own area when signed in; all registered ones otherwise.
  const area = new URLSearchParams();
  if (actor?.county) area.set('county', actor.county);
  if (actor?.county && actor.township) area.set('township', actor.township);
  const q = area.toString();
  const state = useApi((signal) => json<Guide>(`/api/procedures/${encodeURIComponent(procedureId)}/guide${q ? `?${q}` : ''}`, { signal }), [procedureId, q]);
  const g = state.data;
  if (!g) return null;
  return (
    <>
      <Card title="办理须知" className="block" data-testid="guide-basics">
        <Descriptions column={1} size="small" bordered layout={wide ? 'horizontal' : 'vertical'} styles={{ label: wide ? { width: '7em' } : undefined }}>
          <Descriptions.Item label="申请对象">{g.applicants.join('、')}</Descriptions.Item>
          <Descriptions.Item label="收费标准">{g.fees}</Descriptions.Item>
          <Descriptions.Item label="法定时限">
            <ul className="plain-list">
              {g.timeLimits.legal.map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ul>
          </Descriptions.Item>
          <Descriptions.Item label="承诺时限">{g.timeLimits.promised ?? '与法定时限相同'}</Descriptions.Item>
          <Descriptions.Item label="办理结果">{g.results.length ? g.results.map((r) => `《${r}》`).join('、') : '办理决定（案件页可查）'}</Descriptions.Item>
          <Descriptions.Item label="设定依据">
            <Space wrap size={[8, 4]}>
              {g.basis.map((b) => (
                <CiteLink key={b.cites} cites={b.cites} link={b.link} />
              ))}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="办理地点和咨询、监督电话" className="block" data-testid="guide-points">
        {g.servicePoints.length === 0 ? (
          <p className="muted">{g.servicePointsNote}</p>
        ) : (
          <List
            dataSource={g.servicePoints}
            renderItem={(s) => (
              <List.Item data-testid="guide-point">
                <div>
                  <strong>{s.office}</strong>
                  <div>地点：{s.address}</div>
                  {s.hours && <div>办公时间：{s.hours}</div>}
                  {s.consultPhone && <div>咨询电话：{s.consultPhone}</div>}
                  {s.supervisePhone && <div>监督投诉电话：{s.supervisePhone}</div>}
                </div>
              </List.Item>
            )}
          />
        )}
      </Card>
      {g.faqs.length > 0 && (
        <Card title="常见问题" className="block" data-testid="guide-faqs">
          <Collapse
            // Printed, every answer shows.
            className="guide-faqs"
            items={g.faqs.map((f, i) => ({
              key: String(i),
              label: f.question,
              forceRender: true,
              children: (
                <div>
                  <p>{f.answer}</p>
                  <CiteLink cites={f.cites} link={f.link} />
                </div>
              ),
            }))}
          />
        </Card>
      )}
    </>
  );
}
