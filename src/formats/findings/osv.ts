import { severityRating } from '../../domain/cvss.js';
import type { Finding } from '../../domain/finding.js';
import type { AffectedPackage, AffectedRange, Vulnerability } from '../../domain/vulnerability.js';
import { parseOsv } from '../osv/parse.js';
import { ok, type Parsed } from '../result.js';
import { bounded, FINDING_LIMITS, NO_LOCATION } from './common.js';

/** OSV names no finding tool; the provenance says where the report came from. */
const OSV_TOOL = 'osv';

/**
 * An OSV record submitted as a finding: validated and normalized by the OSV importer's parser
 * (official schema, purls, CVSS scored by us), then reduced to one Finding about its first affected
 * package. Summary and details are cut to the intake's bounds, marked `…`.
 */
export function parseOsvFinding(doc: unknown, file?: string): Parsed<Finding[]> {
  const parsed = parseOsv(doc, file);
  if (!parsed.ok) return parsed;
  return ok([findingOf(parsed.value)]);
}

function findingOf(v: Vulnerability): Finding {
  const first = v.affected[0];
  // An entry without a package is a repository: its GIT range names the repository URL.
  const repository = first && first.ecosystem === 'GIT' && first.purl === null ? (first.ranges.find((r) => r.repo)?.repo ?? null) : null;
  const top = v.severities.reduce<number | null>((max, s) => (max === null || s.baseScore > max ? s.baseScore : max), null);
  return {
    externalId: v.id,
    title: bounded(v.summary || v.id, FINDING_LIMITS.titleChars),
    description: bounded(v.details, FINDING_LIMITS.descriptionChars),
    purl: first?.purl ?? null,
    affectedVersions: first ? affectedVersionsText(first) : null,
    repository,
    commit: null,
    location: { ...NO_LOCATION },
    cwes: v.cwes,
    claimedImpact: null,
    aliases: v.aliases,
    fingerprints: {},
    ruleId: null,
    severity: top === null ? null : severityRating(top),
    provenance: { tool: OSV_TOOL, toolVersion: null, runId: null, configHash: null },
    attachments: [],
  };
}

/**
 * The package's ranges as text, one range per `;`: `ECOSYSTEM >=0, <1.2.3`, `GIT (repo) >=abc, <def`,
 * then the explicit versions list when the record has one. Null when the record names neither.
 */
export function affectedVersionsText(a: AffectedPackage): string | null {
  const parts = a.ranges.map(rangeText);
  if (a.versions.length) parts.push(`versions ${a.versions.join(', ')}`);
  return parts.length ? bounded(parts.join('; '), FINDING_LIMITS.descriptionChars) : null;
}

function rangeText(r: AffectedRange): string {
  const events = r.events.map((e) => {
    if (e.introduced !== undefined) return `>=${e.introduced}`;
    if (e.fixed !== undefined) return `<${e.fixed}`;
    if (e.last_affected !== undefined) return `<=${e.last_affected}`;
    return `limit <${e.limit ?? ''}`;
  });
  return `${r.type}${r.repo ? ` (${r.repo})` : ''} ${events.join(', ')}`;
}
