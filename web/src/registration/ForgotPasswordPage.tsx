import { Alert, Button, Card, Form, Input, Result, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../useApi';
import { registrationApi } from './api';
import './registration.css';

/** `/forgot-password` — 忘记密码: a code to the phone when the SMS channel is open; otherwise whom to ask for a 临时密码. */
export function ForgotPasswordPage() {
  const channel = useApi((s) => registrationApi.channel(s), []);
  const [form] = Form.useForm<{ phone: string; code: string; password: string }>();
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = '忘记密码 · 政务 Zhengwu';
  }, []);
  const run = async (f: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="page register-page">
      <Card className="register-card" data-testid="forgot-password">
        <Typography.Title level={3} className="login-title">
          忘记密码
        </Typography.Title>
        {channel.loading ? (
          <Skeleton active />
        ) : done ? (
          <Result status="success" title="密码已重置" subTitle={done} extra={<Link to="/login">去登录</Link>} />
        ) : !channel.data?.sms ? (
          <Alert
            type="info"
            showIcon
            title="请联系村（社区）、乡镇（街道）或管理员"
            description="本平台未开通短信验证。村民请联系所在村（社区）或乡镇（街道），企业和其他用户请联系管理员，为您设置一次性临时密码；用临时密码登录后须先修改密码。"
            data-testid="forgot-contact"
          />
        ) : (
          <>
            {error && <Alert type="error" showIcon title={error} className="block-sm" />}
            {sent && <Alert type="info" showIcon title={sent} className="block-sm" />}
            <Form
              form={form}
              layout="vertical"
              requiredMark={false}
              className="block-sm"
              onFinish={(v) => run(async () => setDone((await registrationApi.confirmReset(v.phone.trim(), v.code.trim(), v.password)).message))}
            >
              <Form.Item name="phone" label="手机号码" rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: '手机号码应为 11 位数字，以 1 开头' }]}>
                <Input inputMode="numeric" maxLength={11} autoComplete="tel" />
              </Form.Item>
              <Button
                block
                className="block-sm"
                loading={busy && !sent}
                onClick={async () => {
                  const { phone } = await form.validateFields(['phone']);
                  await run(async () => setSent((await registrationApi.requestReset(phone.trim())).message));
                }}
              >
                获取验证码
              </Button>
              {sent && (
                <>
                  <Form.Item name="code" label="验证码" rules={[{ required: true, pattern: /^\d{6}$/, message: '验证码为 6 位数字' }]}>
                    <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
                  </Form.Item>
                  <Form.Item
                    name="password"
                    label="新密码"
                    extra="至少 10 位，不能包含手机号码。"
                    rules={[
                      { required: true, message: '请输入新密码' },
                      { min: 10, message: '密码至少 10 位' },
                    ]}
                  >
                    <Input.Password autoComplete="new-password" />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" block loading={busy}>
                    重置密码
                  </Button>
                </>
              )}
            </Form>
          </>
        )}
        <p className="block-sm register-links">
          <Link to="/login">返回登录</Link>
        </p>
      </Card>
    </div>
  );
}
