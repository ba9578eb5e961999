import { Alert, Button, Card, Form, Input, Result, Segmented, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../useApi';
import { registrationApi, type Registered } from './api';
import './registration.css';

type Kind = 'applicant' | 'enterprise';
interface Values {
  name: string;
  unit?: string;
  creditCode?: string;
  phone: string;
  password: string;
  again: string;
  county?: string;
  township?: string;
  village?: string;
  idNumber?: string;
}

/** 县 → 乡镇 → 村 from the area tree (GET /api/areas…); a level is offered once the one above is chosen. */
function AreaSelects({ form, depth }: { form: ReturnType<typeof Form.useForm<Values>>[0]; depth: 'county' | 'village' }) {
  const county = Form.useWatch('county', form);
  const township = Form.useWatch('township', form);
  const counties = useApi((s) => registrationApi.counties(s), []);
  const townships = useApi((s) => (county && depth === 'village' ? registrationApi.townships(county, s) : Promise.resolve(null)), [county, depth]);
  const villages = useApi((s) => (county && township ? registrationApi.villages(county, township, s) : Promise.resolve(null)), [county, township]);
  const options = (items?: { name: string }[] | null) => (items ?? []).map((i) => ({ value: i.name, label: i.name }));
  return (
    <>
      <Form.Item name="county" label="县（市、区）" rules={[{ required: true, message: '请选择县（市、区）' }]}>
        <Select
          showSearch
          placeholder="请选择"
          loading={counties.loading}
          options={options(counties.data?.items)}
          onChange={() => form.setFieldsValue({ township: undefined, village: undefined })}
          data-testid="register-county"
        />
      </Form.Item>
      {depth === 'village' && (
        <>
          <Form.Item name="township" label="乡镇（街道）" rules={[{ required: true, message: '请选择乡镇（街道）' }]}>
            <Select
              showSearch
              placeholder={county ? '请选择' : '请先选择县（市、区）'}
              disabled={!county}
              loading={townships.loading && Boolean(county)}
              options={options(townships.data?.items)}
              onChange={() => form.setFieldsValue({ village: undefined })}
              data-testid="register-township"
            />
          </Form.Item>
          <Form.Item name="village" label="村（社区）" rules={[{ required: true, message: '请选择村（社区）' }]}>
            <Select
              showSearch
              placeholder={township ? '请选择' : '请先选择乡镇（街道）'}
              disabled={!township}
              loading={villages.loading && Boolean(township)}
              options={options(villages.data?.items)}
              data-testid="register-village"
            />
          </Form.Item>
        </>
      )}
    </>
  );
}

/** `/register` — 注册: a villager (县/乡镇/村) or an enterprise (统一社会信用代码, county); the phone number is the user name. */
export function RegisterPage() {
  const [kind, setKind] = useState<Kind>('applicant');
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Registered | null>(null);
  useEffect(() => {
    document.title = '注册 · 政务 Zhengwu';
  }, []);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const common = { kind, name: v.name, phone: v.phone.trim(), password: v.password, county: v.county };
      const body =
        kind === 'applicant'
          ? { ...common, township: v.township, village: v.village, idNumber: v.idNumber?.trim() || null }
          : { ...common, unit: v.unit, creditCode: v.creditCode?.trim() };
      setDone(await registrationApi.register(body));
    } catch (e) {
      const err = e as Error & { details?: { field?: string; message: string }[] };
      const fields = (err.details ?? []).filter((d) => d.field);
      if (fields.length) form.setFields(fields.map((d) => ({ name: d.field!.split('.')[0] as keyof Values, errors: [d.message] })));
      setError(err.message);
    } finally {
      setBusy(false);
    }
  };

  if (done?.status === 'pending') return <PendingResult message={done.message} />;
  if (done?.status === 'pending_code') return <CodeStep phone={done.username} message={done.message} />;

  return (
    <div className="page register-page">
      <Card className="register-card">
        <Typography.Title level={3} className="login-title">
          注册
        </Typography.Title>
        <p className="muted">村民个人和企业在此注册，注册后用手机号码登录，网上办理宅基地审批等事项。</p>
        <Segmented
          block
          className="block-sm"
          value={kind}
          onChange={(v) => setKind(v as Kind)}
          options={[
            { value: 'applicant', label: '村民个人' },
            { value: 'enterprise', label: '企业 / 单位' },
          ]}
          data-testid="register-kind"
        />
        {error && <Alert type="error" showIcon title={error} className="block-sm" data-testid="register-error" />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} className="block-sm" scrollToFirstError>
          {kind === 'enterprise' && (
            <>
              <Form.Item name="unit" label="单位名称" rules={[{ required: true, message: '请填写单位名称' }]}>
                <Input data-testid="register-unit" />
              </Form.Item>
              <Form.Item
                name="creditCode"
                label="统一社会信用代码"
                extra="营业执照上的 18 位代码"
                rules={[
                  { required: true, message: '请填写统一社会信用代码' },
                  { len: 18, message: '统一社会信用代码为 18 位' },
                ]}
              >
                <Input maxLength={18} className="mono" data-testid="register-credit-code" />
              </Form.Item>
            </>
          )}
          <Form.Item name="name" label={kind === 'enterprise' ? '联系人姓名' : '姓名'} rules={[{ required: true, message: '请填写姓名' }]}>
            <Input autoComplete="name" data-testid="register-name" />
          </Form.Item>
          <Form.Item
            name="phone"
            label="手机号码"
            extra="手机号码就是登录用的用户名。"
            rules={[
              { required: true, message: '请填写手机号码' },
              { pattern: /^1[3-9]\d{9}$/, message: '手机号码应为 11 位数字，以 1 开头' },
            ]}
          >
            <Input inputMode="numeric" autoComplete="tel" maxLength={11} data-testid="register-phone" />
          </Form.Item>
          <AreaSelects form={form} depth={kind === 'applicant' ? 'village' : 'county'} />
          {kind === 'applicant' && (
            <Form.Item name="idNumber" label="身份证号码（选填）" extra="办理事项时按账号识别申请人，注册时可不填。">
              <Input maxLength={18} className="mono" data-testid="register-id-number" />
            </Form.Item>
          )}
          <Form.Item
            name="password"
            label="密码"
            extra="至少 10 位，不能包含手机号码。"
            rules={[
              { required: true, message: '请设置密码' },
              { min: 10, message: '密码至少 10 位' },
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="register-password" />
          </Form.Item>
          <Form.Item
            name="again"
            label="再次输入密码"
            dependencies={['password']}
            rules={[
              { required: true, message: '请再次输入密码' },
              ({ getFieldValue }) => ({
                validator: (_r, v) => (v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="register-again" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="register-submit">
            提交注册
          </Button>
        </Form>
        <p className="block-sm register-links">
          已有账号？<Link to="/login">登录</Link>
        </p>
      </Card>
    </div>
  );
}

/** 待确认: no SMS channel, so the village or township (or the county office) confirms the account. */
function PendingResult({ message }: { message: string }) {
  return (
    <div className="page register-page">
      <Card className="register-card" data-testid="register-pending">
        <Result
          status="info"
          title="待确认"
          subTitle={message}
          extra={
            <Link to="/login">
              <Button type="primary">返回登录</Button>
            </Link>
          }
        />
        <p className="muted">确认前不能登录。如被退回，登录时会看到退回理由，可修改后重新注册。</p>
      </Card>
    </div>
  );
}

/** The code step: the 6-digit code the SMS gateway sent; a new one after 60 s. */
function CodeStep({ phone, message }: { phone: string; message: string }) {
  const [code, setCode] = useState('');
  const [info, setInfo] = useState(message);
  const [error, setError] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (ok)
    return (
      <div className="page register-page">
        <Card className="register-card">
          <Result
            status="success"
            title="注册完成"
            subTitle={ok}
            extra={
              <Link to="/login">
                <Button type="primary">去登录</Button>
              </Link>
            }
          />
        </Card>
      </div>
    );
  return (
    <div className="page register-page">
      <Card className="register-card" data-testid="register-code-step">
        <Typography.Title level={3} className="login-title">
          验证手机号
        </Typography.Title>
        <Alert type="info" showIcon title={info} className="block-sm" />
        {error && <Alert type="error" showIcon title={error} className="block-sm" />}
        <Input
          className="block-sm code-input"
          size="large"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
          placeholder="6 位验证码"
          data-testid="register-code"
        />
        <Button
          type="primary"
          block
          size="large"
          className="block-sm"
          loading={busy}
          disabled={code.length !== 6}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              setOk((await registrationApi.verify(phone, code)).message);
            } catch (e) {
              setError((e as Error).message);
            } finally {
              setBusy(false);
            }
          }}
          data-testid="register-verify"
        >
          完成注册
        </Button>
        <Button
          block
          type="link"
          className="block-sm"
          onClick={async () => {
            setError(null);
            try {
              setInfo((await registrationApi.resend(phone)).message);
            } catch (e) {
              setError((e as Error).message);
            }
          }}
        >
          重新获取验证码
        </Button>
      </Card>
    </div>
  );
}
