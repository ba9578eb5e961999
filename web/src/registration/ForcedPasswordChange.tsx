import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useAuth } from '../auth';
import { caseApi } from '../caseApi';

/**
 * After signing in with a 临时密码 the server answers nothing but /api/me and /api/me/password: this dialog opens
 * and cannot be dismissed until the password is changed (then the page reloads with the full session).
 */
export function ForcedPasswordChange() {
  const { actor, signOut } = useAuth();
  const [form] = Form.useForm<{ current: string; next: string; again: string }>();
  const [busy, setBusy] = useState(false);
  if (!actor?.mustChangePassword) return null;
  return (
    <Modal
      open
      closable={false}
      maskClosable={false}
      keyboard={false}
      title="请修改临时密码"
      okText="修改并继续"
      cancelText="退出登录"
      confirmLoading={busy}
      onCancel={() => void signOut()}
      okButtonProps={{ 'data-testid': 'forced-password-confirm' } as Record<string, string>}
      onOk={async () => {
        const v = await form.validateFields();
        setBusy(true);
        try {
          await caseApi.changePassword(v.current, v.next);
          window.location.reload();
        } catch (e) {
          form.setFields([{ name: 'current', errors: [(e as Error).message] }]);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Alert type="warning" showIcon title="您正在使用临时密码登录，须先设置自己的新密码才能继续办理。" className="block-sm" />
      <Form form={form} layout="vertical" requiredMark={false} className="block-sm">
        <Form.Item name="current" label="临时密码" rules={[{ required: true, message: '请输入临时密码' }]}>
          <Input.Password autoComplete="current-password" data-testid="forced-password-current" />
        </Form.Item>
        <Form.Item
          name="next"
          label="新密码"
          extra="至少 10 位，不能包含用户名。"
          rules={[
            { required: true, message: '请输入新密码' },
            { min: 10, message: '密码至少 10 位' },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="forced-password-next" />
        </Form.Item>
        <Form.Item
          name="again"
          label="再次输入新密码"
          dependencies={['next']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_r, v) => (v === getFieldValue('next') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="forced-password-again" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
