// `/village-doctor` — 乡村医生花名册 (隆政办规〔2022〕1号) for a 乡镇卫生院 (its township) and the county health
// bureau (any township): the villages without a long-term doctor, retirements ahead, suspensions and their
// 2-year date, regular staff to withdraw, age bands, every village with its doctors, and the masked export.
import { Alert, Button, Card, Col, Empty, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { downloadFile, json } from '../../caseApi';
import { PageState } from '../../components/PageState';
import { ProcedureValidity } from '../../components/CaseBits';
import { useApi } from '../../useApi';

const DOC = '隆政办规〔2022〕1号';
const cite = (anchor: string) => `${DOC} ${anchor}`;

interface Doctor {
  id: string;
  name: string;
  idNumber: string;
  sex: string;
  age: number;
  retirementDate: string;
  yearsToRetirement: number;
  state: string;
  stateLabel: string;
  village: string;
  regularStaff: boolean;
  qualification: string;
  suspendedSince: string | null;
  twoYearsOn: string | null;
}
interface Overview {
  county: string;
  township: string;
  asOf: string;
  townships: string[];
  total: number;
  villages: { code: string; name: string; doctors: Doctor[]; longTerm: number }[];
  blankVillages: { code: string; name: string; doctors: number }[];
  elsewhere: Doctor[];
  ageBands: { label: string; count: number }[];
  retiringWithinYear: Doctor[];
  suspended: Doctor[];
  regularStaffToLeave: Doctor[];
}

const caseLink = (d: Doctor) => <Link to={`/cases/${encodeURIComponent(d.id)}`}>{d.name}</Link>;
const STATE_COLOR: Record<string, string> = { active: 'green', suspended: 'orange', to_cancel: 'red' };

export function VillageDoctorPage() {
  const [params, setParams] = useSearchParams();
  const township = params.get('township') ?? '';
  const state = useApi(
    (signal) => json<Overview>(`/api/village-doctor/overview${township ? `?township=${encodeURIComponent(township)}` : ''}`, { signal }),
    [township],
  );
  const [exporting, setExporting] = useState<string | null>(null);
  const exportRegister = async () => {
    const d = state.data!;
    setExporting(null);
    try {
      await downloadFile(`/api/village-doctor/register.xlsx?township=${encodeURIComponent(d.township)}`, `乡村医生花名册-${d.township}-${d.asOf}.xlsx`);
    } catch (e) {
      setExporting((e as Error).message);
    }
  };
  return (
    <div className="page" data-testid="village-doctor-page">
      <h1>乡村医生花名册</h1>
      <p className="muted">
        依据 <Link to={`/search?q=${encodeURIComponent(DOC)}`}>{DOC}</Link>《隆化县乡村一体化管理准入退出有关规定》；按今天（{state.data?.asOf ?? '—'}
        ）计算年龄、退休日期和中止执业满 2 年的日期。
      </p>
      <ProcedureValidity procedure="village-doctor-roster" />
      {state.loading || state.error || !state.data ? (
        <PageState loading={state.loading} error={state.error} />
      ) : (
        ((d: Overview) => (
          <>
            <Space wrap className="block-sm">
              {d.townships.length > 1 ? (
                <Select
                  showSearch
                  value={d.township}
                  options={d.townships.map((t) => ({ value: t, label: t }))}
                  onChange={(t) => setParams({ township: t })}
                  style={{ minWidth: 160 }}
                  aria-label="乡镇"
                  data-testid="township-select"
                />
              ) : (
                <Tag>{d.county + d.township}</Tag>
              )}
              <Link to="/procedures/village-doctor-roster/apply">
                <Button icon={<PlusOutlined />}>登记村医</Button>
              </Link>
              <Button icon={<DownloadOutlined />} onClick={() => void exportRegister()} data-testid="export-register">
                导出花名册（Excel）
              </Button>
            </Space>
            {exporting && <Alert type="error" showIcon title={exporting} className="block-sm" />}
            <Row gutter={[12, 12]} className="block">
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic title="在册村医" value={d.total} suffix="人" />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic
                    title="空白村（无长期在岗村医）"
                    value={d.blankVillages.length}
                    suffix={`/ ${d.villages.length} 村`}
                    valueStyle={d.blankVillages.length ? { color: '#cf1322' } : undefined}
                  />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic title="一年内到龄退休" value={d.retiringWithinYear.length} suffix="人" />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card size="small">
                  <Statistic title="中止执业" value={d.suspended.length} suffix="人" />
                </Card>
              </Col>
            </Row>

            <Card size="small" className="block" title={`空白村（${cite('一、（四）')}：调配后不允许形成村医“空白村”）`} data-testid="blank-villages">
              {d.blankVillages.length === 0 ? (
                <p className="muted">本乡镇每个村都有长期在岗村医。</p>
              ) : (
                <Space wrap size={[6, 6]}>
                  {d.blankVillages.map((v) => (
                    <Tag key={v.code} color="red" title={`统计用区划代码 ${v.code}`}>
                      {v.name}
                      {v.doctors ? `（${v.doctors} 人，非长期在岗）` : ''}
                    </Tag>
                  ))}
                </Space>
              )}
            </Card>

            <Row gutter={[12, 12]} className="block">
              <Col xs={24} lg={12}>
                <Card size="small" title={`一年内到龄退休（${cite('二、（一）')}：男 60 周岁，女 55 周岁）`} data-testid="retiring">
                  <Table
                    size="small"
                    rowKey="id"
                    pagination={false}
                    scroll={{ x: 'max-content' }}
                    dataSource={d.retiringWithinYear}
                    locale={{ emptyText: <Empty description="12 个月内无人到龄" /> }}
                    columns={[
                      { title: '姓名', render: (_: unknown, r: Doctor) => caseLink(r) },
                      { title: '村', dataIndex: 'village' },
                      { title: '性别', dataIndex: 'sex' },
                      {
                        title: '退休日期',
                        render: (_: unknown, r: Doctor) => (r.retirementDate <= d.asOf ? <Tag color="red">{r.retirementDate} 已到龄</Tag> : r.retirementDate),
                      },
                    ]}
                  />
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card size="small" title={`中止执业（${cite('一、（五）')}：满 2 年由县卫健注销）`} data-testid="suspended">
                  <Table
                    size="small"
                    rowKey="id"
                    pagination={false}
                    scroll={{ x: 'max-content' }}
                    dataSource={d.suspended}
                    locale={{ emptyText: <Empty description="无中止执业的村医" /> }}
                    columns={[
                      { title: '姓名', render: (_: unknown, r: Doctor) => caseLink(r) },
                      { title: '村', dataIndex: 'village' },
                      { title: '中止日期', dataIndex: 'suspendedSince' },
                      {
                        title: '满 2 年',
                        render: (_: unknown, r: Doctor) => (r.twoYearsOn && r.twoYearsOn <= d.asOf ? <Tag color="red">{r.twoYearsOn} 已满</Tag> : r.twoYearsOn),
                      },
                    ]}
                  />
                </Card>
              </Col>
            </Row>

            {d.regularStaffToLeave.length > 0 && (
              <Alert
                className="block"
                type="warning"
                showIcon
                title={`有合格村医上岗的村，派驻的正式职工应退出村医岗位（${cite('二、（三）')}）`}
                description={d.regularStaffToLeave.map((r) => `${r.name}（${r.village}）`).join('、')}
              />
            )}

            <Card size="small" className="block" title="年龄结构" data-testid="age-bands">
              {d.ageBands.map((b) => (
                <div key={b.label} className="bar-row">
                  <span className="bar-label">{b.label}</span>
                  <span className="bar" style={{ width: `${d.total ? (b.count / d.total) * 70 : 0}%` }} />
                  <span>{b.count} 人</span>
                </div>
              ))}
            </Card>

            <Card size="small" className="block" title={`各村村医（${d.township}，共 ${d.villages.length} 个村/社区）`} data-testid="villages">
              <Table
                size="small"
                rowKey="code"
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                scroll={{ x: 'max-content' }}
                dataSource={d.villages}
                columns={[
                  {
                    title: '村（社区）',
                    dataIndex: 'name',
                    render: (n: string, v) =>
                      v.longTerm === 0 ? (
                        <span>
                          {n} <Tag color="red">空白村</Tag>
                        </span>
                      ) : (
                        n
                      ),
                  },
                  {
                    title: '村医',
                    render: (_: unknown, v) =>
                      v.doctors.length === 0 ? (
                        <span className="muted">—</span>
                      ) : (
                        <Space wrap size={[4, 4]}>
                          {v.doctors.map((r) => (
                            <span key={r.id} data-testid="doctor">
                              {caseLink(r)} <Tag color={STATE_COLOR[r.state]}>{r.stateLabel}</Tag>
                              <span className="muted">
                                {r.age} 岁{r.regularStaff ? '·正式职工' : ''}
                              </span>
                            </span>
                          ))}
                        </Space>
                      ),
                  },
                ]}
              />
              {d.elsewhere.length > 0 && (
                <p className="muted">
                  执业地点不在行政区划名录中的村医：{d.elsewhere.map((r) => `${r.name}（${r.village}）`).join('、')}，请核对后办理岗位调配。
                </p>
              )}
            </Card>
          </>
        ))(state.data)
      )}
    </div>
  );
}
