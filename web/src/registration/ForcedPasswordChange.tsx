import { Alert, Form, Modal } from 'antd';
import { PasswordFields } from '../components/PasswordModal';
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
        <PasswordFields currentLabel="临时密码" testPrefix="forced-password" />
      </Form>
    </Modal>
  );
}
