import { Fragment } from 'react';
import { Link } from 'react-router-dom';
import type { Citation } from '../api';
import { docPath } from '../api';

function escapeRe(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Plain text with 文号 of documents in the library turned into links. */
export function LinkedText({ text, citations }: { text: string; citations: Citation[] }) {
  const linked = [...new Set(citations.filter((c) => c.inLibrary).map((c) => c.number))];
  if (linked.length === 0) return <>{text}</>;
  const re = new RegExp(
    `(${linked
      .sort((a, b) => b.length - a.length)
      .map(escapeRe)
      .join('|')})`,
    'g',
  );
  const parts = text.split(re);
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <Link key={i} to={docPath(p)} className="inline-citation">
            {p}
          </Link>
        ) : (
          <Fragment key={i}>{p}</Fragment>
        ),
      )}
    </>
  );
}
