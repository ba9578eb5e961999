// Akoma Ntoso export: well-formed XML (read back with a strict, namespace-aware parser), FRBR identifiers
// under /akn/cn-13-08/, each 条 an <article> with its number and text, on both databases through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { SaxesParser } from 'saxes';
import { testPlatform } from '../helpers/api.js';
import { ENGINES } from '../helpers/databases.js';

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

/** Parses XML into a tree, throwing on anything not well-formed. */
function parseXml(xml: string): El {
  const parser = new SaxesParser({ xmlns: true });
  const root: El = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  parser.on('opentag', (t) => {
    const el: El = {
      name: t.local,
      attrs: Object.fromEntries(Object.entries(t.attributes).map(([k, a]) => [k, (a as { value: string }).value])),
      children: [],
      text: '',
    };
    if (t.local === 'akomaNtoso') expect(t.uri).toBe('http://docs.oasis-open.org/legaldocml/ns/akn/3.0');
    stack.at(-1)!.children.push(el);
    stack.push(el);
  });
  parser.on('text', (t) => {
    for (const el of stack) el.text += t;
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
  return root.children[0];
}
const all = (el: El, name: string): El[] => [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => all(c, name))];
const first = (el: El, name: string) => all(el, name)[0];

describe.each(ENGINES)('Akoma Ntoso export on %s', (engine) => {
  let app: FastifyInstance;
  let platform: Awaited<ReturnType<typeof testPlatform>>;
  beforeAll(async () => {
    platform = await testPlatform(engine, { demo: 'none', gazettes: ['data/gazettes/2022-04.txt'], today: '2026-11-30' });
    ({ app } = platform);
  });
  afterAll(async () => {
    await platform?.close();
  });
  const akn = (id: string) => app.inject({ url: `/api/documents/${encodeURIComponent(id)}/akn.xml` });

  it('exports 隆政发〔2022〕11号 as an act with FRBR identifiers and its articles', async () => {
    const r = await akn('隆政发[2022]11号');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/akn\+xml/);
    const root = parseXml(r.body);
    expect(root.name).toBe('akomaNtoso');
    const act = root.children[0];
    expect(act.name).toBe('act');
    const work = first(act, 'FRBRWork');
    expect(first(work, 'FRBRthis').attrs.value).toBe('/akn/cn-13-08/act/2022-07-04/隆政发-2022-11/!main');
    expect(first(work, 'FRBRuri').attrs.value).toBe('/akn/cn-13-08/act/2022-07-04/隆政发-2022-11');
    expect(first(work, 'FRBRcountry').attrs.value).toBe('cn-13-08');
    expect(first(first(act, 'FRBRExpression'), 'FRBRuri').attrs.value).toBe('/akn/cn-13-08/act/2022-07-04/隆政发-2022-11/zho@2022-07-04');
    expect(first(act, 'FRBRlanguage').attrs.language).toBe('zho');
    expect(first(act, 'docNumber').text).toBe('隆政发〔2022〕11号');
    expect(first(act, 'docAuthority').text).toBe('隆化县人民政府');
    const articles = all(first(act, 'body'), 'article');
    expect(articles).toHaveLength(35);
    expect(articles.map((a) => first(a, 'num').text).slice(0, 2)).toEqual(['第一条', '第二条']);
    const art16 = articles.find((a) => first(a, 'num').text === '第十六条')!;
    expect(art16.attrs.eId).toMatch(/art_16$/);
    expect(art16.text).toContain('乡（镇）人民政府');
    // eIds are unique.
    const eIds = (function walk(el: El): string[] {
      return [...(el.attrs.eId ? [el.attrs.eId] : []), ...el.children.flatMap(walk)];
    })(root);
    expect(new Set(eIds).size).toBe(eIds.length);
    // The term: in force from 2022-07-04 to 2024-07-03.
    expect(all(act, 'eventRef').map((e) => e.attrs.date)).toEqual(['2022-07-04', '2022-07-04', '2024-07-03']);
  });

  it('exports every document of the issue as well-formed XML, tables included', async () => {
    const docs = (await app.inject({ url: '/api/documents?pageSize=100' })).json().items as { id: string; kind: string }[];
    expect(docs).toHaveLength(17);
    for (const d of docs) {
      const r = await akn(d.id);
      expect(r.statusCode, d.id).toBe(200);
      const root = parseXml(r.body);
      expect(root.children[0].name).toBe(d.kind === 'notice' ? 'act' : 'doc');
      expect(first(root, 'FRBRuri').attrs.value).toMatch(new RegExp(`^/akn/cn-13-08/${d.kind === 'notice' ? 'act' : 'doc'}/`));
    }
    const plan = parseXml((await akn('承市政字〔2022〕16号')).body);
    expect(all(plan, 'table').length).toBeGreaterThan(0);
    expect(all(plan, 'td').length).toBeGreaterThan(50);
    expect((await akn('不存在〔2022〕1号')).statusCode).toBe(404);
  });
});
