/** The reporter portal: submitting findings, reading receipts, and the organization's own claims. */

import type { Claim, ScanTarget } from '../scanning/scanningModel.js';
import type { CaseSummary, Receipt, User } from '../types.js';

/** Reporter organizations submit findings and keep a portal; operators submit through the API. */
export function isReporter(user: User | null): boolean {
  return Boolean(user?.org.roles.includes('reporter'));
}

export const FINDING_FORMATS = ['auto', 'sarif', 'osv', 'native'] as const;
export type FindingFormat = (typeof FINDING_FORMATS)[number];

export const FORMAT_LABEL: Record<FindingFormat, string> = {
  auto: 'Detect from the document',
  sarif: 'SARIF 2.1.0',
  osv: 'OSV',
  native: 'AICC findings JSON',
};

/** SARIF goes as application/sarif+json (by the chosen format or the file name), everything else as JSON. */
export function findingsContentType(format: FindingFormat, fileName: string): string {
  return format === 'sarif' || (format === 'auto' && /\.sarif(\.json)?$/i.test(fileName)) ? 'application/sarif+json' : 'application/json';
}

/**
 * A fresh Idempotency-Key: the same key sent again (a retried upload) gives back the first receipt
 * rather than a second submission. crypto.randomUUID needs a secure context, hence the fallback.
 */
export function newSubmissionKey(): string {
  if (typeof crypto.randomUUID === 'function') return `sub-${crypto.randomUUID()}`;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `sub-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** What the receipt says in one line. */
export function receiptSummary(receipt: Receipt): string {
  const duplicates = receipt.findings.filter((f) => f.status === 'duplicate').length;
  const fresh = receipt.findings.length - duplicates;
  const head = receipt.status === 'unchanged' ? `Already received as ${receipt.submission.name}` : `Received ${receipt.submission.name}`;
  return `${head}: ${String(receipt.findings.length)} finding${receipt.findings.length === 1 ? '' : 's'}, ${String(fresh)} opening a new case, ${String(duplicates)} joining an existing one.`;
}

/** The organization's own live claims, with their targets, soonest to end first. */
export function ownClaims(targets: readonly ScanTarget[], user: User): { target: ScanTarget; claim: Claim }[] {
  const out = targets.flatMap((target) => target.claims.filter((c) => c.org === user.org.slug).map((claim) => ({ target, claim })));
  return out.sort((a, b) => (a.claim.expiresAt ?? '9999').localeCompare(b.claim.expiresAt ?? '9999'));
}

/** Case statuses by id, for a receipt's findings (a case the reporter no longer sees has none). */
export function statusById(cases: readonly CaseSummary[]): Map<string, string> {
  return new Map(cases.map((c) => [c.id, c.status]));
}
