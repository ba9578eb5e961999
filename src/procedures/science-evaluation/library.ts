// 市科技成果库、需求库 (承市政办字〔2022〕46号 四、（二）：推动科技成果供给端与需求端精准对接): the results that passed
// their evaluation, the 揭榜挂帅 demands open on the 榜单, and the pairs whose texts share the most terms — a pointer
// for the science bureau and the parties, never a decision. Pure functions over public fields.
export interface LibraryResult {
  id: string;
  title: string;
  unit: string;
  field: string;
  category: string;
  summary: string;
  concludedOn: string | null;
}
export interface OpenDemand {
  id: string;
  title: string;
  unit: string;
  text: string;
}

/** Character bigrams of the CJK and alphanumeric runs of a text (what a Chinese text shares with another). */
function bigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const run of text.match(/[\p{Script=Han}A-Za-z0-9]+/gu) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  }
  return out;
}

/** Pairs of a result and a demand, by the share of the demand's terms the result covers (0–1), best first. */
export function matchResultsToDemands(results: LibraryResult[], demands: OpenDemand[], min = 0.08) {
  const r = results.map((x) => ({ x, terms: bigrams(`${x.title} ${x.field} ${x.summary}`) }));
  const pairs: { result: LibraryResult; demand: OpenDemand; score: number; shared: string[] }[] = [];
  for (const d of demands) {
    const terms = bigrams(`${d.title} ${d.text}`);
    if (terms.size === 0) continue;
    for (const { x, terms: t } of r) {
      const shared = [...terms].filter((b) => t.has(b));
      const score = Math.round((shared.length / terms.size) * 1000) / 1000;
      if (score >= min) pairs.push({ result: x, demand: d, score, shared: shared.slice(0, 12) });
    }
  }
  return pairs.sort((a, b) => b.score - a.score);
}
