// The parts of the case page that only display: the application, the record, the timeline.
import { useRegistry } from '../platform/registry';
import { Descriptions, Empty, Table, Tag, Timeline } from 'antd';
import { BUILDING_TYPES, ELIGIBILITY_GROUNDS, HOUSEHOLD_BASES, ZONES } from '../../../src/procedures/homestead/form';
import { ROLE_NAMES, type CaseView, type Role, type TimelineEvent } from '../caseApi';
import { CiteLink, FindingList } from './CaseBits';

type Application = CaseView['application'];
const yesNo = (b: unknown, yes = '是', no = '否') => (b === true ? yes : b === false ? no : '—');
const area = (n: unknown) => (typeof n === 'number' ? `${n} ㎡` : '—');
const text = (s: unknown) => (s === undefined || s === null || s === '' ? '—' : String(s));
const lookup = (o: Record<string, string>, k: unknown) => (typeof k === 'string' ? (o[k] ?? k) : '—');

/** The application as filed (ID and phone numbers masked by the server). */
export function ApplicationView({ a }: { a: Application }) {
  const ap = a.applicant ?? {};
  const ch = a.currentHomestead ?? {};
  const plot = a.plot ?? {};
  const b = a.building ?? {};
  const bd = plot.boundaries ?? {};
  const col = { xs: 1, sm: 2 } as const;
  const type: (typeof BUILDING_TYPES)[number] | undefined = b.type;
  return (
    <div className="application-view" data-testid="application-view">
      <Descriptions size="small" bordered column={col} title="申请人">
        <Descriptions.Item label="姓名">{text(ap.name)}</Descriptions.Item>
        <Descriptions.Item label="身份证号码">
          <span data-testid="masked-id">{text(ap.idNumber)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="手机号码">{text(ap.phone)}</Descriptions.Item>
        <Descriptions.Item label="住址">{[ap.county, ap.township, ap.village, ap.group].filter(Boolean).join(' ')}</Descriptions.Item>
        <Descriptions.Item label="本集体经济组织成员">{yesNo(ap.isCollectiveMember)}</Descriptions.Item>
        <Descriptions.Item label="申请日期">{text(a.applicationDate)}</Descriptions.Item>
        <Descriptions.Item label="申请理由" span={col}>
          {lookup(ELIGIBILITY_GROUNDS, a.eligibilityGround)}
        </Descriptions.Item>
        <Descriptions.Item label="一户认定依据" span={col}>
          {lookup(HOUSEHOLD_BASES, a.household?.basis)}
        </Descriptions.Item>
      </Descriptions>

      <div className="section-title">家庭成员</div>
      <Table
        size="small"
        pagination={false}
        rowKey={(_, i) => String(i)}
        dataSource={(a.household?.members ?? []) as { name: string; idNumber: string; relation: string }[]}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '与申请人关系', dataIndex: 'relation' },
          { title: '身份证号码', dataIndex: 'idNumber' },
        ]}
      />

      <Descriptions size="small" bordered column={col} title="现有宅基地" className="block">
        <Descriptions.Item label="现有宅基地">{yesNo(ch.has, '有', '无')}</Descriptions.Item>
        {ch.has && <Descriptions.Item label="面积">{area(ch.area)}</Descriptions.Item>}
        {ch.has && <Descriptions.Item label="确权登记面积">{area(ch.registeredArea)}</Descriptions.Item>}
        {ch.has && <Descriptions.Item label="住房面积">{area(ch.houseArea)}</Descriptions.Item>}
        {ch.has && <Descriptions.Item label="证书编号">{text(ch.certificateNo)}</Descriptions.Item>}
        <Descriptions.Item label="曾出卖、出租、赠与">{yesNo(ch.soldRentedOrGiftedBefore)}</Descriptions.Item>
        {ch.agreesToReturnOld !== undefined && <Descriptions.Item label="同意退回旧宅基地">{yesNo(ch.agreesToReturnOld)}</Descriptions.Item>}
      </Descriptions>

      <Descriptions size="small" bordered column={col} title="拟用地" className="block">
        <Descriptions.Item label="面积">{area(plot.area)}</Descriptions.Item>
        <Descriptions.Item label="地址">{text(plot.address)}</Descriptions.Item>
        <Descriptions.Item label="四至" span={col}>
          东至{text(bd.east)}，南至{text(bd.south)}，西至{text(bd.west)}，北至{text(bd.north)}
        </Descriptions.Item>
        <Descriptions.Item label="地类">{text(plot.landClass)}</Descriptions.Item>
        <Descriptions.Item label="土地所有权人">{plot.owner === 'group' ? '村民小组' : plot.owner === 'village' ? '村集体' : '—'}</Descriptions.Item>
        <Descriptions.Item label="村庄所处区域" span={col}>
          {lookup(ZONES, plot.zone)}
        </Descriptions.Item>
        <Descriptions.Item label="符合村庄规划">{yesNo(plot.inVillagePlan)}</Descriptions.Item>
        <Descriptions.Item label="权属争议">{yesNo(plot.ownershipDisputed, '有', '无')}</Descriptions.Item>
      </Descriptions>

      <Descriptions size="small" bordered column={col} title="建房" className="block">
        <Descriptions.Item label="建房类型">{text(type)}</Descriptions.Item>
        <Descriptions.Item label="层数">{text(b.floors)}</Descriptions.Item>
        <Descriptions.Item label="各层层高">{Array.isArray(b.floorHeights) ? b.floorHeights.map((h: number) => `${h} 米`).join('、') : '—'}</Descriptions.Item>
        <Descriptions.Item label="建筑占地面积">{area(b.footprint)}</Descriptions.Item>
        <Descriptions.Item label="建筑面积">{area(b.floorArea)}</Descriptions.Item>
        <Descriptions.Item label="投资额">{typeof b.investment === 'number' ? `${b.investment} 万元` : '—'}</Descriptions.Item>
        <Descriptions.Item label="标准图集">{text(b.standardDesign)}</Descriptions.Item>
        <Descriptions.Item label="危房鉴定">{yesNo(b.certifiedDangerous, '经鉴定属于危房', '否')}</Descriptions.Item>
      </Descriptions>

      {a.rebuild && (
        <Descriptions size="small" bordered column={col} title="翻建情况" className="block">
          <Descriptions.Item label="保留原有住房">{yesNo(a.rebuild.keepsOldHouse)}</Descriptions.Item>
          <Descriptions.Item label="原住宅属违法建筑">{yesNo(a.rebuild.originalIllegal)}</Descriptions.Item>
          <Descriptions.Item label="文物或传统村落保护建筑">{yesNo(a.rebuild.heritageProtected)}</Descriptions.Item>
          <Descriptions.Item label="位于征收、拆迁范围">{yesNo(a.rebuild.inExpropriationArea)}</Descriptions.Item>
          {a.rebuild.originalLegalFloorArea !== undefined && (
            <Descriptions.Item label="原有合法产权建筑面积">{area(a.rebuild.originalLegalFloorArea)}</Descriptions.Item>
          )}
          {a.rebuild.originalFootprint !== undefined && <Descriptions.Item label="原住宅基底面积">{area(a.rebuild.originalFootprint)}</Descriptions.Item>}
          {a.rebuild.withinOriginalFootprint !== undefined && (
            <Descriptions.Item label="位于原基底范围内">{yesNo(a.rebuild.withinOriginalFootprint)}</Descriptions.Item>
          )}
        </Descriptions>
      )}

      <Descriptions size="small" bordered column={col} title="四邻意见和承诺" className="block">
        <Descriptions.Item label="四邻意见" span={col}>
          {text(a.neighbours?.opinion)}
        </Descriptions.Item>
        <Descriptions.Item label="四邻协议书">{yesNo(a.neighbours?.agreementSigned, '已签订', '未签订')}</Descriptions.Item>
        <Descriptions.Item label="使用承诺书">{yesNo(a.commitmentSigned, '已签署', '未签署')}</Descriptions.Item>
      </Descriptions>
    </div>
  );
}

