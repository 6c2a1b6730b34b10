import { addCalendarDays, showInZone } from './embargo.js';
import type { Tlp } from './tlp.js';

/**
 * Coordinated-disclosure rules, pure: who reads which message and which timeline entry, where one
 * may post, a vendor's acknowledgement state, the parties an embargo extension waits for, and the
 * formats of identifiers and zoned times.
 */

export const VENDOR_STATUSES = ['affected', 'not_affected', 'fixed', 'under_investigation', 'unknown'] as const;
export type VendorStatus = (typeof VENDOR_STATUSES)[number];

export type ParticipantRole = 'reporter' | 'vendor' | 'coordinator';

/** A reader of a case: a coordinator (an analyst) reads everything; others by the roles their organization holds on it. */
export interface CaseReader {
  orgId: string;
  coordinator: boolean;
  /** empty: not a participant (the case answers 404) */
  roles: readonly ParticipantRole[];
}

export interface MessageLabel {
  tlp: Tlp;
  /** null: the whole case's thread; else the vendor whose private thread with the coordinators it is */
  threadVendorId: string | null;
  authorOrgId: string | null;
}

/**
 * Who reads a message. Coordinators: all. A vendor: its own private thread, whole. Any participant:
 * the case thread's CLEAR, GREEN and AMBER messages; AMBER+STRICT and RED only when its own
 * organization wrote them (the coordinators read them too). Non-participants: nothing.
 */
export function canReadMessage(reader: CaseReader, m: MessageLabel): boolean {
  if (reader.coordinator) return true;
  if (reader.roles.length === 0) return false;
  if (m.threadVendorId !== null) return reader.roles.includes('vendor') && m.threadVendorId === reader.orgId;
  if (m.tlp === 'AMBER+STRICT' || m.tlp === 'RED') return m.authorOrgId === reader.orgId;
  return true;
}

/** Coordinators post anywhere; a vendor in the case thread or its own; a reporter in the case thread. */
export function canPost(reader: CaseReader, threadVendorId: string | null): boolean {
  if (reader.coordinator) return true;
  if (threadVendorId === null) return reader.roles.length > 0;
  return reader.roles.includes('vendor') && threadVendorId === reader.orgId;
}

/** Timeline entries every participant sees; the rest are the coordinators', except as said in canSeeEvent. */
const SHARED_EVENTS = new Set([
  'verdict', 'participant', 'vendor-status', 'acknowledge', 'embargo', 'exploited', 'identifier', 'cve',
  // participants read the advisory draft, so they see when it was drafted, edited, approved or reopened
  'advisory-draft', 'advisory-edit', 'advisory-ready', 'advisory-reopen',
  // and when it was published (a failed publication, with the validator's findings, stays the coordinators')
  'advisory-published',
]);
/** SLA notices concern one vendor: that vendor and the coordinators see them. */
const VENDOR_EVENTS = new Set(['reminder', 'escalation']);

/** Which timeline entries a reader sees: message entries by the message rule, never another vendor's thread. */
export function canSeeEvent(reader: CaseReader, e: { kind: string; details: unknown }): boolean {
  if (reader.coordinator) return true;
  if (reader.roles.length === 0) return false;
  const d = (typeof e.details === 'object' && e.details !== null ? e.details : {}) as Record<string, unknown>;
  if (e.kind === 'message') {
    const tlp = d.tlp as Tlp;
    return canReadMessage(reader, { tlp, threadVendorId: typeof d.thread === 'string' ? d.thread : null, authorOrgId: typeof d.authorOrgId === 'string' ? d.authorOrgId : null });
  }
  if (VENDOR_EVENTS.has(e.kind)) return d.vendorOrgId === reader.orgId;
  if (e.kind === 'reply') return reader.roles.includes('reporter');
  return SHARED_EVENTS.has(e.kind);
}

export type AckStatus = 'pending' | 'acknowledged' | 'overdue' | 'escalated';

export interface AckState {
  status: AckStatus;
  dueAt: Date;
  /** twice the SLA after the release */
  escalatesAt: Date;
}

/**
 * A vendor's acknowledgement of a release: due `slaDays` calendar days after it (in `zone`, same
 * wall time), escalated after twice that; acknowledged whenever it came, even late.
 */
export function ackState(input: { releasedAt: Date; acknowledgedAt: Date | null; now: Date; slaDays: number; zone: string }): AckState {
  const due = addCalendarDays(input.releasedAt, input.slaDays, input.zone);
  const escalates = addCalendarDays(input.releasedAt, 2 * input.slaDays, input.zone);
  // the zone and days come from validated configuration; fall back to 24-hour days rather than throw
  const dueAt = due.ok ? due.value : new Date(input.releasedAt.getTime() + input.slaDays * 86_400_000);
  const escalatesAt = escalates.ok ? escalates.value : new Date(input.releasedAt.getTime() + 2 * input.slaDays * 86_400_000);
  const now = input.now.getTime();
  const status: AckStatus = input.acknowledgedAt ? 'acknowledged' : now >= escalatesAt.getTime() ? 'escalated' : now >= dueAt.getTime() ? 'overdue' : 'pending';
  return { status, dueAt, escalatesAt };
}

/** The calendar date of an instant in a zone, `YYYY-MM-DD`: reminders are one per such day. */
export function localDate(at: Date, zone: string): string {
  const shown = showInZone(at, zone);
  return shown.ok ? shown.value.local.slice(0, 10) : at.toISOString().slice(0, 10);
}

export const COORDINATOR_PARTY = 'coordinator';

/** The parties an extension still waits for: the coordinator and every vendor participant, less those who agreed. */
export function awaitedParties(vendorOrgIds: readonly string[], agreed: readonly string[]): string[] {
  const done = new Set(agreed);
  return [COORDINATOR_PARTY, ...new Set(vendorOrgIds)].filter((p) => !done.has(p));
}

export const CVE_ID = /^CVE-\d{4}-\d{4,}$/;

/** `AICC-2027-0042`: the prefix, the year, and the year's sequence number, at least four digits. */
export function formatVulnId(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(4, '0')}`;
}
