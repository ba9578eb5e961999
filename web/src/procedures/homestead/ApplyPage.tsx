import { Alert, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space, Spin, Tag, Typography, App } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  BUILDING_TYPES,
  ELIGIBILITY_GROUNDS,
  HOUSEHOLD_BASES,
  LAND_CLASSES,
  RELATIONS,
  REQUIRED_DOCUMENTS,
  ZONES,
} from '../../../../src/procedures/homestead/form';
import { GOVERNING_DOCUMENT } from '../../../../src/procedures/homestead/rules';
import { useAuth } from '../../auth';
import { useLiveAssessment } from '../../useLiveAssessment';
import { beijingTime, caseApi, fieldPath, type CaseView, type FieldIssue } from '../../caseApi';
import { CiteLink, DecisionTag, FindingList, GoverningStatusAlert } from '../../components/CaseBits';
import { PageState } from '../../components/PageState';
import { requiredPaths, type JsonSchema } from '../../cases/SchemaForm';
import { useApi } from '../../useApi';
import { useRegistry } from '../../platform/registry';
import { clearDraft, readDraft, saveDraft } from '../../cases/drafts';

type NamePath = (string | number)[];

interface Member {
  name?: string;
  idNumber?: string;
  relation?: string;
}
/** The form's values: the application, with the date as a Dayjs and everything possibly empty. */
interface FormValues {
  applicationDate?: Dayjs | null;
  applicant?: {
    name?: string;
    idNumber?: string;
    phone?: string;
    county?: string;
    township?: string;
    village?: string;
    group?: string;
    isCollectiveMember?: boolean;
  };
  household?: { members?: Member[]; basis?: string };
  eligibilityGround?: string;
  currentHomestead?: {
    has?: boolean;
    area?: number | null;
    registeredArea?: number | null;
    certificateNo?: string;
    houseArea?: number | null;
    soldRentedOrGiftedBefore?: boolean;
    agreesToReturnOld?: boolean;
  };
  plot?: {
    area?: number | null;
    address?: string;
    boundaries?: { east?: string; south?: string; west?: string; north?: string };
    landClass?: string;
    owner?: string;
    zone?: string;
    inVillagePlan?: boolean;
    ownershipDisputed?: boolean;
  };
  building?: {
    type?: string;
    floors?: number | null;
    floorHeights?: (number | null)[];
    footprint?: number | null;
    floorArea?: number | null;
    investment?: number | null;
    standardDesign?: string;
    certifiedDangerous?: boolean;
    repairOnly?: boolean;
  };
  rebuild?: {
    keepsOldHouse?: boolean;
    originalIllegal?: boolean;
    heritageProtected?: boolean;
    inExpropriationArea?: boolean;
    originalLegalFloorArea?: number;
    originalFootprint?: number;
    withinOriginalFootprint?: boolean;
  };
  neighbours?: { opinion?: string; agreementSigned?: boolean };
  commitmentSigned?: boolean;
}

const YES_NO = [
  { label: '是', value: true },
  { label: '否', value: false },
];
const isRebuildType = (t?: string) => t === '原址翻建' || t === '改扩建';
const MAX_HEIGHT_INPUTS = 20;

/** Drops empty strings and nulls so the server names the missing fields. */
function prune(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(prune);
  if (v && typeof v === 'object' && !dayjs.isDayjs(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = prune(x);
      if (p !== undefined) out[k] = p;
    }
    return out;
  }
  if (v === null || v === '' || (typeof v === 'string' && v.trim() === '')) return undefined;
  return v;
}

/** Form values → the application JSON the server validates (src/procedures/homestead/form.ts). */
export function toApplication(values: FormValues): unknown {
  // The reason for a paper application's date travels beside the application, not in it.
  const { paperReason: _reason, ...v } = values as FormValues & { paperReason?: unknown };
  const floors = v.building?.floors ?? null;
  const has = v.currentHomestead?.has;
  const app = {
    ...v,
    applicationDate: v.applicationDate ? v.applicationDate.format('YYYY-MM-DD') : undefined,
    household: { ...v.household, members: (v.household?.members ?? []).filter((m) => m && (m.name || m.idNumber || m.relation)) },
    currentHomestead: has
      ? v.currentHomestead
      : {
          has: v.currentHomestead?.has,
          soldRentedOrGiftedBefore: v.currentHomestead?.soldRentedOrGiftedBefore,
          agreesToReturnOld: v.currentHomestead?.agreesToReturnOld,
        },
    building: {
      ...v.building,
      floorHeights: (v.building?.floorHeights ?? []).slice(0, floors && floors > 0 ? Math.min(floors, MAX_HEIGHT_INPUTS) : 0),
    },
    rebuild: isRebuildType(v.building?.type)
      ? { keepsOldHouse: false, originalIllegal: false, heritageProtected: false, inExpropriationArea: false, ...v.rebuild }
      : undefined,
  };
  return prune(app);
}

