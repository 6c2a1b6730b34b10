import { ExternalLink } from './ExternalLink.js';

/** CWE ids, linked to MITRE's definitions. */
export function Weaknesses({ cwes }: { cwes: string[] }) {
  if (cwes.length === 0) return <p className="muted">No weakness classified.</p>;
  return (
    <ul className="inline-list">
      {cwes.map((cwe) => {
        const number = /^CWE-(\d+)$/i.exec(cwe)?.[1];
        return (
          <li key={cwe}>
            {number ? <ExternalLink href={`https://cwe.mitre.org/data/definitions/${number}.html`}>{cwe}</ExternalLink> : cwe}
          </li>
        );
      })}
    </ul>
  );
}
