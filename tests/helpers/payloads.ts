// Payloads generated from a published JSON Schema, for property-style tests: a "plain" value that
// satisfies the schema's bounds, a "flipped" one (other booleans, enum members, bounds at the other end,
// optional fields filled), and a few hostile shapes. Names hint at domain values (dates, ID numbers,
// phones, user ids) so that more of the generated payloads pass the server's own checks.

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
};

export interface Hints {
  today: string;
  userIds: number[];
}

const DATE = /\\d\{4\}-\\d\{2\}-\\d\{2\}/;
const ID_NUMBER = '130825198503152011';

function value(s: Schema, name: string, flip: boolean, h: Hints): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return flip ? s.enum[s.enum.length - 1] : s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return value(alt[flip ? alt.length - 1 : 0], name, flip, h);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) if (flip || s.required?.includes(k)) out[k] = value(v, k, flip, h);
      return out;
    }
    case 'array': {
      const n = Math.max(s.minItems ?? 0, flip ? 2 : 1);
      return Array.from({ length: n }, (_, i) =>
        s.items ? value(s.items, name, flip, { ...h, userIds: h.userIds.slice(i).concat(h.userIds.slice(0, i)) }) : null,
      );
    }
    case 'boolean':
      return !flip;
    case 'integer':
    case 'number': {
      if (/user/i.test(name)) return h.userIds[0] ?? 1;
      const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
      const hi = s.maximum !== undefined && s.maximum < 1e12 ? s.maximum : lo + 1_000_000;
      return flip ? hi : Math.max(lo, Math.min(hi, type === 'integer' ? 10 : 12.5));
    }
    case 'string': {
      if ((s.pattern && DATE.test(s.pattern)) || /date|deadline/i.test(name) || /On$/.test(name)) return flip ? '2027-06-30' : h.today;
      if (/idNumber/i.test(name)) return ID_NUMBER;
      if (/phone/i.test(name)) return '13812345678';
      const base = flip ? '经核实情况属实，依规办理。'.repeat(3) : '测试内容';
      const min = s.minLength ?? 0;
      const max = s.maxLength ?? 10_000;
      return base.padEnd(min, '测').slice(0, max);
    }
    default:
      return null;
  }
}

/** Payloads to try against an action: generated from its schema, plus hostile shapes. */
export function payloadsFor(schema: Schema | null, h: Hints): unknown[] {
  const hostile = [{}, { reason: 42 }, { '': null, __proto__: { polluted: true } }, [], 'text', null];
  if (!schema) return [undefined, ...hostile.slice(0, 2)];
  return [value(schema, '', false, h), value(schema, '', true, h), ...hostile];
}
