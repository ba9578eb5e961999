// Every generated variant of the bundled issue (variants.ts) parses as well as the issue itself: the issue
// number, the number of documents, and each document's 文号, title and issuer.
import { describe, expect, it } from 'vitest';
import { parseGazette } from '../../src/gazette/parse.js';
import { titleKey } from '../../src/gazette/normalize.js';
import { variants } from './variants.js';

describe.each(variants().map((v) => [v.name, v] as const))('variant %s', (_name, v) => {
  const parsed = parseGazette(v.text);
  it('finds the masthead: title, issue number and editor', () => {
    expect(parsed.issue).toMatchObject({ title: '承德市人民政府公报', number: v.issueNumber, editor: '承德市人民政府办公室' });
  });
  it('finds every document with its 文号, title, issuer and date', () => {
    expect(parsed.documents).toHaveLength(v.documents.length);
    expect(parsed.documents.map((d) => ({ number: d.number, title: titleKey(d.title), issuer: d.issuer, date: d.date }))).toEqual(
      v.documents.map((d) => ({ number: d.number, title: titleKey(d.title), issuer: d.issuer, date: d.date })),
    );
  });
  it('keeps the masthead out of the first document', () => {
    const first = parsed.documents[0];
    expect(first.title).not.toMatch(/编辑|公报|第\s*\d+\s*[号期]$/);
    expect(first.issuer ?? '').not.toMatch(/编辑|公报|\d/);
  });
});
