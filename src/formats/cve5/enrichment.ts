import type { SsvcDecisionPoints } from '../../domain/vulnerability.js';
import type { Report, SourcedContainer } from './containers.js';
import { utcTimestamp } from './dates.js';

const EXPLOITATION = ['none', 'poc', 'active'] as const;
const AUTOMATABLE = ['yes', 'no'] as const;
const TECHNICAL_IMPACT = ['partial', 'total'] as const;

function oneOf<T extends string>(allowed: readonly T[], value: string | undefined): T | undefined {
  return allowed.find((a) => a === value);
}

/**
 * CISA writes options as a list of one-entry objects ([{"Exploitation":"none"}, …]); a plain
 * object is read the same way. Names and values are compared case-insensitively.
 */
function optionsOf(options: unknown): Map<string, string> {
  const entries: readonly unknown[] = Array.isArray(options) ? options : [options];
  const found = new Map<string, string>();
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) continue;
    for (const [name, value] of Object.entries(entry)) {
      if (typeof value === 'string') found.set(name.trim().toLowerCase(), value.trim().toLowerCase());
    }
  }
  return found;
}

function decisionPoints(content: Record<string, unknown>, pointer: string, report: Report): SsvcDecisionPoints | null {
  const options = optionsOf(content.options);
  const exploitation = oneOf(EXPLOITATION, options.get('exploitation'));
  const automatable = oneOf(AUTOMATABLE, options.get('automatable'));
  const technicalImpact = oneOf(TECHNICAL_IMPACT, options.get('technical impact'));
  if (!exploitation || !automatable || !technicalImpact) {
    const got = JSON.stringify(Object.fromEntries(options));
    report(`${pointer}/options`, `SSVC options need Exploitation (none|poc|active), Automatable (yes|no) and Technical Impact (partial|total); got ${got}`);
    return null;
  }
  const timestamp = typeof content.timestamp === 'string' ? utcTimestamp(content.timestamp) : null;
  return { exploitation, automatable, technicalImpact, timestamp };
}

/** SSVC decision points from the first ADP `ssvc` metric (CISA's vulnrichment); CNA-supplied variants are not read. */
export function ssvcOf(containers: readonly SourcedContainer[], report: Report): SsvcDecisionPoints | null {
  for (const { container, pointer, role } of containers) {
    if (role !== 'adp') continue;
    const metrics = container.metrics ?? [];
    for (let j = 0; j < metrics.length; j++) {
      const other = metrics[j]?.other;
      if (other?.type === 'ssvc') return decisionPoints(other.content, `${pointer}/metrics/${j}/other/content`, report);
    }
  }
  return null;
}

/** An ADP says the CVE is in CISA's KEV catalog; the catalog itself remains the authority. */
export function kevHintOf(containers: readonly SourcedContainer[]): boolean {
  return containers.some(({ container, role }) => role === 'adp' && (container.metrics ?? []).some((m) => m.other?.type === 'kev'));
}
