import { Anchor } from 'antd';
import type { AnchorLinkItemProps } from 'antd/es/anchor/Anchor';
import type { Unit } from '../api';

const OUTLINE_KINDS = new Set(['part', 'chapter', 'section', 'article', 'level1', 'level2', 'level3']);

function title(u: Unit): string {
  const t = [u.label, u.heading].filter(Boolean).join(' ');
  if (t) return t;
  return u.anchor;
}

function toItems(units: Unit[], top: boolean): AnchorLinkItemProps[] {
  return units
    .filter((u) => OUTLINE_KINDS.has(u.kind) || (top && (u.kind === 'paragraph' || u.anchor.startsWith('附件'))))
    .map((u) => {
      const children = toItems(u.children, false);
      return {
        key: u.anchor,
        href: `#${u.anchor}`,
        title: <span title={title(u)}>{title(u)}</span>,
        ...(children.length ? { children } : {}),
      };
    });
}

/** Side outline of a document's units (chapters, articles, numbered headings). */
export function UnitOutline({ units, onNavigate, offset = 72 }: { units: Unit[]; onNavigate?: () => void; offset?: number }) {
  const items = toItems(units, true);
  if (items.length === 0) return <div className="outline-empty">本文件无分条目录</div>;
  return (
    <Anchor
      affix={false}
      targetOffset={offset}
      items={items}
      onClick={(e, link) => {
        // Anchor scrolls by itself; we only keep the history entry tidy (and the URL citable).
        e.preventDefault();
        window.history.replaceState(window.history.state, '', `#${encodeURIComponent(link.href.slice(1))}`);
        onNavigate?.();
      }}
    />
  );
}
