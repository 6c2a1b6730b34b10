import { severityFromVector } from '../../domain/cvss.js';
import type { Severity } from '../../domain/vulnerability.js';
import type { Report, SourcedContainer } from './containers.js';

const CVSS_KEYS = ['cvssV4_0', 'cvssV3_1', 'cvssV3_0', 'cvssV2_0'] as const;

/**
 * Every CVSS vector of every container, scored by us (a provided baseScore is never trusted),
 * attributed to its provider. CNAs often repeat one vector across metrics entries (one per
 * scenario), so a vector counts once per source.
 */
export function severitiesOf(containers: readonly SourcedContainer[], report: Report): Severity[] {
  const found = new Map<string, Severity>();
  for (const { container, pointer, source } of containers) {
    (container.metrics ?? []).forEach((metric, j) => {
      for (const key of CVSS_KEYS) {
        const cvss = metric[key];
        if (!cvss) continue;
        const result = severityFromVector(cvss.vectorString, source);
        if (!result.ok) {
          report(`${pointer}/metrics/${j}/${key}/vectorString`, result.error, 'INVALID_CVSS');
          continue;
        }
        const id = `${source}\u0000${result.severity.vector}`;
        if (!found.has(id)) found.set(id, result.severity);
      }
    });
  }
  return [...found.values()];
}
