import { Button, Tooltip, message } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import type { Citation, DocTableData, Unit } from '../api';
import { DocTable } from './DocTable';
import { LinkedText } from './LinkedText';

interface Ctx {
  tables: DocTableData[];
  citations: Citation[];
}

/** Text of a unit without its heading line (the API repeats the heading as the first line). */
function bodyText(unit: Unit): string {
  const { heading, text } = unit;
  if (!heading) return text;
  if (text === heading) return '';
  if (text.startsWith(heading + '\n')) return text.slice(heading.length + 1);
  return text;
}

function copyLink(anchor: string) {
  const url = `${window.location.origin}${window.location.pathname}#${encodeURIComponent(anchor)}`;
  const done = () => message.success('已复制本条链接');
  if (navigator.clipboard?.writeText) navigator.clipboard.writeText(url).then(done, () => message.info(url));
  else message.info(url);
}

const HEADING_KINDS = new Set(['part', 'chapter', 'section', 'level1', 'level2']);

/** One unit of a document body (article, clause, item, numbered heading…), rendered recursively. */
export function UnitView({ unit, ctx, depth = 0 }: { unit: Unit; ctx: Ctx; depth?: number }) {
  const body = bodyText(unit);
  const isHeading = HEADING_KINDS.has(unit.kind);
  const paragraphs = body ? body.split('\n').filter((p) => p.trim() !== '') : [];
  const inlineLabel = unit.label && !isHeading && !unit.heading;
  return (
    <section id={unit.anchor} className={`unit unit-${unit.kind}`} data-anchor={unit.anchor}>
      {(isHeading || unit.heading) && (
        <div className={`unit-heading unit-heading-${unit.kind}`}>
          <span>
            {unit.label && <span className="unit-label">{unit.label}</span>}
            {unit.heading && <span>{unit.heading}</span>}
          </span>
          <PermaLink anchor={unit.anchor} />
        </div>
      )}
      {paragraphs.map((p, i) => (
        <p key={i} className="unit-text">
          {i === 0 && inlineLabel && <strong className="unit-label">{unit.label}</strong>}
          <LinkedText text={p} citations={ctx.citations} />
          {i === 0 && !isHeading && !unit.heading && <PermaLink anchor={unit.anchor} />}
        </p>
      ))}
      {paragraphs.length === 0 && inlineLabel && (
        <p className="unit-text">
          <strong className="unit-label">{unit.label}</strong>
          <PermaLink anchor={unit.anchor} />
        </p>
      )}
      {unit.tables.map((ti) => {
        const t = ctx.tables.find((x) => x.index === ti) ?? ctx.tables[ti];
        return t ? <DocTable key={ti} table={t} /> : null;
      })}
      {unit.children.map((c) => (
        <UnitView key={c.anchor} unit={c} ctx={ctx} depth={depth + 1} />
      ))}
    </section>
  );
}

function PermaLink({ anchor }: { anchor: string }) {
  return (
    <span className="permalink">
      <Tooltip title={`本条链接：#${anchor}`}>
        <a href={`#${encodeURIComponent(anchor)}`} aria-label={`${anchor} 的链接`} className="permalink-anchor">
          #
        </a>
      </Tooltip>
      <Tooltip title="复制本条链接">
        <Button type="text" size="small" icon={<LinkOutlined />} aria-label={`复制 ${anchor} 的链接`} onClick={() => copyLink(anchor)} />
      </Tooltip>
    </span>
  );
}