const OBJECTION_LABELS: Record<string, string> = { none: '无异议', not_upheld: '有异议，经核实不成立', upheld: '异议成立' };

/** What the steps so far have recorded: meetings, publicity, inspection, approval… */
export function RecordView({ record }: { record: Record<string, any> }) {
  const items: { key: string; label: string; children: React.ReactNode }[] = [];
  const add = (key: string, label: string, children: React.ReactNode) => items.push({ key, label, children });
  for (const [k, v] of Object.entries(record ?? {})) {
    switch (k) {
      case 'correctionReason':
        add(k, '退回补正理由', text(v));
        break;
      case 'villageMeeting':
        add(k, '村民代表会议', `到会 ${v.present} 人，同意 ${v.agree} 人，${v.passed ? '通过' : '未通过'}${v.minutes ? `；${v.minutes}` : ''}（${v.rule}）`);
        break;
      case 'groupMeeting':
        add(
          k,
          '村民小组会议',
          `本组 ${v.households} 户，到会户代表 ${v.present}，同意 ${v.agree}；${v.quorum ? '达到' : '未达到'}三分之二，${v.passed ? '通过' : '未通过'}${v.minutes ? `；${v.minutes}` : ''}`,
        );
        break;
      case 'publicity':
        add(k, '公示', `${v.from} 至 ${v.to}，${v.workdays} 个工作日；${OBJECTION_LABELS[v.objections] ?? v.objections}${v.note ? `；${v.note}` : ''}`);
        break;
      case 'villageCheckRefusal':
        add(k, '村级审查不通过', text(v));
        break;
      case 'siteInspection':
        add(k, '实地审查（一到场）', `${v.date}：${v.findings}；${v.conformsToPlan ? '符合规划和地类' : '不符合规划或地类'}`);
        break;
      case 'extension':
        add(k, '审批期限延长', `${v.date}：${v.reason}${v.toldApplicant ? '（已告知申请人）' : ''}`);
        break;
      case 'approval':
        add(
          k,
          '批准',
          `${v.date} 批准${v.published ? '并公布' : ''}；${v.needsConstructionPermit ? '须办理乡村建设规划许可和开工许可' : '限额以下，无需办理开工许可'}`,
        );
        break;
      case 'refusal':
        add(k, '不予批准', `${v.date}：${v.reason}`);
        break;
      case 'refusalNotified':
        add(k, '书面通知不予批准', text(v));
        break;
      case 'stakeout':
        add(k, '丈量批放（二到场）', `${v.date}${v.note ? `：${v.note}` : ''}`);
        break;
      case 'completion':
        add(k, '竣工', `${v.completedOn} 完工，${v.reportedOn} 申请验收`);
        break;
      case 'acceptance':
        add(k, '竣工验收（三到场）', `${v.date}：${v.passed ? '合格' : '不合格'}；${v.opinion}`);
        break;
      case 'registrationHandoff':
        add(k, '移交不动产登记', text(v));
        break;
      case 'withdrawal':
        add(k, '撤回理由', text(v));
        break;
      default:
        add(k, k, typeof v === 'object' ? JSON.stringify(v) : text(v));
    }
  }
  if (items.length === 0) return <Empty description="尚无办理记录" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return <Descriptions size="small" bordered column={1} items={items} data-testid="record-view" />;
}

