import { App, Button, Card, Col, Descriptions, Drawer, Empty, Row, Space, Tag, Typography } from 'antd';
import { DollarOutlined, FormOutlined, ReloadOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth';
import { CiteLink, ProcedureValidity } from '../../components/CaseBits';
import { ChallengeModal } from '../science/ChallengeModal';
import { FundingCalculator } from '../science/FundingCalculator';
import { PageState } from '../../components/PageState';
import { articleLink, JIEBANG_DOCUMENT, scienceApi, type ListItem } from '../science/scienceApi';
import { useApi } from '../../useApi';

const statusColor = (s: string) => (s === '接受揭榜' ? 'green' : s === '已截止揭榜' ? 'orange' : 'default');

function ItemDetails({ item }: { item: ListItem }) {
  return (
    <Descriptions size="small" bordered column={1} data-testid="jiebang-detail">
      <Descriptions.Item label="需求方">
        {item.demander}（{item.county}）
      </Descriptions.Item>
      <Descriptions.Item label="项目类型">{item.typeLabel}</Descriptions.Item>
      <Descriptions.Item label="状态">
        <Tag color={statusColor(item.status)}>{item.status}</Tag> {item.state}
      </Descriptions.Item>
      <Descriptions.Item label="发布 / 截止">
        {item.publishedOn ?? '—'} / {item.deadline ?? '—'}
      </Descriptions.Item>
      <Descriptions.Item label="需求背景">
        <span className="pre-line">{item.background}</span>
      </Descriptions.Item>
      <Descriptions.Item label="需求内容">
        <span className="pre-line">{item.content}</span>
      </Descriptions.Item>
      <Descriptions.Item label="关键技术及指标">
        <ul className="plain-list">
          {item.keyTechnologies.map((k, i) => (
            <li key={i}>
              <strong>{k.name}</strong>：{k.indicator}
            </li>
          ))}
        </ul>
      </Descriptions.Item>
      {item.transferForm ? <Descriptions.Item label="成果转化形式">{item.transferForm}</Descriptions.Item> : null}
      <Descriptions.Item label="时限要求">{item.timeLimitMonths} 个月</Descriptions.Item>
      <Descriptions.Item label="对揭榜方的要求">{item.challengerRequirements}</Descriptions.Item>
      <Descriptions.Item label="知识产权归属">{item.ipOwnership}</Descriptions.Item>
      <Descriptions.Item label="利益分配">{item.benefitSharing}</Descriptions.Item>
      <Descriptions.Item label="揭榜单位数">{item.applicants}</Descriptions.Item>
      {item.winner ? <Descriptions.Item label="揭榜成功">{item.winner}</Descriptions.Item> : null}
    </Descriptions>
  );
}

/** `/jiebang` — the public 榜单 (第九条): published demands, 我要揭榜, and the funding calculator. */
export function JiebangPage() {
  const { actor } = useAuth();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [reload, setReload] = useState(0);
  const list = useApi((signal) => scienceApi.list(signal), [reload]);
  const [detail, setDetail] = useState<ListItem | null>(null);
  const [applying, setApplying] = useState<ListItem | null>(null);
  const [applied, setApplied] = useState<string | null>(null);
  useEffect(() => {
    document.title = '揭榜挂帅 · 政务 Zhengwu';
  }, []);

  // `?apply=<id>` (from the case page or after signing in) opens the form for that demand.
  const applyId = params.get('apply');
  useEffect(() => {
    if (!applyId || !list.data || actor?.role !== 'enterprise') return;
    const item = list.data.items.find((i) => i.id === applyId);
    // Deliberate: the URL parameter is consumed once the list has arrived (a hand-off from another page, not derived state).
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (item && item.status === '接受揭榜') setApplying(item);
    const next = new URLSearchParams(params);
    next.delete('apply');
    setParams(next, { replace: true });
  }, [applyId, list.data, actor, params, setParams]);

  const items = list.data?.items ?? [];
  const canFile = actor?.role === 'enterprise';

  const applyButton = (item: ListItem) => {
    // Its own entries: no second 揭榜, and the way to the case instead.
    if (item.mine === 'challenger')
      return (
        <Space size={4} data-testid="already-applied">
          <Tag color="green">已揭榜</Tag>
          <Link to={`/cases/${encodeURIComponent(item.id)}`}>查看本单位的揭榜申报</Link>
        </Space>
      );
    if (item.mine === 'demander')
      return (
        <Space size={4} data-testid="own-demand">
          <Tag color="blue">本单位发布的需求</Tag>
          <Link to={`/cases/${encodeURIComponent(item.id)}`}>查看案件</Link>
        </Space>
      );
    if (item.status !== '接受揭榜') return null;
    if (!actor)
      return (
        <Link to="/login" state={{ from: `/jiebang?apply=${encodeURIComponent(item.id)}`, message: '揭榜前请先以企业 / 单位账号登录。' }}>
          <Button type="primary" data-testid="apply-login">
            登录后揭榜
          </Button>
        </Link>
      );
    if (actor.role !== 'enterprise') return null;
    return (
      <Button type="primary" onClick={() => setApplying(item)} data-testid="apply-button">
        我要揭榜
      </Button>
    );
  };

  return (
    <div className="page jiebang-page">
      <div className="page-head">
        <Typography.Title level={2} className="page-title">
          “揭榜挂帅”榜单
        </Typography.Title>
        <Space wrap>
          {canFile && (
            <Link to="/jiebang/new">
              <Button icon={<FormOutlined />} data-testid="new-demand">
                提出技术需求
              </Button>
            </Link>
          )}
          {(actor?.role === 'science_bureau' || actor?.role === 'admin') && (
            <Link to="/jiebang/payments">
              <Button icon={<DollarOutlined />}>拨付台账</Button>
            </Link>
          )}
          <Button icon={<ReloadOutlined />} onClick={() => setReload((n) => n + 1)} aria-label="刷新">
            刷新
          </Button>
        </Space>
      </div>
      <p className="muted">
        依据 <CiteLink cites={JIEBANG_DOCUMENT} link={articleLink(JIEBANG_DOCUMENT)} />
        （承德市“揭榜挂帅”科技计划项目管理办法）
        第九条：经审核论证的需求向社会发布榜单；第十条：符合条件的单位揭榜。不设门槛，任何符合条件的企业、高校、科研院所均可揭榜。
      </p>
      <ProcedureValidity procedure="jiebang" />
      {applied && (
        <Card size="small" className="block-sm" data-testid="applied-notice">
          已提交揭榜申报。<Link to={`/cases/${encodeURIComponent(applied)}`}>查看案件 {applied}</Link>
        </Card>
      )}
      <Row gutter={[16, 16]} className="block">
        <Col xs={24} lg={16}>
          {list.error || (list.loading && !list.data) ? (
            <PageState loading={list.loading} error={list.error} />
          ) : items.length === 0 ? (
            <Card>
              <Empty description="暂无发布的榜单" />
            </Card>
          ) : (
            <div className="jiebang-list" data-testid="jiebang-list">
              {items.map((item) => (
                <Card
                  key={item.id}
                  size="small"
                  className="jiebang-card"
                  data-testid="jiebang-item"
                  data-id={item.id}
                  title={
                    <div className="jiebang-card-title">
                      <span className="jiebang-title">{item.title}</span>
                    </div>
                  }
                >
                  <Space size={[6, 4]} wrap className="block-sm-bottom">
                    <Tag color={statusColor(item.status)} data-testid="item-status">
                      {item.status}
                    </Tag>
                    <Tag color="blue">{item.typeLabel}</Tag>
                    <span className="muted">
                      {item.demander} · {item.county}
                    </span>
                  </Space>
                  <div className="jiebang-techs">
                    {item.keyTechnologies.slice(0, 3).map((k, i) => (
                      <div key={i} className="jiebang-tech">
                        <strong>{k.name}</strong>
                        <span className="muted">：{k.indicator}</span>
                      </div>
                    ))}
                    {item.keyTechnologies.length > 3 && <div className="muted">……另有 {item.keyTechnologies.length - 3} 项</div>}
                  </div>
                  <Descriptions size="small" column={{ xs: 1, sm: 2 }} className="block-sm jiebang-facts">
                    <Descriptions.Item label="揭榜要求">{item.challengerRequirements}</Descriptions.Item>
                    <Descriptions.Item label="知识产权">{item.ipOwnership}</Descriptions.Item>
                    <Descriptions.Item label="时限">{item.timeLimitMonths} 个月</Descriptions.Item>
                    <Descriptions.Item label="截止日期">{item.deadline ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label="已揭榜">
                      <span data-testid="applicant-count">{item.applicants}</span>&nbsp;家
                    </Descriptions.Item>
                    {item.winner ? <Descriptions.Item label="揭榜成功">{item.winner}</Descriptions.Item> : null}
                  </Descriptions>
                  <Space wrap className="block-sm">
                    <Button onClick={() => setDetail(item)} data-testid="detail-button">
                      详情
                    </Button>
                    {applyButton(item)}
                  </Space>
                </Card>
              ))}
            </div>
          )}
        </Col>
        <Col xs={24} lg={8}>
          <FundingCalculator />
          <Card size="small" title="资助规则" className="block">
            <ul className="plain-list">
              <li>
                技术攻关类：不超过协议实际支付金额的 40%，最高 200 万元，支持需求方（
                <CiteLink cites="第十六条第二款" link={articleLink(JIEBANG_DOCUMENT, '第十六条第二款')} />）
              </li>
              <li>
                成果转化类：不超过 30%，最高 100 万元，支持揭榜方（
                <CiteLink cites="第十六条第三款" link={articleLink(JIEBANG_DOCUMENT, '第十六条第三款')} />）
              </li>
              <li>
                首笔按双方首笔拨付比例拨付，验收通过后拨付余额（
                <CiteLink cites="第十六条" link={articleLink(JIEBANG_DOCUMENT, '第十六条')} />）
              </li>
              <li>
                已获市级财政科技资金支持的不得重复申报（
                <CiteLink cites="第十四条" link={articleLink(JIEBANG_DOCUMENT, '第十四条')} />）
              </li>
            </ul>
          </Card>
        </Col>
      </Row>

      <Drawer
        open={!!detail}
        onClose={() => setDetail(null)}
        title={detail?.title}
        size={Math.min(720, typeof window === 'undefined' ? 720 : window.innerWidth)}
        className="jiebang-drawer"
        extra={detail && applyButton(detail)}
      >
        {detail && <ItemDetails item={detail} />}
      </Drawer>
      <ChallengeModal
        item={applying}
        onClose={() => setApplying(null)}
        onDone={(c) => {
          message.success(`揭榜申报已提交：${c.id}`);
          setApplying(null);
          setDetail(null);
          setApplied(c.id);
          setReload((n) => n + 1);
        }}
      />
    </div>
  );
}
