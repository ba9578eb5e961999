// One modal form per case action (payloads of src/procedures/homestead/procedure.ts), always with
// the day of the act and the case version the user saw.
import { Alert, Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { caseApi, fieldPath, type CaseAction, type CaseView, type FieldIssue } from '../caseApi';
import { CiteLink } from './CaseBits';
import { CasePlace, cleanValues, initialValues, SchemaFields, type JsonSchema } from '../cases/SchemaForm';
import { IndicatorsInput, sciencePayloadValue, scienceSelectOptions } from '../procedures/science/ScienceActionFields';
import { OVERRIDES } from '../procedures/overrides';

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'count'
  | 'yesno'
  | 'objections'
  | 'date'
  // 揭榜挂帅 and 包干制 (components/ScienceActionFields.tsx)
  | 'number'
  | 'money'
  | 'confirm'
  | 'select'
  | 'challenger'
  | 'challengers'
  | 'indicators'
  | 'spotCheckDraw';
export interface FieldDef {
  name: string;
  label: string;
  kind: FieldKind;
  optional?: boolean;
  placeholder?: string;
  yes?: string;
  no?: string;
  /** number: bounds and decimals; select: the choices; any: the initial value; extra: a hint under the field. */
  min?: number;
  max?: number;
  precision?: number;
  options?: { value: string; label: string }[];
  initial?: unknown;
  extra?: string;
  /** date: may lie after today (a deadline, a term). */
  future?: boolean;
}

const OBJECTIONS = [
  { value: 'none', label: '无异议' },
  { value: 'not_upheld', label: '有异议，经核实不成立' },
  { value: 'upheld', label: '异议成立（不予通过）' },
];

/** A day within [from, today], else a refusal naming the range (a typed day is never replaced by another). */
export function inRange(d: Dayjs | null | undefined, from: string | null, label: string): Promise<void> {
  if (!d) return Promise.resolve();
  const today = dayjs();
  if (d.isAfter(today, 'day') || (from && d.isBefore(dayjs(from), 'day')))
    return Promise.reject(
      new Error(`${label}须在 ${from ? `${from} 至 ` : ''}${today.format('YYYY-MM-DD')}${from ? ' 之间' : ' 或之前'}，您填写的是 ${d.format('YYYY-MM-DD')}`),
    );
  return Promise.resolve();
}

/** The day the case entered its current step: no act can be dated earlier. */
export function enteredOn(c: CaseView): string | null {
  const last = c.timeline[c.timeline.length - 1];
  return last?.date ?? null;
}

export function ActionModal({
  c,
  action,
  payloadSchema,
  onClose,
  onDone,
  onReload,
}: {
  c: CaseView;
  action: CaseAction | null;
  /** The action's published payload schema: the form drawn from it when no hand-made fields exist. */
  payloadSchema?: unknown;
  onClose: () => void;
  onDone: (next: CaseView) => void;
  onReload: () => void;
}) {
  return (
    <Modal open={!!action} title={action?.label} onCancel={onClose} destroyOnHidden footer={null} data-testid="action-modal">
      {action && (
        <ActionForm
          key={`${action.id}-${c.version}`}
          c={c}
          action={action}
          payloadSchema={(payloadSchema ?? null) as JsonSchema | null}
          onClose={onClose}
          onDone={onDone}
          onReload={onReload}
        />
      )}
    </Modal>
  );
}

function ActionForm({
  c,
  action,
  payloadSchema,
  onClose,
  onDone,
  onReload,
}: {
  c: CaseView;
  action: CaseAction;
  payloadSchema: JsonSchema | null;
  onClose: () => void;
  onDone: (next: CaseView) => void;
  onReload: () => void;
}) {
  const [form] = Form.useForm<Record<string, unknown>>();
  const [error, setError] = useState<{ status: number; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // A procedure may give an action hand-made fields (web/src/procedures/overrides.tsx); otherwise the schema draws the form.
  const handMade = c.procedure ? OVERRIDES[c.procedure.id]?.actionFields?.[action.id] : undefined;
  // Without hand-made fields the form is drawn from the payload schema the server publishes.
  const generic = !handMade && payloadSchema?.properties && Object.keys(payloadSchema.properties).length ? payloadSchema : null;
  const fields = handMade ?? [];
  const minDate = enteredOn(c);
  const initial: Record<string, unknown> = { date: dayjs(), ...(generic ? { payload: initialValues(generic, () => undefined) } : {}) };
  for (const f of fields) if (f.initial !== undefined) initial[f.name] = f.initial;

  const submit = async () => {
    const v = form.getFieldsValue(true) as Record<string, unknown>;
    const date = v.date as Dayjs | null;
    const payload: Record<string, unknown> = {};
    for (const f of fields) {
      const x = v[f.name];
      if (x === undefined || x === null || (typeof x === 'string' && x.trim() === '')) continue;
      payload[f.name] = f.kind === 'date' ? (x as Dayjs).format('YYYY-MM-DD') : sciencePayloadValue(f.kind, x);
    }
    // "Today" is the server's today: send a date only when the user picked another day.
    const day = date && !date.isSame(dayjs(), 'day') ? date.format('YYYY-MM-DD') : undefined;
    setBusy(true);
    setError(null);
    try {
      const next = await caseApi.act(c.id, action.id, {
        version: c.version,
        date: day,
        payload: generic ? (cleanValues(v.payload ?? {}) as object) : fields.length ? payload : undefined,
      });
      onDone(next);
    } catch (e) {
      const err = e as Error & { status: number; details?: FieldIssue[] };
      const details = err.details ?? [];
      if (generic) {
        const mine = details.filter((d) => d.field.startsWith('payload.'));
        if (mine.length) form.setFields(mine.map((d) => ({ name: fieldPath(d.field), errors: [d.message] })));
        if (mine.length < details.length || !mine.length) setError({ status: err.status, message: err.message });
        return;
      }
      const known = new Set(['date', ...fields.map((f) => f.name)]);
      const onFields = details.map((d) => ({ ...d, field: d.field.replace(/^payload\./, '') })).filter((d) => known.has(String(fieldPath(d.field)[0])));
      if (onFields.length) form.setFields(onFields.map((d) => ({ name: fieldPath(d.field).slice(0, 1), errors: [d.message] })));
      if (!onFields.length || onFields.length < details.length) setError({ status: err.status, message: err.message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      data-testid="action-form"
      data-action={action.id}
      // Enter in a date picker confirms the day; it must not also submit the form.
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.target as HTMLElement).closest('.ant-picker')) e.preventDefault();
      }}
    >
      <p className="muted">
        依据 <CiteLink cites={action.cites} link={action.link} />
      </p>
      {error && (
        <Alert
          type={error.status === 409 ? 'warning' : 'error'}
          showIcon
          title={error.message}
          className="block-sm"
          data-testid="action-error"
          action={
            error.status === 409 ? (
              <Button size="small" onClick={onReload}>
                刷新案件
              </Button>
            ) : undefined
          }
        />
      )}
      <Form form={form} layout="vertical" onFinish={submit} name="action" className="block-sm" initialValues={initial}>
        {/* No disabledDate: the picker would silently drop a typed day outside the range; the rule refuses it with the range instead. */}
        <Form.Item
          name="date"
          label="办理日期"
          extra={`可选 ${minDate ? `${minDate}（进入本环节的日期）` : ''}至 ${dayjs().format('YYYY-MM-DD')}（今天）`}
          rules={[{ validator: (_: unknown, d: Dayjs | null) => inRange(d, minDate, '办理日期') }]}
        >
          <DatePicker className="full-width" allowClear={false} data-testid="action-date" />
        </Form.Item>
        {fields.map((f) =>
          f.kind === 'indicators' ? (
            <Form.Item key={f.name} label={f.label} extra={f.extra} required>
              <IndicatorsInput />
            </Form.Item>
          ) : (
            <Form.Item
              key={f.name}
              name={f.name}
              label={f.kind === 'confirm' ? undefined : f.label}
              extra={f.extra}
              valuePropName={f.kind === 'confirm' ? 'checked' : 'value'}
              rules={[
                ...(f.optional || f.kind === 'confirm' ? [] : [{ required: true, message: `请填写${f.label}` }]),
                ...(f.kind === 'date' && !f.future ? [{ validator: (_: unknown, d: Dayjs | null) => inRange(d, null, f.label) }] : []),
              ]}
            >
              {f.kind === 'confirm' ? (
                <Checkbox data-testid={`field-${f.name}`}>{f.label}</Checkbox>
              ) : f.kind === 'number' || f.kind === 'money' ? (
                <InputNumber
                  className="full-width"
                  min={f.min ?? 0}
                  max={f.max}
                  precision={f.precision}
                  suffix={f.kind === 'money' ? '元' : undefined}
                  placeholder={f.placeholder}
                  data-testid={`field-${f.name}`}
                />
              ) : f.kind === 'select' || f.kind === 'challenger' || f.kind === 'challengers' || f.kind === 'spotCheckDraw' ? (
                <Select
                  mode={f.kind === 'challengers' ? 'multiple' : undefined}
                  options={f.kind === 'select' ? f.options : scienceSelectOptions(f.kind, c)}
                  placeholder={f.placeholder ?? '请选择'}
                  data-testid={`field-${f.name}`}
                  popupMatchSelectWidth={false}
                />
              ) : f.kind === 'count' ? (
                <InputNumber className="full-width" min={0} precision={0} data-testid={`field-${f.name}`} />
              ) : f.kind === 'textarea' ? (
                <Input.TextArea rows={3} maxLength={2000} placeholder={f.placeholder} data-testid={`field-${f.name}`} />
              ) : f.kind === 'yesno' ? (
                <Radio.Group
                  data-testid={`field-${f.name}`}
                  options={[
                    { value: true, label: f.yes ?? '是' },
                    { value: false, label: f.no ?? '否' },
                  ]}
                />
              ) : f.kind === 'objections' ? (
                <Radio.Group className="vertical-radios" options={OBJECTIONS} data-testid={`field-${f.name}`} />
              ) : f.kind === 'date' ? (
                <DatePicker className="full-width" data-testid={`field-${f.name}`} />
              ) : (
                <Input maxLength={200} placeholder={f.placeholder} data-testid={`field-${f.name}`} />
              )}
            </Form.Item>
          ),
        )}
        {generic && (
          <CasePlace.Provider value={c.jurisdiction}>
            <SchemaFields schema={generic} path={['payload']} />
          </CasePlace.Provider>
        )}
        {fields.length === 0 && !generic && <p>确认办理“{action.label}”？</p>}
        <div className="modal-actions">
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="action-confirm">
            确定
          </Button>
        </div>
      </Form>
    </div>
  );
}
