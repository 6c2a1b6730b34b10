import { severityRating } from './cvss.js';
import type { Vulnerability } from './vulnerability.js';

export type SeverityName = 'critical' | 'high' | 'medium' | 'low' | 'none';

/** What a list of vulnerabilities shows of each: small, so searches never load whole records. */
export interface VulnCard {
  id: string;
  source: string;
  summary: string;
  aliases: string[];
  modified: string;
  published: string | null;
  withdrawn: string | null;
  maxScore: number | null;
  severity: SeverityName | null;
  packages: Array<{ ecosystem: string; name: string; purl: string | null }>;
}

const MAX_PACKAGES = 10;

export function maxScore(v: Vulnerability): number | null {
  return v.severities.length ? Math.max(...v.severities.map((s) => s.baseScore)) : null;
}

export function vulnCard(v: Vulnerability): VulnCard {
  const score = maxScore(v);
  const packages = new Map<string, VulnCard['packages'][number]>();
  for (const a of v.affected) {
    if (packages.size >= MAX_PACKAGES) break;
    packages.set(`${a.ecosystem}\0${a.name}`, { ecosystem: a.ecosystem, name: a.name, purl: a.purl });
  }
  return {
    id: v.id, source: v.source, summary: v.summary, aliases: v.aliases, modified: v.modified, published: v.published,
    withdrawn: v.withdrawn, maxScore: score, severity: score === null ? null : severityRating(score), packages: [...packages.values()],
  };
}