/** A case's (masked) application → form values; masked ID and phone numbers must be entered again. */
function fromApplication(a: CaseView['application']): FormValues {
  const unmask = (s: unknown) => (typeof s === 'string' && s.includes('*') ? undefined : (s as string | undefined));
  return {
    ...a,
    applicationDate: a.applicationDate ? dayjs(a.applicationDate) : null,
    applicant: { ...a.applicant, idNumber: unmask(a.applicant?.idNumber), phone: unmask(a.applicant?.phone) },
    household: { ...a.household, members: (a.household?.members ?? []).map((m: Member) => ({ ...m, idNumber: unmask(m.idNumber) })) },
  };
}

/** One number input per floor. */
function FloorHeights({ value, onChange, floors }: { value?: (number | null)[]; onChange?: (v: (number | null)[]) => void; floors: number }) {
  const n = Math.max(1, Math.min(floors || 1, MAX_HEIGHT_INPUTS));
  const arr = Array.from({ length: n }, (_, i) => value?.[i] ?? null);
  return (
    <div className="floor-heights" data-testid="floor-heights">
      {arr.map((h, i) => (
        <InputNumber
          key={i}
          value={h}
          min={0}
          max={20}
          step={0.1}
          prefix={i === 0 ? '底层' : `${i + 1}层`}
          suffix="米"
          aria-label={`第 ${i + 1} 层层高`}
          data-testid={`floor-height-${i + 1}`}
          onChange={(x) => {
            const next = [...arr];
            next[i] = typeof x === 'number' ? x : null;
            onChange?.(next);
          }}
        />
      ))}
    </div>
  );
}

