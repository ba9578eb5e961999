import { App, Button, Card, Input, Modal, Segmented, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../auth';
import { useApi } from '../useApi';
import { registrationApi, type RegistrationItem } from './api';
import './registration.css';

const CONFIRMERS = ['village', 'township', 'county'];

/**
 * 待确认账号 on the inbox of a village, a township (their villagers) or a county office (enterprises of its county):
 * confirm or return with a reason; 辖区账号 lets a village or township set a 临时密码 for a villager who forgot theirs.
 * The phone is shown in full here: the official calls the person.
 */
export function PendingAccountsCard() {
  const { actor } = useAuth();
  const { message, modal } = App.useApp();
  const [tab, setTab] = useState<'pending' | 'accounts'>('pending');
  const [version, setVersion] = useState(0);
  const [rejecting, setRejecting] = useState<RegistrationItem | null>(null);
  const [reason, setReason] = useState('');
  const asks = Boolean(actor && CONFIRMERS.includes(actor.role));
  const pending = useApi((s) => (asks ? registrationApi.list('pending', s) : Promise.resolve(null)), [asks, version]);
  const accounts = useApi((s) => (asks && tab === 'accounts' ? registrationApi.accounts(s) : Promise.resolve(null)), [asks, tab, version]);
  if (!asks) return null;
  const mayReset = actor?.role === 'village' || actor?.role === 'township';
  const items = tab === 'pending' ? (pending.data?.items ?? []) : (accounts.data?.items ?? []);
  const place = (r: RegistrationItem) => (r.kind === 'enterprise' ? `${r.unit}（${r.creditCode}）· ${r.county}` : `${r.township}${r.village}`);

  return (
    <Card
      size="small"
      className="block"
      data-testid="pending-accounts"
      title={<span>待确认账号{(pending.data?.items.length ?? 0) > 0 && <span className="text-danger">（{pending.data!.items.length}）</span>}</span>}
    >
      <Segmented
        className="block-sm"
        value={tab}
        onChange={(v) => setTab(v as 'pending' | 'accounts')}
        options={[
          { value: 'pending', label: `待确认 ${pending.data?.items.length ?? 0}` },
          { value: 'accounts', label: '辖区已注册账号' },
        ]}
      />
      {items.length === 0 ? (
        <p className="muted">{tab === 'pending' ? '没有待确认的注册。' : '本辖区还没有自助注册的账号。'}</p>
      ) : (
        <ul className="registration-list">
          {items.map((r) => (
            <li key={r.id} className="registration-row" data-testid="registration-row">
              <div className="registration-who">
                <strong>{r.kind === 'enterprise' ? r.unit : r.name}</strong> {r.kind === 'enterprise' && <span>联系人 {r.name}</span>}{' '}
                <Tag>{r.kind === 'enterprise' ? '企业' : '村民'}</Tag>
                {r.mustChangePassword && <Tag color="orange">临时密码未修改</Tag>}
                <div className="muted">
                  <a href={`tel:${r.phone}`}>{r.phone}</a> · {place(r)}
                  {r.idNumber && <> · 身份证 {r.idNumber}</>} · 注册于 {r.createdAt.slice(0, 10)}
                </div>
              </div>
              <div className="registration-actions">
                {tab === 'pending' ? (
                  <>
                    <Button
                      type="primary"
                      size="small"
                      data-testid="registration-confirm"
                      onClick={async () => {
                        try {
                          message.success((await registrationApi.confirm(r.id)).message);
                          setVersion((n) => n + 1);
                        } catch (e) {
                          message.error((e as Error).message);
                        }
                      }}
                    >
                      确认
                    </Button>
                    <Button size="small" danger onClick={() => (setReason(''), setRejecting(r))} data-testid="registration-reject">
                      退回
                    </Button>
                  </>
                ) : (
                  mayReset &&
                  r.kind === 'applicant' && (
                    <Button
                      size="small"
                      onClick={() =>
                        modal.confirm({
                          title: `为 ${r.name} 设置临时密码？`,
                          content: '原密码立即失效；临时密码只显示一次，请当面或电话告知本人，登录后须先修改密码。',
                          okText: '设置临时密码',
                          cancelText: '取消',
                          onOk: async () => {
                            try {
                              const t = await registrationApi.temporaryPassword(r.userId);
                              modal.info({
                                title: '临时密码',
                                content: (
                                  <div>
                                    <Typography.Paragraph copyable={{ text: t.temporaryPassword }} className="mono temp-password">
                                      {t.temporaryPassword}
                                    </Typography.Paragraph>
                                    <p>{t.message}</p>
                                  </div>
                                ),
                              });
                              setVersion((n) => n + 1);
                            } catch (e) {
                              message.error((e as Error).message);
                            }
                          },
                        })
                      }
                    >
                      重置临时密码
                    </Button>
                  )
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Modal
        open={rejecting !== null}
        title={`退回 ${rejecting?.unit ?? rejecting?.name ?? ''} 的注册`}
        okText="退回"
        cancelText="取消"
        okButtonProps={{ danger: true, disabled: reason.trim() === '' }}
        onCancel={() => setRejecting(null)}
        onOk={async () => {
          try {
            message.success((await registrationApi.reject(rejecting!.id, reason.trim())).message);
            setRejecting(null);
            setVersion((n) => n + 1);
          } catch (e) {
            message.error((e as Error).message);
          }
        }}
      >
        <p className="muted">退回理由会在申请人登录时显示。</p>
        <Input.TextArea rows={3} maxLength={200} showCount value={reason} onChange={(e) => setReason(e.target.value)} data-testid="registration-reason" />
      </Modal>
    </Card>
  );
}
