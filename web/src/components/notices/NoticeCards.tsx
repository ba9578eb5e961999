// 一次性告知书 and the 受理回执 on the case page (src/engine/notices.ts, src/engine/promise.ts): the notices issued on
// the case with every item, its article and the deadline, each as a PDF; for the office acting on the current step a
// form whose items are the procedure's materials list (chosen, never typed); the promised completion date and a link
// that opens the receipt for printing.
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Tag } from 'antd';
import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { downloadFile, json, tokenStore, type CaseView, type FieldIssue, type ProcedureInfo } from '../../caseApi';
import { CiteLink } from '../CaseBits';
import './notices.css';

type Notice = CaseView['notices'][number];
type Material = NonNullable<ProcedureInfo['materials']>[number];

const PROBLEMS = [
  { value: 'missing', label: '缺少' },
  { value: 'unclear', label: '不清晰' },
  { value: 'nonconforming', label: '不符合要求' },
];

const receiptPath = (id: string) => `/api/cases/${encodeURIComponent(id)}/receipt`;

/** Opens a protected PDF in a new tab (to print it there); where the tab is blocked, saves it instead. */
async function openForPrint(path: string, fileName: string) {
  const tab = window.open('', '_blank');
  if (!tab) {
    await downloadFile(path, fileName);
    return;
  }
  tab.document.title = fileName;
  const res = await fetch(path, { headers: { authorization: `Bearer ${tokenStore.get() ?? ''}` } });
  if (!res.ok) {
    tab.close();
    const data = await res.json().catch(() => null);
    throw new Error(data?.message ?? `请求失败（HTTP ${res.status}）`);
  }
  tab.location.href = URL.createObjectURL(await res.blob());
}