/** `/homestead/apply` — 农村宅基地和建房（规划许可）申请表, with live checks; `?resubmit=<id>` corrects a returned case. */
export function ApplyPage() {
  const { actor } = useAuth();
  const registry = useRegistry();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const resubmitId = params.get('resubmit');
  // Untyped: field paths come from the server's validation details.
  const [form] = Form.useForm();
  const [original, setOriginal] = useState<CaseView | null>(null);
  const [loadError, setLoadError] = useState<Error | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const shownErrors = useRef<string[]>([]);

  // Required fields marked as the generic form marks them, from the schema the server validates against.
  const info = useApi((signal) => caseApi.procedure('homestead', signal), []);
  const required = useMemo(() => (info.data ? requiredPaths(info.data.schema as JsonSchema) : new Set<string>()), [info.data]);
  const req = (path: (string | number)[]) => required.has(path.join('.'));

  // The date of receipt: today for a villager filing for himself; the village's clerk may enter a paper application's day, with why.
  const own = Boolean(actor && registry?.roles.find((r) => r.id === actor.role)?.level === 'own');
  const typedDate = Form.useWatch('applicationDate', form) as Dayjs | undefined;
  const paper = !own && !original && Boolean(typedDate && typedDate.isBefore(dayjs(), 'day'));

  const floors = Form.useWatch(['building', 'floors'], form) ?? 1;
  const buildingType = Form.useWatch(['building', 'type'], form);
  const hasHomestead = Form.useWatch(['currentHomestead', 'has'], form);
  const zone = Form.useWatch(['plot', 'zone'], form);

  useEffect(() => {
    document.title = resubmitId ? '补正申请 · 政务 Zhengwu' : '申请宅基地 · 政务 Zhengwu';
  }, [resubmitId]);

  const initialValues = useMemo<FormValues>(
    () => ({
      applicationDate: dayjs(),
      applicant: { county: actor?.county ?? undefined, township: actor?.township ?? undefined, village: actor?.village ?? undefined, isCollectiveMember: true },
      household: { members: [{ relation: '本人' }] },
      currentHomestead: { has: false, soldRentedOrGiftedBefore: false },
      plot: { owner: 'village', inVillagePlan: true, ownershipDisputed: false, boundaries: {} },
      building: { floors: 2, floorHeights: [null, null], certifiedDangerous: false, repairOnly: false },
      neighbours: { agreementSigned: false },
      commitmentSigned: false,
    }),
    [actor],
  );

  const { assessment, setAssessment, issues, setIssues, checking, check } = useLiveAssessment('homestead', () => toApplication(form.getFieldsValue(true)), 500);

  // Resubmission: load the returned case and fill the form with its application.
  const draftKey = actor && !resubmitId ? `homestead:${actor.username}` : null;
  const [draftSavedAt, setDraftSavedAt] = useState<string | null>(null);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (!resubmitId) {
      // A draft left on this device is taken up where it was left.
      const draft = draftKey ? readDraft(draftKey) : null;
      if (draft) {
        form.setFieldsValue(fromApplication(draft.value as Parameters<typeof fromApplication>[0]));
        // Deliberate: the draft is read once, from storage outside React.
        // eslint-disable-next-line react-hooks/set-state-in-effect
        setDraftSavedAt(draft.savedAt);
      }
      check();
      return;
    }
    const c = new AbortController();
    caseApi.case(resubmitId, c.signal).then(
      (cv) => {
        setOriginal(cv);
        form.setFieldsValue(fromApplication(cv.application));
        check();
      },
      (e: Error) => e.name !== 'AbortError' && setLoadError(e),
    );
    return () => c.abort();
  }, [resubmitId, form, check, draftKey]);

  // Which issue belongs to which field: the longest registered prefix of its path.
  const { byField, unmatched } = useMemo(() => {
    const registered = new Set(form.getFieldsError().map((f) => (f.name as NamePath).join('.')));
    const byField = new Map<string, string[]>();
    const unmatched: FieldIssue[] = [];
    for (const issue of issues) {
      const path = fieldPath(issue.field);
      let key: string | null = null;
      for (let n = path.length; n > 0; n--) {
        const k = path.slice(0, n).join('.');
        if (registered.has(k)) {
          key = k;
          break;
        }
      }
      if (key) byField.set(key, [...(byField.get(key) ?? []), issue.message]);
      else unmatched.push(issue);
    }
    return { byField, unmatched };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [issues, form, floors, buildingType, hasHomestead]);

  // Show server messages next to the fields: the ones touched so far, or all after a submit attempt.
  useEffect(() => {
    const next: { name: NamePath; errors: string[] }[] = [];
    const shown: string[] = [];
    for (const [key, messages] of byField) {
      const name = fieldPath(key);
      if (!showAll && !form.isFieldTouched(name)) continue;
      next.push({ name, errors: messages });
      shown.push(key);
    }
    for (const key of shownErrors.current) if (!shown.includes(key)) next.push({ name: fieldPath(key), errors: [] });
    shownErrors.current = shown;
    if (next.length) form.setFields(next);
  }, [byField, showAll, form]);

  const onValuesChange = (changed: FormValues, all: FormValues) => {
    // Keep the 本人 row of the household in step with the applicant.
    if (changed.applicant && ('name' in changed.applicant || 'idNumber' in changed.applicant)) {
      const members = [...(all.household?.members ?? [])];
      const i = members.findIndex((m) => m?.relation === '本人');
      if (i >= 0) {
        members[i] = { ...members[i], name: all.applicant?.name, idNumber: all.applicant?.idNumber };
        form.setFieldValue(['household', 'members'], members);
      }
    }
    if (changed.building && 'floors' in changed.building) {
      const n = Math.max(0, Math.min(all.building?.floors ?? 0, MAX_HEIGHT_INPUTS));
      const h = [...(all.building?.floorHeights ?? [])];
      form.setFieldValue(
        ['building', 'floorHeights'],
        Array.from({ length: n }, (_, i) => h[i] ?? null),
      );
    }
    setSubmitError(null);
    check();
    // Saved as typed (a second after the last change), so a long form survives a closed tab or a lost signal.
    if (draftKey) {
      if (saveTimer.current) clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(() => setDraftSavedAt(saveDraft(draftKey, toApplication(form.getFieldsValue(true)))), 1000);
    }
  };

  const discardDraft = () => {
    if (!draftKey) return;
    if (saveTimer.current) clearTimeout(saveTimer.current);
    clearDraft(draftKey);
    setDraftSavedAt(null);
    form.resetFields();
    check();
  };

  const submit = async () => {
    setShowAll(true);
    setSubmitError(null);
    setSubmitting(true);
    const application = toApplication(form.getFieldsValue(true));
    try {
      const cv = original
        ? await caseApi.act(original.id, 'resubmit', { version: original.version, payload: { application } })
        : await caseApi.submit('homestead', application, paper ? String(form.getFieldValue('paperReason') ?? '') : undefined);
      if (draftKey) {
        if (saveTimer.current) clearTimeout(saveTimer.current);
        clearDraft(draftKey);
      }
      message.success(original ? '已重新提交' : `申请已提交，案件编号 ${cv.id}`);
      navigate(`/cases/${encodeURIComponent(cv.id)}`);
    } catch (e) {
      const err = e as Error & { details?: FieldIssue[] };
      if (err.details?.length) {
        const details = err.details.map((d) => (original && d.field.startsWith('application.') ? { ...d, field: d.field.slice('application.'.length) } : d));
        setIssues(details);
        setAssessment(null);
        setSubmitError(`申请表尚有 ${details.length} 处需要填写或更正，请按提示修改。`);
        const first = details[0];
        if (first) setTimeout(() => form.scrollToField(fieldPath(first.field), { block: 'center' }), 50);
      } else {
        setSubmitError(err.message);
      }
    } finally {
      setSubmitting(false);
    }
  };

  if (loadError) return <PageState loading={false} error={loadError} />;
  if (resubmitId && !original) return <PageState loading error={null} />;
  const locked = Boolean(actor?.village);
  const docLink = (cites: string) => `/docs/${encodeURIComponent(GOVERNING_DOCUMENT)}#${encodeURIComponent(cites)}`;
  const fails = assessment?.findings.filter((f) => f.outcome === 'fail').length ?? 0;

  return (
    <div className="page apply-page">
      <Typography.Title level={2} className="page-title">
        农村宅基地和建房（规划许可）申请表
      </Typography.Title>
      <p className="muted">
        依据 <CiteLink cites={`${GOVERNING_DOCUMENT} 第十六条、第十七条`} link={docLink('第十七条')} />
        。边填边查：右侧（手机在下方）按条款即时核对。
        {original && (
          <>
            {' '}
            补正案件 <Link to={`/cases/${encodeURIComponent(original.id)}`}>{original.id}</Link>
            ：身份证号码和手机号码已隐去，请重新填写。
          </>
        )}
      </p>
      {original?.record?.correctionReason && (
        <Alert type="warning" showIcon title="退回补正理由" description={String(original.record.correctionReason)} className="block-sm" />
      )}
      {draftKey && (
        <Alert
          type="info"
          showIcon
          className="block-sm"
          data-testid="draft-note"
          title={draftSavedAt ? `草稿已自动保存在本设备（${beijingTime(draftSavedAt)}）` : '填写内容会自动保存为草稿'}
          description="草稿只保存在本浏览器中，提交或退出登录后自动删除；在公用电脑上填写的，离开前请清除草稿。标 * 的为必填项。"
          action={
            draftSavedAt ? (
              <Button size="small" onClick={discardDraft} data-testid="draft-clear">
                清除草稿
              </Button>
            ) : undefined
          }
        />
      )}
      <Row gutter={[16, 16]} className="block">
        <Col
          xs={24}
          lg={16}
          className="apply-form-col"
          // A long form: Enter in a field (or confirming a date) must not submit it half-filled.
          onKeyDown={(e) => {
            const t = e.target as HTMLElement;
            if (e.key === 'Enter' && t.tagName === 'INPUT') e.preventDefault();
          }}
        >
          <Form
            form={form}
            name="apply"
            layout="vertical"
            initialValues={initialValues}
            onValuesChange={onValuesChange}
            onFinish={submit}
            scrollToFirstError
            className="apply-form"
          >
            <Card title="申请人" size="small" className="form-card">
              <Row gutter={12}>
                <Col xs={24} md={8}>
                  <Form.Item name={['applicant', 'name']} required={req(['applicant', 'name'])} label="姓名">
                    <Input maxLength={30} autoComplete="name" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={10}>
                  <Form.Item name={['applicant', 'idNumber']} required={req(['applicant', 'idNumber'])} label="身份证号码">
                    <Input maxLength={18} autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={6}>
                  <Form.Item name={['applicant', 'phone']} required={req(['applicant', 'phone'])} label="手机号码">
                    <Input maxLength={11} inputMode="tel" autoComplete="tel" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={8}>
                  <Form.Item name={['applicant', 'county']} required={req(['applicant', 'county'])} label="县">
                    <Input disabled={locked} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={8}>
                  <Form.Item name={['applicant', 'township']} required={req(['applicant', 'township'])} label="乡镇（街道）">
                    <Input disabled={locked} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={8}>
                  <Form.Item name={['applicant', 'village']} required={req(['applicant', 'village'])} label="村">
                    <Input disabled={locked} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={8}>
                  <Form.Item name={['applicant', 'group']} required={req(['applicant', 'group'])} label="村民小组（可不填）">
                    <Input maxLength={50} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={8}>
                  <Form.Item name={['applicant', 'isCollectiveMember']} required={req(['applicant', 'isCollectiveMember'])} label="本集体经济组织成员">
                    <Radio.Group options={YES_NO} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={8}>
                  <Form.Item
                    name="applicationDate"
                    required={req(['applicationDate'])}
                    label="申请日期"
                    extra={own ? '由系统按收到申请之日（今天）记录' : '补录纸质申请的，填写实际收件日期并说明收件情况'}
                  >
                    <DatePicker className="full-width" disabled={own} allowClear={false} data-testid="field-applicationDate" />
                  </Form.Item>
                </Col>
              </Row>
            </Card>

            {paper && (
              <Form.Item
                name="paperReason"
                label="收件情况说明"
                extra="申请日期早于今天：补录纸质申请的，说明何时、何处收到（将记入审计）"
                rules={[{ required: true, min: 4, message: '请说明收件情况（至少 4 个字）' }]}
              >
                <Input.TextArea rows={2} maxLength={500} data-testid="field-paperReason" />
              </Form.Item>
            )}
            <Card title="家庭成员" size="small" className="form-card">
              <Form.List name={['household', 'members']}>
                {(fields, { add, remove }) => (
                  <div data-testid="members">
                    {fields.map((f, i) => (
                      <div key={f.key} className="member-row" data-testid="member-row">
                        <Form.Item
                          name={[f.name, 'name']}
                          required={req(['household', 'members', '*', 'name'])}
                          label={i === 0 ? '姓名' : undefined}
                          className="member-name"
                        >
                          <Input placeholder="姓名" maxLength={30} aria-label={`家庭成员 ${i + 1} 姓名`} />
                        </Form.Item>
                        <Form.Item
                          name={[f.name, 'idNumber']}
                          required={req(['household', 'members', '*', 'idNumber'])}
                          label={i === 0 ? '身份证号码' : undefined}
                          className="member-id"
                        >
                          <Input placeholder="身份证号码" maxLength={18} aria-label={`家庭成员 ${i + 1} 身份证号码`} />
                        </Form.Item>
                        <Form.Item
                          name={[f.name, 'relation']}
                          required={req(['household', 'members', '*', 'relation'])}
                          label={i === 0 ? '与申请人关系' : undefined}
                          className="member-relation"
                        >
                          <Select options={RELATIONS.map((r) => ({ value: r, label: r }))} placeholder="关系" aria-label={`家庭成员 ${i + 1} 关系`} />
                        </Form.Item>
                        <Button
                          className="member-remove"
                          type="text"
                          icon={<DeleteOutlined />}
                          aria-label="删除此成员"
                          disabled={fields.length <= 1}
                          onClick={() => {
                            remove(f.name);
                            check();
                          }}
                        />
                      </div>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ relation: undefined })} data-testid="add-member">
                      添加家庭成员
                    </Button>
                  </div>
                )}
              </Form.List>
              {unmatched
                .filter((u) => u.field.startsWith('household.members'))
                .map((u, i) => (
                  <div key={i} className="ant-form-item-explain-error block-sm">
                    {u.message}
                  </div>
                ))}
            </Card>

            <Card title="申请理由和一户认定" size="small" className="form-card">
              <Form.Item
                name="eligibilityGround"
                required={req(['eligibilityGround'])}
                label={
                  <span>
                    申请理由（
                    <CiteLink cites="第十二条" link={docLink('第十二条')} />）
                  </span>
                }
              >
                <Radio.Group className="vertical-radios" options={Object.entries(ELIGIBILITY_GROUNDS).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
              <Form.Item
                name={['household', 'basis']}
                required={req(['household', 'basis'])}
                label={
                  <span>
                    一户认定依据（
                    <CiteLink cites="第十三条" link={docLink('第十三条')} />）
                  </span>
                }
              >
                <Radio.Group className="vertical-radios" options={Object.entries(HOUSEHOLD_BASES).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Card>

            <Card title="现有宅基地" size="small" className="form-card">
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name={['currentHomestead', 'has']} required={req(['currentHomestead', 'has'])} label="现有宅基地">
                    <Radio.Group
                      options={[
                        { label: '有', value: true },
                        { label: '无', value: false },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name={['currentHomestead', 'soldRentedOrGiftedBefore']}
                    required={req(['currentHomestead', 'soldRentedOrGiftedBefore'])}
                    label="曾出卖、出租、赠与原有宅基地或住房"
                  >
                    <Radio.Group options={YES_NO} />
                  </Form.Item>
                </Col>
                {hasHomestead && (
                  <>
                    <Col xs={12} sm={6}>
                      <Form.Item name={['currentHomestead', 'area']} required={req(['currentHomestead', 'area'])} label="宅基地面积">
                        <InputNumber className="full-width" min={0} suffix="㎡" />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={6}>
                      <Form.Item name={['currentHomestead', 'registeredArea']} required={req(['currentHomestead', 'registeredArea'])} label="确权登记面积">
                        <InputNumber className="full-width" min={0} suffix="㎡" />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={6}>
                      <Form.Item name={['currentHomestead', 'houseArea']} required={req(['currentHomestead', 'houseArea'])} label="住房面积">
                        <InputNumber className="full-width" min={0} suffix="㎡" />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={6}>
                      <Form.Item name={['currentHomestead', 'certificateNo']} required={req(['currentHomestead', 'certificateNo'])} label="证书编号">
                        <Input maxLength={60} />
                      </Form.Item>
                    </Col>
                    <Col xs={24}>
                      <Form.Item
                        name={['currentHomestead', 'agreesToReturnOld']}
                        required={req(['currentHomestead', 'agreesToReturnOld'])}
                        label="异地新建的，同意将旧宅基地退回集体"
                      >
                        <Radio.Group options={YES_NO} />
                      </Form.Item>
                    </Col>
                  </>
                )}
              </Row>
            </Card>

            <Card title="拟用地" size="small" className="form-card">
              <Row gutter={12}>
                <Col xs={24} sm={8}>
                  <Form.Item name={['plot', 'area']} required={req(['plot', 'area'])} label="拟用地面积">
                    <InputNumber className="full-width" min={0} suffix="㎡" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={16}>
                  <Form.Item name={['plot', 'address']} required={req(['plot', 'address'])} label="地址">
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                {(
                  [
                    ['east', '东'],
                    ['south', '南'],
                    ['west', '西'],
                    ['north', '北'],
                  ] as const
                ).map(([k, l]) => (
                  <Col xs={12} sm={6} key={k}>
                    <Form.Item name={['plot', 'boundaries', k]} required={req(['plot', 'boundaries', k])} label={`四至（${l}）`}>
                      <Input maxLength={60} />
                    </Form.Item>
                  </Col>
                ))}
                <Col xs={24} sm={12}>
                  <Form.Item name={['plot', 'landClass']} required={req(['plot', 'landClass'])} label="地类">
                    <Radio.Group options={LAND_CLASSES.map((c) => ({ value: c, label: c }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name={['plot', 'owner']} required={req(['plot', 'owner'])} label="土地所有权人">
                    <Radio.Group
                      options={[
                        { value: 'village', label: '村集体' },
                        { value: 'group', label: '村民小组' },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item
                    name={['plot', 'zone']}
                    required={req(['plot', 'zone'])}
                    label={
                      <span>
                        村庄所处区域（
                        <CiteLink cites="第十条" link={docLink('第十条')} />）
                      </span>
                    }
                  >
                    <Radio.Group className="vertical-radios" options={Object.entries(ZONES).map(([value, label]) => ({ value, label }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name={['plot', 'inVillagePlan']} required={req(['plot', 'inVillagePlan'])} label="选址符合国土空间规划和村庄规划">
                    <Radio.Group options={YES_NO} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name={['plot', 'ownershipDisputed']} required={req(['plot', 'ownershipDisputed'])} label="地块权属有争议">
                    <Radio.Group options={YES_NO} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>

            <Card title="建房" size="small" className="form-card">
              <Form.Item name={['building', 'type']} required={req(['building', 'type'])} label="建房类型">
                <Radio.Group optionType="button" options={BUILDING_TYPES.map((t) => ({ value: t, label: t }))} className="wrap-radios" />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={12} sm={6}>
                  <Form.Item name={['building', 'floors']} required={req(['building', 'floors'])} label="层数">
                    <InputNumber className="full-width" min={1} max={50} precision={0} />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={6}>
                  <Form.Item name={['building', 'footprint']} required={req(['building', 'footprint'])} label="建筑占地面积">
                    <InputNumber className="full-width" min={0} suffix="㎡" />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={6}>
                  <Form.Item name={['building', 'floorArea']} required={req(['building', 'floorArea'])} label="建筑面积">
                    <InputNumber className="full-width" min={0} suffix="㎡" />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={6}>
                  <Form.Item name={['building', 'investment']} required={req(['building', 'investment'])} label="投资额">
                    <InputNumber className="full-width" min={0} suffix="万元" />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item name={['building', 'floorHeights']} required={req(['building', 'floorHeights'])} label="各层层高">
                    <FloorHeights floors={floors ?? 1} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name={['building', 'standardDesign']} required={req(['building', 'standardDesign'])} label="选用标准图集（可不填）">
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={6}>
                  <Form.Item name={['building', 'certifiedDangerous']} required={req(['building', 'certifiedDangerous'])} label="经鉴定属于危房">
                    <Radio.Group options={YES_NO} />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={6}>
                  <Form.Item name={['building', 'repairOnly']} required={req(['building', 'repairOnly'])} label="仅原状维修">
                    <Radio.Group options={YES_NO} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>

            {isRebuildType(buildingType) && (
              <Card title="翻建情况（原住宅，第十五条）" size="small" className="form-card" data-testid="rebuild-card">
                <Row gutter={12}>
                  {(
                    [
                      ['keepsOldHouse', '新建后保留原有住房'],
                      ['originalIllegal', '原住宅属违法建筑'],
                      ['heritageProtected', '原住宅属文物保护或传统村落保护建筑'],
                      ['inExpropriationArea', '位于征收、拆迁范围内'],
                    ] as const
                  ).map(([k, l]) => (
                    <Col xs={24} sm={12} key={k}>
                      <Form.Item name={['rebuild', k]} label={l} initialValue={false}>
                        <Radio.Group options={YES_NO} />
                      </Form.Item>
                    </Col>
                  ))}
                </Row>
                {zone === 'renewal_plan' && buildingType === '原址翻建' && (
                  <Row gutter={12} data-testid="renewal-rebuild">
                    <Col xs={24}>
                      <Typography.Text type="secondary">
                        已纳入近期改造计划的村庄危房原址翻建，翻建住宅控制在原有合法产权建筑面积和原基底范围内（第十条）。
                      </Typography.Text>
                    </Col>
                    <Col xs={12} sm={8}>
                      <Form.Item
                        name={['rebuild', 'originalLegalFloorArea']}
                        required={req(['rebuild', 'originalLegalFloorArea'])}
                        label="原有合法产权建筑面积"
                        rules={[{ required: true, message: '请填写原有合法产权建筑面积' }]}
                      >
                        <InputNumber className="full-width" min={0} suffix="㎡" />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={8}>
                      <Form.Item
                        name={['rebuild', 'originalFootprint']}
                        required={req(['rebuild', 'originalFootprint'])}
                        label="原住宅基底面积"
                        rules={[{ required: true, message: '请填写原住宅基底面积' }]}
                      >
                        <InputNumber className="full-width" min={0} suffix="㎡" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={8}>
                      <Form.Item
                        name={['rebuild', 'withinOriginalFootprint']}
                        required={req(['rebuild', 'withinOriginalFootprint'])}
                        label="翻建住宅位于原基底范围内"
                        rules={[{ required: true, message: '请说明是否位于原基底范围内' }]}
                      >
                        <Radio.Group options={YES_NO} />
                      </Form.Item>
                    </Col>
                  </Row>
                )}
              </Card>
            )}

            <Card title="四邻意见和承诺" size="small" className="form-card">
              <Form.Item name={['neighbours', 'opinion']} required={req(['neighbours', 'opinion'])} label="四邻意见">
                <Input.TextArea rows={2} maxLength={500} placeholder="如：四邻无异议" />
              </Form.Item>
              <Form.Item name={['neighbours', 'agreementSigned']} required={req(['neighbours', 'agreementSigned'])} valuePropName="checked">
                <Checkbox data-testid="agreement-signed">已签订《农村建房四邻协议书》</Checkbox>
              </Form.Item>
              <Form.Item name="commitmentSigned" valuePropName="checked">
                <Checkbox data-testid="commitment-signed">已签署《农村宅基地使用承诺书》</Checkbox>
              </Form.Item>
            </Card>

            {submitError && <Alert type="error" showIcon title={submitError} className="block-sm" data-testid="submit-error" />}
            {showAll && unmatched.filter((u) => !u.field.startsWith('household.members')).length > 0 && (
              <Alert
                type="error"
                className="block-sm"
                title={
                  <ul className="plain-list">
                    {unmatched
                      .filter((u) => !u.field.startsWith('household.members'))
                      .map((u, i) => (
                        <li key={i}>{u.message}</li>
                      ))}
                  </ul>
                }
              />
            )}
            <div className="form-actions">
              <Button type="primary" size="large" htmlType="submit" loading={submitting} data-testid="submit-application">
                {original ? '重新提交' : '提交申请'}
              </Button>
            </div>
          </Form>
        </Col>

        <Col xs={24} lg={8}>
          <div className="checks-panel">
            <Card
              size="small"
              title={
                <Space>
                  即时核对
                  {checking && <Spin size="small" />}
                </Space>
              }
              data-testid="checks-panel"
            >
              {assessment ? (
                <>
                  <Space wrap className="block-sm">
                    <DecisionTag decision={assessment.decision} />
                    {fails > 0 && <span className="muted">{fails} 项不符合</span>}
                    {assessment.needsConstructionPermit && <Tag color="orange">须办理乡村建设规划许可和开工许可</Tag>}
                  </Space>
                  <GoverningStatusAlert status={assessment.governingDocumentStatus} compact />
                  <FindingList findings={assessment.findings} />
                </>
              ) : (
                <div data-testid="checks-pending">
                  <p className="muted">{issues.length === 0 ? '正在核对……' : `填写完整后按条款逐项核对。尚有 ${issues.length} 处需要填写或更正：`}</p>
                  <ul className="issue-list">
                    {issues.slice(0, 12).map((i, n) => (
                      <li key={n}>{i.message}</li>
                    ))}
                    {issues.length > 12 && <li className="muted">……另有 {issues.length - 12} 处</li>}
                  </ul>
                </div>
              )}
            </Card>
            <Card size="small" title="须提交的材料" className="block" data-testid="required-documents">
              <ul className="plain-list doc-list">
                {REQUIRED_DOCUMENTS.map((d) => (
                  <li key={d.kind}>
                    {d.label}
                    <span className="finding-cite">
                      <CiteLink cites={d.cites} link={docLink(d.cites)} />
                    </span>
                  </li>
                ))}
              </ul>
              <p className="muted">提交申请后，可在案件页上传户口本、承诺书、四邻协议书等扫描件。</p>
            </Card>
          </div>
        </Col>
      </Row>
    </div>
  );
}
