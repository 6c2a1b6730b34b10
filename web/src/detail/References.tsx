import { ExternalLink } from './ExternalLink.js';
import type { Reference } from '../types.js';

const TYPE_LABEL: Record<string, string> = {
  ADVISORY: 'Advisory',
  ARTICLE: 'Article',
  DETECTION: 'Detection',
  DISCUSSION: 'Discussion',
  EVIDENCE: 'Evidence',
  FIX: 'Fix',
  INTRODUCED: 'Introduced',
  PACKAGE: 'Package',
  REPORT: 'Report',
  WEB: 'Web',
};

/** The record's references, each an outbound link labelled with its type. */
export function References({ references }: { references: Reference[] }) {
  if (references.length === 0) return <p className="muted">No references.</p>;
  return (
    <ul className="reference-list">
      {references.map((r, i) => (
        <li key={`${r.url}-${String(i)}`}>
          <span className="ref-type">{TYPE_LABEL[r.type.toUpperCase()] ?? r.type}</span>
          <ExternalLink href={r.url} />
        </li>
      ))}
    </ul>
  );
}