/** 受理回执: the promised completion date (or that the text sets none) and the receipt to print. */
export function ReceiptCard({ c }: { c: CaseView }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const p = c.promise;
  const print = async () => {
    setBusy(true);
    try {
      await openForPrint(receiptPath(c.id), `受理回执-${c.id}.pdf`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="受理回执" className="block" data-testid="receipt-card">
      <div className="promise-line">
        <span className="muted">承诺办结日期</span>
        <strong data-testid="promise-date">{p.date ?? '—'}</strong>
      </div>
      <p className="promise-text" data-testid="promise-text">
        {p.date ? p.text.slice(p.date.length).replace(/^（|）$/g, '') : p.text}
      </p>
      {p.notes.length > 0 && (
        <details className="promise-notes">
          <summary>说明（{p.notes.length} 条）</summary>
          <ul className="plain-list">
            {p.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      )}
      <Button type="link" icon={<PrinterOutlined />} loading={busy} onClick={print} data-testid="print-receipt" className="print-link">
        打印回执
      </Button>
    </Card>
  );
}

/** The notices of the case, and for the acting office the button that issues one. Nothing when there is neither. */
export function NoticesCard({ c, materials, onIssued }: { c: CaseView; materials: Material[]; onIssued: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const notices = c.notices ?? [];
  if (notices.length === 0 && !c.canIssueNotice) return null;
  return (
    <Card size="small" title="一次性告知（补正材料）" className="block notices-card" data-testid="notices-card">
      {c.canIssueNotice && (
        <Button block onClick={() => setOpen(true)} data-testid="notice-issue" disabled={materials.length === 0}>
          一次性告知
        </Button>
      )}
      {notices.length === 0 ? (
        <p className="muted block-sm">尚未出具一次性告知书。</p>
      ) : (
        [...notices].reverse().map((n) => <NoticeView key={n.n} notice={n} onError={(m) => message.error(m)} />)
      )}
      <NoticeModal
        c={c}
        materials={materials}
        open={open}
        onClose={() => setOpen(false)}
        onDone={(n) => {
          setOpen(false);
          message.success(`已出具第 ${n.n} 号一次性告知书`);
          onIssued();
        }}
      />
    </Card>
  );
}

function NoticeView({ notice, onError }: { notice: Notice; onError: (m: string) => void }) {
  const [busy, setBusy] = useState(false);
  return (
    <div className="notice" data-testid="notice" data-n={notice.n}>
      <div className="notice-head">
        <strong>第 {notice.n} 号告知书</strong>
        <span className="muted">
          {notice.issuedOn} · {notice.office}
        </span>
      </div>
      <ol className="notice-items">
        {notice.items.map((it) => (
          <li key={it.material} data-testid="notice-item">
            <span className="notice-label">{it.label}</span> <Tag color={it.problem === 'missing' ? 'red' : 'orange'}>{it.problemLabel}</Tag>
            {it.note && <div className="notice-note">{it.note}</div>}
            <div>
              <CiteLink cites={it.cites} link={it.link} />
              {it.materialNote && <span className="muted">（{it.materialNote}）</span>}
            </div>
          </li>
        ))}
      </ol>
      <div className="notice-deadline" data-testid="notice-deadline">
        请于 <strong>{notice.deadline.date}</strong> 前一并补齐{notice.deadline.workdays ? `（${notice.deadline.workdays} 个工作日内）` : ''}
      </div>
      <Button
        size="small"
        icon={<FilePdfOutlined />}
        loading={busy}
        data-testid={`notice-pdf-${notice.n}`}
        onClick={async () => {
          setBusy(true);
          try {
            await downloadFile(notice.pdf, `一次性告知书-${notice.number}.pdf`);
          } catch (e) {
            onError((e as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        告知书 PDF
      </Button>
      <span className="muted notice-number">{notice.number}</span>
    </div>
  );
}

interface FormValues {
  materials: number[];
  deadlineKind: 'workdays' | 'date';
  workdays?: number;
  date?: Dayjs;
  [k: `problem_${number}`]: string;
  [k: `note_${number}`]: string | undefined;
}

function NoticeModal({
  c,
  materials,
  open,
  onClose,
  onDone,
}: {
  c: CaseView;
  materials: Material[];
  open: boolean;
  onClose: () => void;
  onDone: (n: Notice) => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<{ message: string; details: FieldIssue[] } | null>(null);
  const chosen: number[] = Form.useWatch('materials', form) ?? [];
  const kind = Form.useWatch('deadlineKind', form) ?? 'workdays';

  const submit = async (v: FormValues) => {
    setSending(true);
    setError(null);
    try {
      const body = {
        version: c.version,
        items: [...v.materials]
          .sort((a, b) => a - b)
          .map((m) => ({ material: m, problem: v[`problem_${m}`] ?? 'missing', ...(v[`note_${m}`]?.trim() ? { note: v[`note_${m}`]!.trim() } : {}) })),
        deadline: v.deadlineKind === 'date' ? { date: v.date!.format('YYYY-MM-DD') } : { workdays: v.workdays },
      };
      const n = await json<Notice>(`/api/cases/${encodeURIComponent(c.id)}/notices`, { body });
      form.resetFields();
      onDone(n);
    } catch (e) {
      const err = e as Error & { details?: FieldIssue[] };
      setError({ message: err.message, details: err.details ?? [] });
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal open={open} title="一次性告知（补正材料）" onCancel={onClose} footer={null} destroyOnHidden data-testid="notice-modal">
      <p className="muted">从本事项的申请材料清单中选择需要补正的全部材料，一次告知申请人；每项可说明具体问题。</p>
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ materials: [], deadlineKind: 'workdays', workdays: 5 }}
        onFinish={submit}
        data-testid="notice-form"
        requiredMark={false}
      >
        <Form.Item name="materials" label="需要补正的材料" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一项需要补正的材料' }]}>
          <Checkbox.Group className="notice-materials">
            {materials.map((m, i) => (
              <div key={i} className="notice-material">
                <Checkbox value={i} data-testid={`notice-material-${i}`}>
                  <span className="notice-label">{m.label}</span>
                  {m.note && <span className="muted">（{m.note}）</span>}
                </Checkbox>
                <div className="notice-material-cite">
                  <CiteLink cites={m.cites} link={m.link} />
                </div>
                {chosen.includes(i) && (
                  <div className="notice-material-detail">
                    <Form.Item name={`problem_${i}`} initialValue="missing" noStyle>
                      <Select
                        options={PROBLEMS}
                        aria-label="问题"
                        className="notice-problem"
                        data-testid={`notice-problem-${i}`}
                        popupMatchSelectWidth={false}
                      />
                    </Form.Item>
                    <Form.Item name={`note_${i}`} noStyle>
                      <Input maxLength={200} placeholder="具体问题（可不填）" aria-label="具体问题" data-testid={`notice-note-${i}`} />
                    </Form.Item>
                  </div>
                )}
              </div>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="deadlineKind" label="补正期限">
          <Radio.Group
            options={[
              { value: 'workdays', label: '工作日数' },
              { value: 'date', label: '截止日期' },
            ]}
            data-testid="notice-deadline-kind"
          />
        </Form.Item>
        {kind === 'workdays' ? (
          <Form.Item name="workdays" rules={[{ required: true, message: '请填写工作日数' }]} extra="自今日起按工作日计算（法定节假日不计）">
            <InputNumber min={1} max={60} precision={0} suffix="个工作日" className="notice-workdays" data-testid="notice-workdays" />
          </Form.Item>
        ) : (
          <Form.Item name="date" rules={[{ required: true, message: '请选择截止日期' }]}>
            <DatePicker
              className="full-width"
              disabledDate={(d) => !d.isAfter(dayjs(), 'day') || d.isAfter(dayjs().add(1, 'year'), 'day')}
              data-testid="notice-date"
            />
          </Form.Item>
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            className="block-sm"
            title={error.message}
            description={error.details.length ? error.details.map((d) => d.message).join('；') : undefined}
            data-testid="notice-error"
          />
        )}
        <div className="modal-actions block">
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" htmlType="submit" loading={sending} data-testid="notice-submit">
            出具告知书
          </Button>
        </div>
      </Form>
    </Modal>
  );
}
