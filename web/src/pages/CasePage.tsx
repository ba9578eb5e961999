import { Alert, App, Button, Card, Col, Descriptions, Empty, List, Row, Select, Space, Tag, Typography, Upload } from 'antd';
import { useRegistry } from '../platform/registry';
import { useAuth } from '../auth';
import { DownloadOutlined, FilePdfOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { caseApi, downloadFile, type CaseAction, type CaseDocument, type CaseView, beijingTime } from '../caseApi';
import { ROLE_NAMES } from '../caseApi';
import { ActionModal } from '../components/ActionModal';
import { NoticesCard, ReceiptCard } from '../components/notices/NoticeCards';
import { CaseTimeline, RecordView } from '../components/CaseSections';
import { JointReviewCard } from '../components/JointReviewCard';
import { SchemaView, type JsonSchema } from '../cases/SchemaForm';
import { OVERRIDES } from '../procedures/overrides';
import { CiteLink, DeadlineTag, DecisionTag, FindingList, GoverningStatusAlert, jurisdictionText, workdaysText } from '../components/CaseBits';
import { PageState } from '../components/PageState';
import { RatingCard } from '../components/ratings/RatingCard';
import { useApi } from '../useApi';

/** States at or after approval: the certificates exist (used only if the server does not list them). */
const APPROVED_STATES = ['approved', 'stakeout', 'construction', 'acceptance', 'registration', 'registered'];
const FALLBACK_CERTIFICATES = [
  { id: 'planning-permit' as const, label: '乡村建设规划许可证' },
  { id: 'homestead-approval' as const, label: '农村宅基地批准书' },
];
const FALLBACK_KINDS = [
  { kind: 'household_register', label: '户口本' },
  { kind: 'id_card', label: '身份证明' },
  { kind: 'commitment', label: '农村宅基地使用承诺书' },
  { kind: 'neighbour_agreement', label: '农村建房四邻协议书' },
  { kind: 'publicity_photos', label: '公示的影像资料' },
  { kind: 'other', label: '其他材料' },
];
const MAX_UPLOAD = 10 * 1024 * 1024;
const ACCEPT = ['image/jpeg', 'image/png', 'application/pdf'];

function sizeText(n: number) {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

function DeadlineCard({ c }: { c: CaseView }) {
  const d = c.deadline;
  return (
    <Card size="small" title="办理时限" data-testid="deadline-card">
      {!d ? (
        <p className="muted">{c.state.terminal ? '案件已办结。' : '本环节没有法定时限。'}</p>
      ) : d.kind === 'minimum' ? (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="开始">{d.since}</Descriptions.Item>
          <Descriptions.Item label="最早结束">
            <strong data-testid="earliest-end">{'earliestEnd' in d ? (d.earliestEnd ?? '—') : '—'}</strong>
          </Descriptions.Item>
          <Descriptions.Item label="时限">{d.label}</Descriptions.Item>
          <Descriptions.Item label="依据">
            <CiteLink cites={d.cites} link={d.link} />
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="到期日">
            <Space size={6} wrap>
              <strong data-testid="due-date">{'due' in d ? (d.due ?? '—') : '—'}</strong>
              <DeadlineTag deadline={d} />
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="剩余">{workdaysText(d)}</Descriptions.Item>
          {'used' in d && d.used !== null && d.used !== undefined && <Descriptions.Item label="已用">{d.used} 个工作日</Descriptions.Item>}
          <Descriptions.Item label="起算日">{d.since}</Descriptions.Item>
          {'pausedSince' in d && d.pausedSince && (
            <Descriptions.Item label="暂停">
              <span data-testid="clock-paused">
                自 {d.pausedSince} 起暂停计算（{d.pausedLabel}）
              </span>
            </Descriptions.Item>
          )}
          {'pauses' in d && d.pauses.length > 0 && (
            <Descriptions.Item label="已暂停">
              <ul className="plain-list" data-testid="clock-pauses">
                {d.pauses.map((p) => (
                  <li key={p.from}>
                    {p.from} 至 {p.to}，{p.label}，{p.workdays} 个工作日不计入（{p.cites}）
                  </li>
                ))}
              </ul>
            </Descriptions.Item>
          )}
          <Descriptions.Item label="时限">{d.label}</Descriptions.Item>
          <Descriptions.Item label="依据">
            <CiteLink cites={d.cites} link={d.link} />
          </Descriptions.Item>
        </Descriptions>
      )}
      {d && 'note' in d && d.note && <Alert type="warning" showIcon title={d.note} className="block-sm" />}
    </Card>
  );
}

function CertificatesCard({ c }: { c: CaseView }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  // The server lists the procedure's certificates and which are available now; older servers did not.
  const certs: { id: string; label: string; available: boolean; url: string }[] =
    c.certificates ?? FALLBACK_CERTIFICATES.map((x) => ({ ...x, available: APPROVED_STATES.includes(c.state.id), url: caseApi.certificatePath(c.id, x.id) }));
  // The 受理回执 exists from the day of receipt, for every procedure.
  const available = [
    { id: 'receipt', label: '受理回执', available: true, url: `/api/cases/${encodeURIComponent(c.id)}/receipt` },
    ...certs.filter((x) => x.available),
  ];
  const get = async (cert: (typeof certs)[number]) => {
    setBusy(cert.id);
    try {
      await downloadFile(cert.url, `${cert.label}-${c.id}.pdf`);
    } catch (e) {
      const err = e as Error & { status?: number };
      message.error(err.status === 404 ? `${cert.label}暂不能下载：${err.message}` : err.message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card size="small" title="证书和文书" data-testid="certificates" className="block">
      <Space orientation="vertical" className="full-width">
        {available.map((cert) => (
          <Button key={cert.id} block icon={<FilePdfOutlined />} loading={busy === cert.id} onClick={() => get(cert)} data-testid={`cert-${cert.id}`}>
            {cert.label}
          </Button>
        ))}
      </Space>
    </Card>
  );
}

function DocumentsCard({ c, onUploaded }: { c: CaseView; onUploaded: () => void }) {
  const { message } = App.useApp();
  const kinds: { kind: string; label: string }[] = c.documentKinds ?? FALLBACK_KINDS;
  const kindLabel = (k: string) => kinds.find((d) => d.kind === k)?.label ?? k;
  const [kind, setKind] = useState<string>(kinds.find((k) => k.kind === 'household_register')?.kind ?? kinds[0]?.kind ?? 'other');
  const [reload, setReload] = useState(0);
  const [uploading, setUploading] = useState(false);
  const docs = useApi((signal) => caseApi.documents(c.id, signal), [c.id, reload]);
  const unavailable = (docs.error as { status?: number } | null)?.status === 404;

  const upload = async (file: File) => {
    if (!ACCEPT.includes(file.type)) return message.error('只能上传 JPG、PNG 图片或 PDF 文件。');
    if (file.size > MAX_UPLOAD) return message.error('文件过大：单个文件不超过 10 MB。');
    setUploading(true);
    try {
      await caseApi.upload(c.id, kind, file);
      message.success(`已上传：${file.name}`);
      setReload((n) => n + 1);
      onUploaded();
    } catch (e) {
      const err = e as Error & { status?: number };
      message.error(err.status === 404 ? '材料上传功能尚未开通。' : err.message);
    } finally {
      setUploading(false);
    }
  };

  return (
    <Card size="small" title="申请材料" className="block" data-testid="documents">
      {unavailable ? (
        <Alert type="info" showIcon title="材料上传功能尚未开通，请先向村级组织提交纸质材料。" />
      ) : (
        <>
          {!c.state.terminal && (
            <Space.Compact className="upload-row">
              <Select
                value={kind}
                onChange={setKind}
                options={kinds.map((k) => ({ value: k.kind, label: k.label }))}
                aria-label="材料类型"
                className="upload-kind"
                popupMatchSelectWidth={false}
              />
              <Upload
                accept=".jpg,.jpeg,.png,.pdf"
                showUploadList={false}
                beforeUpload={(file) => {
                  void upload(file);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} loading={uploading}>
                  上传
                </Button>
              </Upload>
            </Space.Compact>
          )}
          <p className="muted">JPG、PNG 或 PDF，单个不超过 10 MB。</p>
          {docs.error && !unavailable && <Alert type="error" showIcon title={docs.error.message} />}
          <List<CaseDocument>
            size="small"
            loading={docs.loading}
            dataSource={docs.data?.items ?? []}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未上传材料" /> }}
            renderItem={(d) => (
              <List.Item
                data-testid="document-item"
                actions={[
                  <Button
                    key="dl"
                    type="link"
                    size="small"
                    icon={<DownloadOutlined />}
                    aria-label={`下载 ${d.name}`}
                    onClick={() => downloadFile(caseApi.documentPath(c.id, d.sha256), d.name).catch((e: Error) => message.error(e.message))}
                  />,
                ]}
              >
                <List.Item.Meta
                  title={<span className="doc-name">{d.name}</span>}
                  description={`${kindLabel(d.kind)} · ${sizeText(d.size)} · ${d.uploadedBy} · ${beijingTime(d.uploadedAt)}`}
                />
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}

/** `/cases/:id` — one case: where it stands, its deadline, the decision and its articles, what to do next, and its history. */
export function CasePage() {
  const registry = useRegistry(); // role labels of the modules, once loaded
  const { actor } = useAuth();
  // The case version guards officials' concurrent edits; a villager or an enterprise has no use for the number.
  const showVersion = registry?.roles.find((r) => r.id === actor?.role)?.level !== 'own';
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [loaded, setCase] = useState<CaseView | null>(null);
  // The case of another URL is never shown while this one loads.
  const c = loaded && loaded.id === id ? loaded : null;
  const [error, setError] = useState<Error | null>(null);
  const [acting, setActing] = useState<CaseAction | null>(null);
  const procedureId = c?.procedure?.id ?? null;
  const procedure = useApi((signal) => (procedureId ? caseApi.procedure(procedureId, signal) : Promise.resolve(null)), [procedureId]);
  const overrides = (procedureId && OVERRIDES[procedureId]) || {};
  const stateLabels = Object.fromEntries((procedure.data?.states ?? []).map((s) => [s.id, s.label]));

  const load = useCallback(
    (signal?: AbortSignal) =>
      caseApi.case(id, signal).then(
        (cv) => {
          setCase(cv);
          setError(null);
        },
        (e: Error) => e.name !== 'AbortError' && setError(e),
      ),
    [id],
  );
  useEffect(() => {
    const ctrl = new AbortController();
    void load(ctrl.signal);
    return () => ctrl.abort();
  }, [load]);
  useEffect(() => {
    document.title = c ? `${c.title} · 政务 Zhengwu` : '案件 · 政务 Zhengwu';
  }, [c]);

  if (error) return <PageState loading={false} error={error} />;
  if (!c) return <PageState loading error={null} />;
  const a = c.assessment as CaseView['assessment'] & { needsConstructionPermit?: boolean };

  const flags: { code: string; message: string; cites: string; link: string }[] = c.flags ?? [];
  const side = (
    <>
      {flags.map((f) => (
        <Alert
          key={f.code}
          type="warning"
          showIcon
          className="flag-alert"
          data-testid="case-flag"
          title={f.message}
          description={<CiteLink cites={f.cites} link={f.link} />}
        />
      ))}
      {c.state.terminal && <RatingCard caseId={c.id} onChange={() => void load()} />}
      <DeadlineCard c={c} />
      <Card size="small" title="办理" className="block" data-testid="actions">
        {c.actions.length === 0 ? (
          <p className="muted">
            {c.state.terminal
              ? '案件已办结。'
              : c.state.waitingFor.length > 1
                ? `当前环节待${c.state.waitingFor.map((r) => ROLE_NAMES[r] ?? r).join('、')}办理。`
                : `当前环节由${c.state.actor ? ROLE_NAMES[c.state.actor] : '—'}办理。`}
          </p>
        ) : (
          <div className="action-list">
            {c.actions.map((act) => (
              <div key={act.id} className="action-item">
                <Button
                  block
                  disabled={Boolean(act.blocked)}
                  type={act.id === 'return_for_correction' || act.id === 'refuse' || act.id === 'withdraw' || act.id === 'reject_check' ? 'default' : 'primary'}
                  danger={act.id === 'refuse' || act.id === 'withdraw' || act.id === 'reject_check'}
                  data-testid={`action-${act.id}`}
                  onClick={() => {
                    const page = overrides.actionPages?.[act.id];
                    if (page) navigate(page(c));
                    else setActing(act);
                  }}
                >
                  {act.label}
                </Button>
                <div className="action-cite">
                  <CiteLink cites={act.cites} link={act.link} />
                </div>
                {act.blocked && (
                  <Alert type="warning" showIcon className="block-sm" title="暂不能办理" description={act.blocked} data-testid={`action-blocked-${act.id}`} />
                )}
              </div>
            ))}
          </div>
        )}
      </Card>
      <NoticesCard c={c} materials={procedure.data?.materials ?? []} onIssued={() => void load()} />
      <ReceiptCard c={c} />
      <CertificatesCard c={c} />
      <DocumentsCard c={c} onUploaded={() => void load()} />
    </>
  );

  return (
    <div className="page case-page">
      <div className="case-breadcrumb muted">
        <Link to="/cases">案件</Link> / {c.id}
      </div>
      <div className="page-head">
        <Typography.Title level={2} className="page-title case-title" data-testid="case-title">
          {c.title}
        </Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={() => load()} aria-label="刷新">
          刷新
        </Button>
      </div>
      <Space size={[8, 4]} wrap className="case-meta">
        <Tag color={c.state.terminal ? 'default' : 'processing'} data-testid="case-state" data-state={c.state.id}>
          {c.state.label}
        </Tag>
        <span className="muted">{c.id}</span>
        <span className="muted">{jurisdictionText(c.jurisdiction)}</span>
        <span className="muted">申请日 {c.applicationDate}</span>
        {showVersion && (
          <span className="muted" data-testid="case-version">
            版本 {c.version}
          </span>
        )}
      </Space>

      <Row gutter={[16, 16]} className="block">
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 8, order: 2 }}>
          <div className="case-side">{side}</div>
        </Col>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 16, order: 1 }} className="case-main">
          <Card
            size="small"
            title={
              <Space wrap>
                按条款审查
                <DecisionTag decision={a.decision} />
                {a.needsConstructionPermit && <Tag color="orange">须办理开工许可</Tag>}
              </Space>
            }
            data-testid="assessment"
          >
            <GoverningStatusAlert status={a.governingDocumentStatus} compact />
            <FindingList findings={a.findings} />
            {a.parameters.length > 0 && (
              <div className="block-sm" data-testid="assessment-parameters">
                <span className="muted">本案适用的参数（申请日 {c.applicationDate}）：</span>
                <ul className="plain-list">
                  {a.parameters.map((p) => (
                    <li key={`${p.key}/${p.scope}`} data-testid={`assessment-parameter-${p.key}`}>
                      {p.label}
                      {p.scope ? `（${p.scope}）` : ''}：
                      {p.value === null ? (
                        <Tag color="orange">未设定</Tag>
                      ) : (
                        <>
                          {String(p.value)}
                          {p.unit ? ` ${p.unit}` : ''}{' '}
                          <span className="muted">
                            {p.link ? <Link to={p.link}>{p.source}</Link> : p.source}
                            {p.from ? `，${p.from} 起` : ''}
                          </span>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </Card>
          <JointReviewCard c={c} stateLabels={stateLabels} />
          {overrides.ExtraCards && <overrides.ExtraCards c={c} />}
          <Card size="small" title="办理记录" className="block">
            {overrides.RecordView ? (
              <overrides.RecordView c={c} />
            ) : procedure.data?.recordSchema ? (
              <SchemaView schema={procedure.data.recordSchema as JsonSchema} value={c.record} />
            ) : (
              <RecordView record={c.record} />
            )}
          </Card>
          <Card size="small" title="时间线" className="block">
            <CaseTimeline events={c.timeline} stateLabels={stateLabels} />
          </Card>
          <Card size="small" title="申请表（个人信息已脱敏）" className="block">
            {overrides.ApplicationView ? (
              <overrides.ApplicationView c={c} />
            ) : procedure.data ? (
              <div data-testid="application-view">
                <SchemaView schema={procedure.data.schema as JsonSchema} value={c.application} />
              </div>
            ) : null}
          </Card>
        </Col>
      </Row>

      <ActionModal
        c={c}
        payloadSchema={procedure.data?.actions?.find((a) => a.id === acting?.id)?.payloadSchema ?? null}
        action={acting}
        onClose={() => setActing(null)}
        onReload={() => {
          setActing(null);
          void load();
        }}
        onDone={(next) => {
          message.success(`已办理：${acting?.label ?? ''}`);
          setActing(null);
          setCase(next);
        }}
      />
    </div>
  );
}
