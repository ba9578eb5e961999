import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { caseApi, fieldPath, type UserRow } from '../caseApi';
import { useRegistry } from '../platform/registry';
import { useApi } from '../useApi';

const beijing = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** `/admin/users` — the administrator's list of accounts: add, disable or enable, reset a password, remove. */
export function UsersPage() {
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const [version, setVersion] = useState(0);
  const list = { ...useApi((signal) => caseApi.users({ q, page, pageSize: 20 }, signal), [q, page, version]), reload: () => setVersion((n) => n + 1) };
  const { message } = App.useApp();
  const run = async (f: () => Promise<unknown>, ok: string) => {
    try {
      await f();
      message.success(ok);
      list.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <main className="page">
      <Typography.Title level={2} className="page-title">
        用户管理
      </Typography.Title>
      <Card size="small">
        <Space wrap className="block-sm">
          <Input.Search
            placeholder="用户名或姓名"
            allowClear
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => (setPage(1), setQ(v.trim()))}
            style={{ maxWidth: 260 }}
            data-testid="users-search"
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="user-add">
            新增用户
          </Button>
        </Space>
        <Table<UserRow>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 720 }}
          locale={{ emptyText: list.error ? list.error.message : '没有符合条件的用户' }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 个` }}
          onRow={(u) => ({ 'data-testid': 'user-row', 'data-username': u.username }) as object}
          columns={[
            {
              title: '用户名',
              dataIndex: 'username',
              render: (v, u) => (
                <Space size={4}>
                  {v}
                  {u.demo && <Tag>演示</Tag>}
                </Space>
              ),
            },
            { title: '姓名 / 单位', dataIndex: 'displayName' },
            { title: '角色', dataIndex: 'roleLabel' },
            { title: '地区', render: (_v, u) => [u.county, u.township, u.village].filter(Boolean).join('') || '—' },
            {
              title: '状态',
              render: (_v, u) =>
                u.disabled ? (
                  <Tag data-testid="user-status">已停用</Tag>
                ) : u.lockedUntil && u.lockedUntil > new Date().toISOString() ? (
                  <Tag color="orange" data-testid="user-status">
                    锁定至 {beijing(u.lockedUntil)}
                  </Tag>
                ) : (
                  <Tag color="green" data-testid="user-status">
                    正常
                  </Tag>
                ),
            },
            {
              title: '操作',
              render: (_v, u) => (
                <Space wrap size={4}>
                  <Button
                    size="small"
                    onClick={() => run(() => caseApi.updateUser(u.id, { disabled: !u.disabled }), u.disabled ? '已启用。' : '已停用。')}
                    data-testid="user-toggle"
                  >
                    {u.disabled ? '启用' : '停用'}
                  </Button>
                  <Button size="small" onClick={() => setResetting(u)}>
                    重置密码
                  </Button>
                  <Popconfirm
                    title={`删除用户 ${u.username}？办理过案件的将改为停用。`}
                    okText="删除"
                    cancelText="取消"
                    onConfirm={() => run(() => caseApi.removeUser(u.id), '已处理。')}
                  >
                    <Button size="small" danger>
                      删除
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <AddUserModal
        open={adding}
        onClose={(added) => {
          setAdding(false);
          if (!added) return;
          // The new account is shown at once, wherever it falls in the list.
          setSearch(added);
          setPage(1);
          setQ(added);
          list.reload();
        }}
      />
      <Modal
        open={!!resetting}
        title={`重置 ${resetting?.username ?? ''} 的密码`}
        okText="重置"
        cancelText="取消"
        destroyOnHidden
        onCancel={() => setResetting(null)}
        onOk={async () => {
          const input = document.getElementById('reset-password') as HTMLInputElement | null;
          await run(() => caseApi.resetPassword(resetting!.id, input?.value ?? ''), '密码已重置，锁定已解除。');
          setResetting(null);
        }}
      >
        <Input.Password id="reset-password" placeholder="新密码（至少 10 位）" autoComplete="new-password" />
      </Modal>
    </main>
  );
}

function AddUserModal({ open, onClose }: { open: boolean; onClose: (added: string | null) => void }) {
  // Every role, the modules' included, as the server's registry lists them.
  const ROLE_OPTIONS = (useRegistry()?.roles ?? []).map((r) => ({ value: r.id, label: r.label }));
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open}
      title="新增用户"
      okText="新增"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
      onCancel={() => onClose(null)}
      okButtonProps={{ 'data-testid': 'user-add-confirm' } as Record<string, string>}
      onOk={async () => {
        const v = await form.validateFields();
        setBusy(true);
        try {
          const clean = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ''));
          await caseApi.addUser(clean);
          form.resetFields();
          onClose(String(clean.username));
        } catch (e) {
          const err = e as { message: string; details?: { field: string; message: string }[] };
          if (err.details?.length) form.setFields(err.details.map((d) => ({ name: fieldPath(d.field), errors: [d.message] })));
          else form.setFields([{ name: 'username', errors: [err.message] }]);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请填写用户名' }]}>
          <Input autoComplete="off" data-testid="new-username" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名或单位名称" rules={[{ required: true, message: '请填写姓名或单位名称' }]}>
          <Input data-testid="new-display-name" />
        </Form.Item>
        <Form.Item name="password" label="初始密码" extra="至少 10 位；请用户登录后修改。" rules={[{ required: true, message: '请填写初始密码' }]}>
          <Input.Password autoComplete="new-password" data-testid="new-password" />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={ROLE_OPTIONS} data-testid="new-role" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="county" label="县（市、区）">
            <Input data-testid="new-county" />
          </Form.Item>
          <Form.Item name="township" label="乡镇（街道）">
            <Input data-testid="new-township" />
          </Form.Item>
          <Form.Item name="village" label="村（社区）">
            <Input data-testid="new-village" />
          </Form.Item>
        </Space>
        <Form.Item name="unit" label="所属单位" extra="企业、部门、科技管理部门须填写。">
          <Input data-testid="new-unit" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
