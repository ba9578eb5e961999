import { Alert, App, Button, Form, Input, InputNumber, Select, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { CaseApiError, fieldPath } from '../../caseApi';
import { fileToBase64, plansApi, STATUS_LABEL, type IndicatorDetail } from './api';

const YEARS = [2021, 2022, 2023, 2024, 2025];

/** Filing (or correcting) a year's figure: value or status, note, evidence; server-side errors land on their fields. */
export function ReportForm({ indicator, defaultYear, onFiled }: { indicator: IndicatorDetail; defaultYear: number; onFiled: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const qualitative = indicator.comparison === 'status' || indicator.target.value === null;
  const versionOf = (year: number) => Math.max(0, ...indicator.history.filter((h) => h.year === year).map((h) => h.version));

  const submit = async (v: { year: number; value?: number; assessment?: string; note: string }) => {
    setBusy(true);
    setError(null);
    try {
      const evidence = file ? { name: file.name, mime: file.type, base64: await fileToBase64(file) } : null;
      const r = await plansApi.file(indicator.id, {
        year: v.year,
        value: qualitative ? null : (v.value ?? null),
        assessment: qualitative ? v.assessment : null,
        note: v.note ?? '',
        evidence,
        basedOnVersion: versionOf(v.year),
      });
      message.success(`已报送 ${r.year} 年数据（第 ${r.version} 版）`);
      form.resetFields(['value', 'note', 'assessment']);
      setFile(null);
      onFiled();
    } catch (e) {
      const err = e as CaseApiError;
      if (err.details?.length)
        form.setFields(
          err.details.map((d) => ({ name: fieldPath(d.field === 'evidence.name' || d.field === 'evidence.mime' ? 'evidence' : d.field), errors: [d.message] })),
        );
      setError(err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ year: defaultYear }} data-testid="report-form" className="plan-report-form">
      {error && <Alert type="error" showIcon title={error} className="block" data-testid="report-error" />}
      <Form.Item label="年份" name="year" rules={[{ required: true, message: '请选择年份' }]}>
        <Select
          options={YEARS.map((y) => ({ value: y, label: `${y} 年${versionOf(y) ? `（已有第 ${versionOf(y)} 版，提交即更正）` : ''}` }))}
          style={{ maxWidth: 320 }}
          aria-label="年份"
        />
      </Form.Item>
      {qualitative ? (
        <Form.Item label="完成状态（定性目标）" name="assessment" rules={[{ required: true, message: '请选择完成状态' }]}>
          <Select
            options={(['achieved', 'on_track', 'at_risk', 'off_track'] as const).map((s) => ({ value: s, label: STATUS_LABEL[s] }))}
            style={{ maxWidth: 320 }}
            aria-label="完成状态"
          />
        </Form.Item>
      ) : (
        <Form.Item
          label={`数值${indicator.unit ? `（${indicator.unit}）` : ''}${indicator.comparison === 'decrease_by' ? ' — 填写较基期累计下降的百分比' : ''}`}
          name="value"
          rules={[
            { required: true, message: '请填写数值' },
            ...(indicator.unit === '%' && indicator.comparison !== 'decrease_by'
              ? [{ type: 'number' as const, min: 0, max: 100, message: '百分比应在 0—100 之间' }]
              : []),
          ]}
        >
          <InputNumber style={{ width: 200 }} aria-label="数值" data-testid="report-value" />
        </Form.Item>
      )}
      <Form.Item
        label="情况说明（数据来源、口径）"
        name="note"
        rules={[
          { required: true, message: '请填写情况说明' },
          { min: 2, message: '情况说明至少 2 个字' },
        ]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount aria-label="情况说明" data-testid="report-note" />
      </Form.Item>
      <Form.Item label="佐证材料（PDF、PNG 或 JPEG，可选）" name="evidence">
        <Upload
          beforeUpload={(f) => (setFile(f), false)}
          onRemove={() => setFile(null)}
          maxCount={1}
          accept=".pdf,.png,.jpg,.jpeg"
          fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
        >
          <Button icon={<UploadOutlined />}>选择文件</Button>
        </Upload>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="report-submit">
        报送
      </Button>
    </Form>
  );
}
