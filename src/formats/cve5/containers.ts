import type { ErrorCode } from '../../domain/errors.js';
import type { Cve5Container, Cve5PublishedRecord } from './record.js';

/** Records a finding at a JSON pointer into the record being parsed. */
export type Report = (pointer: string, message: string, code?: ErrorCode) => void;

/** A container with where it sits in the record and who provided it. */
export interface SourcedContainer {
  container: Cve5Container;
  pointer: string;
  /** providerMetadata.shortName, e.g. 'CISA-ADP'; the schema makes it optional, so the org UUID stands in */
  source: string;
  role: 'cna' | 'adp';
}

function sourceOf(container: Cve5Container, fallback?: string): string {
  return container.providerMetadata.shortName ?? fallback ?? container.providerMetadata.orgId;
}

/** The CNA container first, then every ADP container in record order. */
export function containersOf(record: Cve5PublishedRecord): SourcedContainer[] {
  const { cna, adp = [] } = record.containers;
  return [
    { container: cna, pointer: '/containers/cna', source: sourceOf(cna, record.cveMetadata.assignerShortName), role: 'cna' },
    ...adp.map((container, i) => ({ container, pointer: `/containers/adp/${i}`, source: sourceOf(container), role: 'adp' as const })),
  ];
}
