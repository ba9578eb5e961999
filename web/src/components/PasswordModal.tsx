import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { caseApi } from '../caseApi';

/** 修改密码: the current password, then the new one twice. */
export function PasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ current: string; next: string; again: string }>();
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  return (
    <Modal
      open={open}
      title="修改密码"
      okText="确认修改"
      cancelText="取消"
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'password-confirm' } as Record<string, string>}
      onOk={async () => {
        const v = await form.validateFields();
        setBusy(true);
        try {
          await caseApi.changePassword(v.current, v.next);
          message.success('密码已修改。');
          form.resetFields();
          onClose();
        } catch (e) {
          form.setFields([{ name: 'current', errors: [(e as Error).message] }]);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        <PasswordFields currentLabel="当前密码" testPrefix="password" />
      </Form>
    </Modal>
  );
}

/** The current password and the new one twice, as every password change asks them (the rule of /api/me/password). */
export function PasswordFields({ currentLabel, testPrefix }: { currentLabel: string; testPrefix: string }) {
  return (
    <>
      <Form.Item name="current" label={currentLabel} rules={[{ required: true, message: `请输入${currentLabel}` }]}>
        <Input.Password autoComplete="current-password" data-testid={`${testPrefix}-current`} />
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
        <Input.Password autoComplete="new-password" data-testid={`${testPrefix}-next`} />
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
        <Input.Password autoComplete="new-password" data-testid={`${testPrefix}-again`} />
      </Form.Item>
    </>
  );
}
