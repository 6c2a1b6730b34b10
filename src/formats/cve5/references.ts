import type { Reference } from '../../domain/vulnerability.js';
import type { SourcedContainer } from './containers.js';

/**
 * CVE reference tags mapped to OSV reference types, most telling first: a link tagged both
 * 'patch' and 'vdb-entry' is a FIX. Tags not listed (and untagged links) are WEB.
 */
const TAG_TYPES: ReadonlyArray<readonly [tag: string, type: string]> = [
  ['vendor-advisory', 'ADVISORY'],
  ['third-party-advisory', 'ADVISORY'],
  ['patch', 'FIX'],
  ['exploit', 'EVIDENCE'],
  ['issue-tracking', 'REPORT'],
  ['signature', 'DETECTION'],
  ['technical-description', 'ARTICLE'],
  ['media-coverage', 'ARTICLE'],
  ['mailing-list', 'DISCUSSION'],
  ['government-resource', 'ADVISORY'],
  ['vdb-entry', 'ADVISORY'],
  ['product', 'PACKAGE'],
];

export function referenceType(tags: readonly string[] | undefined): string {
  const present = new Set(tags ?? []);
  return TAG_TYPES.find(([tag]) => present.has(tag))?.[1] ?? 'WEB';
}

/**
 * The CNA's references, then links only an ADP adds. The "CVE Program Container" ADP repeats
 * the CNA's links (tagged x_transferred), so a URL counts once and the first mention types it.
 */
export function referencesOf(containers: readonly SourcedContainer[]): Reference[] {
  const byUrl = new Map<string, Reference>();
  for (const { container } of containers) {
    for (const ref of container.references ?? []) {
      if (!byUrl.has(ref.url)) byUrl.set(ref.url, { type: referenceType(ref.tags), url: ref.url });
    }
  }
  return [...byUrl.values()];
}
