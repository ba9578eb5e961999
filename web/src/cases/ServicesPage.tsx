// `/services` — every registered procedure, grouped, with its guide and (for those who may file) its
// application form. Drawn from the registry: a new procedure appears here without a screen of its own.
import { Button, Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth';
import { canFile, intakePath, useRegistry, type RegistryProcedure } from '../platform/registry';

export function ServicesPage() {
  const registry = useRegistry();
  const { actor } = useAuth();
  useEffect(() => {
    document.title = '办事 · 政务 Zhengwu';
  }, []);
  if (!registry) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (!registry.procedures.length) return <Empty description="暂未开通办事事项" />;
  const groups = new Map<string, RegistryProcedure[]>();
  for (const p of registry.procedures) groups.set(p.group, [...(groups.get(p.group) ?? []), p]);
  return (
    <div className="page services-page" data-testid="services-page">
      <Typography.Title level={2} className="page-title">
        办事
      </Typography.Title>
      <p className="muted">
        每个事项的流程、时限和条件都注明所依据的文件条款。已提交的申请可{' '}
        <Link to="/progress" data-testid="progress-link">
          查询办件进度
        </Link>
        （无需登录）。
      </p>
      {[...groups].map(([group, items]) => (
        <section key={group} className="block">
          <Typography.Title level={4}>{group}</Typography.Title>
          <div className="service-grid">
            {items.map((p) => (
              <Card key={p.id} size="small" title={p.name} data-testid={`service-${p.id}`}>
                <p>{p.summary}</p>
                <Space size={[4, 4]} wrap className="block-sm">
                  {p.governingDocuments.map((d) => (
                    <Link key={d} to={`/docs/${encodeURIComponent(d)}`}>
                      <Tag>{d}</Tag>
                    </Link>
                  ))}
                </Space>
                <p className="muted">由{p.filedBy.map((r) => r.label).join('或')}提交</p>
                <Space wrap>
                  <Link to={p.page ?? `/procedures/${encodeURIComponent(p.id)}`}>
                    <Button data-testid={`guide-${p.id}`}>办事指南</Button>
                  </Link>
                  {actor && canFile(p, actor.role) && (
                    <Link to={intakePath(p)}>
                      <Button type="primary" icon={<FormOutlined />} data-testid={`apply-${p.id}`}>
                        在线办理
                      </Button>
                    </Link>
                  )}
                </Space>
              </Card>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
