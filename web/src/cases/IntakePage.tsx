// The generic intake form: any registered procedure is filed here from its published application
// schema, unless its module names an intake page of its own. Nothing typed is lost on an error: the
// server's messages are put on the fields they name and the form keeps its values.
import { Alert, Breadcrumb, Button, Card, Form, Input, Result } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useAuth } from '../auth';
import { caseApi, fieldPath, type FieldIssue } from '../caseApi';
import { PageState } from '../components/PageState';
import { useApi } from '../useApi';
import { canFile, useRegistry } from '../platform/registry';
import { cleanValues, initialValues, ReceiptContext, receiptField, SchemaFields, type JsonSchema } from './SchemaForm';

export function IntakePage() {
  const { id = '' } = useParams();
  const { actor } = useAuth();
  const registry = useRegistry();
  const entry = registry?.procedures.find((p) => p.id === id) ?? null;
  const info = useApi((signal) => caseApi.procedure(id, signal), [id]);
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const schema = info.data?.schema as JsonSchema | undefined;
  // The date of receipt: today for a person or unit filing for itself; an official may enter a paper application's day, with why.
  const own = Boolean(actor && registry?.roles.find((r) => r.id === actor.role)?.level === 'own');
  const dateField = schema ? receiptField(schema) : null;
  const typedDate = Form.useWatch(dateField ? [dateField] : ['__none__'], form) as string | undefined;
  const today = dayjs().format('YYYY-MM-DD');
  const paper = !own && Boolean(dateField && typedDate && typedDate < today);

  // The account's own area and unit, so an office files in its own jurisdiction without retyping it.
  const initial = useMemo(() => {
    if (!schema) return {};
    const known: Record<string, unknown> = { county: actor?.county, township: actor?.township, village: actor?.village, unit: actor?.unit };
    const values = initialValues(schema, (name) => known[name]);
    const field = receiptField(schema);
    return field ? { ...values, [field]: dayjs().format('YYYY-MM-DD') } : values;
  }, [schema, actor]);

  if (info.loading || info.error || !schema) return <PageState loading={info.loading || !schema} error={info.error} />;
  if (registry && !entry) return <Result status="404" title="没有这个办事事项" extra={<Link to="/">返回首页</Link>} />;
  if (entry && !canFile(entry, actor?.role)) {
    return (
      <Result
        status="403"
        title="您的账户不能提交此事项"
        subTitle={`“${entry.name}”由${entry.filedBy.map((r) => r.label).join('或')}提交。`}
        extra={<Link to="/cases">返回我的案件</Link>}
      />
    );
  }

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const { paperReason, ...values } = form.getFieldsValue(true) as Record<string, unknown>;
      const c = await caseApi.submit(id, cleanValues(values), paper ? String(paperReason ?? '') : undefined);
      navigate(`/cases/${encodeURIComponent(c.id)}`);
    } catch (e) {
      const err = e as Error & { details?: FieldIssue[] };
      const details = err.details ?? [];
      if (details.length) form.setFields(details.map((d) => ({ name: fieldPath(d.field), errors: [d.message] })));
      setError(err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      className="page narrow"
      data-testid="intake-page"
      data-procedure={id}
      // Enter in a date picker confirms the day; it must not also submit the application.
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.target as HTMLElement).closest('.ant-picker')) e.preventDefault();
      }}
    >
      <Breadcrumb items={[{ title: <Link to="/cases">我的案件</Link> }, { title: info.data!.name }]} />
      <h1>{info.data!.name}</h1>
      {entry && <p className="muted">{entry.summary}</p>}
      {!info.data!.governingDocumentStatus.decisionsAllowed && (
        <Alert type="warning" showIcon className="block-sm" title={info.data!.governingDocumentStatus.message} />
      )}
      {error && <Alert type="error" showIcon className="block-sm" title={error} data-testid="intake-error" />}
      <Card>
        <Form
          form={form}
          layout="vertical"
          initialValues={initial}
          onFinish={submit}
          onFinishFailed={() => setError('表单有未填或填写有误的项目，请按提示修改。')}
          scrollToFirstError={{ block: 'center' }}
        >
          <ReceiptContext.Provider value={{ own }}>
            <SchemaFields schema={schema} />
          </ReceiptContext.Provider>
          {paper && (
            <Form.Item
              name="paperReason"
              label="收件情况说明"
              extra={`申请日期早于今天：补录纸质申请的，说明何时、何处收到（将记入审计）`}
              rules={[{ required: true, min: 4, message: '请说明收件情况（至少 4 个字）' }]}
            >
              <Input.TextArea rows={2} maxLength={500} data-testid="field-paperReason" />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" loading={busy} block data-testid="intake-submit">
            提交申请
          </Button>
        </Form>
      </Card>
    </div>
  );
}
