import type { ReactNode } from 'react';
import { safeHttpUrl } from '../format.js';

/** A link out of the console: http(s) only, new tab, no opener and no referrer. */
export function ExternalLink({ href, children }: { href: string; children?: ReactNode }) {
  const url = safeHttpUrl(href);
  if (!url) return <span className="unsafe-url">{children ?? href}</span>;
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" className="external">
      {children ?? href}
    </a>
  );
}