/** Every step with its day, who, what, why and the articles it rests on. */
export function CaseTimeline({ events, stateLabels }: { events: TimelineEvent[]; stateLabels: Record<string, string> }) {
  useRegistry(); // role labels of the modules, once loaded
  return (
    <Timeline
      className="case-timeline"
      data-testid="timeline"
      items={events.map((e) => {
        const rules = (e.rules ?? []) as { cites: string; link: string; message?: string; outcome?: 'pass' | 'fail' | 'info'; rule?: string }[];
        const basis = rules.filter((r) => !r.outcome);
        const findings = rules.filter((r) => r.outcome);
        return {
          key: e.seq,
          color: e.action === 'refuse' || e.to === 'refused_by_village' ? 'red' : e.to === e.from ? 'gray' : 'blue',
          content: (
            <div className="timeline-item" data-testid="timeline-item" data-action={e.action}>
              <div>
                <span className="timeline-date">{e.date}</span>
                <strong>{e.label}</strong>
                {e.to && e.from !== e.to && <Tag className="timeline-state">→ {stateLabels[e.to] ?? e.to}</Tag>}
              </div>
              <div className="muted">
                {e.actor}（{ROLE_NAMES[e.role as Role] ?? e.role}）
              </div>
              {e.reason && <div>理由：{e.reason}</div>}
              {basis.map((r, i) => (
                <div key={i} className="timeline-cite">
                  依据 <CiteLink cites={r.cites} link={r.link} />
                </div>
              ))}
              {findings.length > 0 && (
                <details className="timeline-findings">
                  <summary>
                    按条款审查 {findings.length} 项（{findings.filter((f) => f.outcome === 'fail').length} 项不符合）
                  </summary>
                  <FindingList
                    findings={findings.map((f, i) => ({
                      rule: f.rule ?? String(i),
                      outcome: f.outcome!,
                      message: f.message ?? '',
                      cites: f.cites,
                      link: f.link,
                    }))}
                  />
                </details>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
