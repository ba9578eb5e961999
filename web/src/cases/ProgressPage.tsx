// `/progress` — 办件进度查询 without signing in: the case number (on the receipt) and the last 6 characters of the
// applicant's 身份证号. Shows the current step, the steps so far with their dates and the deadline; nothing personal.
import { Alert, Button, Card, Form, Input, Steps, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { caseApi, fieldPath, type FieldIssue, type Progress } from '../caseApi';

export function ProgressPage() {
  const [params] = useSearchParams();
  const [form] = Form.useForm<{ caseId: string; idTail: string }>();
  const [result, setResult] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = '办件进度查询 · 政务 Zhengwu';
  }, []);

  const submit = async (v: { caseId: string; idTail: string }) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await caseApi.progress(v.caseId.trim(), v.idTail.trim()));
    } catch (e) {
      const err = e as Error & { details?: FieldIssue[] };
      if (err.details?.length) form.setFields(err.details.map((d) => ({ name: fieldPath(d.field)[0] as 'caseId' | 'idTail', errors: [d.message] })));
      setError(err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page narrow" data-testid="progress-page">
      <Typography.Title level={2} className="page-title">
        办件进度查询
      </Typography.Title>
      <p className="muted">无需登录。输入受理回执上的办件编号和申请人身份证号后 6 位；只显示办理环节和日期，不显示个人信息。</p>
      <Card className="block-sm">
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ caseId: params.get('case') ?? '' }}>
          <Form.Item name="caseId" label="办件编号" rules={[{ required: true, message: '请填写办件编号' }]}>
            <Input placeholder="如 ZJD-20261127-1A2B3C4D5E" autoComplete="off" data-testid="progress-case" />
          </Form.Item>
          <Form.Item
            name="idTail"
            label="申请人身份证号后 6 位"
            rules={[
              { required: true, message: '请填写申请人身份证号后 6 位' },
              { pattern: /^[0-9]{5}[0-9Xx]$/, message: '应为 6 位数字（最后一位可为 X）' },
            ]}
          >
            <Input maxLength={6} inputMode="text" autoComplete="off" data-testid="progress-id" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block data-testid="progress-submit">
            查询
          </Button>
        </Form>
      </Card>
      {error && <Alert type="warning" showIcon className="block" title={error} data-testid="progress-error" />}
      {result && (
        <Card className="block" title={result.procedure} data-testid="progress-result">
          <p>
            当前环节：
            <Tag color={result.state.terminal ? 'default' : 'processing'} data-testid="progress-state">
              {result.state.label}
            </Tag>
          </p>
          <p className="muted">受理日期：{result.receivedOn}</p>
          {result.deadline?.due && (
            <p data-testid="progress-due">
              办理期限：{result.deadline.due}（{result.deadline.label}，{result.deadline.cites}）
            </p>
          )}
          {result.applicantMustAct && <Alert type="info" showIcon className="block-sm" title="本环节需要申请人办理：请登录后在“我的申请”中查看。" />}
          <Steps
            className="block"
            direction="vertical"
            size="small"
            current={result.steps.length - 1}
            items={result.steps.map((s) => ({ title: s.step, description: s.date }))}
          />
        </Card>
      )}
    </div>
  );
}
