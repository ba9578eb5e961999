import { Alert, App, Button, Form, Input, Select, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { CaseApiError, fieldPath } from '../../caseApi';
import { fileToBase64, plansApi, TASK_STATUS_LABEL, type TaskDetail } from './api';

const YEARS = [2021, 2022, 2023, 2024, 2025];
const STATUSES = ['not_started', 'in_progress', 'done', 'late'] as const;

/**
 * Filing (or correcting) a year's progress on a task: the lead unit files the task's status, a co-unit
 * its own part (承市政办字〔2022〕49号 四、（一）年度任务清单和工作台账). Same pattern as ReportForm:
 * the version seen is sent, server-side errors land on their fields.
 */
export function TaskReportForm({ detail, defaultYear, onFiled }: { detail: TaskDetail; defaultYear: number; onFiled: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kind = detail.mayReport!;
  // The line this unit files on: the task's lead line, or its own co-unit line.
  const mine = detail.history.filter((h) => h.kind === kind && (kind === 'lead' || h.unit === detail.unit));
  const versionOf = (year: number) => Math.max(0, ...mine.filter((h) => h.year === year).map((h) => h.version));

  const submit = async (v: { year: number; status: string; note: string }) => {
    setBusy(true);
    setError(null);
    try {
      const evidence = file ? { name: file.name, mime: file.type, base64: await fileToBase64(file) } : null;
      const r = await plansApi.fileTask(detail.task.id, { year: v.year, status: v.status, note: v.note ?? '', evidence, basedOnVersion: versionOf(v.year) });
      message.success(`已报送 ${r.year} 年${kind === 'lead' ? '任务进展' : '配合情况'}（第 ${r.version} 版）`);
      form.resetFields(['status', 'note']);
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
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ year: defaultYear }} data-testid="task-report-form" className="plan-report-form">
      {error && <Alert type="error" showIcon title={error} className="block" data-testid="task-report-error" />}
      <Form.Item label="年度" name="year" rules={[{ required: true, message: '请选择年度' }]}>
        <Select
          options={YEARS.map((y) => ({ value: y, label: `${y} 年${versionOf(y) ? `（已有第 ${versionOf(y)} 版，提交即更正）` : ''}` }))}
          style={{ maxWidth: 320 }}
          aria-label="年度"
        />
      </Form.Item>
      <Form.Item label={kind === 'lead' ? '任务进展状态' : '本单位配合工作状态'} name="status" rules={[{ required: true, message: '请选择进展状态' }]}>
        <Select
          options={STATUSES.map((s) => ({ value: s, label: TASK_STATUS_LABEL[s] }))}
          style={{ maxWidth: 320 }}
          aria-label="进展状态"
          data-testid="task-report-status"
        />
      </Form.Item>
      <Form.Item
        label={kind === 'lead' ? '进展情况说明' : '配合工作情况说明'}
        name="note"
        rules={[
          { required: true, message: '请填写情况说明' },
          { min: 2, message: '情况说明至少 2 个字' },
        ]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount aria-label="情况说明" data-testid="task-report-note" />
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
      <Button type="primary" htmlType="submit" loading={busy} data-testid="task-report-submit">
        {kind === 'lead' ? '报送进展' : '报送配合情况'}
      </Button>
    </Form>
  );
}
