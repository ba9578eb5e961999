import { Alert, Button, Card, Collapse, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { homeFor, useAuth } from '../auth';
import '../registration/registration.css';

/** The demo accounts created on the first start (src/auth/service.ts DEMO_ACCOUNTS). */
const DEMO = [
  { username: 'zhangsan', password: 'demo-applicant', who: '申请人 张三（汤头沟镇大汤头沟村）' },
  { username: 'lisi', password: 'demo-applicant', who: '申请人 李四（韩麻营镇韩麻营村）' },
  { username: 'village-tgt', password: 'demo-village', who: '大汤头沟村宅基地协管员' },
  { username: 'village-hmy', password: 'demo-village', who: '韩麻营村宅基地协管员' },
  { username: 'township-tgt', password: 'demo-township', who: '汤头沟镇人民政府' },
  { username: 'township-hmy', password: 'demo-township', who: '韩麻营镇人民政府' },
  { username: 'county', password: 'demo-county', who: '隆化县农业农村局' },
  { username: 'admin', password: 'demo-admin', who: '系统管理员' },
  { username: 'kjj', password: 'demo-science', who: '承德市科学技术局（揭榜挂帅、包干制）' },
  { username: 'kj-longhua', password: 'demo-science', who: '隆化县科技管理部门' },
  { username: 'qiye-a', password: 'demo-enterprise', who: '承德钒钛新材料有限公司（企业）' },
  { username: 'qiye-b', password: 'demo-enterprise', who: '河北某大学科研院（揭榜单位）' },
  { username: 'expert', password: 'demo-expert', who: '评审专家' },
];

/** `/login` — sign in with a username and password. */
export function LoginPage() {
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as { message?: string; from?: string };
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ username: string; password: string }>();

  useEffect(() => {
    document.title = '登录 · 政务 Zhengwu';
  }, []);

  const onFinish = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const actor = await signIn(v.username.trim(), v.password);
      navigate(state.from && state.from !== '/login' ? state.from : homeFor(actor.role), { replace: true });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page login-page">
      <Card className="login-card">
        <Typography.Title level={3} className="login-title">
          登录
        </Typography.Title>
        <p className="muted">农村宅基地和建房（规划许可）审批：申请人、村级组织、乡镇和县级部门在此办理。</p>
        {state.message && !error && <Alert type="info" showIcon title={state.message} className="block-sm" data-testid="login-notice" />}
        {error && <Alert type="error" showIcon title={error} className="block-sm" data-testid="login-error" />}
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} className="block-sm">
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            登录
          </Button>
        </Form>
        <p className="block-sm login-links">
          <Link to="/register" data-testid="login-register">
            注册
          </Link>
          <Link to="/forgot-password" data-testid="login-forgot">
            忘记密码
          </Link>
        </p>
        <Collapse
          className="block"
          size="small"
          items={[
            {
              key: 'demo',
              label: (
                <span>
                  <strong className="demo-mark">演示账号</strong>（仅供演示，正式使用前请删除或修改密码）
                </span>
              ),
              children: (
                <ul className="demo-accounts">
                  {DEMO.map((d) => (
                    <li key={d.username}>
                      <Button
                        type="link"
                        size="small"
                        className="demo-fill"
                        onClick={() => form.setFieldsValue({ username: d.username, password: d.password })}
                      >
                        {d.username}
                      </Button>
                      <span className="muted">
                        {' '}
                        密码 {d.password} · {d.who}
                      </span>
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
