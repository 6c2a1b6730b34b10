/** Coordinated disclosure (docs/API.md, "Coordinated disclosure"): the shapes the API answers and the labels shown for them. */

/** A time about an embargo or a deadline: UTC, and local wall time with its offset and zone. */
export interface Zoned {
  at: string;
  local: string;
}

export interface Participant {
  org: { id: string; slug: string; name: string };
  role: 'reporter' | 'vendor' | 'coordinator';
  source: 'auto' | 'manual';
  addedAt: string;
  addedBy?: string | null;
  reason?: string | null;
  releasedAt: string | null;
  ack: { status: string; dueAt: Zoned; escalatesAt: Zoned; acknowledgedAt: string | null } | null;
  status: { status: string; statement: string | null; at: string | null } | null;
}

export const TLP_LABELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type Tlp = (typeof TLP_LABELS)[number];

export interface Message {
  id: number | string;
  thread: string;
  tlp: Tlp;
  body: string;
  author: { org: string | null; role: string; actor?: string | null };
  createdAt: string;
}

export interface Extension {
  id: string;
  status: string;
  from: Zoned;
  until: Zoned;
  reason: string;
  requestedAt: string;
  agreed: string[];
  awaiting: string[];
}

export interface Embargo {
  /** `2027-03-02T15:00:00-05:00 (America/New_York)`, shown as is */
  publicAt: string;
  at: string;
  zone: string;
  utcOffset: string;
  basis: string;
  reason: string;
  agreedBy: string[];
  notifiedAt: Zoned | null;
  setAt: string;
  lifted: boolean;
  exploited: boolean;
  extension: Extension | null;
}

export interface EmbargoAnswer {
  embargo: Embargo | null;
  policy: { days: number; exploitedDays: number; releaseTime: string; timeZone: string };
}

export interface Identifiers {
  id: string | null;
  cve: string | null;
}

export const VENDOR_STATUSES = ['affected', 'not_affected', 'fixed', 'under_investigation', 'unknown'] as const;
export type VendorStatus = (typeof VENDOR_STATUSES)[number];

const VENDOR_STATUS_LABEL: Record<string, string> = {
  affected: 'Affected',
  not_affected: 'Not affected',
  fixed: 'Fixed',
  under_investigation: 'Under investigation',
  unknown: 'Unknown',
};

export function vendorStatusLabel(status: string | null | undefined): string {
  return status ? (VENDOR_STATUS_LABEL[status] ?? status) : 'No status yet';
}

/** Chip tone of an acknowledgement: late is red, waiting amber. */
export function ackTone(status: string): 'ok' | 'warn' | 'danger' {
  return status === 'acknowledged' ? 'ok' : status === 'pending' ? 'warn' : 'danger';
}

const BASIS_LABEL: Record<string, string> = {
  policy: 'policy',
  exploited: 'exploited policy',
  extension: 'agreed extension',
  'early-release': 'early release',
  manual: 'set by a coordinator',
};

export function basisLabel(basis: string): string {
  return BASIS_LABEL[basis] ?? basis;
}

/** The threads a user may pick: the whole case's, then each vendor's private one (a vendor: only its own). */
export function threadsFor(participants: readonly Participant[], ownVendorSlug: string | null, coordinator: boolean): string[] {
  const vendors = participants.filter((p) => p.role === 'vendor').map((p) => p.org.slug);
  if (coordinator) return ['all', ...vendors];
  return ownVendorSlug && vendors.includes(ownVendorSlug) ? ['all', ownVendorSlug] : ['all'];
}

export function threadLabel(thread: string, participants: readonly Participant[]): string {
  if (thread === 'all') return 'Whole case';
  const name = participants.find((p) => p.org.slug === thread)?.org.name ?? thread;
  return `Private: ${name}`;
}

/** An extension request from the form: a whole number of days, or a date (`YYYY-MM-DD HH:MM` or ISO). */
export function extensionBody(value: string, reason: string): { days: number; reason: string } | { until: string; reason: string } | { problem: string } {
  const text = value.trim();
  if (!reason.trim()) return { problem: 'Say why the embargo should be extended.' };
  if (/^\d{1,3}$/.test(text) && Number(text) > 0) return { days: Number(text), reason: reason.trim() };
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/.test(text)) return { until: text, reason: reason.trim() };
  return { problem: 'Extend by a number of days, or until a date (YYYY-MM-DD HH:MM).' };
}
