// Recording a value of a rule parameter (POST /api/parameters/:key/values): a county's own figure where the gazette
// delegates it (scope: the county), or an administrator's value from a later document (scope ''). Appended, never changed.
import { Alert, Button, DatePicker, Form, Input, InputNumber } from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { json } from '../caseApi';

export interface ParameterHead {
  key: string;
  label: string;
  unit: string;
  kind: 'number' | 'text';
}

export function ParameterValueForm({
  p,
  scope,
  noteRequired,
  onSaved,
}: {
  p: ParameterHead;
  scope: string;
  /** An administrator changing the gazette's figure says why. */
  noteRequired?: boolean;
  onSaved: () => void;
}) {
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (v: { effectiveFrom: dayjs.Dayjs; value: number | string; source: string; note?: string }) => {
    setBusy(true);
    setError(null);
    try {
      await json(`/api/parameters/${encodeURIComponent(p.key)}/values`, {
        body: { scope, effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'), value: v.value, source: v.source, note: v.note ?? '' },
      });
      form.resetFields();
      onSaved();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={save} data-testid={`param-form-${p.key}`} className="block-sm">
      <Form.Item name="value" label={`${p.label}${p.unit ? `（${p.unit}）` : ''}`} rules={[{ required: true, message: `请填写${p.label}` }]}>
        {p.kind === 'number' ? <InputNumber min={0.01} className="full-width" /> : <Input.TextArea rows={3} maxLength={4000} />}
      </Form.Item>
      <Form.Item name="effectiveFrom" label="生效日期" rules={[{ required: true, message: '请选择生效日期' }]}>
        <DatePicker className="full-width" />
      </Form.Item>
      <Form.Item name="source" label="依据文件（文号、标题）" rules={[{ required: true, min: 4, message: '请填写设定该值的文件（至少 4 个字）' }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="note" label={noteRequired ? '录入原因' : '说明'} rules={noteRequired ? [{ required: true, message: '请说明录入原因' }] : []}>
        <Input maxLength={500} />
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} className="block-sm" />}
      <Button type="primary" htmlType="submit" loading={busy} data-testid={`param-save-${p.key}`}>
        录入（只追加，不修改原值）
      </Button>
    </Form>
  );
}
